import { MS_PER_DAY, MS_PER_MINUTE, civilFromDays, daysFromCivil, weekdayOfDay } from './civil.js';
import { offsetPieces } from './zone.js';

/** Open hours of one local day: [startMinute, endMinute) pairs, end ≤ 1440. */
export type DayHours = ReadonlyArray<readonly [number, number]>;

/** The hours shared by every open weekday, or undefined when they differ. */
export function uniformHours(week: readonly DayHours[]): DayHours | undefined {
  const open = week.filter((d) => d.length > 0);
  const first = JSON.stringify(open[0]);
  return open.every((d) => JSON.stringify(d) === first) ? open[0] : undefined;
}

/** A business day's length derived from the hours (ms), when every open day has the same ones. */
export function derivedBusinessDay(week: readonly DayHours[]): number | null {
  const hours = uniformHours(week);
  return hours ? hours.reduce((sum, [a, b]) => sum + (b - a) * 60_000, 0) : null;
}

/** A weekly schedule in an IANA zone, with explicit closed and open dates. */
export interface WeeklySchedule {
  zone: string;
  /** Seven entries, Monday first. */
  week: readonly DayHours[];
  /** Local dates (day numbers) on which the calendar is closed all day. */
  holidays: { has(day: number): boolean };
  /** Local dates (day numbers) open with the given hours, whatever the weekday. */
  extraWorkdays: ReadonlyMap<number, DayHours>;
}

/**
 * A clock that counts covered (open) time. All arguments and results are epoch
 * milliseconds or millisecond durations; spans are half-open [start, end).
 */
export interface Calendar {
  readonly id: string;
  /** Covered time in [start, end); negative when end < start. */
  elapsed(start: number, end: number): number;
  /**
   * The earliest instant at which the covered time since `start` equals
   * `target`. A target used up exactly at a closing time is due at that
   * closing time. `target` 0 is due at `start`.
   */
  dueAt(start: number, target: number): number;
  /** The open spans within [start, end), clipped to it. */
  openSpans(start: number, end: number): Array<[number, number]>;
}

/** Round-the-clock coverage: covered time is absolute time. */
export class AlwaysOpenCalendar implements Calendar {
  constructor(readonly id: string) {}
  elapsed(start: number, end: number): number {
    return end - start;
  }
  dueAt(start: number, target: number): number {
    // Round the clock, a long target lands past the supported years at once: said as for a schedule.
    const due = start + target;
    if (!(due < SUPPORTED_TO_MS)) throw new BeyondSupportedRange();
    return due;
  }
  openSpans(start: number, end: number): Array<[number, number]> {
    return end > start ? [[start, end]] : [];
  }
}

/**
 * Instants a schedule calendar accepts: 1900-01-01 … 2199-12-31 UTC. Beyond
 * that, input is implausible, and compiling up to it would take minutes.
 */
export const SUPPORTED_FROM_MS = Date.UTC(1900, 0, 1);
export const SUPPORTED_TO_MS = Date.UTC(2200, 0, 1);

/** A due time past 2199: the input's (a ticket created at the range's end, a target too long), not a bug. */
export class BeyondSupportedRange extends RangeError {
  constructor() {
    super('due time beyond the supported range (after 2199)');
    this.name = 'BeyondSupportedRange';
  }
}

/** Margin beyond any UTC offset (offsets lie within −12 h … +14 h). */
const ZONE_MARGIN_MS = 15 * 3_600_000;
/** Days compiled at a time around an instant that is not yet compiled. */
const COMPILE_CHUNK_DAYS = 366 * 2;

/**
 * A weekly schedule compiled to sorted, disjoint open windows in absolute
 * time, with the cumulative covered time at the end of each window. Queries
 * are two binary searches, whatever the target's length. The compiled range
 * grows on demand (only a query outside it pays for compilation).
 */
