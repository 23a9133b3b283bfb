import type { Issue } from '../issues.js';
import type { Period } from '../period.js';
import type { Policy, TierDef } from '../policy/model.js';
import type { ServiceBudget } from './budget.js';
import type { ClaimDeadline } from './deadlines.js';
import type { TicketDue, TicketPaused } from './tickets.js';

/**
 * What is about to go wrong at as-of, as data: open tickets due within the window, tickets a pause
 * holds, each service's downtime budget for the period so far, and claim deadlines coming up.
 */
export interface AtRiskReport {
  policy: Policy;
  tier: TierDef;
  asOf: number;
  /** --within: how far ahead a due time counts (ms of wall-clock time). */
  withinMs: number;
  /** --deadlines: how many days ahead a claim deadline counts. */
  deadlineDays: number;
  /** The billing period holding as-of, of which `availability` is the part so far. */
  period: Period;
  currency: string;
  /** Which evidence there was: a section without it says so rather than show nothing as "nothing at risk". */
  sections: { tickets: boolean; availability: boolean; deadlines: boolean };
  /** Due within the window, soonest first. */
  tickets: TicketDue[];
  /** Held by a pause at as-of, least time left first. */
  paused: TicketPaused[];
  availability: ServiceBudget[];
  deadlines: ClaimDeadline[];
  warnings: Issue[];
}

/** The classes of finding `--fail-on` can name, each with its own exit code. */
export type AtRiskClass = 'ticket' | 'availability' | 'deadline';

/**
 * Where a service stands against its target at as-of, for a window: `found` when its downtime left is under
 * the window in every reading of what the evidence leaves open (or the target is missed already);
 * `undecided` when only the open time (outages across no data, daily totals, thin logs' silent days)
 * may put it under; null when it is not at risk.
 */
export function budgetStanding(s: ServiceBudget, withinMs: number): 'found' | 'undecided' | null {
  const target = s.thresholds.find((t) => t.kind === 'target');
  if (target === undefined) return null;
  if (target.crossed || target.leftAtMostMs < withinMs) return 'found';
  return target.leftMs < withinMs ? 'undecided' : null;
}

/**
 * Which classes have a finding: a ticket due within the window (a paused one is not due); a service
 * whose downtime left before its target is less than the window in every reading of the evidence (an
 * outage that long would miss it, or it is missed already); a claim deadline within the days asked for,
 * its credit owed or undecided (either must be claimed by then).
 */
export function classesFound(r: AtRiskReport): AtRiskClass[] {
  const out: AtRiskClass[] = [];
  if (r.tickets.length > 0) out.push('ticket');
  if (r.availability.some((s) => budgetStanding(s, r.withinMs) === 'found')) out.push('availability');
  if (r.deadlines.length > 0) out.push('deadline');
  return out;
}

/** The classes the evidence cannot decide, where nothing is found: a budget only the open time may put under the window. */
export function classesUndecided(r: AtRiskReport): AtRiskClass[] {
  return r.availability.some((s) => budgetStanding(s, r.withinMs) === 'undecided') ? ['availability'] : [];
}
