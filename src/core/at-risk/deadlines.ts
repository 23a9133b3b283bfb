import { claimDay } from '../credits/claim.js';
import { periodBefore, type BillingPeriod, type Period } from '../period.js';
import type { CreditSpec } from '../policy/model.js';
import type { AuditReport } from '../report.js';

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

/** The periods of `reports` with something to claim (owed, or undecided) whose deadline is at most `days` days away. */
export function deadlinesWithin(reports: readonly AuditReport[], days: number): ClaimDeadline[] {
  const out: ClaimDeadline[] = [];
  for (const r of reports) {
    const open = r.credits.filter((c) => c.claimBy !== null && c.expired !== true && c.eligible !== false);
    const undecidedLines = open.filter((c) => c.eligible === null).length;
    const first = open[0];
    if (first === undefined || first.daysLeft == null || first.daysLeft > days) continue;
    if (r.creditTotal.percent === 0 && undecidedLines === 0) continue;
    out.push({
      period: r.period.label,
      claimBy: first.claimBy!,
      daysLeft: first.daysLeft,
      percent: r.creditTotal.percent,
      amountMinor: r.creditTotal.amountMinor,
      currency: r.currency,
      undecidedLines,
    });
  }
  return out;
}
