import { describe, expect, it } from 'vitest';
import type { AvailabilityRow } from '../../src/core/availability/availability.js';
import { availabilityCredits } from '../../src/core/credits/availability-credits.js';
import { steps } from '../../src/core/credits/hourly-rate.js';
import { monthPeriod, periodDays, quarterPeriod, type Period } from '../../src/core/period.js';
import type { CreditModel, CreditSpec, StepRounding } from '../../src/core/policy/model.js';
import { creditReason } from '../../src/adapters/render/wording.js';
import { availabilityShown } from '../../src/core/money.js';

// Every number below is computed by hand: fee × part / whole, half up to the cent.
const MIN = 60_000;
const HOUR = 3_600_000;
const spec = (model: CreditModel): CreditSpec => ({
  models: [model],
  capPercent: null,
  capPerYearPercent: null,
  contractCapPercent: null,
  claimBy: null,
  minimumPayableMinor: null,
});
const unknown = (label: string) => ({ label, availabilityPercent: null, failing: null, source: 'unknown' as const });

/** A fully covered row of `period` with `downMs` down, judged against `target` exactly. */
function row(period: Period, downMs: number, target: number): AvailabilityRow {
  const eligibleMs = period.end - period.start;
  const availabilityPercent = ((eligibleMs - downMs) * 100) / eligibleMs;
  const met = (eligibleMs - downMs) * 100 >= target * eligibleMs;
  return {
    service: 'all',
    period,
    eligibleMs,
    downtimeMs: downMs,
    maintenanceMs: 0,
    noDataMs: 0,
    availabilityPercent,
    targetPercent: target,
    met,
    coveredMs: eligibleMs,
    coveragePercent: 100,
    bounds: { noDataAsDown: availabilityPercent, noDataAsUp: availabilityPercent },
    coverageShort: false,
    downtime: [],
    noData: [],
    sources: [],
  };
}
const credit = (model: CreditModel, r: AvailabilityRow, feeMinor: number | null) =>
  availabilityCredits(r, spec(model), r.period, feeMinor, unknown);

const CAL = { kind: 'quarter', fiscalYearStart: 1, fiscalYearNamedBy: 'end' } as const;
const FEB_2026 = monthPeriod(2026, 2, 'UTC');
const FEB_2028 = monthPeriod(2028, 2, 'UTC');
const NOV_2026 = monthPeriod(2026, 11, 'UTC');
const OCT_2026 = monthPeriod(2026, 10, 'UTC');
const Q4_2026 = quarterPeriod(2026, 10, 'UTC', CAL);

