import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settleCredits, type PeriodCredits } from '../../src/core/credits/credit-history.js';
import type { CreditLine } from '../../src/core/credits/credit-line.js';
import { daysOfService } from '../../src/core/credits/days-of-service.js';
import { creditTotal } from '../../src/core/credits/ticket-credits.js';
import {
  decimalText,
  percentOf,
  percentText,
  ratioPercent,
  readAmount,
  scalePercent,
  sumPercents,
  toDecimal,
} from '../../src/core/money.js';
import { MONTHLY, monthPeriod } from '../../src/core/period.js';
import type { CreditModel, CreditSpec } from '../../src/core/policy/model.js';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';
import { creditReason, findingText } from '../../src/adapters/render/wording.js';

// Percentages are exact decimals, kept as whole millionths of a percent (SPEC 3.11); amounts are whole minor units.

const spec = (over: Partial<CreditSpec> = {}): CreditSpec => ({
  models: [],
  capPercent: null,
  capPerYearPercent: null,
  contractCapPercent: null,
  claimBy: null,
  minimumPayableMinor: null,
  ...over,
});
const line = (percent: number, amountMinor: number | null, over: Partial<CreditLine> = {}): CreditLine => ({
  rule: 'late',
  kind: 'per-breach',
  basis: {},
  percent,
  amountMinor,
  eligible: true,
  reason: { code: 'CREDIT_PER_BREACH', args: { ticket: 'T', metric: 'firstResponse', percent } },
  claimBy: null,
  ...over,
});
/** 0.1% of 1000.00 USD (100 000 cents) is 1.00. */
const tenth = () => line(0.1, 100);

