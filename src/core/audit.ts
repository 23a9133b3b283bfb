import type { CreditLine, OpenTicket, TicketEvidence } from './credits/credit-line.js';
import { failureOf, openOf, ticketCredits } from './credits/ticket-credits.js';
import type { Period } from './period.js';
import { PolicyClocks } from './policy/clocks.js';
import { isTicketModel, METRICS, type MetricId, type Policy } from './policy/model.js';
import type { IncidentCheck } from './tickets/effective-priority.js';
import { evaluateTicket, type EvaluationContext, type TicketResult, type TicketStatus } from './tickets/evaluate.js';
import type { Ticket } from './tickets/ticket.js';
import { unmeasuredCause, type Unmeasured } from './tickets/unmeasured.js';

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
  /**
   * Of the period's tickets (not excluded), how many had each promised metric not measured:
   * the evidence could not check it, so none of them is met (SPEC 3.6); apart, those it could not check for
   * resting on replies of unknown visibility.
   */
  notMeasured: ReadonlyMap<Unmeasured, number>;
  /**
   * Tickets not measured because a rule of the policy changes their priority on a condition the export
   * cannot tell (and the targets of the two priorities disagree), with those conditions in words.
   */
  undecidedPriority: { tickets: number; conditions: ReadonlySet<string> };
  /**
   * Tickets (not excluded) the events show reopened after the export's resolution, and of them those with
   * no resolution after the last reopen: measured to their last resolution, said in a warning.
   */
  reopened: { tickets: number; unresolved: number };
}

const emptyCounts = (): StatusCounts => ({
  tickets: 0,
  met: 0,
  breached: 0,
  pending: 0,
  excluded: 0,
  noTarget: 0,
  notMeasured: 0,
});

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
  /** Per model, the tickets it counts that the evidence has not decided yet (pending, not measured). */
  private readonly open: Map<string, OpenTicket[]>;
  /** The ticket credit models, each with where its failures and open tickets go: looked up once, not per ticket. */
  private readonly ticketModels: Array<{
    metrics: readonly MetricId[];
    priorities: ReadonlySet<string> | null;
    into: TicketEvidence[];
    openInto: OpenTicket[];
  }>;
  private readonly bySeverity: Map<string, StatusCounts>;
  private readonly notMeasured = new Map<Unmeasured, number>();
  private readonly undecided = { tickets: 0, conditions: new Set<string>() };
  private readonly reopened = { tickets: 0, unresolved: 0 };

  constructor(
    private readonly input: TicketAuditInput,
    private readonly options: { keepResults: boolean; onResult?: (r: TicketResult) => void } = { keepResults: true },
  ) {
    const { policy, tier, asOf } = input;
    const targets = policy.tiers.find((t) => t.id === tier)?.targets;
    this.ctx = {
      policy,
      clocks: new PolicyClocks(policy),
      tier,
      asOf,
      ...(targets ? { targets } : {}),
      ...(input.associated ? { associated: input.associated } : {}),
    };
    this.summary = {
      ...emptyCounts(),
      bySeverity: Object.fromEntries(policy.priorities.map((p) => [p.id, emptyCounts()])),
    };
    const models = policy.credits.models.filter(isTicketModel);
    this.failures = new Map(models.map((m) => [m.id, []]));
    this.open = new Map(models.map((m) => [m.id, []]));
    this.ticketModels = models.map((m) => ({
      metrics: m.metrics,
      priorities: m.priorities === null ? null : new Set(m.priorities),
      into: this.failures.get(m.id)!,
      openInto: this.open.get(m.id)!,
    }));
    this.bySeverity = new Map(Object.entries(this.summary.bySeverity));
  }

  add(ticket: Ticket): void {
    const { period } = this.input;
    if (ticket.createdAt < period.start || ticket.createdAt >= period.end) {
      this.outsidePeriod++;
      return;
    }
    const r = evaluateTicket(ticket, this.ctx);
    count(this.summary, r.status);
    count(this.bySeverity.get(r.effectivePriority)!, r.status);
    // A met ticket has every metric measured (not-measured outranks met): only others are looked into.
    const undecided =
      r.status === 'not-measured' ? r.priorityReasons.filter((p) => p.code === 'PRIORITY_UNDECIDED') : [];
    if (undecided.length > 0) {
      this.undecided.tickets++;
      for (const p of undecided) this.undecided.conditions.add(p.detail ?? '');
    } else if (r.status === 'not-measured' || r.status === 'breached' || r.status === 'pending') {
      for (const m of METRICS) {
        const metric = r.metrics[m];
        if (metric?.status !== 'not-measured') continue;
        const why = unmeasuredCause(r.ticket, metric);
        this.notMeasured.set(why, (this.notMeasured.get(why) ?? 0) + 1);
      }
    }
    if (r.reopened !== undefined && r.status !== 'excluded' && r.status !== 'no-target') {
      this.reopened.tickets++;
      if (r.reopened.final === null) this.reopened.unresolved++;
    }
    for (const model of this.ticketModels) {
      // A model scoped to some priorities counts their failures only (by the effective priority).
      if (model.priorities !== null && !model.priorities.has(r.effectivePriority)) continue;
      const f = failureOf(r, model.metrics);
      if (f) model.into.push(f);
      else if (r.status !== 'met') {
        // A ticket not failed yet but not decided either may still owe: it makes the credit undecided.
        const o = openOf(r, model.metrics);
        if (o) model.openInto.push(o);
      }
    }
    this.options.onResult?.(r);
    if (this.options.keepResults) this.results.push(r);
  }

  finish(): TicketAudit {
    const { policy, period, feeMinor } = this.input;
    return {
      results: this.results,
      outsidePeriod: this.outsidePeriod,
      summary: this.summary,
      credits: ticketCredits(this.failures, policy.credits, period, feeMinor, this.open),
      notMeasured: this.notMeasured,
      undecidedPriority: this.undecided,
      reopened: this.reopened,
    };
  }
}

/** One more ticket of `status`: named properties, each a fixed place (a key looked up per ticket is not). */
function count(c: StatusCounts, status: TicketStatus): void {
  c.tickets++;
  switch (status) {
    case 'met':
      c.met++;
      break;
    case 'breached':
      c.breached++;
      break;
    case 'pending':
      c.pending++;
      break;
    case 'excluded':
      c.excluded++;
      break;
    case 'no-target':
      c.noTarget++;
      break;
    case 'not-measured':
      c.notMeasured++;
      break;
  }
}