describe('days of service (Google Workspace: 3, 7 or 15 days added to the term by availability band)', () => {
  const workspace: CreditModel = {
    id: 'days',
    kind: 'days-of-service',
    bands: [
      { below: 99.9, inclusive: false, days: 3 },
      { below: 99, inclusive: false, days: 7 },
      { below: 95, inclusive: false, days: 15 },
    ],
    escalation: null,
  };

  it('a period has as many days as its local dates: 28, 29, 30, 31, and 92 for Q4', () => {
    expect([FEB_2026, FEB_2028, NOV_2026, OCT_2026, Q4_2026].map(periodDays)).toEqual([28, 29, 30, 31, 92]);
  });

  it.each([
    {
      name: '28-day February 2026: 3/28 of 100.00 = 10.714…% → 10.71',
      period: FEB_2026,
      fee: 10_000,
      percent: 10.714286,
      amount: 1071,
    },
    {
      name: '29-day February 2028: 3/29 of 100.00 = 10.344…% → 10.34',
      period: FEB_2028,
      fee: 10_000,
      percent: 10.344828,
      amount: 1034,
    },
    {
      name: '30-day November 2026: 3/30 of 100.00 = 10% → 10.00',
      period: NOV_2026,
      fee: 10_000,
      percent: 10,
      amount: 1000,
    },
    {
      name: '31-day October 2026: 3/31 of 100.00 = 9.677…% → 9.68, not 10.00',
      period: OCT_2026,
      fee: 10_000,
      percent: 9.677419,
      amount: 968,
    },
    {
      name: 'Q4 2026 (92 days): 3/92 of the quarterly 300.00 = 3.260…% → 9.78',
      period: Q4_2026,
      fee: 30_000,
      percent: 3.26087,
      amount: 978,
      down: 200,
    },
    { name: 'half up: 3/30 of 1.05 is 10.5 cents → 0.11', period: NOV_2026, fee: 105, percent: 10, amount: 11 },
  ])('$name', ({ period, fee, percent, amount, down }) => {
    // 60 min down fails 99.9% in every month; a quarter (132 480 min) needs more than 132.48 min: 200 min.
    const lines = credit(workspace, row(period, (down ?? 60) * MIN, 99.9), fee);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.percent).toBe(percent);
    expect(lines[0]).toMatchObject({
      rule: 'days',
      kind: 'days-of-service',
      amountMinor: amount,
      eligible: true,
      basis: { days: 3, periodDays: periodDays(period), band: '< 99.9%' },
    });
  });

  it('the band decides the days: 98.88% (500 min of October) → 7/31 = 22.58; 87.6% (5000 min of February 2026) → 15/28 = 53.57', () => {
    expect(credit(workspace, row(OCT_2026, 500 * MIN, 99.9), 10_000)[0]).toMatchObject({
      amountMinor: 2258,
      basis: { days: 7, band: '< 99%' },
    });
    expect(credit(workspace, row(FEB_2026, 5000 * MIN, 99.9), 10_000)[0]).toMatchObject({
      amountMinor: 5357,
      basis: { days: 15, band: '< 95%' },
    });
  });

  it('exactly 99.9% (43 min 12 s of a 30-day month) meets the target and is in no "below" band: nothing; one second more: 3 days', () => {
    expect(credit(workspace, row(NOV_2026, 2592_000, 99.9), 10_000)).toEqual([]);
    expect(credit(workspace, row(NOV_2026, 2593_000, 99.9), 10_000)[0]).toMatchObject({
      amountMinor: 1000,
      basis: { days: 3 },
    });
  });

  it('says what it owes and why, and without a fee gives the share only', () => {
    const [line] = credit(workspace, row(OCT_2026, 60 * MIN, 99.9), null);
    expect(line!.amountMinor).toBeNull();
    expect(creditReason(line!)).toBe(
      // 44 580 of 44 640 min = 99.865591…%: shown cut to 4 decimals, never rounded up.
      'availability 99.8655% < 99.9% in 2026-10: 3 days of service of the 31 days of 2026-10: 3/31 of the monthly fee = 9.6774%',
    );
  });

  it('days beyond the period are at most the whole fee', () => {
    const month: CreditModel = { ...workspace, bands: [{ below: 99.9, inclusive: false, days: 45 }] } as CreditModel;
    expect(credit(month, row(FEB_2026, 60 * MIN, 99.9), 10_000)[0]).toMatchObject({
      percent: 100,
      amountMinor: 10_000,
    });
  });
});

