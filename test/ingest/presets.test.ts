import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueText } from '../../src/adapters/render/format-issues.js';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { CANONICAL, type TicketMapping } from '../../src/adapters/ingest/mapping.js';
import { TICKET_PRESETS } from '../../src/adapters/ingest/presets.js';
import { readTickets } from '../../src/adapters/ingest/read-tickets.js';
import { ROOT } from '../support/run-cli.js';

const sample = (name: string) => join(ROOT, 'fixtures/samples', name);
const read = (
  file: string,
  policyId: string,
  preset: string,
  opts: { inputTz?: string; priorities?: Record<string, string> } = {},
) => {
  const base = TICKET_PRESETS.get(preset)!;
  const mapping: TicketMapping = opts.priorities
    ? { ...base, priorities: new Map(Object.entries(opts.priorities)) }
    : base;
  return readTickets([sample(file)], {
    mapping,
    inputTz: opts.inputTz ?? null,
    policy: resolvePolicy(policyId),
    skipInvalid: false,
  });
};
const iso = (t: number | null | undefined) => (t == null ? t : new Date(t).toISOString());

describe('zendesk preset on real exports', () => {
  it('reads the Fivetran ticket table (UTC without offset); an unmapped "urgent" is an error naming its line', async () => {
    const bad = await read('fivetran_dbt_zendesk__ticket_data.csv', 'websoft9', 'zendesk');
    expect(bad.issues.map((i) => [i.code, i.line])).toEqual([['INPUT_UNKNOWN_PRIORITY', 5]]);
    expect(bad.issues[0]!.hint).toContain('--map');
    const r = await read('fivetran_dbt_zendesk__ticket_data.csv', 'websoft9', 'zendesk', {
      priorities: { urgent: 'high' },
    });
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(10);
    expect(r.tickets[0]).toMatchObject({
      id: '1595',
      rawPriority: null,
      priority: 'general',
      status: 'deleted',
      firstResponseAt: undefined,
    });
    expect(iso(r.tickets[0]!.createdAt)).toBe('2020-02-19T01:54:52.000Z');
    expect(r.warnings.map((w) => w.code)).toContain('FIRST_RESPONSE_NOT_MEASURED');
  });

  it('never guesses the zone of a UI export: its naive times need --input-tz, and the error says which zone Zendesk wrote', async () => {
    const none = await read('zendesk-ui__tickets_excerpt.csv', 'connectsoft', 'zendesk');
    expect(none.tickets).toEqual([]);
    expect(none.issues[0]).toMatchObject({
      code: 'INPUT_TIMESTAMP_NO_OFFSET',
      line: 2,
      args: { field: 'created_at' },
    });
    expect(issueText(none.issues[0]!)).toBe('created_at: timestamp has no UTC offset');
    expect(none.issues[0]!.hint).toContain("Zendesk UI and Explore exports write times in the account's time zone");
    // Every naive time of every row is refused: not one read as UTC.
    expect(none.issues.every((i) => i.code === 'INPUT_TIMESTAMP_NO_OFFSET')).toBe(true);
  });

  it('reads the UI export in the account zone given (Asia/Kolkata, +05:30); "1900-01-01 00:00:00" is "not solved"', async () => {
    const r = await read('zendesk-ui__tickets_excerpt.csv', 'connectsoft', 'zendesk', { inputTz: 'Asia/Kolkata' });
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(12);
    // Line 2: "Created at" 2023-04-15 20:52:00 IST − 5:30 = 15:22 UTC; "Solved at" 2023-06-21 16:30:00 IST = 11:00 UTC.
    expect(r.tickets[0]).toMatchObject({ id: '700101', rawPriority: 'Low', priority: 'low', status: 'Solved' });
    expect(iso(r.tickets[0]!.createdAt)).toBe('2023-04-15T15:22:00.000Z');
    expect(iso(r.tickets[0]!.resolvedAt)).toBe('2023-06-21T11:00:00.000Z');
    // Line 5: 2023-04-20 11:03:00 IST = 05:33 UTC.
    expect(iso(r.tickets[3]!.createdAt)).toBe('2023-04-20T05:33:00.000Z');
    // Line 13: on hold, "Solved at" written as 1900-01-01 00:00:00 — unresolved, not an error.
    expect(r.tickets[11]).toMatchObject({ id: '700508', status: 'Hold', resolvedAt: null });
    // Only the helpdesk's business-hours figure is there, never used as ours: first response is not measured,
    // and the figure is kept beside ours for reconciliation (line 2: 173 business minutes).
    expect(r.tickets[0]!.firstResponseAt).toBeUndefined();
    expect(r.tickets[0]!.vendorReported).toEqual({ firstResponseBusinessMinutes: 173 });
    expect(r.warnings.map((w) => w.code)).toContain('FIRST_RESPONSE_NOT_MEASURED');
  });

  it('reads the recorded incremental export ({"tickets": […]}, 87 tickets)', async () => {
    const r = await read('zenpy__incremental_tickets_start_time0_response_body.json', 'websoft9', 'zendesk');
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(87);
    expect(r.tickets[0]).toMatchObject({ id: '28', rawPriority: null, priority: 'general' });
    expect(iso(r.tickets[0]!.createdAt)).toBe('2023-09-18T15:57:42.000Z');
    expect(new Set(r.tickets.map((t) => t.priority))).toEqual(new Set(['general', 'high']));
  });

  it('reads the recorded tickets API list', async () => {
    const r = await read('go-zendesk__GET_tickets.json', 'websoft9', 'zendesk');
    expect(r.issues).toEqual([]);
    expect(r.tickets.map((t) => t.id)).toContain('2');
    expect(iso(r.tickets.find((t) => t.id === '2')!.createdAt)).toBe('2019-06-03T02:23:47.000Z');
  });
});

