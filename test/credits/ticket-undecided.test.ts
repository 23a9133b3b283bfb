import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenTicket, TicketEvidence } from '../../src/core/credits/credit-line.js';
import { creditTotal, ticketCredits } from '../../src/core/credits/ticket-credits.js';
import { monthPeriod } from '../../src/core/period.js';
import type { CreditSpec } from '../../src/core/policy/model.js';
import { creditReason } from '../../src/adapters/render/wording.js';
import { runCli } from '../support/run-cli.js';

// A ticket pending or not measured may still owe: its credit is undecided (eligible: null), never 0 owed.
// By hand:
//   websoft9 premium, 2500.00 USD: 5% per late first response = 125.00 a ticket.
//   olt-ems enterprise, 1000.00 USD: 3 or more late first responses (P1: 2 business hours) = 10% = 100.00.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-ticket-undecided-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
async function run(args: string[]) {
  const r = await runCli(args.concat(['--fail-on', 'credit', '--format', 'json']), { cwd: dir });
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) };
}
const websoft9 = (tickets: string, asOf: string) =>
  ['audit', '--tickets', tickets, '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10'].concat([
    '--fee',
    '2500',
    '--as-of',
    asOf,
  ]);
const olt = (tickets: string) =>
  ['tickets', tickets, '--policy', 'olt-ems', '--tier', 'enterprise', '--month', '2026-10', '--fee', '1000'].concat([
    '--as-of',
    '2026-11-01T10:00:00+08:00',
  ]);

describe('per breach: each ticket not decided yet is an undecided line of what it would owe', () => {
  it('no first-response column: W-1 and W-2 are not measured — 2 undecided lines of 5% (125.00), 0 owed, exit 4', async () => {
    const t = file(
      'ws.csv',
      'id,created_at,priority,incident\nW-1,2026-10-05T09:00:00Z,high,INC-1\nW-2,2026-10-06T09:00:00Z,normal,\n',
    );
    const { code, stderr, report } = await run(websoft9(t, '2026-11-05T00:00:00Z'));
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'per-failed-request',
        basis: {
          tickets: [],
          open: [{ id: 'W-1', metric: 'firstResponse', status: 'not-measured', source: 'ws.csv:2' }],
        },
        percent: 5,
        amount: 125,
        eligible: null,
        reasonCode: 'CREDIT_TICKET_UNDECIDED',
        reasonArgs: { ticket: 'W-1', metric: 'firstResponse', status: 'not-measured', percent: 5 },
        reason: "ticket W-1's first-response target is not measured (no evidence): 5% if missed, undecided",
      }),
      expect.objectContaining({
        percent: 5,
        amount: 125,
        eligible: null,
        reasonArgs: expect.objectContaining({ ticket: 'W-2' }),
      }),
    ]);
    // Neither line is in the total: 0 is what is decided, and the two lines are said apart.
    expect(report.creditTotal).toMatchObject({ percent: 0, amount: 0, undecidedLines: 2 });
    expect(code).toBe(4);
    expect(stderr).toContain('2 credit lines undecided in 2026-10');
  });

  it('W-1 answered 50 min late is owed 125.00; W-2, due 01:00 and pending at 00:00, is undecided: total 125.00, exit 1', async () => {
    const t = file(
      'ws2.csv',
      'id,created_at,priority,incident,first_response_at\nW-1,2026-10-05T09:00:00Z,high,INC-1,2026-10-05T10:00:00Z\nW-2,2026-10-31T23:00:00Z,normal,,\n',
    );
    const { code, stderr, report } = await run(websoft9(t, '2026-11-01T00:00:00Z'));
    expect(report.credits.map((c: { eligible: unknown; amount: unknown }) => [c.eligible, c.amount])).toEqual([
      [true, 125],
      [null, 125],
    ]);
    expect(report.credits[1].reasonArgs).toEqual({
      ticket: 'W-2',
      metric: 'firstResponse',
      status: 'pending',
      percent: 5,
    });
    expect(report.creditTotal).toMatchObject({ percent: 5, amount: 125, undecidedLines: 1 });
    // Owed is found (exit 1); the undecided line is still named.
    expect(code).toBe(1);
    expect(stderr).toContain('1 credit line undecided in 2026-10');
  });
});

