import { existsSync } from 'node:fs';
import type { Node } from 'yaml';
import type { Contract } from '../../core/contract.js';
import { InputError, UsageError } from '../../core/issues.js';
import { isTicketModel, type Policy } from '../../core/policy/model.js';
import { bundledPolicyIds, resolvePolicy } from '../policy/load-policy.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';
import { serviceDowntimeProblems } from './decode-availability.js';
import { isCurrency } from '../../core/money.js';
import { checkAmount, TOO_LARGE_HINT, type Amount } from '../policy/decode-amount.js';

/**
 * Where the parts of a contract that depend on the policy stand in its file: what is wrong with them
 * is known only once the request loader has the policy of the run, and is reported at these nodes.
 */
export interface ContractPlaces {
  policy: Node | undefined;
  tier: Node | undefined;
  calendars: Node | undefined;
  /** The map file's node, when the file exists. */
  map: Node | undefined;
  /** Each service's `credits:` node. */
  credits: ReadonlyMap<string, Node | undefined>;
  /** Each service's node and its `downtime:` node. */
  services: ReadonlyMap<string, { service: Node | undefined; downtime: Node | undefined }>;
  /** The amounts a contract without a currency of its own states: in the policy's, known only here. */
  amounts: readonly Amount[];
}

/** The policy a contract names (`ref`, already resolved against the contract's folder), or undefined with its problem at the contract's `policy:` line. */
export function contractPolicy(r: YamlReader, places: ContractPlaces, ref: string): Policy | undefined {
  // A path to no file is not found (not "invalid"); a name that is no bundled id is an unknown policy, below.
  if (/[\\/]|\.ya?ml$/i.test(ref) && !existsSync(ref)) {
    return r.report(
      places.policy,
      'policy',
      'POLICY_NOT_FOUND',
      { policy: ref },
      {
        expected: `one of ${bundledPolicyIds().join(', ')}, or a path to a policy file`,
        hint: 'paths are relative to the contract file',
      },
    );
  }
  try {
    return resolvePolicy(ref);
  } catch (err) {
    if (err instanceof UsageError) {
      return r.report(
        places.policy,
        'policy',
        'UNKNOWN_POLICY',
        { policy: ref },
        {
          expected: `one of ${bundledPolicyIds().join(', ')}, or a path to a policy file`,
          hint: 'see `sla-audit policies list`',
        },
      );
    }
    if (err instanceof InputError) {
      return r.report(
        places.policy,
        'policy',
        'INVALID_POLICY',
        { policy: ref, problems: err.issues.length },
        { hint: `run \`sla-audit policies validate ${ref}\`` },
      );
    }
    throw err;
  }
}

/**
 * The contract against the policy of the run (its own, or --policy's): its tier (when the run takes
 * it), calendars, services' credit models and downtime definitions must be the policy's, and its
 * amounts (when it states no currency) amounts of the run's currency — `currency`, --currency's.
 */
export function checkAgainstPolicy(
  r: YamlReader,
  places: ContractPlaces,
  contract: Contract,
  policy: Policy,
  checkTier: boolean,
  currency?: string,
): void {
  // The currency the run reads them in (see request.ts); one it does not know is refused there, once.
  const runCurrency = (currency ?? contract.currency ?? policy.currency).toUpperCase();
  if (isCurrency(runCurrency))
    for (const a of places.amounts) checkAmount(r, a, runCurrency, { whole: '2500', tooLargeHint: TOO_LARGE_HINT });
  const tier = contract.tier;
  if (checkTier && tier !== null) {
    const key = tier.toLowerCase();
    if (!policy.tiers.some((t) => t.id.toLowerCase() === key || t.aliases.some((a) => a.toLowerCase() === key))) {
      r.report(
        places.tier,
        'tier',
        'UNKNOWN_TIER',
        { policy: policy.id, tier },
        {
          expected: `one of ${policy.tiers.map((t) => t.id).join(', ')}`,
          got: JSON.stringify(tier),
        },
      );
    }
  }
  const services = contract.serviceDefs ?? [];
  // A service's credit models are the policy's availability models.
  const models = policy.credits.models.filter((m) => !isTicketModel(m)).map((m) => m.id);
  for (const s of services) {
    for (const id of s.creditModels ?? []) {
      if (!models.includes(id))
        r.report(
          places.credits.get(s.name),
          join(join('services', s.name), 'credits'),
          'NO_SUCH_MODEL',
          { policy: policy.id, model: id },
          {
            expected:
              models.length > 0 ? `one of ${models.join(', ')}` : 'none: the policy has no availability credit models',
            got: JSON.stringify(id),
          },
        );
    }
  }
  // A service's downtime definition (the policy's, refined by its own) must be able to apply to it.
  for (const s of services) {
    const at = places.services.get(s.name);
    for (const p of serviceDowntimeProblems(s, policy.availability.downtime, policy.id)) {
      r.report(p.stated ? (at?.downtime ?? at?.service) : at?.service, p.path, p.code, p.args, {
        expected: p.expected,
        ...(p.got !== undefined ? { got: p.got } : {}),
        hint: p.hint,
      });
    }
  }
  for (const id of contract.calendars.keys()) {
    if (policy.calendars.get(id)?.kind !== 'weekly') {
      r.report(
        places.calendars,
        join('calendars', id),
        'NO_SUCH_CALENDAR',
        { policy: policy.id, calendar: id },
        {
          expected: `one of ${
            [...policy.calendars.values()]
              .filter((c) => c.kind === 'weekly')
              .map((c) => c.id)
              .join(', ') || '(none)'
          }`,
        },
      );
    }
  }
}

/** The contract's map file did not read: one problem at `inputs.map`, naming the map's first. */
export function invalidMap(r: YamlReader, places: ContractPlaces, mapFile: string, err: InputError): void {
  const first = [...err.issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0))[0];
  r.report(
    places.map,
    'inputs.map',
    'INVALID_MAP',
    { map: mapFile, problems: err.issues.length },
    { hint: `fix ${mapFile}`, ...(first ? { cause: first } : {}) },
  );
}
