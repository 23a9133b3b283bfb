import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// What a period not over, not begun, or not covered by the evidence lets the portfolio say: never met,
// "no tickets" or "claimed but not owed". Every figure below is worked out by hand.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'portfolio.schema.json'), 'utf8')));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sla-portfolio-open-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const ledger = (period: string, claimed: string, more = '') =>
  `version: sla-claims/v1\nclaims:\n  - contract: MSA-X\n    period: ${period}\n    claimed: ${claimed}\n    amount: 50.00\n    currency: EUR\n${more}`;

// msp-template (Europe/Berlin), standard tier: P3 first response within 1 business day; credits only for late P1s
// (p1-late). M-0, a P3 of 2026-10-01 answered after 1h: met — the export covers October on. M-1, a P3 of
// 2026-11-03 answered after 1h: met. 2026-11 ends at 2026-11-30T23:00:00Z (midnight in Berlin, CET).
const MSP = {
  't.csv': `id,created_at,priority,first_response_at
M-0,2026-10-01T09:00:00+02:00,P3,2026-10-01T10:00:00+02:00
M-1,2026-11-03T09:00:00+01:00,P3,2026-11-03T10:00:00+01:00
`,
  'm.yaml': `version: sla-contract/v1
policy: ${ROOT}fixtures/policies/real/msp-template.yaml
tier: standard
fee: { monthly: 2000.00 }
reference: MSA-X
inputs:
  tickets: [t.csv]
`,
};
const NOV_END = '2026-11-30T23:00:00Z';

const run = (dir: string, asOf: string, args: string[], range = ['--from', '2026-10', '--to', '2026-12']) =>
  runCli(['portfolio', 'm.yaml', ...range, '--as-of', asOf, '-q', ...args], { cwd: dir });
const states = (p: { trend: Array<{ periods: Array<{ state: string }> }> }) =>
  p.trend.map((t) => t.periods.map((s) => s.state));
const owed = (p: { claims: Array<Record<string, unknown>> }) =>
  p.claims.map((c) => [c.period, c.owed, c.undecidedLines]);

describe('portfolio trend: a period not over at as-of is pending, one not begun never "no tickets"', () => {
  it('as-of 2026-11-10: October met; November, its M-1 met so far, pending; December, not begun, pending', async () => {
    const r = await run(folder(MSP), '2026-11-10T00:00:00Z', ['--format', 'json']);
    const p = JSON.parse(r.stdout);
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    // It said: met, no-tickets.
    expect(states(p)).toEqual([['met', 'pending', 'pending']]);
    // Nothing owed in October (no P1); November and December may yet owe: each counts as one undecided.
    expect(owed(p)).toEqual([
      ['2026-10', 0, 0],
      ['2026-11', 0, 1],
      ['2026-12', 0, 1],
    ]);
    expect(r.code).toBe(0);
    const table = await run(folder(MSP), '2026-11-10T00:00:00Z', ['--format', 'table', '--color', 'never']);
    expect(table.stdout).toMatch(/│ tickets +│ met +│ pending +│ pending +│/);
    expect(table.stdout).toMatch(/│ EUR +│ 0\.00 EUR \+ 2 undecided │/);
  });

  it("at as-of exactly November's end it is over: met; December begins at that instant and is pending", async () => {
    const p = JSON.parse((await run(folder(MSP), NOV_END, ['--format', 'json'])).stdout);
    expect(states(p)).toEqual([['met', 'met', 'pending']]);
    expect(owed(p)).toEqual([
      ['2026-10', 0, 0],
      ['2026-11', 0, 0],
      ['2026-12', 0, 1],
    ]);
    // 1 ms before the end, November is not over.
    const before = JSON.parse((await run(folder(MSP), '2026-11-30T22:59:59.999Z', ['--format', 'json'])).stdout);
    expect(states(before)).toEqual([['met', 'pending', 'pending']]);
  });

  it('a period over and covered with no ticket is still "no tickets": November without M-1, at 2026-12-10', async () => {
    const p = JSON.parse(
      (await run(folder(MSP), '2026-12-10T00:00:00Z', ['--format', 'json'], ['--from', '2026-10', '--to', '2026-11']))
        .stdout,
    );
    expect(states(p)).toEqual([['met', 'met']]);
    const dir = folder({ ...MSP, 't.csv': MSP['t.csv'].replace(/M-1.*\n/, '') });
    const q = JSON.parse((await run(dir, '2026-12-10T00:00:00Z', ['--format', 'json'], ['--month', '2026-11'])).stdout);
    expect(states(q)).toEqual([['no-tickets']]);
  });
});

