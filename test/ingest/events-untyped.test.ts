import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// An events export without a type column: what each record is comes from its own cells. A status change
// or a change of another field was read as a vendor reply, and made a late ticket met.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-untyped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const TICKETS = write(
  'tickets.csv',
  'id,created_at,priority,resolved_at\nE-1,2026-10-05T09:00:00Z,P1,2026-10-05T15:00:00Z\n',
);
// pause-test: office hours Mon–Fri 09:00–17:00 UTC, P1 first response 4h. 2026-10-05 is a Monday: due 13:00.
const ARGS = [
  '--policy',
  join(ROOT, 'fixtures/policies/pause-test.yaml'),
  '--tier',
  't',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-05T00:00:00Z',
  '--format',
  'json',
];
const first = async (events: string, extra: string[] = []) => {
  const r = await runCli(['tickets', TICKETS, '--events', events, ...extra, ...ARGS], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout);
  return { metric: report.tickets[0].firstResponse, warnings: report.warnings };
};

describe('an untyped event record', () => {
  it('with a status cell filled is a status change, not the first response', async () => {
    const events = write(
      'status.csv',
      'ticket_id,at,actor,status\nE-1,2026-10-05T09:05:00Z,vendor,in-progress\nE-1,2026-10-05T15:00:00Z,vendor,\n',
    );
    const { metric } = await first(events);
    expect(metric.status).toBe('breached');
    expect(metric.respondedAt).toBe('2026-10-05T15:00:00Z');
    expect(metric.dueAt).toBe('2026-10-05T13:00:00Z');
  });

  it('with a field naming another field (a bot changing the priority) is neither reply nor status', async () => {
    const events = write(
      'fields.csv',
      'ticket_id,at,author,field,status\n' +
        'E-1,2026-10-05T09:05:00Z,triage-bot@vendor.example,priority,P1\n' +
        'E-1,2026-10-05T15:00:00Z,agent@vendor.example,,\n',
    );
    const { metric, warnings } = await first(events, ['--vendor-agent', '@vendor.example']);
    expect(metric.status).toBe('breached');
    expect(metric.respondedAt).toBe('2026-10-05T15:00:00Z');
    const read = warnings.find((w: { code: string }) => w.code === 'EVENTS_READ');
    expect(read.args).toMatchObject({ events: 1, otherFields: 1 });
  });

  it('with a waiting-on-customer status pauses the clock', async () => {
    // Paused 10:00–12:00: due 13:00 + 2 h = 15:00; the reply at 14:30 is in time.
    const events = write(
      'pause.csv',
      'ticket_id,at,actor,field,status\n' +
        'E-1,2026-10-05T10:00:00Z,vendor,status,waiting-on-customer\n' +
        'E-1,2026-10-05T12:00:00Z,customer,,\n' +
        'E-1,2026-10-05T12:00:00Z,vendor,status,in-progress\n' +
        'E-1,2026-10-05T14:30:00Z,vendor,,\n',
    );
    const { metric } = await first(events);
    expect(metric.status).toBe('met');
    expect(metric.respondedAt).toBe('2026-10-05T14:30:00Z');
    expect(metric.dueAt).toBe('2026-10-05T15:00:00Z');
  });

  it('reads as its type says where it has one, and an empty type cell as an untyped record', async () => {
    const events = write(
      'typed.csv',
      'ticket_id,at,actor,type,status\n' +
        'E-1,2026-10-05T09:05:00Z,vendor,,in-progress\n' +
        'E-1,2026-10-05T10:00:00Z,vendor,status,in-progress\n' +
        'E-1,2026-10-05T12:00:00Z,vendor,reply,\n',
    );
    const { metric } = await first(events);
    expect(metric.status).toBe('met');
    expect(metric.respondedAt).toBe('2026-10-05T12:00:00Z');
  });
});
