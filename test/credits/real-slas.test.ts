import { describe, expect, it } from 'vitest';
import { claimDay } from '../../src/core/credits/claim.js';
import { monthPeriod } from '../../src/core/period.js';
import { formatIsoDate } from '../../src/core/time/civil.js';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// Real SLAs modelled in fixtures/policies/real/ (each file names its source), on the scenarios of
// fixtures/real-slas/; every number below is computed by hand.
const R = 'fixtures/real-slas/';
const P = 'fixtures/policies/real/';
const audit = async (args: string[], asOf = '2026-12-05T00:00:00Z') => {
  const r = await runCli([...args, '--as-of', asOf, '--format', 'json'], { cwd: ROOT });
  expect(r.code).toBe(0);
  return parseReport(r.stdout);
};

describe('AWS Compute, Region-Level SLA: a region is down only while both its zones are; no credit of a dollar or less; claim by the end of the second billing cycle', () => {
  const args = (fee: string) => [
    'uptime',
    `${R}aws-two-zones.csv`,
    '--policy',
    `${P}aws-ec2-region.yaml`,
    '--tier',
    'region',
    '--month',
    '2026-10',
    '--fee',
    fee,
  ];

  it('zone a down 02:00–04:00, zone b 03:40–04:10: the region 20 min of 44 640 → 99.9552% → 10% of 1234.60 = 123.46, claim by 2026-12-31', async () => {
    const report = await audit(args('1234.60'));
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all).toMatchObject({ downtimeSeconds: 1200, met: false });
    // (44 640 − 20) / 44 640 = 99.955197…%
    expect(all.availabilityPercent).toBeCloseTo(99.95519713261649, 12);
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'region-uptime',
        percent: 10,
        amount: 123.46,
        eligible: true,
        claimBy: '2026-12-31',
      }),
    ]);
    expect(report.creditTotal).toMatchObject({ percent: 10, amount: 123.46 });
  });

  it('10% of 9.00 is 0.90, not more than one dollar: nothing is paid, and the report says why', async () => {
    const report = await audit(args('9.00'));
    expect(report.credits[0]).toMatchObject({ percent: 10, amount: 0.9 });
    expect(report.creditTotal).toEqual({
      percent: 0,
      amount: 0,
      currency: 'USD',
      capped: false,
      undecidedLines: 0,
      belowMinimum: true,
    });
  });
});

describe('Rackspace Managed Cloud: 5% for every half hour or part thereof, at most 100%', () => {
  it('65 min down: 3 half hours (the third a part) = 15% of 200.00 = 30.00; exactly 60 min: 2 = 10%', async () => {
    const args = (file: string) => [
      'uptime',
      `${R}${file}`,
      '--policy',
      `${P}rackspace-managed-cloud.yaml`,
      '--tier',
      'server',
      '--month',
      '2026-10',
      '--fee',
      '200',
    ];
    expect((await audit(args('rackspace-65min.csv'))).credits).toEqual([
      expect.objectContaining({ rule: 'unavailability', percent: 15, amount: 30, eligible: true }),
    ]);
    expect((await audit(args('rackspace-60min.csv'))).credits).toEqual([
      expect.objectContaining({ percent: 10, amount: 20 }),
    ]);
  });
});

describe('Slack Plus (monthly version): 100 times the fee for the time down, pro rata', () => {
  it('10 min down in November 2026, Los Angeles (30 days + the DST hour = 43 260 min): 875.00 × 100 × 10 / 43 260 = 20.23', async () => {
    const report = await audit([
      'uptime',
      `${R}slack-10min.csv`,
      '--policy',
      `${P}slack-plus.yaml`,
      '--tier',
      'plus',
      '--month',
      '2026-11',
      '--fee',
      '875',
    ]);
    // 87 500 × 100 × 10 / 43 260 = 2022.65… cents → 20.23 (half up), from the fee, not from a rounded percentage.
    expect(report.credits).toEqual([
      expect.objectContaining({ rule: 'hundred-times-downtime', amount: 20.23, eligible: true }),
    ]);
    expect(report.credits[0].percent).toBe(2.311604); // 2.3116042…%, to the millionth
  });
});

