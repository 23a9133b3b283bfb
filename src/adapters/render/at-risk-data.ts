import type { ServiceBudget, ThresholdBudget } from '../../core/at-risk/budget.js';
import type { ClaimDeadline } from '../../core/at-risk/deadlines.js';
import { budgetStanding, type AtRiskReport } from '../../core/at-risk/model.js';
import type { TicketDue, TicketPaused } from '../../core/at-risk/tickets.js';
import { ALWAYS } from '../../core/policy/model.js';
import { decimalAmount } from '../../core/money.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { isoUtc, seconds } from './iso.js';
import { warningJson } from './report-json.js';
import { findingText } from './wording.js';

/** The at-risk JSON's version: it changes only with the shape, published in schema/at-risk.schema.json. */
export const AT_RISK_VERSION = 1;

/** A finding of one class, its code and args, and the data a dashboard reads: what `--format ndjson` prints one per line. */
interface Finding {
  class: 'ticket' | 'paused' | 'availability' | 'deadline';
  code: string;
  args: Record<string, string | number | boolean>;
  data: Record<string, unknown>;
}

const business = (calendar: string) => calendar !== ALWAYS;

/** An undecided priority in a finding's sentence: the reading it is due under, and the priorities it may have. */
const undecidedArgs = (t: TicketDue | TicketPaused): Record<string, string> =>
  t.priorityUndecided === undefined ? {} : { priority: t.priority, undecided: t.priorityUndecided.join(' or ') };

function dueFinding(t: TicketDue): Finding {
  const data = {
    id: t.id,
    file: t.file,
    line: t.line,
    priority: t.priority,
    // The priorities an undecided ticket may have (null: decided); \`priority\` is the reading it is due under.
    priorityUndecided: t.priorityUndecided ?? null,
    metric: t.metric,
    calendar: t.calendar,
    targetSeconds: seconds(t.targetMs),
    dueAt: isoUtc(t.dueAt),
    leftSeconds: seconds(t.leftMs),
    wallLeftSeconds: seconds(t.wallLeftMs),
  };
  return {
    class: 'ticket',
    code: 'AT_RISK_TICKET_DUE',
    args: {
      ticket: t.id,
      ...undecidedArgs(t),
      metric: t.metric,
      dueAt: data.dueAt,
      leftSeconds: data.leftSeconds,
      wallLeftSeconds: data.wallLeftSeconds,
      business: business(t.calendar),
    },
    data,
  };
}

function pausedFinding(t: TicketPaused): Finding {
  const data = {
    id: t.id,
    file: t.file,
    line: t.line,
    priority: t.priority,
    // The priorities an undecided ticket may have (null: decided); \`priority\` is the reading it is due under.
    priorityUndecided: t.priorityUndecided ?? null,
    metric: t.metric,
    calendar: t.calendar,
    targetSeconds: seconds(t.targetMs),
    pausedSince: isoUtc(t.pausedSince),
    leftSeconds: seconds(t.leftMs),
  };
  return {
    class: 'paused',
    code: 'AT_RISK_TICKET_PAUSED',
    args: {
      ticket: t.id,
      ...undecidedArgs(t),
      metric: t.metric,
      pausedSince: data.pausedSince,
      leftSeconds: data.leftSeconds,
      business: business(t.calendar),
    },
    data,
  };
}

/** Allowances in ms: at a band's boundary one millisecond decides, and seconds would round it away. */
const thresholdJson = (t: ThresholdBudget) => ({
  kind: t.kind,
  rule: t.rule,
  percent: t.percent,
  inclusive: t.inclusive,
  creditPercent: t.creditPercent,
  creditDays: t.creditDays,
  allowedMs: t.allowedMs,
  leftMs: t.leftMs,
  leftAtMostMs: t.leftAtMostMs,
  crossed: t.crossed,
});