describe('jira preset on real exports', () => {
  it('reads the English export (dd/MMM/yy h:mm a) in the given zone', async () => {
    const r = await read('Sudipta2604_jira__Jira_cloud_en.csv', 'connectsoft', 'jira', { inputTz: 'Asia/Kolkata' });
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(26);
    expect(r.tickets[0]).toMatchObject({ id: 'RR-88', priority: 'medium', status: 'To Do', resolvedAt: null });
    expect(iso(r.tickets[0]!.createdAt)).toBe('2021-09-07T00:58:00.000Z'); // 06:28 IST
    expect(r.tickets.filter((t) => t.resolvedAt !== null).length).toBe(13);
  });

  it('reads the Spanish JSM export (localised headers, "jul" months)', async () => {
    const r = await read('diegodev23-os_it-helpdesk-simulation__Jira_JSM_es.csv', 'connectsoft', 'jira', {
      inputTz: 'Europe/Madrid',
    });
    expect(r.issues).toEqual([]);
    expect(r.tickets.map((t) => t.id)).toEqual(['IHS-5', 'IHS-4', 'IHS-3']);
    expect(iso(r.tickets[0]!.createdAt)).toBe('2026-07-18T07:10:00.000Z'); // 09:10 CEST
    // JSM's own "Time to first response" SLA field, kept as exported beside ours, never read as an instant or a duration.
    expect(r.tickets[0]!.vendorReported).toEqual({ firstResponseStatus: '2:18' });
  });

  it('without --input-tz says so for every row', async () => {
    const r = await read('diegodev23-os_it-helpdesk-simulation__Jira_JSM_es.csv', 'connectsoft', 'jira');
    expect(r.issues.map((i) => i.code)).toEqual([
      'INPUT_TIMESTAMP_NO_OFFSET',
      'INPUT_TIMESTAMP_NO_OFFSET',
      'INPUT_TIMESTAMP_NO_OFFSET',
    ]);
    expect(r.issues[0]!.hint).toContain('--input-tz');
  });
});

