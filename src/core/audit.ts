import type { CreditLine, TicketEvidence } from './credits/credit-line.js';
import { failureOf, ticketCredits } from './credits/ticket-credits.js';
import type { Period } from './period.js';
import { PolicyClocks } from './policy/clocks.js';
import type { Policy } from './policy/model.js';
import type { IncidentCheck } from './tickets/effective-priority.js';
import { evaluateTicket, type EvaluationContext, type TicketResult, type TicketStatus } from './tickets/evaluate.js';
import type { Ticket } from './tickets/ticket.js';

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
  /** Monthly fee in minor units, or null for percentages only. */
  feeMinor: number | null;
  associated?: IncidentCheck;
}

export interface TicketAudit {
  /** Tickets created in the period, in input order (empty when not kept). */
  results: TicketResult[];
  /** Tickets created outside the period (the caller names their months once, for a warning). */
  outsidePeriod: number;
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

/**
 * One period's ticket audit, fed one ticket at a time: memory holds the
 * counts and the credit evidence, not the tickets. Each result goes to
 * `onResult` (a streaming report writer), and is kept only when asked.
 */
export class TicketAuditor {
  private readonly ctx: EvaluationContext;
  private readonly results: TicketResult[] = [];
  private outsidePeriod = 0;
  private readonly summary: TicketSummary;
  private readonly failures: Map<string, TicketEvidence[]>;

  constructor(
    private readonly input: TicketAuditInput,
    private readonly options: { keepResults: boolean; onResult?: (r: TicketResult) => void } = { keepResults: true },
  ) {
    const { policy, tier, asOf } = input;
    const targets = policy.tiers.find((t) => t.id === tier)?.targets;
    this.ctx = { policy, clocks: new PolicyClocks(policy), tier, asOf, ...(targets ? { targets } : {}), ...(input.associated ? { associated: input.associated } : {}) };
    this.summary = { ...emptyCounts(), bySeverity: Object.fromEntries(policy.priorities.map((p) => [p.id, emptyCounts()])) };
    this.failures = new Map(policy.credits.models.filter((m) => m.kind !== 'availability-tiers').map((m) => [m.id, []]));
  }

  add(ticket: Ticket): void {
    const { period } = this.input;
    if (ticket.createdAt < period.start || ticket.createdAt >= period.end) {
      this.outsidePeriod++;
      return;
    }
    const r = evaluateTicket(ticket, this.ctx);
    const key = KEY[r.status];
    this.summary.tickets++;
    this.summary[key]++;
    const bucket = this.summary.bySeverity[r.effectivePriority]!;
    bucket.tickets++;
    bucket[key]++;
    for (const model of this.input.policy.credits.models) {
      if (model.kind === 'availability-tiers') continue;
      const f = failureOf(r, model.metrics);
      if (f) this.failures.get(model.id)!.push(f);
    }
    this.options.onResult?.(r);
    if (this.options.keepResults) this.results.push(r);
  }

  finish(): TicketAudit {
    const { policy, period, feeMinor } = this.input;
    return { results: this.results, outsidePeriod: this.outsidePeriod, summary: this.summary, credits: ticketCredits(this.failures, policy.credits, period, feeMinor) };
  }
}
