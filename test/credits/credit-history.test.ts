import { describe, expect, it } from 'vitest';
import { periodsToSettle, settleCredits, type PeriodCredits } from '../../src/core/credits/credit-history.js';
import type { CreditLine } from '../../src/core/credits/credit-line.js';
import {
  MONTHLY,
  monthPeriod,
  periodBefore,
  periodsIntoYear,
  quarterPeriod,
  type BillingPeriod,
} from '../../src/core/period.js';
import type { CreditModel, CreditSpec } from '../../src/core/policy/model.js';
import { creditReason } from '../../src/adapters/render/wording.js';

const late = (escalation: number[] | null, percent = 5): CreditModel => ({
  id: 'late',
  kind: 'per-breach',
  metrics: ['firstResponse'],
  priorities: null,
  percent,
  escalation,
});
const spec = (over: Partial<CreditSpec> = {}): CreditSpec => ({
  models: [late([1, 2])],
  capPercent: null,
  capPerYearPercent: null,
  contractCapPercent: null,
  claimBy: null,
  minimumPayableMinor: null,
  ...over,
});
const line = (percent = 5, amountMinor: number | null = 5000): CreditLine => ({
  rule: 'late',
  kind: 'per-breach',
  basis: {},
  percent,
  amountMinor,
  eligible: true,
  reason: { code: 'CREDIT_PER_BREACH', args: { ticket: 'T', metric: 'firstResponse', percent } },
  claimBy: null,
});
/** Months of 2026 in UTC, each with `n` failures (null: no evidence for it). */
const months = (counts: Array<number | null>, first = 1): PeriodCredits[] =>
  counts.map((n, i) => ({
    period: monthPeriod(2026, first + i, 'UTC'),
    lines: Array.from({ length: n ?? 0 }, () => line()),
    ticketsKnown: n !== null,
    availabilityKnown: true,
  }));
const fees = { contract: 100_000, report: 100_000 };

describe('escalation across consecutive periods', () => {
  it('[1, 2]: a run broken by a month without failures starts again; longer runs keep the last factor', () => {
    const settled = settleCredits(months([1, 0, 1, 1, 1]), spec(), MONTHLY, fees);
    expect(settled.map((s) => s.lines.map((l) => l.percent))).toEqual([[5], [], [5], [10], [10]]);
    // 10% of 1000.00 = 100.00, from the fee, not 2 × the rounded line.
    expect(settled[3]!.lines[0]).toMatchObject({
      amountMinor: 10_000,
      basis: { escalation: { periodsInARow: 2, factor: 2 } },
    });
    expect(settled[3]!.lines[0]!.reason.args).toMatchObject({ run: 2, orMore: true, factor: 2, escalated: 10 });
    expect(creditReason(settled[3]!.lines[0]!)).toBe(
      'ticket T missed its first-response target: 5% per missed target; the second month in a row (or more) owing this credit: ×2 = 10%',
    );
    expect(settled[3]!.total).toMatchObject({ percent: 10, amountMinor: 10_000 });
  });

  it('a month without evidence ends the run as unknown: the factor is the least it can be, and the month is named', () => {
    const settled = settleCredits(months([null, 1]), spec(), MONTHLY, fees);
    expect(settled[1]!.lines[0]).toMatchObject({
      percent: 5,
      basis: { escalation: { periodsInARow: 1, factor: 1, unknownPeriod: '2026-01' } },
    });
    expect(settled[1]!.unknownPeriods).toEqual(['2026-01']);
  });

  it('an undecided line (eligible null) neither counts nor breaks a run: unknown', () => {
    const periods = months([1, 1]);
    const first = periods[0]!;
    periods[0] = { ...first, lines: [{ ...line(), eligible: null }] };
    expect(settleCredits(periods, spec(), MONTHLY, fees)[1]!.lines[0]!.basis.escalation).toEqual({
      periodsInARow: 1,
      factor: 1,
      unknownPeriod: '2026-01',
    });
  });

  it('factors multiply before the per-period cap: 3 × 10% = 30% capped at 25%', () => {
    const settled = settleCredits(months([1, 3]), spec({ capPercent: 25 }), MONTHLY, fees);
    expect(settled[1]!.total).toEqual({ percent: 25, amountMinor: 25_000, capped: true });
  });
});

