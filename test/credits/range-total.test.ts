import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rangeTotals } from '../../src/core/credits/range-total.js';
import type { AuditReport } from '../../src/core/report.js';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// Finance's range, by hand. Fee 1000.00 USD a month; 10% per missed 1-hour first response, capped at
// 25% of the month; a claim is due 45 days after the month ends. As of 1 November 2026 (UTC):
//   2026-08: A1, A2 late (A3 in time) → 2 × 10% = 200.00, claim by 31 Aug + 45 d = 15 Oct: expired
//   2026-09: S1 late → 10% = 100.00, claim by 30 Sep + 45 d = 14 Nov: 13 days left
//   2026-10: O1, O2, O3 late → 30%, capped at 25% = 250.00, claim by 31 Oct + 45 d = 15 Dec: 44 days left
// Owed over the range: 100.00 + 250.00 = 350.00 USD; 200.00 expired unclaimed, not counted.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'p.yaml'),
  `version: sla-policy/v1
id: range-test
name: Range test SLA
currency: USD
billingZone: UTC
priorities:
  P1: { name: Urgent }
defaultPriority: P1
tiers:
  gold: { calendar: 24x7, targets: { P1: { firstResponse: 1h } } }
credits:
  cap: 25
  claimBy: { daysAfter: 45 }
  models:
    - { id: late-response, type: per-breach, percent: 10 }
`,
);
writeFileSync(
  join(dir, 't.csv'),
  `id,created_at,priority,first_response_at
A1,2026-08-03T10:00:00Z,P1,2026-08-03T12:00:00Z
A2,2026-08-10T10:00:00Z,P1,2026-08-10T13:00:00Z
A3,2026-08-11T10:00:00Z,P1,2026-08-11T10:30:00Z
S1,2026-09-04T10:00:00Z,P1,2026-09-04T11:30:00Z
S2,2026-09-05T10:00:00Z,P1,2026-09-05T10:20:00Z
O1,2026-10-01T10:00:00Z,P1,2026-10-01T12:00:00Z
O2,2026-10-02T10:00:00Z,P1,2026-10-02T12:00:00Z
O3,2026-10-03T10:00:00Z,P1,2026-10-03T12:00:00Z
`,
);
writeFileSync(
  join(dir, 'c.yaml'),
  `version: sla-contract/v1
policy: p.yaml
tier: gold
reference: MSA-2026-0142
customer: Example Ltd
vendor: { name: Example Cloud Inc., claimsContact: claims@cloud.example }
fee: { monthly: 1000.00 }
inputs: { tickets: [t.csv] }
`,
);
const run = (format: string) =>
  runCli(
    [
      'audit',
      '--config',
      'c.yaml',
      '--from',
      '2026-08',
      '--to',
      '2026-10',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--format',
      format,
      '--color',
      'never',
    ],
    { cwd: dir },
  );