export class ScheduleCalendar implements Calendar {
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** cumEnd[i] = covered time from the range start to ends[i]. */
  private cumEnd = new Float64Array(0);
  /** Per UTC day from dayBase: the first window that ends after the day starts. */
  private dayFirst = new Int32Array(0);
  private dayBase = 0;
  private dayLo = 0;
  private dayHi = 0;

  constructor(
    readonly id: string,
    private readonly schedule: WeeklySchedule,
  ) {
    const weekly = schedule.week.some((d) => d.length > 0);
    if (!weekly && schedule.extraWorkdays.size === 0) {
      throw new Error(`calendar ${id} is never open`);
    }
  }

  elapsed(start: number, end: number): number {
    this.ensure(Math.min(start, end), Math.max(start, end));
    return this.covered(end) - this.covered(start);
  }

  dueAt(start: number, target: number): number {
    if (target <= 0) return start;
    this.ensure(start, start);
    const goal = this.covered(start) + target;
    let total = this.cumEnd.length > 0 ? this.cumEnd[this.cumEnd.length - 1]! : 0;
    while (goal > total) {
      if (this.dayHi * MS_PER_DAY >= SUPPORTED_TO_MS) throw new BeyondSupportedRange();
      // Extending forward keeps the range start, so `goal` stays valid.
      this.compile(this.dayLo, this.dayHi + Math.max(COMPILE_CHUNK_DAYS, this.dayHi - this.dayLo));
      total = this.cumEnd.length > 0 ? this.cumEnd[this.cumEnd.length - 1]! : 0;
    }
    const i = this.firstReaching(goal, Math.max(0, this.windowAt(start)));
    return this.ends[i]! - (this.cumEnd[i]! - goal);
  }

  openSpans(start: number, end: number): Array<[number, number]> {
    if (end <= start) return [];
    this.ensure(start, end);
    const spans: Array<[number, number]> = [];
    for (let i = Math.max(0, lastAtMost(this.starts, start)); i < this.starts.length; i++) {
      const s = this.starts[i]!;
      if (s >= end) break;
      const a = Math.max(s, start);
      const b = Math.min(this.ends[i]!, end);
      if (b > a) spans.push([a, b]);
    }
    return spans;
  }

  /** Index of the last window starting at or before t (−1 if none): a day lookup and a short scan. */
  private windowAt(t: number): number {
    const k = Math.floor(t / MS_PER_DAY) - this.dayBase;
    if (k < 0 || k >= this.dayFirst.length) return lastAtMost(this.starts, t);
    let i = this.dayFirst[k]!;
    while (i < this.starts.length && this.starts[i]! <= t) i++;
    return i - 1;
  }

