import { METRICS, type MetricId, type MetricTargets, type Policy, type Target, type TierDef } from '../policy/model.js';
import type { PolicyClocks } from '../policy/clocks.js';
import { effectivePriority, hasIncidentField, type IncidentCheck, type PriorityReason } from './effective-priority.js';
import type { MetricClock } from './metric-clock.js';
import { cadenceGaps, ongoingGaps, rowOf, type Gap } from './ongoing.js';
import { measuredOn, readingsOf, reopenOf, withRests, type Lifecycle, type MeasuredOn } from './reopen.js';
import { asEvidenceStands, type MissingEventsFlag } from './missing-events.js';
import type { Ticket } from './ticket.js';
import { unlessNo } from './cell-words.js';
import { otherPauses, pauseSpans, type Spans } from './pauses.js';
import { settled, unsureReplies, withoutUnsure } from './unsure-replies.js';

export type MetricStatus = 'met' | 'breached' | 'pending' | 'not-measured' | 'no-target';
export type TicketStatus = 'met' | 'breached' | 'pending' | 'excluded' | 'no-target' | 'not-measured';

export interface MetricResult extends MeasuredOn, MissingEventsFlag {
  metric: MetricId;
  status: MetricStatus;
  target: Target | null;
  /** When the target fell due; Infinity while a pause holds the clock at as-of. */
  dueAt: number | null;
  /** The response (or resolution) instant, null when none yet. */
  respondedAt: number | null;
  /** Covered time from the clock start to the response, or to as-of when none (ms). */
  elapsedMs: number | null;
  /** Ongoing response and update cadence: each wait for a vendor reply, or each silence between updates. */
  gaps?: GapResult[];
  /** Not measured because it rests on replies the export does not say are public (counted apart in the warning). */
  unsureVisibility?: true;
  /** Not measured because the readings of a reopened ticket disagree (reopen.ts; counted apart in the warning). */
  reopenUndecided?: true;
  /** Not measured because the ticket's status contradicts its resolution cell (status-words.ts). */
  statusUndecided?: true;
  /** Not measured because the readings of its pauses disagree (pauses.ts: answered by the customer, ties of one instant). */
  pauseUndecided?: true;
}

export interface GapResult extends Gap {
  dueAt: number;
  elapsedMs: number;
  status: 'met' | 'breached' | 'pending';
}

export interface TicketResult {
  ticket: Ticket;
  effectivePriority: string;
  priorityReasons: PriorityReason[];
  status: TicketStatus;
  exclusion: string | null;
  metrics: Partial<Record<MetricId, MetricResult>>;
  /** Paused spans used by the clocks. */
  pauses: Spans;
  /** Reopened after the export's resolution: the last resolution its events show (null: none after the last reopen). */
  reopened?: { final: number | null };
}

export interface EvaluationContext {
  policy: Policy;
  clocks: PolicyClocks;
  tier: string;
  asOf: number;
  /** Association with an unavailability incident (rules with `when: no-incident` or `incident`). */
  associated?: IncidentCheck;
  /** The tier's targets by priority, when the caller has looked them up once. */
  targets?: TierDef['targets'];
}

const NO_TARGETS: MetricTargets = {};

export function evaluateTicket(ticket: Ticket, ctx: EvaluationContext): TicketResult {
  const { priority, reasons, alternatives } = effectivePriority(ticket, ctx.policy, ctx.associated ?? hasIncidentField);
  const pauses = pauseSpans(ticket, ctx.policy.pauseStatuses);
  const reopen = reopenOf(ticket, ctx.policy, rowOf(ticket));
  const readings = reopen === null ? null : readingsOf(reopen, ticket, rowOf(ticket));
  // A priority the evidence cannot decide: each metric stands only where every possible priority agrees.
  const measure = (spans: Spans) =>
    alternatives.reduce(
      (m, other) => agreed(m, metricsOf(ticket, other, spans, ctx, readings)),
      metricsOf(ticket, priority, spans, ctx, readings),
    );
  let metrics = measure(pauses);
  // Pauses the events leave open to another reading (pauses.ts): a metric stands only where every one agrees.
  for (const other of otherPauses(ticket, ctx.policy.pauseStatuses, pauses))
    metrics = agreed(metrics, measure(other), 'pauseUndecided');
  metrics = asEvidenceStands(ticket, metrics, ctx.policy, reopen !== null);
  // A cell that says no in words (a yes/no column) excludes nothing: only a reason does.
  const exclusion = unlessNo(ticket.exclusion);
  const result: TicketResult = {
    ticket,
    effectivePriority: priority,
    priorityReasons: reasons,
    status: ticketStatus(metrics, exclusion),
    exclusion,
    metrics,
    pauses,
  };
  if (reopen !== null) result.reopened = { final: reopen.final };
  return result;
}

