import type { CreditLine } from '../core/credits/credit-line.js';
import type { Issue } from '../core/issues.js';
import type { Period } from '../core/period.js';
import type { MetricId } from '../core/policy/model.js';
import type { AuditReport } from '../core/report.js';
import { formatIsoDate } from '../core/time/civil.js';
import { isoInstant, localTimeFormatter } from '../core/time/local-time.js';

// What a period's report cannot settle or must say, as warnings: built from the audit's results,
// never left for a reader to notice.

const UNMEASURED_WHY: Record<MetricId, string> = {
  firstResponse: 'first response (no first-response field and no vendor reply among events)',
  ongoingResponse: 'ongoing response (no replies among events)',
  updateCadence: 'update cadence (no replies among events)',
  resolution: 'resolution (no resolved field)',
};

/**
 * Tickets whose tier promises a metric the evidence cannot measure: never met, counted apart and
 * said (SPEC 3.6) — a promise nobody can check is not a promise kept.
 */
export function unmeasured(
  period: Period,
  tickets: number,
  byMetric: ReadonlyMap<MetricId, number>,
  files: string,
): Issue[] {
  if (tickets === 0) return [];
  const what = [...byMetric].map(([m, n]) => `${UNMEASURED_WHY[m]}: ${n}`).join('; ');
  return [
    {
      code: 'TICKETS_NOT_MEASURED',
      file: files,
      message: `${tickets} ticket(s) of ${period.label} are not measured, so none of them counts as met: the evidence cannot check what their tier promises — ${what}`,
      hint: 'give the events export (--events) with the replies and status changes, or a column for the missing field',
    },
  ];
}

/** Earlier periods that escalation or the yearly cap needed and the evidence does not cover: named, with which way the credit may be off. */
export function unknownHistory(
  period: Period,
  unknown: readonly string[],
  lines: readonly CreditLine[],
  total: AuditReport['creditTotal'],
): Issue[] {
  if (unknown.length === 0) return [];
  const effects = [
    ...(lines.some((l) => (l.basis.escalation as { unknownPeriod?: string } | undefined)?.unknownPeriod !== undefined)
      ? ['a run of periods owing a credit stops at them (a credit may be higher)']
      : []),
    ...(total.year && total.year.unknownPeriods.length > 0
      ? ['the yearly cap counts only what they are known to owe (the total may be lower)']
      : []),
  ];
  return [
    {
      code: 'CREDIT_HISTORY_UNKNOWN',
      file: 'credits',
      message: `the credits of ${period.label} depend on ${unknown.join(', ')}, whose credits the evidence does not settle: ${effects.join('; ')}`,
      hint: 'give a ticket export and logs that reach back over those periods',
    },
  ];
}

/** Logs that cover too little of the period for a verdict: said, with where they are silent. */
export function thinEvidence(
  rows: AuditReport['availability'],
  period: Period,
  minimum: number,
  files: string,
  noData: 'exclude' | 'down' | 'up',
): Issue[] {
  if (noData !== 'exclude') return statedNoData(rows, period, minimum, files, noData);
  const short = rows.filter((r) => r.coverageShort && r.availabilityPercent !== null);
  if (short.length === 0) return [];
  const all = short.find((r) => r.service === 'all') ?? short[0]!;
  const local = localTimeFormatter(period.zone);
  const spans =
    all.noData
      .slice(0, 3)
      .map(([a, b]) => `${local(a)} → ${local(b)}`)
      .join(', ') + (all.noData.length > 3 ? `, and ${all.noData.length - 3} more` : '');
  const services = short.map((r) => `${r.service} ${(r.coveragePercent ?? 0).toFixed(1)}%`).join(', ');
  return [
    {
      code: 'LOW_COVERAGE',
      file: files,
      message: `the logs cover too little of ${period.label} for a verdict (minimum ${minimum}%: ${services}); no data ${spans} (${period.zone})`,
    },
  ];
}

/**
 * A contract that counts the time without data as up (or down) decides the verdict itself where the
 * logs are thin: never said nothing of. The verdict stands on that statement, and the warning says so.
 */
function statedNoData(
  rows: AuditReport['availability'],
  period: Period,
  minimum: number,
  files: string,
  noData: 'down' | 'up',
): Issue[] {
  const thin = rows.filter((r) => r.coveragePercent !== null && r.coveragePercent < minimum);
  if (thin.length === 0) return [];
  const services = thin.map((r) => `${r.service} ${(r.coveragePercent ?? 0).toFixed(1)}%`).join(', ');
  return [
    {
      code: 'NO_DATA_COUNTED_AS_STATED',
      file: files,
      message: `the logs cover less than ${minimum}% of ${period.label} (${services}): the rest is counted as ${noData}, as the contract states (availability.noData: ${noData}), so the verdict rests on that statement, not on the logs`,
      hint: 'give logs that cover the period, or remove availability.noData to have no verdict where they do not',
    },
  ];
}

/** What the report cannot know yet, or what is already too late, at as-of: said, not left to be noticed. */
export function timeliness(period: Period, asOf: number, credits: readonly CreditLine[]): Issue[] {
  const out: Issue[] = [];
  const at = isoInstant(asOf);
  if (asOf < period.start)
    out.push({
      code: 'PERIOD_IN_FUTURE',
      file: '--as-of',
      message: `${period.label} has not begun at ${at}: the report has no evidence for it yet`,
    });
  else if (asOf < period.end)
    out.push({
      code: 'PERIOD_NOT_OVER',
      file: '--as-of',
      message: `${period.label} is not over at ${at}: pending tickets, availability and credits may still change`,
    });
  const late = credits.filter((c) => c.expired === true);
  if (late.length > 0) {
    const days = [...new Set(late.map((c) => formatIsoDate(c.claimBy!)))].join(', ');
    out.push({
      code: 'CLAIM_DEADLINE_PASSED',
      file: '--as-of',
      message: `the claim deadline (${days}) of ${late.length} credit line(s) of ${period.label} has passed at ${at}: they are expired, shown apart and not in the total`,
    });
  }
  return out;
}

export function unknownAvailability(rows: AuditReport['availability'], period: Period, files: string): Issue[] {
  return rows
    .filter((row) => row.availabilityPercent === null)
    .map((row) => ({
      code: 'NO_ELIGIBLE_TIME',
      file: files,
      message: `${row.service}: no eligible time in ${period.label} (the logs do not cover it): availability is unknown`,
    }));
}