describe('the cap per billing year', () => {
  const noEscalation = spec({ models: [late(null)], capPerYearPercent: 1 });

  it('1% of 12 × 1000.00 = 120.00 a year: 50 + 50 + 50 → the third month gets the 20.00 left; January starts a new year', () => {
    // January to September are known to owe nothing: with them unknown, each could have taken the whole cap, so the
    // amounts would be undecided (see 'earlier periods without evidence' below).
    const periods = [
      ...months([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]),
      { period: monthPeriod(2027, 1, 'UTC'), lines: [line()], ticketsKnown: true, availabilityKnown: true },
    ];
    const totals = settleCredits(periods, noEscalation, MONTHLY, fees)
      .slice(9)
      .map((s) => s.total);
    expect(totals.map((t) => t.amountMinor)).toEqual([5000, 5000, 2000, 5000]);
    expect(totals[2]).toMatchObject({
      percent: 2,
      capped: true,
      year: { capPercent: 1, capAmountMinor: 12_000, earlierAmountMinor: 10_000, earlierPercent: 10, reached: true },
    });
    expect(totals[3]).toMatchObject({ capped: false, year: { earlierAmountMinor: 0, unknownPeriods: [] } });
  });

  it('without a fee, in percent of one period’s fee: 1% × 12 = 12% a year', () => {
    // January to September known to owe nothing, as above.
    const settled = settleCredits(months([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]), noEscalation, MONTHLY, {
      contract: null,
      report: null,
    }).slice(9);
    expect(settled.map((s) => s.total.percent)).toEqual([5, 5, 2]);
    expect(settled[2]!.total.amountMinor).toBeNull();
  });

  it('what the year leaves under the minimum payable is not paid: 10.00 in January, then 2.00 left of 12.00 is under 5.00', () => {
    const ten = spec({ models: [late(null, 10)], capPerYearPercent: 1, minimumPayableMinor: 500 });
    const periods = months([1, 1]).map((p) => ({ ...p, lines: p.lines.map(() => line(10, 1000)) }));
    const totals = settleCredits(periods, ten, MONTHLY, { contract: 10_000, report: 10_000 }).map((s) => s.total);
    expect(totals[0]).toMatchObject({ amountMinor: 1000 });
    expect(totals[1]).toMatchObject({
      percent: 0,
      amountMinor: 0,
      belowMinimum: true,
      year: { earlierAmountMinor: 1000, reached: true },
    });
  });

  it('with fees per service only (no contract fee), a month that owes nothing still counts as 0.00 toward the year', () => {
    const service = (amountMinor: number): CreditLine => ({
      ...line(10, amountMinor),
      service: 'us-east-1',
      feeMinor: 123_460,
    });
    const periods: PeriodCredits[] = [
      { period: monthPeriod(2026, 1, 'UTC'), lines: [], ticketsKnown: true, availabilityKnown: true },
      { period: monthPeriod(2026, 2, 'UTC'), lines: [service(12_346)], ticketsKnown: true, availabilityKnown: true },
      { period: monthPeriod(2026, 3, 'UTC'), lines: [service(12_346)], ticketsKnown: true, availabilityKnown: true },
    ];
    // 1% of 12 × 2034.60 = 244.15; February takes 123.46; March gets the 120.69 left.
    const totals = settleCredits(periods, spec({ models: [late(null)], capPerYearPercent: 1 }), MONTHLY, {
      contract: null,
      report: 203_460,
    }).map((s) => s.total);
    expect(totals.map((t) => t.amountMinor)).toEqual([0, 12_346, 12_069]);
    expect(totals[2]!.year).toMatchObject({ capAmountMinor: 24_415, earlierAmountMinor: 12_346, reached: true });
  });

  it('a fiscal year starting in July: October has three earlier periods; quarters of a fiscal year starting in April: January’s quarter has three', () => {
    const july: BillingPeriod = { kind: 'month', fiscalYearStart: 7, fiscalYearNamedBy: 'end' };
    expect(periodsIntoYear(monthPeriod(2026, 10, 'UTC'), july)).toBe(3);
    expect(periodsIntoYear(monthPeriod(2026, 7, 'UTC'), july)).toBe(0);
    expect(periodsIntoYear(monthPeriod(2026, 6, 'UTC'), july)).toBe(11);
    const april: BillingPeriod = { kind: 'quarter', fiscalYearStart: 4, fiscalYearNamedBy: 'start' };
    expect(periodsIntoYear(quarterPeriod(2027, 1, 'UTC', april), april)).toBe(3);
    expect(periodBefore(quarterPeriod(2027, 1, 'UTC', april), 3, april).label).toBe('FY2026-Q1');
    // Named by the year it ends in, the same quarter (April to June 2026) is FY2027-Q1.
    expect(periodBefore(quarterPeriod(2027, 1, 'UTC', april), 3, { ...april, fiscalYearNamedBy: 'end' }).label).toBe(
      'FY2027-Q1',
    );
  });

  it('the periods audited for October: the year from January, and two more before it for a run of three', () => {
    const oct = monthPeriod(2026, 10, 'UTC');
    expect(periodsToSettle([oct], spec({ models: [late([1, 2, 3])] }), MONTHLY).map((p) => p.label)).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    const withYear = periodsToSettle([oct], spec({ models: [late([1, 2, 3])], capPerYearPercent: 5 }), MONTHLY).map(
      (p) => p.label,
    );
    expect(withYear[0]).toBe('2025-11');
    expect(withYear).toHaveLength(12);
    expect(periodsToSettle([oct], spec({ models: [late(null)] }), MONTHLY)).toEqual([oct]);
  });
});

