import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// fixtures/evidence (see its README): office hours Mon–Fri 09:00–17:00 Europe/Berlin (CET, UTC+1 in
// November); first response 4 h, ongoing response 4 h, update cadence 8 h; waiting-on-customer pauses.
const POLICY = ['--policy', 'fixtures/policies/promises-test.yaml', '--as-of', '2026-12-01T00:00:00Z'];
const EVENTS = ['--events', 'fixtures/evidence/events.csv'];
const tickets = (tier: string, ...more: string[]) =>
  runCli(
    [
      'tickets',
      'fixtures/evidence/tickets.csv',
      ...POLICY,
      '--tier',
      tier,
      '--month',
      '2026-11',
      '--format',
      'json',
      ...more,
    ],
    { cwd: ROOT },
  );

describe('a ticket is met only when every metric its tier promises was measured and met (SPEC 3.6)', () => {
  it('E-2 answered in time, but the event export holds nothing of it: ongoing response and update cadence are not measured, and so is the ticket', async () => {
    const r = await tickets('all', ...EVENTS);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    const e2 = report.tickets.find((t: { id: string }) => t.id === 'E-2');
    expect(e2).toMatchObject({
      status: 'not-measured',
      firstResponse: { status: 'met' },
      ongoingResponse: { status: 'not-measured' },
      updateCadence: { status: 'not-measured' },
    });
    expect(report.summary).toMatchObject({ tickets: 2, met: 1, notMeasured: 1 });
    const warning = report.warnings.find((w: { code: string }) => w.code === 'TICKETS_NOT_MEASURED');
    expect(warning.message).toContain('1 ticket(s) of 2026-11 are not measured');
    expect(warning.message).toContain('ongoing response (no replies among events): 1');
    expect(warning.message).toContain('update cadence (no replies among events): 1');
    // The JSON warning carries how to fix it, not only the sentence.
    expect(warning.hint).toBe(
      'give the events export (--events) with the replies and status changes, or a column for the missing field',
    );
  });

  it('without any events, a tier promising ongoing response and cadence has no met ticket; a tier promising first response only has both met', async () => {
    const none = parseReport((await tickets('all')).stdout);
    expect(none.summary).toMatchObject({ tickets: 2, met: 0, notMeasured: 2 });
    expect(none.tickets.map((t: { status: string }) => t.status)).toEqual(['not-measured', 'not-measured']);
    const first = parseReport((await tickets('first')).stdout);
    expect(first.summary).toMatchObject({ tickets: 2, met: 2, notMeasured: 0 });
    expect(first.warnings.map((w: { code: string }) => w.code)).not.toContain('TICKETS_NOT_MEASURED');
  });
});

describe('a pause that begins at or after the response never moves its due time (SPEC 3.9)', () => {
  it('E-1: created Mon 10:00 CET, answered 13:00 and set waiting on the customer then until Wed 10:00: due Mon 14:00 CET, not Wed 11:00', async () => {
    const report = parseReport((await tickets('all', ...EVENTS)).stdout);
    const e1 = report.tickets.find((t: { id: string }) => t.id === 'E-1');
    // 4 h of office time from Mon 10:00 CET = Mon 14:00 CET = 13:00Z; 3 h counted to the reply.
    expect(e1.firstResponse).toMatchObject({
      dueAt: '2026-11-02T13:00:00Z',
      respondedAt: '2026-11-02T12:00:00Z',
      elapsedSeconds: 10800,
      status: 'met',
    });
    // The customer wrote Wed 10:00 CET, the vendor answered 11:00: a 1 h wait, due 14:00 CET.
    // The wait began with the customer's reply (events.csv:4) and ended at the resolution, the same instant as
    // the vendor's reply: the resolution cell of the ticket's row (tickets.csv:2) ends it.
    expect(e1.ongoingResponse.gaps).toEqual([
      {
        start: '2026-11-04T09:00:00Z',
        end: '2026-11-04T10:00:00Z',
        dueAt: '2026-11-04T13:00:00Z',
        elapsedSeconds: 3600,
        status: 'met',
        startFrom: 'fixtures/evidence/events.csv:4',
        endFrom: 'fixtures/evidence/tickets.csv:2',
      },
    ]);
    // One ticket export: the ticket's row is line 2 of inputs.tickets[0], named once for the report.
    expect(e1).toMatchObject({ line: 2 });
    expect(e1.file).toBeUndefined();
    expect(report.inputs).toEqual({
      tickets: ['fixtures/evidence/tickets.csv'],
      events: ['fixtures/evidence/events.csv'],
      uptime: [],
    });
    // The silence from the reply to the resolution (Wed 11:00 CET) is paused until Wed 10:00 CET: 1 h
    // counted; it began with the pause, so 8 h fall due Thu 10:00 CET (7 h Wed 10:00–17:00, 1 h Thu).
    // It began at the first response of the row's first-response cell and ended at its resolution cell.
    expect(e1.updateCadence.gaps).toEqual([
      {
        start: '2026-11-02T12:00:00Z',
        end: '2026-11-04T10:00:00Z',
        dueAt: '2026-11-05T09:00:00Z',
        elapsedSeconds: 3600,
        status: 'met',
        startFrom: 'fixtures/evidence/tickets.csv:2',
        endFrom: 'fixtures/evidence/tickets.csv:2',
      },
    ]);
    expect(e1.status).toBe('met');
  });
});

