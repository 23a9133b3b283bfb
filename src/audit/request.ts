import { dirname, resolve } from 'node:path';
import { findContract, type ContractFile } from '../adapters/contract/load-contract.js';
import { loadMapFile } from '../adapters/ingest/map-file.js';
import type { UptimeMap } from '../adapters/ingest/uptime-map.js';
import { CANONICAL, type TicketMapping } from '../adapters/ingest/mapping.js';
import { TICKET_PRESETS } from '../adapters/ingest/presets.js';
import { CANONICAL_EVENTS, EVENT_PRESETS, type EventMapping } from '../adapters/ingest/event-mapping.js';
import { VendorAgents } from '../adapters/ingest/vendor-agents.js';
import type { ReadTicketsOptions } from '../adapters/ingest/read-tickets.js';
import type { ReadUptimeOptions, UptimePreset } from '../adapters/ingest/read-uptime.js';
import { PRESET_NAMES, presetNamed } from '../adapters/ingest/registry.js';
import { inputName, type InputSource, type OnBytes } from '../adapters/ingest/records.js';
import { bundledPolicyIds, bundledPolicyPath, resolvePolicy } from '../adapters/policy/load-policy.js';
import { partiesOf, type ClaimParties, type Contract } from '../core/contract.js';
import type { ServiceDef } from '../core/availability/audit-availability.js';
import { InputError, UsageError } from '../core/issues.js';
import { isCurrency } from '../core/money.js';
import type { Period } from '../core/period.js';
import type { Policy, TierDef } from '../core/policy/model.js';
import { applyContract } from '../core/policy/overrides.js';
import { isKnownZone } from '../core/time/zone.js';
import {
  coverageSpan,
  feeOf,
  inputPath,
  inputsOf,
  lastClaimWithinRange,
  parseAsOf,
  periodsOf,
} from './request-values.js';
import { shownPath } from './paths.js';
import { serviceDefs } from './service-defs.js';

/**
 * Everything one audit needs, resolved: plain data a dashboard can build by
 * hand or get from `loadRequest`.
 */
export interface AuditRequest {
  /** The policy with the contract's overrides applied. */
  policy: Policy;
  tier: TierDef;
  /** One report per period, in order. */
  periods: Period[];
  /** The instant open tickets are judged at (epoch ms). */
  asOf: number;
  currency: string;
  /** The fee of one billing period in minor units (a month's, or a quarter's: three months'); null for percentages only. */
  feeMinor: number | null;
  /** Ticket exports and uptime logs: paths (relative to `cwd`; "-" is stdin) or named streams. */
  tickets: InputSource[];
  uptime: InputSource[];
  /** Event exports (comments, journals, status changes) joined to the tickets by id. */
  events?: InputSource[];
  /** The folder inputs are named and read from: the contract's when one applies, else the working folder. */
  cwd: string;
  /** How to read the ticket exports; null: no preset or map decides, and every ticket reader is asked. */
  mapping: TicketMapping | null;
  /** How to read the event exports (default: the canonical event fields). */
  eventMapping?: EventMapping;
  /** Who speaks for the vendor in the events: ids, user names, e-mails, "@domain". */
  vendorAgents?: readonly string[];
  uptimePreset: UptimePreset | null;
  /** How to read an uptime log of no known shape (a map's `uptime:` block). */
  uptimeMap: UptimeMap | null;
  /** Zone for timestamps without an offset (overrides the mapping's). */
  inputTz: string | null;
  /** Services in scope; null: every service in the logs. */
  services: readonly string[] | null;
  /** The contract's services, each with its components, target and fee for the period. */
  serviceDefs?: readonly ServiceDef[] | null;
  /** Monthly availability known from before the logs: "YYYY-MM" → percent. */
  history: ReadonlyMap<string, number>;
  /**
   * What outage lists and daily downtime totals speak for, outages or not (epoch ms, whole months of
   * the billing zone); null: outage lists the months they mention, totals the days they list. Never
   * applied to probe samples, heartbeats or state logs.
   */
  coverage?: readonly [number, number] | null;
  /** The same per log service, where services start at different dates (wins over `coverage`). */
  coverageByService?: ReadonlyMap<string, readonly [number, number]> | null;
  /** Skip bad rows (each one a warning) instead of failing. */
  skipInvalid: boolean;
  /** The policy, contract and map files the request was made from (absolute paths), besides the inputs. */
  files: string[];
  /** The same by what each is, named as the inputs are (a bundled policy: its file in the package), for their checksums. */
  sources?: { policy: string; contract: string | null; map: string | null };
  /** Who claims from whom, from the contract: what a credit claim names. */
  parties?: ClaimParties;
  /** Keep where each logged outage was read (a claim cites it; an audit need not hold it). */
  evidenceOrigins?: boolean;
  /**
   * The contract file applied: as given (--config) or found (./sla-audit.yaml in `cwd`), relative
   * to `cwd` where it lies inside it; null when none. A report names it: a contract found without a
   * word can change every figure.
   */
  contract?: AppliedContract | null;
  /** Bytes read, for a progress display. */
  onBytes?: OnBytes;
}

