import type { Node } from 'yaml';
import { refineDowntime, type DowntimeDefinition } from '../../core/availability/downtime.js';
import type { FindingArgs } from '../../core/issues.js';
import type { Contract, ContractService, DowntimeRefinement } from '../../core/contract.js';
import { decodeBucketDown, decodeServicesDown } from '../policy/decode-availability.js';
import { fixedDuration, sixDecimals } from '../policy/decode-values.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';

type Months = { from: string; to: string };
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A contract's `availability:` section: no-data handling, minimum coverage, history and the stated coverage. */
export function decodeContractAvailability(
  r: YamlReader,
  node: Node | undefined,
): Pick<Contract, 'noData' | 'minimumCoverage' | 'history' | 'coverage' | 'coverageByService'> {
  const out = {
    noData: null as Contract['noData'],
    minimumCoverage: null as number | null,
    history: new Map<string, number>(),
    coverage: null as Months | null,
    coverageByService: new Map<string, Months>(),
  };
  const g = r.fields(node, 'availability', ['noData', 'minimumCoverage', 'history', 'coverage']);
  if (g.has('coverage')) Object.assign(out, decodeCoverage(r, g.get('coverage')));
  if (g.has('minimumCoverage')) {
    const v = r.number(g.get('minimumCoverage'), 'availability.minimumCoverage', 'a percentage from 0 to 100');
    if (v !== undefined && (v < 0 || v > 100))
      r.report(
        g.get('minimumCoverage'),
        'availability.minimumCoverage',
        'BAD_PERCENT',
        {},
        {
          expected: 'a number from 0 to 100',
          got: String(v),
        },
      );
    else if (v !== undefined && sixDecimals(r, g.get('minimumCoverage'), 'availability.minimumCoverage', v))
      out.minimumCoverage = v;
  }
  if (g.has('noData')) {
    const v = r.string(g.get('noData'), 'availability.noData');
    if (v === 'exclude' || v === 'down' || v === 'up') out.noData = v;
    else if (v !== undefined)
      r.report(
        g.get('noData'),
        'availability.noData',
        'BAD_NO_DATA',
        {},
        {
          expected: 'exclude, down or up',
          got: JSON.stringify(v),
        },
      );
  }
  for (const [label, value, pair] of g.has('history')
    ? r.entries(g.get('history'), 'availability.history', undefined, 'a mapping of "YYYY-MM" to a percentage')
    : []) {
    const at = join('availability.history', label);
    if (!MONTH.test(label)) {
      r.report(pair.key as Node, at, 'BAD_MONTH', {}, { expected: 'YYYY-MM', got: JSON.stringify(label) });
      continue;
    }
    const n = r.number(value, at, 'a percentage from 0 to 100');
    if (n !== undefined && (n < 0 || n > 100))
      r.report(
        value,
        at,
        'PERCENT_OUT_OF_RANGE',
        {},
        {
          expected: 'a number from 0 to 100',
          got: String(n),
        },
      );
    else if (n !== undefined && sixDecimals(r, value, at, n)) out.history.set(label, n);
  }
  return out;
}

/**
 * `coverage: {from, to}` for every service, and per log service where services start at different
 * dates: `coverage: {from: 2026-01, to: 2026-12, services: {api: {from: 2026-06}}}` — a service's
 * missing `from` or `to` is the one above. The months outage lists and daily downtime totals speak
 * for, outages or not (a list with no outage in a month says nothing of it by itself).
 */
function decodeCoverage(
  r: YamlReader,
  node: Node | undefined,
): { coverage: Months | null; coverageByService: Map<string, Months> } {
  const at = 'availability.coverage';
  const h = r.fields(node, at, ['from', 'to', 'services']);
  const byService = new Map<string, Months>();
  const month = (n: Node | undefined, path: string): string | undefined => {
    const text = r.string(n, path, 'YYYY-MM');
    if (text !== undefined && !MONTH.test(text))
      return r.report(n, path, 'BAD_MONTH', {}, { expected: 'YYYY-MM', got: JSON.stringify(text) });
    return text;
  };
  const range = (
    from: string | undefined,
    to: string | undefined,
    n: Node | undefined,
    path: string,
  ): Months | null => {
    if (from === undefined || to === undefined) return null;
    if (from > to)
      return (
        r.report(
          n,
          path,
          'BAD_RANGE',
          { from, to },
          {
            hint: 'give the first month, then the last',
          },
        ) ?? null
      );
    return { from, to };
  };
  // For every service: both months, or (with services of their own) neither.
  const services = h.has('services');
  const from =
    h.has('from') || !services ? month(r.required(h, 'from', node, at, 'YYYY-MM'), join(at, 'from')) : undefined;
  const to = h.has('to') || !services ? month(r.required(h, 'to', node, at, 'YYYY-MM'), join(at, 'to')) : undefined;
  const all = range(from, to, node, at);
  for (const [name, value] of services
    ? r.entries(h.get('services'), join(at, 'services'), undefined, 'a mapping of log services to {from, to}')
    : []) {
    const path = join(join(at, 'services'), name);
    const s = r.fields(value, path, ['from', 'to']);
    const own = (key: 'from' | 'to', above: string | undefined) => {
      if (s.has(key)) return month(s.get(key), join(path, key));
      if (h.has(key)) return above;
      r.report(
        value,
        path,
        'MISSING_SERVICE_KEY',
        { key },
        {
          expected: 'YYYY-MM',
          hint: `add "${key}:" here, or to availability.coverage for every service`,
        },
      );
      return undefined;
    };
    const span = range(own('from', from), own('to', to), value, path);
    if (span) byService.set(name, span);
  }
  return { coverage: all, coverageByService: byService };
}

