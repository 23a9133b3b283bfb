import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';
import { parseReport } from '../support/report-schema.js';

const dir = join(ROOT, 'fixtures/sma-opcon-availability-year');
const uptime = async (month: string, file = 'outages.csv') => {
  const r = await runCli(
    [
      'uptime',
      file,
      '--policy',
      'sma-opcon',
      '--tier',
      'managed-operations',
      '--month',
      month,
      '--as-of',
      '2027-01-15T00:00:00Z',
      '--annual-fee',
      '120000',
      '--format',
      'json',
    ],
    { cwd: dir },
  );
  expect(r.code, r.stderr).toBe(0);
  return parseReport(r.stdout);
};
const H = 3600;

describe('sma-opcon availability credits over a year (hand-computed in the fixture README)', () => {
  it('2025-12: the first failing month of its year, after a good month, pays nothing', async () => {
    const r = await uptime('2025-12');
    expect(r.availability[1]).toMatchObject({
      service: 'all',
      eligibleSeconds: 744 * H,
      downtimeSeconds: H,
      targetPercent: 99.9,
      met: false,
    });
    expect(r.availability[1].availabilityPercent).toBeCloseTo((743 / 744) * 100, 10);
    expect(r.credits).toMatchObject([{ rule: 'availability', percent: 10, eligible: false, claimBy: null }]);
    expect(r.credits[0].reason).toContain('not payable');
    expect(r.creditTotal).toEqual({ percent: 0, amount: 0, currency: 'USD', capped: false, undecidedLines: 0 });
  });

  it('2026-01: a failing January after a failing December pays (across the year end)', async () => {
    const r = await uptime('2026-01');
    expect(r.credits).toMatchObject([
      {
        percent: 10,
        amount: 1000,
        eligible: true,
        basis: { band: '< 99.9%', months: [{ label: '2025-12', failing: true, source: 'log' }] },
      },
    ]);
    expect(r.credits[0].basis.downtime).toEqual([
      { start: '2026-01-20T15:00:00Z', end: '2026-01-20T16:00:00Z', seconds: 3600 },
    ]);
    expect(r.creditTotal).toMatchObject({ percent: 10, amount: 1000 });
  });

  it('2026-02: met, no credit line', async () => {
    const r = await uptime('2026-02');
    expect(r.availability[1]).toMatchObject({
      eligibleSeconds: 672 * H,
      downtimeSeconds: 0,
      availabilityPercent: 100,
      met: true,
    });
    expect(r.credits).toEqual([]);
  });

  it('2026-03 (743 h, DST): the second failing month after a good one pays nothing', async () => {
    const r = await uptime('2026-03');
    expect(r.availability[1]).toMatchObject({ eligibleSeconds: 743 * H, downtimeSeconds: H, met: false });
    expect(r.credits).toMatchObject([{ percent: 10, eligible: false }]);
  });

  it('2026-05: the third failing month of the year pays, in the < 99% band', async () => {
    const r = await uptime('2026-05');
    expect(r.availability[1].availabilityPercent).toBeCloseTo((734 / 744) * 100, 10);
    expect(r.credits).toMatchObject([{ percent: 25, amount: 2500, eligible: true, basis: { band: '< 99%' } }]);
    expect(r.credits[0].reason).toContain('failing month 3 of 2026');
  });

  it('2026-06: the month after a failing month pays', async () => {
    const r = await uptime('2026-06');
    expect(r.credits).toMatchObject([{ percent: 10, amount: 1000, eligible: true }]);
    expect(r.credits[0].reason).toContain('2026-05 also failed');
  });

  it('when earlier months are not in the logs, eligibility is undecided (null), and says which months', async () => {
    const may = await uptime('2026-05', 'from-may.csv');
    expect(may.credits).toMatchObject([{ percent: 25, eligible: null }]);
    expect(may.credits[0].reason).toContain(
      'cannot be decided: no availability for 2026-01 to 2026-04 (give earlier logs or a history)',
    );
    expect(may.creditTotal.percent).toBe(0);
    expect((await uptime('2026-06', 'from-may.csv')).credits).toMatchObject([{ eligible: true }]);
  });

  it('a month outside the log is unknown, with a warning, and its credit undecided (never nothing owed)', async () => {
    const r = await runCli(
      [
        'uptime',
        'from-may.csv',
        '--policy',
        'sma-opcon',
        '--tier',
        'support',
        '--month',
        '2026-09',
        '--as-of',
        '2027-01-15T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    const report = parseReport(r.stdout);
    expect(report.availability[1]).toMatchObject({
      service: 'all',
      eligibleSeconds: 0,
      availabilityPercent: null,
      met: null,
    });
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'availability',
        percent: 0,
        eligible: null,
        reasonCode: 'CREDIT_AVAILABILITY_UNKNOWN',
        reasonArgs: { service: 'all', period: '2026-09' },
      }),
    ]);
    expect(report.creditTotal).toMatchObject({ percent: 0, undecidedLines: 1 });
    expect(r.stderr).toContain('no eligible time in 2026-09');
    // --fail-on credit cannot say nothing is owed: exit 4, the evidence cannot decide.
    const failOn = await runCli(
      [
        'uptime',
        'from-may.csv',
        '--policy',
        'sma-opcon',
        '--tier',
        'support',
        '--month',
        '2026-09',
        '--as-of',
        '2027-01-15T00:00:00Z',
        '--fail-on',
        'credit',
        '-q',
      ],
      { cwd: dir },
    );
    expect(failOn.code).toBe(4);
    expect(failOn.stderr).toContain('1 credit line undecided in 2026-09');
  });
});

describe('--from/--to: one period per month', () => {
  it('prints one object of monthly reports, valid, with the same credits as single months', async () => {
    const r = await runCli(
      [
        'uptime',
        'outages.csv',
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--from',
        '2025-12',
        '--to',
        '2026-06',
        '--as-of',
        '2027-01-15T00:00:00Z',
        '--annual-fee',
        '120000',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const doc = parseReport(r.stdout);
    expect(doc.periods).toHaveLength(7);
    const parsed = doc.periods as Array<{ period: { label: string }; creditTotal: { amount: number } }>;
    expect(parsed.map((x) => x.period.label)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(parsed.map((x) => x.creditTotal.amount)).toEqual([0, 1000, 0, 0, 0, 2500, 1000]);
    const csv = (
      await runCli(
        [
          'uptime',
          'outages.csv',
          '--policy',
          'sma-opcon',
          '--tier',
          'managed-operations',
          '--from',
          '2025-12',
          '--to',
          '2026-06',
          '--as-of',
          '2027-01-15T00:00:00Z',
          '--format',
          'csv',
        ],
        { cwd: dir },
      )
    ).stdout;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines.filter((l) => l.startsWith('period,'))).toHaveLength(1);
    expect(lines).toHaveLength(1 + 7 * 2);
  });

  it('refuses a backwards range and --month with --from', async () => {
    const base = ['uptime', 'outages.csv', '--policy', 'sma-opcon', '--tier', 'support'];
    expect((await runCli([...base, '--from', '2026-06', '--to', '2026-01'], { cwd: dir })).stderr).toContain(
      '--from 2026-06 is after --to 2026-01',
    );
    expect(
      (await runCli([...base, '--from', '2026-01', '--to', '2026-02', '--month', '2026-01'], { cwd: dir })).code,
    ).toBe(2);
    expect((await runCli([...base, '--from', '2026-01'], { cwd: dir })).stderr).toContain(
      '--from and --to go together',
    );
  });
});
