import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// Three contracts of fixtures/portfolio/contracts — two with Amazon Web Services (USD), one with a managed
// service provider (EUR) — on the real policies and scenarios of test/credits/real-slas.test.ts, judged
// at 2026-11-10, July to October 2026. Every figure below is worked out by hand:
//
// AWS-EA-2026-0042 (aws-regions.yaml): us-east-1's zones both down 20 min on 7 October → 10% of its own
//   fee 1234.60 = 123.46, claim by 2026-12-31 (end of the second billing cycle); eu-west-1 never had both
//   zones down; July–September met (the contract states the log covers them).
// AWS-EA-2026-0077 (aws-batch.yaml): the same 20 min → 10% of 500.00 = 50.00, claim by 2026-12-31.
// MSA-2025-117 (msp.yaml, 2000.00 EUR a month, claims within one month): August 100.00 (claim by 09-30),
//   September 300.00 (two late P1s at 10% capped at 15%; by 10-31), October 200.00 (what the year's cap of
//   600.00 leaves; by 11-30) — August and September past their deadline at as-of.
//
// The ledger (fixtures/portfolio/claims.yaml):
//   0042 2026-10 claimed 123.46, received 100.00        → received less than claimed: 23.46 short
//   0042 2026-09 claimed 50.00, denied                   → claimed but not owed: 50.00
//   MSA 2026-08 claimed 100.00 on 09-15, received 100.00 → in time, paid: no mismatch, though past its deadline now
//   MSA 2026-10 claimed 250.00                           → claimed but not owed: 50.00 more than the 200.00
//   (nothing for 0077 2026-10)                           → owed but not claimed: 50.00, 51 days left
//   (nothing for MSA 2026-09)                            → owed, unclaimed, deadline passed: 300.00 lost
//
// Totals: USD owed 123.46 + 50.00 = 173.46; claimed 123.46 + 50.00 = 173.46; received 100.00; denied 50.00;
// expired 0; unclaimed 50.00 (next deadline 2026-12-31, 51 days after 11-10).
// EUR owed 100.00 + 300.00 + 200.00 = 600.00; claimed 100.00 + 250.00 = 350.00; received 100.00; denied 0;
// expired 300.00; unclaimed 0.
const RANGE = ['--from', '2026-07', '--to', '2026-10', '--as-of', '2026-11-10T00:00:00Z'];
const FOLDER = 'fixtures/portfolio/contracts';
const LEDGER = 'fixtures/portfolio/claims.yaml';
const ajv = new Ajv({ allErrors: true, strict: false });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', name), 'utf8')));

const portfolio = (args: string[], cwd = ROOT) => runCli(['portfolio', ...args, ...RANGE], { cwd });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
/** A folder of its own: the fixture contracts (their paths made absolute) and the files given. */
function folder(files: Record<string, string>, withContracts = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'sla-portfolio-'));
  dirs.push(dir);
  if (withContracts)
    for (const name of ['aws-regions.yaml', 'aws-batch.yaml', 'msp.yaml'])
      writeFileSync(
        join(dir, name),
        readFileSync(join(ROOT, FOLDER, name), 'utf8').replaceAll('../../', `${ROOT}fixtures/`),
      );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const fixtureLedger = () => readFileSync(join(ROOT, LEDGER), 'utf8').replace('contracts/msp.yaml', 'msp.yaml');