/**
 * A contract service's `downtime:`: the keys it states, each refining the policy's definition; the
 * rest stay the policy's. `minimumOutage: none` and `bucket: none` drop the policy's (outages of any
 * length count; no buckets) — a key left out never does.
 */
export function decodeServiceDowntime(r: YamlReader, node: Node | undefined, path: string): DowntimeRefinement {
  const f = r.fields(node, path, ['minimumOutage', 'bucket', 'bucketDown', 'servicesDown']);
  const own: { -readonly [K in keyof DowntimeRefinement]: DowntimeRefinement[K] } = {};
  const durationOrNone = (key: 'minimumOutage' | 'bucket', example: string): number | null | undefined => {
    const n = f.get(key);
    const text = r.string(n, join(path, key), `a duration such as "${example}", or none`);
    if (text === undefined) return undefined;
    return text === 'none' ? null : fixedDuration(r, n, join(path, key), example);
  };
  if (f.has('minimumOutage')) {
    const v = durationOrNone('minimumOutage', '1m');
    if (v !== undefined) own.minimumOutageMs = v;
  }
  if (f.has('bucket')) {
    const v = durationOrNone('bucket', '1m');
    if (v !== undefined) own.bucketMs = v;
  }
  if (f.has('bucketDown')) {
    const n = f.get('bucketDown');
    const at = join(path, 'bucketDown');
    const rule = decodeBucketDown(r, n, at);
    if (rule !== undefined) own.bucketDown = rule;
  }
  if (f.has('servicesDown')) {
    const n = decodeServicesDown(r, f.get('servicesDown'), join(path, 'servicesDown'), 'components');
    if (n !== undefined) own.servicesDown = n;
  }
  return own;
}

/** A contract service's downtime definition that cannot apply to it, found once the policy is known. */
export interface ServiceDowntimeProblem {
  code: 'SERVICES_DOWN_UNREACHABLE' | 'NO_SERVICE_BUCKET';
  /** The key path in the contract. */
  path: string;
  /** Whether the service states the key itself (else it is the policy's). */
  stated: boolean;
  args: FindingArgs;
  expected: string;
  got?: string;
  hint: string;
}

/**
 * What keeps a service's effective definition (the policy's, refined by the service's own) from
 * applying to it: more components down at once than it has — it could never be down, so a 5-hour
 * outage of its only instance would read 100% — or a bucket rule without buckets.
 */
export function serviceDowntimeProblems(
  s: ContractService,
  policy: DowntimeDefinition,
  policyId: string,
): ServiceDowntimeProblem[] {
  const out: ServiceDowntimeProblem[] = [];
  const def = refineDowntime(policy, s.downtime ?? {});
  const at = join('services', s.name);
  const n = s.components.length;
  if (def.servicesDown > n) {
    const stated = s.downtime?.servicesDown !== undefined;
    out.push({
      code: 'SERVICES_DOWN_UNREACHABLE',
      path: stated ? join(join(at, 'downtime'), 'servicesDown') : at,
      stated,
      args: { stated, policy: policyId, servicesDown: def.servicesDown, components: n },
      expected: `servicesDown at most ${n}`,
      got: String(def.servicesDown),
      hint:
        n === 1
          ? 'a single instance is down while it is: state downtime: { servicesDown: 1 } for the service, or list the components it runs in'
          : `state downtime: { servicesDown: ${n} } (or fewer) for the service, or list every component it runs in`,
    });
  }
  if (s.downtime?.bucketDown !== undefined && def.bucketMs === null) {
    out.push({
      code: 'NO_SERVICE_BUCKET',
      path: join(join(at, 'downtime'), 'bucketDown'),
      stated: true,
      args: {},
      expected: "bucket: <duration> in the service's downtime",
      hint: "add bucket: 1m (or the contract's interval)",
    });
  }
  return out;
}