/** The metrics of a ticket at one priority, against its tier's targets. */
function metricsOf(
  ticket: Ticket,
  priority: string,
  pauses: Spans,
  ctx: EvaluationContext,
  readings: readonly Lifecycle[] | null,
): Partial<Record<MetricId, MetricResult>> {
  const { policy, clocks, tier, asOf } = ctx;
  let tierTargets = (ctx.targets ?? policy.tiers.find((t) => t.id === tier)?.targets)?.get(priority) ?? NO_TARGETS;
  if (ticket.region && policy.regionCalendars.size > 0) tierTargets = inRegion(tierTargets, ticket.region, policy);
  // The metrics one by one, in this order (the order of the report's keys):
  // each property stored by name, not by a key that changes per turn.
  const metrics: Partial<Record<MetricId, MetricResult>> = {};
  const first = tierTargets.firstResponse;
  metrics.firstResponse = first
    ? firstResponse(ticket, first, clocks.clock(first.calendar, pauses), asOf)
    : { metric: 'firstResponse', status: 'no-target', target: null, dueAt: null, respondedAt: null, elapsedMs: null };
  const ongoing = tierTargets.ongoingResponse;
  if (ongoing) {
    const clock = clocks.clock(ongoing.calendar, pauses);
    metrics.ongoingResponse = byReadings(readings, (life) =>
      evaluateGaps('ongoingResponse', ticket, ongoingGaps, ongoing, clock, asOf, life),
    );
  }
  const cadence = tierTargets.updateCadence;
  if (cadence) {
    const clock = clocks.clock(cadence.calendar, pauses);
    metrics.updateCadence = byReadings(readings, (life) =>
      evaluateGaps('updateCadence', ticket, cadenceGaps, cadence, clock, asOf, life),
    );
  }
  const resolution = tierTargets.resolution;
  if (resolution) {
    const clock = clocks.clock(resolution.calendar, pauses);
    // A reopened ticket is resolved when it last was, not at a resolution it did not keep: in the segmented
    // reading the time it sat resolved holds the clock (as a pause), in the continuous one it runs.
    metrics.resolution = byReadings(readings, (life) =>
      measuredOn(
        evaluateOnce(
          'resolution',
          life === undefined ? ticket.resolvedAt : life.resolved,
          ticket.createdAt,
          resolution,
          life === undefined || life.rests.length === 0
            ? clock
            : clocks.clock(resolution.calendar, withRests(pauses, life.rests)),
          asOf,
        ),
        life,
      ),
    );
  }
  return metrics;
}

/**
 * A metric as the export reads it, or — for a reopened ticket — as every reading of the reopen gives it
 * (reopen.ts): where they differ, not measured, and said to be for the reopen.
 */
function byReadings(
  readings: readonly Lifecycle[] | null,
  measure: (life: Lifecycle | undefined) => MetricResult,
): MetricResult {
  if (readings === null) return measure(undefined);
  let out = measure(readings[0]);
  let differ = false;
  for (let i = 1; i < readings.length; i++) {
    const next = measure(readings[i]);
    differ ||= next.status !== out.status;
    out = agree(out, next, out.unsureVisibility === true && next.unsureVisibility === true);
  }
  if (differ && out.status === 'not-measured' && out.unsureVisibility !== true) out.reopenUndecided = true;
  return out;
}

