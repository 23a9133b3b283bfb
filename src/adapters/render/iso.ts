import { MS_PER_DAY, civilFromDays } from '../../core/time/civil.js';

/**
 * "YYYY-MM-DDT" by day number, null outside years 1000–9999: a report's
 * timestamps fall on few days, so each is made once and kept in a slot of
 * a small direct-mapped cache (no hashing on the hot path).
 */
const SLOTS = 4096;
const slotDay = new Float64Array(SLOTS).fill(NaN);
const slotDate: Array<Uint8Array | null> = new Array<Uint8Array | null>(SLOTS).fill(null);

function datePart(days: number): Uint8Array | null {
  const slot = days & (SLOTS - 1);
  if (slotDay[slot] === days) return slotDate[slot] ?? null;
  const { year, month, day } = civilFromDays(days);
  const date =
    year < 1000 || year > 9999
      ? null
      : Buffer.from(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T`, 'latin1');
  slotDay[slot] = days;
  slotDate[slot] = date;
  return date;
}

/**
 * ISO 8601 UTC as ASCII bytes from `p` — "YYYY-MM-DDTHH:MM:SSZ", with
 * ".mmm" only when there are milliseconds (SPEC 5) — returning where it
 * ends; -1 for a year outside 1000–9999. Arithmetic, not Date: this runs
 * several times per ticket.
 */
export function isoBytes(buf: Uint8Array, p: number, ms: number): number {
  const days = Math.floor(ms / MS_PER_DAY);
  const date = datePart(days);
  if (date === null) return -1;
  for (let i = 0; i < 11; i++) buf[p + i] = date[i]!;
  p += 11;
  let rest = ms - days * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  p = two(buf, p, h);
  buf[p++] = 0x3a;
  p = two(buf, p, m);
  buf[p++] = 0x3a;
  p = two(buf, p, s);
  if (milli !== 0) {
    buf[p++] = 0x2e;
    buf[p++] = 0x30 + Math.floor(milli / 100);
    p = two(buf, p, milli % 100);
  }
  buf[p++] = 0x5a; // Z
  return p;
}

function two(buf: Uint8Array, p: number, n: number): number {
  buf[p] = 0x30 + Math.floor(n / 10);
  buf[p + 1] = 0x30 + (n % 10);
  return p + 2;
}

const scratch = Buffer.allocUnsafe(32);

/** ISO 8601 UTC, with milliseconds only when there are any (SPEC 5). */
export function isoUtc(ms: number): string {
  const end = isoBytes(scratch, 0, ms);
  return end >= 0 ? scratch.toString('latin1', 0, end) : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Whole seconds, rounded down (SPEC 5). */
/** An instant, or null for none and for a due time the clock has not reached (a pause still open: Infinity). */
export const isoOrNull = (ms: number | null): string | null =>
  ms === null || !Number.isFinite(ms) ? null : isoUtc(ms);

export const seconds = (ms: number) => Math.floor(ms / 1000);
