/** The value of a sample that says nothing is known (neither up nor down). */
export const UNKNOWN = 2;

/**
 * One service's probe samples in growable typed arrays: millions of samples
 * cost 9 bytes each, not an object each.
 */
export class SampleSeries {
  t = new Float64Array(1024);
  up = new Uint8Array(1024);
  n = 0;
  /** Whether samples arrived in time order (the usual case: no sort needed). */
  ordered = true;

  /** `up` null: nothing is known from this instant (a state-change log's "unknown"). */
  push(t: number, up: boolean | null): void {
    if (this.n === this.t.length) {
      const t2 = new Float64Array(this.n * 2);
      t2.set(this.t);
      this.t = t2;
      const u2 = new Uint8Array(this.n * 2);
      u2.set(this.up);
      this.up = u2;
    }
    if (this.n > 0 && t < this.t[this.n - 1]!) this.ordered = false;
    this.t[this.n] = t;
    this.up[this.n] = up === null ? UNKNOWN : up ? 1 : 0;
    this.n++;
  }
}

export type PeriodKind = 'outage' | 'maintenance' | 'up' | 'nodata';

export interface Period {
  service: string;
  start: number;
  end: number;
  kind: PeriodKind;
  reason: string | null;
  line: number;
}

/**
 * What a file's silence means (SPEC 2), decided by the reader that knows the file's shape:
 * - `observed`: probe samples, heartbeats, state changes, and exports that log up time too
 *   (UptimeRobot, Pingdom, StatusCake, Nagios, Uptime Kuma). The file covers exactly what its
 *   samples and periods cover; its silence is no data, and a coverage stated in the contract
 *   never fills it (a probe log of 2 days is not a month of evidence).
 * - `outage-list`: intervals of outage and maintenance only. Quiet time is not written down, so
 *   inside what it covers silence is up: the contract's stated coverage, else the billing months
 *   from its first record's to its last record's.
 * - `outage-totals`: minutes down per day and service (Upptime). It says nothing of when
 *   monitoring began: it covers the days it lists and, per service, the stated coverage —
 *   never months inferred from other services in the file.
 */
export type EvidenceKind = 'observed' | 'outage-list' | 'outage-totals';

/**
 * What one uptime log file says, before it is assembled per service:
 * probe samples, or periods (outage, maintenance, up, no data), and what
 * kind of evidence they are.
 */
export interface FileEvidence {
  /** Daily downtime totals (Upptime): the minutes of each day are known, not when in the day. */
  dailyTotals?: boolean;
  /** A state-change log: each row's state holds until the service's next row (the last until as-of), not for a sample gap. */
  stateChanges?: boolean;
  /** How long a sample of a service stands for, where the log itself says (a Prometheus range query's step): never more than maxSampleGap. */
  sampleGaps?: Map<string, number>;
  samples: Map<string, SampleSeries>;
  periods: Period[];
  kind: EvidenceKind;
  /** Services the file names without a record of them (an Upptime site never down): each is reported, not dropped. */
  named?: Set<string>;
}

export const emptyEvidence = (kind: EvidenceKind): FileEvidence => ({ samples: new Map(), periods: [], kind });

/** Samples show quiet time themselves: only observed evidence holds them, so a stated coverage can never reach them. */
export function addSample(e: FileEvidence, service: string, t: number, up: boolean | null): void {
  if (e.kind !== 'observed') throw new Error(`a sample added to ${e.kind} evidence`);
  let series = e.samples.get(service);
  if (!series) e.samples.set(service, (series = new SampleSeries()));
  series.push(t, up);
}

// A word of its own reason that makes a maintenance record an emergency: "non-scheduled maintenance"
// is SMA's own name for maintenance that counts as downtime. Words end at any non-alphanumeric
// ("emergency_patch"); not after a hyphen: a "non-emergency" window says it was planned.
const EMERGENCY = /(?<![a-z0-9-])(?:emergency|unplanned|unscheduled|unannounced|non[- ]?scheduled)(?![a-z0-9])/i;

/**
 * The kind of a record its log calls maintenance, read with its own reason (`reason`: the record's
 * reason or description, null when it has none). SPEC 2: emergency maintenance is an outage, so one
 * whose reason says emergency, unplanned, unscheduled, unannounced or non-scheduled (a word, any case) contradicts its kind and is
 * read as the outage — never in the vendor's favour. Every reader that gives a maintenance record a
 * reason of the log's own asks this, and counts what it turned (UPTIME_EMERGENCY_MAINTENANCE).
 */
export function maintenanceKind(reason: string | null): 'maintenance' | 'outage' {
  return reason !== null && EMERGENCY.test(reason) ? 'outage' : 'maintenance';
}

const STATUS = new Map<string, boolean>([
  ...['up', '1', 'true', 'ok', 'success'].map((w) => [w, true] as const),
  ...['down', '0', 'false', 'fail', 'failed', 'failure'].map((w) => [w, false] as const),
]);

/** up/down, 1/0, true/false, ok/fail (any case) — or null when it is none of them. */
export function parseStatus(text: string): boolean | null {
  return STATUS.get(text) ?? STATUS.get(text.trim().toLowerCase()) ?? null;
}

// A Map: "5 constructor" is no duration, not 5 × Object's constructor (NaN, which dropped the outage).
const UNITS = new Map<string, number>(
  Object.entries({
    d: 86_400,
    day: 86_400,
    days: 86_400,
    hr: 3_600,
    hrs: 3_600,
    hour: 3_600,
    hours: 3_600,
    h: 3_600,
    min: 60,
    mins: 60,
    minute: 60,
    minutes: 60,
    m: 60,
    sec: 1,
    secs: 1,
    second: 1,
    seconds: 1,
    s: 1,
  }),
);

/** "13 hrs, 2 mins", "1 day, 3 hrs", "45 mins", "90" (minutes) → ms, or null. */
export function parseDurationText(text: string, bareUnitSeconds = 60): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * bareUnitSeconds * 1000);
  let total = 0;
  let matched = false;
  for (const part of t.split(/,\s*|\s+(?=\d)/)) {
    const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(part.trim());
    const unit = m ? UNITS.get(m[2]!) : undefined;
    if (unit === undefined) return null;
    total += Number(m![1]) * unit;
    matched = true;
  }
  return matched ? Math.round(total * 1000) : null;
}