export interface AppliedContract {
  file: string;
  /** true: found in the working folder, not named by --config. */
  found: boolean;
  /** What finance quotes to the vendor: the agreement's reference, and who claims from whom. */
  reference: string | null;
  customer: string | null;
  vendor: { name: string | null; claimsContact: string | null } | null;
}

/** What a user states, as text: the CLI's flags, or a dashboard's settings. A contract fills in what is not given. */
export interface RequestOptions {
  config?: string;
  policy?: string;
  tier?: string;
  month?: string;
  from?: string;
  to?: string;
  asOf?: string;
  fee?: string;
  annualFee?: string;
  currency?: string;
  inputTz?: string;
  preset?: string[];
  map?: string;
  /** Inputs; a list not given (undefined) is the contract's, an empty one is none. */
  tickets?: InputSource[];
  uptime?: InputSource[];
  events?: InputSource[];
  /** Added to the contract's vendorAgents. */
  vendorAgents?: string[];
  skipInvalid?: boolean;
}

export function resolveTier(policy: Policy, name: string): TierDef {
  const key = name.trim().toLowerCase();
  const tier = policy.tiers.find((t) => t.id.toLowerCase() === key || t.aliases.some((a) => a.toLowerCase() === key));
  if (!tier) {
    const names = policy.tiers.map((t) => (t.aliases.length ? `${t.id} (${t.aliases.join(', ')})` : t.id));
    throw new UsageError(`--tier: policy ${policy.id} has no tier "${name}" (expected one of ${names.join(', ')})`);
  }
  return tier;
}

/** Where a request is loaded from: the folder relative paths are read from, the clock, the stdin "-" reads. */
export interface RequestEnv {
  cwd: string;
  now: () => number;
  stdin?: AsyncIterable<Uint8Array>;
}

/**
 * Options first, then the contract (`config`, or ./sla-audit.yaml in `cwd`),
 * then the policy's own defaults: the one place where what a user states
 * becomes an audit request. Relative paths are read from `cwd`. Reads each
 * file of the request (contract, policy, map) once, and no input row.
 */
export function loadRequest(o: RequestOptions, env: RequestEnv): AuditRequest {
  const loaded = resolveRequest(o, env, null);
  // Not null when a policy and a tier are required: resolveRequest throws without them.
  return loaded.request as AuditRequest;
}

/** What `validate <contract>` found: the contract, and the request it makes (null when it names no policy, which a flag then gives). */
export interface ValidContract {
  contract: Contract;
  request: (Omit<AuditRequest, 'tier'> & { tier: TierDef | null }) | null;
}

/**
 * `validate <contract>`: the audit's own loader over the contract alone, so that the two cannot
 * disagree; stops before any row is read. What the contract leaves to flags (its policy, its tier)
 * is not required. `text`: the contract's text, read once by the caller.
 */
export function validateContract(file: string, text: string, env: RequestEnv): ValidContract {
  const loaded = resolveRequest({ config: file }, env, text);
  return { contract: loaded.contract!, request: loaded.request };
}

