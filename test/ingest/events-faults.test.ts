import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// Events that could give a wrong first response: each is an error or not-measured, never a silent "breached".
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const POLICY = join(ROOT, 'fixtures/policies/pause-test.yaml');
const ARGS = [
  '--policy',
  POLICY,
  '--tier',
  't',
  '--month',
  '2026-10',
  '--as-of',
  '2026-10-06T12:00:00Z',
  '--format',
  'json',
];
const TICKETS = write(
  'tickets.csv',
  'id,created_at,priority\nT-1,2026-10-05T09:00:00Z,P1\nT-2,2026-10-05T09:00:00Z,P1\n',
);
const run = (args: string[]) => runCli([...args, ...ARGS], { cwd: dir });

describe('an event export that cannot tell a first response', () => {
  it('status changes alone (ServiceNow sys_audit): first response not measured; the pauses still apply', async () => {
    const snow = write(
      'incidents.json',
      // resolved_at empty: not resolved yet (a Table API record has the field; without it resolution is not measured).
      JSON.stringify({
        result: [{ number: 'INC1', sys_id: 'a1', opened_at: '2026-10-05 09:00:00', priority: '1', resolved_at: '' }],
      }),
    );
    const audit = write(
      'sys_audit.json',
      JSON.stringify({
        result: [
          {
            documentkey: 'a1',
            tablename: 'incident',
            fieldname: 'state',
            oldvalue: '2',
            newvalue: '3',
            sys_created_on: '2026-10-05 10:00:00',
            user: 'agent.one',
          },
          {
            documentkey: 'a1',
            tablename: 'incident',
            fieldname: 'priority',
            oldvalue: '2',
            newvalue: '1',
            sys_created_on: '2026-10-05 10:30:00',
            user: 'agent.one',
          },
          {
            documentkey: 'a1',
            tablename: 'incident',
            fieldname: 'state',
            oldvalue: '3',
            newvalue: '2',
            sys_created_on: '2026-10-05 12:00:00',
            user: 'agent.one',
          },
        ],
      }),
    );
    const map = write(
      'snow-pause.yaml',
      'priorities: { "1": P1 }\nevents:\n  statuses: { "3": on-hold, "2": in-progress }\n',
    );
    const r = await run([
      'tickets',
      snow,
      '--preset',
      'servicenow',
      '--events',
      audit,
      '--preset',
      'servicenow-audit',
      '--map',
      map,
      '--input-tz',
      'UTC',
      '--vendor-agent',
      'agent.one',
    ]);
    expect(r.code).toBe(0);
    const t = parseReport(r.stdout).tickets[0];
    expect(t.firstResponse.status).toBe('not-measured');
    // On hold 10:00–12:00: the 8 h resolution from Monday 09:00 falls due Tuesday 11:00 (6 h Monday, 2 h Tuesday).
    expect(t.resolution).toMatchObject({ dueAt: '2026-10-06T11:00:00Z', status: 'breached' });
    expect(r.stderr).toContain(
      '2 event(s) read from 3 record(s) (snow-pause.yaml (events)); passed over: 1 change(s) of other fields',
    );
  });

  it('events that join no ticket are an error, not a month of unanswered tickets', async () => {
    const ev = write('nojoin.csv', 'ticket_id,at,actor\nX-1,2026-10-05T10:00:00Z,vendor\n');
    const r = await run(['tickets', TICKETS, '--events', ev]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'nojoin.csv: no ticket id of the ticket exports appears in the event export (it names tickets "X-1", …)',
    );
  });

  it('a filter on a field the export does not have is an error naming the field', async () => {
    const journal = write(
      'journal.csv',
      'element_id,sys_created_on,sys_created_by,value\na1,2026-10-05 10:00:00,agent.one,Hello\n',
    );
    const r = await run([
      'tickets',
      TICKETS,
      '--events',
      journal,
      '--preset',
      'servicenow-journal',
      '--input-tz',
      'UTC',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'journal.csv:1: servicenow-journal: events.where.element: the export has no such field, so every record would be passed over',
    );
  });

  it('a header-only event export fails even with --skip-invalid', async () => {
    const empty = write('empty-events.csv', 'ticket_id,at,actor\n');
    const r = await run(['tickets', TICKETS, '--events', empty, '--skip-invalid']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('empty-events.csv:1: the event export has no events');
  });

  it('with --skip-invalid, a ticket with an invalid event is skipped too — not audited on the events left', async () => {
    const ev = write(
      'one-bad.csv',
      'ticket_id,at,actor\nT-1,2026-10-05 10:00,vendor\nT-1,2026-10-05T16:00:00Z,vendor\nT-2,2026-10-05T10:00:00Z,vendor\n',
    );
    const r = await run(['tickets', TICKETS, '--events', ev, '--skip-invalid']);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.tickets.map((t: { id: string }) => t.id)).toEqual(['T-2']);
    expect(report.summary.rows).toMatchObject({ read: 2, skipped: 1 });
    expect(r.stderr).toContain('1 ticket row(s) and 1 event record(s) skipped (--skip-invalid) and not in any report');
    expect(r.stderr).toContain('one-bad.csv:2: skipped: event at: timestamp has no UTC offset');
    expect(r.stderr).toContain('tickets.csv:2: skipped: events: 1 event(s) of this ticket in one-bad.csv are invalid');
  });

  it('a JSON ticket id past 2^53 is an error, not a join with another ticket', async () => {
    const tickets = write('big.csv', 'id,created_at,priority\n9007199254740992,2026-10-05T09:00:00Z,P1\n');
    const ev = write('big.json', '[{"ticket_id": 9007199254740993, "at": "2026-10-05T10:00:00Z", "actor": "vendor"}]');
    const r = await run(['tickets', tickets, '--events', ev]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'big.json:1:2: event ticket_id: the ticket id is a JSON number too large to be read exactly',
    );
  });

  it("an author's user id past 2^53 is an error, not a match with the vendor's agent (…992 for …993)", async () => {
    const ev = write(
      'author.json',
      '[{"ticket_id": "T-1", "at": "2026-10-05T10:00:00Z", "author": 9007199254740993, "type": "reply"},' +
        '{"ticket_id": "T-2", "at": "2026-10-05T10:00:00Z", "author": {"id": 9007199254740993}, "type": "reply"}]',
    );
    const r = await run(['tickets', TICKETS, '--events', ev, '--vendor-agent', '9007199254740992']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'author.json:1:2: event author: the user id is a JSON number too large to be read exactly',
    );
    expect(r.stderr).toContain('author.json:1:');
    expect(r.stderr.match(/the user id is a JSON number too large/g)).toHaveLength(2);
  });
});

describe('events and the ticket creation', () => {
  it("a customer's message before the ticket is left out and counted; a vendor reply before it is an error", async () => {
    const early = write(
      'early.csv',
      'ticket_id,at,actor\nT-1,2026-10-05T08:00:00Z,customer\nT-1,2026-10-05T10:00:00Z,vendor\nT-2,2026-10-05T10:00:00Z,vendor\n',
    );
    const ok = await run(['tickets', TICKETS, '--events', early]);
    expect(ok.code).toBe(0);
    expect(parseReport(ok.stdout).tickets[0].firstResponse).toMatchObject({
      respondedAt: '2026-10-05T10:00:00Z',
      status: 'met',
    });
    expect(ok.stderr).toContain(
      "1 customer message(s) or status change(s) dated before their ticket's creation were not used",
    );
    const wrong = write(
      'wrong.csv',
      'ticket_id,at,actor\nT-1,2026-10-05T08:59:59Z,vendor\nT-2,2026-10-05T10:00:00Z,vendor\n',
    );
    const r = await run(['tickets', TICKETS, '--events', wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'tickets.csv:2: events: the vendor reply at wrong.csv:2 (2026-10-05T08:59:59.000Z) is before the ticket was created (2026-10-05T09:00:00.000Z)',
    );
  });
});

describe('nested and restricted events', () => {
  it('a Zendesk audit whose events is one object, not a list, still gives its event', async () => {
    const tickets = write(
      'zd.json',
      JSON.stringify({ tickets: [{ id: 7, created_at: '2026-10-05T09:00:00Z', priority: 'normal' }] }),
    );
    const audits = write(
      'audits.json',
      JSON.stringify({
        audits: [
          {
            ticket_id: 7,
            created_at: '2026-10-05T09:00:00Z',
            author_id: 1,
            events: [{ type: 'Comment', public: true }],
          },
          { ticket_id: 7, created_at: '2026-10-05T11:00:00Z', author_id: 2, events: { type: 'Comment', public: true } },
        ],
      }),
    );
    const r = await run([
      'tickets',
      tickets,
      '--preset',
      'zendesk',
      '--events',
      audits,
      '--preset',
      'zendesk-audits',
      '--vendor-agent',
      '2',
    ]);
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).tickets[0].firstResponse).toMatchObject({
      respondedAt: '2026-10-05T11:00:00Z',
      status: 'met',
    });
  });

  it('a Jira comment restricted to a role is internal: not the first response', async () => {
    const issues = write(
      'jira.json',
      JSON.stringify({
        issues: [
          {
            key: 'J-1',
            fields: {
              created: '2026-10-05T09:00:00.000+0000',
              priority: { name: 'P1' },
              comment: {
                comments: [
                  {
                    author: { accountId: 'agent' },
                    created: '2026-10-05T10:00:00.000+0000',
                    visibility: { type: 'role', value: 'Developers' },
                  },
                  { author: { accountId: 'agent' }, created: '2026-10-05T11:00:00.000+0000', jsdPublic: true },
                ],
              },
            },
          },
        ],
      }),
    );
    const r = await run(['tickets', issues, '--preset', 'jira', '--vendor-agent', 'agent']);
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).tickets[0].firstResponse).toMatchObject({ respondedAt: '2026-10-05T11:00:00Z' });
  });
});

describe('usage', () => {
  it('--events without tickets, and two event presets in one run, are usage errors', async () => {
    const ev = write('ev.csv', 'ticket_id,at,actor\nT-1,2026-10-05T10:00:00Z,vendor\n');
    const none = await runCli(['audit', '--uptime', ev, '--events', ev, ...ARGS], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--events are joined to tickets: give the ticket export too');
    // The ticket file after --events is taken for an event file: said, with where to put it.
    const swallowed = await run(['tickets', '--events', ev, TICKETS]);
    expect(swallowed.code).toBe(2);
    expect(swallowed.stderr).toContain(
      `(--events takes every file after it: ${ev}, ${TICKETS} — give the ticket files before --events)`,
    );
    const two = await run([
      'tickets',
      TICKETS,
      '--events',
      ev,
      '--preset',
      'servicenow-journal',
      '--preset',
      'servicenow-audit',
    ]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--preset: one event preset per run (got servicenow-journal and servicenow-audit)');
  });
});
