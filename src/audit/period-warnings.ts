import type { CreditLine } from '../core/credits/credit-line.js';
import type { Issue } from '../core/issues.js';
import type { Period } from '../core/period.js';
import type { Unmeasured } from '../core/tickets/unmeasured.js';
import type { AuditReport } from '../core/report.js';
import { formatIsoDate, MS_PER_DAY } from '../core/time/civil.js';
import { isoInstant } from '../core/time/local-time.js';

// What a period's report cannot settle or must say, as warnings: built from the audit's results,
// never left for a reader to notice.

/**
 * Tickets whose tier promises a metric the evidence cannot measure: never met, counted apart and
 * said (SPEC 3.6) — a promise nobody can check is not a promise kept.
 */
export function unmeasured(
  period: Period,
  tickets: number,
  byMetric: ReadonlyMap<Unmeasured, number>,
  undecidedPriority: { tickets: number; conditions: ReadonlySet<string> },
  files: string,
): Issue[] {
  const issues: Issue[] = [];
  const rest = tickets - undecidedPriority.tickets;
  if (rest > 0)
    issues.push({
      code: 'TICKETS_NOT_MEASURED',
      file: files,
      args: { tickets: rest, period: period.label, metrics: [...byMetric.keys()], counts: [...byMetric.values()] },
      hint:
        'give the events export (--events) with the replies and status changes, or a column for the missing field' +
        ([...byMetric.keys()].some((k) => k.endsWith(':visibility'))
          ? "; for replies of unknown visibility, export the comments with it (Jira's REST API: fields=comment, whose comments carry jsdPublic) or map the visibility column (events.columns.public in --map)"
          : ''),
    });
  if (undecidedPriority.tickets > 0)
    issues.push({
      code: 'TICKETS_PRIORITY_UNDECIDED',
      file: files,
      args: { tickets: undecidedPriority.tickets, period: period.label, conditions: [...undecidedPriority.conditions] },
      hint: "give the column the policy's rule reads (environment, incident) — or, for incidents, the uptime logs",
    });
  return issues;
}

/**
 * Tickets reopened after the resolution their export gives: measured to the last resolution their events
 * show, never met on one they did not keep — said, with those whose events show none after the reopen.
 */
export function reopened(period: Period, counts: { tickets: number; unresolved: number }, files: string): Issue[] {
  if (counts.tickets === 0) return [];
  return [
    {
      code: 'TICKETS_REOPENED',
      file: files,
      args: { tickets: counts.tickets, period: period.label, unresolved: counts.unresolved },
      hint: 'export resolved_at as the last resolution, with the status changes among the events (--events), so that each reopen and resolution shows',
    },
  ];
}

/**
 * A period before the ticket export's first ticket: the export counts from the period of its first ticket
 * on (exports are cut by creation date), so no ticket there is not evidence of none — said, never clean.
 * `first` is the first ticket's creation instant; null (no `firstTicket`) when the export holds no ticket at all.
 */
