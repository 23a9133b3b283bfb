import { inputName } from '../adapters/ingest/records.js';
import { streamTickets } from '../adapters/ingest/read-tickets.js';
import type { AvailabilityRow } from '../core/availability/availability.js';
import {
  incidentCheckFromOutages,
  rowsFor,
  serviceRow,
  type AvailabilityAuditInput,
} from '../core/availability/audit-availability.js';
import type { ServiceEvidence } from '../core/availability/evidence.js';
import { bandsOf, serviceBudget, type ServiceBudget } from '../core/at-risk/budget.js';
import { deadlinesWithin, periodsOpenToClaim } from '../core/at-risk/deadlines.js';
import type { AtRiskReport } from '../core/at-risk/model.js';
import { ticketStanding, type TicketDue, type TicketPaused } from '../core/at-risk/tickets.js';
import { InputError, printable, UsageError, type Issue } from '../core/issues.js';
import { append } from '../core/lists.js';
import { periodOf, type Period } from '../core/period.js';
import { PolicyClocks } from '../core/policy/clocks.js';
import type { IncidentCheck } from '../core/tickets/effective-priority.js';
import { evaluateTicket } from '../core/tickets/evaluate.js';
import { BeyondSupportedRange } from '../core/time/calendar.js';
import { clip, normalize, union } from '../core/time/spans.js';
import { localDay } from '../core/time/zone.js';
import { ticketReadOptions, type AuditRequest } from './request.js';
import { readEvidence } from './uptime-evidence.js';
import { runAudit } from './run-audit.js';

// What a finding of each class is, decided once: the front end's exit code.
export { classesFound, classesUndecided, type AtRiskClass } from '../core/at-risk/model.js';

export interface AtRiskOptions {
  /** How far ahead a due time counts (ms). */
  withinMs: number;
  /** How many days ahead a claim deadline counts. */
  deadlineDays: number;
}

const UNIT_MS = new Map([
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
  ['w', 7 * 86_400_000],
]);

/** `--within 4h`, `--deadlines 14d`: a wall-clock duration in whole seconds, minutes, hours, days or weeks. */
export function parseWindow(flag: string, text: string): number {
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (m && m[1]!.length > 6)
    throw new UsageError(
      `${flag} is too long (got: "${printable(text, 60)}") — at most 999999 of its unit, e.g. 52w for a year`,
    );
  if (!m)
    throw new UsageError(
      `${flag} must be a duration such as 30m, 4h, 14d or 2w (got: "${printable(text, 60)}") — a number and one of s, m, h, d, w`,
    );
  return Number(m[1]) * UNIT_MS.get(m[2]!)!;
}

/**
 * At as-of: the open tickets due within the window and those a pause holds, each service's downtime
 * budget for the period so far, and the earlier periods' claim deadlines within the days asked for.
 * The tickets and the logs are read once here; a deadline needs the settled credits of its period
 * (escalation, caps, eligibility over earlier months), which only the audit of those periods gives,
 * so they are audited as `audit --from … --to …` would.
 */