describe('explain --format json (issue: every promised metric with its verdict)', () => {
  it('lists first response, ongoing response and update cadence with their gaps, and a metric not measured with its verdict', async () => {
    const args = ['--tickets', 'fixtures/evidence/tickets.csv', ...POLICY, '--tier', 'all', '--format', 'json'];
    const e1 = JSON.parse((await runCli(['explain', 'E-1', ...args, ...EVENTS], { cwd: ROOT })).stdout);
    expect(e1.metrics.map((m: { metric: string; status: string }) => [m.metric, m.status])).toEqual([
      ['firstResponse', 'met'],
      ['ongoingResponse', 'met'],
      ['updateCadence', 'met'],
    ]);
    expect(e1.metrics[0]).toMatchObject({
      dueAt: '2026-11-02T13:00:00Z',
      respondedAt: '2026-11-02T12:00:00Z',
      lateBySeconds: null,
    });
    expect(e1.metrics[2].gaps).toEqual([
      {
        start: '2026-11-02T12:00:00Z',
        end: '2026-11-04T10:00:00Z',
        dueAt: '2026-11-05T09:00:00Z',
        elapsedSeconds: 3600,
        status: 'met',
        startFrom: 'fixtures/evidence/tickets.csv:2',
        endFrom: 'fixtures/evidence/tickets.csv:2',
      },
    ]);
    expect(e1.file).toBe('fixtures/evidence/tickets.csv');
    const e2 = JSON.parse((await runCli(['explain', 'E-2', ...args, ...EVENTS], { cwd: ROOT })).stdout);
    expect(e2.status).toBe('not-measured');
    expect(e2.metrics.map((m: { metric: string; status: string }) => [m.metric, m.status])).toEqual([
      ['firstResponse', 'met'],
      ['ongoingResponse', 'not-measured'],
      ['updateCadence', 'not-measured'],
    ]);
  });
});

describe('a wait still open while its clock is paused', () => {
  it('has no due time yet: null in JSON (never an invalid instant), pending, and said so in explain', async () => {
    const args = ['--events', 'fixtures/evidence/paused-events.csv', ...POLICY, '--tier', 'all'];
    const report = parseReport(
      (
        await runCli(
          ['tickets', 'fixtures/evidence/paused-tickets.csv', ...args, '--month', '2026-11', '--format', 'json'],
          { cwd: ROOT },
        )
      ).stdout,
    );
    // The customer's message at 11:00 CET (10:00Z); 5 min counted until the pause at 11:05.
    expect(report.tickets[0].ongoingResponse.gaps).toEqual([
      {
        start: '2026-11-02T10:00:00Z',
        end: null,
        dueAt: null,
        elapsedSeconds: 300,
        status: 'pending',
        startFrom: 'fixtures/evidence/paused-events.csv:3',
        endFrom: null,
      },
    ]);
    const text = (
      await runCli(
        ['explain', 'Z-1', '--tickets', 'fixtures/evidence/paused-tickets.csv', ...args, '--format', 'table'],
        { cwd: ROOT },
      )
    ).stdout;
    expect(text).toContain(
      'waiting since 2026-11-02T10:00:00Z → still open: due not yet (the clock is paused), 5m counted — pending',
    );
  });
});

describe('with several ticket exports, each ticket names its own', () => {
  it('tickets.csv and paused-tickets.csv: each ticket gives its file and line', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/evidence/tickets.csv',
        'fixtures/evidence/paused-tickets.csv',
        ...POLICY,
        '--tier',
        'first',
        '--month',
        '2026-11',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    const report = parseReport(r.stdout);
    expect(report.tickets.map((t: { id: string; file: string; line: number }) => [t.id, t.file, t.line])).toEqual([
      ['E-1', 'fixtures/evidence/tickets.csv', 2],
      ['E-2', 'fixtures/evidence/tickets.csv', 3],
      ['Z-1', 'fixtures/evidence/paused-tickets.csv', 2],
    ]);
  });
});

describe('an export without a resolution column', () => {
  it('leaves a promised resolution not measured (never breached, never a credit), with the warning that says why', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/evidence/no-resolution.csv',
        '--policy',
        'fixtures/policies/pause-test.yaml',
        '--tier',
        't',
        '--month',
        '2026-11',
        '--as-of',
        '2026-12-01T00:00:00Z',
        '--format',
        'json',
        '--fail-on',
        'breach',
      ],
      { cwd: ROOT },
    );
    // Never a breach, and never "no breach" either: --fail-on breach cannot tell (exit 4) and says why.
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('sla-audit: --fail-on breach: 1 ticket not measured in 2026-11\n');
    const report = parseReport(r.stdout);
    expect(report.tickets[0]).toMatchObject({
      id: 'N-1',
      status: 'not-measured',
      firstResponse: { status: 'met' },
      resolution: { status: 'not-measured', dueAt: null },
    });
    expect(report.summary).toMatchObject({ breached: 0, notMeasured: 1 });
    expect(report.warnings.find((w: { code: string }) => w.code === 'TICKETS_NOT_MEASURED').message).toContain(
      'resolution (no resolved field): 1',
    );
  });
});
