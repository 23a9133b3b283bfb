import { IANAZone } from 'luxon';
import { MS_PER_DAY, MS_PER_HOUR, civilFromDays, daysFromCivil } from './civil.js';

/** True when `name` is an IANA zone the runtime's zone database knows. */
export function isKnownZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** UTC offset of `zone` at instant `ms`, in milliseconds. */
export function offsetAt(zone: string, ms: number): number {
  return Math.round(IANAZone.create(zone).offset(ms) * 60_000);
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