/** Each metric as both agree; where they do not (met at one priority, breached at another), not measured. */
function agreed(
  ours: Partial<Record<MetricId, MetricResult>>,
  theirs: Partial<Record<MetricId, MetricResult>>,
  cause?: 'pauseUndecided',
): Partial<Record<MetricId, MetricResult>> {
  const out: Partial<Record<MetricId, MetricResult>> = {};
  // A reading is measured, or not measured for the very cause said: their disagreement is then that cause.
  const measured = (x: MetricResult | undefined) => x?.status !== 'not-measured' || (cause && x[cause] === true);
  for (const m of METRICS) {
    const a = ours[m];
    const b = theirs[m];
    if (!a && !b) continue;
    // A target at one priority and none at the other: the two disagree as well.
    out[m] = a && b ? agree(a, b) : unmeasured((a ?? b)!);
    if (cause && out[m]!.status === 'not-measured' && measured(a) && measured(b)) out[m]![cause] = true;
  }
  return out;
}

/** One metric as two readings of the evidence give it: where they differ, not measured (the first reading's figures kept). */
function agree(a: MetricResult, b: MetricResult, unsureVisibility = false): MetricResult {
  // Both still running: due as soon as either reading says (at-risk warns by the earlier).
  if (a.status === b.status)
    return a.status === 'pending' && a.dueAt !== null && b.dueAt !== null && b.dueAt < a.dueAt ? b : a;
  // One reading still running: the ticket is open, and its due time is kept for at-risk to list it by.
  const open = a.status === 'pending' ? a : b.status === 'pending' ? b : null;
  return unmeasured(open ?? a, unsureVisibility, open?.dueAt ?? null);
}

function unmeasured(kept: MetricResult, unsureVisibility = false, dueAt: number | null = null): MetricResult {
  return {
    metric: kept.metric,
    status: 'not-measured',
    target: kept.target,
    dueAt,
    respondedAt: kept.respondedAt,
    elapsedMs: null,
    ...(unsureVisibility ? { unsureVisibility: true as const } : {}),
  };
}

/**
 * The first response the evidence proves; where a vendor reply of unknown visibility came before it, the
 * first response may have been that one: met or late only where both readings agree (the status of a
 * response only worsens with its instant, so the earliest and the proved one bound every other).
 */
function firstResponse(ticket: Ticket, target: Target, clock: MetricClock, asOf: number): MetricResult {
  const proved = evaluateOnce('firstResponse', ticket.firstResponseAt, ticket.createdAt, target, clock, asOf);
  if (ticket.firstResponseUnsureAt === undefined) return proved;
  const maybe = evaluateOnce('firstResponse', ticket.firstResponseUnsureAt, ticket.createdAt, target, clock, asOf);
  return agree(proved, maybe, true);
}

/**
 * The targets on the business calendar of the ticket's region ("business hours of the customer's
 * region"): a target on a calendar the policy maps by region runs on the region's, and a target in
 * business days counts that calendar's business day.
 */
function inRegion(targets: MetricTargets, region: string, policy: Policy): MetricTargets {
  const out: Partial<Record<MetricId, Target>> = {};
  for (const [metric, t] of Object.entries(targets) as Array<[MetricId, Target]>) {
    const id = policy.regionCalendars.get(t.calendar)?.get(region);
    const cal = id === undefined ? undefined : policy.calendars.get(id);
    const day = cal?.kind === 'weekly' ? cal.businessDayMs : null;
    out[metric] =
      id === undefined
        ? t
        : { ...t, calendar: id, ms: t.unit === 'businessDays' && day !== null ? Math.round(t.amount * day) : t.ms };
  }
  return out;
}

/** First response or resolution: one clock from creation to one instant. */
function evaluateOnce(
  metric: MetricId,
  at: number | null | undefined,
  start: number,
  target: Target,
  clock: MetricClock,
  asOf: number,
): MetricResult {
  if (at === undefined)
    return { metric, status: 'not-measured', target, dueAt: null, respondedAt: null, elapsedMs: null };
  if (at !== null) {
    const dueAt = clock.dueAt(start, target.ms, at);
    return {
      metric,
      status: at <= dueAt ? 'met' : 'breached',
      target,
      dueAt,
      respondedAt: at,
      elapsedMs: clock.elapsed(start, at),
    };
  }
  const dueAt = clock.dueAt(start, target.ms);
  return {
    metric,
    status: asOf > dueAt ? 'breached' : 'pending',
    target,
    dueAt,
    respondedAt: null,
    elapsedMs: Math.max(0, clock.elapsed(start, asOf)),
  };
}

