import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// SPEC 3.3: the comment that is a ticket's creation is never a response. A ticket an agent opened (phone,
// forwarded mail, on the requester's behalf) has an opening public comment by that agent: the first response
// is the next public vendor reply (Zendesk's own definition). Each export below is built in its real shape.
// fixtures/policies/office-test.yaml: Mon–Fri 09:00–17:00 UTC, first response 4 h, no pauses. 2026-10-05 is a Monday.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-opening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const POLICY = [
  '--policy',
  join(ROOT, 'fixtures/policies/office-test.yaml'),
  '--tier',
  't',
  '--month',
  '2026-10',
  '--as-of',
  '2026-10-06T12:00:00Z',
  '--format',
  'json',
];
const run = async (args: string[]) => {
  const r = await runCli([...args, ...POLICY], { cwd: dir });
  expect(r.stderr).not.toMatch(/^error/m);
  const report = parseReport(r.stdout);
  return { r, report, byId: new Map<string, any>(report.tickets.map((t: { id: string }) => [t.id, t])) };
};
const warning = (report: { warnings: Array<{ code: string; message: string }> }) =>
  report.warnings.find((w) => w.code === 'EVENTS_OPENED_BY_VENDOR')?.message;

describe('zendesk-audits: the Create audit of a ticket an agent opened', () => {
  // The shape of Zendesk's ticket audits (fixtures/events/zendesk-audits__go-zendesk.json, and the creation audit of
  // Zendesk's API documentation: its Comment beside the Create events of the fields set), one audit per line.
  const tickets = write(
    'zd-tickets.json',
    JSON.stringify({
      tickets: [
        {
          id: 201,
          created_at: '2026-10-05T09:00:00Z',
          priority: 'normal',
          status: 'open',
          requester_id: 500,
          submitter_id: 900,
          via: { channel: 'voice' },
        },
        {
          id: 202,
          created_at: '2026-10-05T09:00:00Z',
          priority: 'normal',
          status: 'open',
          requester_id: 501,
          submitter_id: 501,
          via: { channel: 'web' },
        },
      ],
    }),
  );
  const audit = (o: object) => JSON.stringify(o);
  const audits = write(
    'zd-audits.json',
    `{"audits": [
${audit({
  id: 1,
  ticket_id: 201,
  created_at: '2026-10-05T09:00:00Z',
  author_id: 900,
  via: { channel: 'voice' },
  events: [
    { id: 11, type: 'Comment', author_id: 900, body: 'Customer called: the export fails.', public: true },
    { id: 12, type: 'Create', field_name: 'status', value: 'new' },
    { id: 13, type: 'Create', field_name: 'subject', value: 'Export fails' },
  ],
})},
${audit({ id: 2, ticket_id: 201, created_at: '2026-10-05T10:30:00Z', author_id: 500, via: { channel: 'email' }, events: [{ id: 21, type: 'Comment', author_id: 500, body: 'Here is the log.', public: true }] })},
${audit({ id: 3, ticket_id: 201, created_at: '2026-10-05T14:00:00Z', author_id: 900, via: { channel: 'web' }, events: [{ id: 31, type: 'Comment', author_id: 900, body: 'Fixed in 4.2.', public: true }] })},
${audit({
  id: 4,
  ticket_id: 202,
  created_at: '2026-10-05T09:00:00Z',
  author_id: 501,
  via: { channel: 'web' },
  events: [
    { id: 41, type: 'Comment', author_id: 501, body: 'Login fails.', public: true },
    { id: 42, type: 'Create', field_name: 'status', value: 'new' },
  ],
})},
${audit({ id: 5, ticket_id: 202, created_at: '2026-10-05T11:00:00Z', author_id: 900, via: { channel: 'web' }, events: [{ id: 51, type: 'Comment', author_id: 900, body: 'Reset it for you.', public: true }] })}
]}
`,
  );

  it("the agent's opening comment is no reply: the next public agent comment is the first response", async () => {
    const { report, byId } = await run([
      'tickets',
      tickets,
      '--preset',
      'zendesk',
      '--events',
      audits,
      '--preset',
      'zendesk-audits',
      '--vendor-agent',
      '900',
    ]);
    // 201: opened by agent 900 at 09:00Z; its next public comment at 14:00Z is 5 h of office time, past the 4 h due at 13:00Z.
    // (Taken as the reply, the opening comment made it "met in 0 s".)
    expect(byId.get('201')).toMatchObject({
      firstResponseFrom: 'zd-audits.json:4',
      firstResponse: {
        respondedAt: '2026-10-05T14:00:00Z',
        dueAt: '2026-10-05T13:00:00Z',
        elapsedSeconds: 18000,
        status: 'breached',
      },
    });
    // 202: opened by its requester; the agent's comment at 11:00Z, 2 h later, is the first response, as before.
    expect(byId.get('202')).toMatchObject({
      firstResponseFrom: 'zd-audits.json:6',
      firstResponse: { respondedAt: '2026-10-05T11:00:00Z', elapsedSeconds: 7200, status: 'met' },
    });
    expect(warning(report)).toBe(
      `1 ticket(s) were opened by the vendor's agent ("201"): the vendor comment at each one's creation is its opening, not a response; the first response is the next public vendor reply`,
    );
  });
});

