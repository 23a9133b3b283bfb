import { MS_PER_DAY } from '../time/civil.js';
import { clip, intersect, normalize, subtract, total, type Span } from '../time/spans.js';

/**
 * Daily downtime totals (Upptime's minutes down per UTC day) say how long a day was down, never when in
 * it: its minutes may lie anywhere in the day, as one outage or many. So what a period counts of a day is
 * bounded, not known — the least is what must fall in the period's part of the day (and, with a minimum
 * outage, must be one outage long enough), the most what may. The bounds feed the row's least favourable
 * reading (`worstCase`): a verdict or a credit stands only where both agree.
 */

/** What a UTC day was down: at least `lowMs`, at most `highMs` (equal for one service's own total). */
export interface DayTotal {
  lowMs: number;
  highMs: number;
}

/** Totals by the UTC day's start (epoch ms). */
export type DayTotals = ReadonlyMap<number, DayTotal>;

/** One service's totals: its own minutes, exact for the day. */
export function dayTotalsOf(days: ReadonlyArray<{ day: number; downMs: number }> | undefined): Map<number, DayTotal> {
  const out = new Map<number, DayTotal>();
  // Two exports of one day (overlapping files) that disagree: the larger is never in the vendor's favour.
  for (const { day, downMs } of days ?? []) {
    const was = out.get(day)?.highMs ?? 0;
    out.set(day, { lowMs: Math.max(was, downMs), highMs: Math.max(was, downMs) });
  }
  return out;
}

/**
 * A service's days as the platform counts them beside other services' daily totals: its logged downtime in
 * each day listed anywhere is a total of that day as well (its instants known, their overlap with the
 * others' minutes not), with the service's own total where it has one.
 */
export function withLoggedDays(days: DayTotals, logged: readonly Span[], listed: Iterable<number>): DayTotals {
  const out = new Map(days);
  for (const day of listed) {
    const ms = total(clip(logged, day, day + MS_PER_DAY));
    if (ms === 0) continue;
    const t = out.get(day);
    out.set(
      day,
      t === undefined
        ? { lowMs: ms, highMs: ms }
        : { lowMs: Math.max(t.lowMs, ms), highMs: Math.min(MS_PER_DAY, t.highMs + ms) },
    );
  }
  return out;
}

/**
 * Several services' totals of each day as the platform's, down while at least `k` of them are: where in
 * the day each was down is not known, so the overlap is bounded by counting. At most min(day, Σhigh / k);
 * at least (Σlow − (k−1)·day) / (n−k+1), as n services down Σlow in all leave at most k−1
 * down outside it (for k = 1 the longest one's own, which is larger).
 */
export function combineDayTotals(sets: readonly DayTotals[], k: number): Map<number, DayTotal> {
  const byDay = new Map<number, DayTotal[]>();
  for (const set of sets) for (const [day, t] of set) (byDay.get(day) ?? byDay.set(day, []).get(day)!).push(t);
  const out = new Map<number, DayTotal>();
  for (const [day, ts] of byDay) {
    if (ts.length < k) {
      out.set(day, { lowMs: 0, highMs: 0 });
      continue;
    }
    const sumLow = ts.reduce((s, t) => s + t.lowMs, 0);
    const sumHigh = ts.reduce((s, t) => s + t.highMs, 0);
    const lowMs =
      k <= 1
        ? ts.reduce((m, t) => Math.max(m, t.lowMs), 0)
        : Math.max(0, Math.ceil((sumLow - (k - 1) * MS_PER_DAY) / (ts.length - k + 1)));
    const highMs = Math.min(MS_PER_DAY, Math.floor(sumHigh / Math.max(1, k)));
    out.set(day, { lowMs: Math.min(lowMs, highMs), highMs });
  }
  return out;
}

/**
 * The days' downtime in a period, as spans to read with the rest: `down` what must be downtime there (the
 * least), `open` what may be besides (up to the most). `free` is the period's time a minute down can count
 * in (less maintenance and time without data), `watched` what the evidence covers (a day it covers whole
 * and does not list was up). Where in a day the spans lie is not known, and only their lengths are evidence:
 * beside `logged` downtime (outages logged as instants, of the row or of other services), the least is placed
 * on it first (they may be the same minutes: the least the union can be), and the most apart from it (they
 * may all be other minutes: the most the union can be) — `open` is what the latter adds.
 */
