import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/adapters/policy/load-policy.js';
import { notMeasuredText } from '../../src/adapters/render/not-measured.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import { evaluateTicket } from '../../src/core/tickets/evaluate.js';
import { pauseSpans, pausesAnswered } from '../../src/core/tickets/pauses.js';
import type { Ticket, TicketEvent } from '../../src/core/tickets/ticket.js';
import { ROOT } from '../support/run-cli.js';
import { ticketOf } from '../support/ticket.js';

// Office hours Mon–Fri 09:00–17:00 UTC, pause statuses waiting-on-customer and on-hold; first response 4 h,
// resolution 8 h. Monday 2026-10-05.
const policy = loadPolicyFile(join(ROOT, 'fixtures/policies/pause-test.yaml'));
const clocks = new PolicyClocks(policy);
const T = (iso: string) => Date.parse(`2026-10-${iso}Z`);
const status = (at: string, s: string): TicketEvent => ({ at: T(at), actor: 'vendor', type: 'status', status: s });
const customer = (at: string): TicketEvent => ({ at: T(at), actor: 'customer', type: 'reply' });

const ticket = (over: Partial<Ticket>): Ticket =>
  ticketOf({ id: 'P', createdAt: T('05T09:00:00'), firstResponseAt: T('05T09:30:00'), events: [], ...over });
const evaluate = (t: Ticket) => evaluateTicket(t, { policy, clocks, tier: 't', asOf: T('31T00:00:00') });

describe('a pause the customer answered before its status changed', () => {
  it('is cut at the first customer message strictly inside it; one at its start or end cuts nothing', () => {
    const events = [
      status('05T10:00:00', 'waiting-on-customer'),
      customer('05T10:00:00'),
      customer('05T11:00:00'),
      customer('05T11:30:00'),
      status('05T12:00:00', 'open'),
      customer('05T12:00:00'),
    ];
    const t = ticket({ events });
    const pauses = pauseSpans(t, policy.pauseStatuses);
    expect(pauses).toEqual([[T('05T10:00:00'), T('05T12:00:00')]]);
    expect(pausesAnswered(t, pauses)).toEqual([[T('05T10:00:00'), T('05T11:00:00')]]);
    const unanswered = ticket({ events: [events[0]!, events[1]!, events[4]!, events[5]!] });
    expect(pausesAnswered(unanswered, pauseSpans(unanswered, policy.pauseStatuses))).toBeNull();
  });

  it('resolution not measured where held (met) and ended by the message (breached) disagree', () => {
    // Paused Mon 10:00 to 16:00 (status), the customer writes Mon 11:00; resolved Tue 12:00.
    // Held: Mon 09–10 + 16–17 (2 h) + Tue 09–12 (3 h) = 6 h ≤ 8 h → met.
    // Ended at 11:00: Mon 09–10 + 11–17 (7 h) + Tue 09–12 (3 h) = 11 h > 8 h → breached (due Tue 10:00).
    const t = ticket({
      resolvedAt: T('06T12:00:00'),
      events: [status('05T10:00:00', 'waiting-on-customer'), customer('05T11:00:00'), status('05T16:00:00', 'open')],
    });
    const r = evaluate(t);
    expect(r.metrics.resolution).toMatchObject({ status: 'not-measured', pauseUndecided: true });
    expect(r.status).toBe('not-measured');
    expect(notMeasuredText(r, r.metrics.resolution!)).toContain(
      'the customer wrote during a pause whose status did not change',
    );
    // The first response (09:30, before the pause) is met either way.
    expect(r.metrics.firstResponse).toMatchObject({ status: 'met' });
  });

  it('stands where both readings agree: resolved Mon 15:00 is 1 h held or 5 h ended, met either way', () => {
    const t = ticket({
      resolvedAt: T('05T15:00:00'),
      events: [status('05T10:00:00', 'waiting-on-customer'), customer('05T11:00:00')],
    });
    const r = evaluate(t);
    // Held to the resolution: 09–10 counted, 1 h; the reading of the status kept.
    expect(r.metrics.resolution).toMatchObject({ status: 'met', elapsedMs: 3_600_000 });
    expect(r.pauses).toEqual([[T('05T10:00:00'), T('05T15:00:00')]]);
  });

  it("a pause still open ends at the ticket's resolution: a resolved ticket's clock is not held at as-of", () => {
    const t = ticket({ resolvedAt: T('05T15:00:00'), events: [status('05T10:00:00', 'on-hold')] });
    expect(pauseSpans(t, policy.pauseStatuses)).toEqual([[T('05T10:00:00'), T('05T15:00:00')]]);
    const open = ticket({ events: [status('05T10:00:00', 'on-hold')] });
    expect(pauseSpans(open, policy.pauseStatuses)).toEqual([[T('05T10:00:00'), Infinity]]);
  });
});

