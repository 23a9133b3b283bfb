import type { PolicyClocks } from '../policy/clocks.js';
import type { MetricId, Target } from '../policy/model.js';
import type { MetricResult, TicketResult } from '../tickets/evaluate.js';

/** An open ticket's next due time: the metric that falls due first, and the time left to it at as-of. */
export interface TicketDue {
  id: string;
  file: string | null;
  line: number;
  priority: string;
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
  priority: string;
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
): { due: TicketDue } | { paused: TicketPaused } | null {
  if (r.status === 'excluded' || r.ticket.createdAt > asOf) return null;
  const open = running(r);
  if (open.length === 0) return null;
  const base = { id: r.ticket.id, file: r.ticket.file ?? null, line: r.ticket.line, priority: r.effectivePriority };
  const pause = r.pauses.find(([s, e]) => s <= asOf && asOf < e);
  if (pause) {
    let best: TicketPaused | null = null;
    for (const m of open) {
      const clock = clocks.clock(m.target.calendar, r.pauses);
      const leftMs = Math.max(0, m.target.ms - clock.elapsed(m.start, asOf));
      if (best === null || leftMs < best.leftMs)
        best = {
          ...base,
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
      ...base,
      metric: next.metric,
      calendar: next.target.calendar,
      targetMs: next.target.ms,
      dueAt: next.dueAt,
      leftMs: Math.max(0, clock.elapsed(asOf, next.dueAt)),
      wallLeftMs: next.dueAt - asOf,
    },
  };
}
