import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRequest } from '../../src/audit/request.js';
import { runAudit } from '../../src/audit/run-audit.js';
import { auditOpenMetrics, labelValue } from '../../src/adapters/render/openmetrics.js';
import { ROOT, runCli } from '../support/run-cli.js';

/** Debian's prometheus package gives promtool, the format's own parser and linter (.ci/run installs it). */
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const HAVE_PROMTOOL = promtool.error === undefined && promtool.status === 0;
if (!HAVE_PROMTOOL)
  console.warn('promtool not found: the metrics are not checked by the format parser (apt-get install -y prometheus)');

function check(text: string): { status: number | null; out: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const AWS = ['--config', 'fixtures/real-slas/aws-two-regions-claim-contract.yaml', '--as-of', '2026-11-05T00:00:00Z'];
const RUNS: Array<[string, string[]]> = [
  [
    'audit, one month, tickets and uptime',
    [
      'audit',
      '--tickets',
      'fixtures/websoft9-premium-with-uptime/tickets.csv',
      '--uptime',
      'fixtures/websoft9-premium-with-uptime/uptime.csv',
      '--policy',
      'websoft9',
      '--tier',
      'premium',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--fee',
      '1000',
    ],
  ],
  ['audit, a range with services of their own fees', ['audit', ...AWS, '--from', '2026-09', '--to', '2026-10']],
  ['uptime', ['uptime', ...AWS, '--month', '2026-10']],
  [
    'tickets',
    [
      'tickets',
      'fixtures/websoft9-premium/tickets.csv',
      '--policy',
      'websoft9',
      '--tier',
      'premium',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:00:00Z',
    ],
  ],
];

describe('--format openmetrics', () => {
  it.each(RUNS)('%s: HELP and TYPE per family, # EOF last', async (_name, args) => {
    const r = await runCli([...args, '--format', 'openmetrics']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.endsWith('# EOF\n')).toBe(true);
    const names = [...r.stdout.matchAll(/^# TYPE (\S+) gauge$/gm)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(r.stdout).toContain(`# HELP ${name} `);
  });

  it.skipIf(!HAVE_PROMTOOL).each(RUNS)('%s: promtool check metrics passes', async (_name, args) => {
    const r = await runCli([...args, '--format', 'openmetrics']);
    expect(check(r.stdout)).toEqual({ status: 0, out: '' });
  });

  it('money and ratios are exact decimals: 123.46 USD owed for us-east-1; 99.99% is 0.9999', async () => {
    const r = await runCli(['audit', ...AWS, '--month', '2026-10', '--format', 'openmetrics']);
    expect(r.stdout).toMatch(/^sla_audit_credit_owed\{[^}]*service="us-east-1",currency="USD"\} 123\.46$/m);
    expect(r.stdout).toMatch(/^sla_audit_credit_owed\{[^}]*service="all",currency="USD"\} 123\.46$/m);
    expect(r.stdout).toMatch(/^sla_audit_availability_target_ratio\{[^}]*\} 0\.9999$/m);
    // The claim deadline, 2026-12-31, passes at the end of that day.
    expect(r.stdout).toMatch(/^sla_audit_credit_claim_deadline_timestamp_seconds\{[^}]*\} 1798761600$/m);
  });

  it('-o metrics.prom picks the format from the name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-metrics-'));
    try {
      const r = await runCli(['audit', ...AWS, '--month', '2026-10', '-o', join(dir, 'sla.prom')]);
      expect(r.code, r.stderr).toBe(0);
      const text = readFileSync(join(dir, 'sla.prom'), 'utf8');
      expect(text.startsWith('# HELP ')).toBe(true);
      expect(text.endsWith('# EOF\n')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('label values with a quote, a backslash and a line feed are escaped, and still parse', async () => {
    expect(labelValue('a "b" \\ c\nd')).toBe('a \\"b\\" \\\\ c\\nd');
    const request = loadRequest(
      {
        config: 'fixtures/real-slas/aws-two-regions-claim-contract.yaml',
        asOf: '2026-11-05T00:00:00Z',
        month: '2026-10',
      },
      { cwd: ROOT, now: () => 0 },
    );
    const [report] = await runAudit(request);
    const hostile = {
      ...report!,
      contract: { ...report!.contract!, vendor: { name: 'A "B" \\ C\nD', claimsContact: null } },
    };
    const text = auditOpenMetrics([hostile]);
    expect(text).toContain('vendor="A \\"B\\" \\\\ C\\nD"');
    if (HAVE_PROMTOOL) expect(check(text)).toEqual({ status: 0, out: '' });
  });

  it("a period before the ticket export's first ticket: its ticket and at-risk credit gauges are NaN, not 0", async () => {
    // By hand: the export starts 2026-10-05 (W-1), so September is not covered; websoft9 credits tickets.
    const dir = mkdtempSync(join(tmpdir(), 'sla-om-not-covered-'));
    try {
      writeFileSync(
        join(dir, 'w.csv'),
        'id,created_at,priority,first_response_at\nW-1,2026-10-05T10:00:00Z,general,2026-10-05T10:05:00Z\nW-5,2026-10-31T23:00:00Z,general,\n',
      );
      const args = ['tickets', 'w.csv', '--policy', 'websoft9', '--tier', 'premium', '--fee', '1000'].concat([
        '--as-of',
        '2026-11-01T00:30:00Z',
        '--format',
        'openmetrics',
      ]);
      const sep = await runCli([...args, '--month', '2026-09'], { cwd: dir });
      expect(sep.code, sep.stderr).toBe(0);
      expect(sep.stdout).toMatch(/^sla_audit_tickets\{[^}]*period="2026-09",status="breached"\} NaN$/m);
      expect(sep.stdout).toMatch(/^sla_audit_ticket_breaches\{[^}]*priority="general"\} NaN$/m);
      expect(sep.stdout).toMatch(/^sla_audit_credit_at_risk\{[^}]*period="2026-09"[^}]*\} NaN$/m);
      expect(sep.stdout).not.toMatch(/^sla_audit_tickets\{.*\} 0$/m);
      if (HAVE_PROMTOOL) expect(check(sep.stdout)).toEqual({ status: 0, out: '' });
      // October is covered: its counts are given (W-5 still pending at as-of), no NaN.
      const oct = await runCli([...args, '--month', '2026-10'], { cwd: dir });
      expect(oct.stdout).toMatch(/^sla_audit_tickets\{[^}]*period="2026-10",status="pending"\} 1$/m);
      expect(oct.stdout).not.toMatch(/ NaN$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
