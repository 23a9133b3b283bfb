import { MS_PER_DAY, civilFromDays, daysFromCivil } from './time/civil.js';
import { ZoneOffsets } from './time/zone.js';

/** A billing period: one calendar month, or a (fiscal) quarter, in the billing zone, [start, end). */
export interface Period {
  label: string;
  /** The first month of the period. */
  year: number;
  month: number;
  /** Its length in months: 1, or 3 for a quarter. */
  months: number;
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

export const monthLabel = (year: number, month: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** The month [year, month] in `zone`, its start at the first instant of local day 1. */
export function monthPeriod(year: number, month: number, zone: string, offsets = new ZoneOffsets(zone)): Period {
  const first = daysFromCivil(year, month, 1);
  const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  return {
    label: monthLabel(year, month),
    year,
    month,
    months: 1,
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

/** The last complete month before `asOf` in the billing zone. */
export const lastCompleteMonth = (asOf: number, zone: string): Period => lastCompletePeriod(asOf, zone, MONTHLY);

/** How a policy bills: by calendar month (the default) or by quarter, quarters counted from the fiscal year's first month. */
export interface BillingPeriod {
  kind: 'month' | 'quarter';
  /** The month (1–12) a fiscal year starts in; 1 for calendar quarters. */
  fiscalYearStart: number;
  /**
   * Which calendar year names a fiscal year that starts in another month than January: the one it ends in
   * (most vendors: Slack's FY2027 runs from February 2026 to January 2027), or the one it starts in.
   */
  fiscalYearNamedBy: 'end' | 'start';
}

export const MONTHLY: BillingPeriod = { kind: 'month', fiscalYearStart: 1, fiscalYearNamedBy: 'end' };

/** The name (a calendar year) of the fiscal year that starts in `startYear`. */
const fiscalYearName = (startYear: number, billing: BillingPeriod): number =>
  billing.fiscalYearNamedBy === 'end' && billing.fiscalYearStart !== 1 ? startYear + 1 : startYear;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The month `n` months after (year, month). */
function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const i = year * 12 + (month - 1) + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/**
 * The quarter starting with (year, month): "2026-Q4" for calendar quarters;
 * "FY2027-Q1" for a fiscal year starting in another month, the fiscal year
 * named as the policy says: by the calendar year it ends in (February 2026 to
 * January 2027 is FY2027), or starts in (FY2026).
 */
export function quarterPeriod(
  year: number,
  month: number,
  zone: string,
  billing: BillingPeriod,
  offsets = new ZoneOffsets(zone),
): Period {
  const end = addMonths(year, month, 3);
  const first = monthPeriod(year, month, zone, offsets);
  const next = monthPeriod(end.year, end.month, zone, offsets);
  const offset = (month - billing.fiscalYearStart + 12) % 12;
  const fiscalYear = month >= billing.fiscalYearStart ? year : year - 1;
  const q = Math.floor(offset / 3) + 1;
  return {
    ...first,
    label:
      billing.fiscalYearStart === 1
        ? `${String(year).padStart(4, '0')}-Q${q}`
        : `FY${String(fiscalYearName(fiscalYear, billing)).padStart(4, '0')}-Q${q}`,
    months: 3,
    end: next.start,
    lastDay: daysFromCivil(end.year, end.month, 1) - 1,
  };
}

/** The first month of the billing period that holds (year, month). */
function periodStart(year: number, month: number, billing: BillingPeriod): { year: number; month: number } {
  if (billing.kind === 'month') return { year, month };
  const back = (month - billing.fiscalYearStart + 12) % 3;
  return addMonths(year, month, -back);
}

/** The billing period that starts with (year, month), which must be a period's first month. */
export function periodAt(
  year: number,
  month: number,
  zone: string,
  billing: BillingPeriod,
  offsets = new ZoneOffsets(zone),
): Period {
  return billing.kind === 'month'
    ? monthPeriod(year, month, zone, offsets)
    : quarterPeriod(year, month, zone, billing, offsets);
}

/** The billing period holding an instant. */
export function periodOf(t: number, zone: string, billing: BillingPeriod): Period {
  const offsets = new ZoneOffsets(zone);
  const m = monthOf(t, offsets);
  const s = periodStart(m.year, m.month, billing);
  return periodAt(s.year, s.month, zone, billing, offsets);
}

/** SPEC: the default period is the last complete one before `asOf` in the billing zone. */
export function lastCompletePeriod(asOf: number, zone: string, billing: BillingPeriod): Period {
  const current = periodOf(asOf, zone, billing);
  const prev = addMonths(current.year, current.month, -current.months);
  return periodAt(prev.year, prev.month, zone, billing);
}

/**
 * A period's label as a user writes it: "2026-10" for a monthly policy;
 * "2026-Q4" (calendar quarters) or "FY2027-Q1" (fiscal, named as the policy
 * says) for a quarterly one. Returns the period's first month, or what it
 * must be ("must be YYYY-MM"): a label of another form is no period of the
 * policy, never a guess.
 */
export function parsePeriodLabel(text: string, billing: BillingPeriod): { year: number; month: number } | string {
  if (billing.kind === 'month') {
    const m = parseMonthLabel(text);
    return m ?? (/^\d{4}-Q[1-4]$/i.test(text) ? 'must be YYYY-MM: the policy bills by month' : 'must be YYYY-MM');
  }
  const calendar = billing.fiscalYearStart === 1;
  const q = (calendar ? /^(\d{4})-Q([1-4])$/i : /^FY(\d{4})-Q([1-4])$/i).exec(text.trim());
  if (!q) {
    const example = calendar ? '2026-Q4' : fiscalExample(billing);
    if (parseMonthLabel(text)) return `must be a quarter such as ${example}: the policy bills by quarter`;
    if (!calendar && /^\d{4}-Q[1-4]$/i.test(text.trim()))
      return `must be a fiscal quarter such as ${example}: the policy's quarters count from ${MONTHS[billing.fiscalYearStart - 1]}`;
    if (calendar && /^FY\d{4}-Q[1-4]$/i.test(text.trim()))
      return `must be a quarter such as ${example}: the policy's quarters are calendar quarters`;
    return `must be a quarter such as ${example}`;
  }
  // A fiscal year named by the year it ends in starts the calendar year before its name.
  const startYear = Number(q[1]) - fiscalYearName(0, billing);
  return addMonths(startYear, billing.fiscalYearStart, (Number(q[2]) - 1) * 3);
}

/** "FY2027-Q1 (February to April 2026: the policy names a fiscal year by the calendar year it ends in)". */
function fiscalExample(billing: BillingPeriod): string {
  const first = MONTHS[billing.fiscalYearStart - 1]!;
  const last = MONTHS[(billing.fiscalYearStart + 1) % 12]!;
  const lastYear = billing.fiscalYearStart + 2 > 12 ? 2027 : 2026;
  return `FY${fiscalYearName(2026, billing)}-Q1 (${first} 2026 to ${last} ${lastYear}: the policy names a fiscal year by the calendar year it ${billing.fiscalYearNamedBy === 'end' ? 'ends' : 'starts'} in)`;
}

/** Consecutive periods from the one starting at `from` to the one starting at `to`, inclusive. */
export function periodRange(
  from: { year: number; month: number },
  to: { year: number; month: number },
  zone: string,
  billing: BillingPeriod,
): Period[] {
  const offsets = new ZoneOffsets(zone);
  const step = billing.kind === 'month' ? 1 : 3;
  const out: Period[] = [];
  for (let p = from; p.year * 12 + p.month <= to.year * 12 + to.month; p = addMonths(p.year, p.month, step))
    out.push(periodAt(p.year, p.month, zone, billing, offsets));
  return out;
}

/** How many local dates a period has: 28 to 31 for a month, 90 to 92 for a quarter. */
export const periodDays = (period: Period): number => period.lastDay - daysFromCivil(period.year, period.month, 1) + 1;

/** What the fee of a period is called in a report: the monthly or the quarterly fee. */
export const feeName = (period: Period): string => (period.months === 3 ? 'quarterly fee' : 'monthly fee');

/** The billing period `n` periods before `p` (n ≥ 1). */
export function periodBefore(p: Period, n: number, billing: BillingPeriod): Period {
  const s = addMonths(p.year, p.month, -n * p.months);
  return periodAt(s.year, s.month, p.zone, billing);
}

/**
 * How many periods of the billing year holding `p` come before it: the year
 * is the calendar year, or the fiscal year from `fiscalYearStart`.
 */
export function periodsIntoYear(p: Period, billing: BillingPeriod): number {
  return Math.floor(((p.month - billing.fiscalYearStart + 12) % 12) / p.months);
}

export const periodsPerYear = (billing: BillingPeriod): number => (billing.kind === 'month' ? 12 : 4);