describe('a managed-service template: credits for P1 misses only, escalating over consecutive months, capped per month and per contract year', () => {
  // As of a day within the month's claim window (one month after it ends): its credit is still owed.
  const msp = (file: string, period: string[], asOf: string) =>
    audit(
      ['tickets', `${R}${file}`, '--policy', `${P}msp-template.yaml`, '--tier', 'standard', ...period, '--fee', '2000'],
      asOf,
    );
  const escalation = (r: { credits: Array<{ percent: number; amount: number; basis: { escalation?: unknown } }> }) =>
    r.credits.map((c) => [c.percent, c.amount, c.basis.escalation]);

  // Fee 2000.00 a month; the contract year starts in July: its cap is 2.5% of 12 × 2000.00 = 600.00.
  // July: no P1 late. August: M-A (1 h 30 for 1 h) — first month in a row: 5% = 100.00.
  // September: M-S1 answered exactly at its due time (met); M-S2 one second late, M-S3 late — second month in a row, ×2: 10% each = 20%, capped at 15% = 300.00.
  // October: M-1 (2 h for 1 h) — third month in a row, ×3 = 15% = 300.00; the year has 600.00 − (0 + 100.00 + 300.00) = 200.00 left: the total is 200.00 (10%).
  it('October pays 15% for M-1 by escalation, then the yearly cap leaves 200.00 of it; M-2 (P3) is reported but pays nothing; M-4 at the DST change is met', async () => {
    const report = await msp('msp-tickets.csv', ['--month', '2026-10'], '2026-11-05T00:00:00Z');
    expect(report.tickets.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      ['M-1', 'breached'],
      ['M-2', 'breached'],
      ['M-3', 'met'],
      ['M-4', 'met'],
    ]);
    expect(escalation(report)).toEqual([[15, 300, { periodsInARow: 3, factor: 3 }]]);
    expect(report.credits[0]).toMatchObject({ rule: 'p1-late', claimBy: '2026-11-30' });
    expect(report.creditTotal).toEqual({
      percent: 10,
      amount: 200,
      currency: 'EUR',
      capped: true,
      undecidedLines: 0,
      year: { capPercent: 2.5, cap: 600, earlier: 400, earlierPercent: 20, unknownPeriods: [], reached: true },
    });
    expect(report.warnings.map((w: { code: string }) => w.code)).not.toContain('CREDIT_HISTORY_UNKNOWN');
  });

  it('September: answered exactly at the due time is met; two late P1s in the second month in a row pay 10% each, capped at 15%', async () => {
    const report = await msp('msp-tickets.csv', ['--month', '2026-09'], '2026-10-05T00:00:00Z');
    expect(report.tickets.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      ['M-S1', 'met'],
      ['M-S2', 'breached'],
      ['M-S3', 'breached'],
    ]);
    expect(escalation(report)).toEqual([
      [10, 200, { periodsInARow: 2, factor: 2 }],
      [10, 200, { periodsInARow: 2, factor: 2 }],
    ]);
    expect(report.creditTotal).toMatchObject({
      percent: 15,
      amount: 300,
      capped: true,
      year: { earlier: 100, reached: false },
    });
  });

  it('audited as a range, each month gives the numbers it gives alone', async () => {
    const r = await runCli(
      [
        'tickets',
        `${R}msp-tickets.csv`,
        '--policy',
        `${P}msp-template.yaml`,
        '--tier',
        'standard',
        '--from',
        '2026-07',
        '--to',
        '2026-10',
        '--fee',
        '2000',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    // At 5 December every claim window of July–October has closed: each month's credit is expired, not owed,
    // and comes to what it comes to alone; the yearly cap counts what the earlier months were owed.
    const reports = JSON.parse(r.stdout).periods as Array<{
      creditTotal: { amount: number; expired?: { amount: number } };
    }>;
    expect(reports.map((x) => x.creditTotal.amount)).toEqual([0, 0, 0, 0]);
    expect(reports.map((x) => x.creditTotal.expired?.amount ?? 0)).toEqual([0, 100, 300, 200]);
  });

  it('an export that starts in September: August is unknown, so October is at least the second month in a row (×2 = 200.00) and the yearly cap counts only what is known — both said', async () => {
    const report = await msp('msp-tickets-from-september.csv', ['--month', '2026-10'], '2026-11-05T00:00:00Z');
    expect(escalation(report)).toEqual([[10, 200, { periodsInARow: 2, factor: 2, unknownPeriod: '2026-08' }]]);
    expect(report.credits[0].reason).toContain('at least (2026-08 has no evidence)');
    // The yearly cap (600.00) leaves 400.00 after September's 200.00, but July and August may have taken up to 300.00
    // each (the cap per month, 15%), and September 100.00 more: October's 200.00 may be cut, to nothing with the full
    // export. It is undecided, not owed (it was owed in full before: a claim said "ready 200.00").
    expect(report.credits[0]).toMatchObject({
      eligible: null,
      amount: 200,
      basis: { yearCapUnknown: ['2026-07', '2026-08', '2026-09'] },
    });
    expect(report.creditTotal).toMatchObject({
      amount: 0,
      capped: false,
      undecidedLines: 1,
      year: { earlier: 200, unknownPeriods: ['2026-07', '2026-08', '2026-09'] },
    });
    const w = report.warnings.find((x: { code: string }) => x.code === 'CREDIT_HISTORY_UNKNOWN');
    expect(w.message).toBe(
      'the credits of 2026-10 depend on 2026-07, 2026-08, 2026-09, whose credits the evidence does not settle: a run of periods owing a credit stops at them (a credit may be higher); the yearly cap counts only what they are known to owe (the total may be lower)',
    );
  });
});

