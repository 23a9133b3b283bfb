import { describe, expect, it } from 'vitest';
import { creditTotal } from '../../src/core/credits/ticket-credits.js';
import type { CreditLine } from '../../src/core/credits/credit-line.js';
import { minorDigits, shareOfAnnual, parseAmount, percentOf, toDecimal } from '../../src/core/money.js';

describe('money in integer minor units (SPEC 3.11)', () => {
  it('parses amounts exactly, refusing more decimals than the currency has', () => {
    expect(parseAmount('1234.56', 2)).toBe(123456);
    expect(parseAmount('1234.5', 2)).toBe(123450);
    expect(parseAmount('0.1', 2)).toBe(10);
    expect(parseAmount('1234.567', 2)).toBeNull();
    expect(parseAmount('-5', 2)).toBeNull();
    expect(parseAmount('1e3', 2)).toBeNull();
    expect(parseAmount('5000', minorDigits('JPY'))).toBe(5000);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('rounds each line half up: 5% of 999.99 is 49.9995 → 50.00; 10% of 0.05 is 0.005 → 0.01', () => {
    expect(percentOf(99_999, 5)).toBe(5_000);
    expect(percentOf(5, 10)).toBe(1);
    expect(percentOf(4, 10)).toBe(0); // 0.004 → 0.00
    expect(percentOf(123_456, 2.5)).toBe(3_086); // 30.864 → 30.86
    expect(percentOf(Number.MAX_SAFE_INTEGER - 1, 100)).toBe(Number.MAX_SAFE_INTEGER - 1); // no float drift at the top
  });

  it('takes the monthly fee as half-up(annual / 12)', () => {
    expect(shareOfAnnual(100_000)).toBe(8_333); // 1000.00 / 12 = 83.333…
    expect(shareOfAnnual(10_006)).toBe(834); // 100.06 / 12 = 8.338… → 8.34
    expect(shareOfAnnual(18)).toBe(2); // 0.18 / 12 = 0.015 → 0.02 (half up)
    // A quarter's share: 1000.00 × 3 / 12 = 250.00; 100.06 × 3 / 12 = 25.015 → 25.02.
    expect(shareOfAnnual(100_000, 3)).toBe(25_000);
    expect(shareOfAnnual(10_006, 3)).toBe(2_502);
    expect(toDecimal(8_333, 2)).toBe(83.33);
  });

  it('caps the total at the policy cap and says so', () => {
    const line = (percent: number, amountMinor: number): CreditLine => ({
      rule: 'r',
      kind: 'per-breach',
      basis: {},
      percent,
      amountMinor,
      eligible: true,
      reason: { code: 'CREDIT_PER_BREACH', args: { ticket: 'T', metric: 'firstResponse', percent } },
      claimBy: null,
    });
    const lines = Array.from({ length: 21 }, () => line(5, 5_000)); // 21 × 5% of 1000.00
    expect(
      creditTotal(
        lines,
        {
          models: [],
          capPercent: 100,
          claimBy: null,
          minimumPayableMinor: null,
          capPerYearPercent: null,
          contractCapPercent: null,
        },
        100_000,
      ),
    ).toEqual({ percent: 100, amountMinor: 100_000, capped: true });
    expect(
      creditTotal(
        lines.slice(0, 20),
        {
          models: [],
          capPercent: 100,
          claimBy: null,
          minimumPayableMinor: null,
          capPerYearPercent: null,
          contractCapPercent: null,
        },
        100_000,
      ),
    ).toEqual({ percent: 100, amountMinor: 100_000, capped: false });
    expect(
      creditTotal(
        lines,
        {
          models: [],
          capPercent: null,
          claimBy: null,
          minimumPayableMinor: null,
          capPerYearPercent: null,
          contractCapPercent: null,
        },
        null,
      ),
    ).toEqual({ percent: 105, amountMinor: null, capped: false });
    const undecided = { ...line(10, 10_000), eligible: null };
    expect(
      creditTotal(
        [undecided],
        {
          models: [],
          capPercent: null,
          claimBy: null,
          minimumPayableMinor: null,
          capPerYearPercent: null,
          contractCapPercent: null,
        },
        100_000,
      ),
    ).toEqual({ percent: 0, amountMinor: 0, capped: false });
  });
});
