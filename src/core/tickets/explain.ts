import type { MetricId } from '../policy/model.js';
import type { PolicyClocks } from '../policy/clocks.js';
import type { MetricResult, TicketResult } from './evaluate.js';
import { subtract } from '../time/spans.js';
import { withRests } from './reopen.js';

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
  /** Spans a reopened ticket sat resolved that held this clock (as a pause does), with what began and ended each. */
  held: HeldSpan[];
}

export interface HeldSpan {
  start: number;
  end: number;
  /** The resolution that began it, and the event that reopened the ticket (file:line). */
  startFrom: string | undefined;
  endFrom: string | undefined;
}

const MAX_SPANS = 60;

/**
 * The timeline of one ticket's first response and resolution: every covered span the clock counted until
 * the target was reached, minus pauses and — for a reopened ticket — the time it sat resolved, as the
 * reading its verdict stands on held it (reopen.ts): the spans then add up to the verdict's time counted.
 * A metric not measured has no timeline: its readings disagree, and showing one would pass it for the verdict.
 */
export function explainTicket(r: TicketResult, clocks: PolicyClocks, asOf: number): MetricTimeline[] {
  const out: MetricTimeline[] = [];
  for (const metric of ['firstResponse', 'resolution'] as const) {
    const m = r.metrics[metric];
    if (!m || !m.target) continue;
    if (m.status === 'not-measured' || m.dueAt === null) {
      out.push({ metric, result: m, spans: [], truncated: false, lateBy: null, held: [] });
      continue;
    }
    const rests = m.reading?.rests ?? [];
    const holds = rests.length === 0 ? r.pauses : withRests(r.pauses, rests);
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
    for (const [s, e] of subtract(open, holds)) {
      total += e - s;
      if (spans.length < MAX_SPANS) spans.push({ start: s, end: e, counted: e - s, total });
      else truncated = true;
    }
    // Late by the time the metric's own clock counted after the due instant: pauses do not count.
    const clock = clocks.clock(m.target.calendar, holds);
    const lateBy =
      m.respondedAt !== null && m.respondedAt > m.dueAt
        ? clock.elapsed(m.dueAt, m.respondedAt)
        : m.respondedAt === null && m.status === 'breached'
          ? clock.elapsed(m.dueAt, asOf)
          : null;
    const held = rests.map(([hs, he], i) => ({
      start: hs,
      end: he,
      startFrom: m.reading?.restFrom[i]?.[0],
      endFrom: m.reading?.restFrom[i]?.[1],
    }));
    out.push({ metric, result: m, spans, truncated, lateBy, held });
  }
  return out;
}
