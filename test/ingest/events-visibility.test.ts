import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// A reply the export does not say is public or internal may have answered the customer or not: no met
// rests on it alone. It is not measured, unless late whichever it was.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-visibility-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const policy = (name: string, tier: string) => ['--policy', join(ROOT, 'fixtures/policies', name), '--tier', tier];
const COMMON = ['--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--format', 'json'];
type Warning = { code: string; args: Record<string, unknown>; hint?: string };
const audit = async (args: string[]) => {
  const r = await runCli([...args, ...COMMON], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout);
  const warning = (code: string): Warning | undefined => report.warnings.find((w: Warning) => w.code === code);
  return { ticket: report.tickets[0], summary: report.summary, warning };
};

// pause-test: office hours Mon–Fri 09:00–17:00 UTC, P1 first response 4 h. 2026-10-05 is a Monday: due 13:00.
const TICKETS = write(
  'tickets.csv',
  'id,created_at,priority,resolved_at\nV-1,2026-10-05T09:00:00Z,P1,2026-10-05T15:00:00Z\n',
);
const firstResponse = (events: string, extra: string[] = []) =>
  audit(['tickets', TICKETS, '--events', write('events.csv', events), ...extra, ...policy('pause-test.yaml', 't')]);
const HEADER = 'ticket_id,at,actor,type,public\n';

describe('an empty visibility cell in an events export', () => {
  it('is no public reply: a first response resting on it alone is not measured, and said', async () => {
    const { ticket, summary, warning } = await firstResponse(
      HEADER + 'V-1,2026-10-05T09:05:00Z,vendor,reply,\nV-1,2026-10-05T15:00:00Z,vendor,reply,true\n',
    );
    expect(ticket.firstResponse.status).toBe('not-measured');
    expect(ticket.status).toBe('not-measured');
    expect(summary).toMatchObject({ met: 0, notMeasured: 1 });
    const why = warning('TICKETS_NOT_MEASURED')!;
    expect(why.args).toMatchObject({ tickets: 1, metrics: ['firstResponse:visibility'], counts: [1] });
    expect(why.hint).toContain('jsdPublic');
  });

  it('nor is a placeholder of nullValues', async () => {
    const map = write('map.yaml', 'events:\n  nullValues: ["-"]\n');
    const { ticket } = await firstResponse(
      HEADER + 'V-1,2026-10-05T09:05:00Z,vendor,reply,-\nV-1,2026-10-05T15:00:00Z,vendor,reply,true\n',
      ['--map', map],
    );
    expect(ticket.firstResponse.status).toBe('not-measured');
  });

  it('a late reply of unknown visibility is late whichever it was: breached at the proved reply', async () => {
    const { ticket } = await firstResponse(
      HEADER + 'V-1,2026-10-05T14:00:00Z,vendor,reply,\nV-1,2026-10-05T15:00:00Z,vendor,reply,true\n',
    );
    expect(ticket.firstResponse).toMatchObject({
      status: 'breached',
      dueAt: '2026-10-05T13:00:00Z',
      respondedAt: '2026-10-05T15:00:00Z',
    });
  });

  it('with no public reply at all, an unknown one in time is not measured, one too late is breached', async () => {
    const early = await firstResponse(HEADER + 'V-1,2026-10-05T10:00:00Z,vendor,reply,\n');
    expect(early.ticket.firstResponse.status).toBe('not-measured');
    const late = await firstResponse(HEADER + 'V-1,2026-10-05T13:30:00Z,vendor,reply,\n');
    expect(late.ticket.firstResponse).toMatchObject({ status: 'breached', dueAt: '2026-10-05T13:00:00Z' });
  });

  it('a public reply in time before it is the first response: met', async () => {
    const { ticket } = await firstResponse(
      HEADER + 'V-1,2026-10-05T10:00:00Z,vendor,reply,true\nV-1,2026-10-05T10:30:00Z,vendor,reply,\n',
    );
    expect(ticket.firstResponse).toMatchObject({ status: 'met', respondedAt: '2026-10-05T10:00:00Z' });
  });

  it('an export with no visibility column has public replies, as before', async () => {
    const { ticket } = await firstResponse('ticket_id,at,actor,type\nV-1,2026-10-05T09:05:00Z,vendor,reply\n');
    expect(ticket.firstResponse).toMatchObject({ status: 'met', respondedAt: '2026-10-05T09:05:00Z' });
  });
});

