import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// A ticket export counts from the period of its first ticket on (docs/policy-language.md): a month
// before it has no evidence of its tickets, so it is neither clean nor a pass under --fail-on.

const dir = mkdtempSync(join(tmpdir(), 'sla-not-covered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policy = (models: string) => `version: sla-policy/v1
id: p4
name: P4 test
currency: USD
billingZone: UTC
priorities:
  P3: { name: Normal }
defaultPriority: P3
tiers:
  t:
    calendar: 24x7
    targets:
      P3: { firstResponse: 8h, resolution: 72h }
credits:
  models:
${models}
`;
writeFileSync(
  join(dir, 'p4.yaml'),
  policy('    - { id: late, type: per-breach, percent: 5, metrics: [firstResponse, resolution] }'),
);
writeFileSync(
  join(dir, 'tk.csv'),
  // Both answered and resolved within the hour targets: clean where covered.
  `id,created_at,priority,first_response_at,resolved_at
T1,2026-09-15T09:00:00Z,P3,2026-09-15T10:00:00Z,2026-09-15T12:00:00Z
T2,2026-10-02T09:00:00Z,P3,2026-10-02T10:00:00Z,2026-10-02T12:00:00Z
`,
);

const ARGS = ['tk.csv', '--policy', 'p4.yaml', '--tier', 't', '--as-of', '2026-11-05T00:00:00Z'];

interface Report {
  period: { label: string };
  summary: { tickets: number; breached: number };
  creditTotal: { percent: number };
  warnings: { code: string; args: Record<string, unknown>; hint?: string }[];
}

describe("a period before the ticket export's first ticket", () => {
  it('is said, not clean: July and August warn, September and October do not; the figures stay', async () => {
    const r = await runCli(['tickets', ...ARGS, '--from', '2026-07', '--to', '2026-10', '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    // A JSON range is one object, each period's report under `periods`.
    const reports = (JSON.parse(r.stdout) as { periods: Report[] }).periods;
    expect(reports.map((p) => p.period.label)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    const notCovered = reports.map((p) => p.warnings.filter((w) => w.code === 'TICKETS_PERIOD_NOT_COVERED'));
    expect(notCovered.map((w) => w.length)).toEqual([1, 1, 0, 0]);
    expect(notCovered[0]![0]!.args).toEqual({ period: '2026-07', firstTicket: '2026-09-15T09:00:00Z' });
    expect(notCovered[1]![0]!.hint).toContain('2026-08');
    expect(reports.map((p) => p.summary.tickets)).toEqual([0, 0, 1, 1]);
    expect(reports.map((p) => p.creditTotal.percent)).toEqual([0, 0, 0, 0]);
  });

  it('--fail-on breach exits 4 for it, naming the month and the first ticket', async () => {
    const r = await runCli(
      [
        'tickets',
        ...ARGS,
        '--from',
        '2026-07',
        '--to',
        '2026-10',
        '--format',
        'json',
        '--fail-on',
        'breach',
        '--quiet',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      'sla-audit: --fail-on breach: tickets of 2026-07 undecided: the ticket export begins at 2026-09-15T09:00:00Z; ' +
        'tickets of 2026-08 undecided: the ticket export begins at 2026-09-15T09:00:00Z\n',
    );
  });

  it('audited alone, and under --fail-on credit with a ticket credit model, exits 4 too', async () => {
    const alone = await runCli(['tickets', ...ARGS, '--month', '2026-08', '--fail-on', 'breach', '--quiet'], {
      cwd: dir,
    });
    expect(alone.code).toBe(4);
    const credit = await runCli(['tickets', ...ARGS, '--month', '2026-08', '--fail-on', 'credit', '--quiet'], {
      cwd: dir,
    });
    expect(credit.code).toBe(4);
    expect(credit.stderr).toContain('tickets of 2026-08 undecided');
  });

  it('the months the export covers stay clean: exit 0', async () => {
    for (const month of ['2026-09', '2026-10']) {
      const r = await runCli(['tickets', ...ARGS, '--month', month, '--fail-on', 'breach', '--quiet'], { cwd: dir });
      expect(r.code, month).toBe(0);
    }
  });
});
