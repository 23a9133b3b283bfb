import { DateTime } from 'luxon';

/**
 * Brute-force oracle for business time: steps one minute at a time and asks
 * Luxon for each instant's local date and time. Deliberately shares no code
 * with src/core/time. Instants must be whole minutes; schedules and zone
 * transitions must fall on quarter hours (true of every zone tested).
 */
export interface RefSchedule {
  zone: string;
  /** Monday first; [startMinute, endMinute) pairs. */
  week: Array<Array<[number, number]>>;
  holidays: Set<string>;
  extraWorkdays: Map<string, Array<[number, number]>>;
}

const MIN = 60_000;
const QUARTER = 15 * MIN;

export class ReferenceCalendar {
  private bucket = NaN;
  private bucketDate = '';
  private bucketWeekday = 0;
  private bucketMinute = 0;

  constructor(private readonly s: RefSchedule) {}

  /** Is the minute starting at `t` covered? */
  isOpen(t: number): boolean {
    const b = Math.floor(t / QUARTER);
    if (b !== this.bucket) {
      const dt = DateTime.fromMillis(b * QUARTER, { zone: this.s.zone });
      this.bucket = b;
      this.bucketDate = dt.toISODate()!;
      this.bucketWeekday = dt.weekday - 1;
      this.bucketMinute = dt.hour * 60 + dt.minute;
    }
    const minute = this.bucketMinute + (t - b * QUARTER) / MIN;
    const hours =
      this.s.extraWorkdays.get(this.bucketDate) ??
      (this.s.holidays.has(this.bucketDate) ? [] : this.s.week[this.bucketWeekday]!);
    return hours.some(([a, z]) => minute >= a && minute < z);
  }

  /** Covered minutes in [a, b). */
  elapsedMinutes(a: number, b: number): number {
    let n = 0;
    for (let t = a; t < b; t += MIN) if (this.isOpen(t)) n++;
    return n;
  }

  /** The end of the n-th covered minute from `a` (a itself for n = 0). */
  dueAt(a: number, n: number, limit: number): number {
    if (n === 0) return a;
    let count = 0;
    for (let t = a; t < limit; t += MIN) {
      if (this.isOpen(t) && ++count === n) return t + MIN;
    }
    throw new Error('reference: target not reached before limit');
  }
}
