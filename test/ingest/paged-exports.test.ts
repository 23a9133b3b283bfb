import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// An API response that says it is one page of more — a Jira issue's comments cut at maxResults, a search or an
// incremental export with pages to follow — is never read as the whole: what the missing part may decide is
// not measured, and said.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-paged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, value: unknown) => (
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 1)),
  name
);

// 24x7, P1 (critical/urgent): first response 1 h, each wait 2 h, each silence 4 h, resolution 8 h. A pause status.
const POLICY = write(
  'policy.yaml',
  `version: sla-policy/v1
id: paged
name: Paged
currency: USD
billingZone: UTC
priorities:
  P1: { name: Critical, aliases: [critical, urgent, highest] }
  P2: { name: Normal, aliases: [normal, medium] }
defaultPriority: P2
tiers:
  all:
    calendar: 24x7
    targets:
      P1: { firstResponse: 1h, ongoingResponse: 2h, updateCadence: 4h, resolution: 8h }
      P2: { firstResponse: 4h, ongoingResponse: 8h, updateCadence: 8h, resolution: 2 calendar days }
  first:
    calendar: 24x7
    targets:
      P1: { firstResponse: 1h }
      P2: { firstResponse: 4h }
pauseStatuses: [pending]
credits:
  models:
    - { id: per, type: per-breach, percent: 5 }
`,
);
type Warning = { code: string; args: Record<string, unknown>; hint?: string };
const run = async (args: string[], tier = 'all', code = 0) => {
  const r = await runCli(
    [
      'tickets',
      ...args,
      '--policy',
      POLICY,
      '--tier',
      tier,
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-15T00:00:00Z',
      '--fee',
      '1000',
      '--format',
      'json',
    ],
    { cwd: dir },
  );
  expect(r.code, r.stderr).toBe(code);
  const report = JSON.parse(r.stdout);
  const warning = (c: string): Warning | undefined => report.warnings.find((w: Warning) => w.code === c);
  return { report, ticket: report.tickets[0], warning, stderr: r.stderr };
};

// A Jira Cloud REST search (GET /rest/api/3/search?fields=created,priority,status,resolutiondate,comment&expand=changelog),
// as Jira writes it: the comment page {comments, maxResults, total, startAt}, the changelog {startAt, maxResults, total, histories}.
const comment = (account: string, created: string) => ({
  self: 'https://example.atlassian.net/rest/api/3/issue/10002/comment/10100',
  id: '10100',
  author: { accountId: account, displayName: account, active: true },
  created,
  updated: created,
  jsdPublic: true,
});
const history = (created: string, from: string, to: string) => ({
  id: '10200',
  author: { accountId: 'vend1' },
  created,
  items: [{ field: 'status', fieldtype: 'jira', from: '1', fromString: from, to: '2', toString: to }],
});
const search = (
  comments: { total: number; list: unknown[] },
  changelog: { total: number; list: unknown[] },
  resolved = '2026-10-05T17:00:00.000+0000',
  page = { startAt: 0, total: 1 },
) => ({
  expand: 'schema,names',
  startAt: page.startAt,
  maxResults: 50,
  total: page.total,
  issues: [
    {
      expand: 'operations,changelog',
      id: '10002',
      key: 'EE-2',
      changelog: { startAt: 0, maxResults: changelog.list.length, total: changelog.total, histories: changelog.list },
      fields: {
        created: '2026-10-05T10:00:00.000+0000',
        priority: { id: '1', name: 'Highest' },
        status: { name: 'Done' },
        resolutiondate: resolved,
        comment: { comments: comments.list, maxResults: comments.list.length, total: comments.total, startAt: 0 },
      },
    },
  ],
});
// The customer writes at 10:10; the vendor answers at 10:30, 13:00 and 16:00; resolved 17:00.
const COMMENTS = [
  comment('cust9', '2026-10-05T10:10:00.000+0000'),
  comment('vend1', '2026-10-05T10:30:00.000+0000'),
  comment('vend1', '2026-10-05T13:00:00.000+0000'),
  comment('vend1', '2026-10-05T16:00:00.000+0000'),
];
const DONE = [history('2026-10-05T17:00:00.000+0000', 'Open', 'Done')];
const jira = (file: string) => [file, '--preset', 'jira', '--vendor-agent', 'vend1'];

