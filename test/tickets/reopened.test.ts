import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// A ticket reopened after the resolution its export gives: the events after resolved_at show the customer
// writing or the status leaving the resolved ones. Its waits, silences and resolution run to the last
// resolution the events show, and each metric stands only where the two readings of a reopen agree (the
// time it sat resolved holding the clocks, or not); with no resolution after the reopen, the export's own
// reading joins them. Every instant below is UTC on a 24x7 clock, computed by hand.

const dir = mkdtempSync(join(tmpdir(), 'sla-reopened-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const H = 3600;

// First response 1 h, ongoing response 2 h, an update every 4 h, resolution 8 h, all 24x7.
const POLICY = file(
  'policy.yaml',
  `version: sla-policy/v1
id: reopen-test
name: Test policy for reopened tickets
currency: EUR
billingZone: UTC
priorities:
  P1: { name: Normal }
pauseStatuses: [waiting-on-customer]
tiers:
  t:
    calendar: 24x7
    targets:
      P1: { firstResponse: 1h, ongoingResponse: 2h, updateCadence: 4h, resolution: 8h }
`,
);

const run = async (tickets: string, args: string[]) => {
  const r = await runCli(
    ['tickets', tickets, ...args, '--month', '2026-10', '--as-of', '2026-11-10T00:00:00Z', '--format', 'json'],
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  return parseReport(r.stdout);
};
const warning = (report: { warnings: Array<{ code: string; args: unknown }> }, code: string) =>
  report.warnings.find((w) => w.code === code);

describe('a ticket reopened after its export’s resolution', () => {
  // The defect: R-1 resolved 11:00 as exported, reopened by the customer at 12:00, answered at 20:00,
  // solved again 21:00. Every event after 11:00 was passed over, and the 8 h wait made a met ticket.
  const repro = (resolved: string) =>
    file(
      `r-${resolved.slice(11, 13)}.json`,
      JSON.stringify([
        {
          id: 'R-1',
          created_at: '2026-10-05T10:00:00Z',
          priority: 'P1',
          first_response_at: '2026-10-05T10:30:00Z',
          resolved_at: resolved,
          events: [
            { at: '2026-10-05T10:30:00Z', actor: 'vendor', type: 'reply' },
            { at: '2026-10-05T11:00:00Z', actor: 'vendor', type: 'status', status: 'solved' },
            { at: '2026-10-05T12:00:00Z', actor: 'customer', type: 'status', status: 'open' },
            { at: '2026-10-05T12:00:00Z', actor: 'customer', type: 'reply' },
            { at: '2026-10-05T20:00:00Z', actor: 'vendor', type: 'reply' },
            { at: '2026-10-05T21:00:00Z', actor: 'vendor', type: 'status', status: 'solved' },
          ],
        },
      ]),
    );
  const TELESTAX = ['--policy', 'telestax-restcomm', '--tier', 'premium'];

  it('the late reply after the reopen breaches ongoing response (2 h): the same verdict as an export giving the last resolution', async () => {
    const first = await run(repro('2026-10-05T11:00:00Z'), TELESTAX);
    const last = await run(repro('2026-10-05T21:00:00Z'), TELESTAX);
    const wait = {
      start: '2026-10-05T12:00:00Z',
      end: '2026-10-05T20:00:00Z',
      dueAt: '2026-10-05T14:00:00Z',
      elapsedSeconds: 8 * H,
      status: 'breached',
    };
    expect(first.tickets[0]).toMatchObject({ status: 'breached', ongoingResponse: { status: 'breached' } });
    expect(first.tickets[0].ongoingResponse.gaps).toEqual([expect.objectContaining(wait)]);
    expect(last.tickets[0].ongoingResponse.gaps).toEqual([expect.objectContaining(wait)]);
    // Said, and counted: only where the export's resolution is not the last one.
    expect(warning(first, 'TICKETS_REOPENED')?.args).toEqual({ tickets: 1, period: '2026-10', unresolved: 0 });
    expect(warning(last, 'TICKETS_REOPENED')).toBeUndefined();
  });

  const TICKETS = file(
    'tickets.csv',
    [
      'id,created_at,priority,first_response_at,resolved_at',
      'B-1,2026-10-05T08:00:00Z,P1,2026-10-05T08:30:00Z,2026-10-05T10:00:00Z',
      'B-3,2026-10-06T08:00:00Z,P1,2026-10-06T08:30:00Z,2026-10-06T10:00:00Z',
      'C-1,2026-10-07T08:00:00Z,P1,2026-10-07T08:30:00Z,2026-10-07T10:00:00Z',
      'D-1,2026-10-08T08:00:00Z,P1,2026-10-08T08:30:00Z,2026-10-08T10:00:00Z',
      '',
    ].join('\n'),
  );
  const EVENTS = file(
    'events.csv',
    [
      'ticket_id,at,actor,type,status,public',
      // B-1: solved 10:00, the customer writes 13:00, answered 14:00, solved again 15:00.
      'B-1,2026-10-05T08:30:00Z,vendor,reply,,true',
      'B-1,2026-10-05T10:00:00Z,vendor,status,solved,',
      'B-1,2026-10-05T13:00:00Z,customer,reply,,true',
      'B-1,2026-10-05T14:00:00Z,vendor,reply,,true',
      'B-1,2026-10-05T15:00:00Z,vendor,status,solved,',
      // B-3: the same, solved again only at 20:00.
      'B-3,2026-10-06T08:30:00Z,vendor,reply,,true',
      'B-3,2026-10-06T10:00:00Z,vendor,status,solved,',
      'B-3,2026-10-06T13:00:00Z,customer,reply,,true',
      'B-3,2026-10-06T14:00:00Z,vendor,reply,,true',
      'B-3,2026-10-06T20:00:00Z,vendor,status,solved,',
      // C-1: the customer writes 10:30 after the solve, and nothing follows.
      'C-1,2026-10-07T08:30:00Z,vendor,reply,,true',
      'C-1,2026-10-07T10:00:00Z,vendor,status,solved,',
      'C-1,2026-10-07T10:30:00Z,customer,reply,,true',
      // D-1: waiting on the customer, then closed, after the solve: no reopen.
      'D-1,2026-10-08T08:30:00Z,vendor,reply,,true',
      'D-1,2026-10-08T10:00:00Z,vendor,status,solved,',
      'D-1,2026-10-08T11:00:00Z,vendor,status,waiting-on-customer,',
      'D-1,2026-10-08T12:00:00Z,vendor,status,closed,',
      '',
    ].join('\n'),
  );
  const OWN = ['--events', EVENTS, '--policy', POLICY, '--tier', 't'];
  const ticket = async (id: string) => (await run(TICKETS, OWN)).tickets.find((t: { id: string }) => t.id === id);

  it('resolution runs to the last resolution: met where both readings meet it, breached where both miss it', async () => {
    // B-1: created 08:00, last solved 15:00. Resting 10:00–13:00 held: 4 h, due 19:00; running: 7 h, due 16:00. Met.
    expect((await ticket('B-1')).resolution).toMatchObject({
      status: 'met',
      respondedAt: '2026-10-05T15:00:00Z',
      dueAt: '2026-10-05T19:00:00Z',
      elapsedSeconds: 4 * H,
    });
    // B-3: last solved 20:00: 9 h held (due 19:00), 12 h running (due 16:00). Breached — the export's 10:00 was met.
    expect((await ticket('B-3')).resolution).toMatchObject({
      status: 'breached',
      respondedAt: '2026-10-06T20:00:00Z',
      dueAt: '2026-10-06T19:00:00Z',
      elapsedSeconds: 9 * H,
    });
  });

  it('waits and silences after the reopen count; a silence only the time spent resolved makes late is not measured', async () => {
    const b1 = await ticket('B-1');
    // The wait 13:00–14:00 (1 h of 2 h): met in both readings.
    expect(b1.ongoingResponse.status).toBe('met');
    expect(b1.ongoingResponse.gaps).toEqual([
      expect.objectContaining({ start: '2026-10-05T13:00:00Z', end: '2026-10-05T14:00:00Z', status: 'met' }),
    ]);
    // Updates: 08:30–10:00, 13:00–14:00, 14:00–15:00 in segments (all within 4 h); 08:30–14:00 (5 h 30 min)
    // if the rest counts. The readings disagree: not measured, never met.
    expect(b1.updateCadence.status).toBe('not-measured');
    expect(b1.status).toBe('not-measured');
    // B-3: 14:00–20:00 without an update is 6 h in either reading: breached.
    const b3 = await ticket('B-3');
    expect(b3.updateCadence.status).toBe('breached');
    expect(b3.updateCadence.gaps).toEqual([
      expect.objectContaining({ start: '2026-10-06T08:30:00Z', end: '2026-10-06T10:00:00Z', status: 'met' }),
      expect.objectContaining({ start: '2026-10-06T13:00:00Z', end: '2026-10-06T14:00:00Z', status: 'met' }),
      expect.objectContaining({
        start: '2026-10-06T14:00:00Z',
        end: '2026-10-06T20:00:00Z',
        dueAt: '2026-10-06T18:00:00Z',
        elapsedSeconds: 6 * H,
        status: 'breached',
        startFrom: 'events.csv:10',
        endFrom: 'events.csv:11',
      }),
    ]);
  });

  it('a message after the resolution with no resolution after it: only what is late either way would stand — not measured, counted', async () => {
    const report = await run(TICKETS, OWN);
    const c1 = report.tickets.find((t: { id: string }) => t.id === 'C-1');
    // Met as exported (resolved 10:00, 2 h); open since 10:30 to as-of if the message reopened it.
    expect(c1).toMatchObject({
      status: 'not-measured',
      ongoingResponse: { status: 'not-measured' },
      updateCadence: { status: 'not-measured' },
      resolution: { status: 'not-measured' },
    });
    expect(warning(report, 'TICKETS_REOPENED')?.args).toEqual({ tickets: 3, period: '2026-10', unresolved: 1 });
    const why = warning(report, 'TICKETS_NOT_MEASURED')?.args as { metrics: string[]; counts: number[] };
    expect(Object.fromEntries(why.metrics.map((m, i) => [m, why.counts[i]]))).toEqual({
      'ongoingResponse:reopened': 1,
      'updateCadence:reopened': 2,
      'resolution:reopened': 1,
    });
  });

  it('waiting on the customer, then closed, after the solve reopens nothing: met on the export’s resolution', async () => {
    // A pause status holds the clocks (evidence for the vendor): it never makes a ticket worse.
    expect(await ticket('D-1')).toMatchObject({
      status: 'met',
      resolution: { status: 'met', respondedAt: '2026-10-08T10:00:00Z', elapsedSeconds: 2 * H },
    });
  });
});
