import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueText } from '../../src/adapters/render/format-issues.js';
import { EVENT_PRESETS } from '../../src/adapters/ingest/event-mapping.js';
import { readEvents } from '../../src/adapters/ingest/read-events.js';
import { VendorAgents } from '../../src/adapters/ingest/vendor-agents.js';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// fixtures/policies/pause-test.yaml: Mon–Fri 09:00–17:00 UTC, first response 4 h, resolution 8 h; 2026-10-05 is a Monday.
const policy = ['--policy', 'fixtures/policies/pause-test.yaml', '--tier', 't', '--month', '2026-10'];
const dir = mkdtempSync(join(tmpdir(), 'sla-event-maps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Round the clock: first response 4 h, each wait on a customer's message 24 h, an update every 8 h.
writeFileSync(
  join(dir, 'cadence.yaml'),
  'version: sla-policy/v1\nid: cadence\nname: Cadence test\ncurrency: EUR\nbillingZone: UTC\npriorities:\n  P1: { name: Urgent, aliases: [urgent] }\n' +
    'tiers:\n  t:\n    calendar: 24x7\n    targets:\n      P1: { firstResponse: 4h, ongoingResponse: 24h, updateCadence: 8h }\n',
);

describe('an events: block in --map', () => {
  it('reads a semicolon export with day-first local times, French yes/no for "private", and kinds of its own', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/events/followups-tickets.csv',
        '--events',
        'fixtures/events/followups.csv',
        '--map',
        'fixtures/events/followups-map.yaml',
        '--vendor-agent',
        '@vendor.example',
        ...policy,
        '--as-of',
        '2026-10-06T12:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    const t = report.tickets[0];
    // Created 09:00+02:00 = 07:00Z, before office hours: the clock starts at 09:00Z. The 12:00 Paris note is private;
    // the 14:30 Paris (CEST, +02:00) reply = 12:30Z is the first response, 3.5 h of covered time.
    expect(t).toMatchObject({
      id: 'GL-1',
      createdAt: '2026-10-05T07:00:00Z',
      firstResponseFrom: 'fixtures/events/followups.csv:4',
      firstResponse: { respondedAt: '2026-10-05T12:30:00Z', elapsedSeconds: 12600, status: 'met' },
    });
    // Waiting on the customer from 15:00 Paris = 13:00Z Monday to 10:00 Paris = 08:00Z Tuesday: 4 h counted Monday,
    // the other 4 h from Tuesday 09:00Z → due 13:00Z.
    expect(t.resolution).toMatchObject({ dueAt: '2026-10-06T13:00:00Z', status: 'pending' });
    expect(report.warnings.find((w: { code: string }) => w.code === 'EVENTS_READ').message).toBe(
      '4 event(s) read from 6 record(s) (fixtures/events/followups-map.yaml (events)); passed over: 1 record(s) of other kinds, 1 internal note(s)',
    );
  });

  it('a column the events block names that the export does not have is an error naming the columns there are', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/events/followups-tickets.csv',
        '--events',
        'fixtures/events/events.csv',
        '--map',
        'fixtures/events/followups-map.yaml',
        '--vendor-agent',
        '@vendor.example',
        ...policy,
        '--as-of',
        '2026-10-06T12:00:00Z',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'fixtures/events/events.csv:1: fixtures/events/followups-map.yaml (events): events.columns.ticket_id: "Ticket" matches nothing in this file (got "ticket_id", "at", "author", "public", "type", "status")',
    );
  });
});

/** Zendesk tickets with the metric events fixture, on the cadence policy, as the JSON report. */
async function withMetricEvents(ticketsFile: string) {
  const r = await runCli(
    ['tickets', ticketsFile, '--preset', 'zendesk', '--events', 'fixtures/events/zendesk-metric-events.json'].concat(
      ['--preset', 'zendesk-metric-events', '--input-tz', 'UTC', '--policy', join(dir, 'cadence.yaml'), '--tier', 't'],
      ['--month', '2026-10', '--as-of', '2026-10-06T12:00:00Z', '--format', 'json'],
    ),
    { cwd: ROOT },
  );
  expect(r.code).toBe(0);
  return parseReport(r.stdout);
}

