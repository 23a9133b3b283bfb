import type { CreditLine } from './credits/credit-line.js';
import { ticketCredits } from './credits/ticket-credits.js';
import { monthLabel, monthOf, type Period } from './period.js';
import { PolicyClocks } from './policy/clocks.js';
import type { Policy } from './policy/model.js';
import type { IncidentCheck } from './tickets/effective-priority.js';
import { evaluateTicket, type TicketResult, type TicketStatus } from './tickets/evaluate.js';
import type { Ticket } from './tickets/ticket.js';
import { ZoneOffsets } from './time/zone.js';

export interface StatusCounts {
  tickets: number;
  met: number;
  breached: number;
  pending: number;
  excluded: number;
  noTarget: number;
  notMeasured: number;
}

export interface TicketSummary extends StatusCounts {
  bySeverity: Record<string, StatusCounts>;
}

export interface TicketAuditInput {
  policy: Policy;
  tier: string;
  period: Period;
  asOf: number;
  tickets: readonly Ticket[];
  /** Monthly fee in minor units, or null for percentages only. */
  feeMinor: number | null;
  associated?: IncidentCheck;
}

export interface TicketAudit {
  /** Tickets created in the period, in input order. */
  results: TicketResult[];
  /** Tickets created in other months: label → count. */
  outsidePeriod: Map<string, number>;
  summary: TicketSummary;
  credits: CreditLine[];
}

const KEY: Record<TicketStatus, keyof Omit<StatusCounts, 'tickets'>> = {
  met: 'met',
  breached: 'breached',
  pending: 'pending',
  excluded: 'excluded',
  'no-target': 'noTarget',
  'not-measured': 'notMeasured',
};

const emptyCounts = (): StatusCounts => ({ tickets: 0, met: 0, breached: 0, pending: 0, excluded: 0, noTarget: 0, notMeasured: 0 });

/** Evaluate the period's tickets and the ticket credits they earn. */
export function auditTickets(input: TicketAuditInput): TicketAudit {
  const { policy, tier, period, asOf } = input;
  const clocks = new PolicyClocks(policy);
  const offsets = new ZoneOffsets(period.zone);
  const results: TicketResult[] = [];
  const outsidePeriod = new Map<string, number>();
  const summary: TicketSummary = { ...emptyCounts(), bySeverity: Object.fromEntries(policy.priorities.map((p) => [p.id, emptyCounts()])) };
  for (const ticket of input.tickets) {
    if (ticket.createdAt < period.start || ticket.createdAt >= period.end) {
      const m = monthOf(ticket.createdAt, offsets);
      const label = monthLabel(m.year, m.month);
      outsidePeriod.set(label, (outsidePeriod.get(label) ?? 0) + 1);
      continue;
    }
    const r = evaluateTicket(ticket, { policy, clocks, tier, asOf, ...(input.associated ? { associated: input.associated } : {}) });
    results.push(r);
    const key = KEY[r.status];
    summary.tickets++;
    summary[key]++;
    const bucket = summary.bySeverity[r.effectivePriority]!;
    bucket.tickets++;
    bucket[key]++;
  }
  return { results, outsidePeriod, summary, credits: ticketCredits(results, policy.credits, period, input.feeMinor) };
}