describe('hourly-rate credits (DigitalOcean: the lost time at the hourly price, the month capped at 672 hours, in 5-minute steps)', () => {
  const hourly = (rounding: StepRounding = 'up', multiple = 1): CreditModel => ({
    id: 'lost-time',
    kind: 'hourly-rate',
    monthlyHours: 672,
    stepMs: 5 * MIN,
    rounding,
    multiple,
    escalation: null,
  });
  // 1344.00 a month over 672 hours: 2.00 an hour, 1/6 of 2.00 per 5-minute step.
  const FEE = 134_400;

  it('steps: each started one (up), whole ones (down), or the nearer, a half step up (nearest)', () => {
    const at = (ms: number, r: StepRounding) => steps(ms, 5 * MIN, r);
    expect([at(5 * MIN, 'up'), at(5 * MIN + 1, 'up'), at(5 * MIN + 1, 'down'), at(0, 'up')]).toEqual([1, 2, 1, 0]);
    expect([at(7.5 * MIN, 'nearest'), at(7.5 * MIN - 1, 'nearest'), at(9 * MIN, 'down')]).toEqual([2, 1, 1]);
  });

  it.each([
    {
      name: 'up: 38 min 30 s counts 8 steps = 40 min → 2/3 h × 2.00 = 1.33',
      rounding: 'up' as const,
      down: 38.5 * MIN,
      amount: 133,
      credited: 2400,
    },
    {
      name: 'down: 7 whole steps = 35 min → 1.1666… → 1.17',
      rounding: 'down' as const,
      down: 38.5 * MIN,
      amount: 117,
      credited: 2100,
    },
    {
      name: 'nearest: 7.7 steps → 8 = 40 min → 1.33',
      rounding: 'nearest' as const,
      down: 38.5 * MIN,
      amount: 133,
      credited: 2400,
    },
    {
      name: 'up: exactly 5 min is one step → 0.1666… → 0.17; 5 min 1 s is two → 0.33',
      rounding: 'up' as const,
      down: 5 * MIN,
      amount: 17,
      credited: 300,
    },
    {
      name: 'up: 5 min 1 s is two steps → 10 min → 0.33',
      rounding: 'up' as const,
      down: 5 * MIN + 1000,
      amount: 33,
      credited: 600,
    },
  ])('$name', ({ rounding, down, amount, credited }) => {
    const [line] = credit(hourly(rounding), row(OCT_2026, down, 99.99), FEE);
    expect(line).toMatchObject({
      rule: 'lost-time',
      kind: 'hourly-rate',
      amountMinor: amount,
      eligible: true,
      basis: { creditedSeconds: credited, downtimeSeconds: down / 1000 },
    });
    // Shown to the millionth of a percent (SPEC 3.11), half up; the amount is from the exact share.
    expect(line!.percent).toBe(Math.round((credited * 1000 * 100 * 1e6) / (672 * HOUR)) / 1e6);
  });

  it.each([
    {
      name: '28-day February 2026 (672 h) all down: exactly the whole fee, 1344.00',
      period: FEB_2026,
      downH: 672,
      percent: 100,
      amount: FEE,
    },
    {
      name: '31-day October 2026 (744 h) all down: 744/672 would be 111%; at most the fee, 1344.00',
      period: OCT_2026,
      downH: 744,
      percent: 100,
      amount: FEE,
    },
    {
      name: '30-day November 2026, 700 h down: more hours than the fee buys → 1344.00',
      period: NOV_2026,
      downH: 700,
      percent: 100,
      amount: FEE,
    },
    {
      name: '29-day February 2028, 600 h down: 600 × 2.00 = 1200.00 (89.2857…%)',
      period: FEB_2028,
      downH: 600,
      percent: 89.285714,
      amount: 120_000,
    },
    {
      name: '31-day October 2026, 10 h down: 20.00, the same as in any month (the hourly price does not depend on its length)',
      period: OCT_2026,
      downH: 10,
      percent: 1.488095,
      amount: 2000,
    },
  ])('$name', ({ period, downH, percent, amount }) => {
    const [line] = credit(hourly(), row(period, downH * HOUR, 99.99), FEE);
    expect(line!.percent).toBe(percent);
    expect(line!.amountMinor).toBe(amount);
  });

  it('a quarter buys 3 × 672 = 2016 hours of its fee (3 × 1344.00): 10 h down is still 2.00 an hour → 20.00', () => {
    const [line] = credit(hourly(), row(Q4_2026, 10 * HOUR, 99.99), 3 * FEE);
    expect(line).toMatchObject({ amountMinor: 2000 });
    expect(line!.percent).toBe(0.496032); // 0.4960317…%, to the millionth
    expect(creditReason(line!)).toContain(
      '120 × 5 min (each started step counts) = 10 h at the hourly price (the quarterly fee / 2016 h)',
    );
  });

  it('a multiple: 10 × 30 min at 2.00 an hour = 10.00; the met month owes nothing', () => {
    expect(credit(hourly('up', 10), row(OCT_2026, 30 * MIN, 99.99), FEE)[0]).toMatchObject({ amountMinor: 1000 });
    // 99.99% of October allows 4 min 27.84 s down.
    expect(credit(hourly(), row(OCT_2026, 4 * MIN, 99.99), FEE)).toEqual([]);
  });

  it('with too little evidence the credit is at least what the known downtime gives, and undecided', () => {
    const r = {
      ...row(OCT_2026, 60 * MIN, 99.99),
      coverageShort: true,
      met: false,
      coveragePercent: 50,
      coveredMs: (OCT_2026.end - OCT_2026.start) / 2,
    };
    expect(credit(hourly(), r, FEE)[0]).toMatchObject({ amountMinor: 200, eligible: null });
  });
});

describe('availability as shown', () => {
  it('is cut to 4 decimals, never rounded up into meeting its target', () => {
    // 2 595.601 s down of November 2026 in New York (2 595 600 s): 99.8999999615…% misses 99.9%.
    expect(availabilityShown(((2_595_600_000 - 2_595_601) / 2_595_600_000) * 100)).toBe('99.8999');
    expect(availabilityShown(99.9)).toBe('99.9000');
    // An exact 99.95 that binary holds as 99.94999999999999 is 99.9500.
    expect(availabilityShown(((2_595_600_000 - 1_297_800) / 2_595_600_000) * 100)).toBe('99.9500');
    expect(availabilityShown(100)).toBe('100.0000');
  });
});