describe("Red Hat Premium Support: standard business hours of the customer's region, 24x7 for Severity 1 and 2", () => {
  it('the same Severity 3 case, Friday 9 October 19:00Z, answered Tuesday 13:30Z: met in New York (Columbus Day skipped), breached in London and on the default UTC hours; Severity 2 on a Saturday runs 24x7', async () => {
    const report = await audit([
      'tickets',
      `${R}redhat-region-tickets.csv`,
      // The policy pauses while waiting on the customer: the status history shows no pause.
      '--events',
      `${R}redhat-region-statuses.csv`,
      '--policy',
      `${P}redhat-openshift-premium.yaml`,
      '--tier',
      'premium',
      '--month',
      '2026-10',
    ]);
    const due = report.tickets.map(
      (t: { id: string; firstResponse: { calendar: string; dueAt: string; status: string } }) => [
        t.id,
        t.firstResponse.calendar,
        t.firstResponse.dueAt,
        t.firstResponse.status,
      ],
    );
    expect(due).toEqual([
      // New York, EDT: Friday 15:00–18:00 is 3 h; Monday 12 October is Columbus Day; Tuesday 09:00 + 1 h = 10:00 EDT.
      ['R-1', 'business-na', '2026-10-13T14:00:00Z', 'met'],
      // London, BST: Friday 20:00 is after hours; Monday 09:00 + 4 h = 13:00 BST.
      ['R-2', 'business-emea', '2026-10-12T12:00:00Z', 'breached'],
      // No region: 09:00–17:00 UTC, Monday 09:00 + 4 h.
      ['R-3', 'business', '2026-10-12T13:00:00Z', 'breached'],
      // Severity 2: 2 h on 24x7 from Saturday 10:00Z.
      ['R-4', '24x7', '2026-10-10T12:00:00Z', 'met'],
    ]);
  });
});