describe('percentages are exact decimals (SPEC 3.11)', () => {
  it('three 0.1 % lines total 0.3 %, not 0.30000000000000004', () => {
    expect(creditTotal([tenth(), tenth(), tenth()], spec(), 100_000)).toEqual({
      percent: 0.3,
      amountMinor: 300,
      capped: false,
    });
    expect(creditTotal([tenth(), tenth(), tenth()], spec(), null)).toEqual({
      percent: 0.3,
      amountMinor: null,
      capped: false,
    });
    expect(sumPercents([0.1, 0.2])).toBe(0.3);
  });

  it('lines that add up to exactly the cap are not capped; the cap is reached only when it cuts', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary floats: above a 0.3 cap, which then "cut" nothing.
    expect(creditTotal([tenth(), line(0.2, 200)], spec({ capPercent: 0.3 }), 100_000)).toEqual({
      percent: 0.3,
      amountMinor: 300,
      capped: false,
    });
    expect(creditTotal([tenth(), line(0.2, 200)], spec({ capPercent: 0.3 }), null)).toEqual({
      percent: 0.3,
      amountMinor: null,
      capped: false,
    });
    // 0.1 + 0.2 + 0.1 = 0.4 is cut to 0.3 = 3.00.
    expect(creditTotal([tenth(), line(0.2, 200), tenth()], spec({ capPercent: 0.3 }), 100_000)).toEqual({
      percent: 0.3,
      amountMinor: 300,
      capped: true,
    });
    // The contract's cap on the whole bill, likewise: exactly at it is not capped.
    expect(creditTotal([tenth(), line(0.2, 200)], spec({ contractCapPercent: 0.3 }), null)).toEqual({
      percent: 0.3,
      amountMinor: null,
      capped: false,
    });
  });

  it('services whose fees are all 0: the total percentage is a number (the services’ own), never NaN', () => {
    const lines = [line(0.1, 0, { service: 'a', feeMinor: 0 }), line(0.2, 0, { service: 'b', feeMinor: 0 })];
    expect(creditTotal(lines, spec(), null, 0)).toEqual({ percent: 0.3, amountMinor: 0, capped: false });
  });

  it('escalation multiplies exactly: 0.1 % × 3 in the second month in a row is 0.3 %, its amount from the exact product', () => {
    const late: CreditModel = {
      id: 'late',
      kind: 'per-breach',
      metrics: ['firstResponse'],
      priorities: null,
      percent: 0.1,
      escalation: [1, 3],
    };
    const periods: PeriodCredits[] = [9, 10].map((m) => ({
      period: monthPeriod(2026, m, 'UTC'),
      lines: [tenth()],
      ticketsKnown: true,
      availabilityKnown: true,
    }));
    const settled = settleCredits(periods, spec({ models: [late] }), MONTHLY, { contract: 100_000, report: 100_000 });
    expect(settled[1]!.lines[0]).toMatchObject({ percent: 0.3, amountMinor: 300 });
    expect(creditReason(settled[1]!.lines[0]!)).toContain('×3 = 0.3%');
    expect(settled[1]!.total).toEqual({ percent: 0.3, amountMinor: 300, capped: false });
    // 1.1 × 3 is 3.3000000000000003 in floats; of 1000.00 that is exactly 33.00.
    expect(scalePercent(1.1, 3)).toBe(3.3);
  });

  it('the yearly cap sums earlier periods exactly, and what expired is the exact difference', () => {
    const late: CreditModel = {
      id: 'late',
      kind: 'per-breach',
      metrics: ['firstResponse'],
      priorities: null,
      percent: 0.1,
      escalation: null,
    };
    // Without a fee, in percent of one month's fee: a yearly cap of 0.05% × 12 = 0.6%; October and November took 0.1 + 0.2.
    // January to September are known to owe nothing: unknown, they could have taken the whole cap (then December's
    // amount would be undecided, not this sum).
    const earlier: PeriodCredits[] = Array.from({ length: 9 }, (_, m) => ({
      period: monthPeriod(2026, m + 1, 'UTC'),
      lines: [],
      ticketsKnown: true,
      availabilityKnown: true,
    }));
    const periods: PeriodCredits[] = [
      ...earlier,
      { period: monthPeriod(2026, 10, 'UTC'), lines: [tenth()], ticketsKnown: true, availabilityKnown: true },
      { period: monthPeriod(2026, 11, 'UTC'), lines: [line(0.2, null)], ticketsKnown: true, availabilityKnown: true },
      {
        period: monthPeriod(2026, 12, 'UTC'),
        lines: [tenth(), line(0.2, null, { claimBy: 0 })],
        ticketsKnown: true,
        availabilityKnown: true,
      },
    ];
    const settled = settleCredits(
      periods,
      spec({ models: [late], capPerYearPercent: 0.05 }),
      MONTHLY,
      { contract: null, report: null },
      1,
    );
    const december = settled[11]!.total;
    expect(december.year).toMatchObject({ earlierPercent: 0.3 });
    expect(december.year?.reached).toBeUndefined();
    // 0.1 + 0.2 = 0.3 owed, 0.1 of it still claimable: 0.2 expired (0.3 − 0.1 is 0.19999999999999998 in floats).
    expect(december).toMatchObject({ percent: 0.1, expired: { lines: 1, percent: 0.2 } });
  });

  it('a share with no finite decimal (3 days of a 31-day month) is shown to the millionth; its amount is computed from 3/31 itself', () => {
    const october = monthPeriod(2026, 10, 'UTC');
    // 3/31 = 9.6774193548…%: shown 9.677419. Of 99 999 999 999.99 USD the amount is 3/31 of it, half up:
    // 9 999 999 999 999 × 3 / 31 = 967 741 935 483.774… → 967 741 935 484 cents; from 9.677419% it would be 967 741 900 000.
    const d = daysOfService(3, october, 9_999_999_999_999, { quarter: false });
    expect(d.percent).toBe(9.677419);
    expect(d.amountMinor).toBe(967_741_935_484);
    expect(d.rule).toEqual({
      code: 'CREDIT_RULE_DAYS',
      args: { days: 3, owed: 3, of: 31, period: '2026-10', percent: 9.677419, quarter: false },
    });
    expect(findingText(d.rule.code, d.rule.args)).toContain('= 9.6774%');
    expect(ratioPercent(300n, 31n)).toBe(9.677419);
    expect(ratioPercent(200n, 3n)).toBe(66.666667); // half up at the millionth
  });

  it('prints amounts and percentages with every digit: no binary-float rounding', () => {
    expect(decimalText(9_999_999_999_999, 2)).toBe('99999999999.99');
    expect(decimalText(5, 2)).toBe('0.05');
    expect(decimalText(5, 0)).toBe('5');
    expect(toDecimal(9_999_999_999_999, 2)).toBe(99_999_999_999.99);
    expect([percentText(0.3), percentText(10), percentText(9.677419), percentText(0.000001)]).toEqual([
      '0.3',
      '10',
      '9.677419',
      '0.000001',
    ]);
    expect(percentOf(9_999_999_999_999, 0.1)).toBe(10_000_000_000); // 9 999 999 999.999 cents, half up
  });

  it('refuses amounts above 99 999 999 999.99 (in minor units 10^13 − 1), which it could not carry exactly', () => {
    expect(readAmount('99999999999.99', 2)).toEqual({ minor: 9_999_999_999_999 });
    expect(readAmount('100000000000', 2)).toEqual({ problem: 'too-large' });
    expect(readAmount('90071992547409.91', 2)).toEqual({ problem: 'too-large' });
    expect(readAmount('9999999999999', 0)).toEqual({ minor: 9_999_999_999_999 });
    expect(readAmount('12.345', 2)).toEqual({ problem: 'format' });
  });
});

