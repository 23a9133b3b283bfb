import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-status-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

// P3: first response 8 h, resolution 72 h, round the clock; created 2026-10-05 09:00Z, answered at 10:00.
const POLICY = `version: sla-policy/v1
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
    - { id: late, type: per-breach, percent: 5, metrics: [firstResponse, resolution] }
`;
const ARGS = ['--tier', 't', '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z', '--format', 'json'];

describe('a status that contradicts the resolution cell', () => {
  it('open, reopened or in progress though resolved at 12:00: the resolution in time is not kept — not measured; a late one stays late', async () => {
    const policy = file('p4.yaml', POLICY);
    const csv = file(
      'reopen.csv',
      [
        'id,created_at,priority,first_response_at,resolved_at,status',
        'R1,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,2026-10-05T12:00:00Z,open',
        'R2,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,2026-10-05T12:00:00Z,Reopened',
        'R3,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,2026-10-05T12:00:00Z,in progress',
        // Resolved 80 h after creation (due at 72 h): late whatever the status says since.
        'R4,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,2026-10-08T17:00:00Z,open',
        'R5,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,2026-10-05T12:00:00Z,solved',
        '',
      ].join('\n'),
    );
    const r = await runCli(['tickets', csv, '--policy', policy, ...ARGS]);
    const report = parseReport(r.stdout);
    expect(
      report.tickets.map((t: { id: string; resolution: { status: string } }) => [t.id, t.resolution.status]),
    ).toEqual([
      ['R1', 'not-measured'],
      ['R2', 'not-measured'],
      ['R3', 'not-measured'],
      ['R4', 'breached'],
      ['R5', 'met'],
    ]);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        code: 'TICKETS_NOT_MEASURED',
        args: expect.objectContaining({ metrics: ['resolution:status'], counts: [3] }),
      }),
    );
  });

  it('closed or resolved with no resolution time: when is not known — not measured, no money (it was a breach and a credit)', async () => {
    const policy = file('p4b.yaml', POLICY);
    const csv = file(
      'closed.csv',
      [
        'id,created_at,priority,first_response_at,resolved_at,status',
        'C1,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,,Closed',
        'C2,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,,resuelto',
        // Open with no resolution: breached once 72 h have passed, as before.
        'C3,2026-10-05T09:00:00Z,P3,2026-10-05T10:00:00Z,,open',
        '',
      ].join('\n'),
    );
    const r = await runCli(['tickets', csv, '--policy', policy, ...ARGS, '--fee', '1000', '--fail-on', 'credit']);
    const report = parseReport(r.stdout);
    expect(
      report.tickets.map((t: { id: string; resolution: { status: string } }) => [t.id, t.resolution.status]),
    ).toEqual([
      ['C1', 'not-measured'],
      ['C2', 'not-measured'],
      ['C3', 'breached'],
    ]);
    expect(report.creditTotal.amount).toBe(50);
    expect(r.code).toBe(1);
  });
});