describe('servicenow-journal: the comment entered with the incident', () => {
  // The unload's shape (fixtures/samples/servicenow-unload-incident-journal__excerpt.xml). The agent opened the form at
  // 09:00:00 (opened_at) and saved it at 09:02:10 (sys_created_on), with an additional comment: the journal entry carries
  // the save's instant, not opened_at.
  const xml = write(
    'snow.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<unload unload_date="2026-10-07 10:00:00">
<incident action="INSERT_OR_UPDATE">
<number>INC0010001</number>
<opened_at>2026-10-05 09:00:00</opened_at>
<priority>3</priority>
<sys_created_on>2026-10-05 09:02:10</sys_created_on>
<sys_id>aaaabbbbccccddddeeeeffff00001111</sys_id>
</incident>
<sys_journal_field action="INSERT_OR_UPDATE">
<element>comments</element>
<element_id>aaaabbbbccccddddeeeeffff00001111</element_id>
<name>incident</name>
<sys_created_by>agent.one</sys_created_by>
<sys_created_on>2026-10-05 09:02:10</sys_created_on>
<value>Caller reports the VPN drops every hour.</value>
</sys_journal_field>
<sys_journal_field action="INSERT_OR_UPDATE">
<element>comments</element>
<element_id>aaaabbbbccccddddeeeeffff00001111</element_id>
<name>incident</name>
<sys_created_by>agent.one</sys_created_by>
<sys_created_on>2026-10-05 13:30:00</sys_created_on>
<value>New VPN profile pushed, please retry.</value>
</sys_journal_field>
</unload>
`,
  );
  write('snow-map.yaml', 'priorities: { "3": P1 }\n');

  it('the opening journal entry (at sys_created_on) is no reply; the next comment is, 4 h 30 min after opened_at', async () => {
    const { report, byId } = await run([
      'tickets',
      xml,
      '--preset',
      'servicenow',
      '--map',
      'snow-map.yaml',
      '--events',
      xml,
      '--preset',
      'servicenow-journal',
      '--input-tz',
      'UTC',
      '--vendor-agent',
      'agent.one',
    ]);
    // Due 09:00 + 4 h = 13:00Z; the reply at 13:30Z is 16 200 s of office time: breached. (Before: "met" at 09:02:10.)
    expect(byId.get('INC0010001')).toMatchObject({
      firstResponseFrom: 'snow.xml:18',
      firstResponse: { respondedAt: '2026-10-05T13:30:00Z', elapsedSeconds: 16200, status: 'breached' },
    });
    expect(warning(report)).toContain('1 ticket(s) were opened by the vendor\'s agent ("INC0010001")');
  });
});

describe("freshdesk-conversations: an outbound ticket's first conversation", () => {
  // Freshdesk API v2 conversations (fixtures/samples/python-freshdesk__v2_conversations.json); ticket 301 is an outbound
  // e-mail (source 10) the agent sent at its creation.
  const tickets = write('fd-tickets.csv', 'id,created_at,priority\n301,2026-10-05T09:00:00Z,P1\n');
  const conversations = write(
    'fd-conversations.json',
    `[
${JSON.stringify({ id: 1, ticket_id: 301, incoming: false, private: false, user_id: 900, source: 0, created_at: '2026-10-05T09:00:00Z', body_text: 'Your renewal is due.' })},
${JSON.stringify({ id: 2, ticket_id: 301, incoming: true, private: false, user_id: 500, source: 0, created_at: '2026-10-05T10:00:00Z', body_text: 'Which plan?' })},
${JSON.stringify({ id: 3, ticket_id: 301, incoming: false, private: false, user_id: 900, source: 0, created_at: '2026-10-05T15:00:00Z', body_text: 'The same as last year.' })}
]
`,
  );

  it('the outgoing message that created it is no reply; the one after the customer wrote is, 6 h later', async () => {
    const { byId } = await run(['tickets', tickets, '--events', conversations, '--preset', 'freshdesk-conversations']);
    // 09:00Z → 15:00Z is 21 600 s of office time, past the 13:00Z due time.
    expect(byId.get('301')).toMatchObject({
      firstResponseFrom: 'fd-conversations.json:4',
      firstResponse: { respondedAt: '2026-10-05T15:00:00Z', elapsedSeconds: 21600, status: 'breached' },
    });
  });
});

describe('canonical and mapped events: a vendor reply at the creation instant', () => {
  const tickets = write(
    'c-tickets.csv',
    'id,created_at,priority\nT-1,2026-10-05T09:00:00Z,P1\nT-2,2026-10-05T09:00:00Z,P1\n',
  );
  const events = write(
    'c-events.csv',
    'ticket_id,at,actor,type\nT-1,2026-10-05T09:00:00Z,vendor,reply\nT-1,2026-10-05T12:00:00Z,vendor,reply\nT-2,2026-10-05T09:00:01Z,vendor,reply\n',
  );

  it('is the opening; one a second later is a reply', async () => {
    const { report, byId } = await run(['tickets', tickets, '--events', events]);
    // T-1: the 09:00:00 reply is the opening; 12:00Z is 3 h = 10 800 s, met.
    expect(byId.get('T-1')).toMatchObject({
      firstResponseFrom: 'c-events.csv:3',
      firstResponse: { respondedAt: '2026-10-05T12:00:00Z', elapsedSeconds: 10800, status: 'met' },
    });
    // T-2: a reply one second after creation is a reply.
    expect(byId.get('T-2')).toMatchObject({
      firstResponseFrom: 'c-events.csv:4',
      firstResponse: { respondedAt: '2026-10-05T09:00:01Z', elapsedSeconds: 1, status: 'met' },
    });
    expect(warning(report)).toContain('1 ticket(s) were opened by the vendor\'s agent ("T-1")');
  });

  it('in the canonical events field of a ticket, the same; with nothing after the opening the ticket has no response', async () => {
    const f = write(
      'own.ndjson',
      `${JSON.stringify({
        id: 'N-1',
        created_at: '2026-10-05T09:00:00Z',
        priority: 'P1',
        events: [
          { at: '2026-10-05T09:00:00Z', actor: 'vendor', type: 'reply' },
          { at: '2026-10-05T09:20:00Z', actor: 'customer', type: 'reply' },
        ],
      })}\n`,
    );
    const { byId } = await run(['tickets', f]);
    // Due 13:00Z, as-of Tue 12:00Z: no vendor reply after the opening — breached, never "met in 0 s".
    expect(byId.get('N-1')).toMatchObject({ firstResponse: { respondedAt: null, status: 'breached' } });
    expect(byId.get('N-1').firstResponseFrom).toBeUndefined();
  });
});
