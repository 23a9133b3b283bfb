import type { AuditReport } from '../report.js';

/** One period of a range as finance reads it: what is owed, what expired unclaimed, what is still open. */
export interface PeriodOwed {
  label: string;
  /** The period's credit total at as-of (eligible lines not expired, capped), minor units; null without a fee. */
  owedMinor: number | null;
  /** What the lines whose deadline has passed came to (never owed); null without a fee. */
  expiredMinor: number | null;
  expiredLines: number;
  /** Lines the evidence cannot decide yet: not in the total, not yet lost. */
  undecidedLines: number;
  /** The earliest deadline (a local day number, inclusive) of its lines still owed or undecided, and the days left to it. */
  claimBy: number | null;
  daysLeft: number | null;
}

/** A range's credits in one currency: its periods and their sum. */
export interface RangeTotal {
  currency: string;
  periods: PeriodOwed[];
  /** The sum of the periods' totals, minor units; null when a period's amount is unknown (no fee). */
  owedMinor: number | null;
  expiredMinor: number | null;
  expiredLines: number;
  undecidedLines: number;
  claimBy: number | null;
  daysLeft: number | null;
}

/**
 * The credits of several periods summed per currency, in the order the currencies first appear: amounts
 * of one currency are never added to another's. Each period's total is already capped as its policy says;
 * the sum adds those totals and nothing else (expired and undecided lines are counted apart).
 */
export function rangeTotals(reports: readonly AuditReport[]): RangeTotal[] {
  const by = new Map<string, RangeTotal>();
  for (const r of reports) {
    let t = by.get(r.currency);
    if (!t) {
      t = {
        currency: r.currency,
        periods: [],
        owedMinor: 0,
        expiredMinor: 0,
        expiredLines: 0,
        undecidedLines: 0,
        claimBy: null,
        daysLeft: null,
      };
      by.set(r.currency, t);
    }
    const p = periodOwed(r);
    t.periods.push(p);
    t.owedMinor = sum(t.owedMinor, p.owedMinor);
    t.expiredMinor = sum(t.expiredMinor, p.expiredMinor);
    t.expiredLines += p.expiredLines;
    t.undecidedLines += p.undecidedLines;
    if (p.claimBy !== null && (t.claimBy === null || p.claimBy < t.claimBy)) {
      t.claimBy = p.claimBy;
      t.daysLeft = p.daysLeft;
    }
  }
  return [...by.values()];
}

/** One period's credits as finance reads them: owed, expired unclaimed, undecided lines, the next deadline. */
export function periodOwed(r: AuditReport): PeriodOwed {
  // Undecided lines count even at 0%: the evidence may yet owe their most (availability unknown).
  const open = r.credits.filter(
    (c) => c.eligible !== false && c.expired !== true && (c.percent > 0 || c.eligible === null),
  );
  let next: (typeof open)[number] | undefined;
  for (const c of open) if (c.claimBy !== null && (next === undefined || c.claimBy < next.claimBy!)) next = c;
  const gone = r.creditTotal.expired;
  return {
    label: r.period.label,
    owedMinor: r.creditTotal.amountMinor,
    expiredMinor: gone ? gone.amountMinor : 0,
    expiredLines: gone?.lines ?? 0,
    undecidedLines: open.filter((c) => c.eligible === null).length,
    claimBy: next?.claimBy ?? null,
    daysLeft: next?.daysLeft ?? null,
  };
}

const sum = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);
