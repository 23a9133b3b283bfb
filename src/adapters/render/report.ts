import type { TicketAudit } from '../../core/audit.js';
import type { AvailabilityRow } from '../../core/availability/availability.js';
import type { CreditLine, CreditTotal } from '../../core/credits/credit-line.js';
import type { Issue } from '../../core/issues.js';
import { minorDigits, toDecimal } from '../../core/money.js';
import type { Period } from '../../core/period.js';
import type { MetricId, Policy } from '../../core/policy/model.js';
import type { MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import { formatIsoDate } from '../../core/time/civil.js';
import type { RowCounts } from '../ingest/read-tickets.js';
import { isoUtc, seconds } from './iso.js';
import { priorityReasonText } from './wording.js';

export const SCHEMA_VERSION = 1;

/** Everything a report is made from; renderers read only this. */
export interface ReportInput {
  version: string;
  policy: Policy;
  tier: string;
  period: Period;
  asOf: number;
  currency: string;
  feeMinor: number | null;
  tickets: TicketAudit | null;
  rows: RowCounts | null;
  availability: AvailabilityRow[] | null;
  credits: CreditLine[];
  creditTotal: CreditTotal;
  warnings: Issue[];
}

/** The JSON report object (SPEC 5), plain data in a stable key order. */
export function buildReport(input: ReportInput) {
  const digits = minorDigits(input.currency);
  const money = (minor: number | null) => (minor === null ? null : toDecimal(minor, digits));
  const tier = input.policy.tiers.find((t) => t.id === input.tier)!;
  const t = input.tickets;
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'sla-audit', version: input.version },
    policy: { id: input.policy.id, name: input.policy.name, tier: tier.id, ...(tier.level ? { level: tier.level } : {}) },
    period: { label: input.period.label, start: isoUtc(input.period.start), end: isoUtc(input.period.end), zone: input.period.zone },
    asOf: isoUtc(input.asOf),
    currency: input.currency,
    fee: money(input.feeMinor),
    tickets: t ? t.results.map(ticketJson) : [],
    summary: {
      ...(t ? summaryCounts(t) : { tickets: 0, met: 0, breached: 0, pending: 0, excluded: 0, noTarget: 0, notMeasured: 0, bySeverity: {} }),
      rows: {
        read: input.rows?.read ?? 0,
        used: t?.summary.tickets ?? 0,
        skipped: input.rows?.skipped ?? 0,
        outsidePeriod: t?.outsidePeriod ?? 0,
        superseded: input.rows?.superseded ?? 0,
      },
    },
    availability: (input.availability ?? []).map(availabilityJson),
    credits: input.credits.map((c) => ({
      rule: c.rule,
      basis: creditBasisJson(c),
      percent: c.percent,
      amount: money(c.amountMinor),
      currency: input.currency,
      eligible: c.eligible,
      reason: c.reason,
      claimBy: c.claimBy === null ? null : formatIsoDate(c.claimBy),
    })),
    creditTotal: { percent: input.creditTotal.percent, amount: money(input.creditTotal.amountMinor), currency: input.currency, capped: input.creditTotal.capped },
    assumptions: input.policy.assumptions.map((a) => ({ id: a.id, text: a.text })),
    warnings: input.warnings.map((w) => ({ code: w.code, ...(w.file ? { file: w.file } : {}), ...(w.line !== undefined ? { line: w.line } : {}), message: w.message })),
  };
}

export type Report = ReturnType<typeof buildReport>;

function summaryCounts(t: TicketAudit) {
  const { bySeverity, ...counts } = t.summary;
  return { ...counts, bySeverity };
}

const spansJson = (spans: ReadonlyArray<readonly [number, number]>) => spans.map(([a, b]) => ({ start: isoUtc(a), end: isoUtc(b), seconds: seconds(b - a) }));

function creditBasisJson(c: CreditLine): Record<string, unknown> {
  const { tickets, downtime, ...rest } = c.basis;
  return {
    ...(tickets ? { tickets: tickets.map((e) => ({ id: e.id, metric: e.metric, dueAt: isoUtc(e.dueAt), respondedAt: e.respondedAt === null ? null : isoUtc(e.respondedAt) })) } : {}),
    ...rest,
    ...(downtime ? { downtime: spansJson(downtime as Array<[number, number]>) } : {}),
  };
}

function availabilityJson(r: AvailabilityRow) {
  return {
    service: r.service,
    period: r.period.label,
    eligibleSeconds: seconds(r.eligibleMs),
    downtimeSeconds: seconds(r.downtimeMs),
    maintenanceSeconds: seconds(r.maintenanceMs),
    noDataSeconds: seconds(r.noDataMs),
    availabilityPercent: r.availabilityPercent,
    targetPercent: r.targetPercent,
    met: r.met,
    downtime: spansJson(r.downtime),
  };
}

function metricJson(m: MetricResult) {
  const due = m.dueAt === null || !Number.isFinite(m.dueAt) ? null : isoUtc(m.dueAt);
  const base = {
    targetSeconds: m.target ? seconds(m.target.ms) : null,
    target: m.target ? m.target.text : null,
    calendar: m.target ? m.target.calendar : null,
    dueAt: due,
    respondedAt: m.respondedAt === null ? null : isoUtc(m.respondedAt),
    elapsedSeconds: m.elapsedMs === null ? null : seconds(m.elapsedMs),
    status: m.status,
  };
  return m.gaps ? { ...base, gaps: gapsJson(m.gaps) } : base;
}

export const gapsJson = (gaps: NonNullable<MetricResult['gaps']>) =>
  gaps.map((g) => ({ start: isoUtc(g.start), end: g.end === null ? null : isoUtc(g.end), dueAt: isoUtc(g.dueAt), elapsedSeconds: seconds(g.elapsedMs), status: g.status }));

/** Why a ticket's priority or status is what it is, in words. */
export function reasonsOf(r: TicketResult): Array<{ code: string; text: string }> {
  const reasons = r.priorityReasons.map((p) => ({ code: p.code as string, text: priorityReasonText(p) }));
  if (r.exclusion !== null) reasons.push({ code: 'TICKET_EXCLUDED', text: `excluded from the SLA: ${r.exclusion}` });
  if (r.metrics.firstResponse?.dueAt === Infinity) reasons.push({ code: 'CLOCK_PAUSED', text: 'the clock is paused at as-of (a pause status is still open)' });
  return reasons;
}

/** One ticket as the report shows it. */
export function ticketJson(r: TicketResult) {
  const t = r.ticket;
  const metric = (id: MetricId) => (r.metrics[id] ? metricJson(r.metrics[id]!) : undefined);
  const reasons = reasonsOf(r);
  return {
    id: t.id,
    line: t.line,
    priority: t.rawPriority,
    effectivePriority: r.effectivePriority,
    createdAt: isoUtc(t.createdAt),
    status: r.status,
    ...(r.exclusion !== null ? { exclusion: r.exclusion } : {}),
    firstResponse: metric('firstResponse')!,
    ...(r.metrics.ongoingResponse ? { ongoingResponse: metric('ongoingResponse') } : {}),
    ...(r.metrics.resolution ? { resolution: metric('resolution') } : {}),
    reasons,
  };
}