describe('portfolio: three contracts, two vendors, two currencies, one ledger', async () => {
  const r = await portfolio([FOLDER, '--ledger', LEDGER, '--format', 'json']);
  const p = JSON.parse(r.stdout);

  it('exits 0, and the JSON matches the published schema; the ledger its own', () => {
    expect(r.code).toBe(0);
    const validate = schema('portfolio.schema.json');
    expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
    expect(schema('claims.schema.json')(parse(readFileSync(join(ROOT, LEDGER), 'utf8')))).toBe(true);
  });

  it('totals per currency are exact, never added across currencies', () => {
    // undecidedLines: every total now says how many lines the evidence leaves undecided (here none).
    expect(p.totals).toEqual([
      {
        currency: 'USD',
        owed: 173.46,
        claimed: 173.46,
        received: 100,
        denied: 50,
        expired: 0,
        unclaimed: 50,
        claimBy: '2026-12-31',
        daysLeft: 51,
        undecidedLines: 0,
      },
      {
        currency: 'EUR',
        owed: 600,
        claimed: 350,
        received: 100,
        denied: 0,
        expired: 300,
        unclaimed: 0,
        claimBy: null,
        daysLeft: null,
        undecidedLines: 0,
      },
    ]);
  });

  it('every mismatch kind, each with its amounts and where it stands', () => {
    const m = p.mismatches.map((x: { code: string; file: string; line?: number; args: object }) => [
      x.code,
      x.file,
      x.line ?? null,
      x.args,
    ]);
    expect(m).toEqual([
      [
        'PORTFOLIO_OWED_NOT_CLAIMED',
        'fixtures/portfolio/contracts/aws-batch.yaml',
        null,
        expect.objectContaining({ contract: 'AWS-EA-2026-0077', period: '2026-10', owed: '50.00', unclaimed: '50.00' }),
      ],
      [
        'PORTFOLIO_CLAIMED_NOT_OWED',
        LEDGER,
        11,
        expect.objectContaining({ period: '2026-09', claimed: '50.00', owed: '0.00', excess: '50.00' }),
      ],
      [
        'PORTFOLIO_SHORT_PAID',
        LEDGER,
        4,
        expect.objectContaining({ period: '2026-10', claimed: '123.46', received: '100.00', short: '23.46' }),
      ],
      [
        'PORTFOLIO_EXPIRED_UNCLAIMED',
        'fixtures/portfolio/contracts/msp.yaml',
        null,
        expect.objectContaining({ period: '2026-09', owed: '300.00', lost: '300.00', claimBy: '2026-10-31' }),
      ],
      [
        'PORTFOLIO_CLAIMED_NOT_OWED',
        LEDGER,
        24,
        expect.objectContaining({ contract: 'MSA-2025-117', claimed: '250.00', owed: '200.00', excess: '50.00' }),
      ],
    ]);
    expect(p.mismatches[2].message).toBe(
      'AWS-EA-2026-0042 2026-10: 100.00 USD received of 123.46 claimed — 23.46 USD short',
    );
  });

  it('per vendor and service: the trend by period and the repeated breach', () => {
    const rows = p.trend.map(
      (t: { vendor: string; contract: string; service: string; periods: Array<{ state: string }> }) => [
        t.vendor,
        t.contract,
        t.service,
        t.periods.map((s) => s.state).join(' '),
      ],
    );
    expect(rows).toEqual([
      ['Amazon Web Services', 'AWS-EA-2026-0077', 'all', 'met met met breached'],
      ['Amazon Web Services', 'AWS-EA-2026-0042', 'us-east-1', 'met met met breached'],
      ['Amazon Web Services', 'AWS-EA-2026-0042', 'eu-west-1', 'met met met met'],
      ['Example Managed Services', 'MSA-2025-117', 'tickets', 'met breached breached breached'],
    ]);
    expect(
      p.trend.map((t: { repeated: boolean; breached: number; window: number }) => [t.repeated, t.breached, t.window]),
    ).toEqual([
      [false, 1, 4],
      [false, 1, 4],
      [false, 0, 4],
      [true, 3, 4],
    ]);
  });

  it('per claim: owed, claimed, received, denied, expired and unclaimed, each period on its own', () => {
    const msp = p.claims
      .filter((c: { contract: string }) => c.contract === 'MSA-2025-117')
      .map((c: Record<string, unknown>) => [c.period, c.readiness, c.owed, c.claimed, c.received, c.expired]);
    expect(msp).toEqual([
      ['2026-07', 'not applicable', 0, 0, 0, 0],
      ['2026-08', 'expired', 100, 100, 100, 0],
      ['2026-09', 'expired', 300, 0, 0, 300],
      ['2026-10', 'ready', 200, 250, 0, 0],
    ]);
  });

  it('the table, Markdown and CSV say the same', async () => {
    const table = await portfolio([FOLDER, '--ledger', LEDGER, '--format', 'table', '-q']);
    expect(table.stdout).toContain('3 of the last 4 periods');
    expect(table.stdout).toMatch(/│ USD +│ +173\.46 USD │ +173\.46 USD │ +100\.00 USD │ +50\.00 USD │/);
    const md = await portfolio([FOLDER, '--ledger', LEDGER, '--format', 'markdown', '-q']);
    expect(md.stdout).toContain(
      '| EUR | 600.00 EUR | 350.00 EUR | 100.00 EUR | 0.00 EUR | 300.00 EUR | 0.00 EUR | — |',
    );
    const csv = (await portfolio([FOLDER, '--ledger', LEDGER, '--format', 'csv', '-q'])).stdout.trim().split('\r\n');
    // 3 contracts × 4 periods, then one total per currency.
    expect(csv).toHaveLength(1 + 12 + 2);
    // The last column, undecided_lines: credit lines the evidence cannot decide (none here).
    expect(csv.at(-2)).toBe(',,,total,,,USD,173.46,173.46,100,50,0,50,2026-12-31,51,0');
    expect(csv.at(-1)).toBe(',,,total,,,EUR,600,350,100,0,300,0,,,0');
  });
});

