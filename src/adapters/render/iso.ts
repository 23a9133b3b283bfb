import { MS_PER_DAY, civilFromDays } from '../../core/time/civil.js';

const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** "YYYY-MM-DDT" by day number: a report's timestamps fall on few days. */
const dayPrefix = new Map<number, string>();

function prefixOf(days: number): string {
  let p = dayPrefix.get(days);
  if (p === undefined) {
    const { year, month, day } = civilFromDays(days);
    const y = year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
    p = `${y}-${TWO[month]}-${TWO[day]}T`;
    if (dayPrefix.size > 100_000) dayPrefix.clear();
    dayPrefix.set(days, p);
  }
  return p;
}

/**
 * ISO 8601 UTC, with milliseconds only when there are any (SPEC 5). Civil
 * arithmetic instead of Date#toISOString: this runs several times per ticket.
 */
export function isoUtc(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const base = `${prefixOf(days)}${TWO[h]}:${TWO[m]}:${TWO[s]}`;
  return milli === 0 ? `${base}Z` : `${base}.${String(milli).padStart(3, '0')}Z`;
}

/** Whole seconds, rounded down (SPEC 5). */
export const seconds = (ms: number) => Math.floor(ms / 1000);