describe('claim deadlines as rules', () => {
  const day = (y: number, m: number, rule: Parameters<typeof claimDay>[1]) =>
    formatIsoDate(claimDay(monthPeriod(y, m, 'UTC'), rule));

  it('the end of the second billing cycle after October is 31 December; after December, 28 February (29 in a leap year)', () => {
    expect(day(2026, 10, { kind: 'end-of-billing-cycle', n: 2 })).toBe('2026-12-31');
    expect(day(2026, 12, { kind: 'end-of-billing-cycle', n: 2 })).toBe('2027-02-28');
    expect(day(2027, 12, { kind: 'end-of-billing-cycle', n: 2 })).toBe('2028-02-29');
  });

  it('N months after the end of the billing month, and N days after its last day (59 days after October is 29 December, not the 31st)', () => {
    expect(day(2026, 10, { kind: 'months-after', n: 2 })).toBe('2026-12-31');
    expect(day(2026, 11, { kind: 'months-after', n: 2 })).toBe('2027-01-31');
    expect(day(2026, 1, { kind: 'months-after', n: 1 })).toBe('2026-02-28');
    expect(day(2026, 10, { kind: 'days-after', n: 59 })).toBe('2026-12-29');
  });
});

describe('band boundaries: below (<) and atOrBelow (≤)', () => {
  it('exactly 99.9% (43 min 12 s down in a 30-day month) falls in a "≤ 99.9%" band: 25%, not the "< 99.95%" band\'s 10%', async () => {
    const report = await audit([
      'uptime',
      'fixtures/uptime-formats/outage-2592s-november.csv',
      '--policy',
      'fixtures/policies/bands-inclusive.yaml',
      '--tier',
      't',
      '--month',
      '2026-11',
      '--fee',
      '100',
    ]);
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all).toMatchObject({ availabilityPercent: 99.9, met: false });
    expect(report.credits).toEqual([
      expect.objectContaining({
        percent: 25,
        amount: 25,
        reason: expect.stringContaining('availability 99.9000% ≤ 99.9% in 2026-11'),
      }),
    ]);
  });
});

