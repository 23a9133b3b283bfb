import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// fixtures/policies/pause-test.yaml: Mon–Fri 09:00–17:00 UTC, first response 4 h, resolution 8 h,
// clocks paused while waiting-on-customer or on-hold. 2026-10-05 is a Monday.
const base = [
  'tickets',
  'fixtures/events/tickets.csv',
  '--events',
  'fixtures/events/events.csv',
  '--policy',
  'fixtures/policies/pause-test.yaml',
  '--tier',
  't',
  '--month',
  '2026-10',
  '--as-of',
  '2026-10-05T14:00:00Z',
  '--format',
  'json',
];
const audit = (...more: string[]) => runCli([...base, ...more], { cwd: ROOT });

describe('events from a second export (SPEC 2: the first public vendor reply is the first response)', () => {
  it('joins by ticket id; internal notes are no reply; pauses come from status events; exactly at due is met, a second later breached', async () => {
    const r = await audit('--vendor-agent', '@vendor.example');
    expect(r.stderr).not.toMatch(/error/);
    const report = parseReport(r.stdout);
    const [t1, t2, t3] = report.tickets;
    // T-1: the 10:00 reply is an internal note; the first public vendor reply is 13:00 = 09:00 + 4 h, exactly at due.
    expect(t1).toMatchObject({
      id: 'T-1',
      firstResponseFrom: 'fixtures/events/events.csv:4',
      firstResponse: {
        status: 'met',
        dueAt: '2026-10-05T13:00:00Z',
        respondedAt: '2026-10-05T13:00:00Z',
        elapsedSeconds: 14400,
      },
    });
    // T-2: on hold 09:30–11:30 moves the due time by 2 h to 15:00; the reply at 15:00:01 is one second late.
    expect(t2).toMatchObject({
      id: 'T-2',
      firstResponseFrom: 'fixtures/events/events.csv:7',
      firstResponse: {
        status: 'breached',
        dueAt: '2026-10-05T15:00:00Z',
        respondedAt: '2026-10-05T15:00:01Z',
        elapsedSeconds: 14401,
      },
    });
    // T-3: the export has nothing for it: no vendor reply is known, so at 14:00 it is an hour past due — and the report says why.
    expect(t3).toMatchObject({
      id: 'T-3',
      firstResponse: { status: 'breached', respondedAt: null, elapsedSeconds: 18000 },
    });
    expect(t3.firstResponseFrom).toBeUndefined();
    const codes = report.warnings.map((w: { code: string }) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['EVENTS_READ', 'EVENTS_NONE_FOR_TICKET', 'EVENTS_WITHOUT_TICKET']));
    expect(report.warnings.find((w: { code: string }) => w.code === 'EVENTS_READ').message).toBe(
      '6 event(s) read from 7 record(s) (canonical events); passed over: 1 internal note(s)',
    );
    expect(report.warnings.find((w: { code: string }) => w.code === 'EVENTS_WITHOUT_TICKET').message).toContain(
      '"T-9"',
    );
  });

  it('without vendor agents or a role column a reply cannot be attributed: an error naming the line and the fix, not a guess', async () => {
    const r = await audit();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'fixtures/events/events.csv:2: event actor: nothing tells whether the vendor or the customer wrote this reply',
    );
    expect(r.stderr).toContain('vendorAgents');
    // Status events need no side: line 5 (on-hold) is not among the problems.
    expect(r.stderr).not.toContain('events.csv:5');
  });

  it('explain says where the first response was found', async () => {
    const r = await runCli(
      [
        'explain',
        'T-2',
        '--tickets',
        'fixtures/events/tickets.csv',
        '--events',
        'fixtures/events/events.csv',
        '--vendor-agent',
        '@vendor.example',
        '--policy',
        'fixtures/policies/pause-test.yaml',
        '--tier',
        't',
        '--as-of',
        '2026-10-05T14:00:00Z',
        '--format',
        'table',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Response:  the first public vendor reply among the events, at fixtures/events/events.csv:7',
    );
    expect(r.stdout).toContain('Paused:    2026-10-05T09:30:00Z → 2026-10-05T11:30:00Z');
  });
});

describe('ongoing response from an event export (SPEC 3.4; telestax-restcomm premium P1: 2 h on a 24x7 clock)', () => {
  it('a gap answered exactly at 2 h is met; one still open 2 h 00 min 01 s later is breached at as-of', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/events/ongoing-tickets.csv',
        '--events',
        'fixtures/events/ongoing-events.csv',
        '--policy',
        'telestax-restcomm',
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '--as-of',
        '2026-10-05T16:00:01Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const t = parseReport(r.stdout).tickets[0];
    // The actor column says who wrote each event: no vendor agents needed. First response 10:30Z, 30 min after creation.
    expect(t.firstResponse).toMatchObject({ respondedAt: '2026-10-05T10:30:00Z', status: 'met' });
    expect(t.ongoingResponse.status).toBe('breached');
    expect(t.ongoingResponse.gaps).toEqual([
      expect.objectContaining({ start: '2026-10-05T11:00:00Z', end: '2026-10-05T13:00:00Z', status: 'met' }),
      expect.objectContaining({ start: '2026-10-05T14:00:00Z', end: null, status: 'breached' }),
    ]);
  });
});
