import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// AWS's region SLA with a request per region (perService), and a negotiated cap of 5% of the whole bill:
// us-east-1 (fee 1 234.60) is 99.9552% in October, under 99.99%: 10% = 123.46; eu-west-1 owes nothing.
// The bill is 2 034.60, so 5% caps the period at 101.73: the request must not ask for 123.46.
const dir = mkdtempSync(join(tmpdir(), 'sla-claim-capped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'aws.yaml'),
  readFileSync(join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml'), 'utf8').replace(
    'claim:\n',
    'claim:\n  perService: true\n',
  ),
);
const contract = (name: string, credits: string, from = '2026-10') =>
  writeFileSync(
    join(dir, name),
    'version: sla-contract/v1\npolicy: aws.yaml\ntier: region\ncurrency: USD\nreference: AWS-X\n' +
      'vendor: { name: Amazon Web Services, claimsContact: AWS Support Center }\n' +
      'services:\n  us-east-1: { components: [us-east-1a, us-east-1b], fee: 1234.60, resources: [i-1] }\n' +
      '  eu-west-1: { components: [eu-west-1a, eu-west-1b], fee: 800.00, resources: [i-2] }\n' +
      `credits:\n  ${credits}\navailability:\n  coverage: { from: ${from}, to: 2026-10 }\n` +
      `inputs:\n  uptime: [${join(ROOT, 'fixtures/real-slas/aws-two-regions.csv')}]\n`,
  );

const claim = async (name: string) => {
  const r = await runCli(
    ['claim', '--config', name, '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--format', 'json'].concat([
      '-o',
      `out-${name}`,
    ]),
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  // Versioned as every document sla-audit writes.
  expect(doc).toMatchObject({ schemaVersion: 1, kind: 'claims', generator: { name: 'sla-audit' } });
  return doc.claims as Array<{ service: string; readiness: string; amount: string | number }>;
};

describe('a request per service under a cap on the whole bill', () => {
  it("the only service owing asks for the period's capped total, 101.73 (5% of 2 034.60), not its line's 123.46", async () => {
    contract('capped.yaml', 'cap: 5');
    const claims = await claim('capped.yaml');
    expect(claims.map((c) => [c.service, c.readiness, String(c.amount)])).toEqual([['us-east-1', 'ready', '101.73']]);
  });

  it('and under a cap per year (the logs cover January to October, nothing down before): 0.5% × 12 × 2 034.60 = 122.076, so 122.08', async () => {
    contract('yearly.yaml', 'capPerYear: 0.5', '2026-01');
    const claims = await claim('yearly.yaml');
    expect(claims.map((c) => [c.service, c.readiness, String(c.amount)])).toEqual([['us-east-1', 'ready', '122.08']]);
  });

  it('--fail-on review with a ready claim and nothing to review exits 0: an owed credit is to send, not to review', async () => {
    contract('review.yaml', 'cap: 5');
    const args = ['claim', '--config', 'review.yaml', '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z'];
    const review = await runCli(args.concat(['-o', 'out-review', '--fail-on', 'review']), { cwd: dir });
    expect(review.code).toBe(0);
    expect(review.stderr).not.toContain('--fail-on review');
    const credit = await runCli(args.concat(['-o', 'out-credit', '--fail-on', 'credit']), { cwd: dir });
    expect(credit.code).toBe(1);
  });
});