describe('quarters: GitHub Enterprise (calendar quarters, "≤ 99.9%") and Slack (fiscal quarters from February)', () => {
  const gh = (file: string) =>
    // Judged after the quarter: before its end, a list of outages speaks only up to --as-of.
    audit(
      ['uptime', `${R}${file}`, '--config', `${R}github-contract.yaml`, '--month', '2026-Q4'],
      '2027-01-05T00:00:00Z',
    );

  it('60 min down in October: the quarter (132 480 min) is 99.954710% — met, nothing owed, where October alone would have failed', async () => {
    const report = await gh('github-october-60min.csv');
    expect(report.period).toMatchObject({
      label: '2026-Q4',
      start: '2026-10-01T00:00:00Z',
      end: '2027-01-01T00:00:00Z',
    });
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all.availabilityPercent).toBeCloseTo(((132480 - 60) / 132480) * 100, 12);
    expect(all.met).toBe(true);
    expect(report.credits).toEqual([]);
  });

  it('200 min down: 99.849034% ≤ 99.9% → 10% of the quarterly fee (3 × 700.00 = 2100.00) = 210.00', async () => {
    const report = await gh('github-october-200min.csv');
    expect(report.fee).toBe(2100);
    expect(report.credits).toEqual([
      expect.objectContaining({
        percent: 10,
        amount: 210,
        eligible: true,
        reason: expect.stringContaining('≤ 99.9% in 2026-Q4: 10% of the quarterly fee'),
      }),
    ]);
  });

  it("Slack's FY2027-Q4 = November 2026 to January 2027 in Los Angeles (132 540 min with the DST hour): 30 min down → 10 × 2625.00 × 30 / 132 540 = 5.94", async () => {
    const report = await audit(
      ['uptime', `${R}slack-december-30min.csv`, '--config', `${R}slack-contract.yaml`, '--month', 'FY2027-Q4'],
      '2027-02-05T00:00:00Z',
    );
    expect(report.period).toMatchObject({
      label: 'FY2027-Q4',
      start: '2026-11-01T07:00:00Z',
      end: '2027-02-01T08:00:00Z',
    });
    expect(report.credits).toEqual([
      expect.objectContaining({ rule: 'ten-times-downtime', amount: 5.94, eligible: true }),
    ]);
  });

  it('a quarterly policy refuses a month, and a monthly one a quarter, saying which to give', async () => {
    const q = await runCli(
      [
        'uptime',
        `${R}github-october-60min.csv`,
        '--config',
        `${R}github-contract.yaml`,
        '--month',
        '2026-10',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(q.code).toBe(2);
    expect(q.stderr).toContain(
      '--month must be a quarter such as 2026-Q4: the policy bills by quarter (got: "2026-10")',
    );
    const m = await runCli(
      [
        'uptime',
        `${R}rackspace-60min.csv`,
        '--policy',
        `${P}rackspace-managed-cloud.yaml`,
        '--tier',
        'server',
        '--month',
        '2026-Q4',
      ],
      { cwd: ROOT },
    );
    expect(m.stderr).toContain('--month must be YYYY-MM: the policy bills by month (got: "2026-Q4")');
  });
});

describe('quarter periods', () => {
  it('the last complete quarter before as-of, fiscal labels, and claim deadlines by billing cycle', async () => {
    const { lastCompletePeriod, parsePeriodLabel, periodAt } = await import('../../src/core/period.js');
    const fiscal = { kind: 'quarter', fiscalYearStart: 2, fiscalYearNamedBy: 'end' } as const;
    expect(
      lastCompletePeriod(Date.parse('2026-11-30T12:00:00Z'), 'UTC', {
        kind: 'quarter',
        fiscalYearStart: 1,
        fiscalYearNamedBy: 'end',
      }).label,
    ).toBe('2026-Q3');
    // August to October 2026: the third quarter of the fiscal year ending in January 2027.
    expect(lastCompletePeriod(Date.parse('2026-11-30T12:00:00Z'), 'UTC', fiscal).label).toBe('FY2027-Q3');
    expect(parsePeriodLabel('FY2027-Q4', fiscal)).toEqual({ year: 2026, month: 11 });
    const q4 = periodAt(2026, 10, 'UTC', { kind: 'quarter', fiscalYearStart: 1, fiscalYearNamedBy: 'end' });
    expect(formatIsoDate(q4.lastDay)).toBe('2026-12-31');
    // The end of the second billing cycle after Q4 2026 is the end of Q2 2027.
    expect(formatIsoDate(claimDay(q4, { kind: 'end-of-billing-cycle', n: 2 }))).toBe('2027-06-30');
    expect(formatIsoDate(claimDay(q4, { kind: 'months-after', n: 1 }))).toBe('2027-01-31');
  });
});

describe('Google Compute Engine (2020): both zones down, for a minute or more', () => {
  it('40 s with both zones down is no Downtime Period; 12:01:30–12:07 both down is 5.5 min; 30 s together on the 12th is dropped → 99.987679% → 10% of 500.00 = 50.00', async () => {
    const report = await audit([
      'uptime',
      `${R}gce-two-zones.csv`,
      '--policy',
      `${P}gce-multi-zone.yaml`,
      '--tier',
      'project',
      '--month',
      '2026-10',
      '--fee',
      '500',
    ]);
    const rows = Object.fromEntries(
      report.availability.map((a: { service: string; downtimeSeconds: number }) => [a.service, a.downtimeSeconds]),
    );
    // Each zone alone: its 40 s blip dropped, 7 + 2 min (b) and 7.5 + 1.5 min (c) kept.
    expect(rows).toEqual({ 'europe-west1-b': 540, 'europe-west1-c': 540, all: 330 });
    expect(report.credits).toEqual([expect.objectContaining({ percent: 10, amount: 50, eligible: true })]);
  });
});

describe('Atlassian Cloud Premium (2024): minutes whose error rate is above 5%', () => {
  it("Atlassian's own example: 60 Downtime Minutes in a 30-day month is 99.86% → 10% of 1000.00; a minute at exactly 5% is not one; claim within 15 days", async () => {
    const report = await audit([
      'uptime',
      `${R}atlassian-failing-seconds.csv`,
      '--policy',
      `${P}atlassian-cloud-premium.yaml`,
      '--tier',
      'premium',
      '--month',
      '2026-11',
      '--fee',
      '1000',
    ]);
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    // 60 minutes with 5 s failing (8.3%) count whole; the minute with 3 s (5%) does not: 3600 s of 2 592 000.
    expect(all).toMatchObject({ downtimeSeconds: 3600, met: false });
    expect(all.availabilityPercent).toBeCloseTo(((43200 - 60) / 43200) * 100, 12);
    expect(report.credits).toEqual([expect.objectContaining({ percent: 10, amount: 100, claimBy: '2026-12-15' })]);
  });
});

describe('services with fees of their own: AWS over two regions', () => {
  it("each region on its own zones, target and charges: us-east-1's 20 min (both zones) → 10% of 1234.60 = 123.46; eu-west-1 never had both zones down → nothing; total 123.46 of 2034.60, not 10% of both", async () => {
    const report = await audit([
      'uptime',
      `${R}aws-two-regions.csv`,
      '--config',
      `${R}aws-two-regions-contract.yaml`,
      '--month',
      '2026-10',
    ]);
    const rows = Object.fromEntries(
      report.availability.map((a: { service: string; downtimeSeconds: number }) => [a.service, a.downtimeSeconds]),
    );
    expect(rows).toMatchObject({
      'us-east-1a': 7200,
      'us-east-1b': 1800,
      'us-east-1': 1200,
      'eu-west-1a': 7200,
      'eu-west-1b': 1,
      'eu-west-1': 0,
    });
    expect(report.fee).toBe(2034.6);
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'region-uptime',
        basis: expect.objectContaining({ service: 'us-east-1' }),
        percent: 10,
        amount: 123.46,
        reason: expect.stringContaining("10% of us-east-1's monthly fee"),
      }),
    ]);
    expect(report.creditTotal).toMatchObject({ amount: 123.46 });
    expect(report.creditTotal.percent).toBe(6.068023); // 12 346 / 203 460 = 6.0680231…%, to the millionth
  });

  it('a contract cap of 5% on the whole bill: us-east-1 still owes 123.46 on its own fee, the total is 5% of 2034.60 = 101.73', async () => {
    const report = await audit([
      'uptime',
      `${R}aws-two-regions.csv`,
      '--config',
      `${R}aws-two-regions-capped-contract.yaml`,
      '--month',
      '2026-10',
    ]);
    expect(report.credits).toEqual([expect.objectContaining({ percent: 10, amount: 123.46 })]);
    expect(report.creditTotal).toEqual({
      percent: 5,
      amount: 101.73,
      currency: 'USD',
      capped: true,
      undecidedLines: 0,
    });
  });
});

