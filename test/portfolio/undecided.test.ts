import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// What the portfolio cannot call met or owed: every figure below worked out by hand.
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'portfolio.schema.json'), 'utf8')));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sla-portfolio-undecided-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// msp-template, standard tier: P1 first response within 1h (24x7), P3 within 1 business day.
// M-1, a P1 created 2026-10-30 08:00Z, unanswered at as-of 08:30Z: due 09:00Z, pending.
// M-2, a P3 of 2026-09-03 answered after 1h: met. August has no ticket at all.
const MSP = {
  't.csv': `id,created_at,priority,first_response_at
M-1,2026-10-30T09:00:00+01:00,P1,
M-2,2026-09-03T09:00:00+02:00,P3,2026-09-03T10:00:00+02:00
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

// aws-ec2-region: eu-west-1 is made of eu-west-1a and eu-west-1b, which the log (of us-east-1a only)
// never names: its availability in 2026-10 is unknown, and so is its credit (eligible null, 0% "at least").
const AWS = {
  'up.csv': 'start,end,service\n2026-10-07T02:00:00Z,2026-10-07T04:00:00Z,us-east-1a\n',
  'b.yaml': `version: sla-contract/v1
policy: ${ROOT}fixtures/policies/real/aws-ec2-region.yaml
tier: region
currency: USD
reference: B-1
services:
  eu-west-1: { components: [eu-west-1a, eu-west-1b], fee: 800.00 }
inputs:
  uptime: [up.csv]
`,
};

describe('portfolio trend: met only where the evidence proves it', () => {
  const run = (args: string[]) =>
    runCli(
      ['portfolio', 'm.yaml', '--from', '2026-08', '--to', '2026-10', '--as-of', '2026-10-30T08:30:00Z', ...args],
      {
        cwd: folder(MSP),
      },
    );

  it('August, before the export\'s first ticket, is "unknown" (not covered, no evidence of none); a ticket still due "pending" — never met', async () => {
    const r = await run(['--format', 'json', '-q']);
    const p = JSON.parse(r.stdout);
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(p.trend.map((t: { periods: Array<{ state: string }> }) => t.periods.map((s) => s.state))).toEqual([
      ['unknown', 'met', 'pending'],
    ]);
    const table = await run(['--format', 'table', '--color', 'never', '-q']);
    expect(table.stdout).toMatch(/│ tickets +│ unknown +│ met +│ pending +│/);
  });

  it('a covered period with no ticket is "no tickets": M-0 of July makes August covered, and it holds none', async () => {
    // M-0, a P3 of 2026-07-15 answered after 1h: met; the export now covers July on, so August is covered and empty.
    const dir = folder({
      ...MSP,
      't.csv': `${MSP['t.csv']}M-0,2026-07-15T09:00:00+02:00,P3,2026-07-15T10:00:00+02:00\n`,
    });
    const r = await runCli(
      ['portfolio', 'm.yaml', '--from', '2026-08', '--to', '2026-10', '--as-of', '2026-10-30T08:30:00Z'].concat([
        '--format',
        'json',
        '-q',
      ]),
      { cwd: dir },
    );
    const p = JSON.parse(r.stdout);
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(p.trend.map((t: { periods: Array<{ state: string }> }) => t.periods.map((s) => s.state))).toEqual([
      ['no-tickets', 'met', 'pending'],
    ]);
  });

  it("--fail-on breach: a pending ticket is no breach yet, as audit has it; August, before the export's first ticket, is undecided (exit 4)", async () => {
    const r = await run(['--format', 'json', '-q', '--fail-on', 'breach']);
    // Neither October's pending M-1 nor September is named: only August, which the export does not cover.
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      'sla-audit: --fail-on breach: MSA-X: tickets of 2026-08 undecided: the ticket export begins at 2026-09-03T07:00:00Z\n',
    );
  });
});

describe('portfolio --fail-on breach: what the evidence cannot decide is exit 4, as for audit', () => {
  it('availability unknown: the trend says unknown and the run exits 4, naming the contract', async () => {
    const r = await runCli(
      [
        'portfolio',
        'b.yaml',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-10T00:00:00Z',
        '-q',
        '--format',
        'table',
        '--fail-on',
        'breach',
      ],
      { cwd: folder(AWS) },
    );
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/│ eu-west-1 +│ unknown +│/);
    expect(r.stderr).toBe(
      'sla-audit: --fail-on breach: B-1: availability of eu-west-1a, eu-west-1b, eu-west-1, all undecided in 2026-10\n',
    );
  });

  it('a ticket not measured (no first-response column): unknown, exit 4; a breach beside it: exit 1', async () => {
    const dir = folder({
      ...MSP,
      // No first-response column: M-3 (P3, 2026-09) cannot be measured.
      't.csv': 'id,created_at,priority\nM-3,2026-09-03T09:00:00+02:00,P3\n',
    });
    const args = ['portfolio', 'm.yaml', '--month', '2026-09', '--as-of', '2026-10-30T08:30:00Z', '-q'];
    const r = await runCli([...args, '--format', 'json', '--fail-on', 'breach'], { cwd: dir });
    expect(JSON.parse(r.stdout).trend[0].periods).toEqual([{ period: '2026-09', state: 'unknown' }]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('MSA-X: 1 ticket not measured in 2026-09');
    // M-4, a P1 of 2026-09-10 08:00Z answered at 10:00Z: 2h against 1h, breached.
    writeFileSync(
      join(dir, 't.csv'),
      'id,created_at,priority,first_response_at\nM-4,2026-09-10T08:00:00Z,P1,2026-09-10T10:00:00Z\n',
    );
    const b = await runCli([...args, '--fail-on', 'breach'], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('--fail-on breach: MSA-X: 1 ticket breached in 2026-09');
  });
});

// The ledger's claim of 80.00 USD for region-uptime, B-1 2026-10: a line the evidence leaves undecided.
const CLAIMS = `version: sla-claims/v1
claims:
  - contract: B-1
    period: 2026-10
    lines: [region-uptime]
    claimed: 2026-11-05
    amount: 80.00
    currency: USD
`;

describe('portfolio ledger: a credit the evidence cannot decide is neither owed nor not owed', () => {
  const run = (dir: string, args: string[]) =>
    runCli(['portfolio', 'b.yaml', '--month', '2026-10', '--as-of', '2026-11-10T00:00:00Z', '-q', ...args], {
      cwd: dir,
    });

  it('a claim resting on it is undecided, not "claimed but not owed"; totals count the line; --fail-on mismatch exits 4', async () => {
    const dir = folder({ ...AWS, 'claims.yaml': CLAIMS });
    const r = await run(dir, ['--ledger', 'claims.yaml', '--format', 'json', '--fail-on', 'mismatch']);
    const p = JSON.parse(r.stdout);
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      'sla-audit: --fail-on mismatch: 1 claim(s) resting on credit lines undecided; 1 credit line(s) undecided (B-1 2026-10)\n',
    );
    // It said: region-uptime claimed but not owed, and 80.00 claimed but not owed (exit 1).
    expect(p.mismatches).toEqual([]);
    expect(p.undecided).toEqual([
      expect.objectContaining({
        code: 'PORTFOLIO_CLAIMED_UNDECIDED',
        file: 'claims.yaml',
        line: 5,
        args: {
          contract: 'B-1',
          period: '2026-10',
          currency: 'USD',
          claimed: '80.00',
          owed: '0.00',
          rules: ['region-uptime'],
        },
      }),
    ]);
    expect(p.undecided[0].message).toBe(
      'B-1 2026-10: 80.00 USD claimed, 0.00 owed on what the evidence decides — it rests on region-uptime, which the evidence cannot decide yet: not checked',
    );
    // Owed 0.00 of what is decided, with the one line undecided beside it: per claim, per contract, per currency.
    const pick = (a: Record<string, unknown>) => [a.owed, a.claimed, a.unclaimed, a.undecidedLines];
    expect(p.claims.map(pick)).toEqual([[0, 80, 0, 1]]);
    expect(p.credits.map(pick)).toEqual([[0, 80, 0, 1]]);
    expect(p.totals.map(pick)).toEqual([[0, 80, 0, 1]]);
    const table = await run(dir, ['--ledger', 'claims.yaml', '--format', 'table', '--color', 'never']);
    expect(table.stdout).toMatch(/│ USD +│ 0\.00 USD \+ 1 undecided │ +80\.00 USD │/);
    expect(table.stdout).toContain('against the credits: 0 mismatches, 1 undecided');
    const csv = await run(dir, ['--ledger', 'claims.yaml', '--format', 'csv']);
    expect(csv.stdout.trim().split('\r\n').at(-1)).toBe(',,,total,,,USD,0,80,0,0,0,0,,,1');
  });

  it('no ledger: nothing disagrees, yet the line may be owed and unclaimed — exit 4, not 0', async () => {
    const r = await run(folder(AWS), ['--format', 'json', '--fail-on', 'mismatch']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).mismatches).toEqual([]);
    expect(r.stderr).toBe('sla-audit: --fail-on mismatch: 1 credit line(s) undecided (B-1 2026-10)\n');
  });

  it('a mismatch beside it is still one: a line the policy has not, claimed too — exit 1', async () => {
    const dir = folder({ ...AWS, 'claims.yaml': CLAIMS.replace('[region-uptime]', '[region-uptime, zone-uptime]') });
    const r = await run(dir, ['--ledger', 'claims.yaml', '--format', 'json', '--fail-on', 'mismatch']);
    const p = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(p.mismatches.map((m: { code: string; args: { rule: string } }) => [m.code, m.args.rule])).toEqual([
      ['PORTFOLIO_LINE_NOT_OWED', 'zone-uptime'],
    ]);
    // The 80.00 over the decided 0.00 rests on region-uptime: undecided, not "claimed but not owed".
    expect(p.undecided.map((m: { code: string }) => m.code)).toEqual(['PORTFOLIO_CLAIMED_UNDECIDED']);
  });
});