describe("finance's report over a --from/--to range", () => {
  it('CSV: the fee, currency and contract on every row; the range total last, expired lines not counted', async () => {
    const r = await run('csv');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'period,policy,tier,contract,rule,percent,fee,amount,currency,eligible,claim_by,days_left,evidence,reason',
    );
    for (const l of lines.slice(1)) expect(l).toMatch(/^[^,]+,range-test,gold,MSA-2026-0142,/);
    for (const l of lines.slice(1, -1)) expect(l.split(',').slice(6, 9)).toEqual(['1000', expect.any(String), 'USD']);
    expect(lines.filter((l) => l.includes(',expired,2026-10-15,'))).toHaveLength(2);
    // The wording of the reason is the render module's: the columns before it are finance's.
    expect(lines.find((l) => l.startsWith('2026-09,range-test,gold,MSA-2026-0142,late-response,'))).toMatch(
      /^2026-09,range-test,gold,MSA-2026-0142,late-response,10,1000,100,USD,true,2026-11-14,13,S1,/,
    );
    expect(lines.filter((l) => /^2026-\d\d,.*,total,/.test(l)).map((l) => l.split(',').slice(5, 8))).toEqual([
      ['0', '1000', '0'],
      ['10', '1000', '100'],
      ['25', '1000', '250'],
    ]);
    expect(lines.at(-1)).toBe(
      "2026-08/2026-10,range-test,gold,MSA-2026-0142,range total,,,350,USD,,2026-11-14,13,,sum of the 3 periods' totals; 2 expired line(s) not counted (200)",
    );
  });

  it('table: the contract and fee in the credits title, expired lines apart, the range total per currency', async () => {
    const r = await run('table');
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain(
      'contract MSA-2026-0142 · customer Example Ltd · vendor Example Cloud Inc. (claims: claims@cloud.example)',
    );
    expect(out.split('Credits · contract MSA-2026-0142 · monthly fee 1000.00 USD')).toHaveLength(4);
    // Only August's lines expired: their own table, with the amount lost.
    expect(out.split('Expired claims (deadline passed: not owed)')).toHaveLength(2);
    expect(out).toMatch(/│ late-response │ ticket A1 [^│]*│ +10% │ +100\.00 │ expired 2026-10-15 +│/);
    expect(out).toMatch(/│ late-response │ ticket S1 [^│]*│ +10% │ +100\.00 │ 2026-11-14 \(13 days left\) +│/);
    expect(out).toContain('Credits over the range 2026-08 – 2026-10 · contract MSA-2026-0142 · USD');
    expect(out).toMatch(/│ 2026-08 +│ +0\.00 │ +200\.00 │ +0 │ — +│/);
    expect(out).toMatch(/│ 2026-09 +│ +100\.00 │ +— │ +0 │ 2026-11-14 \(13 days left\) +│/);
    expect(out).toMatch(/│ 2026-10 +│ +250\.00 │ +— │ +0 │ 2026-12-15 \(44 days left\) +│/);
    expect(out).toMatch(/│ total USD │ +350\.00 │ +200\.00 │ +0 │ 2026-11-14 \(13 days left\) +│/);
    expect(out).toContain(
      'Range total 2026-08 – 2026-10: 350.00 USD owed over 3 periods; 2 lines expired unclaimed, not counted (200.00 USD)',
    );
  });

  it('Markdown: the fee in each period’s head, the contract in the credits heading, the range table last', async () => {
    const out = (await run('markdown')).stdout;
    expect(out).toContain(
      'Tier **gold** · period 2026-09 (UTC) · monthly fee 1000.00 USD · as of 2026-11-01T00:00:00Z',
    );
    expect(out).toContain('### Credits · contract MSA-2026-0142 · monthly fee 1000.00 USD');
    expect(out).toContain('#### Expired claims (deadline passed: not owed)');
    expect(out).toContain('## Credits over the range 2026-08 – 2026-10 · contract MSA-2026-0142 · USD');
    expect(out).toContain(
      [
        '| period | owed | expired, not owed | undecided lines | next claim by |',
        '| --- | ---: | ---: | ---: | --- |',
        '| 2026-08 | 0.00 | 200.00 | 0 | — |',
        '| 2026-09 | 100.00 | — | 0 | 2026-11-14 (13 days left) |',
        '| 2026-10 | 250.00 | — | 0 | 2026-12-15 (44 days left) |',
        '| total USD | 350.00 | 200.00 | 0 | 2026-11-14 (13 days left) |',
      ].join('\n'),
    );
    expect(
      out
        .trimEnd()
        .endsWith(
          '**Range total 2026-08 – 2026-10: 350.00 USD owed over 3 periods; 2 lines expired unclaimed, not counted (200.00 USD)**',
        ),
    ).toBe(true);
  });

  it('JSON: a range is one object — the run, each period naming the contract, and the total per currency as the CSV says it', async () => {
    const r = await run('json');
    const doc = parseReport(r.stdout);
    expect(doc.range).toEqual({ from: '2026-08', to: '2026-10', periods: 3 });
    expect(doc.periods).toHaveLength(3);
    const oct = doc.periods[2];
    expect(oct.contract).toEqual({
      file: 'c.yaml',
      found: false,
      reference: 'MSA-2026-0142',
      customer: 'Example Ltd',
      vendor: { name: 'Example Cloud Inc.', claimsContact: 'claims@cloud.example' },
    });
    expect(oct.creditTotal).toEqual({ percent: 25, amount: 250, currency: 'USD', capped: true, undecidedLines: 0 });
    // The CSV's range total row, as data: 100.00 + 250.00 owed, August's 200.00 expired, the next deadline September's.
    expect(doc.totals).toEqual([
      {
        currency: 'USD',
        periods: ['2026-08', '2026-09', '2026-10'],
        amount: 350,
        expired: { lines: 2, amount: 200 },
        undecidedLines: 0,
        claimBy: '2026-11-14',
        daysLeft: 13,
      },
    ]);
    // The run's fields once, at the top: what it read, with checksums, and where each file is.
    expect(doc.files.map((f: { role: string; path: string }) => [f.role, f.path])).toEqual([
      ['tickets', 't.csv'],
      ['policy', 'p.yaml'],
      ['contract', 'c.yaml'],
    ]);
    expect(doc.files[0].records).toEqual({ read: 8, skipped: 0 });
  });
});

