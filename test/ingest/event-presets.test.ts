import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// Real exports (fixtures/samples/README.md gives provenance and licence). Each: the command, three
// timestamps checked by hand with their zone, and the first-response status of named tickets.
const S = 'fixtures/samples/';
const run = async (args: string[]) => {
  const r = await runCli([...args, '--format', 'json'], { cwd: ROOT });
  expect(r.stderr).not.toMatch(/^error/m);
  const report = parseReport(r.stdout);
  const byId = Object.fromEntries(report.tickets.map((t: { id: string }) => [t.id, t]));
  return { report, byId, stderr: r.stderr };
};

describe('Jira REST search with comments and changelog (apache/incubator-devlake, Apache-2.0)', () => {
  const args = [
    'tickets',
    `${S}apache_incubator-devlake__jira_search_comments_changelog.json`,
    '--preset',
    'jira',
    '--policy',
    'connectsoft',
    '--tier',
    'premium',
    '--month',
    '2020-06',
    '--as-of',
    '2020-07-01T00:00:00Z',
  ];

  it('the first comment by a listed vendor agent is the first response; a ticket without one has none', async () => {
    const { byId } = await run([...args, '--vendor-agent', 'cad429efcf588675f3832dc7']);
    // EE-1 "created": "2020-06-12T08:13:13.360+0800" = 00:13:13.360Z; its comment "2020-06-17T13:04:03.848+0800" = 05:04:03.848Z.
    expect(byId['EE-1']).toMatchObject({
      createdAt: '2020-06-12T00:13:13.360Z',
      firstResponseFrom: `${S}apache_incubator-devlake__jira_search_comments_changelog.json:7`,
      firstResponse: { respondedAt: '2020-06-17T05:04:03.848Z', status: 'breached' },
    });
    // EE-24 comment "2020-06-12T15:17:28.700+0800" = 07:17:28.700Z, before the 1-business-day due time.
    expect(byId['EE-24']!.firstResponse).toMatchObject({ respondedAt: '2020-06-12T07:17:28.700Z', status: 'met' });
    // EE-5 has an empty comment list: no reply, breached at as-of.
    expect(byId['EE-5']!.firstResponse).toMatchObject({ respondedAt: null, status: 'breached' });
  });

  it('without vendor agents the comments cannot be attributed: not measured, and a warning says what to add', async () => {
    const { byId, report, stderr } = await run(args);
    expect(byId['EE-1']!.firstResponse.status).toBe('not-measured');
    const w = report.warnings.find((x: { code: string }) => x.code === 'EVENTS_UNATTRIBUTED');
    expect(w.message).toBe(
      '4 comment(s) in the ticket export say nothing of who wrote them: they are not read, and the first response is not taken from them',
    );
    // The not-measured warning names what would give the first response.
    expect(stderr).toMatch(
      /no first-response column: first response is not measured for these tickets — the first response is the first vendor comment: .*vendorAgents/,
    );
  });
});

describe('Jira Cloud CSV with "Comment" columns (altered excerpt; dates in the exporting profile zone)', () => {
  const args = (month: string) => [
    'tickets',
    `${S}jira-cloud-comments__excerpt.csv`,
    '--preset',
    'jira',
    '--input-tz',
    'America/New_York',
    '--vendor-agent',
    '712020:5c1d0e9a-7b3f-4e21-9d6a-0f8e2b4c6a11',
    '--policy',
    'connectsoft',
    '--tier',
    'premium',
    '--month',
    month,
    '--as-of',
    '2026-03-10T00:00:00Z',
  ];

  it('reads each "date;account id;body" cell as a comment, dated like the other columns', async () => {
    const { byId } = await run(args('2026-03'));
    // "04/Mar/26 3:51 PM" New York (EST, −05:00) = 20:51Z; the agent's comment "04/Mar/26 4:38 PM" = 21:38Z,
    // in time — but a CSV cell does not say whether it is internal: the first response is not measured.
    expect(byId['DI-123']).toMatchObject({
      createdAt: '2026-03-04T20:51:00Z',
      firstResponse: { respondedAt: null, status: 'not-measured' },
    });
    expect(byId['DI-123']!.firstResponseFrom).toBeUndefined();
    // DI-124 has empty Comment cells: no reply, and a day later it is past due.
    expect(byId['DI-124']!.firstResponse).toMatchObject({ respondedAt: null, status: 'breached' });
    // DI-111's only comment is by someone not listed as the vendor's: no vendor reply. "26/Feb/26 6:46 PM" EST = 23:46Z.
    const feb = await run(args('2026-02'));
    expect(feb.byId['DI-111']).toMatchObject({
      createdAt: '2026-02-26T23:46:00Z',
      firstResponse: { respondedAt: null, status: 'breached' },
    });
  });
});