describe('freshdesk preset on real exports', () => {
  it('reads DD/MM/YYYY dates and takes "Initial response time" as the first response', async () => {
    const r = await read('zyn10_Freshdesk-Ticket-Insights__tickets-February-04-2025.csv', 'connectsoft', 'freshdesk', {
      inputTz: 'Europe/London',
    });
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(21);
    const t = r.tickets.find((x) => x.id === '19497')!;
    expect(t).toMatchObject({ priority: 'low', status: 'Waiting on Customer' });
    expect(iso(t.createdAt)).toBe('2025-01-14T13:26:00.000Z');
    expect(iso(t.firstResponseAt)).toBe('2025-01-14T15:31:00.000Z');
    expect(r.tickets.find((x) => x.id === '19381')!.firstResponseAt).toBeNull();
    // "25/01/2025 1:30": an hour without its leading zero, as the real export writes it.
    expect(iso(r.tickets.find((x) => x.id === '19825')!.createdAt)).toBe('2025-01-25T01:30:00.000Z');
    expect(r.warnings.map((w) => w.code)).not.toContain('FIRST_RESPONSE_NOT_MEASURED');
  });

  it("keeps Freshdesk's own first-response time and verdict beside ours (vendorReported), never as ours", async () => {
    const r = await read('zyn10_Freshdesk-Ticket-Insights__tickets-February-04-2025.csv', 'connectsoft', 'freshdesk', {
      inputTz: 'Europe/London',
    });
    const byId = (id: string) => r.tickets.find((x) => x.id === id)!;
    // "2:05:11" = 7 511 s; "19:10:03" = 69 003 s; "64:00:00" = 230 400 s (more than a day: the helpdesk's business clock).
    expect(byId('19497').vendorReported).toEqual({ firstResponseSeconds: 7511, firstResponseStatus: 'Within SLA' });
    expect(byId('19750').vendorReported).toEqual({ firstResponseSeconds: 69003, firstResponseStatus: 'SLA Violated' });
    expect(byId('19523').vendorReported).toEqual({ firstResponseSeconds: 230400, firstResponseStatus: 'Within SLA' });
    // Unanswered: the export's "0:00:00" and empty status are no figure at all.
    expect(byId('19381').vendorReported).toBeUndefined();
  });

  it('reads the reduced export (YYYY-MM-DD HH:MM:SS) and warns once that first response is not measured', async () => {
    const r = await read('NavyaDornala1516_devrev2ndproject__freshdesk_tickets.csv', 'connectsoft', 'freshdesk', {
      inputTz: 'UTC',
    });
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(45);
    expect(r.warnings.filter((w) => w.code === 'FIRST_RESPONSE_NOT_MEASURED')).toHaveLength(1);
  });

  it('reads API v2 JSON: priority 1 is Low, offsets are kept', async () => {
    const r = await read('python-freshdesk__v2_all_tickets.json', 'connectsoft', 'freshdesk');
    expect(r.issues).toEqual([]);
    expect(r.tickets[0]).toMatchObject({ id: '1', rawPriority: 'Low', priority: 'low' });
    expect(iso(r.tickets[0]!.createdAt)).toBe('2014-12-31T02:27:09.000Z');
  });
});

describe('servicenow presets on real exports', () => {
  it('reads the recorded Table API response; "5" needs a mapping', async () => {
    const bad = await read('asankakochasoft_servicenow-sample-data__inc.json', 'olt-ems', 'servicenow', {
      inputTz: 'UTC',
    });
    expect(bad.issues.length).toBeGreaterThan(0);
    expect(new Set(bad.issues.map((i) => i.code))).toEqual(new Set(['INPUT_UNKNOWN_PRIORITY']));
    const r = await read('asankakochasoft_servicenow-sample-data__inc.json', 'olt-ems', 'servicenow', {
      inputTz: 'UTC',
      priorities: { '5': 'P4' },
    });
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(67);
    const t = r.tickets.find((x) => x.id === 'INC0000060')!;
    // The state is a code: 7 is read as its word.
    expect(t).toMatchObject({ priority: 'P3', status: 'Closed' });
    expect(iso(t.createdAt)).toBe('2016-12-12T15:19:57.000Z');
    expect(iso(t.resolvedAt)).toBe('2016-12-13T21:43:14.000Z');
  });

  it('reads the list CSV ("1 - Critical" matches the alias "1")', async () => {
    const r = await read('priya-roy_snow-assignment-group-predict__incident.csv', 'olt-ems', 'servicenow', {
      inputTz: 'UTC',
      priorities: { '5 - planning': 'P4' },
    });
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(66);
    expect(r.tickets.find((t) => t.id === 'INC0009005')).toMatchObject({ rawPriority: '1 - Critical', priority: 'P1' });
  });

  it('reads the JSONv2 export ({"records": [...]}), whose two incidents share a number', async () => {
    // The real export has two different incidents (different sys_id) numbered INC0010001.
    const r = await read('yilmazetl_sn__incident_JSONv2.json', 'olt-ems', 'servicenow', {
      inputTz: 'UTC',
      priorities: { '5': 'P4' },
    });
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['INPUT_DUPLICATE_ID', 1]]);
    expect(r.issues[0]!.col).toBeGreaterThan(1000); // one line of JSON: the column finds the record
    expect(r.issues[0]!.args).toMatchObject({ id: 'INC0010001' });
    const bySysId = await readTickets([sample('yilmazetl_sn__incident_JSONv2.json')], {
      mapping: {
        ...TICKET_PRESETS.get('servicenow')!,
        columns: { ...TICKET_PRESETS.get('servicenow')!.columns, id: ['sys_id'] },
        priorities: new Map([['5', 'P4']]),
      },
      inputTz: 'UTC',
      policy: resolvePolicy('olt-ems'),
      skipInvalid: false,
    });
    expect(bySysId.issues).toEqual([]);
    expect(bySysId.tickets).toHaveLength(70);
  });

  it('reads the incident event log: last row of each incident wins, "?" is empty', async () => {
    const r = await read(
      'chinthan11shah_Incident-Management-System__incident_event_log_head300.csv',
      'olt-ems',
      'servicenow-event-log',
      { inputTz: 'UTC' },
    );
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(49);
    expect(r.rows).toEqual({ read: 300, skipped: 0, superseded: 251, filtered: 0 });
    const t = r.tickets.find((x) => x.id === 'INC0000045')!;
    expect(iso(t.createdAt)).toBe('2016-02-29T01:16:00.000Z');
    expect(iso(t.resolvedAt)).toBe('2016-02-29T11:29:00.000Z');
    // A spreadsheet re-saved it: day first, zero-padded ("01-03-2016 09:52" is 1 March, not 3 January).
    expect(iso(r.tickets.find((x) => x.id === 'INC0000047')!.resolvedAt)).toBe('2016-03-01T09:52:00.000Z');
    // No first-response column, and the warning names the export that would give one.
    expect(t.firstResponseAt).toBeUndefined();
    expect(r.warnings.find((w) => w.code === 'FIRST_RESPONSE_NOT_MEASURED')!.hint).toContain('sys_journal_field');
  });

  it('the canonical mapping names the columns it looked for', async () => {
    const r = await readTickets([sample('priya-roy_snow-assignment-group-predict__incident.csv')], {
      mapping: CANONICAL,
      inputTz: 'UTC',
      policy: resolvePolicy('olt-ems'),
      skipInvalid: false,
    });
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ['INPUT_MISSING_COLUMN', 1],
      ['INPUT_MISSING_COLUMN', 1],
    ]);
    expect(r.issues[0]!.hint).toContain('--preset');
  });
});