describe('exact money end to end: JSON, CSV and the table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-audit-exact-money-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
  const policy = (name: string, cap: string) =>
    write(
      name,
      `version: sla-policy/v1
id: tenth
name: A tenth of a percent per late reply
currency: USD
billingZone: UTC
priorities:
  P1: { name: Urgent }
defaultPriority: P1
tiers:
  t: { calendar: 24x7, targets: { P1: { firstResponse: 1h } } }
credits:
${cap}  models:
    - { id: late, type: per-breach, percent: 0.1 }
`,
    );
  // Three tickets answered after 2 h: three lines of 0.1% of 1000.00 = 1.00.
  const tickets = write(
    'tickets.csv',
    'id,created_at,priority,first_response_at\nA,2026-10-05T10:00:00Z,P1,2026-10-05T12:00:00Z\nB,2026-10-06T10:00:00Z,P1,2026-10-06T12:00:00Z\nC,2026-10-07T10:00:00Z,P1,2026-10-07T12:00:00Z\n',
  );
  const run = (policyFile: string, format: string, fee = '1000.00') =>
    runCli(
      [
        'audit',
        '--tickets',
        tickets,
        '--policy',
        policyFile,
        '--tier',
        't',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
        '--fee',
        fee,
        '--format',
        format,
      ],
      { cwd: dir },
    );

  it('three 0.1 % lines: 0.3 in JSON and in the CSV total row', async () => {
    const file = policy('uncapped.yaml', '');
    const json = await run(file, 'json');
    expect(json.stdout).toContain('"percent": 0.3,');
    expect(json.stdout).not.toContain('0.30000000000000004');
    expect(parseReport(json.stdout).creditTotal).toEqual({
      percent: 0.3,
      amount: 3,
      currency: 'USD',
      capped: false,
      undecidedLines: 0,
    });
    const total = (await run(file, 'csv')).stdout.split('\r\n').find((l) => l.startsWith('2026-10,tenth,t,,total,'));
    expect(total).toBe(
      '2026-10,tenth,t,,total,0.3,1000,3,USD,,,,,"sum of eligible lines not expired, capped as the policy says"',
    );
  });

  it('lines that add up to exactly the cap: capped false in JSON, no "(capped)" in the table', async () => {
    const file = policy('capped.yaml', '  cap: 0.3\n');
    expect(parseReport((await run(file, 'json')).stdout).creditTotal).toEqual({
      percent: 0.3,
      amount: 3,
      currency: 'USD',
      capped: false,
      undecidedLines: 0,
    });
    const table = (await run(file, 'table')).stdout;
    expect(table).toContain('Credit total: 0.3% of the monthly fee = 3.00 USD');
    expect(table).not.toContain('(capped)');
  });

  it('a fee too large to carry exactly is refused at the input, naming the largest accepted; the largest is printed exactly', async () => {
    const file = policy('fee.yaml', '');
    const refused = await run(file, 'json', '90071992547409.91');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      '--fee is more than the largest amount sla-audit computes exactly (expected at most 99999999999.99 USD; got: "90071992547409.91")',
    );
    const largest = await run(file, 'json', '99999999999.99');
    expect(largest.stdout).toContain('"fee": 99999999999.99,');
    // 0.1% of it, half up: 99 999 999.99999 → 100 000 000.00 a line.
    expect(parseReport(largest.stdout).creditTotal).toMatchObject({ percent: 0.3, amount: 300_000_000 });
  });
});