/**
 * A metric of many waits, each against the target: ongoing response (SPEC 3.4: each wait for a
 * vendor reply after a customer's) or update cadence (each silence between the vendor's updates).
 * Without events neither can be measured: never silently met.
 */
function evaluateGaps(
  metric: 'ongoingResponse' | 'updateCadence',
  ticket: Ticket,
  gapsOf: (t: Ticket, life?: Lifecycle) => Gap[],
  target: Target,
  clock: MetricClock,
  asOf: number,
  life?: Lifecycle,
): MetricResult {
  const base = { metric, target, dueAt: null, respondedAt: null, elapsedMs: null };
  if (!repliesEvidenced(ticket) || (metric === 'updateCadence' && ticket.updatesKnown === false))
    return { ...base, status: 'not-measured' };
  // Replies of unknown visibility: the waits as if none was public, breached only where late whichever they were.
  const unsure = unsureReplies(ticket, life === undefined ? undefined : (life.resolved ?? Infinity));
  const gaps: GapResult[] = gapsOf(unsure.length === 0 ? ticket : withoutUnsure(ticket), life).map((g) => {
    const dueAt = clock.dueAt(g.start, target.ms, g.end ?? Infinity);
    // One object of one shape per wait (a ticket may have a hundred thousand): no spread.
    if (g.end !== null)
      return {
        start: g.start,
        end: g.end,
        startFrom: g.startFrom,
        endFrom: g.endFrom,
        dueAt,
        elapsedMs: clock.elapsed(g.start, g.end),
        status: g.end <= dueAt ? 'met' : 'breached',
      };
    return {
      start: g.start,
      end: null,
      startFrom: g.startFrom,
      endFrom: g.endFrom,
      dueAt,
      elapsedMs: Math.max(0, clock.elapsed(g.start, asOf)),
      status: asOf > dueAt ? 'breached' : 'pending',
    };
  });
  const status = gaps.some((g) => g.status === 'breached')
    ? 'breached'
    : gaps.some((g) => g.status === 'pending')
      ? 'pending'
      : 'met';
  if (unsure.length > 0 && !settled(ticket, status, gaps, unsure))
    return { ...base, status: 'not-measured', unsureVisibility: true };
  return { ...base, status, gaps };
}

/**
 * Whether the events can show the waits at all: they exist, tell replies apart, and — once the
 * ticket was answered (a first-response column says so) — hold at least one reply. Events with
 * no reply of a conversation that happened (a join that found nothing, an export of status
 * changes) would make every wait vanish: "no gap" is then no evidence, not a kept promise.
 */
function repliesEvidenced(ticket: Ticket): boolean {
  if (ticket.events === null || ticket.repliesKnown === false) return false;
  if (ticket.firstResponseAt === null || ticket.firstResponseAt === undefined) return true;
  for (const e of ticket.events) if (e.type === 'reply') return true;
  return false;
}

function ticketStatus(metrics: Partial<Record<MetricId, MetricResult>>, exclusion: string | null): TicketStatus {
  if (exclusion !== null) return 'excluded';
  const g = Math.max(
    grade(metrics.firstResponse),
    grade(metrics.ongoingResponse),
    grade(metrics.updateCadence),
    grade(metrics.resolution),
  );
  return STATUS_OF_GRADE[g]!;
}

/**
 * A metric's weight in the ticket's status (SPEC 3.6): breached over pending over not measured
 * over met. A ticket is met only when every metric its tier promises was measured and met: a
 * promise the evidence cannot check is never read as kept. With no target at all, it has none.
 */
function grade(m: MetricResult | undefined): number {
  if (m === undefined) return 0;
  switch (m.status) {
    case 'no-target':
      return 0;
    case 'met':
      return 1;
    case 'not-measured':
      return 2;
    case 'pending':
      return 3;
    case 'breached':
      return 4;
  }
}

const STATUS_OF_GRADE: readonly TicketStatus[] = ['no-target', 'met', 'not-measured', 'pending', 'breached'];