describe('portfolio: what else the ledger shows', () => {
  it('a claim sent after its deadline, naming a line that owes nothing: late, the line not owed, and the credit lost', async () => {
    const dir = folder({
      'claims.yaml': `version: sla-claims/v1
claims:
  - contract: MSA-2025-117
    period: 2026-09
    lines: [p1-late, p3-late]
    claimed: 2026-11-02
    amount: 300.00
    currency: EUR
`,
    });
    const r = await portfolio(['.', '--ledger', 'claims.yaml', '--format', 'json', '-q'], dir);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout).mismatches.filter((x: { args: { period: string } }) => x.args.period === '2026-09');
    expect(m.map((x: { code: string; line: number; args: object }) => [x.code, x.line, x.args])).toEqual([
      ['PORTFOLIO_CLAIMED_LATE', 3, expect.objectContaining({ claimed: '2026-11-02', claimBy: '2026-10-31' })],
      ['PORTFOLIO_LINE_NOT_OWED', 5, expect.objectContaining({ rule: 'p3-late', owedLines: ['p1-late'] })],
      // Sent late, the claim counts for nothing: the whole 300.00 is lost.
      ['PORTFOLIO_EXPIRED_UNCLAIMED', 3, expect.objectContaining({ owed: '300.00', claimed: '0.00', lost: '300.00' })],
    ]);
  });
});

