import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseContract } from '../../src/adapters/contract/load-contract.js';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { formatIssue } from '../../src/adapters/render/format-issues.js';
import { issuesOf } from '../support/issues-of.js';
import { ROOT, runCli } from '../support/run-cli.js';

// An amount in a contract is read as written, by the rule --fee is read by, and refused once, at its line:
// YAML alone would read 0x10 as 16, 1e3 as 1000 and 12345678901234567890 as 12345678901234567000.

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-amounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TICKETS = join(ROOT, 'fixtures/websoft9-premium/tickets.csv');
const RUN = ['--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z', '--format', 'json'];
const contract = (body: string) => `version: sla-contract/v1\npolicy: websoft9\ntier: premium\n${body}`;

let n = 0;
async function audit(text: string, flags: string[] = []) {
  const file = join(dir, `c${n++}.yaml`);
  writeFileSync(file, text);
  return runCli(['audit', '--config', file, '--tickets', TICKETS, ...RUN, ...flags], { cwd: dir });
}

/** The problems of a run, the folder's name left out: `c3.yaml:5:12: …`. */
const problems = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => /^c\d+\.yaml:/.test(l.replace(`${dir}/`, '')))
    .map((l) => l.replace(`${dir}/`, '').replace(/^c\d+\.yaml/, 'c.yaml'));

const NOT_AN_AMOUNT = (got: string) =>
  `c.yaml:5:12: fee.monthly: not an amount (expected digits with an optional decimal point, e.g. 2500.00, got "${got}") — write digits and a decimal point only, without separators or a currency sign`;
const TOO_LARGE = (got: string) =>
  `c.yaml:5:12: fee.monthly: more than the largest amount sla-audit computes exactly (expected at most 99999999999.99 USD, got "${got}") — check the amount and its currency: is it the fee of one month (or of a year, for fee.annual)?`;

describe('a contract fee is read as written, by the rule of --fee', () => {
  // Each refused by --fee too: one rule for both.
  it.each(['0x10', '0o17', '1e3', '-0', '.5', '5.', '1e15', '+12', '1,200.00'])('refuses %s at its line', async (v) => {
    const r = await audit(contract(`fee:\n  monthly: ${v}\n`));
    expect(r.code).toBe(2);
    expect(problems(r.stderr)).toEqual([NOT_AN_AMOUNT(v)]);
    const flag = await runCli(
      ['audit', '--policy', 'websoft9', '--tier', 'premium', '--tickets', TICKETS, ...RUN, '--fee', v],
      { cwd: dir },
    );
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('write digits and a decimal point only');
  });

  it('names the digits written, not the nearest double, and the policy currency’s maximum at the line', async () => {
    const r = await audit(contract('fee:\n  monthly: 12345678901234567890\n'));
    expect(r.code).toBe(2);
    expect(problems(r.stderr)).toEqual([TOO_LARGE('12345678901234567890')]);
    expect(r.stderr).not.toContain('12345678901234567000');
  });

  it('has one maximum, the currency’s, whether the contract states the currency or its policy does', async () => {
    // 100000000000 is under 10^13 − 1 whole units but over 99999999999.99 USD: refused once, at its line.
    const r = await audit(contract('fee:\n  monthly: 100000000000\n'));
    expect(problems(r.stderr)).toEqual([TOO_LARGE('100000000000')]);
    expect(r.stderr).toMatch(/^sla-audit: 1 problem found/m);
    const stated = await audit(contract('fee:\n  monthly: 100000000000\ncurrency: USD\n'));
    expect(problems(stated.stderr)).toEqual([TOO_LARGE('100000000000')]);
    // The largest is accepted, with or without a stated currency.
    expect((await audit(contract('fee:\n  monthly: 99999999999.99\n'))).code).toBe(0);
    expect((await audit(contract('fee:\n  monthly: 99999999999.99\ncurrency: USD\n'))).code).toBe(0);
  });

  it('reads the currency’s decimals at the line: JPY has none, and --currency is the run’s', async () => {
    const jpy = await audit(contract('fee:\n  monthly: 1200.5\ncurrency: JPY\n'));
    expect(problems(jpy.stderr)).toEqual([
      'c.yaml:5:12: fee.monthly: not an amount (expected an amount in JPY with at most 0 decimals, e.g. 2500, got "1200.5") — write digits and a decimal point only, without separators or a currency sign',
    ]);
    const flag = await audit(contract('fee:\n  monthly: 1200.5\n'), ['--currency', 'JPY']);
    expect(problems(flag.stderr)).toEqual([
      'c.yaml:5:12: fee.monthly: not an amount (expected an amount in JPY with at most 0 decimals, e.g. 2500, got "1200.5") — write digits and a decimal point only, without separators or a currency sign',
    ]);
    // JPY's largest is 10^13 − 1 yen.
    const big = await audit(contract('fee:\n  monthly: 10000000000000\ncurrency: JPY\n'));
    expect(problems(big.stderr)[0]).toContain('(expected at most 9999999999999 JPY, got "10000000000000")');
  });

  it('accepts plain amounts, quoted or not, as written', () => {
    for (const v of ['2500', '2500.00', '"1200.50"', '0', '0.01']) {
      const c = parseContract(contract(`fee:\n  monthly: ${v}\ncurrency: USD\n`), 'c.yaml');
      expect(c.monthlyFee).toBe(v.replace(/"/g, ''));
    }
    // 2500.10 stays 2500.10, not the number 2500.1.
    expect(parseContract(contract('fee:\n  annual: 2500.10\n'), 'c.yaml').annualFee).toBe('2500.10');
  });

  it('checks every amount of a contract, each at its own line, all at once', async () => {
    const text = contract(
      'fee:\n  annual: 0x10\nservices:\n  api: { components: [api], fee: 1e3 }\n  web: { components: [web], fee: 100000000000 }\n',
    );
    const r = await audit(text);
    expect(r.code).toBe(2);
    expect(problems(r.stderr)).toEqual([
      'c.yaml:5:11: fee.annual: not an amount (expected digits with an optional decimal point, e.g. 2500.00, got "0x10") — write digits and a decimal point only, without separators or a currency sign',
      'c.yaml:7:34: services.api.fee: not an amount (expected digits with an optional decimal point, e.g. 1234.00, got "1e3") — write digits and a decimal point only, without separators or a currency sign',
      'c.yaml:8:34: services.web.fee: more than the largest amount sla-audit computes exactly (expected at most 99999999999.99 USD, got "100000000000") — check the amount and its currency: is it the fee of one month (or of a year, for fee.annual)?',
    ]);
  });
});

describe("a policy's money is read as written too", () => {
  const policy = readFileSync(join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml'), 'utf8');
  it.each([
    ['0x10', 'not an amount (expected an amount in USD with at most 2 decimals, e.g. 1.00, got "0x10")'],
    ['1e3', 'not an amount (expected an amount in USD with at most 2 decimals, e.g. 1.00, got "1e3")'],
    ['12345678901234567890', '(expected at most 99999999999.99 USD, got "12345678901234567890")'],
  ])('credits.minimumPayable: %s', (v, says) => {
    const text = policy.replace('minimumPayable: "1.01"', `minimumPayable: ${v}`);
    const issues = issuesOf(() => parsePolicy(text, 'p.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'credits.minimumPayable', line: 31 });
    expect(formatIssue(issues[0]!)).toContain(says);
  });
});
