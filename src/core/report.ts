import type { TicketSummary } from './audit.js';
import type { AvailabilityRow } from './availability/availability.js';
import type { CreditLine, CreditTotal } from './credits/credit-line.js';
import type { Issue } from './issues.js';
import type { Period } from './period.js';
import type { Policy, TierDef } from './policy/model.js';
import type { TicketResult } from './tickets/evaluate.js';

/** How the input rows were accounted for (SPEC 3.7): nothing is dropped silently. */
export interface RowCounts {
  /** Data rows read. */
  read: number;
  /** Tickets created in the period. */
  used: number;
  /** Rows skipped as invalid (--skip-invalid). */
  skipped: number;
  /** Tickets created in another period. */
  outsidePeriod: number;
  /** Rows replaced by a later row of the same id (event-log exports). */
  superseded: number;
  /** Records a map's `where` passed over as not tickets: with `read`, every record of the exports. */
  filtered: number;
}

/** What a report holds before any input is read: the same for every ticket of the period. */
export interface ReportHead {
  generator: { name: string; version: string };
  policy: Policy;
  tier: TierDef;
  period: Period;
  /** Epoch ms. */
  asOf: number;
  currency: string;
  /** The fee of the period in minor units (a month's or a quarter's); null for percentages only. */
  feeMinor: number | null;
  /**
   * The contract file applied (relative to the working folder where inside it), and whether it was found
   * rather than given, with the agreement's reference and who claims from whom (finance quotes them to the
   * vendor); null: none.
   */
  contract: {
    file: string;
    found: boolean;
    reference: string | null;
    customer: string | null;
    vendor: { name: string | null; claimsContact: string | null } | null;
  } | null;
  /** Which evidence the audit was given: a report shows the sections it has evidence for. */
  sections: { tickets: boolean; availability: boolean };
  /** The inputs read, as named (paths as given, or stream names): what each ticket's `line` and each source refer to. */
  inputs: { tickets: string[]; events: string[]; uptime: string[] };
}

/**
 * One period's audit as data — numbers, instants (epoch ms) and coded
 * warnings, no text made for display. Every renderer (JSON, table, CSV,
 * Markdown) reads this and nothing else.
 */
export interface AuditReport extends ReportHead {
  /** The period's tickets in input order; empty when they went to a sink instead. */
  tickets: TicketResult[];
  summary: TicketSummary;
  rows: RowCounts;
  /** One row per service in scope, then `all`. */
  availability: AvailabilityRow[];
  credits: CreditLine[];
  creditTotal: CreditTotal;
  warnings: Issue[];
}

/**
 * `--fail-on`: a report with any breach (a ticket, or availability below
 * target), or with any credit owed — or that may be owed: a credit the data
 * cannot decide yet needs someone's attention as much as one that is due.
 */
export type FailOn = 'breach' | 'credit';

export function failsOn(report: AuditReport, condition: FailOn): boolean {
  // Availability the evidence cannot decide (too little coverage, an empty log) is not "no breach": a cron job must hear of it.
  if (condition === 'breach')
    return (
      report.summary.breached > 0 ||
      report.availability.some((a) => a.met === false || (a.met === null && a.targetPercent !== null))
    );
  return report.creditTotal.percent > 0 || report.credits.some((c) => c.eligible === null && c.percent > 0);
}
