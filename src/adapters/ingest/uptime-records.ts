/**
 * What one uptime log file says, before it is assembled per service:
 * probe samples, or periods (outage, maintenance, up, no data). `coverage`
 * says what time the file speaks for: whole billing months from its first
 * record's to its last record's (SPEC 2 intervals), or exactly its periods
 * (exports that log up periods too, like UptimeRobot and Pingdom).
 */
/**
 * One service's probe samples in growable typed arrays: millions of samples
 * cost 9 bytes each, not an object each.
 */
/** The value of a sample that says nothing is known (neither up nor down). */
export const UNKNOWN = 2;

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

export interface FileEvidence {
  /** Daily downtime totals (Upptime): the minutes of each day are known, not when in the day. */
  dailyTotals?: boolean;
  /** A state-change log: each row's state holds until the service's next row (the last until as-of), not for a sample gap. */
  stateChanges?: boolean;
  /** How long a sample of a service stands for, where the log itself says (a Prometheus range query's step). */
  sampleGaps?: Map<string, number>;
  samples: Map<string, SampleSeries>;
  periods: Period[];
  coverage: 'months' | 'periods';
}

export const emptyEvidence = (coverage: FileEvidence['coverage']): FileEvidence => ({ samples: new Map(), periods: [], coverage });

export function addSample(e: FileEvidence, service: string, t: number, up: boolean | null): void {
  let series = e.samples.get(service);
  if (!series) e.samples.set(service, (series = new SampleSeries()));
  series.push(t, up);
}

const STATUS = new Map<string, boolean>([
  ...['up', '1', 'true', 'ok', 'success'].map((w) => [w, true] as const),
  ...['down', '0', 'false', 'fail', 'failed', 'failure'].map((w) => [w, false] as const),
]);

/** up/down, 1/0, true/false, ok/fail (any case) — or null when it is none of them. */
export function parseStatus(text: string): boolean | null {
  return STATUS.get(text) ?? STATUS.get(text.trim().toLowerCase()) ?? null;
}

const UNITS: Record<string, number> = { d: 86_400, day: 86_400, days: 86_400, hr: 3_600, hrs: 3_600, hour: 3_600, hours: 3_600, h: 3_600, min: 60, mins: 60, minute: 60, minutes: 60, m: 60, sec: 1, secs: 1, second: 1, seconds: 1, s: 1 };

/** "13 hrs, 2 mins", "1 day, 3 hrs", "45 mins", "90" (minutes) → ms, or null. */
export function parseDurationText(text: string, bareUnitSeconds = 60): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * bareUnitSeconds * 1000);
  let total = 0;
  let matched = false;
  for (const part of t.split(/,\s*|\s+(?=\d)/)) {
    const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(part.trim());
    if (!m || UNITS[m[2]!] === undefined) return null;
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = true;
  }
  return matched ? Math.round(total * 1000) : null;
}
