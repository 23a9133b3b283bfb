import type { Calendar } from '../time/calendar.js';

/**
 * A metric's clock: a calendar, minus the spans in which it is paused
 * (sorted, disjoint, half-open). Without pauses it is the calendar itself;
 * with them, cost grows with the number of pauses, not the target.
 */
export class MetricClock {
  constructor(
    readonly calendar: Calendar,
    readonly pauses: ReadonlyArray<readonly [number, number]> = [],
  ) {}

  /** Covered, unpaused time in [start, end). */
  elapsed(start: number, end: number): number {
    let total = this.calendar.elapsed(start, end);
    for (const [ps, pe] of this.pauses) {
      const a = Math.max(ps, start);
      const b = Math.min(pe, end);
      if (b > a) total -= this.calendar.elapsed(a, b);
    }
    return total;
  }

  /** The earliest instant at which `target` of unpaused covered time has run since `start`. */
  dueAt(start: number, target: number): number {
    let cursor = start;
    let remaining = target;
    for (const [ps, pe] of this.pauses) {
      if (pe <= cursor) continue;
      if (ps > cursor) {
        const due = this.calendar.dueAt(cursor, remaining);
        if (due <= ps) return due;
        remaining -= this.calendar.elapsed(cursor, ps);
      }
      // A pause still open holds the clock: the target never falls due.
      if (pe === Infinity) return Infinity;
      cursor = Math.max(cursor, pe);
    }
    return this.calendar.dueAt(cursor, remaining);
  }
}
