import { inputName } from '../adapters/ingest/records.js';
import { streamTickets, type ReadSummary } from '../adapters/ingest/read-tickets.js';
import { TicketAuditor } from '../core/audit.js';
import type { ServiceEvidence } from '../core/availability/evidence.js';
import {
  periodsToSettle,
  settleCredits,
  type PeriodCredits,
  type SettledCredits,
} from '../core/credits/credit-history.js';
import { InputError, type Issue } from '../core/issues.js';
import { append } from '../core/lists.js';
import type { AuditReport, FileDigest, ReportHead } from '../core/report.js';
import type { TicketResult } from '../core/tickets/evaluate.js';
import type { IncidentCheck } from '../core/tickets/effective-priority.js';
import { localDay } from '../core/time/zone.js';
import { BeyondSupportedRange } from '../core/time/calendar.js';
import { VERSION } from '../version.js';
import { runFiles } from './digests.js';
import { OutsideCounter } from './outside-counter.js';
import {
  reopened,
  thinEvidence,
  uncovered,
  timeliness,
  unknownAvailability,
  unknownHistory,
  unmeasured,
} from './period-warnings.js';
import { ticketReadOptions, type AuditRequest } from './request.js';

// Whether a report meets a --fail-on condition (any breach, any credit), and why: the front ends' exit code, decided once.
export { failOnReasons, failsOn } from '../core/report.js';

/**
 * Where each ticket result goes as it is evaluated, instead of being kept in
 * the report: a streamed report writes it out, so memory stays flat.
 */
export interface TicketSink {
  /** Once, before the first ticket is read (after the uptime logs): each period's report as known then. */
  begin?(heads: readonly ReportHead[]): void;
  /** A ticket of period `index` (in request.periods), in input order; without it, the reports keep their tickets. */
  ticket?(result: TicketResult, index: number): void;
  /** Once, after the uptime logs are read: the evidence the availability rows are computed from (reconcile recomputes them under other rules). */
  evidence?(e: readonly ServiceEvidence[]): void;
  /**
   * Once: every period's credits before settlement (the earlier periods escalation and the yearly cap read first,
   * then the requested ones) — reconcile settles the vendor's verdicts with settleRun.
   */
  credits?(periods: readonly PeriodCredits[]): void;
}

/**
 * The audit as a library call: reads every input once (uptime first: it
 * decides incident association), audits each period as the tickets stream
 * by, and returns one report per period. Invalid input throws an InputError
 * carrying every problem found, unless `skipInvalid` (then each is a warning).
 */