describe('portfolio ledger: a claim for a period the evidence does not cover or not over is undecided', () => {
  it('November claimed 50.00 at as-of 2026-11-10: not over — undecided, exit 4; at its end, claimed but not owed, exit 1', async () => {
    const dir = folder({ ...MSP, 'claims.yaml': ledger('2026-11', '2026-11-05') });
    const args = ['--ledger', 'claims.yaml', '--format', 'json', '--fail-on', 'mismatch'];
    const r = await run(dir, '2026-11-10T00:00:00Z', args, ['--month', '2026-11']);
    const p = JSON.parse(r.stdout);
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(r.code).toBe(4);
    expect(p.mismatches).toEqual([]);
    expect(p.undecided).toEqual([
      expect.objectContaining({
        code: 'PORTFOLIO_CLAIMED_UNDECIDED',
        line: 3,
        args: {
          contract: 'MSA-X',
          period: '2026-11',
          currency: 'EUR',
          claimed: '50.00',
          owed: '0.00',
          rules: [],
          gaps: ['not-over'],
        },
        hint: 'check it again once the period is over (--as-of after its end)',
      }),
    ]);
    expect(p.undecided[0].message).toBe(
      'MSA-X 2026-11: 50.00 EUR claimed, 0.00 owed on what the evidence decides — 2026-11 is not over at as-of, so what it owes is not known yet: not checked',
    );
    // Over (as-of exactly its end), covered and met, November owes nothing: the 50.00 is claimed but not owed.
    const over = await run(dir, NOV_END, args, ['--month', '2026-11']);
    expect(over.code).toBe(1);
    expect(JSON.parse(over.stdout).mismatches).toEqual([
      expect.objectContaining({
        code: 'PORTFOLIO_CLAIMED_NOT_OWED',
        args: expect.objectContaining({ claimed: '50.00', owed: '0.00', excess: '50.00' }),
      }),
    ]);
  });

  it('September, before the export\'s first ticket (M-0, 2026-10-01): undecided with "+ 1 undecided", exit 4 — never "claimed but not owed"', async () => {
    const dir = folder({ ...MSP, 'claims.yaml': ledger('2026-09', '2026-10-03', '    lines: [p1-late]\n') });
    const range = ['--from', '2026-09', '--to', '2026-10'];
    const args = ['--ledger', 'claims.yaml', '--fail-on', 'mismatch'];
    const r = await run(dir, '2026-11-10T00:00:00Z', [...args, '--format', 'json'], range);
    const p = JSON.parse(r.stdout);
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(r.code).toBe(4);
    // It said: PORTFOLIO_LINE_NOT_OWED p1-late and PORTFOLIO_CLAIMED_NOT_OWED 50.00 (owed 0.00), exit 1.
    expect(p.mismatches).toEqual([]);
    expect(p.undecided.map((i: { code: string; args: unknown }) => [i.code, i.args])).toEqual([
      [
        'PORTFOLIO_CLAIMED_UNDECIDED',
        {
          contract: 'MSA-X',
          period: '2026-09',
          currency: 'EUR',
          claimed: '50.00',
          owed: '0.00',
          rules: ['p1-late'],
          gaps: ['tickets-not-covered'],
        },
      ],
    ]);
    expect(p.undecided[0].message).toBe(
      'MSA-X 2026-09: 50.00 EUR claimed, 0.00 owed on what the evidence decides — it rests on p1-late, which the evidence cannot decide yet; the ticket export does not cover 2026-09, so what it owes is not known yet: not checked',
    );
    expect(owed(p)).toEqual([
      ['2026-09', 0, 1],
      ['2026-10', 0, 0],
    ]);
    expect(r.stderr).toBe(
      'sla-audit: --fail-on mismatch: 1 claim(s) resting on credit lines undecided; 1 credit line(s) undecided (MSA-X 2026-09)\n',
    );
    const table = await run(dir, '2026-11-10T00:00:00Z', [...args, '--format', 'table', '--color', 'never'], range);
    expect(table.stdout).toMatch(/│ EUR +│ 0\.00 EUR \+ 1 undecided │ +50\.00 EUR │/);
  });

  it('the same claim for October, covered, over and met: still claimed but not owed (exit 1)', async () => {
    const dir = folder({ ...MSP, 'claims.yaml': ledger('2026-10', '2026-11-03') });
    const r = await run(
      dir,
      '2026-11-10T00:00:00Z',
      ['--ledger', 'claims.yaml', '--format', 'json'],
      ['--month', '2026-10'],
    );
    expect(JSON.parse(r.stdout).mismatches.map((m: { code: string }) => m.code)).toEqual([
      'PORTFOLIO_CLAIMED_NOT_OWED',
    ]);
  });
});

