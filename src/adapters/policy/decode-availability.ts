import type { Node } from 'yaml';
import { AS_LOGGED, type DowntimeDefinition } from '../../core/availability/downtime.js';
import type { AvailabilitySpec, RecurringWindow } from '../../core/policy/model.js';
import { decodeDays, decodeHours } from './decode-calendar.js';
import { fixedDuration, percentValue } from './decode-values.js';
import { join, type YamlReader } from './yaml-reader.js';

/** SPEC 3.8: below 90% of the measurable time covered by evidence, a month gets no verdict from it. */
const DEFAULT_MINIMUM_COVERAGE = 90;

const AVAILABILITY_KEYS = ['target', 'maxSampleGap', 'noData', 'minimumCoverage', 'maintenance', 'downtime'] as const;
const DOWNTIME_KEYS = ['minimumOutage', 'bucket', 'bucketDown', 'servicesDown'] as const;

/** availability.downtime (or a contract service's downtime): how the logs' outages become downtime (SPEC 3.8). */
export function decodeDowntime(
  r: YamlReader,
  node: Node | undefined,
  path = 'availability.downtime',
): DowntimeDefinition {
  const f = r.fields(node, path, DOWNTIME_KEYS);
  const def: DowntimeDefinition = { ...AS_LOGGED };
  if (f.has('minimumOutage'))
    def.minimumOutageMs = fixedDuration(r, f.get('minimumOutage'), join(path, 'minimumOutage'), '1m') ?? null;
  if (f.has('bucket')) def.bucketMs = fixedDuration(r, f.get('bucket'), join(path, 'bucket'), '1m') ?? null;
  if (f.has('bucketDown')) {
    const node = f.get('bucketDown');
    const at = join(path, 'bucketDown');
    if (!f.has('bucket'))
      r.report(
        node,
        at,
        'NO_BUCKET',
        {},
        {
          hint: "add bucket: 1m (or the contract's interval)",
        },
      );
    const rule = decodeBucketDown(r, node, at);
    if (rule !== undefined) def.bucketDown = rule;
  }
  if (f.has('servicesDown')) {
    const n = decodeServicesDown(r, f.get('servicesDown'), join(path, 'servicesDown'), 'services');
    if (n !== undefined) def.servicesDown = n;
  }
  return def;
}

/** A bucket rule: any, all, or {shareAbove: <percent>} — the same in a policy and a contract service. */
export function decodeBucketDown(
  r: YamlReader,
  node: Node | undefined,
  at: string,
): DowntimeDefinition['bucketDown'] | undefined {
  if (r.isMapping(node)) {
    const g = r.fields(node, at, ['shareAbove']);
    const share = percentValue(
      r,
      r.required(g, 'shareAbove', node, at, 'a percentage such as 5'),
      join(at, 'shareAbove'),
    );
    return share === undefined ? undefined : { shareAbovePercent: share };
  }
  const v = r.string(node, at);
  if (v === 'any' || v === 'all') return v;
  if (v !== undefined)
    r.report(
      node,
      at,
      'BAD_BUCKET_RULE',
      {},
      {
        expected: 'any, all, or {shareAbove: <percent>}',
        got: JSON.stringify(v),
      },
    );
  return undefined;
}

/** How many `of` (services, components) must be down at once: a whole number from 1 to 1000. */
export function decodeServicesDown(r: YamlReader, node: Node | undefined, at: string, of: string): number | undefined {
  const n = r.number(node, at, `a whole number of ${of}, 1 or more`);
  if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 1000)) {
    r.report(
      node,
      at,
      'BAD_COUNT',
      { of },
      {
        expected: 'a whole number from 1 to 1000',
        got: String(n),
      },
    );
    return undefined;
  }
  return n;
}

export function decodeAvailability(
  r: YamlReader,
  node: Node | undefined,
  billingZone: string | undefined,
): AvailabilitySpec {
  const spec: AvailabilitySpec = {
    target: null,
    maxSampleGapMs: 300_000,
    noData: 'exclude',
    minimumCoveragePercent: DEFAULT_MINIMUM_COVERAGE,
    maintenance: [],
    downtime: AS_LOGGED,
  };
  if (node === undefined) return spec;
  const f = r.fields(node, 'availability', AVAILABILITY_KEYS);
  if (f.has('target') && !r.isNull(f.get('target')))
    spec.target = percentValue(r, f.get('target'), 'availability.target') ?? null;
  if (f.has('maxSampleGap'))
    spec.maxSampleGapMs =
      fixedDuration(r, f.get('maxSampleGap'), 'availability.maxSampleGap', '300s') ?? spec.maxSampleGapMs;
  if (f.has('noData')) {
    const v = r.string(f.get('noData'), 'availability.noData');
    if (v === 'exclude' || v === 'down' || v === 'up') spec.noData = v;
    else if (v !== undefined)
      r.report(
        f.get('noData'),
        'availability.noData',
        'BAD_NO_DATA',
        {},
        {
          expected: 'exclude, down or up',
          got: JSON.stringify(v),
        },
      );
  }
  if (f.has('downtime')) spec.downtime = decodeDowntime(r, f.get('downtime'));
  if (f.has('minimumCoverage'))
    spec.minimumCoveragePercent =
      percentValue(r, f.get('minimumCoverage'), 'availability.minimumCoverage') ?? spec.minimumCoveragePercent;
  if (f.has('maintenance')) {
    spec.maintenance = r.list(f.get('maintenance'), 'availability.maintenance').flatMap((item, i) => {
      const w = decodeWindow(r, item, join('availability.maintenance', i), billingZone);
      return w ? [w] : [];
    });
  }
  return spec;
}

/** {days: "sun", hours: "02:00-04:00", zone?: IANA} — a weekly maintenance window. */
export function decodeWindow(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  defaultZone: string | undefined,
): RecurringWindow | undefined {
  const f = r.fields(node, path, ['days', 'hours', 'zone']);
  const days = decodeDays(r, r.required(f, 'days', node, path, 'a day or day range'), join(path, 'days'));
  const hours = decodeHours(r, r.required(f, 'hours', node, path, '"HH:MM-HH:MM"'), join(path, 'hours'));
  const zone = f.has('zone') ? r.zone(f.get('zone'), join(path, 'zone')) : defaultZone;
  if (!days || !hours || hours.length !== 1 || zone === undefined) return undefined;
  const [[startMinute, endMinute]] = hours as [[number, number]];
  return { days, startMinute, endMinute, zone };
}
