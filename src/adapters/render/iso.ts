import { MS_PER_DAY, civilFromDays } from '../../core/time/civil.js';

const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
/** "HH:MM:" by minute of the day and "SSZ" by second: a timestamp is three strings joined, not eight. */
const HOUR_MINUTE = Array.from({ length: 1440 }, (_, i) => `${TWO[Math.floor(i / 60)]}:${TWO[i % 60]}:`);
const SECOND_Z = Array.from({ length: 60 }, (_, i) => `${TWO[i]}Z`);

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
  return milli === 0 ? `${prefixOf(days)}${HOUR_MINUTE[h * 60 + m]}${SECOND_Z[s]}` : `${prefixOf(days)}${HOUR_MINUTE[h * 60 + m]}${TWO[s]}.${String(milli).padStart(3, '0')}Z`;
}

/** Whole seconds, rounded down (SPEC 5). */
export const seconds = (ms: number) => Math.floor(ms / 1000);