describe('Freshdesk API v2 (sjkingo/python-freshdesk, BSD-2-Clause)', () => {
  it('conversations as events: the private note is no reply; the first public outgoing one is the first response', async () => {
    const { byId, report } = await run([
      'tickets',
      `${S}python-freshdesk__v2_all_tickets.json`,
      '--preset',
      'freshdesk',
      '--events',
      `${S}python-freshdesk__v2_conversations.json`,
      '--preset',
      'freshdesk-conversations',
      '--policy',
      'connectsoft',
      '--tier',
      'premium',
      '--month',
      '2014-12',
      '--as-of',
      '2017-01-01T00:00:00Z',
    ]);
    // Ticket 1 "2014-12-31T12:27:09+10:00" = 02:27:09Z; the note at 2016-05-19T05:36:12Z is private; the reply at 05:36:14Z is public and not incoming.
    expect(byId['1']).toMatchObject({
      createdAt: '2014-12-31T02:27:09Z',
      firstResponseFrom: `${S}python-freshdesk__v2_conversations.json:20`,
      firstResponse: { respondedAt: '2016-05-19T05:36:14Z', status: 'breached' },
    });
    expect(report.warnings.find((w: { code: string }) => w.code === 'EVENTS_READ').message).toBe(
      '1 event(s) read from 2 record(s) (freshdesk-conversations); passed over: 1 internal note(s)',
    );
  });

  it('one ticket fetched with include=stats: stats.first_responded_at is the first response, as exported', async () => {
    const { byId } = await run([
      'tickets',
      `${S}python-freshdesk__v2_ticket_1.json`,
      '--preset',
      'freshdesk',
      '--policy',
      'connectsoft',
      '--tier',
      'premium',
      '--month',
      '2016-05',
      '--as-of',
      '2021-01-01T00:00:00Z',
    ]);
    // "created_at": "2016-05-18T04:36:04Z"; "first_responded_at": "2020-06-17T20:23:43Z" (the fixture's stats are from a later ticket — as exported, it is years late).
    expect(byId['1']).toMatchObject({
      createdAt: '2016-05-18T04:36:04Z',
      firstResponse: { respondedAt: '2020-06-17T20:23:43Z', status: 'breached' },
    });
    expect(byId['1']!.firstResponseFrom).toBeUndefined();
  });
});