describe('jira preset on a REST issue list (fixtures/samples/apache_incubator-devlake__jira_issue_EE-19.json)', () => {
  it('reads key and fields.* through their paths, with the offsets Jira writes (+0800) and milliseconds', async () => {
    const r = await read('apache_incubator-devlake__jira_issue_EE-19.json', 'connectsoft', 'jira');
    expect(r.issues).toEqual([]);
    expect(r.tickets).toHaveLength(1);
    // "created": "2020-06-12T08:28:00.241+0800" = 00:28:00.241Z; "resolutiondate": "2020-06-18T16:34:11.117+0800" = 08:34:11.117Z.
    expect(r.tickets[0]).toMatchObject({ id: 'EE-19', rawPriority: 'Medium', priority: 'medium', status: '已完成' });
    expect(iso(r.tickets[0]!.createdAt)).toBe('2020-06-12T00:28:00.241Z');
    expect(iso(r.tickets[0]!.resolvedAt)).toBe('2020-06-18T08:34:11.117Z');
    // "updated" is not the resolution; no first-response field: not measured.
    expect(r.tickets[0]!.firstResponseAt).toBeUndefined();
  });
});

describe("helpdesk priority scales onto a policy's priorities", () => {
  it("reads the Zendesk UI export's Low as P4 of sma-opcon's four (Priority 1–4) — by place on Zendesk's four-level scale — and says so", async () => {
    const r = await read('zendesk-ui__tickets_excerpt.csv', 'sma-opcon', 'zendesk', { inputTz: 'Asia/Kolkata' });
    expect(r.issues).toEqual([]);
    expect(new Set(r.tickets.map((t) => [t.rawPriority, t.priority].join(' → ')))).toEqual(new Set(['Low → P4']));
    const w = r.warnings.find((x) => x.code === 'PRIORITY_BY_SCALE')!;
    expect(issueText(w)).toBe(
      `priorities read by their place on the helpdesk's scale: "Low" → P4 (level 4 of 4 on Zendesk's scale); map them with --map priorities to decide otherwise`,
    );
  });

  it("does not stretch a scale of another length: Zendesk's four levels onto websoft9's two is an error naming the scale", async () => {
    const r = await read('zendesk-ui__tickets_excerpt.csv', 'websoft9', 'zendesk', { inputTz: 'Asia/Kolkata' });
    expect(r.issues[0]).toMatchObject({ code: 'INPUT_UNKNOWN_PRIORITY', line: 2 });
    expect(issueText(r.issues[0]!)).toBe(
      `priority: "Low" is not a priority of policy websoft9 (it is on Zendesk (urgent, high, normal, low), which does not have the policy's 2 levels)`,
    );
  });

  it("a Jira export's Medium is not read on another helpdesk's scale: Jira has five levels, sma-opcon four", async () => {
    const r = await read('apache_incubator-devlake__jira_issue_EE-19.json', 'sma-opcon', 'jira');
    expect(issueText(r.issues[0]!)).toContain(
      '"Medium" is not a priority of policy sma-opcon (it is on Jira (highest, high, medium, low, lowest), which does not have the policy\'s 4 levels)',
    );
  });
});
