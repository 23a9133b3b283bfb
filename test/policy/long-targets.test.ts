import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// Any target is accepted: Znuny's working-time tests hold a 730-day 24x7 one, and a cap of a year
// refused such a policy whole. A due time past 2199 stays the ticket's input error.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-long-targets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

write(
  'long.yaml',
  `version: sla-policy/v1
id: long
name: Long targets
currency: USD
billingZone: UTC
calendars:
  office:
    zone: UTC
    hours: { mon-fri: "09:00-17:00" }
priorities:
  P1: { name: Two years round the clock }
  P2: { name: A million business hours }
tiers:
  t:
    calendar: 24x7
    targets:
      P1: { firstResponse: 1h, resolution: 17520h }
      P2: { firstResponse: { within: 1000000 business hours, calendar: office } }
`,
);
const AUDIT = ['--policy', 'long.yaml', '--tier', 't', '--format', 'json'];

describe('targets longer than a year', () => {
  it('a policy with a 730-day 24x7 target and a million business hours validates', async () => {
    const r = await runCli(['policies', 'validate', 'long.yaml'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the 730-day target is due 730 days after creation; met a day before', async () => {
    write(
      'met.csv',
      'id,created_at,priority,first_response_at,resolved_at\nL-1,2026-10-05T10:00:00Z,P1,2026-10-05T10:30:00Z,2028-10-03T10:00:00Z\n',
    );
    const r = await runCli(['tickets', 'met.csv', ...AUDIT, '--month', '2026-10', '--as-of', '2028-11-01T00:00:00Z'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const ticket = (JSON.parse(r.stdout) as { tickets: Array<Record<string, unknown>> }).tickets[0]!;
    expect(ticket).toMatchObject({ id: 'L-1', resolution: { status: 'met', dueAt: '2028-10-04T10:00:00Z' } });
  });

  it.each([
    {
      name: 'round the clock, created in 2199',
      row: 'L-2,2199-06-01T10:00:00Z,P1,2199-06-01T10:30:00Z,',
      month: '2199-06',
    },
    { name: 'a million business hours from 2026', row: 'L-3,2026-10-05T10:00:00Z,P2,,', month: '2026-10' },
  ])(
    'a due time past 2199 ($name) is the ticket’s input error at its line, in tickets and explain',
    async ({ row, month }) => {
      write('late.csv', `id,created_at,priority,first_response_at,resolved_at\n${row}\n`);
      const id = row.split(',')[0]!;
      const expected = `late.csv:2: ticket ${id}: a due time falls after 2199, the last year sla-audit supports — check its created time and the policy's targets`;
      const a = await runCli(['tickets', 'late.csv', ...AUDIT, '--month', month, '--as-of', '2199-12-31T00:00:00Z'], {
        cwd: dir,
      });
      expect(a.code).toBe(2);
      expect(a.stderr.split('\n')[0]).toBe(expected);
      // With --skip-invalid the ticket is skipped and counted like a bad row, and the run goes on.
      const skipped = await runCli(
        ['tickets', 'late.csv', ...AUDIT, '--month', month, '--as-of', '2199-12-31T00:00:00Z', '--skip-invalid'],
        { cwd: dir },
      );
      expect(skipped.code).toBe(0);
      expect(skipped.stderr).toContain(`skipped: ticket ${id}: a due time falls after 2199`);
      const report = JSON.parse(skipped.stdout) as {
        summary: { tickets: number; rows: { read: number; skipped: number } };
      };
      expect(report.summary).toMatchObject({ tickets: 0, rows: { read: 1, skipped: 1 } });
      const e = await runCli(
        [
          'explain',
          id,
          '--tickets',
          'late.csv',
          '--policy',
          'long.yaml',
          '--tier',
          't',
          '--as-of',
          '2199-12-31T00:00:00Z',
        ],
        { cwd: dir },
      );
      expect(e.code).toBe(2);
      expect(e.stderr.split('\n')[0]).toBe(expected);
    },
  );

  it('a number too large to compute with is refused at its line', async () => {
    write(
      'huge.yaml',
      `version: sla-policy/v1\nid: huge\nname: Huge\ncurrency: USD\nbillingZone: UTC\npriorities:\n  P1: { name: Any }\ntiers:\n  t:\n    calendar: 24x7\n    targets:\n      P1: { resolution: ${'9'.repeat(400)}h }\n`,
    );
    const r = await runCli(['policies', 'validate', 'huge.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^huge\.yaml:12:\d+: tiers\.t\.targets\.P1\.resolution: a target too long to compute with/,
    );
  });
});