describe('ServiceNow XML unload of incidents and their journal (altered excerpt of a developer instance unload)', () => {
  const X = `${S}servicenow-unload-incident-journal__excerpt.xml`;
  const args = (month: string) => [
    'tickets',
    X,
    '--preset',
    'servicenow',
    '--events',
    X,
    '--preset',
    'servicenow-journal',
    '--input-tz',
    'UTC',
    '--vendor-agent',
    'agent.one',
    '--vendor-agent',
    'agent.two',
    '--vendor-agent',
    'agent.three',
    '--policy',
    'olt-ems',
    '--tier',
    'standard',
    '--month',
    month,
    '--as-of',
    '2025-01-01T00:00:00Z',
  ];

  it('joins sys_journal_field to the incident by sys_id; work notes are private; raw values are UTC', async () => {
    const dec = await run(args('2016-12'));
    // INC0000060 opened "2016-12-13 15:19:57" UTC; the caller's comment at opening; work notes at 17:01:24 and 17:57:00 are private;
    // agent.one's first additional comment "2016-12-13 16:30:49" is the first response.
    expect(dec.byId['INC0000060']).toMatchObject({
      createdAt: '2016-12-13T15:19:57Z',
      firstResponseFrom: `${X}:114`,
      firstResponse: { respondedAt: '2016-12-13T16:30:49Z', status: 'met' },
    });
    expect(dec.report.warnings.find((w: { code: string }) => w.code === 'EVENTS_READ').message).toBe(
      '13 event(s) read from 20 record(s) (servicenow-journal); passed over: 7 internal note(s)',
    );
    // INC0000047 "2024-03-06 20:53:18"; agent.three's comment "2024-03-06 21:06:35".
    const mar = await run(args('2024-03'));
    expect(mar.byId['INC0000047']!.firstResponse).toMatchObject({ respondedAt: '2024-03-06T21:06:35Z' });
    // INC0000017's only comment is by "admin", not a listed agent: no vendor reply.
    const aug = await run(args('2015-08'));
    expect(aug.byId['INC0000017']).toMatchObject({
      createdAt: '2015-08-13T23:41:00Z',
      firstResponse: { respondedAt: null, status: 'breached' },
    });
  });

  it('the unload is read with no zone guessed: without --input-tz it is an error saying ServiceNow writes raw values in UTC', async () => {
    const r = await runCli(
      [
        'tickets',
        X,
        '--preset',
        'servicenow',
        '--policy',
        'olt-ems',
        '--tier',
        'standard',
        '--month',
        '2016-12',
        '--as-of',
        '2025-01-01T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${X}:3:1: created_at: timestamp has no UTC offset`);
    expect(r.stderr).toContain('raw values are UTC');
  });
});

describe("the helpdesk's own figures beside ours (vendorReported), in every output", () => {
  const args = [
    'tickets',
    `${S}zyn10_Freshdesk-Ticket-Insights__tickets-February-04-2025.csv`,
    '--preset',
    'freshdesk',
    '--input-tz',
    'Europe/London',
    '--policy',
    'connectsoft',
    '--tier',
    'premium',
    '--month',
    '2025-01',
    '--as-of',
    '2025-02-10T00:00:00Z',
  ];

  it('CSV: appended columns, after the ones a spreadsheet already reads by place', async () => {
    const r = await runCli([...args, '--format', 'csv', '--csv', 'tickets'], { cwd: ROOT });
    const [head, ...rows] = r.stdout.trim().split(/\r?\n/);
    expect(head).toContain(
      ',reasons,first_response_from,vendor_first_response_business_minutes,vendor_first_response_seconds,vendor_first_response_status,update_cadence_target,',
    );
    expect(rows.find((l) => l.startsWith('19750,'))!.endsWith(',,,69003,SLA Violated,,,,,')).toBe(true);
  });

  it('explain: shown for comparison, not used', async () => {
    const r = await runCli(
      ['explain', '19750', '--tickets', ...args.slice(1, 2), ...args.slice(2), '--format', 'table'],
      { cwd: ROOT },
    );
    expect(r.stdout).toContain(
      'Helpdesk:  first response time 19:10:03, first response "SLA Violated", by its own count (shown for comparison, not used)',
    );
  });
});

describe('zendesk: the first reply from calendar minutes', () => {
  it('a UI export\'s "First reply time in minutes" (calendar) gives the first response; the business-hours figure stays the helpdesk\'s', async () => {
    // Shaped after the real UI export (fixtures/samples/zendesk-ui__tickets_excerpt.csv), whose account did not export the calendar column.
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-zd-'));
    try {
      writeFileSync(
        join(dir, 'zd.csv'),
        'Id,Priority,Created at,Solved at,First reply time in minutes,First reply time in minutes within business hours\n501,Normal,2026-10-05 10:00:00,,95,95\n502,Normal,2026-10-05 10:00:00,,,\n',
      );
      const r = await runCli(
        [
          'tickets',
          'zd.csv',
          '--preset',
          'zendesk',
          '--input-tz',
          'Asia/Kolkata',
          '--policy',
          'connectsoft',
          '--tier',
          'premium',
          '--month',
          '2026-10',
          '--as-of',
          '2026-10-07T00:00:00Z',
          '--format',
          'json',
        ],
        { cwd: dir },
      );
      const report = parseReport(r.stdout);
      // 10:00 IST = 04:30Z; + 95 min = 06:05Z. Ticket 502 has not been answered: none yet, past due.
      expect(report.tickets[0]).toMatchObject({
        createdAt: '2026-10-05T04:30:00Z',
        vendorReported: { firstResponseBusinessMinutes: 95 },
        firstResponse: { respondedAt: '2026-10-05T06:05:00Z' },
      });
      expect(report.tickets[1].firstResponse).toMatchObject({ respondedAt: null, status: 'breached' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an Airbyte Freshdesk sync in JSON lines (altered excerpt): record envelopes and a stream filter', () => {
  it('reads the tickets and the conversations of one file through record: data and where: {stream: …}', async () => {
    const F = `${S}airbyte-freshdesk__records_excerpt.jsonl`;
    const { byId, stderr } = await run([
      'tickets',
      F,
      '--preset',
      'freshdesk',
      '--map',
      'fixtures/events/airbyte-freshdesk-map.yaml',
      '--events',
      F,
      '--preset',
      'freshdesk-conversations',
      '--policy',
      'connectsoft',
      '--tier',
      'premium',
      '--month',
      '2022-11',
      '--as-of',
      '2022-12-01T00:00:00Z',
    ]);
    // Ticket 22: "created_at": "2022-11-23T16:03:17Z"; "stats.first_responded_at": "2022-11-23T16:16:58Z" (the column wins over the events, which agree).
    expect(byId['22']).toMatchObject({
      createdAt: '2022-11-23T16:03:17Z',
      firstResponse: { respondedAt: '2022-11-23T16:16:58Z', elapsedSeconds: 821, status: 'met' },
    });
    // Ticket 20 "2022-11-23T15:58:29Z": no first response in its stats, two business days later breached.
    expect(byId['20']).toMatchObject({
      createdAt: '2022-11-23T15:58:29Z',
      firstResponse: { respondedAt: null, status: 'breached' },
    });
    // Ticket 23 "2022-11-29T15:00:34Z": not yet due at as-of.
    expect(byId['23']!.firstResponse).toMatchObject({ respondedAt: null, status: 'pending' });
    expect(stderr).toContain('5 record(s) that are not tickets were passed over (where stream: tickets)');
    expect(stderr).toContain(
      '3 event(s) read from 10 record(s) (fixtures/events/airbyte-freshdesk-map.yaml (events)); passed over: 6 record(s) of other kinds, 1 internal note(s)',
    );
  });
});

describe("Jira's own first-response date, mapped in one line (its own format)", () => {
  it('"[CHART] Date of First Response" is read with its own format in the profile zone, and a column wins over comments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-chart-'));
    try {
      writeFileSync(
        join(dir, 'chart.yaml'),
        'columns:\n  first_response_at: { column: "Custom field ([CHART] Date of First Response)", format: "yyyy-MM-dd HH:mm:ss.SSS" }\n',
      );
      const r = await runCli(
        [
          'tickets',
          join(ROOT, `${S}jira-cloud-comments__excerpt.csv`),
          '--preset',
          'jira',
          '--map',
          'chart.yaml',
          '--input-tz',
          'America/New_York',
          '--policy',
          'connectsoft',
          '--tier',
          'premium',
          '--month',
          '2026-02',
          '--as-of',
          '2026-03-10T00:00:00Z',
          '--format',
          'json',
        ],
        { cwd: dir },
      );
      const t = parseReport(r.stdout).tickets[0];
      // DI-111: "2026-02-26 18:46:12.936" New York (EST) = 23:46:12.936Z — Jira counts any commenter but the reporter.
      expect(t).toMatchObject({
        id: 'DI-111',
        firstResponse: { respondedAt: '2026-02-26T23:46:12.936Z', status: 'met' },
      });
      expect(t.firstResponseFrom).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