describe('replies of unknown visibility and the waits after the first response', () => {
  // promises-test, tier all: office hours 09:00–17:00 Berlin (07:00–15:00 UTC in October before the 25th),
  // ongoing response 4 h, update cadence 8 h.
  const tickets = write(
    'waits.csv',
    'id,created_at,priority,resolved_at\nW-1,2026-10-05T07:00:00Z,P1,2026-10-05T14:00:00Z\n',
  );
  const waits = (events: string) =>
    audit([
      'tickets',
      tickets,
      '--events',
      write('waits-events.csv', HEADER + events),
      ...policy('promises-test.yaml', 'all'),
    ]);

  it('a wait ended only by a reply of unknown visibility is not measured; the silences are met whichever it was', async () => {
    // First response 07:30 (public). The customer writes at 08:00; the unknown reply at 09:00 may end the
    // wait; else the public one at 13:00 does, 5 office hours later: late. Silences 07:30 → 13:00 → 14:00.
    const { ticket, warning } = await waits(
      'W-1,2026-10-05T07:30:00Z,vendor,reply,true\n' +
        'W-1,2026-10-05T08:00:00Z,customer,reply,true\n' +
        'W-1,2026-10-05T09:00:00Z,vendor,reply,\n' +
        'W-1,2026-10-05T13:00:00Z,vendor,reply,true\n',
    );
    expect(ticket.firstResponse).toMatchObject({ status: 'met', respondedAt: '2026-10-05T07:30:00Z' });
    expect(ticket.ongoingResponse.status).toBe('not-measured');
    expect(ticket.updateCadence.status).toBe('met');
    expect(warning('TICKETS_NOT_MEASURED')!.args).toMatchObject({ metrics: ['ongoingResponse:visibility'] });
  });

  it('a wait late before any reply of unknown visibility is breached whichever it was', async () => {
    // The customer writes at 08:00; the public reply at 13:00 ends the wait (due 12:00); the unknown one comes after.
    const { ticket } = await waits(
      'W-1,2026-10-05T07:30:00Z,vendor,reply,true\n' +
        'W-1,2026-10-05T08:00:00Z,customer,reply,true\n' +
        'W-1,2026-10-05T13:00:00Z,vendor,reply,true\n' +
        'W-1,2026-10-05T13:30:00Z,vendor,reply,\n',
    );
    expect(ticket.ongoingResponse.status).toBe('breached');
    expect(ticket.ongoingResponse.gaps[0]).toMatchObject({
      start: '2026-10-05T08:00:00Z',
      end: '2026-10-05T13:00:00Z',
      dueAt: '2026-10-05T12:00:00Z',
      status: 'breached',
    });
  });
});

describe('a Jira CSV "Comment" cell', () => {
  // connectsoft, premium, High: first response 4 h on extended hours 08:00–20:00 UTC. Created 09:00: due 13:00.
  const HEAD =
    'Summary,Issue key,Issue id,Issue Type,Status,Priority,Resolution,Assignee Id,Reporter Id,Created,Updated,Resolved,Comment\n';
  const jira = (comment: string) =>
    audit([
      'tickets',
      write(
        'jira.csv',
        HEAD + `Outage,DI-1,1,Bug,In Progress,High,,agent-1,cust-1,05/Oct/26 9:00 AM,05/Oct/26 9:20 AM,,${comment}\n`,
      ),
      '--preset',
      'jira',
      '--input-tz',
      'UTC',
      '--vendor-agent',
      'agent-1',
      '--policy',
      'connectsoft',
      '--tier',
      'premium',
    ]);

  it('says nothing of whether it is internal: an agent comment in time is no met first response', async () => {
    const { ticket, summary, warning } = await jira('05/Oct/26 9:20 AM;agent-1;internal: do not reply yet');
    expect(ticket.firstResponse.status).toBe('not-measured');
    expect(summary).toMatchObject({ met: 0, notMeasured: 1 });
    expect(warning('EVENTS_VISIBILITY_UNKNOWN')!.args).toMatchObject({ comments: 1 });
    expect(warning('TICKETS_NOT_MEASURED')!.args).toMatchObject({ metrics: ['firstResponse:visibility'], counts: [1] });
  });

  it('a comment after the due time is late whichever it was', async () => {
    const { ticket } = await jira('05/Oct/26 1:30 PM;agent-1;looking into it');
    expect(ticket.firstResponse).toMatchObject({ status: 'breached', dueAt: '2026-10-05T13:00:00Z' });
  });
});