describe('a policy for availability only', () => {
  it('names no priorities, validates, and refuses tickets with a message saying why', async () => {
    const v = await runCli(['policies', 'validate', `${P}aws-ec2-region.yaml`], { cwd: ROOT });
    expect(v.stdout).toContain('valid policy "aws-ec2-region" (1 tiers, 0 priorities, 3 assumptions)');
    const r = await runCli(
      [
        'tickets',
        'fixtures/events/tickets.csv',
        '--policy',
        `${P}aws-ec2-region.yaml`,
        '--tier',
        'region',
        '--month',
        '2026-10',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('policy aws-ec2-region names no priorities: it audits availability only');
  });
});

describe('Azure Virtual Machines across two zones: down only while no instance answers; claims within two months of the billing month', () => {
  it('zone 1 down 03:00–05:00, zone 2 04:00–04:30: 30 min of 44 640 → 99.9328% → 10% of 400.00 = 40.00, claim by 2026-12-31', async () => {
    const report = await audit([
      'uptime',
      `${R}azure-two-instances.csv`,
      '--policy',
      `${P}azure-vms-zones.yaml`,
      '--tier',
      'zones',
      '--month',
      '2026-10',
      '--fee',
      '400',
    ]);
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all).toMatchObject({ downtimeSeconds: 1800, met: false });
    expect(report.credits).toEqual([expect.objectContaining({ percent: 10, amount: 40, claimBy: '2026-12-31' })]);
  });
});

describe('Google Workspace: days of service added to the term, worth their share of the month', () => {
  const run = async (file: string, month: string, asOf: string) => {
    const r = await runCli(
      [
        'uptime',
        `${R}${file}`,
        '--policy',
        `${P}google-workspace.yaml`,
        '--tier',
        'business',
        '--month',
        month,
        '--fee',
        '280',
        '--as-of',
        asOf,
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    return parseReport(r.stdout);
  };

  it('60 min of errors in October 2026 (31 days, 44 640 min in Los Angeles): 99.8655% < 99.9% → 3 days = 3/31 of 280.00 = 27.10 (9.677…%), not 10% = 28.00; claim within 30 days', async () => {
    const report = await run('workspace-october-60min.csv', '2026-10', '2026-11-05T00:00:00Z');
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all.availabilityPercent).toBeCloseTo(((44640 - 60) / 44640) * 100, 12);
    // 28 000 × 3 / 31 = 2709.68 cents → 27.10.
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'days-of-service',
        amount: 27.1,
        eligible: true,
        claimBy: '2026-11-30',
        basis: expect.objectContaining({ days: 3, periodDays: 31 }),
      }),
    ]);
    expect(report.credits[0].percent).toBe(9.677419); // 3/31 = 9.6774193…%, to the millionth
    expect(report.creditTotal).toMatchObject({ amount: 27.1 });
  });

  it('the same hour in February 2026 (28 days): 3/28 of 280.00 = 30.00 exactly (10.714…%)', async () => {
    const report = await run('workspace-february-60min.csv', '2026-02', '2026-03-05T00:00:00Z');
    expect(report.credits).toEqual([
      expect.objectContaining({ amount: 30, basis: expect.objectContaining({ days: 3, periodDays: 28 }) }),
    ]);
    expect(report.credits[0].percent).toBe(10.714286); // 3/28 = 10.7142857…%, to the millionth
  });
});