describe('threshold count: open tickets that could reach the threshold make it undecided', () => {
  const rows = (o3: string) =>
    `id,created_at,priority,first_response_at
O-1,2026-10-05T09:00:00+08:00,P1,2026-10-06T09:00:00+08:00
O-2,2026-10-05T09:00:00+08:00,P1,2026-10-06T09:00:00+08:00
${o3}
`;

  it('O-1, O-2 late and O-3 (Friday 17:00, due Monday) pending at Sunday 10:00: 2 + 1 could reach 3 — 10% = 100.00 undecided, exit 4', async () => {
    const t = file('olt.csv', rows('O-3,2026-10-30T17:00:00+08:00,P1,'));
    const { code, report } = await run(olt(t));
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'response-failures',
        percent: 10,
        amount: 100,
        eligible: null,
        reasonCode: 'CREDIT_MISSED_TARGETS_UNDECIDED',
        reasonArgs: { missed: 2, undecided: 1, metrics: ['firstResponse'], period: '2026-10', atLeast: 3, percent: 10 },
      }),
    ]);
    expect(report.credits[0].basis).toMatchObject({
      tickets: [{ id: 'O-1' }, { id: 'O-2' }],
      open: [{ id: 'O-3', metric: 'firstResponse', status: 'pending' }],
      count: 2,
      threshold: 3,
    });
    expect(report.creditTotal).toMatchObject({ percent: 0, amount: 0, undecidedLines: 1 });
    expect(code).toBe(4);
  });

  it('O-3 answered in time (18:00): 2 late of 3 needed, decided — no line, exit 0; answered late: 100.00 owed, exit 1', async () => {
    const met = await run(olt(file('olt-met.csv', rows('O-3,2026-10-30T17:00:00+08:00,P1,2026-10-30T18:00:00+08:00'))));
    expect(met.report.credits).toEqual([]);
    expect(met.code).toBe(0);
    const late = await run(
      olt(file('olt-late.csv', rows('O-3,2026-10-29T09:00:00+08:00,P1,2026-10-30T18:00:00+08:00'))),
    );
    expect(late.report.credits).toEqual([expect.objectContaining({ amount: 100, eligible: true })]);
    expect(late.report.creditTotal).toMatchObject({ percent: 10, amount: 100, undecidedLines: 0 });
    expect(late.code).toBe(1);
  });
});

describe('ticketCredits on its own', () => {
  const spec: CreditSpec = {
    models: [
      {
        id: 'three',
        kind: 'threshold-count',
        metrics: ['firstResponse'],
        priorities: null,
        atLeast: 3,
        percent: 10,
        escalation: null,
      },
    ],
    capPercent: null,
    capPerYearPercent: null,
    contractCapPercent: null,
    claimBy: null,
    minimumPayableMinor: null,
  };
  const OCT = monthPeriod(2026, 10, 'UTC');
  const late: TicketEvidence = { id: 'A', metric: 'firstResponse', dueAt: 0, respondedAt: null };
  const open = (id: string): OpenTicket => ({ id, metric: 'firstResponse', status: 'not-measured' });

  it('1 late + 1 open cannot reach 3: no line; 1 late + 2 open can: 10% of 1000.00 = 100.00, undecided, in no total', () => {
    const failures = new Map([['three', [late]]]);
    expect(ticketCredits(failures, spec, OCT, 100_000, new Map([['three', [open('B')]]]))).toEqual([]);
    const lines = ticketCredits(failures, spec, OCT, 100_000, new Map([['three', [open('B'), open('C')]]]));
    expect(lines).toEqual([expect.objectContaining({ percent: 10, amountMinor: 10_000, eligible: null })]);
    expect(creditReason(lines[0]!)).toBe(
      '1 missed targets (first-response) in 2026-10 and 2 ticket(s) pending or not measured: 3 or more give 10%, undecided',
    );
    expect(creditTotal(lines, spec, 100_000)).toMatchObject({ percent: 0, amountMinor: 0 });
  });
});