export async function runAudit(request: AuditRequest, sink?: TicketSink): Promise<AuditReport[]> {
  const { policy, tier, periods, skipInvalid } = request;
  const issues: Issue[] = [];
  const fatal: Issue[] = [];
  const warnings: Issue[] = [];
  const uptimeNames = request.uptime.map(inputName).join(', ');
  let ticketFiles: FileDigest[] = [];
  let uptimeFiles: FileDigest[] = [];

  let evidence: ServiceEvidence[] | null = null;
  let associated: IncidentCheck | undefined;
  let engine: typeof import('../core/availability/audit-availability.js') | null = null;
  if (request.uptime.length > 0) {
    // The availability engine is loaded only for uptime logs: a tickets-only run does not need it.
    const [{ readEvidence }, loaded] = await Promise.all([
      import('./uptime-evidence.js'),
      import('../core/availability/audit-availability.js'),
    ]);
    engine = loaded;
    const up = await readEvidence(request);
    append(issues, up.issues);
    append(fatal, up.fatal);
    append(warnings, up.warnings);
    evidence = up.evidence;
    sink?.evidence?.(up.evidence);
    uptimeFiles = up.files;
    associated = engine.incidentCheckFromOutages(up.evidence, request.services ?? undefined);
  }

  const heads = periods.map((period): ReportHead => ({
    generator: { name: 'sla-audit', version: VERSION },
    policy,
    tier,
    period,
    asOf: request.asOf,
    contract: request.contract ?? null,
    currency: request.currency,
    feeMinor: reportFee(request),
    sections: { tickets: request.tickets.length > 0, availability: request.uptime.length > 0 },
    inputs: {
      tickets: request.tickets.map(inputName),
      events: (request.events ?? []).map(inputName),
      uptime: request.uptime.map(inputName),
    },
  }));
  sink?.begin?.(heads);

  // Escalation and a cap per year need earlier periods' credits: those are audited too, not reported.
  const settling = periodsToSettle(periods, policy.credits, policy.billingPeriod);
  const lookback = settling.length - periods.length;
  let auditors: TicketAuditor[] | null = null;
  let rows: ReadSummary['rows'] = { read: 0, skipped: 0, superseded: 0, filtered: 0 };
  let earliest = Infinity;
  /** Ticket exports that say they are one page of more: no period's tickets are known to be all there. */
  let pages: string[] = [];
  /** Tickets skipped (--skip-invalid) because a due time falls after the supported years. */
  let dueSkipped = 0;
  if (request.tickets.length > 0) {
    auditors = settling.map(
      (period, i) =>
        new TicketAuditor(
          {
            policy,
            tier: tier.id,
            period,
            asOf: request.asOf,
            feeMinor: request.feeMinor,
            ...(associated ? { associated } : {}),
          },
          i < lookback
            ? { keepResults: false }
            : sink?.ticket
              ? { keepResults: false, onResult: (r) => sink.ticket!(r, i - lookback) }
              : { keepResults: true },
        ),
    );
    const outside = new OutsideCounter(periods);
    /** Tickets skipped for a due time past the supported years, by file: skipped records of that file. */
    const dueByFile = new Map<string, number>();
    const summary = await streamTickets(request.tickets, ticketReadOptions(request), (t) => {
      outside.add(t);
      if (t.createdAt < earliest) earliest = t.createdAt;
      try {
        for (const a of auditors!) a.add(t);
      } catch (err) {
        if (!(err instanceof BeyondSupportedRange)) throw err;
        // A ticket's own input error: with --skip-invalid it is skipped and counted like a bad row.
        const issue = {
          code: 'TICKET_DUE_OUT_OF_RANGE',
          file: t.file ?? request.tickets.map(inputName).join(', '),
          line: t.line,
          args: { ticket: t.id },
          hint: "check its created time and the policy's targets",
        };
        if (skipInvalid) {
          dueSkipped++;
          dueByFile.set(issue.file, (dueByFile.get(issue.file) ?? 0) + 1);
          warnings.push({ ...issue, skipped: true });
        } else {
          issues.push(issue);
          fatal.push(issue);
        }
      }
    });
    append(issues, summary.issues);
    append(fatal, summary.fatal);
    append(append(warnings, summary.warnings), outside.warnings(request.tickets.map(inputName)));
    pages = summary.pages;
    rows = { ...summary.rows, skipped: summary.rows.skipped + dueSkipped };
    ticketFiles = summary.files.map((f) =>
      f.role === 'tickets' && f.records && dueByFile.has(f.path)
        ? { ...f, records: { ...f.records, skipped: f.records.skipped + dueByFile.get(f.path)! } }
        : f,
    );
  }
  if (fatal.length > 0 || (issues.length > 0 && !skipInvalid)) throw new InputError(skipInvalid ? fatal : issues);
  const files = await runFiles(request, [...ticketFiles, ...uptimeFiles]);

  const audited = settling.map((period, i) => {
    const tickets = auditors ? auditors[i]!.finish() : null;
    const availability =
      evidence && engine
        ? engine.auditAvailability({
            policy,
            tier,
            period,
            evidence,
            feeMinor: request.feeMinor,
            history: request.history,
            ...(request.services ? { services: request.services } : {}),
            ...(request.serviceDefs ? { serviceDefs: request.serviceDefs } : {}),
          })
        : null;
    const availabilityKnown =
      availability === null || availability.rows.every((r) => r.targetPercent === null || r.met !== null);
    // An earlier period read only for escalation or the yearly cap, which the logs leave open but the contract's
    // history says met (of the whole, at or above the target): it owed no availability credit — a run stops there,
    // and the year's cap counts nothing for it.
    const history = request.history.get(period.label);
    const metByHistory =
      i < lookback &&
      !availabilityKnown &&
      !request.services &&
      history !== undefined &&
      tier.availabilityTarget !== null &&
      history >= tier.availabilityTarget;
    const credits: PeriodCredits = {
      period,
      lines: [...(tickets?.credits ?? []), ...(metByHistory ? [] : (availability?.credits ?? []))],
      // A ticket export is taken to cover every period from the one of its first ticket (exports are cut by creation date),
      // unless it says it is one page of more: a page is cut by the API's order (update time, id), not by the period,
      // so the tickets of any period may be on the pages not given, and no period's ticket list is known whole.
      ticketsKnown: auditors === null || (earliest < period.end && pages.length === 0),
      availabilityKnown: availabilityKnown || metByHistory,
    };
    return { tickets, availability, credits };
  });
  sink?.credits?.(audited.map((a) => a.credits));
  const settled = settleRun(
    request,
    audited.map((a) => a.credits),
  ).slice(lookback);

  return heads.map((head, i): AuditReport => {
    const { tickets, availability } = audited[i + lookback]!;
    const { lines: credits, total, unknownPeriods } = settled[i]!;
    return {
      ...head,
      tickets: tickets?.results ?? [],
      summary: tickets?.summary ?? emptySummary(),
      rows: {
        read: rows.read,
        used: tickets?.summary.tickets ?? 0,
        skipped: rows.skipped,
        outsidePeriod: tickets?.outsidePeriod ?? 0,
        superseded: rows.superseded,
        filtered: rows.filtered,
      },
      availability: availability?.rows ?? [],
      credits,
      creditTotal: total,
      // The same test as the warning below says, as data: what claims, gauges and trends read.
      ...(tickets && (!(earliest < head.period.end) || pages.length > 0)
        ? {
            ticketsNotCovered: {
              firstTicket: earliest === Infinity ? null : earliest,
              ...(pages.length > 0 ? { pages } : {}),
            },
          }
        : {}),
      files,
      warnings: [
        ...warnings,
        ...(tickets
          ? unmeasured(
              head.period,
              tickets.summary.notMeasured,
              tickets.notMeasured,
              tickets.undecidedPriority,
              request.tickets.map(inputName).join(', '),
            )
          : []),
        ...(tickets ? reopened(head.period, tickets.reopened, request.tickets.map(inputName).join(', ')) : []),
        // The same test as ticketsKnown above: what settles the credits is what the report says.
        ...(tickets
          ? uncovered(
              head.period,
              earliest === Infinity ? null : earliest,
              request.tickets.map(inputName).join(', '),
              pages,
            )
          : []),
        ...unknownAvailability(availability?.rows ?? [], head.period, uptimeNames),
        ...thinEvidence(
          availability?.rows ?? [],
          head.period,
          policy.availability.minimumCoveragePercent,
          uptimeNames,
          policy.availability.noData,
        ),
        ...timeliness(head.period, request.asOf, credits),
        ...unknownHistory(head.period, unknownPeriods, credits, total),
      ],
    };
  });
}

/**
 * Escalation, the yearly cap and expiry over the run's periods (earlier ones first), as the audit settles them:
 * the one settlement every figure of money goes through (reconcile's by the vendor's verdicts too).
 */
export function settleRun(request: AuditRequest, periods: readonly PeriodCredits[]): SettledCredits[] {
  return settleCredits(
    periods,
    request.policy.credits,
    request.policy.billingPeriod,
    { contract: request.feeMinor, report: reportFee(request) },
    localDay(request.asOf, request.policy.billingZone),
  );
}

/**
 * The fee the report states: the contract's (the whole bill), or — where only its services have fees —
 * the sum of theirs.
 */
function reportFee(r: AuditRequest): number | null {
  const defs = r.serviceDefs ?? [];
  if (r.feeMinor !== null || defs.length === 0 || defs.some((d) => d.feeMinor === null)) return r.feeMinor;
  return defs.reduce((s, d) => s + d.feeMinor!, 0);
}

function emptySummary(): AuditReport['summary'] {
  return { tickets: 0, met: 0, breached: 0, pending: 0, excluded: 0, noTarget: 0, notMeasured: 0, bySeverity: {} };
}
