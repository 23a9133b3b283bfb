import { daysFromCivil, daysInMonth, MS_PER_DAY } from '../../core/time/civil.js';

/**
 * Hand-written ISO 8601 reader for the hot path (~0.2 µs, against ~10 µs for
 * a Luxon parse). Accepts `YYYY-MM-DD[T| ]HH:MM[:SS[.fff…]]` followed by `Z`,
 * `±HH:MM`, `±HHMM`, `±HH`, or nothing (a naive local time).
 *
 * Returns epoch ms for a timestamp with an offset, or local wall-clock ms
 * (ms since 1970-01-01T00:00 in the unnamed zone) for one without, which
 * `into.naive` tells apart. NaN when the text is not such a timestamp or names
 * an impossible date or time; `explainIsoTimestamp` says why.
 */
export interface IsoKind {
  /** No offset: the number returned is wall-clock time, to be read in a zone. */
  naive: boolean;
}

const C0 = 48;

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - C0;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

// `into` is the caller's, written on every successful parse: a million timestamps allocate nothing.
export function parseIsoTimestamp(s: string, into: IsoKind): number {
  const len = s.length;
  if (len < 16) return NaN;
  const year = digits(s, 0, 4);
  if (year < 0 || s.charCodeAt(4) !== 45) return NaN; // '-'
  const month = digits(s, 5, 2);
  if (month < 1 || month > 12 || s.charCodeAt(7) !== 45) return NaN;
  const day = digits(s, 8, 2);
  if (day < 1 || day > daysInMonth(year, month)) return NaN;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return NaN; // 'T', ' ', 't'
  const hour = digits(s, 11, 2);
  // 24:00 is ISO 8601's end of a day (checked below to have no minutes or seconds).
  if (hour < 0 || hour > 24 || s.charCodeAt(13) !== 58) return NaN; // ':'
  const minute = digits(s, 14, 2);
  if (minute < 0 || minute > 59) return NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (i < len && s.charCodeAt(i) === 58) {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    if (i < len && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
      // Fraction: any number of digits, kept to the millisecond (truncated).
      i++;
      const from = i;
      let scale = 100;
      while (i < len) {
        const c = s.charCodeAt(i) - C0;
        if (c < 0 || c > 9) break;
        millis += c * scale;
        scale /= 10;
        i++;
      }
      if (i === from) return NaN;
      millis = Math.floor(millis);
    }
  }
  if (hour === 24 && minute + second + millis > 0) return NaN;
  const wall =
    daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
  if (i === len) {
    into.naive = true;
    return wall;
  }
  into.naive = false;
  const c = s.charCodeAt(i);
  if ((c === 90 || c === 122) && i + 1 === len) return wall; // 'Z'
  if (c !== 43 && c !== 45) return NaN; // '+' / '-'
  const sign = c === 43 ? 1 : -1;
  const oh = digits(s, i + 1, 2);
  if (oh < 0 || oh > 23) return NaN;
  let om = 0;
  const rest = len - (i + 3);
  if (rest === 3 && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2);
  else if (rest === 2) om = digits(s, i + 3, 2);
  else if (rest !== 0) return NaN;
  if (om < 0 || om > 59) return NaN;
  return wall - sign * (oh * 3_600_000 + om * 60_000);
}

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Why `text` is not a timestamp parseIsoTimestamp accepts (slow path, for messages). */
export function explainIsoTimestamp(text: string): string {
  const m = SHAPE.exec(text);
  if (!m) return 'not an ISO 8601 date and time';
  const [, y, mo, d, h, mi, sec, off] = m;
  if (Number(mo) < 1 || Number(mo) > 12) return `month ${mo} does not exist`;
  if (Number(d) < 1 || Number(d) > daysInMonth(Number(y), Number(mo))) return `${y}-${mo} has no day ${d}`;
  if (Number(h) > 24 || (Number(h) === 24 && (Number(mi) > 0 || Number(sec ?? 0) > 0)))
    return `hour ${h} is out of range`;
  if (Number(mi) > 59) return `minute ${mi} is out of range`;
  if (sec !== undefined && Number(sec) > 59) return `second ${sec} is out of range`;
  if (off && /^[+-](\d{2})/.test(off) && Number(off.slice(1, 3)) > 23) return `offset ${off} is out of range`;
  return 'not a valid ISO 8601 timestamp';
}
