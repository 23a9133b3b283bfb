import type { Finding, FindingArgs } from '../issues.js';
import type { Period } from '../period.js';
import type { CreditModel, MetricId } from '../policy/model.js';

/** Evidence of one ticket's failure behind a credit. */
export interface TicketEvidence {
  id: string;
  metric: MetricId;
  dueAt: number;
  /** When the vendor responded; null when it still had not at as-of. */
  respondedAt: number | null;
  /** Where it was read: the ticket's row ("tickets.csv:12"), and the event that ended the wait, where one did. */
  source?: string | undefined;
  respondedFrom?: string | undefined;
}

/**
 * A ticket a credit model counts whose metric the evidence has not decided, and none breached: `pending`
 * (due after as-of) or `not-measured` (no evidence for it). It may yet owe, so the line it makes is undecided.
 */
export interface OpenTicket {
  id: string;
  metric: MetricId;
  status: 'pending' | 'not-measured';
  /** The ticket's row in its export ("tickets.csv:12"). */
  source?: string | undefined;
}

export interface CreditLine {
  /** The policy's credit model id. */
  rule: string;
  kind: CreditModel['kind'];
  /** The evidence: failed tickets (and those not decided yet, `open`), or the month's availability. */
  basis: { tickets?: TicketEvidence[]; open?: OpenTicket[]; [key: string]: unknown };
  percent: number;
  /** Minor units; null when no fee was given. */
  amountMinor: number | null;
  /** true, false, or null when it cannot be decided from the data. */
  eligible: boolean | null;
  /** Why it is owed (or not, or undecided): a code and its values, worded by the renderers. */
  reason: Finding;
  /** Last local date (day number) to claim, inclusive; null = no deadline. */
  claimBy: number | null;
  /**
   * Set once credits are settled at as-of: whole local days left to claim (0 on the last day;
   * null without a deadline), and whether the deadline has passed. An expired line is never owed:
   * it is shown apart and left out of the total (SPEC 3.11).
   */
  daysLeft?: number | null;
  expired?: boolean;
  /** The contract's service the line is owed for, when services have fees of their own; its fee (minor units). */
  service?: string;
  feeMinor?: number | null;
}

export interface CreditTotal {
  percent: number;
  amountMinor: number | null;
  capped: boolean;
  /** The total was under the policy's minimum payable amount, so nothing is paid (the lines stay, as evidence). */
  belowMinimum?: boolean;
  /** The cap per year: what the billing year allows, what its earlier periods took, and whether it was reached. */
  year?: YearCap;
  /** What the lines whose claim deadline has passed would have come to, capped alike: never part of the total. */
  expired?: { lines: number; percent: number; amountMinor: number | null };
}

export interface YearCap {
  /** Percent of the year's fees. */
  capPercent: number;
  capAmountMinor: number | null;
  /** The earlier periods' totals this billing year; percent of one period's fee. */
  earlierAmountMinor: number | null;
  earlierPercent: number;
  /** Earlier periods whose credits are unknown (counted as nothing: the total may be lower). */
  unknownPeriods: string[];
  reached?: boolean;
}

/**
 * The fee a credit is a share of, as a reason's args: the period's (monthly or quarterly) fee, or a
 * contract service's own (`service`).
 */
export function feeArgs(period: Period, service?: string): FindingArgs {
  return { quarter: period.months === 3, ...(service !== undefined ? { feeOf: service } : {}) };
}