export function uncovered(period: Period, first: number | null, files: string, pages: readonly string[] = []): Issue[] {
  // A ticket export of one page of more (paging.ts) covers no period whole: its tickets of the period may be on
  // the pages not given. Those it holds are audited as they are; the period's counts and credits are not complete.
  if (pages.length > 0)
    return [
      {
        code: 'TICKETS_PERIOD_NOT_COVERED',
        file: files,
        args: { period: period.label, pages: [...pages] },
        hint: `export every page of the tickets and pass them all`,
      },
    ];
  if (first !== null && first < period.end) return [];
  return [
    {
      code: 'TICKETS_PERIOD_NOT_COVERED',
      file: files,
      args: first === null ? { period: period.label } : { period: period.label, firstTicket: isoInstant(first) },
      hint: `give the ticket export that covers ${period.label} (its tickets created from ${isoInstant(period.start)} on)`,
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
  return [
    {
      code: 'CREDIT_HISTORY_UNKNOWN',
      file: 'credits',
      args: {
        period: period.label,
        periods: unknown,
        // Which way the credit may be off: a run of periods owing a credit stops at them, or the yearly cap counts less.
        escalation: lines.some(
          (l) => (l.basis.escalation as { unknownPeriod?: string } | undefined)?.unknownPeriod !== undefined,
        ),
        yearCap: total.year !== undefined && total.year.unknownPeriods.length > 0,
      },
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
  const daily = dailyTotalsUndecided(rows, period, files);
  if (noData !== 'exclude') return [...statedNoData(rows, period, minimum, files, noData), ...daily];
  const across = [...outagesAcrossNoData(rows, period, files), ...daily];
  const short = rows.filter((r) => r.coverageShort && r.availabilityPercent !== null);
  if (short.length === 0) return across;
  const all = short.find((r) => r.service === 'all') ?? short[0]!;
  // The first few silent spans, as instants; the sentence shows them in the period's zone.
  const shown = all.noData.slice(0, 3);
  return [
    {
      code: 'LOW_COVERAGE',
      file: files,
      args: {
        period: period.label,
        zone: period.zone,
        minimum,
        ...coverageArgs(short),
        noDataFrom: shown.map(([a]) => isoInstant(a)),
        noDataTo: shown.map(([, b]) => isoInstant(b)),
        moreNoData: all.noData.length - shown.length,
      },
    },
    ...across,
  ];
}

/**
 * Logs that cover enough of the period, but whose outages too short for the minimum outage were interrupted
 * by no data: as one outage with the silence, they miss the target, so the row has no verdict — said, with
 * where.
 */
function outagesAcrossNoData(rows: AuditReport['availability'], period: Period, files: string): Issue[] {
  const open = rows.filter(
    (r) => !r.coverageShort && r.worstCase && r.availabilityPercent !== null && (r.undecided ?? []).length > 0,
  );
  if (open.length === 0) return [];
  const all = open.find((r) => r.service === 'all') ?? open[0]!;
  const spans = all.undecided ?? [];
  const shown = spans.slice(0, 3);
  return [
    {
      code: 'OUTAGES_ACROSS_NO_DATA',
      file: files,
      args: {
        period: period.label,
        zone: period.zone,
        services: open.map((r) => r.service),
        // As the bound with no data as down gives it: the least the availability may be.
        worst: open.map((r) => (r.worstCase!.upMs / r.worstCase!.eligibleMs) * 100),
        from: shown.map(([a]) => isoInstant(a)),
        to: shown.map(([, b]) => isoInstant(b)),
        more: spans.length - shown.length,
      },
      hint: "give probe logs without the silent spans, or a maxSampleGap as long as the probes' interval",
    },
  ];
}

/**
 * Daily downtime totals whose minutes may fall in the period or out of it (a UTC day at a month's edge in
 * another zone), or count or not (a minimum outage: one long outage or many short ones): where the least
 * and the most they may count give different verdicts or credit bands, the row has no verdict — said,
 * with the UTC days that leave it open.
 */
function dailyTotalsUndecided(rows: AuditReport['availability'], period: Period, files: string): Issue[] {
  const open = rows.filter(
    (r) => !r.coverageShort && r.worstCase && r.availabilityPercent !== null && (r.dailyUndecided ?? []).length > 0,
  );
  if (open.length === 0) return [];
  const all = open.find((r) => r.service === 'all') ?? open[0]!;
  // The UTC days the open time lies in: the spans are placed, only their days are evidence.
  const days = new Set<number>();
  for (const [a, b] of all.dailyUndecided!)
    for (let d = Math.floor(a / MS_PER_DAY); d * MS_PER_DAY < b; d++) days.add(d);
  const listed = [...days].sort((x, y) => x - y);
  return [
    {
      code: 'UPTIME_DAILY_TOTALS_UNDECIDED',
      file: files,
      args: {
        period: period.label,
        zone: period.zone,
        services: open.map((r) => r.service),
        best: open.map((r) => r.availabilityPercent!),
        // The least the availability may be: the days' minutes all in the period, and all counted.
        worst: open.map((r) => (r.worstCase!.upMs / r.worstCase!.eligibleMs) * 100),
        days: listed.slice(0, 3).map(formatIsoDate),
        more: Math.max(0, listed.length - 3),
      },
      hint: "give the outages' start and end (an outage list, or probe logs): a day's total does not say when in the day",
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
  return [
    {
      code: 'NO_DATA_COUNTED_AS_STATED',
      file: files,
      args: { period: period.label, minimum, ...coverageArgs(thin), noData },
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
      args: { period: period.label, asOf: at },
    });
  else if (asOf < period.end)
    out.push({
      code: 'PERIOD_NOT_OVER',
      file: '--as-of',
      args: { period: period.label, asOf: at },
    });
  const late = credits.filter((c) => c.expired === true);
  if (late.length > 0) {
    out.push({
      code: 'CLAIM_DEADLINE_PASSED',
      file: '--as-of',
      args: {
        deadlines: [...new Set(late.map((c) => formatIsoDate(c.claimBy!)))],
        lines: late.length,
        period: period.label,
        asOf: at,
      },
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
      args: { service: row.service, period: period.label },
    }));
}

/** Each thin service and its coverage (percent of eligible time, unrounded), as two lists of one order. */
function coverageArgs(rows: AuditReport['availability']): { services: string[]; coverage: number[] } {
  return { services: rows.map((r) => r.service), coverage: rows.map((r) => r.coveragePercent ?? 0) };
}