describe('a policy that pauses on statuses, and evidence that cannot show a status change', () => {
  // Resolution 8 office hours: Mon 09:00 resolved Tue 12:00 is 8 h + 3 h = 11 h, late — unless a pause held it.
  const late = { resolvedAt: T('06T12:00:00'), events: null, statusesKnown: false };

  it('a breach is not proved: not measured, said why; a met stands, a pause only shortens', () => {
    const r = evaluate(ticket(late));
    expect(r.metrics.resolution).toMatchObject({ status: 'not-measured', pausesUnseen: true });
    expect(notMeasuredText(r, r.metrics.resolution!)).toContain('late only if no pause held its clock');
    const inTime = evaluate(ticket({ ...late, resolvedAt: T('05T15:00:00') }));
    expect(inTime.metrics.resolution).toMatchObject({ status: 'met', elapsedMs: 6 * 3_600_000 });
  });

  it('with a status history showing no pause, the breach stands', () => {
    const known = evaluate(ticket({ ...late, events: [status('05T09:00:00', 'open')], statusesKnown: true }));
    expect(known.metrics.resolution).toMatchObject({ status: 'breached', elapsedMs: 11 * 3_600_000 });
  });
});

describe('status changes of one instant', () => {
  // Monday 10:00 "open" and "waiting-on-customer" at once, the pause ended 16:00; resolved Tuesday 12:00.
  // The pause last: 09–10 + 16–17 + Tue 09–12 = 5 h, met; "open" last: no pause, 8 + 3 = 11 h, late.
  const events = (first: string, second: string) => [
    status('05T10:00:00', first),
    status('05T10:00:00', second),
    status('05T16:00:00', 'open'),
  ];
  it('either order may be the last: not measured where the readings disagree, in either row order', () => {
    for (const [a, b] of [
      ['open', 'waiting-on-customer'],
      ['waiting-on-customer', 'open'],
    ]) {
      const r = evaluate(ticket({ resolvedAt: T('06T12:00:00'), events: events(a!, b!) }));
      expect(r.metrics.resolution, `${a} then ${b}`).toMatchObject({ status: 'not-measured', pauseUndecided: true });
    }
  });

  it('where both orders agree (resolved Monday 15:00: 1 h or 6 h of 8), the metric stands', () => {
    const tied = events('open', 'waiting-on-customer').slice(0, 2);
    const r = evaluate(ticket({ resolvedAt: T('05T15:00:00'), events: tied }));
    expect(r.metrics.resolution).toMatchObject({ status: 'met' });
  });
});

describe('every reading of the pauses at once', () => {
  it('ties in either order and a pause the customer answered, together: not measured where that reading breaches', () => {
    // Mon 10:00 "waiting" and "open" at once, the customer writes 11:00, 12:00 "open" and "waiting" at once, 14:00 open;
    // resolved Tuesday 11:00 (8 h target). As exported: no pause until 12:00, paused 12–14: 09–12 + 14–17 + Tue 09–11 = 8 h,
    // met. Ties reversed and the 11:00 message ending the pause: 09–10 + 11–17 + Tue 09–11 = 9 h, late.
    const r = evaluate(
      ticket({
        resolvedAt: T('06T11:00:00'),
        events: [
          status('05T10:00:00', 'waiting-on-customer'),
          status('05T10:00:00', 'open'),
          customer('05T11:00:00'),
          status('05T12:00:00', 'open'),
          status('05T12:00:00', 'waiting-on-customer'),
          status('05T14:00:00', 'open'),
        ],
      }),
    );
    expect(r.metrics.resolution).toMatchObject({ status: 'not-measured', pauseUndecided: true });
  });

  it('three changes at one instant: the run may end unpaused whatever the file order', () => {
    // 10:00 waiting, open, waiting at once; 14:00 open; resolved Tuesday 12:00. Paused 10–14: 1 + 3 + 3 = 7 h, met;
    // ending "open": no pause, 8 + 3 = 11 h, late.
    const r = evaluate(
      ticket({
        resolvedAt: T('06T12:00:00'),
        events: [
          status('05T10:00:00', 'waiting-on-customer'),
          status('05T10:00:00', 'open'),
          status('05T10:00:00', 'waiting-on-customer'),
          status('05T14:00:00', 'open'),
        ],
      }),
    );
    expect(r.metrics.resolution).toMatchObject({ status: 'not-measured', pauseUndecided: true });
  });
});
