import type { PolicyClocks } from '../policy/clocks.js';
import type { MetricId, MetricTargets, Target } from '../policy/model.js';
import type { MetricResult, TicketResult } from '../tickets/evaluate.js';

/** An open ticket's next due time: the metric that falls due first, and the time left to it at as-of. */
export interface TicketDue {
  id: string;
  file: string | null;
  line: number;
  /** The priority whose reading the due time (and target) is from: where the priority is undecided, not always the effective one. */
  priority: string;
  /** The priorities the ticket may have, most severe first, where the export cannot decide it (PRIORITY_UNDECIDED); else absent. */
  priorityUndecided?: string[];
  metric: MetricId;
  /** The target's calendar ("24x7" or a business calendar's id) and length (ms of its covered time). */
  calendar: string;
  targetMs: number;
  dueAt: number;
  /** Covered time left on the target's own calendar (business time, pauses excepted), ms. */
  leftMs: number;
  /** Wall-clock time left (ms). */
  wallLeftMs: number;
}

/** A ticket whose clock a pause holds at as-of: what it will have left when it resumes. */
export interface TicketPaused {
  id: string;
  file: string | null;
  line: number;
  /** The priority whose reading the due time (and target) is from: where the priority is undecided, not always the effective one. */
  priority: string;
  /** The priorities the ticket may have, most severe first, where the export cannot decide it (PRIORITY_UNDECIDED); else absent. */
  priorityUndecided?: string[];
  metric: MetricId;
  calendar: string;
  targetMs: number;
  /** When the pause holding it began. */
  pausedSince: number;
  /** Covered time left on the target's calendar when the clock resumes (ms). */
  leftMs: number;
}

const ORDER: readonly MetricId[] = ['firstResponse', 'ongoingResponse', 'updateCadence', 'resolution'];

interface Running {
  metric: MetricId;
  target: Target;
  /** Where its clock started: the ticket's creation, or the wait's start. */
  start: number;
  dueAt: number;
}

/**
 * The metrics still running at as-of: pending, with the wait (for a metric of many) that is still open —
 * and those not measured where one reading of the evidence (a priority the export cannot decide) still
 * runs: the ticket may be due then.
 */
function running(r: TicketResult): Running[] {
  const out: Running[] = [];
  for (const metric of ORDER) {
    const m: MetricResult | undefined = r.metrics[metric];
    if (!m || m.target === null) continue;
    if (m.status !== 'pending' && !(m.status === 'not-measured' && m.dueAt !== null)) continue;
    if (m.gaps) {
      for (const g of m.gaps)
        if (g.status === 'pending') out.push({ metric, target: m.target, start: g.start, dueAt: g.dueAt });
    } else if (m.dueAt !== null) out.push({ metric, target: m.target, start: r.ticket.createdAt, dueAt: m.dueAt });
  }
  return out;
}

/**
 * Where an evaluated ticket stands at as-of: due (its earliest pending metric), paused (a pause holds
 * its clock: the metric with the least time left when it resumes), or neither (nothing pending,
 * excluded, or not yet created).
 */
export function ticketStanding(
  r: TicketResult,
  clocks: PolicyClocks,
  asOf: number,
  readings?: PriorityReadings,
): { due: TicketDue } | { paused: TicketPaused } | null {
  if (r.status === 'excluded' || r.ticket.createdAt > asOf) return null;
  const open = running(r);
  if (open.length === 0) return null;
  const undecided = undecidedPriorities(r, readings);
  // Each row names the reading it is due under: an undecided ticket's earlier due time may be the other priority's.
  const base = (m: Running) => ({
    id: r.ticket.id,
    file: r.ticket.file ?? null,
    line: r.ticket.line,
    priority: undecided === null ? r.effectivePriority : readingOf(r, m, undecided, readings!.targets),
    ...(undecided === null ? {} : { priorityUndecided: undecided }),
  });
  const pause = r.pauses.find(([s, e]) => s <= asOf && asOf < e);
  if (pause) {
    let best: TicketPaused | null = null;
    for (const m of open) {
      const clock = clocks.clock(m.target.calendar, r.pauses);
      const leftMs = Math.max(0, m.target.ms - clock.elapsed(m.start, asOf));
      if (best === null || leftMs < best.leftMs)
        best = {
          ...base(m),
          metric: m.metric,
          calendar: m.target.calendar,
          targetMs: m.target.ms,
          pausedSince: pause[0],
          leftMs,
        };
    }
    return { paused: best! };
  }
  const next = open.reduce((a, b) => (b.dueAt < a.dueAt ? b : a));
  const clock = clocks.clock(next.target.calendar, r.pauses);
  return {
    due: {
      ...base(next),
      metric: next.metric,
      calendar: next.target.calendar,
      targetMs: next.target.ms,
      dueAt: next.dueAt,
      leftMs: Math.max(0, clock.elapsed(asOf, next.dueAt)),
      wallLeftMs: next.dueAt - asOf,
    },
  };
}

/** What tells an undecided ticket's readings apart: the tier's targets, and the policy's priorities in its order. */
export interface PriorityReadings {
  targets: ReadonlyMap<string, MetricTargets>;
  /** Priority ids as the policy lists them (most severe first). */
  order: readonly string[];
}

/**
 * The priorities an undecided ticket may have: its effective one and each an undecided rule would have left
 * (the reasons' `from`), in the policy's order; null where a priority is decided. Without the readings the
 * reading cannot be told, and the ticket is left as decided.
 */
function undecidedPriorities(r: TicketResult, readings: PriorityReadings | undefined): string[] | null {
  if (readings === undefined) return null;
  const may = new Set<string>([r.effectivePriority]);
  for (const reason of r.priorityReasons)
    if (reason.code === 'PRIORITY_UNDECIDED' && reason.from !== null) may.add(reason.from);
  if (may.size < 2) return null;
  const order = readings.order;
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
  return [...may].sort((a, b) => rank(a) - rank(b));
}

/**
 * Which reading a kept due time is from: the priority whose target it runs on — the effective one first
 * (where both agree on the target, both are due then), matched by the very target, else by calendar and
 * length (a region's calendar replaces the tier's), else by length alone.
 */
function readingOf(
  r: TicketResult,
  m: Running,
  may: readonly string[],
  targets: ReadonlyMap<string, MetricTargets>,
): string {
  const order = [r.effectivePriority].concat(may.filter((p) => p !== r.effectivePriority));
  const of = (p: string) => targets.get(p)?.[m.metric];
  return (
    order.find((p) => of(p) === m.target) ??
    order.find((p) => of(p)?.ms === m.target.ms && of(p)?.calendar === m.target.calendar) ??
    order.find((p) => of(p)?.ms === m.target.ms) ??
    r.effectivePriority
  );
}
