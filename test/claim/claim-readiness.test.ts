import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// Each state a claim can be in, on the real SLAs' scenarios (numbers as in test/credits/real-slas.test.ts).
const R = 'fixtures/real-slas/';
const P = 'fixtures/policies/real/';
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function claim(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'sla-claim-state-'));
  made.push(out);
  const r = await runCli(['claim', ...args, '--format', 'json', '-q', '-o', out], { cwd: ROOT });
  expect(r.code).toBe(0);
  return { claims: JSON.parse(r.stdout).claims, folders: readdirSync(out) };
}
const aws = (fee: string, asOf: string) =>
  ['--uptime', `${R}aws-two-zones.csv`, '--policy', `${P}aws-ec2-region.yaml`, '--tier', 'region'].concat([
    '--month',
    '2026-10',
    '--fee',
    fee,
    '--as-of',
    asOf,
  ]);
const msp = (asOf: string) =>
  ['--tickets', `${R}msp-tickets.csv`, '--policy', `${P}msp-template.yaml`, '--tier', 'standard'].concat([
    '--month',
    '2026-10',
    '--fee',
    '2000',
    '--as-of',
    asOf,
  ]);

describe('a claim is ready only when nothing is left to settle', () => {
  it('October judged on 20 October: the period is not over and the log speaks only up to then — the 10% line is undecided, nothing is owed yet, needs review', async () => {
    const { claims } = await claim(aws('1234.60', '2026-10-20T00:00:00Z'));
    expect(claims[0]).toMatchObject({ readiness: 'needs review', amount: 0, claimBy: '2026-12-31', daysLeft: 72 });
    expect(claims[0].needs).toContainEqual({ code: 'CLAIM_PERIOD_OPEN', args: { period: '2026-10' } });
    expect(claims[0].needs).toContainEqual({ code: 'CLAIM_UNDECIDED', args: { rule: 'region-uptime' } });
  });

  it('no fee: the amount is unknown — needs review, naming the fee; the packet is still written', async () => {
    const { claims, folders } = await claim([
      '--uptime',
      `${R}gce-two-zones.csv`,
      '--policy',
      `${P}gce-multi-zone.yaml`,
      '--tier',
      'project',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
    ]);
    expect(claims[0]).toMatchObject({ readiness: 'needs review', amount: null });
    expect(claims[0].needs).toEqual([
      { code: 'CLAIM_MISSING_ITEM', args: { item: 'accounts' } },
      { code: 'CLAIM_NO_FEE', args: {} },
    ]);
    expect(folders).toEqual(['gce-multi-zone-2026-10']);
  });

  it('10% of 9.00 is 0.90, not more than one dollar: not applicable, no packet, no deadline, nothing to review', async () => {
    const { claims, folders } = await claim(aws('9.00', '2026-11-05T00:00:00Z'));
    expect(claims).toEqual([
      expect.objectContaining({ readiness: 'not applicable', amount: 0, needs: [], claimBy: null, daysLeft: null }),
    ]);
    expect(folders).toEqual([]);
  });

  it('October judged on 5 December: the 30 November deadline has passed — expired, no packet', async () => {
    const { claims, folders } = await claim(msp('2026-12-05T00:00:00Z'));
    expect(claims).toEqual([
      expect.objectContaining({ readiness: 'expired', amount: 0, claimBy: '2026-11-30', daysLeft: null, needs: [] }),
    ]);
    expect(folders).toEqual([]);
  });

  it('on the last day of the window the claim is still open, with 0 days left', async () => {
    const { claims } = await claim(msp('2026-11-30T12:00:00+01:00'));
    expect(claims[0]).toMatchObject({ readiness: 'needs review', claimBy: '2026-11-30', daysLeft: 0 });
    // The template requires the contract reference and the customer: without a contract, both are missing.
    expect(claims[0].needs).toEqual([
      { code: 'CLAIM_MISSING_ITEM', args: { item: 'reference' } },
      { code: 'CLAIM_MISSING_ITEM', args: { item: 'customer' } },
    ]);
  });

  it('Atlassian takes one request per product: the claim is for the product the line is owed for', async () => {
    const { claims } = await claim([
      '--uptime',
      `${R}atlassian-failing-seconds.csv`,
      '--policy',
      `${P}atlassian-cloud-premium.yaml`,
      '--tier',
      'premium',
      '--month',
      '2026-11',
      '--fee',
      '1000',
      '--as-of',
      '2026-12-05T00:00:00Z',
    ]);
    expect(claims).toEqual([
      expect.objectContaining({ readiness: 'ready', amount: 100, claimBy: '2026-12-15', daysLeft: 10 }),
    ]);
  });

  it('Microsoft takes one claim per Service: web (30 min with both zones down, 99.9328%) 10% of 400.00 = 40.00, db (60 min) 10% of 600.00 = 60.00, each its own packet', async () => {
    const { claims, folders } = await claim([
      '--config',
      `${R}azure-two-services-contract.yaml`,
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
    ]);
    expect(
      claims.map((c: { service: string; amount: number; readiness: string }) => [c.service, c.amount, c.readiness]),
    ).toEqual([
      ['web', 40, 'ready'],
      ['db', 60, 'ready'],
    ]);
    expect(folders.sort()).toEqual(['azure-vms-zones-2026-10-db', 'azure-vms-zones-2026-10-web']);
  });
});