describe('Zendesk event presets', () => {
  it('zendesk-metric-events: a fulfilled reply time is an agent reply, an activation a customer message; other metrics pass', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/events/zendesk-tickets.json',
        '--preset',
        'zendesk',
        '--events',
        'fixtures/events/zendesk-metric-events.json',
        '--preset',
        'zendesk-metric-events',
        ...policy,
        '--as-of',
        '2026-10-06T12:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    // Created Monday 09:00Z; the first fulfilment at 11:15Z is 2.25 h of covered time.
    expect(report.tickets[0]).toMatchObject({
      id: '155',
      firstResponseFrom: 'fixtures/events/zendesk-metric-events.json:6',
      firstResponse: { respondedAt: '2026-10-05T11:15:00Z', elapsedSeconds: 8100, status: 'met' },
    });
    expect(report.warnings.find((w: { code: string }) => w.code === 'EVENTS_READ').message).toBe(
      '4 event(s) read from 7 record(s) (zendesk-metric-events); passed over: 3 record(s) of other kinds',
    );
  });

  it('zendesk-metric-events: update cadence is not measured, said why — reply-time fulfilments are answers only, not every update', async () => {
    const ticketsFile = join(dir, 'zd-cadence.csv');
    writeFileSync(ticketsFile, 'id,created_at,priority,status\n155,2026-10-05 09:00:00,urgent,open\n');
    const report = await withMetricEvents(ticketsFile);
    // First reply 11:15 (2 h 15 min of 4 h) and the 12:00 message answered Tuesday 10:00 (22 h of 24 h) stand.
    expect(report.tickets[0]).toMatchObject({
      status: 'not-measured',
      firstResponse: { status: 'met' },
      ongoingResponse: { status: 'met' },
      updateCadence: { status: 'not-measured' },
    });
    expect(report.warnings.find((w: { code: string }) => w.code === 'TICKETS_NOT_MEASURED').args).toMatchObject({
      metrics: ['updateCadence:answers'],
      counts: [1],
    });
  });

  it('zendesk-metric-events: a ticket with none is one the export does not cover — not measured, not unanswered', async () => {
    const ticketsFile = join(dir, 'zd-uncovered.csv');
    writeFileSync(
      ticketsFile,
      'id,created_at,priority,status\n155,2026-10-05 09:00:00,urgent,open\n156,2026-10-05 09:00:00,urgent,open\n',
    );
    const report = await withMetricEvents(ticketsFile);
    // 156 has no reply-time activation, which every Zendesk ticket gets at its creation: it was not exported.
    expect(report.tickets[1]).toMatchObject({ id: '156', firstResponse: { status: 'not-measured' } });
    expect(report.tickets[0]).toMatchObject({ id: '155', firstResponse: { status: 'met' } });
    expect(report.warnings.find((w: { code: string }) => w.code === 'EVENTS_NONE_FOR_TICKET').args).toEqual({
      tickets: 1,
      ids: ['156'],
      uncovered: true,
    });
  });

  it("zendesk-audits: each audit's child events, with the audit's time and ticket; a private comment is no reply", async () => {
    const read = await readEvents(
      { files: ['fixtures/events/zendesk-audits__go-zendesk.json'], mapping: EVENT_PRESETS.get('zendesk-audits')! },
      { inputTz: null, agents: new VendorAgents([]), skipInvalid: false, cwd: ROOT },
    );
    expect(read.issues).toEqual([]);
    expect(read.index.take('666')).toEqual([
      {
        at: Date.parse('2011-09-25T22:35:44Z'),
        actor: 'vendor',
        type: 'status',
        status: 'open',
        source: 'fixtures/events/zendesk-audits__go-zendesk.json:3',
      },
    ]);
    expect(issueText(read.warnings[0]!)).toBe(
      '1 event(s) read from 2 record(s) (zendesk-audits); passed over: 1 internal note(s)',
    );
  });
});
