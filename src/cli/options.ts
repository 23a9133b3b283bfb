import { resolvePolicy } from '../adapters/policy/load-policy.js';
import { applyMapFile } from '../adapters/ingest/map-file.js';
import { CANONICAL, type TicketMapping } from '../adapters/ingest/mapping.js';
import { PRESETS, PRESET_NAMES } from '../adapters/ingest/presets.js';
import { UPTIME_PRESETS, type UptimePreset } from '../adapters/ingest/read-uptime.js';
import { parseIsoTimestamp, parsed } from '../adapters/ingest/iso-timestamp.js';
import { UsageError } from '../core/issues.js';
import { applyContract } from '../core/policy/overrides.js';
import { findContract } from '../adapters/contract/load-contract.js';
import { isCurrency, minorDigits, monthlyFromAnnual, parseAmount } from '../core/money.js';
import { lastCompleteMonth, monthPeriod, monthRange, parseMonthLabel, type Period } from '../core/period.js';
import type { Policy, TierDef } from '../core/policy/model.js';
import { isKnownZone } from '../core/time/zone.js';
import type { AuditSettings } from './settings.js';

/** Flags shared by the audit commands, as commander hands them over. */
export interface AuditFlags {
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
  format?: string;
  output?: string;
  color?: string;
  skipInvalid?: boolean;
  failOn?: string;
  all?: boolean;
  quiet?: boolean;
  csv?: string;
  debug?: boolean;
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

/** --as-of: an ISO 8601 instant with an offset; default now. */
export function parseAsOf(text: string | undefined, now: () => number): number {
  if (text === undefined) return now();
  const t = parseIsoTimestamp(text);
  if (Number.isNaN(t) || parsed.naive) {
    throw new UsageError(`--as-of must be an ISO 8601 timestamp with an offset, e.g. 2026-11-01T00:00:00Z (got: "${text}")`);
  }
  return t;
}

/** Flags first, then the contract (--config or ./sla-audit.yaml), then the policy's own defaults. */
export function resolveSettings(flags: AuditFlags, now: () => number, cwd: string): AuditSettings {
  const contract = findContract(flags.config, cwd);
  const policyRef = flags.policy ?? contract?.policy ?? undefined;
  if (!policyRef) throw new UsageError('--policy is required (a bundled id such as websoft9, or a path to a policy file), or a contract file naming it — see `sla-audit policies list` and `sla-audit init`');
  let policy = resolvePolicy(policyRef);
  if (contract) {
    policy = applyContract(policy, contract);
  }
  const tierName = flags.tier ?? contract?.tier ?? undefined;
  if (!tierName) throw new UsageError(`--tier is required (policy ${policy.id} has ${policy.tiers.map((t) => t.id).join(', ')})`);
  const tier = resolveTier(policy, tierName);
  const asOf = parseAsOf(flags.asOf, now);
  const month = (flag: string, text: string) => {
    const m = parseMonthLabel(text);
    if (!m) throw new UsageError(`${flag} must be YYYY-MM (got: "${text}")`);
    return m;
  };
  let periods: Period[];
  if (flags.from !== undefined || flags.to !== undefined) {
    if (flags.from === undefined || flags.to === undefined) throw new UsageError('--from and --to go together (both YYYY-MM, inclusive)');
    if (flags.month !== undefined) throw new UsageError('give --month or --from/--to, not both');
    const from = month('--from', flags.from);
    const to = month('--to', flags.to);
    periods = monthRange(from, to, policy.billingZone);
    if (periods.length === 0) throw new UsageError(`--from ${flags.from} is after --to ${flags.to}`);
    if (periods.length > 120) throw new UsageError(`--from/--to spans ${periods.length} months; at most 120 (ten years) per run`);
  } else if (flags.month !== undefined) {
    const m = month('--month', flags.month);
    periods = [monthPeriod(m.year, m.month, policy.billingZone)];
  } else periods = [lastCompleteMonth(asOf, policy.billingZone)];
  const period = periods[0]!;

  const currency = (flags.currency ?? contract?.currency ?? policy.currency).toUpperCase();
  if (!isCurrency(currency)) throw new UsageError(`--currency must be an ISO 4217 code such as USD (got: "${flags.currency}")`);
  const digits = minorDigits(currency);
  if (flags.fee !== undefined && flags.annualFee !== undefined) throw new UsageError('give --fee (monthly) or --annual-fee, not both');
  // A fee flag replaces the contract's fee, whichever kind either is.
  const fromFlags = flags.fee !== undefined || flags.annualFee !== undefined;
  const monthly = fromFlags ? flags.fee : (contract?.monthlyFee ?? undefined);
  const annual = fromFlags ? flags.annualFee : (contract?.annualFee ?? undefined);
  let feeMinor: number | null = null;
  const feeText = monthly ?? annual;
  if (feeText !== undefined) {
    const amount = parseAmount(feeText, digits);
    const where = fromFlags ? `--${monthly !== undefined ? 'fee' : 'annual-fee'}` : `${contract!.file}: fee.${monthly !== undefined ? 'monthly' : 'annual'}`;
    if (amount === null) throw new UsageError(`${where} must be an amount in ${currency} with at most ${digits} decimals, e.g. 1200.00 (got: "${feeText}")`);
    feeMinor = monthly !== undefined ? amount : monthlyFromAnnual(amount);
  }
  const inputTz = flags.inputTz ?? contract?.inputTz ?? undefined;
  if (inputTz !== undefined && !isKnownZone(inputTz)) throw new UsageError(`--input-tz must be an IANA zone such as Europe/London (got: "${inputTz}")`);
  // --preset may be given once for the tickets and once for the uptime logs.
  let mapping: TicketMapping = CANONICAL;
  let uptimePreset: UptimePreset | null = null;
  const presets = flags.preset && flags.preset.length > 0 ? flags.preset : (contract?.presets ?? []);
  for (const name of presets) {
    const key = name.toLowerCase();
    if (PRESETS[key]) mapping = PRESETS[key]!;
    else if ((UPTIME_PRESETS as readonly string[]).includes(key)) uptimePreset = key as UptimePreset;
    else throw new UsageError(`--preset must be one of ${[...PRESET_NAMES, ...UPTIME_PRESETS].join(', ')} (got: "${name}")`);
  }
  const mapFile = flags.map ?? contract?.mapFile ?? undefined;
  if (mapFile !== undefined) mapping = applyMapFile(mapping, mapFile, policy);
  if (flags.failOn !== undefined && flags.failOn !== 'breach' && flags.failOn !== 'credit') throw new UsageError(`--fail-on must be breach or credit (got: "${flags.failOn}")`);
  return { policy, tier, period, periods, asOf, currency, feeMinor, inputTz: inputTz ?? null, mapping, uptimePreset, contract, services: contract?.services ?? null, history: contract?.history ?? new Map(), failOn: (flags.failOn as 'breach' | 'credit' | undefined) ?? null };
}