function budgetFinding(s: ServiceBudget, r: AtRiskReport): Finding {
  const target = s.thresholds.find((t) => t.kind === 'target');
  return {
    class: 'availability',
    code: 'AT_RISK_AVAILABILITY',
    args: {
      service: s.service,
      period: r.period.label,
      targetPercent: s.targetPercent ?? 'none',
      downtimeMs: s.downtimeMs,
      // What is open is said with what is left if none of it is down, and whether it is the logs' silence.
      ...(s.undecidedMs > 0 ? { undecidedMs: s.undecidedMs, leftAtMostMs: target?.leftAtMostMs ?? 0 } : {}),
      ...(s.undecidedMs > 0 && s.coverageShort ? { thin: true } : {}),
      leftMs: target?.leftMs ?? 0,
      crossed: target?.crossed ?? false,
    },
    data: {
      service: s.service,
      availabilityPercent: s.availabilityPercent,
      targetPercent: s.targetPercent,
      coverageShort: s.coverageShort,
      downtimeMs: s.downtimeMs,
      undecidedMs: s.undecidedMs,
      eligibleMs: s.eligibleMs,
      thresholds: s.thresholds.map(thresholdJson),
    },
  };
}

function deadlineFinding(d: ClaimDeadline): Finding {
  const claimBy = formatIsoDate(d.claimBy);
  return {
    class: 'deadline',
    code: 'AT_RISK_CLAIM_DEADLINE',
    args: { period: d.period, claimBy, daysLeft: d.daysLeft, ...(d.ticketsNotCovered ? { notCovered: true } : {}) },
    data: {
      period: d.period,
      claimBy,
      daysLeft: d.daysLeft,
      percent: d.percent,
      amount: decimalAmount(d.amountMinor, d.currency),
      currency: d.currency,
      undecidedLines: d.undecidedLines,
      // The period's ticket credits are unknown: percent and amount are only the lines there are.
      ticketsNotCovered: d.ticketsNotCovered,
    },
  };
}

/** Every finding, in the report's order: tickets due, paused tickets, budgets with a target, deadlines. */
export function atRiskFindings(r: AtRiskReport): Finding[] {
  return [
    ...r.tickets.map(dueFinding),
    ...r.paused.map(pausedFinding),
    ...r.availability.filter((s) => s.targetPercent !== null).map((s) => budgetFinding(s, r)),
    ...r.deadlines.map(deadlineFinding),
  ];
}

/**
 * The sentence of each finding of the classes given: what `--fail-on` names on stderr. A service is named
 * when its budget before the target is under the window (`found`), or may be as the evidence leaves it
 * open (`undecided`): the others are not at risk.
 */
export function findingSentences(
  r: AtRiskReport,
  classes: readonly string[],
  standing: 'found' | 'undecided' = 'found',
): string[] {
  const named = new Set(r.availability.filter((s) => budgetStanding(s, r.withinMs) === standing).map((s) => s.service));
  return atRiskFindings(r)
    .filter((f) => classes.includes(f.class) && (f.class !== 'availability' || named.has(String(f.args.service))))
    .map((f) => findingText(f.code, f.args));
}

function head(r: AtRiskReport) {
  return {
    policy: { id: r.policy.id, name: r.policy.name, tier: r.tier.id },
    asOf: isoUtc(r.asOf),
    period: { label: r.period.label, start: isoUtc(r.period.start), end: isoUtc(r.period.end), zone: r.period.zone },
  };
}

/** One stable JSON object: what is at risk by class, each item in the shape its NDJSON line carries. */
export function atRiskJson(r: AtRiskReport): string {
  const of = (c: Finding['class']) => atRiskFindings(r).filter((f) => f.class === c);
  const withCode = (f: Finding) => ({ code: f.code, ...f.data });
  const body = {
    atRiskVersion: AT_RISK_VERSION,
    ...head(r),
    withinSeconds: seconds(r.withinMs),
    deadlineDays: r.deadlineDays,
    currency: r.currency,
    sections: r.sections,
    tickets: of('ticket').map(withCode),
    paused: of('paused').map(withCode),
    availability: of('availability').map(withCode),
    deadlines: of('deadline').map(withCode),
    warnings: r.warnings.map(warningJson),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * One line per finding, each whole on its own (policy, as-of and period repeated) so a log shipper
 * or `grep` can take any line alone; then one line per warning.
 */
export function atRiskNdjson(r: AtRiskReport): string {
  const h = head(r);
  const lines = atRiskFindings(r).map((f) =>
    JSON.stringify({
      class: f.class,
      code: f.code,
      message: findingText(f.code, f.args),
      policy: h.policy.id,
      tier: h.policy.tier,
      asOf: h.asOf,
      period: h.period.label,
      ...f.data,
    }),
  );
  for (const w of r.warnings)
    lines.push(JSON.stringify({ class: 'warning', policy: h.policy.id, asOf: h.asOf, ...warningJson(w) }));
  return lines.map((l) => `${l}\n`).join('');
}