describe("a Jira issue's own comments and changelog cut short of their total", () => {
  it('given whole, every metric is measured: met', async () => {
    const { ticket, warning } = await run(
      jira(write('whole.json', search({ total: 4, list: COMMENTS }, { total: 1, list: DONE }))),
    );
    // First response 10:30 (due 11:00); the wait 10:10→10:30; silences of 2.5 h, 3 h, 1 h; resolved 17:00 (due 18:00).
    expect(ticket.status).toBe('met');
    expect(warning('EVENTS_LEFT_OUT')).toBeUndefined();
    expect(warning('EXPORT_PAGE_PARTIAL')).toBeUndefined();
  });

  it('4 comments of 9 and 1 history of 5: what the events decide is not measured, and said', async () => {
    const { report, ticket, warning } = await run(
      jira(write('cut.json', search({ total: 9, list: COMMENTS }, { total: 5, list: DONE }))),
    );
    // A status change left out may start or end a pause (the policy has one): no clock's due time is known.
    expect(ticket.status).toBe('not-measured');
    expect(ticket.firstResponse.status).toBe('not-measured');
    expect(ticket.ongoingResponse.status).toBe('not-measured');
    expect(ticket.updateCadence.status).toBe('not-measured');
    expect(ticket.resolution.status).toBe('not-measured');
    expect(report.summary).toMatchObject({ met: 0, notMeasured: 1 });
    expect(warning('EVENTS_LEFT_OUT')!.args).toEqual({
      tickets: 1,
      ids: ['EE-2'],
      lists: ['fields.comment.comments', 'changelog.histories'],
    });
    expect(warning('EVENTS_LEFT_OUT')!.hint).toContain('maxResults');
    expect(warning('TICKETS_NOT_MEASURED')!.args).toMatchObject({
      tickets: 1,
      metrics: ['firstResponse:missing', 'ongoingResponse:missing', 'updateCadence:missing', 'resolution:missing'],
      counts: [1, 1, 1, 1],
    });
  });

  it('comments cut, changelog whole: a first response in time stands (a comment left out is only an earlier reply)', async () => {
    const { ticket } = await run(
      jira(write('comments-cut.json', search({ total: 9, list: COMMENTS }, { total: 1, list: DONE }))),
    );
    expect(ticket.firstResponse).toMatchObject({ status: 'met', respondedAt: '2026-10-05T10:30:00Z' });
    // A customer's message left out may start a wait, or reopen the ticket after its resolution.
    expect(ticket.ongoingResponse.status).toBe('not-measured');
    expect(ticket.updateCadence.status).toBe('not-measured');
    expect(ticket.resolution.status).toBe('not-measured');
    expect(ticket.status).toBe('not-measured');
  });

  it('a late first response from the comments is not measured (an earlier reply may be left out); a late resolution stays late', async () => {
    // The vendor's first reply at 12:00 (due 11:00); resolved at 20:00 (due 18:00).
    const late = [comment('cust9', '2026-10-05T10:10:00.000+0000'), comment('vend1', '2026-10-05T12:00:00.000+0000')];
    const done = [history('2026-10-05T20:00:00.000+0000', 'Open', 'Done')];
    const { ticket, warning } = await run(
      jira(
        write('late.json', search({ total: 3, list: late }, { total: 1, list: done }, '2026-10-05T20:00:00.000+0000')),
      ),
    );
    expect(ticket.firstResponse.status).toBe('not-measured');
    expect(ticket.resolution).toMatchObject({ status: 'breached', dueAt: '2026-10-05T18:00:00Z' });
    expect(ticket.status).toBe('breached');
    // Breached either way: the ticket counts as breached, and the cut comments are said.
    expect(warning('EVENTS_LEFT_OUT')!.args).toMatchObject({ tickets: 1, lists: ['fields.comment.comments'] });
  });
});

