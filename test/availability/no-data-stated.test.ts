import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-no-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

// Probes every 5 minutes, all up, on 10 and 11 October 2026 only: 2 of October's 31 days.
const rows: string[] = [];
for (let t = Date.parse('2026-10-10T00:00:00Z'); t < Date.parse('2026-10-12T00:00:00Z'); t += 300_000)
  rows.push(`${new Date(t).toISOString().replace('.000Z', 'Z')},up,api`);
write('probes.csv', `timestamp,status,service\n${rows.join('\n')}\n`);
const contract = (noData: string) =>
  write(
    `${noData}.yaml`,
    `version: sla-contract/v1
policy: sma-opcon
tier: managed-operations
fee: { annual: 60000.00 }
currency: USD
inputs:
  uptime: [probes.csv]
availability:
  noData: ${noData}
  history: { "2026-08": 99.85, "2026-09": 99.91 }
`,
  );
const audit = (noData: string) =>
  runCli(
    [
      'audit',
      '--config',
      contract(noData),
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--format',
      'json',
    ],
    {
      cwd: dir,
    },
  );

describe('a contract that counts the time without data as up or down', () => {
  it('up: the month is met as the contract states, and a warning says the verdict rests on that statement', async () => {
    const r = await audit('up');
    const report = parseReport(r.stdout);
    // October in America/Chicago: 2 days covered of 31 → 6.5%.
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all.met).toBe(true);
    expect(all.coveragePercent).toBeCloseTo((48 / 744) * 100, 9);
    const w = report.warnings.find((x: { code: string }) => x.code === 'NO_DATA_COUNTED_AS_STATED');
    expect(w.message).toBe(
      'the logs cover less than 90% of 2026-10 (api 6.5%, all 6.5%): the rest is counted as up, as the contract states (availability.noData: up), so the verdict rests on that statement, not on the logs',
    );
  });

  it('down: months before the logs begin are unknown, never failing months on no evidence', async () => {
    const report = parseReport((await audit('down')).stdout);
    expect(report.warnings.map((x: { code: string }) => x.code)).toContain('NO_DATA_COUNTED_AS_STATED');
    // October counts its silence as down (6.45% available: the < 95% band), but whether a credit is owed
    // depends on earlier failing months of 2026, and January–July have no logs at all: undecided, not "failing month 9".
    const credit = report.credits[0];
    expect(credit.reason).not.toContain('failing month 9');
    expect(credit.eligible).not.toBe(true);
  });
});
