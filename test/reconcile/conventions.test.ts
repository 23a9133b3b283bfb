import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import type { TicketFacts, VendorFigure } from '../../src/core/reconcile/model.js';
import { reconcile } from '../../src/core/reconcile/reconcile.js';
import { monthPeriod } from '../../src/core/period.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import { evaluateTicket } from '../../src/core/tickets/evaluate.js';
import type { Ticket, TicketEvent } from '../../src/core/tickets/ticket.js';

// Business hours Mon–Fri 09:00–17:00 New York (EDT, UTC−4 in October 2026), closed on Monday 12 October.
const POLICY = parsePolicy(
  `version: sla-policy/v1
id: planted
name: Planted
currency: USD
billingZone: America/New_York
calendars:
  business:
    zone: America/New_York
    hours: { mon-fri: "09:00-17:00" }
    holidays: [2026-10-12]
priorities:
  P1: { name: Urgent, aliases: [urgent] }
  P2: { name: Normal, aliases: [normal] }
tiers:
  gold:
    calendar: business
    availability: null
    targets:
      P1: { firstResponse: { within: 1h, calendar: 24x7 } }
      P2: { firstResponse: 8h }
assumptions:
  - { id: t, text: test }
`,
  'planted.yaml',
);

const at = (s: string) => Date.parse(s);
const H = 3_600_000;
const MIN = 60_000;

/** A good P2 ticket: created Tue 6 Oct 2026 10:00 EDT, answered 12:00 EDT: 2 business hours. */
function goodTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 'T1',
    line: 2,
    createdAt: at('2026-10-06T14:00:00Z'),
    rawPriority: 'normal',
    priority: 'P2',
    reclassifiedPriority: null,
    firstResponseAt: at('2026-10-06T16:00:00Z'),
    resolvedAt: undefined,
    status: null,
    environment: null,
    incident: null,
    exclusion: null,
    events: null,
    ...over,
  };
}

const status = (iso: string, s: string, actor: TicketEvent['actor'] = 'vendor'): TicketEvent => ({
  at: at(iso),
  actor,
  type: 'status',
  status: s,
});

interface Case {
  name: string;
  ticket: Ticket;
  /** The vendor's figure, computed by hand under the convention planted. */
  theirsMs: number | null;
  /** A verdict the vendor states, where it gives one. */
  verdict?: 'met' | 'breached';
  facts?: TicketFacts;
  policy?: typeof POLICY;
  cause: string;
}

