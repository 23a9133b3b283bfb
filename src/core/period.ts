import { MS_PER_DAY, civilFromDays, daysFromCivil } from './time/civil.js';
import { ZoneOffsets } from './time/zone.js';

/** A billing period: one calendar month in the billing zone, [start, end). */
export interface Period {
  label: string;
  year: number;
  month: number;
  start: number;
  end: number;
  zone: string;
  /** Day number of the period's last local date. */
  lastDay: number;
}

const LABEL = /^(\d{4})-(\d{2})$/;

export function parseMonthLabel(text: string): { year: number; month: number } | null {
  const m = LABEL.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return { year: Number(m[1]), month: Number(m[2]) };
}

export const monthLabel = (year: number, month: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** The month [year, month] in `zone`, its start at the first instant of local day 1. */
export function monthPeriod(year: number, month: number, zone: string, offsets = new ZoneOffsets(zone)): Period {
  const first = daysFromCivil(year, month, 1);
  const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  return {
    label: monthLabel(year, month),
    year,
    month,
    start: offsets.instantOf(first * MS_PER_DAY).t,
    end: offsets.instantOf(next * MS_PER_DAY).t,
    zone,
    lastDay: next - 1,
  };
}

/** The local calendar month an instant falls in. */
export function monthOf(t: number, offsets: ZoneOffsets): { year: number; month: number } {
  const { year, month } = civilFromDays(Math.floor((t + offsets.offset(t)) / MS_PER_DAY));
  return { year, month };
}

/** SPEC: the default period is the last complete month before `asOf` in the billing zone. */
export function lastCompleteMonth(asOf: number, zone: string): Period {
  const offsets = new ZoneOffsets(zone);
  const { year, month } = monthOf(asOf, offsets);
  return month === 1 ? monthPeriod(year - 1, 12, zone, offsets) : monthPeriod(year, month - 1, zone, offsets);
}

/** Consecutive months from `from` to `to` inclusive. */
export function monthRange(from: { year: number; month: number }, to: { year: number; month: number }, zone: string): Period[] {
  const offsets = new ZoneOffsets(zone);
  const out: Period[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); m === 12 ? ((m = 1), y++) : m++) {
    out.push(monthPeriod(y, m, zone, offsets));
  }
  return out;
}