describe('DigitalOcean Droplets: the lost time at the hourly rate (the month capped at 672 hours), in 5-minute intervals', () => {
  it('02:03:00–05:41:30 down touches the intervals 02:00–05:45 (225 min); a 4-min blip is no Unavailability → 99.4960% < 99.99% → 3.75 h × (1344.00 / 672 = 2.00) = 7.50; claim within three months', async () => {
    const report = await audit([
      'uptime',
      `${R}digitalocean-october.csv`,
      '--policy',
      `${P}digitalocean-droplets.yaml`,
      '--tier',
      'droplet',
      '--month',
      '2026-10',
      '--fee',
      '1344',
    ]);
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all).toMatchObject({ downtimeSeconds: 13_500, met: false });
    expect(all.availabilityPercent).toBeCloseTo(((44640 - 225) / 44640) * 100, 12);
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'lost-time',
        amount: 7.5,
        eligible: true,
        claimBy: '2027-01-31',
        basis: expect.objectContaining({ creditedSeconds: 13_500 }),
      }),
    ]);
    // 225 min of the 40 320 the fee buys.
    expect(report.credits[0].percent).toBe(0.558036); // 225 min of 672 h = 0.5580357…%, to the millionth
    expect(report.credits[0].reason).toContain(
      '45 × 5 min (each started step counts) = 3 h 45 min at the hourly price (the monthly fee / 672 h)',
    );
  });
});