describe('earlier periods without evidence under the cap per year', () => {
  // 1% of 12 × 1000.00 = 120.00 a year; no cap per period, so an unknown month may have owed up to 1000.00.
  const noEscalation = spec({ models: [late(null)], capPerYearPercent: 1 });

  it('October alone, January to September unknown: its 50.00 may be cut to nothing — undecided, naming them; in no total', () => {
    const [oct] = settleCredits(months([1], 10), noEscalation, MONTHLY, fees);
    const unknown = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
    expect(oct!.lines[0]).toMatchObject({ eligible: null, amountMinor: 5000, basis: { yearCapUnknown: unknown } });
    expect(creditReason(oct!.lines[0]!)).toContain(
      '; undecided: the yearly cap may cut it, and 2026-01, 2026-02, 2026-03, 2026-04, 2026-05, 2026-06, 2026-07, 2026-08, 2026-09 have no evidence',
    );
    expect(oct!.total).toMatchObject({ percent: 0, amountMinor: 0, year: { unknownPeriods: unknown } });
  });

  it('a cap per period bounds what an unknown month took: 1% a year (120.00), 0.5% a month (5.00) — 9 unknown months took at most 45.00, so October’s 5.00 of the 75.00 left is decided', () => {
    const capped = spec({ models: [late(null, 0.5)], capPerYearPercent: 1, capPercent: 0.5 });
    const october = {
      period: monthPeriod(2026, 10, 'UTC'),
      lines: [line(0.5, 500)],
      ticketsKnown: true,
      availabilityKnown: true,
    };
    const [oct] = settleCredits([october], capped, MONTHLY, fees);
    expect(oct!.lines[0]).toMatchObject({ eligible: true, amountMinor: 500 });
    expect(oct!.total).toMatchObject({ amountMinor: 500, year: { unknownPeriods: expect.any(Array) } });
  });
});