export async function runAtRisk(request: AuditRequest, o: AtRiskOptions): Promise<AtRiskReport> {
  const { policy, tier, asOf } = request;
  const period = periodOf(asOf, policy.billingZone, policy.billingPeriod);
  const issues: Issue[] = [];
  const fatal: Issue[] = [];
  const warnings: Issue[] = [];
  let evidence: ServiceEvidence[] | null = null;
  let associated: IncidentCheck | undefined;
  if (request.uptime.length > 0) {
    const up = await readEvidence(request);
    append(issues, up.issues);
    append(fatal, up.fatal);
    append(warnings, up.warnings);
    evidence = up.evidence;
    associated = incidentCheckFromOutages(up.evidence, request.services ?? undefined);
  }
  const due: TicketDue[] = [];
  const paused: TicketPaused[] = [];
  if (request.tickets.length > 0) {
    const clocks = new PolicyClocks(policy);
    const targets = tier.targets;
    const ctx = { policy, clocks, tier: tier.id, asOf, targets, ...(associated ? { associated } : {}) };
    const readings = { targets, order: policy.priorities.map((p) => p.id) };
    const read = await streamTickets(request.tickets, ticketReadOptions(request), (t) => {
      try {
        const standing = ticketStanding(evaluateTicket(t, ctx), clocks, asOf, readings);
        if (standing === null) return;
        if ('due' in standing) {
          if (standing.due.wallLeftMs <= o.withinMs) due.push(standing.due);
        } else paused.push(standing.paused);
      } catch (err) {
        if (!(err instanceof BeyondSupportedRange)) throw err;
        // As in an audit: what the ticket is owed cannot be known, and that is its input's problem.
        const issue: Issue = {
          code: 'TICKET_DUE_OUT_OF_RANGE',
          file: t.file ?? request.tickets.map(inputName).join(', '),
          line: t.line,
          args: { ticket: t.id },
          hint: "check its created time and the policy's targets",
        };
        if (request.skipInvalid) warnings.push({ ...issue, skipped: true });
        else issues.push(issue);
      }
    });
    append(issues, read.issues);
    append(fatal, read.fatal);
    append(warnings, read.warnings);
  }
  if (fatal.length > 0 || (issues.length > 0 && !request.skipInvalid))
    throw new InputError(request.skipInvalid ? fatal : issues);
  // Soonest first; a tie keeps input order (the sort is stable).
  due.sort((a, b) => a.dueAt - b.dueAt);
  paused.sort((a, b) => a.leftMs - b.leftMs);

  const today = localDay(asOf, policy.billingZone);
  const open = periodsOpenToClaim(period, policy.credits, policy.billingPeriod, today);
  // Their warnings are left out: the inputs' own were said above, and the rest (tickets of other
  // periods) are of an audit of those periods, not of what is at risk now.
  const reports = open.length > 0 ? await runAudit({ ...request, periods: open }) : [];

  return {
    policy,
    tier,
    asOf,
    withinMs: o.withinMs,
    deadlineDays: o.deadlineDays,
    period,
    currency: request.currency,
    sections: {
      tickets: request.tickets.length > 0,
      availability: evidence !== null,
      deadlines: policy.credits.claimBy !== null,
    },
    tickets: due,
    paused,
    availability: evidence ? budgets(request, period, evidence) : [],
    deadlines: deadlinesWithin(reports, Math.floor(o.deadlineDays), today),
    warnings,
  };
}

/**
 * Each service's budget: its row over the period so far, and over the whole period as it would end
 * with no more downtime — the logs' outages cut at as-of, the rest of the period covered, scheduled
 * maintenance kept — whose eligible time the allowances are shares of. Credit bands go on the rows
 * credits are read from: each contract service with a fee of its own, else the combined row.
 */
function budgets(request: AuditRequest, period: Period, evidence: ServiceEvidence[]): ServiceBudget[] {
  const { policy, tier, asOf } = request;
  const soFar: Period = { ...period, end: Math.max(period.start, Math.min(asOf, period.end)) };
  const base: AvailabilityAuditInput = {
    policy,
    tier,
    period,
    evidence,
    feeMinor: request.feeMinor,
    history: request.history,
    ...(request.services ? { services: request.services } : {}),
  };
  const rest: readonly [number, number][] = soFar.end < period.end ? [[soFar.end, period.end]] : [];
  const projected: AvailabilityAuditInput = {
    ...base,
    evidence: evidence.map((e) => ({
      ...e,
      outages: clip(normalize(e.outages), period.start, soFar.end),
      covered: union(normalize(e.covered), rest),
    })),
  };
  const out: ServiceBudget[] = [];
  const all = (input: AvailabilityAuditInput, p: Period): AvailabilityRow =>
    rowsFor(input, p).find((r) => r.service === 'all')!;
  const defs = request.serviceDefs ?? [];
  const ownFees = defs.length > 0 && defs.every((d) => d.feeMinor !== null);
  if (defs.length > 0) {
    for (const def of defs)
      out.push(
        serviceBudget(
          serviceRow(base, soFar, def).row,
          serviceRow(projected, period, def).row,
          ownFees ? bandsOf(policy.credits, def.creditModels) : [],
        ),
      );
    out.push(serviceBudget(all(base, soFar), all(projected, period), ownFees ? [] : bandsOf(policy.credits, null)));
    return out;
  }
  const now = rowsFor(base, soFar);
  const whole = rowsFor(projected, period);
  for (const [i, row] of now.entries())
    out.push(serviceBudget(row, whole[i]!, row.service === 'all' ? bandsOf(policy.credits, null) : []));
  return out;
}
