import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// fixtures/policies/real/redhat-openshift-premium.yaml: Severity 2 — first response 2 h, an update at least
// every 4 h while the case waits on Red Hat (24x7); waiting-on-customer pauses the clock.
const ARGS = [
  '--events',
  'fixtures/real-slas/redhat-events.csv',
  '--policy',
  'fixtures/policies/real/redhat-openshift-premium.yaml',
  '--tier',
  'premium',
  '--as-of',
  '2026-10-05T18:00:00Z',
];

describe('update cadence: the longest silence between vendor updates while the case is with the vendor', () => {
  it('a 5 h 15 min silence with no customer message breaches a 4 h cadence (ongoing response would call it met); with 2 h waiting on the customer inside it, 3 h 15 min counted: met', async () => {
    const r = await runCli(
      ['tickets', 'fixtures/real-slas/redhat-tickets.csv', ...ARGS, '--month', '2026-10', '--format', 'json'],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const [c1, c2] = parseReport(r.stdout).tickets;
    // C-1: first update 11:00, next 16:15 → due 15:00, 18 900 s: breached. The open silence since 16:15 is due 20:15: pending.
    expect(c1).toMatchObject({ id: 'C-1', status: 'breached', firstResponse: { status: 'met' } });
    expect(c1.updateCadence.gaps).toEqual([
      // Each silence points at the vendor's updates that began and ended it: lines 3 and 4 of the events.
      {
        start: '2026-10-05T11:00:00Z',
        end: '2026-10-05T16:15:00Z',
        dueAt: '2026-10-05T15:00:00Z',
        elapsedSeconds: 18900,
        status: 'breached',
        startFrom: 'fixtures/real-slas/redhat-events.csv:3',
        endFrom: 'fixtures/real-slas/redhat-events.csv:4',
      },
      {
        start: '2026-10-05T16:15:00Z',
        end: null,
        dueAt: '2026-10-05T20:15:00Z',
        elapsedSeconds: 6300,
        status: 'pending',
        startFrom: 'fixtures/real-slas/redhat-events.csv:4',
        endFrom: null,
      },
    ]);
    // C-2: waiting on the customer 12:00–14:00 moves the due time to 17:00; 5 h 15 min − 2 h = 11 700 s.
    expect(c2.updateCadence.gaps[0]).toMatchObject({
      start: '2026-10-05T11:00:00Z',
      end: '2026-10-05T16:15:00Z',
      dueAt: '2026-10-05T17:00:00Z',
      elapsedSeconds: 11700,
      status: 'met',
    });
    expect(c2.status).toBe('pending');
  });

  it('explain lists every silence; without events the cadence is not measured, never met', async () => {
    const e = await runCli(
      ['explain', 'C-1', '--tickets', 'fixtures/real-slas/redhat-tickets.csv', ...ARGS, '--format', 'table'],
      { cwd: ROOT },
    );
    expect(e.stdout).toContain('Update cadence: breached (target 4h)');
    expect(e.stdout).toContain(
      '  silent since 2026-10-05T11:00:00Z → 2026-10-05T16:15:00Z: due 2026-10-05T15:00:00Z, 5h 15m counted — breached',
    );
    const none = await runCli(
      ['tickets', 'fixtures/real-slas/redhat-tickets.csv', ...ARGS.slice(2), '--month', '2026-10', '--format', 'json'],
      { cwd: ROOT },
    );
    expect(parseReport(none.stdout).tickets[0].updateCadence).toMatchObject({ status: 'not-measured' });
  });
});