  /** The first window whose cumulative end reaches `goal`, galloping forward from `from`. */
  private firstReaching(goal: number, from: number): number {
    const cum = this.cumEnd;
    if (cum[from]! >= goal) return from;
    let lo = from;
    let step = 1;
    while (lo + step < cum.length && cum[lo + step]! < goal) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(lo + step, cum.length - 1);
    while (lo + 1 < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! < goal) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** Covered time from the compiled range start to `t`. */
  private covered(t: number): number {
    const i = this.windowAt(t);
    if (i < 0) return 0;
    const end = this.ends[i]!;
    return t >= end ? this.cumEnd[i]! : this.cumEnd[i]! - (end - t);
  }

  /** Make sure every instant in [from, to] has its local day compiled. */
  private ensure(from: number, to: number): void {
    if (!(from >= SUPPORTED_FROM_MS && to < SUPPORTED_TO_MS)) {
      throw new RangeError(`instant outside the supported range 1900–2199: ${from}…${to}`);
    }
    const needLo = Math.floor((from - ZONE_MARGIN_MS) / MS_PER_DAY);
    const needHi = Math.floor((to + ZONE_MARGIN_MS) / MS_PER_DAY) + 1;
    if (this.dayHi > this.dayLo && needLo >= this.dayLo && needHi <= this.dayHi) return;
    const lo =
      this.dayHi > this.dayLo ? Math.min(this.dayLo, needLo - COMPILE_CHUNK_DAYS / 2) : alignToYear(needLo - 31);
    const hi =
      this.dayHi > this.dayLo ? Math.max(this.dayHi, needHi + COMPILE_CHUNK_DAYS / 2) : needHi + COMPILE_CHUNK_DAYS;
    this.compile(lo, hi);
  }

  private hoursOf(day: number): DayHours {
    const extra = this.schedule.extraWorkdays.get(day);
    if (extra) return extra;
    if (this.schedule.holidays.has(day)) return [];
    return this.schedule.week[weekdayOfDay(day)] ?? [];
  }

  /**
   * Compile the local days [dayLo, dayHi). Each wall-clock window maps to the
   * instants whose local time falls inside it: per offset piece, the window
   * shifted by that offset. A window in a DST gap loses the missing time, one
   * in an overlap gains the repeated time.
   */
  private compile(dayLo: number, dayHi: number): void {
    const pieces = offsetPieces(
      this.schedule.zone,
      dayLo * MS_PER_DAY - ZONE_MARGIN_MS,
      dayHi * MS_PER_DAY + ZONE_MARGIN_MS,
    );
    const pStarts = pieces.starts;
    const pOffsets = pieces.offsets;
    const spans: number[] = [];
    let k = 0;
    for (let day = dayLo; day < dayHi; day++) {
      const base = day * MS_PER_DAY;
      for (const [sMin, eMin] of this.hoursOf(day)) {
        const ws = base + sMin * MS_PER_MINUTE;
        const we = base + eMin * MS_PER_MINUTE;
        while (k + 1 < pStarts.length && pStarts[k + 1]! <= ws - ZONE_MARGIN_MS) k++;
        for (let j = k; j < pStarts.length && pStarts[j]! < we + ZONE_MARGIN_MS; j++) {
          const pieceEnd = j + 1 < pStarts.length ? pStarts[j + 1]! : Infinity;
          const a = Math.max(pStarts[j]!, ws - pOffsets[j]!);
          const b = Math.min(pieceEnd, we - pOffsets[j]!);
          if (b > a) spans.push(a, b);
        }
      }
    }
    this.store(spans);
    this.dayLo = dayLo;
    this.dayHi = dayHi;
  }

  /** Sort, merge touching spans, and build the cumulative column. */
  private store(flat: number[]): void {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
    pairs.sort((x, y) => x[0] - y[0]);
    const merged: Array<[number, number]> = [];
    for (const p of pairs) {
      const last = merged[merged.length - 1];
      if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
      else merged.push([p[0], p[1]]);
    }
    const n = merged.length;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.cumEnd = new Float64Array(n);
    let cum = 0;
    for (let i = 0; i < n; i++) {
      const [s, e] = merged[i]!;
      cum += e - s;
      this.starts[i] = s;
      this.ends[i] = e;
      this.cumEnd[i] = cum;
    }
    // The day index covers every UTC day of the compiled instants.
    const first = n > 0 ? Math.floor(this.starts[0]! / MS_PER_DAY) - 1 : 0;
    const last = n > 0 ? Math.floor(this.ends[n - 1]! / MS_PER_DAY) + 1 : 0;
    this.dayBase = first;
    this.dayFirst = new Int32Array(Math.max(0, last - first + 1));
    let w = 0;
    for (let k = 0; k < this.dayFirst.length; k++) {
      const dayStart = (first + k) * MS_PER_DAY;
      while (w < n && this.ends[w]! <= dayStart) w++;
      this.dayFirst[k] = w;
    }
  }
}

function alignToYear(day: number): number {
  const { year } = civilFromDays(day);
  return daysFromCivil(year, 1, 1);
}

/** Index of the last element ≤ x, or −1. */
function lastAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