/** loadRequest, or (with `validateText`, the contract's text) validateContract's lenient run of it. */
function resolveRequest(
  o: RequestOptions,
  env: RequestEnv,
  validateText: string | null,
): { contract: Contract | null; request: ValidContract['request'] } {
  const validating = validateText !== null;
  const { cwd, stdin } = env;
  // "-" is the stdin the caller hands over (the process's own when none).
  const stdinAs = (s: InputSource): InputSource => (s === '-' && stdin ? { name: '-', stream: stdin } : s);
  const found = findContract(o.config, cwd, validateText ?? undefined);
  const contract = found?.contract ?? null;
  const policyRef = o.policy ?? contract?.policy ?? undefined;
  // The contract's own problems come first when --policy replaces the policy it names (which is then never read).
  if (o.policy !== undefined || policyRef === undefined) found?.throwIfInvalid();
  if (!policyRef) {
    if (validating) return { contract, request: null };
    throw new UsageError(
      '--policy is required (a bundled id such as websoft9, or a path to a policy file), or a contract file naming it — see `sla-audit policies list` and `sla-audit init`',
    );
  }
  // The contract's policy is read once, here; a problem with it is the contract's, at its line.
  const named = found && o.policy === undefined ? found.policy() : resolvePolicy(policyRef, cwd);
  if (found) {
    if (named) found.checkAgainst(named, o.tier === undefined, o.currency);
    if (found.issues.length > 0) {
      // Its map file's problems too, before the contract is refused: every problem at once.
      const mapFile = contract?.mapFile;
      if (named && mapFile && o.map === undefined)
        loadContractMap(found, () => loadMapFile(CANONICAL, mapFile, named, cwd));
      found.throwIfInvalid();
    }
  }
  // Undefined only with a problem in the contract, thrown above.
  const policy = found ? applyContract(named!, found.contract) : named!;
  const tierName = o.tier ?? contract?.tier ?? undefined;
  if (!tierName && !validating)
    throw new UsageError(`--tier is required (policy ${policy.id} has ${policy.tiers.map((t) => t.id).join(', ')})`);
  const tier = tierName ? resolveTier(policy, tierName) : null;
  const asOf = parseAsOf(o.asOf, env.now);
  const periods = periodsOf(o, asOf, policy.billingZone, policy.billingPeriod);
  lastClaimWithinRange(policy, periods[periods.length - 1]!);

  const currency = (o.currency ?? contract?.currency ?? policy.currency).toUpperCase();
  if (!isCurrency(currency))
    throw new UsageError(
      `${o.currency !== undefined ? '--currency' : `${contract?.file ?? 'the policy'}: currency`} must be an ISO 4217 code such as USD (got: "${currency}")`,
    );
  const feeMinor = feeOf(o, contract, currency, periods[0]!.months);
  // The policy's minimum payable amount is in its currency: compared with another's, it would be a wrong threshold.
  if (policy.credits.minimumPayableMinor !== null && currency !== policy.currency) {
    throw new UsageError(
      `policy ${policy.id} does not pay credits under a minimum in ${policy.currency}; this audit is in ${currency} — audit in ${policy.currency}, or copy the policy and state its minimumPayable in ${currency}`,
    );
  }
  const inputTz = o.inputTz ?? contract?.inputTz ?? null;
  if (inputTz !== null && !isKnownZone(inputTz))
    throw new UsageError(
      `${o.inputTz !== undefined ? '--input-tz' : `${contract?.file}: inputs.inputTz`} must be an IANA zone such as Europe/London (got: "${inputTz}")`,
    );
  // A preset may be given once for the tickets and once for the uptime logs.
  let mapping: TicketMapping | null = null;
  let uptimePreset: UptimePreset | null = null;
  let eventMapping: EventMapping = CANONICAL_EVENTS;
  const presets = o.preset && o.preset.length > 0 ? o.preset : (contract?.presets ?? []);
  for (const name of presets) {
    const key = name.toLowerCase();
    const kind = presetNamed(key)?.kind;
    if (kind === 'tickets') mapping = TICKET_PRESETS.get(key)!;
    else if (kind === 'events') {
      const eventPreset = EVENT_PRESETS.get(key)!;
      if (eventMapping !== CANONICAL_EVENTS && eventMapping !== eventPreset)
        throw new UsageError(
          `--preset: one event preset per run (got ${eventMapping.name} and ${key}): audit the other export in a run of its own, or merge the two into one events file`,
        );
      eventMapping = eventPreset;
    } else if (kind === 'uptime') uptimePreset = key;
    else throw new UsageError(`--preset must be one of ${PRESET_NAMES.join(', ')} (got: "${name}")`);
  }
  const mapFile = o.map ?? contract?.mapFile ?? undefined;
  let uptimeMap: UptimeMap | null = null;
  if (mapFile !== undefined) {
    // A map refines the preset, or the canonical fields: either way it decides how tickets are read.
    const base = { tickets: mapping ?? CANONICAL, events: eventMapping };
    const read = () => loadMapFile(base.tickets, mapFile, policy, cwd, base.events);
    ({
      tickets: mapping,
      uptime: uptimeMap,
      events: eventMapping,
    } = o.map === undefined && found ? loadContractMap(found, read) : read());
  }
  // Inputs named from the contract's folder: a report names them the same wherever the audit runs from.
  const base = contract ? dirname(resolve(cwd, contract.file)) : cwd;
  const tickets = inputsOf(o.tickets ?? contract?.tickets ?? [], cwd, stdinAs, base);
  if (tickets.length > 0 && policy.priorities.length === 0) {
    throw new UsageError(
      `policy ${policy.id} names no priorities: it audits availability only — audit the uptime logs, or use a policy with priorities for the tickets`,
    );
  }
  const uptime = inputsOf(o.uptime ?? contract?.uptime ?? [], cwd, stdinAs, base);
  const events = inputsOf(o.events ?? contract?.events ?? [], cwd, stdinAs, base);
  // stdin is read once: a second reader would see an empty file.
  if ([...tickets, ...uptime, ...events].filter((s) => inputName(s) === '-').length > 1)
    throw new UsageError('- (stdin) can be read once: give it for one input only, and the others as files');
  // A preset on the command line for an input the run does not read would be silently unused.
  for (const name of o.preset ?? []) {
    const key = name.toLowerCase();
    const kind = presetNamed(key)?.kind;
    const [reads, has] =
      kind === 'tickets'
        ? ['ticket exports', tickets.length > 0]
        : kind === 'events'
          ? ['event exports', events.length > 0]
          : ['uptime logs', uptime.length > 0];
    if (!has)
      throw new UsageError(
        `--preset ${name} reads ${reads}, and this run reads none — drop it, or give the ${reads} it is for`,
      );
  }
  const request = {
    policy,
    tier,
    periods,
    asOf,
    contract: contract
      ? {
          file: shownPath(contract.file, cwd),
          found: o.config === undefined,
          reference: contract.reference,
          customer: contract.customer,
          vendor: contract.vendor,
        }
      : null,
    currency,
    feeMinor,
    tickets,
    uptime,
    events,
    cwd: base,
    mapping,
    eventMapping,
    vendorAgents: [...(contract?.vendorAgents ?? []), ...(o.vendorAgents ?? [])],
    uptimePreset,
    uptimeMap,
    inputTz,
    services: contract?.services ?? null,
    serviceDefs: contract?.serviceDefs ? serviceDefs(contract, policy, currency, periods[0]!.months, feeMinor) : null,
    history: contract?.history ?? new Map(),
    coverage: contract?.coverage ? coverageSpan(contract.coverage, policy.billingZone) : null,
    coverageByService: new Map(
      [...(contract?.coverageByService ?? [])].map(([service, c]) => [service, coverageSpan(c, policy.billingZone)]),
    ),
    skipInvalid: o.skipInvalid === true,
    parties: partiesOf(contract ?? null),
    sources: {
      policy: bundledPolicyIds().includes(policyRef) ? bundledPolicyPath(policyRef) : inputPath(policyRef, cwd, base),
      contract: contract ? inputPath(contract.file, cwd, base) : null,
      map: mapFile ? inputPath(mapFile, cwd, base) : null,
    },
    files: [contract?.file, bundledPolicyIds().includes(policyRef) ? undefined : policyRef, mapFile]
      .filter((f): f is string => f !== undefined)
      .map((f) => resolve(cwd, f)),
  };
  return { contract, request };
}