describe('portfolio: bad input', () => {
  it('a contract in the folder that does not parse is reported with its path; the others are audited; exit 2 at the end', async () => {
    const dir = folder({ 'broken.yaml': 'version: sla-contract/v1\npolicy: [unclosed\n' });
    const r = await portfolio(['.', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^broken\.yaml:3:1: YAML syntax error/m);
    expect(r.stderr).toContain('1 contract not audited');
    const p = JSON.parse(r.stdout);
    expect(
      p.failed.map((f: { file: string; problems: Array<{ code: string }> }) => [f.file, f.problems[0]!.code]),
    ).toEqual([['broken.yaml', 'CONTRACT_YAML_SYNTAX']]);
    expect(p.contracts.map((c: { contract: string }) => c.contract)).toEqual([
      'AWS-EA-2026-0077',
      'AWS-EA-2026-0042',
      'MSA-2025-117',
    ]);
    expect(p.totals.map((t: { currency: string; owed: number }) => [t.currency, t.owed])).toEqual([
      ['USD', 173.46],
      ['EUR', 600],
    ]);
  });

  it('a ledger line for a period never audited is an error at its line: exit 2, no report', async () => {
    const dir = folder({
      'claims.yaml': fixtureLedger().replace('period: 2026-09', 'period: 2026-06'),
    });
    const r = await portfolio(['.', '--ledger', 'claims.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'claims.yaml:12:13: claims[1].period: 2026-06 of AWS-EA-2026-0042 was never audited in this run (audited: 2026-07, 2026-08, 2026-09, 2026-10): the claim cannot be checked',
    );
  });

  it("a ledger's own problems, all at once: its version, an unknown key, an amount with too many decimals, a contract not in the run, a claim twice", async () => {
    const bad = await portfolio(
      ['.', '--ledger', 'claims.yaml'],
      folder({ 'claims.yaml': 'version: sla-claims/v2\nclaims: []\n' }),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('claims.yaml:1:10: version: unsupported claims ledger version');
    const dir = folder({
      'claims.yaml': `version: sla-claims/v1
claims:
  - contract: MSA-2025-117
    period: 2026-10
    claimed: 2026-11-03
    amount: 200.001
    currency: EUR
    recieved: { on: 2026-11-20, amount: 200.00 }
`,
    });
    const r = await portfolio(['.', '--ledger', 'claims.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('claims.yaml:6:13: claims[0].amount: not an amount');
    expect(r.stderr).toContain('claims.yaml:8:5: claims[0].recieved: unknown key "recieved"');
    // An entry that decodes is checked as well, and its problem said with the others: all at once.
    const both = folder({
      'claims.yaml': `version: sla-claims/v1
claims:
  - { contract: MSA-2025-117, period: 2026-10, claimed: 2026-11-03, amount: 200.001, currency: EUR }
  - { contract: NOT-A-CONTRACT, period: 2026-10, claimed: 2026-11-03, amount: 1, currency: EUR }
`,
    });
    const all = await portfolio(['.', '--ledger', 'claims.yaml'], both);
    expect(all.code).toBe(2);
    expect(all.stderr).toContain('claims[0].amount: not an amount');
    expect(all.stderr).toContain('claims[1].contract: contract "NOT-A-CONTRACT" is not one this run audited');
    const twice = folder({
      'claims.yaml': `version: sla-claims/v1
claims:
  - { contract: NOT-A-CONTRACT, period: 2026-10, claimed: 2026-11-03, amount: 1, currency: EUR }
  - { contract: MSA-2025-117, period: 2026-10, claimed: 2026-11-03, amount: 200, currency: EUR }
  - { contract: msp.yaml, period: 2026-10, claimed: 2026-11-04, amount: 200, currency: EUR }
`,
    });
    const t = await portfolio(['.', '--ledger', 'claims.yaml'], twice);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain(
      'claims.yaml:3:17: claims[0].contract: contract "NOT-A-CONTRACT" is not one this run audited',
    );
    expect(t.stderr).toContain('claims.yaml:5:5: claims[2]: MSA-2025-117 2026-10 is claimed twice (first at line 4)');
    // As-of is 2026-11-10: a claim sent on the 20th, or an answer of the 20th, is not known then.
    const ahead = folder({
      'claims.yaml': `version: sla-claims/v1
claims:
  - { contract: MSA-2025-117, period: 2026-10, claimed: 2026-11-20, amount: 200, currency: EUR }
  - { contract: MSA-2025-117, period: 2026-09, claimed: 2026-10-05, amount: 1, currency: EUR, received: { on: 2026-11-11, amount: 1 } }
`,
    });
    // August's 100.00 claim paid 150.00: said, as a payment to check.
    const more = folder({
      'claims.yaml': `version: sla-claims/v1
claims:
  - { contract: MSA-2025-117, period: 2026-08, lines: [p1-late], claimed: 2026-09-15, amount: 100, currency: EUR, received: { on: 2026-10-01, amount: 150 } }
`,
    });
    const paid = await portfolio(['.', '--ledger', 'claims.yaml', '--format', 'json'], more);
    expect(paid.code).toBe(0);
    const found = JSON.parse(paid.stdout).mismatches.find((x: { code: string }) => x.code === 'PORTFOLIO_PAID_MORE');
    expect(found).toMatchObject({
      args: { period: '2026-08', claimed: '100.00', received: '150.00', more: '50.00' },
      message: 'MSA-2025-117 2026-08: 150.00 EUR received of 100.00 claimed — 50.00 EUR more than claimed',
    });
    const a = await portfolio(['.', '--ledger', 'claims.yaml'], ahead);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(
      'claims.yaml:3:5: claims[0]: dated 2026-11-20, after --as-of (2026-11-10): not known at as-of',
    );
    expect(a.stderr).toContain('claims.yaml:4:5: claims[1]: dated 2026-11-11, after --as-of (2026-11-10)');
  });
});

describe('portfolio: a vendor that takes one claim per service', () => {
  // Azure (fixtures/real-slas/azure-two-services-contract.yaml), October 2026: web's zones both down
  // 30 min → 99.9328% → 10% of 400.00 = 40.00; db's both down 60 min → 99.8655% → 10% of 600.00 = 60.00;
  // each claimed on its own, by 2026-12-31 (two months after the billing month).
  const AZURE = 'fixtures/real-slas/azure-two-services-contract.yaml';
  const run = (ledger: string, extra: string[] = []) => {
    const dir = folder({ 'claims.yaml': `version: sla-claims/v1\nclaims:\n${ledger}` }, false);
    return runCli(
      [
        'portfolio',
        join(ROOT, AZURE),
        ...extra,
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-25T00:00:00Z',
        '--ledger',
        join(dir, 'claims.yaml'),
        '--format',
        'json',
        '-q',
      ],
      { cwd: ROOT },
    );
  };

  it("each service's claim is checked on its own: web claimed in full, db owed and not claimed", async () => {
    const r = await run(
      '  - { contract: AZ-EA-7788, period: 2026-10, service: web, claimed: 2026-11-20, amount: 40.00, currency: USD }\n',
    );
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.claims.map((c: Record<string, unknown>) => [c.service, c.owed, c.claimed, c.unclaimed])).toEqual([
      ['web', 40, 40, 0],
      ['db', 60, 0, 60],
    ]);
    expect(p.mismatches.map((m: { message: string }) => m.message)).toEqual([
      'AZ-EA-7788 2026-10 (db): 60.00 USD owed, 0.00 claimed — 60.00 USD not claimed yet (claim by 2026-12-31)',
    ]);
  });

  it('a claim without its service, or in another currency, is an error at its line', async () => {
    const r = await run(
      '  - { contract: AZ-EA-7788, period: 2026-10, claimed: 2026-11-20, amount: 100.00, currency: USD }\n' +
        '  - { contract: AZ-EA-7788, period: 2026-10, service: db, claimed: 2026-11-20, amount: 60.00, currency: EUR }\n',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /claims\.yaml:3:5: claims\[0\]: the vendor of AZ-EA-7788 takes one claim per service: name the service \(one of web, db\)/,
    );
    expect(r.stderr).toMatch(/claims\.yaml:4:\d+: claims\[1\]\.currency: AZ-EA-7788's credits are in USD, not EUR/);
  });

  it('a contract the run cannot audit for the period (a quarterly policy given a month) is reported, the others go on', async () => {
    const r = await run(
      '  - { contract: AZ-EA-7788, period: 2026-10, service: web, claimed: 2026-11-20, amount: 40.00, currency: USD }\n',
      ['fixtures/real-slas/github-contract.yaml'],
    );
    expect(r.code).toBe(2);
    const p = JSON.parse(r.stdout);
    expect(p.failed).toEqual([
      {
        file: 'fixtures/real-slas/github-contract.yaml',
        problems: [expect.objectContaining({ code: 'PORTFOLIO_CONTRACT_REFUSED' })],
      },
    ]);
    expect(p.contracts.map((c: { contract: string }) => c.contract)).toEqual(['AZ-EA-7788']);
  });
});
