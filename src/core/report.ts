import type { TicketSummary } from './audit.js';
import type { AvailabilityRow } from './availability/availability.js';
import type { CreditLine, CreditTotal } from './credits/credit-line.js';
import type { Issue } from './issues.js';
import type { Period } from './period.js';
import { isTicketModel, type Policy, type TierDef } from './policy/model.js';
import type { TicketResult } from './tickets/evaluate.js';
import { isoInstant } from './time/local-time.js';

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

/**
 * A file the run read, with its SHA-256 taken from the bytes as they were read: what a dashboard,
 * an auditor or a vendor checks a report against.
 */
export interface FileDigest {
  role: 'tickets' | 'events' | 'uptime' | 'policy' | 'contract' | 'map';
  /**
   * As the report names it: an input relative to the contract's folder (the working folder without
   * a contract) where it lies there, "-" for stdin; a bundled policy as `bundled:<id>`.
   */
  path: string;
  sha256: string;
  bytes: number;
  /** An input's records read, and of them skipped as invalid (--skip-invalid). */
  records?: { read: number; skipped: number };
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
  /**
   * Set (with the TICKETS_PERIOD_NOT_COVERED warning) where the ticket export does not cover the period —
   * it lies before the export's first ticket (`firstTicket`, epoch ms; null: the export holds none), or the
   * export says it is one page of more (`pages`: those files; paging.ts), whatever its first ticket — so
   * that claims, gauges and trends read that its empty ticket list is no evidence of none, never as clean.
   */
  ticketsNotCovered?: { firstTicket: number | null; pages?: string[] };
  /**
   * Every file the run read — its inputs (each with its records read and skipped), then the policy,
   * contract and map files — with its checksum: the run's, the same for each period of a range.
   */
  files?: FileDigest[];
}

/**
 * `--fail-on`: `breach`, any breach (a ticket, or availability below target); `credit`, any credit
 * owed. What the evidence cannot decide is neither found nor clean: it is said apart (exit 4).
 */
export type FailOn = 'breach' | 'credit';

/** One reason a run meets a --fail-on condition, or cannot tell whether it does: data, worded by a renderer. */
export type FailReason =
  | { kind: 'tickets-breached'; period: string; count: number }
  | { kind: 'availability-below-target'; period: string; services: string[] }
  | { kind: 'credit-owed'; period: string; percent: number; amountMinor: number | null; currency: string }
  | { kind: 'availability-undecided'; period: string; services: string[] }
  | { kind: 'tickets-not-measured'; period: string; count: number }
  | { kind: 'tickets-not-covered'; period: string; firstTicket: string | null; pages?: string[] }
  | { kind: 'credits-undecided'; period: string; count: number }
  | { kind: 'rows-skipped'; count: number };

/**
 * Why a run's reports meet `condition` (`found`: exit 1) or cannot be said not to (`undecided`: the
 * evidence cannot decide — availability on too little coverage, a credit that depends on it, a
 * promised metric not measured, a period before the ticket export's first ticket — or is incomplete,
 * rows skipped as invalid: exit 4). Period by period, in order; rows skipped are the run's, said once.
 */
export function failOnReasons(
  reports: readonly AuditReport[],
  condition: FailOn,
): { found: FailReason[]; undecided: FailReason[] } {
  const found: FailReason[] = [];
  const undecided: FailReason[] = [];
  for (const r of reports) {
    const period = r.period.label;
    // A period before the ticket export's first ticket: no ticket there is no evidence of none (TICKETS_PERIOD_NOT_COVERED).
    const notCovered = r.ticketsNotCovered;
    const firstTicket =
      notCovered === undefined || notCovered.firstTicket === null ? null : isoInstant(notCovered.firstTicket);
    if (condition === 'breach') {
      if (r.summary.breached > 0) found.push({ kind: 'tickets-breached', period, count: r.summary.breached });
      const below = r.availability.filter((a) => a.met === false).map((a) => a.service);
      if (below.length > 0) found.push({ kind: 'availability-below-target', period, services: below });
      // Availability the evidence cannot decide (too little coverage, an empty log) is not "no breach": a cron job must hear of it.
      const unknown = r.availability.filter((a) => a.met === null && a.targetPercent !== null).map((a) => a.service);
      if (unknown.length > 0) undecided.push({ kind: 'availability-undecided', period, services: unknown });
      if (r.summary.notMeasured > 0)
        undecided.push({ kind: 'tickets-not-measured', period, count: r.summary.notMeasured });
      if (notCovered) undecided.push(notCoveredReason(period, firstTicket, notCovered.pages));
    } else {
      const t = r.creditTotal;
      if (t.percent > 0)
        found.push({
          kind: 'credit-owed',
          period,
          percent: t.percent,
          amountMinor: t.amountMinor,
          currency: r.currency,
        });
      // A credit the data cannot decide yet needs someone's attention as much as one that is due.
      const open = r.credits.filter((c) => c.eligible === null && c.expired !== true).length;
      if (open > 0) undecided.push({ kind: 'credits-undecided', period, count: open });
      // Only a ticket model's credit rests on the tickets: an uncovered period leaves it undecided.
      if (ticketCreditsNotCovered(r)) undecided.push(notCoveredReason(period, firstTicket, notCovered!.pages));
    }
  }
  // Of every input (the uptime logs' too), where the report names its files.
  const first = reports[0];
  const skipped = first?.files
    ? first.files.reduce((n, f) => n + (f.records?.skipped ?? 0), 0)
    : (first?.rows.skipped ?? 0);
  if (skipped > 0) undecided.push({ kind: 'rows-skipped', count: skipped });
  return { found, undecided };
}

/** A period the ticket export does not cover: before its first ticket, or its export is one page of more. */
function notCoveredReason(period: string, firstTicket: string | null, pages: string[] | undefined): FailReason {
  return { kind: 'tickets-not-covered', period, firstTicket, ...(pages !== undefined ? { pages } : {}) };
}

/**
 * Whether the period's ticket credits cannot be decided because the ticket export does not cover it: only a
 * ticket model's credit rests on the tickets (availability credits are decided by the logs alone).
 */
export function ticketCreditsNotCovered(r: AuditReport): boolean {
  return r.ticketsNotCovered !== undefined && r.policy.credits.models.some(isTicketModel);
}

/** Whether a report meets `condition` or cannot be said not to: what `--fail-on` acts on (exit 1 or 4). */
export function failsOn(report: AuditReport, condition: FailOn): boolean {
  const { found, undecided } = failOnReasons([report], condition);
  return found.length + undecided.length > 0;
}