describe("fiscal labels as the vendor writes them: Slack's FY2027 runs from February 2026 to January 2027", () => {
  it('--month FY2027-Q1 audits February to April 2026 (128 100 min in Los Angeles, the DST hour lost) and the report says FY2027-Q1: 30 min down → 10 × 2625.00 × 30 / 128 100 = 6.15', async () => {
    const report = await audit([
      'uptime',
      `${R}slack-march-30min.csv`,
      '--config',
      `${R}slack-fy2027-contract.yaml`,
      '--month',
      'FY2027-Q1',
    ]);
    expect(report.period).toMatchObject({
      label: 'FY2027-Q1',
      start: '2026-02-01T08:00:00Z',
      end: '2026-05-01T07:00:00Z',
    });
    // 262 500 cents × 10 × 30 / 128 100 = 614.75… → 6.15.
    expect(report.credits).toEqual([
      expect.objectContaining({ rule: 'ten-times-downtime', amount: 6.15, eligible: true }),
    ]);
    expect(report.warnings.map((w: { code: string }) => w.code)).not.toContain('PERIOD_IN_FUTURE');
  });

  it('--from/--to and the default period follow the naming too: FY2027-Q1 to FY2027-Q2 are February to July 2026', async () => {
    const r = await runCli(
      [
        'uptime',
        `${R}slack-march-30min.csv`,
        '--policy',
        `${P}slack-fiscal.yaml`,
        '--tier',
        'business-plus',
        '--from',
        'FY2027-Q1',
        '--to',
        'FY2027-Q2',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    expect(
      (JSON.parse(r.stdout).periods as Array<{ period: { label: string; start: string } }>).map((x) => [
        x.period.label,
        x.period.start,
      ]),
    ).toEqual([
      ['FY2027-Q1', '2026-02-01T08:00:00Z'],
      ['FY2027-Q2', '2026-05-01T07:00:00Z'],
    ]);
    const byDefault = await runCli(
      [
        'uptime',
        `${R}slack-march-30min.csv`,
        '--policy',
        `${P}slack-fiscal.yaml`,
        '--tier',
        'business-plus',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(parseReport(byDefault.stdout).period).toMatchObject({ label: 'FY2027-Q3', start: '2026-08-01T07:00:00Z' });
  });

  it.each([
    {
      label: '2026-Q1',
      says: '--month must be a fiscal quarter such as FY2027-Q1 (February 2026 to April 2026: the policy names a fiscal year by the calendar year it ends in): the policy\'s quarters count from February (got: "2026-Q1")',
    },
    {
      label: 'FY27-Q1',
      says: '--month must be a quarter such as FY2027-Q1 (February 2026 to April 2026: the policy names a fiscal year by the calendar year it ends in) (got: "FY27-Q1")',
    },
    {
      label: '2026-02',
      says: '--month must be a quarter such as FY2027-Q1 (February 2026 to April 2026: the policy names a fiscal year by the calendar year it ends in): the policy bills by quarter (got: "2026-02")',
    },
  ])(
    'a label that is no period of the policy, $label, is an error saying the form to give (exit 2)',
    async ({ label, says }) => {
      const r = await runCli(
        [
          'uptime',
          `${R}slack-march-30min.csv`,
          '--policy',
          `${P}slack-fiscal.yaml`,
          '--tier',
          'business-plus',
          '--month',
          label,
          '--as-of',
          '2026-12-05T00:00:00Z',
          '--format',
          'json',
        ],
        { cwd: ROOT },
      );
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(says);
    },
  );

  it('a fiscal label on a policy of calendar quarters is an error too', async () => {
    const r = await runCli(
      [
        'uptime',
        `${R}github-october-60min.csv`,
        '--config',
        `${R}github-contract.yaml`,
        '--month',
        'FY2026-Q4',
        '--as-of',
        '2026-12-05T00:00:00Z',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--month must be a quarter such as 2026-Q4: the policy\'s quarters are calendar quarters (got: "FY2026-Q4")',
    );
  });
});