export function dailyDowntime(
  days: DayTotals,
  watched: readonly Span[],
  free: readonly Span[],
  minimumOutageMs: number | null,
  logged: readonly Span[] = [],
): { down: Span[]; open: Span[] } {
  const down: Span[] = [];
  const open: Span[] = [];
  if (days.size === 0) return { down, open };
  const from = free.length > 0 ? free[0]![0] : 0;
  const to = free.length > 0 ? free[free.length - 1]![1] : 0;
  for (const [day, t] of days) {
    if (day + MS_PER_DAY <= from || day >= to || t.highMs === 0) continue;
    const inside = clip(free, day, day + MS_PER_DAY);
    const insideMs = total(inside);
    if (insideMs === 0) continue;
    const { lowMs, highMs } = counted(days, watched, day, t, minimumOutageMs);
    // The part of the day outside the period (or in maintenance, or without data) may hold all it can.
    const least = Math.max(0, lowMs - (MS_PER_DAY - insideMs));
    const most = Math.min(highMs, insideMs);
    if (most === 0) continue;
    const loggedIn = intersect(inside, logged);
    const apart = subtract(inside, loggedIn);
    const [mustSpans] = take(loggedIn.concat(apart), least);
    for (const s of mustSpans) down.push(s);
    // The most, as far from the logged downtime as the day allows: the least placed apart from it is part of it.
    for (const s of subtract(take(apart, most)[0], normalize(mustSpans))) open.push(s);
  }
  return { down: normalize(down), open: normalize(open) };
}

/**
 * What a day's downtime counts for, before any period: without a minimum outage, all of it. With one, a
 * day's minutes may be many short outages (none counts) unless the day was down whole, and may join a
 * neighbouring day's across midnight (all count): the least is the day only in a run of whole days down
 * that reaches the minimum; the most is all of it where, at either end of the day, it may reach the
 * minimum with its neighbours.
 */
function counted(
  days: DayTotals,
  watched: readonly Span[],
  day: number,
  t: DayTotal,
  minimumOutageMs: number | null,
): DayTotal {
  if (minimumOutageMs === null) return t;
  const whole = (t2: DayTotal | undefined) => t2 !== undefined && t2.lowMs >= MS_PER_DAY;
  let run = 0;
  if (whole(t)) {
    run = MS_PER_DAY;
    for (let d = day - MS_PER_DAY; whole(days.get(d)) && run < minimumOutageMs; d -= MS_PER_DAY) run += MS_PER_DAY;
    for (let d = day + MS_PER_DAY; whole(days.get(d)) && run < minimumOutageMs; d += MS_PER_DAY) run += MS_PER_DAY;
  }
  const lowMs = run >= minimumOutageMs ? t.lowMs : 0;
  const before = reach(days, watched, day, -1, minimumOutageMs);
  const after = reach(days, watched, day, 1, minimumOutageMs);
  const longest = t.highMs >= MS_PER_DAY ? t.highMs + before + after : t.highMs + Math.max(before, after);
  return { lowMs, highMs: longest >= minimumOutageMs ? t.highMs : 0 };
}

/**
 * How far an outage may run on from a day's edge into its neighbours (step −1: before it, +1: after): a
 * neighbour down whole passes it on, one down in part ends it, a day the evidence does not cover may have
 * been down all along. Stops once the minimum is reached.
 */
function reach(days: DayTotals, watched: readonly Span[], day: number, step: number, minimumMs: number): number {
  let ms = 0;
  for (let d = day + step * MS_PER_DAY; ms < minimumMs; d += step * MS_PER_DAY) {
    const t = days.get(d);
    if (t === undefined) return watchedWhole(watched, d) ? ms : Infinity;
    ms += t.highMs;
    if (t.highMs < MS_PER_DAY) return ms;
  }
  return ms;
}

const watchedWhole = (watched: readonly Span[], day: number) =>
  total(intersect(watched, [[day, day + MS_PER_DAY]])) === MS_PER_DAY;

/** The first `ms` of spans (sorted, disjoint), and the rest. */
function take(spans: readonly Span[], ms: number): [Span[], Span[]] {
  const first: Span[] = [];
  const rest: Span[] = [];
  let left = ms;
  for (const [a, b] of spans) {
    if (left <= 0) rest.push([a, b]);
    else if (b - a <= left) {
      first.push([a, b]);
      left -= b - a;
    } else {
      first.push([a, a + left]);
      rest.push([a + left, b]);
      left = 0;
    }
  }
  return [first, rest];
}
