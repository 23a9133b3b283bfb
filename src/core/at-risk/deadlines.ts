import { claimDay } from '../credits/claim.js';
import { periodBefore, type BillingPeriod, type Period } from '../period.js';
import type { CreditSpec } from '../policy/model.js';
import { ticketCreditsNotCovered, type AuditReport } from '../report.js';

/** A period with a credit still to claim, whose deadline falls within the days asked for. */
export interface ClaimDeadline {
  period: string;
  /** The last local date to claim (day number in the billing zone), and whole days left to it (0: today is the last). */
  claimBy: number;
  daysLeft: number;
  /** What is owed (the period's total, caps applied; minor units, null without a fee), and in what currency. */
  percent: number;
  amountMinor: number | null;
  currency: string;
  /** Lines the evidence cannot decide yet: they may be owed too. */
  undecidedLines: number;
  /**
   * The ticket export does not cover the period (before its first ticket, or one page of more): its ticket
   * credits have no line at all, so what is owed is unknown — percent and amount are only the lines there are.
   */
  ticketsNotCovered: boolean;
}

/** At most this many earlier periods are looked at: ten years of months. */
const MAX_PERIODS = 120;

/**
 * The periods before `current` whose claim deadline has not passed on `today` (a local day number in
 * the billing zone), oldest first. Deadlines only move later with the period, so the walk back stops
 * at the first one that has passed. None when the policy sets no deadline.
 */
export function periodsOpenToClaim(current: Period, spec: CreditSpec, billing: BillingPeriod, today: number): Period[] {
  const rule = spec.claimBy;
  if (rule === null) return [];
  const out: Period[] = [];
  for (let n = 1; n <= MAX_PERIODS; n++) {
    const p = periodBefore(current, n, billing);
    if (p.year < 1900 || claimDay(p, rule) < today) break;
    out.push(p);
  }
  return out.reverse();
}

/**
 * The periods of `reports` with something to claim (owed, or undecided) whose deadline is at most `days`
 * days after `today` (a local day number in the billing zone). A period the ticket export does not cover
 * has no line for its ticket credits, so its deadline is the policy's for the period: undecided, never
 * left out as nothing to claim.
 */
export function deadlinesWithin(reports: readonly AuditReport[], days: number, today: number): ClaimDeadline[] {
  const out: ClaimDeadline[] = [];
  for (const r of reports) {
    const open = r.credits.filter((c) => c.claimBy !== null && c.expired !== true && c.eligible !== false);
    const undecidedLines = open.filter((c) => c.eligible === null).length;
    const notCovered = ticketCreditsNotCovered(r) && r.policy.credits.claimBy !== null;
    const claimBy = open[0]?.claimBy ?? (notCovered ? claimDay(r.period, r.policy.credits.claimBy!) : null);
    const daysLeft = open[0]?.daysLeft ?? (claimBy === null ? null : claimBy - today);
    if (claimBy === null || daysLeft === null || daysLeft < 0 || daysLeft > days) continue;
    if (r.creditTotal.percent === 0 && undecidedLines === 0 && !notCovered) continue;
    out.push({
      period: r.period.label,
      claimBy,
      daysLeft,
      percent: r.creditTotal.percent,
      amountMinor: r.creditTotal.amountMinor,
      currency: r.currency,
      undecidedLines,
      ticketsNotCovered: notCovered,
    });
  }
  return out;
}
