import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { auditAvailability } from '../../src/core/availability/audit-availability.js';
import { monthPeriod } from '../../src/core/period.js';

/**
 * sma-opcon bands on a 30-day month of UTC-zoned evidence (2 592 000 s), with
 * the previous month also failing so every failing month is payable:
 * 0.1% = 2592 s, 1% = 25 920 s, 5% = 129 600 s of downtime.
 */
const sma = resolvePolicy('sma-opcon');
const policy = { ...sma, billingZone: 'UTC' };
const tier = sma.tiers.find((t) => t.id === 'managed-operations')!;
const NOV = monthPeriod(2026, 11, 'UTC');
const OCT = monthPeriod(2026, 10, 'UTC');
const S = 1000;

function creditFor(downSeconds: number) {
  const novStart = NOV.start + 86_400_000;
  return auditAvailability({
    policy,
    tier,
    period: NOV,
    feeMinor: 1_000_000, // 10 000.00
    evidence: [
      {
        service: 'cloud',
        covered: [[OCT.start, NOV.end]],
        maintenance: [],
        outages: [
          [OCT.start + 86_400_000, OCT.start + 86_400_000 + 3_600_000], // October fails too (1 h)
          [novStart, novStart + downSeconds * S],
        ],
      },
    ],
  });
}

describe('sma-opcon availability bands, exact at each boundary', () => {
  it.each([
    { down: 2592, percent: null, why: 'exactly 99.9%: met, no credit' },
    { down: 2593, percent: 10, why: 'just under 99.9%' },
    { down: 25_920, percent: 10, why: 'exactly 99%: not below 99' },
    { down: 25_921, percent: 25, why: 'just under 99%' },
    { down: 129_600, percent: 25, why: 'exactly 95%: not below 95' },
    { down: 129_601, percent: 100, why: 'just under 95%' },
  ])('$down s down → $percent ($why)', ({ down, percent }) => {
    const { rows, credits } = creditFor(down);
    expect(rows.find((r) => r.service === 'all')!.downtimeMs).toBe(down * S);
    if (percent === null) {
      expect(credits).toEqual([]);
      return;
    }
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ percent, eligible: true, amountMinor: percent * 10_000 });
  });
});