// digitalocean-droplets: 99.99% a month, the lost time at the hourly rate (no line without known downtime). Two
// probe samples at 00:00 and 00:01 of 2026-10-01 cover 0.0% of October: availability unknown, no line written.
describe('portfolio ledger: availability unknown with no credit line is undecided, not "nothing owed"', () => {
  it('10.00 claimed for October: PORTFOLIO_CLAIMED_UNDECIDED (availability-unknown), "+ 1 undecided", exit 4', async () => {
    const dir = folder({
      'p.csv': 'timestamp,service,status\n2026-10-01T00:00:00Z,droplet,up\n2026-10-01T00:01:00Z,droplet,up\n',
      'd.yaml': `version: sla-contract/v1\npolicy: ${ROOT}fixtures/policies/real/digitalocean-droplets.yaml\ntier: droplet\nfee: { monthly: 672.00 }\nreference: DO-1\ninputs:\n  uptime: [p.csv]\n`,
      'c.yaml':
        'version: sla-claims/v1\nclaims:\n  - { contract: DO-1, period: 2026-10, claimed: 2026-11-05, amount: 10.00, currency: USD }\n',
    });
    const r = await runCli(
      [
        'portfolio',
        'd.yaml',
        '--ledger',
        'c.yaml',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-10T00:00:00Z',
        '-q',
      ].concat(['--format', 'json', '--fail-on', 'mismatch']),
      { cwd: dir },
    );
    const p = JSON.parse(r.stdout);
    expect(r.code).toBe(4);
    expect(p.mismatches).toEqual([]);
    expect(p.undecided.map((i: { args: { gaps: string[] } }) => i.args.gaps)).toEqual([['availability-unknown']]);
    expect(p.claims.map((c: Record<string, unknown>) => [c.owed, c.claimed, c.undecidedLines])).toEqual([[0, 10, 1]]);
    // At 2026-10-15 October is not over: the audit's "unknown" (time to come is no data) is pending, not met.
    const open = await runCli(['portfolio', 'd.yaml', '--month', '2026-10', '--as-of', '2026-10-15T00:00:00Z', '-q'], {
      cwd: dir,
    });
    expect(JSON.parse(open.stdout).trend[0].periods).toEqual([{ period: '2026-10', state: 'pending' }]);
  });
});