const cases: Case[] = [
  {
    // Fri 9 Oct 16:00 EDT → Tue 13 Oct 10:00: ours 1 h (Fri) + 0 (Mon holiday) + 1 h = 2 h; theirs 24x7: 90 h.
    name: 'calendar: the vendor counts round the clock',
    ticket: goodTicket({ createdAt: at('2026-10-09T20:00:00Z'), firstResponseAt: at('2026-10-13T14:00:00Z') }),
    theirsMs: 90 * H,
    cause: 'RECONCILE_CALENDAR',
  },
  {
    // The same ticket: with Monday open, 1 h + 8 h + 1 h = 10 h.
    name: 'holidays: the vendor opens on our holiday',
    ticket: goodTicket({ createdAt: at('2026-10-09T20:00:00Z'), firstResponseAt: at('2026-10-13T14:00:00Z') }),
    theirsMs: 10 * H,
    cause: 'RECONCILE_HOLIDAYS',
  },
  {
    // Tue 6 Oct 06:00 → 17:30 EDT (10:00 → 21:30 UTC): ours 09:00–17:00 EDT = 8 h; on 09–17 UTC hours, 10:00–17:00 = 7 h
    // (round the clock it would be 11.5 h).
    name: "zone: the vendor keeps the hours in UTC (the export's zone)",
    ticket: goodTicket({ createdAt: at('2026-10-06T10:00:00Z'), firstResponseAt: at('2026-10-06T21:30:00Z') }),
    theirsMs: 7 * H,
    cause: 'RECONCILE_ZONE',
  },
  {
    // Paused from 10:30 to 11:30 EDT while "Pending": theirs 2 h − 1 h = 1 h.
    name: 'pauses: the vendor pauses in a status ours does not',
    ticket: goodTicket({
      events: [status('2026-10-06T14:30:00Z', 'Pending'), status('2026-10-06T15:30:00Z', 'Open')],
    }),
    theirsMs: 1 * H,
    cause: 'RECONCILE_PAUSE_STATUS',
  },
  {
    // Our policy pauses in "Pending" (10:30–11:30): ours 1 h; the vendor's clock ran: 2 h.
    name: 'pauses: the vendor does not pause in ours',
    ticket: goodTicket({
      events: [status('2026-10-06T14:30:00Z', 'Pending'), status('2026-10-06T15:30:00Z', 'Open')],
    }),
    policy: { ...POLICY, pauseStatuses: ['Pending'] },
    theirsMs: 2 * H,
    cause: 'RECONCILE_NO_PAUSES',
  },
  {
    // An internal note at 10:20 EDT: 20 minutes.
    name: 'public vs internal replies: the vendor counts an internal note',
    ticket: goodTicket(),
    facts: { firstInternalReplyAt: at('2026-10-06T14:20:00Z') },
    theirsMs: 20 * MIN,
    cause: 'RECONCILE_INTERNAL_REPLY',
  },
  {
    name: 'agent-created ticket: the vendor counts the opening comment (0 minutes)',
    ticket: goodTicket(),
    theirsMs: 0,
    cause: 'RECONCILE_OPENING_COMMENT',
  },
  {
    // Created urgent, reclassified normal; answered 10:00 → 13:00 EDT. Ours: P2, 3 business hours of 8, met. The vendor
    // states only a verdict, breached: P1's 1 hour round the clock, the priority at creation.
    name: 'priority at creation: the vendor judges the created priority',
    ticket: goodTicket({
      rawPriority: 'urgent',
      priority: 'P1',
      reclassifiedPriority: 'P2',
      firstResponseAt: at('2026-10-06T17:00:00Z'),
    }),
    theirsMs: null,
    verdict: 'breached',
    cause: 'RECONCILE_PRIORITY_AT_CREATION',
  },
  {
    // Assigned 11:00 EDT: 1 h to the 12:00 reply.
    name: 'clock start: the vendor starts at the first assignment',
    ticket: goodTicket(),
    facts: { assignedAt: at('2026-10-06T15:00:00Z') },
    theirsMs: 1 * H,
    cause: 'RECONCILE_CLOCK_AT_ASSIGNMENT',
  },
  {
    // Ours 2 h exactly; the vendor counts from seconds our export lost: 119 minutes.
    name: 'whole-minute rounding',
    ticket: goodTicket(),
    theirsMs: 119 * MIN,
    cause: 'RECONCILE_ROUNDING',
  },
];

function reconcileOne(c: Case) {
  const policy = c.policy ?? POLICY;
  const asOf = at('2026-11-01T00:00:00Z');
  const result = evaluateTicket(c.ticket, { policy, clocks: new PolicyClocks(policy), tier: 'gold', asOf });
  const figure: VendorFigure = {
    id: 'T1',
    metric: 'firstResponse',
    elapsedMs: c.theirsMs,
    verdict: c.verdict ?? null,
    source: 'v:2',
  };
  return reconcile({
    policy,
    tier: 'gold',
    period: monthPeriod(2026, 10, 'America/New_York'),
    asOf,
    feeMinor: null,
    currency: 'USD',
    results: [result],
    figures: new Map([['T1', [figure]]]),
    facts: new Map(c.facts ? [['T1', c.facts]] : []),
    elsewhere: new Set(),
    toleranceMs: 0,
    inputZone: 'UTC',
    // No credits here: the money is the audit's settlement's, tried in settled-money.test.ts.
    settled: { ours: NO_CREDITS, theirs: () => NO_CREDITS },
  });
}

const NO_CREDITS = { lines: [], total: { percent: 0, amountMinor: null, capped: false } };

describe('one planted difference per convention is found and named', () => {
  it.each(cases)('$name', (c) => {
    const rec = reconcileOne(c);
    expect(rec.rows[0]!.status).toBe('differ');
    // Named: the planted convention, and no other, closes the gap.
    expect(rec.rows[0]!.causes.map((x) => x.code)).toEqual([c.cause]);
    expect(rec.unexplained).toBe(0);
  });

  it('the figure that no convention reaches is unexplained', () => {
    const rec = reconcileOne({ name: 'x', ticket: goodTicket(), theirsMs: 7 * H + 13 * MIN, cause: '' });
    expect(rec.rows[0]).toMatchObject({ status: 'differ', causes: [] });
    expect(rec.unexplained).toBe(1);
  });

  it('the same figure agrees, and explains nothing', () => {
    const rec = reconcileOne({ name: 'x', ticket: goodTicket(), theirsMs: 2 * H, cause: '' });
    expect(rec.rows[0]).toMatchObject({ status: 'agree', causes: [] });
    expect(rec.differences).toBe(0);
  });
});
