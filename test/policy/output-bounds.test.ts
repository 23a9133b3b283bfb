import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseContract } from '../../src/adapters/contract/load-contract.js';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { formatIssue } from '../../src/adapters/render/format-issues.js';
import { parseReport } from '../support/report-schema.js';
import { locate, runCli } from '../support/run-cli.js';
import { issuesOf } from '../support/issues-of.js';

// Every value a policy or contract can produce lies inside the report schema (dates of 1900–2199,
// exact percentages and amounts), or `validate` refuses it at its line.

const POLICY = `version: sla-policy/v1
id: bounds
name: Bounds
currency: USD
billingZone: UTC
priorities:
  P1: { name: Urgent }
defaultPriority: P1
tiers:
  t: { calendar: 24x7, targets: { P1: { firstResponse: 1h } } }
credits:
  cap: 50
  claimBy: { monthsAfter: 2 }
  minimumPayable: "1.00"
  models:
    - { id: late, type: per-breach, percent: 5, escalation: [1, 2] }
    - { id: slow, type: downtime-multiple, multiple: 10 }
`;

describe('policy values are bounded at decode time, each at its line with the limit named', () => {
  it('accepts the baseline', () => {
    expect(issuesOf(() => parsePolicy(POLICY, 'p.yaml'))).toEqual([]);
  });

  const cases = [
    {
      name: 'claimBy monthsAfter 1 000 000 (would write "85360-02-29")',
      from: 'monthsAfter: 2',
      to: 'monthsAfter: 1000000',
      at: '1000000',
      limit: 'a whole number from 1 to 120',
    },
    {
      name: 'claimBy daysAfter past ten years',
      from: 'claimBy: { monthsAfter: 2 }',
      to: 'claimBy: { daysAfter: 3661 }',
      at: '3661',
      limit: 'a whole number from 1 to 3660',
    },
    {
      name: 'claimBy endOfBillingCycle past ten years of quarters',
      from: 'claimBy: { monthsAfter: 2 }',
      to: 'claimBy: { endOfBillingCycle: 41 }',
      at: '41',
      limit: 'a whole number from 1 to 40',
    },
    {
      name: 'claimWindowDays past ten years',
      from: 'claimBy: { monthsAfter: 2 }',
      to: 'claimWindowDays: 100000',
      at: '100000',
      limit: 'a whole number from 1 to 3660',
    },
    {
      name: 'a percent with 7 decimals',
      from: 'percent: 5,',
      to: 'percent: 0.1234567,',
      at: '0.1234567',
      limit: 'with at most 6 decimals',
    },
    {
      name: 'a cap with 7 decimals',
      from: 'cap: 50',
      to: 'cap: 50.0000001',
      at: '50.0000001',
      limit: 'with at most 6 decimals',
    },
    {
      name: 'an escalation factor with 7 decimals',
      from: 'escalation: [1, 2]',
      to: 'escalation: [1, 2.0000001]',
      at: '2.0000001',
      limit: 'at most 6 decimals',
    },
    {
      name: 'a downtime multiple with 7 decimals',
      from: 'multiple: 10',
      to: 'multiple: 10.0000001',
      at: '10.0000001',
      limit: 'with at most 6 decimals',
    },
    {
      name: 'a minimum payable too large to carry exactly',
      from: 'minimumPayable: "1.00"',
      to: 'minimumPayable: "100000000000.00"',
      at: '"100000000000.00"',
      limit: 'at most 99999999999.99 USD',
    },
  ];

  it.each(cases)('refuses $name', ({ from, to, at, limit }) => {
    const text = POLICY.replace(from, to);
    const issues = issuesOf(() => parsePolicy(text, 'p.yaml'));
    expect(issues).toHaveLength(1);
    // A bound passed: too many decimals, too large a number or amount, a multiple or factor out of its range.
    expect(issues[0]).toMatchObject({
      code: expect.stringMatching(/^POLICY_(TOO_MANY_DECIMALS|TOO_LARGE|AMOUNT_TOO_LARGE|BAD_MULTIPLE|BAD_FACTOR)$/),
      file: 'p.yaml',
      ...locate(text, at),
    });
    expect(formatIssue(issues[0]!)).toContain(limit);
  });
});

describe('contract values are bounded at decode time', () => {
  const contract = (body: string) =>
    `version: sla-contract/v1\npolicy: olt-ems\ntier: enterprise\ncurrency: USD\n${body}`;
  const cases = [
    {
      name: 'a monthly fee too large to carry exactly',
      body: 'fee: { monthly: "100000000000.00" }\n',
      at: '"100000000000.00"',
      limit: 'at most 99999999999.99 USD',
    },
    {
      name: 'a contract cap with 7 decimals',
      body: 'credits: { cap: 10.0000001 }\n',
      at: '10.0000001',
      limit: 'with at most 6 decimals',
    },
    {
      name: 'a history percentage with 7 decimals',
      body: 'availability: { history: { 2026-09: 99.1234567 } }\n',
      at: '99.1234567',
      limit: 'with at most 6 decimals',
    },
  ];
  it.each(cases)('refuses $name at its line', ({ body, at, limit }) => {
    const text = contract(body);
    const issues = issuesOf(() => parseContract(text, 'c.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: expect.stringMatching(/^CONTRACT_(TOO_MANY_DECIMALS|AMOUNT_TOO_LARGE|OUT_OF_RANGE)$/),
      file: 'c.yaml',
      ...locate(text, at),
    });
    expect(formatIssue(issues[0]!)).toContain(limit);
  });
});

describe('no claim deadline outside the years 1900–2199', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-audit-bounds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'p.yaml'), POLICY.replace('monthsAfter: 2', 'monthsAfter: 120'));
  writeFileSync(join(dir, 'big.yaml'), POLICY.replace('monthsAfter: 2', 'monthsAfter: 1000000'));
  writeFileSync(
    join(dir, 't.csv'),
    'id,created_at,priority,first_response_at\nA,2189-12-05T10:00:00Z,P1,2189-12-05T12:00:00Z\nB,2190-01-05T10:00:00Z,P1,2190-01-05T12:00:00Z\n',
  );
  const run = (policy: string, month: string) =>
    runCli(
      [
        'audit',
        '--tickets',
        't.csv',
        '--policy',
        policy,
        '--tier',
        't',
        '--month',
        month,
        '--as-of',
        '2190-02-01T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );

  it('validate refuses monthsAfter: 1000000 at its line, naming the limit', async () => {
    const r = await runCli(['policies', 'validate', 'big.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `big.yaml:${locate(POLICY.replace('monthsAfter: 2', 'monthsAfter: 1000000'), '1000000').line}:`,
    );
    expect(r.stderr).toContain('expected a whole number from 1 to 120');
  });

  it('the longest window (120 months) from December 2189 ends 2199-12-31, the last date of the schema; from January 2190 it would pass 2199 and is refused', async () => {
    const december = await run('p.yaml', '2189-12');
    expect(parseReport(december.stdout).credits[0]).toMatchObject({ claimBy: '2199-12-31' });
    const january = await run('p.yaml', '2190-01');
    expect(january.code).toBe(2);
    expect(january.stderr).toContain(
      "2190-01: its credits' claim deadline would be 2200-01-31 (policy bounds: credits.claimBy), after 2199-12-31",
    );
  });
});