describe('a range of fiscal quarters', () => {
  // Slack's FY2027-Q1 (February to April 2026, Los Angeles): 30 min down → 10 × 2625.00 × 30 / 128 100 = 6.15
  // (test/credits/real-slas.test.ts); FY2027-Q2, covered by the same contract and never down, owes nothing.
  it('ends with one range total row: FY2027-Q1/FY2027-Q2 = 6.15 USD', async () => {
    writeFileSync(
      join(dir, 'slack.yaml'),
      `version: sla-contract/v1
policy: ${join(ROOT, 'fixtures/policies/real/slack-fiscal.yaml')}
tier: business-plus
fee: { monthly: 875.00 }
availability:
  coverage: { from: 2026-02, to: 2026-07 }
`,
    );
    const r = await runCli(
      [
        'audit',
        '--uptime',
        join(ROOT, 'fixtures/real-slas/slack-march-30min.csv'),
        '--config',
        'slack.yaml',
        '--from',
        'FY2027-Q1',
        '--to',
        'FY2027-Q2',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'csv',
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines.filter((l) => l.includes(',total,')).map((l) => l.split(',').slice(0, 8))).toEqual([
      ['FY2027-Q1', 'slack-fiscal', 'business-plus', '', 'total', '0.234192', '2625', '6.15'],
      ['FY2027-Q2', 'slack-fiscal', 'business-plus', '', 'total', '0', '2625', '0'],
    ]);
    expect(lines.at(-1)).toBe(
      "FY2027-Q1/FY2027-Q2,slack-fiscal,business-plus,,range total,,,6.15,USD,,,,,sum of the 2 periods' totals",
    );
  });
});

describe('range totals are per currency', () => {
  const report = (label: string, currency: string, amountMinor: number | null) =>
    ({
      currency,
      period: { label },
      credits: [],
      creditTotal: { percent: 10, amountMinor, capped: false },
    }) as unknown as AuditReport;

  it('never add one currency to another, and an unknown amount makes the sum unknown', () => {
    const t = rangeTotals([
      report('2026-01', 'EUR', 10_000),
      report('2026-02', 'JPY', 500),
      report('2026-03', 'EUR', 2_550),
      report('2026-04', 'JPY', null),
    ]);
    expect(t.map((x) => [x.currency, x.owedMinor, x.periods.map((p) => p.label)])).toEqual([
      ['EUR', 12_550, ['2026-01', '2026-03']],
      ['JPY', null, ['2026-02', '2026-04']],
    ]);
  });
});
