import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// One service spelt two ways: "api" probes up all October, except two hours whose rows say "API" and down.
// Read as two services, "api" was met on its own up samples; read as one, October has 7 200 s down.
const dir = mkdtempSync(join(tmpdir(), 'sla-service-spellings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const POLICY = join(dir, 'policy.yaml');
writeFileSync(
  POLICY,
  'version: sla-policy/v1\nid: spellings\nname: Spellings test\ncurrency: USD\nbillingZone: UTC\navailability:\n  target: 99.9\n' +
    'tiers:\n  t: { calendar: 24x7, targets: {} }\ncredits:\n  models:\n    - id: bands\n      type: availability-tiers\n' +
    '      bands:\n        - { below: 99.9, percent: 10 }\n',
);
const START = Date.parse('2026-10-01T00:00:00Z');
const FIVE_MIN = 300_000;
const rows = ['timestamp,status,service'];
for (let t = START; t < Date.parse('2026-11-01T00:00:00Z'); t += FIVE_MIN) {
  const down = t >= Date.parse('2026-10-10T00:00:00Z') && t < Date.parse('2026-10-10T02:00:00Z');
  rows.push(`${new Date(t).toISOString()},${down ? 'down,API' : 'up,api'}`);
}
writeFileSync(join(dir, 'probes.csv'), rows.join('\n') + '\n');

describe('services named alike but for case', () => {
  it('are one service under the first spelling: 7 200 s down of 2 678 400, 99.7312% — missed, 10% owed', async () => {
    const r = await runCli(
      ['uptime', 'probes.csv', '--policy', POLICY, '--tier', 't', '--month', '2026-10'].concat([
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--fee',
        '1000',
        '--format',
        'json',
      ]),
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    const api = report.availability.find((a: { service: string }) => a.service === 'api');
    expect(report.availability.map((a: { service: string }) => a.service)).toEqual(['api', 'all']);
    expect(api).toMatchObject({ downtimeSeconds: 7200, eligibleSeconds: 2_678_400, met: false });
    expect(api.availabilityPercent).toBeCloseTo((100 * (2_678_400 - 7200)) / 2_678_400, 10);
    expect(report.credits[0]).toMatchObject({ percent: 10, amount: 100, eligible: true });
    expect(report.warnings.find((w: { code: string }) => w.code === 'UPTIME_SERVICES_ALIKE').args).toEqual({
      names: ['api', 'API'],
      as: 'api',
      more: 0,
    });
  });

  it("take the contract's spelling: an outage list's 10 h under DB and 1 min under db are service db's, 36 060 s down", async () => {
    writeFileSync(
      join(dir, 'contract.yaml'),
      'version: sla-contract/v1\npolicy: policy.yaml\ntier: t\nfee: { monthly: 1000.00 }\n' +
        'availability:\n  coverage: { from: 2026-10, to: 2026-10 }\nservices:\n  db: { components: [db], fee: 1000.00 }\n',
    );
    writeFileSync(join(dir, 'policy.yaml'), readFileSync(POLICY, 'utf8'));
    writeFileSync(
      join(dir, 'outages.csv'),
      'start,end,service\n2026-10-20T00:00:00Z,2026-10-20T10:00:00Z,DB\n2026-10-21T00:00:00Z,2026-10-21T00:01:00Z,db\n',
    );
    const r = await runCli(
      [
        'uptime',
        'outages.csv',
        '--config',
        'contract.yaml',
        '--month',
        '2026-10',
        '--as-of',
        '2026-12-01T00:00:00Z',
      ].concat(['--format', 'json']),
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const db = parseReport(r.stdout).availability.find((a: { service: string }) => a.service === 'db');
    // 36 000 + 60 s of 2 678 400: 98.6537…%, under 99.9%.
    expect(db).toMatchObject({ downtimeSeconds: 36_060, met: false });
  });
});
