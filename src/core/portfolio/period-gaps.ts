import type { CreditLine } from '../credits/credit-line.js';
import { isTicketModel } from '../policy/model.js';
import { ticketCreditsNotCovered, type AuditReport } from '../report.js';

/**
 * Why a period's report cannot settle its standing or its credits, beyond what its lines say: the
 * period is not over (or not begun) at as-of, its ticket export does not cover it, or availability is
 * unknown with no undecided line to show it. Each leaves the period with no line for what it may owe.
 */
export type PeriodGap = 'not-begun' | 'not-over' | 'tickets-not-covered' | 'availability-unknown';

/**
 * Where time has not yet decided the period: not begun at as-of, or not over. Its tickets and downtime
 * to come are no evidence yet, so nothing of it is met, "no tickets" or settled as owed.
 */
export function timeGap(r: AuditReport): PeriodGap | null {
  if (r.asOf < r.period.start) return 'not-begun';
  return r.asOf < r.period.end ? 'not-over' : null;
}

/**
 * What the period leaves open for the claim of `service` (null: the period's whole claim), whose
 * credits `lines` are (null: every line of the period). The one place the portfolio asks whether a
 * claim's "owed" is all there is: a claim beyond it is then undecided, never "claimed but not owed".
 */
export function creditGaps(r: AuditReport, service: string | null, lines: readonly CreditLine[] | null): PeriodGap[] {
  const gaps: PeriodGap[] = [];
  const time = timeGap(r);
  if (time !== null) gaps.push(time);
  // Before the export's first ticket no ticket is no evidence of none: a ticket model's credit has no line to show.
  if (ticketCreditsNotCovered(r)) gaps.push('tickets-not-covered');
  if (availabilityOpen(r, service, lines ?? r.credits)) gaps.push('availability-unknown');
  return gaps;
}

/**
 * Availability the evidence cannot decide, for a policy whose availability models credit it, with no
 * undecided line to say so (a proportional model with no known downtime writes none): what it owes is open.
 */
function availabilityOpen(r: AuditReport, service: string | null, lines: readonly CreditLine[]): boolean {
  if (!r.policy.credits.models.some((m) => !isTicketModel(m))) return false;
  const unknown = r.availability.some(
    (a) => a.targetPercent !== null && a.met === null && (service === null || a.service === service),
  );
  if (!unknown) return false;
  const kinds = new Set(r.policy.credits.models.filter((m) => !isTicketModel(m)).map((m) => m.id));
  return !lines.some((l) => l.eligible === null && kinds.has(l.rule));
}
