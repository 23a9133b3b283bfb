import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// olt-ems enterprise, fee 3000.00 USD: October 2026 (Asia/Shanghai) has three first-response failures,
// so 10% = 300.00 is owed; the claim window ends 30 November, local (= 2026-11-30T16:00:00Z).
const cwd = join(ROOT, 'fixtures/olt-ems-enterprise');
const base = [
  'audit',
  '--tickets',
  'tickets.csv',
  '--policy',
  'olt-ems',
  '--tier',
  'enterprise',
  '--fee',
  '3000',
  '--month',
  '2026-10',
];
const run = (asOf: string, format: string) => runCli([...base, '--as-of', asOf, '--format', format], { cwd });

describe('a credit line whose claim deadline has passed is expired, never owed (SPEC 3.11)', () => {
  it('while open, each line shows its deadline and the days left; the total owes it', async () => {
    // 2026-11-20T04:00:00Z is 20 November, 12:00 in Shanghai: 10 days to the 30th.
    const r = parseReport((await run('2026-11-20T04:00:00Z', 'json')).stdout);
    expect(r.credits).toHaveLength(1);
    expect(r.credits[0]).toMatchObject({
      percent: 10,
      amount: 300,
      eligible: true,
      claimBy: '2026-11-30',
      daysLeft: 10,
      expired: false,
    });
    expect(r.creditTotal).toEqual({ percent: 10, amount: 300, currency: 'USD', capped: false, undecidedLines: 0 });
    // Each failure behind the line points at its row: O-3 is line 4, and its first-response cell is the evidence.
    expect(r.credits[0].basis.tickets[0]).toEqual({
      id: 'O-3',
      metric: 'firstResponse',
      dueAt: '2026-10-12T10:00:00Z',
      respondedAt: '2026-10-13T01:30:00Z',
      source: 'tickets.csv:4',
      respondedFrom: 'tickets.csv:4',
    });
    // The last day itself: 0 days left, still owed (30 Nov 23:59:59 in Shanghai = 15:59:59Z).
    const last = parseReport((await run('2026-11-30T15:59:59Z', 'json')).stdout);
    expect(last.credits[0]).toMatchObject({ daysLeft: 0, expired: false });
    expect(last.creditTotal.amount).toBe(300);
  });

  it('once the deadline has passed: expired in JSON, out of the total, shown apart in CSV, table and Markdown', async () => {
    // 1 December 00:00 in Shanghai.
    const asOf = '2026-11-30T16:00:00Z';
    const r = parseReport((await run(asOf, 'json')).stdout);
    expect(r.credits[0]).toMatchObject({
      percent: 10,
      amount: 300,
      eligible: true,
      claimBy: '2026-11-30',
      daysLeft: null,
      expired: true,
    });
    expect(r.creditTotal).toEqual({
      percent: 0,
      amount: 0,
      currency: 'USD',
      capped: false,
      undecidedLines: 0,
      expired: { lines: 1, percent: 10, amount: 300 },
    });
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain('CLAIM_DEADLINE_PASSED');

    const csv = (await run(asOf, 'csv')).stdout.trim().split(/\r?\n/);
    expect(csv[0]).toBe(
      'period,policy,tier,contract,rule,percent,fee,amount,currency,eligible,claim_by,days_left,evidence,reason',
    );
    expect(csv[1]).toMatch(/^2026-10,olt-ems,enterprise,,[^,]+,10,3000,300,USD,expired,2026-11-30,,/);
    expect(csv[2]).toMatch(/^2026-10,olt-ems,enterprise,,total,0,3000,0,USD,,,,/);
    expect(csv[3]).toMatch(/^2026-10,olt-ems,enterprise,,expired,10,3000,300,USD,expired,,,/);

    const md = (await run(asOf, 'markdown')).stdout;
    // Apart, under their own heading, with the amount lost by not claiming in time.
    expect(md).toContain('#### Expired claims (deadline passed: not owed)');
    expect(md).toContain('| 10% | 300.00 | expired 2026-11-30 |');
    expect(md).toContain(
      'Credit total: 0% of the monthly fee = 0.00 USD; 1 line expired unclaimed, not counted (10% = 300.00 USD)',
    );
    const table = (await run(asOf, 'table')).stdout;
    expect(table).toContain('expired 2026-11-30');
    expect(table).not.toMatch(/Credit total: 10%/);
  });

  it('open lines in the CSV carry the days left', async () => {
    const csv = (await run('2026-11-20T04:00:00Z', 'csv')).stdout.trim().split(/\r?\n/);
    expect(csv[1]).toMatch(/^2026-10,olt-ems,enterprise,,[^,]+,10,3000,300,USD,true,2026-11-30,10,/);
  });
});
