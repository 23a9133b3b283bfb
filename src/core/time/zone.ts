import { IANAZone } from 'luxon';
import { MS_PER_DAY, MS_PER_HOUR, civilFromDays, daysFromCivil } from './civil.js';

/** True when `name` is an IANA zone the runtime's zone database knows. */
export function isKnownZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * The zone's UTC offsets over [fromMs, toMs) as pieces: piece k starts at
 * `starts[k]` and lasts until `starts[k + 1]` with offset `offsets[k]`.
 * The first piece starts at `fromMs`.
 */
export interface OffsetPieces {
  starts: number[];
  offsets: number[];
}

interface Transition {
  at: number;
  offset: number;
}

const SCAN_STEP_MS = 6 * MS_PER_HOUR;
/** zone → UTC year → the offset changes within that year. */
const transitionCache = new Map<string, Map<number, Transition[]>>();

/**
 * Offset changes in one UTC year, found by sampling every few hours and
 * bisecting each change to the millisecond — no DateTime per day. Cached:
 * the zone database does not change while the process runs.
 */
function transitionsInYear(zone: string, year: number): Transition[] {
  let byYear = transitionCache.get(zone);
  if (!byYear) transitionCache.set(zone, (byYear = new Map()));
  const cached = byYear.get(year);
  if (cached) return cached;
  const tz = IANAZone.create(zone);
  const off = (ms: number) => Math.round(tz.offset(ms) * 60_000);
  const from = daysFromCivil(year, 1, 1) * MS_PER_DAY;
  const to = daysFromCivil(year + 1, 1, 1) * MS_PER_DAY;
  const found: Transition[] = [];
  let prevT = from;
  let prevOff = off(from);
  for (let t = Math.min(from + SCAN_STEP_MS, to); prevT < to; t = Math.min(t + SCAN_STEP_MS, to)) {
    const o = off(t);
    if (o !== prevOff) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (off(mid) === prevOff) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, offset: o });
      prevOff = o;
    }
    prevT = t;
  }
  byYear.set(year, found);
  return found;
}

export function offsetPieces(zone: string, fromMs: number, toMs: number): OffsetPieces {
  const tz = IANAZone.create(zone);
  const starts = [fromMs];
  const offsets = [Math.round(tz.offset(fromMs) * 60_000)];
  if (tz.isUniversal) return { starts, offsets };
  const firstYear = civilFromDays(Math.floor(fromMs / MS_PER_DAY)).year;
  const lastYear = civilFromDays(Math.floor(toMs / MS_PER_DAY)).year;
  for (let year = firstYear; year <= lastYear; year++) {
    for (const tr of transitionsInYear(zone, year)) {
      if (tr.at > fromMs && tr.at < toMs) {
        starts.push(tr.at);
        offsets.push(tr.offset);
      }
    }
  }
  return { starts, offsets };
}

/**
 * Fast UTC-offset lookups for one zone: the zone's transitions over the
 * years seen so far, searched by binary search. Used per row in hot loops
 * (naive timestamps, billing months), where a DateTime would cost ~10 µs.
 */
export class ZoneOffsets {
  private at: number[] = [];
  private offsets: number[] = [];
  private loYear = 0;
  private hiYear = -1;
  private readonly universal: boolean;
  private readonly fixed: number;

  constructor(readonly zone: string) {
    const tz = IANAZone.create(zone);
    this.universal = tz.isUniversal;
    this.fixed = this.universal ? Math.round(tz.offset(0) * 60_000) : 0;
  }

  /** UTC offset in ms at instant `t`. */
  offset(t: number): number {
    if (this.universal) return this.fixed;
    const year = civilFromDays(Math.floor(t / MS_PER_DAY)).year;
    if (year < this.loYear || year > this.hiYear)
      this.load(Math.min(year, this.hiYear < this.loYear ? year : this.loYear), Math.max(year, this.hiYear));
    // Last transition at or before t.
    let lo = 0;
    let hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return this.offsets[lo - 1]!;
  }

  /**
   * The instant a local wall-clock time (as ms since 1970-01-01T00:00 local)
   * names. A time that occurs twice (fall-back overlap) is its first
   * occurrence; one that does not exist (spring-forward gap) moves forward by
   * the gap. `kind` says which case applied.
   */
  instantOf(wall: number): { t: number; kind: 'exact' | 'overlap' | 'gap' } {
    if (this.universal) return { t: wall - this.fixed, kind: 'exact' };
    const before = this.offset(wall - MS_PER_DAY);
    const after = this.offset(wall + MS_PER_DAY);
    const tBefore = wall - before;
    if (before === after) return { t: tBefore, kind: 'exact' };
    const tAfter = wall - after;
    const okBefore = this.offset(tBefore) === before;
    const okAfter = this.offset(tAfter) === after;
    if (okBefore && okAfter)
      return tBefore === tAfter ? { t: tBefore, kind: 'exact' } : { t: Math.min(tBefore, tAfter), kind: 'overlap' };
    if (okBefore) return { t: tBefore, kind: 'exact' };
    if (okAfter) return { t: tAfter, kind: 'exact' };
    // In the gap: read with the offset before the jump, which lands the
    // same distance past the transition as the wall time is past its start.
    return { t: tBefore, kind: 'gap' };
  }

  private load(fromYear: number, toYear: number): void {
    const start = daysFromCivil(fromYear, 1, 1) * MS_PER_DAY;
    const at = [-Infinity];
    const offsets = [Math.round(IANAZone.create(this.zone).offset(start) * 60_000)];
    for (let y = fromYear; y <= toYear; y++) {
      for (const tr of transitionsInYear(this.zone, y)) {
        at.push(tr.at);
        offsets.push(tr.offset);
      }
    }
    this.at = at;
    this.offsets = offsets;
    this.loYear = fromYear;
    this.hiYear = toYear;
  }
}

/** The local date (day number) of an instant in a zone. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + new ZoneOffsets(zone).offset(ms)) / 86_400_000);
}