/** A contract's map file, read once; its problems are the contract's, at `inputs.map` (as --map's are the map's own). */
function loadContractMap<T>(found: ContractFile, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    found.mapInvalid(err);
    found.throwIfInvalid();
    throw err;
  }
}

/** How a request's tickets are read: the same for the audit and for explain. */
export function ticketReadOptions(r: AuditRequest): ReadTicketsOptions {
  return {
    mapping: r.mapping,
    inputTz: r.inputTz,
    policy: r.policy,
    skipInvalid: r.skipInvalid,
    cwd: r.cwd,
    events: r.events && r.events.length > 0 ? { files: r.events, mapping: r.eventMapping ?? CANONICAL_EVENTS } : null,
    agents: new VendorAgents(r.vendorAgents ?? []),
    ...(r.onBytes ? { onBytes: r.onBytes } : {}),
  };
}

/** How a request's uptime logs are read: the same for the audit and for explain. */
export function uptimeReadOptions(r: AuditRequest): ReadUptimeOptions {
  const read = { skipInvalid: r.skipInvalid, cwd: r.cwd, ...(r.onBytes ? { onBytes: r.onBytes } : {}) };
  return {
    ...read,
    preset: r.uptimePreset,
    map: r.uptimeMap,
    coverage: r.coverage ?? null,
    coverageByService: r.coverageByService ?? null,
    services: r.services,
    inputTz: r.inputTz,
    maxSampleGapMs: r.policy.availability.maxSampleGapMs,
    billingZone: r.policy.billingZone,
    asOf: r.asOf,
    ...(r.evidenceOrigins ? { origins: true } : {}),
  };
}

/** Every file the request reads — inputs, policy, contract, map — which a report must never replace: absolute paths, or "-". */
export function filesRead(r: AuditRequest): string[] {
  // A stream is no file, but stdin handed over as one ("-") may be a file redirected into it.
  return [...r.tickets, ...r.uptime, ...(r.events ?? [])]
    .flatMap((s) => (typeof s === 'string' ? [s === '-' ? s : resolve(r.cwd, s)] : s.name === '-' ? ['-'] : []))
    .concat(r.files);
}