describe('a ticket export that says it is one page of more', () => {
  it('a Jira search of 1 issue of 2: warned, and the period is not covered (--fail-on breach exits 4)', async () => {
    const file = write(
      'page1.json',
      search({ total: 4, list: COMMENTS }, { total: 1, list: DONE }, undefined, { startAt: 0, total: 2 }),
    );
    const { report, ticket, warning, stderr } = await run([...jira(file), '--fail-on', 'breach'], 'all', 4);
    // The issue given is whole: it is audited as it is.
    expect(ticket.status).toBe('met');
    expect(warning('EXPORT_PAGE_PARTIAL')).toMatchObject({
      file,
      args: { noun: 'ticket', statement: 'startAt: 0, total: 2', records: 1, total: 2 },
    });
    expect(warning('TICKETS_PERIOD_NOT_COVERED')!.args).toEqual({ period: '2026-10', pages: [file] });
    expect(report.summary.met).toBe(1);
    expect(stderr).toContain('tickets of 2026-10 undecided: the ticket export is one page of more (page1.json)');
  });

  it('a Zendesk list page with next_page set: warned; an incremental export at end_of_stream (its next_page set to poll from) is whole', async () => {
    const ticket = { id: 11, created_at: '2026-10-05T10:00:00Z', priority: 'urgent', status: 'open' };
    const listed = write('zd-page.json', {
      tickets: [ticket],
      next_page: 'https://example.zendesk.com/api/v2/tickets.json?page=2',
      previous_page: null,
      count: 250,
    });
    const paged = await run([listed, '--preset', 'zendesk'], 'first');
    expect(paged.warning('EXPORT_PAGE_PARTIAL')!.args).toEqual({
      noun: 'ticket',
      statement: 'next_page',
      records: 1,
      total: 250,
    });
    const end = write('zd-end.json', {
      tickets: [ticket],
      after_url: 'https://example.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=MTU3',
      next_page: 'https://example.zendesk.com/api/v2/incremental/tickets.json?start_time=1791194400',
      end_time: 1791194400,
      end_of_stream: true,
      count: 1,
    });
    const whole = await run([end, '--preset', 'zendesk'], 'first');
    expect(whole.warning('EXPORT_PAGE_PARTIAL')).toBeUndefined();
    expect(whole.warning('TICKETS_PERIOD_NOT_COVERED')).toBeUndefined();
  });

  it('a Redmine issues.json of 1 issue of 3 (total_count, offset, limit): warned', async () => {
    const issue = {
      id: 7,
      priority: { id: 4, name: 'Urgent' },
      status: { id: 5, name: 'Closed' },
      created_on: '2026-10-05T10:00:00Z',
      closed_on: '2026-10-05T15:00:00Z',
    };
    const { warning } = await run(
      [write('rm.json', { issues: [issue], total_count: 3, offset: 0, limit: 1 }), '--preset', 'redmine'],
      'first',
    );
    expect(warning('EXPORT_PAGE_PARTIAL')!.args).toMatchObject({ statement: 'total_count: 3, offset: 0', total: 3 });
    const all = await run(
      [write('rm-all.json', { issues: [issue], total_count: 1, offset: 0, limit: 25 }), '--preset', 'redmine'],
      'first',
    );
    expect(all.warning('EXPORT_PAGE_PARTIAL')).toBeUndefined();
  });
});

describe('an event export that says more pages follow', () => {
  // Zendesk's incremental ticket metric events: the reply time activated at creation, fulfilled at 10:20 (due 11:00).
  const TICKETS = write('zd.json', {
    tickets: [{ id: 11, created_at: '2026-10-05T10:00:00Z', priority: 'urgent', status: 'open' }],
    end_of_stream: true,
  });
  const events = (endOfStream: boolean) => ({
    ticket_metric_events: [
      { id: 1, ticket_id: 11, metric: 'reply_time', instance_id: 1, type: 'activate', time: '2026-10-05T10:00:00Z' },
      { id: 2, ticket_id: 11, metric: 'reply_time', instance_id: 1, type: 'fulfill', time: '2026-10-05T10:20:00Z' },
    ],
    next_page: 'https://example.zendesk.com/api/v2/incremental/ticket_metric_events.json?start_time=1791194400',
    end_of_stream: endOfStream,
    count: 2,
  });
  const withEvents = (file: string) => [
    TICKETS,
    '--preset',
    'zendesk',
    '--events',
    file,
    '--preset',
    'zendesk-metric-events',
  ];

  it('at end_of_stream: the first response is met', async () => {
    const { ticket, warning } = await run(withEvents(write('ev-end.json', events(true))), 'first');
    expect(ticket.firstResponse).toMatchObject({ status: 'met', respondedAt: '2026-10-05T10:20:00Z' });
    expect(warning('EXPORT_PAGE_PARTIAL')).toBeUndefined();
  });

  it('end_of_stream false: any ticket may have events on the next page — not measured, both said', async () => {
    const file = write('ev-page.json', events(false));
    const { ticket, warning } = await run(withEvents(file), 'first');
    expect(ticket.firstResponse.status).toBe('not-measured');
    expect(ticket.status).toBe('not-measured');
    expect(warning('EXPORT_PAGE_PARTIAL')).toMatchObject({
      file,
      args: { noun: 'event', statement: 'end_of_stream: false', records: 2 },
    });
    expect(warning('EVENTS_LEFT_OUT')!.args).toEqual({ tickets: 1, ids: ['11'], lists: [file] });
    expect(warning('TICKETS_NOT_MEASURED')!.args).toMatchObject({ metrics: ['firstResponse:missing'], counts: [1] });
  });
});
