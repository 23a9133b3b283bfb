import type { Calendar } from '../time/calendar.js';

/**
 * A metric's clock: a calendar, minus the spans in which it is paused
 * (sorted, disjoint, half-open). Without pauses it is the calendar itself;
 * with them, each call visits only the pauses it overlaps (found by binary
 * search), so a ticket's many waits cost in total what its pauses and waits
 * are, not their product.
 */
export class MetricClock {
  constructor(
    readonly calendar: Calendar,
    readonly pauses: ReadonlyArray<readonly [number, number]> = [],
  ) {}

  /** Covered, unpaused time in [start, end). */
  elapsed(start: number, end: number): number {
    let total = this.calendar.elapsed(start, end);
    for (let i = this.firstEndingAfter(start); i < this.pauses.length; i++) {
      const [ps, pe] = this.pauses[i]!;
      if (ps >= end) break;
      const a = Math.max(ps, start);
      const b = Math.min(pe, end);
      if (b > a) total -= this.calendar.elapsed(a, b);
    }
    return total;
  }

  /**
   * The earliest instant at which `target` of unpaused covered time has run since `start`.
   * `satisfiedAt`: when the metric was met (the response); a pause that begins at or after it
   * never moves the due time (SPEC 3.9) — waiting on the customer after the answer is not part
   * of the wait for it.
   */
  dueAt(start: number, target: number, satisfiedAt = Infinity): number {
    let cursor = start;
    let remaining = target;
    for (let i = this.firstEndingAfter(start); i < this.pauses.length; i++) {
      const [ps, pe] = this.pauses[i]!;
      if (ps >= satisfiedAt) break;
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

  /** The index of the first pause that ends after `t` (pauses sorted and disjoint). */
  private firstEndingAfter(t: number): number {
    let lo = 0;
    let hi = this.pauses.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pauses[mid]![1] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
