import type { Finding } from '../issues.js';
import type { CauseCount, Coverage } from './model.js';

/** How a vendor's statement gives a service's period: minutes or seconds down, or its availability. */
export type StatementUnit = 'minutes' | 'seconds' | 'percent';

/** One line of a vendor's availability statement: a service, a period and the one figure it gives. */
export interface StatementFigure {
  service: string;
  /** The period's label: YYYY-MM, or the policy's own (2026-Q4). */
  period: string;
  unit: StatementUnit;
  /** The downtime it states (ms); null when it states a percentage. */
  downtimeMs: number | null;
  /** The availability it states, in millionths of a percent (99.95 → 99_950_000); null for a downtime. */
  percentMicros: number | null;
  /** Where it was read: "file:line". */
  source: string;
}

/** The rules of the downtime definition that reconciliation lifts, one at a time, in the order tried. */
export type AvailabilityRule = 'maintenance' | 'minimumOutage' | 'zones' | 'buckets' | 'noData';

/** What one rule does to our downtime: lifted, the downtime is ours plus `removedMs` (negative: the rule adds minutes). */
export interface RuleEffect {
  rule: AvailabilityRule;
  removedMs: number;
  /** The rule, worded: what the vendor counts otherwise than we do (its args name the rule, not the minutes). */
  finding: Finding;
}

/** Our downtime of one service and period against the vendor's figure. */
export interface AvailabilityReconcileRow {
  period: string;
  service: string;
  /**
   * `coveragePercent`: how much of the period less maintenance our logs cover; `coverageShort`: less
   * than the policy's minimum, so our downtime is only what the logs saw — a lower bound.
   */
  ours: {
    downtimeMs: number;
    eligibleMs: number;
    availabilityPercent: number | null;
    coveragePercent: number | null;
    coverageShort: boolean;
    /**
     * Downtime the evidence leaves open beyond `downtimeMs` (ms): outages across no data that may reach the
     * minimum outage, daily totals' minutes that may fall in the period. 0: none (or below the minimum coverage).
     */
    undecidedMs: number;
  };
  theirs: {
    unit: StatementUnit;
    /** As stated, or for a percentage the downtime it means over our eligible time (ms, half up); null when we have none. */
    downtimeMs: number | null;
    percentMicros: number | null;
    source: string;
  };
  /** Theirs − ours (ms); null when not compared. */
  differenceMs: number | null;
  /**
   * `not-compared`: the logs say nothing of the service that period, or a percentage has no eligible
   * time to apply to. `ours-incomplete`: our logs cover less than the minimum coverage and the vendor
   * states at least what they saw — the silence may hold the rest, so the figures can neither agree
   * nor be shown to differ (undecided). Theirs below what our logs saw still differs. So too where our evidence
   * leaves downtime open (`undecided` says how): theirs within our least and most is undecided, outside differs.
   */
  status: 'agree' | 'differ' | 'not-compared' | 'ours-incomplete';
  /** Why an `ours-incomplete` row with enough coverage is undecided: RECONCILE_OURS_UNDECIDED, our least and most. */
  undecided?: Finding;
  /** Each rule that changes our downtime here, with its minutes, in the order tried. */
  rules: RuleEffect[];
  /** For a difference: the rules whose minutes close it within the tolerance, the first the one named; empty: unexplained. */
  causes: RuleEffect[];
}

/** The availability side of a reconciliation: every period's rows, and coverage by "service period". */
export interface AvailabilityReconciliation {
  toleranceMs: number;
  coverage: Coverage;
  rows: AvailabilityReconcileRow[];
  differences: number;
  unexplained: number;
  notCompared: number;
  /** Rows whose figures our evidence cannot settle (`ours-incomplete`): short coverage, or downtime left open. */
  oursIncomplete: number;
  byCause: CauseCount[];
}
