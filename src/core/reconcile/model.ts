import type { CreditTotal } from '../credits/credit-line.js';
import type { Finding } from '../issues.js';
import type { MetricStatus } from '../tickets/evaluate.js';

/** The metrics a helpdesk reports a figure for: one clock from creation to one instant. */
export type VendorMetric = 'firstResponse' | 'resolution';
export const VENDOR_METRICS: readonly VendorMetric[] = ['firstResponse', 'resolution'];

export type Verdict = 'met' | 'breached';

/**
 * One figure the vendor reports for one ticket and metric, as its own tool computed it: the time on
 * its clock (milliseconds), its verdict, or both. Evidence to reconcile with, never our answer.
 */
export interface VendorFigure {
  id: string;
  metric: VendorMetric;
  /** Covered time on the vendor's clock (ms); null when it states only a verdict. */
  elapsedMs: number | null;
  /** The vendor's own verdict, where it states one. */
  verdict: Verdict | null;
  /** Where the figure was read: "file:line". */
  source: string;
}

/**
 * What else the vendor's evidence shows of a ticket, that a convention needs to be tried: the
 * first assignment (a clock that starts then) and the first internal note by an agent (a tool
 * that counts it as a reply). Epoch ms.
 */
export interface TicketFacts {
  assignedAt?: number;
  firstInternalReplyAt?: number;
}

/** Both sides' figures of one ticket and metric, and what explains a difference. */
export interface ReconcileRow {
  id: string;
  metric: VendorMetric;
  ours: { status: MetricStatus; elapsedMs: number | null; targetMs: number | null; target: string | null };
  theirs: {
    elapsedMs: number | null;
    /** As the vendor states it, or else its figure against our target; null when neither says. */
    verdict: Verdict | null;
    /** true: the vendor states the verdict; false: derived from its figure and our target. */
    stated: boolean;
    source: string;
  };
  /** Theirs − ours (ms); null when either side has no figure. */
  differenceMs: number | null;
  /**
   * `not-compared`: our side has no measure (not measured, no target) or theirs neither a time nor a
   * verdict — no difference can be said, and none is counted.
   */
  status: 'agree' | 'differ' | 'not-compared';
  /**
   * For a difference: each convention that closes it (within the tolerance), tried one at a time, the
   * first the one named; empty: unexplained. Empty when the figures agree.
   */
  causes: Finding[];
}

/** How many tickets each side has: in both, only ours, only theirs (with a few ids of each). */
export interface Coverage {
  both: number;
  onlyOurs: number;
  onlyTheirs: number;
  onlyOursSample: string[];
  onlyTheirsSample: string[];
}

/** One cell of a metric's verdict cross-tab: our verdict against theirs. */
export interface CrossCell {
  metric: VendorMetric;
  ours: MetricStatus;
  theirs: Verdict | 'unknown';
  tickets: number;
}

/** How many differences one cause explains ("38 of 41 differences: the vendor's calendar has no holidays"). */
export interface CauseCount {
  cause: Finding;
  differences: number;
}

/**
 * The period's credits as the audit settles them (escalation, the yearly cap, expiry): by our verdicts — the
 * audit's own total — and by theirs (ours where they state none), through the same settlement.
 */
export interface MoneyImpact {
  ours: CreditTotal;
  theirs: CreditTotal;
  /**
   * Lines each side leaves undecided (a ticket pending or not measured, a credit the yearly cap may cut), not
   * expired: in neither total, never "nothing owed".
   */
  undecidedLines: { ours: number; theirs: number };
  currency: string;
}

export interface Reconciliation {
  period: string;
  toleranceMs: number;
  coverage: Coverage;
  crossTab: CrossCell[];
  rows: ReconcileRow[];
  /** Rows that differ, and of them those no convention explains. */
  differences: number;
  unexplained: number;
  notCompared: number;
  byCause: CauseCount[];
  money: MoneyImpact;
}
