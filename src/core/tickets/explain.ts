import type { MetricId } from '../policy/model.js';
import type { PolicyClocks } from '../policy/clocks.js';
import type { MetricResult, TicketResult } from './evaluate.js';
import { subtract } from '../time/spans.js';

export interface CountedSpan {
  start: number;
  end: number;
  /** Covered time counted in this span (ms). */
  counted: number;
  /** Covered time counted from the clock start to the end of this span (ms). */
  total: number;
}

export interface MetricTimeline {
  metric: MetricId;
  result: MetricResult;
  /** Open spans from the clock start to the due time (or the response, if later). */
  spans: CountedSpan[];
  /** Spans dropped after this many, for very long targets. */
  truncated: boolean;
  /** How late the response came, in covered time after the due instant (ms). */
  lateBy: number | null;
}

const MAX_SPANS = 60;

/**
 * The timeline of one ticket's first response and resolution: every covered
 * span the clock counted until the target was reached, minus pauses.
 */
export function explainTicket(r: TicketResult, clocks: PolicyClocks, asOf: number): MetricTimeline[] {
  const out: MetricTimeline[] = [];
  for (const metric of ['firstResponse', 'resolution'] as const) {
    const m = r.metrics[metric];
    if (!m || !m.target || m.dueAt === null) continue;
    const calendar = clocks.calendar(m.target.calendar);
    const start = r.ticket.createdAt;
    const due = Number.isFinite(m.dueAt) ? m.dueAt : asOf;
    const until = Math.max(due, m.respondedAt ?? (m.status === 'breached' ? asOf : due));
    const spans: CountedSpan[] = [];
    let total = 0;
    let truncated = false;
    // Split at the due instant, so the span that reaches the target ends there.
    const open = [
      ...calendar.openSpans(start, Math.min(due, until)),
      ...calendar.openSpans(Math.min(due, until), until),
    ];
    // One sweep over all open spans and pauses (both sorted): per open span it would revisit every pause.
    for (const [s, e] of subtract(open, r.pauses)) {
      total += e - s;
      if (spans.length < MAX_SPANS) spans.push({ start: s, end: e, counted: e - s, total });
      else truncated = true;
    }
    // Late by the time the metric's own clock counted after the due instant: pauses do not count.
    const clock = clocks.clock(m.target.calendar, r.pauses);
    const lateBy =
      m.respondedAt !== null && m.respondedAt > m.dueAt
        ? clock.elapsed(m.dueAt, m.respondedAt)
        : m.respondedAt === null && m.status === 'breached'
          ? clock.elapsed(m.dueAt, asOf)
          : null;
    out.push({ metric, result: m, spans, truncated, lateBy });
  }
  return out;
}
