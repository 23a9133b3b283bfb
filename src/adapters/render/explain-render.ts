import { DateTime } from 'luxon';
import { printable } from '../../core/issues.js';
import { METRICS, type Policy } from '../../core/policy/model.js';
import type { TicketResult } from '../../core/tickets/evaluate.js';
import type { MetricTimeline } from '../../core/tickets/explain.js';
import type { VendorReported } from '../../core/tickets/ticket.js';
import { duration } from './duration.js';
import { isoOrNull, isoUtc, seconds } from './iso.js';
import { notMeasuredText } from './not-measured.js';
import { METRIC_NAMES, priorityReasonText } from './wording.js';

function zoneOf(policy: Policy, calendarId: string): string {
  const c = policy.calendars.get(calendarId);
  return c && c.kind === 'weekly' ? c.zone : policy.billingZone;
}

// Seconds where the instant has them: a response a second after its due time must not read as at it.
const local = (ms: number, zone: string) =>
  DateTime.fromMillis(ms, { zone })
    .setLocale('en-US')
    .toFormat(ms % 60_000 === 0 ? 'ccc yyyy-MM-dd HH:mm ZZZZ' : 'ccc yyyy-MM-dd HH:mm:ss ZZZZ');

/** How late, by the metric's own clock; after the due time in time it does not count, the wall time says it. */
const lateText = (lateBy: number, respondedAt: number | null, dueAt: number | null) =>
  lateBy === 0 && respondedAt !== null && dueAt !== null && respondedAt > dueAt
    ? ` — ${duration(respondedAt - dueAt)} after the due time, while the clock was stopped (0s of covered time late)`
    : ` — ${duration(lateBy)} of covered time late`;
const both = (ms: number, zone: string) => `${isoUtc(ms)} = ${local(ms, zone)}`;

export function renderExplain(r: TicketResult, timelines: MetricTimeline[], policy: Policy, tier: string): string {
  const t = r.ticket;
  const out: string[] = [];
  out.push(`Ticket ${printable(t.id, 200)} — ${policy.id}, tier ${tier} (input line ${t.line})`);
  out.push(`Created:   ${both(t.createdAt, policy.billingZone)}`);
  out.push(
    `Priority:  raw ${t.rawPriority === null ? '(none)' : JSON.stringify(t.rawPriority)} → effective ${r.effectivePriority}`,
  );
  for (const reason of r.priorityReasons) out.push(`           ${priorityReasonText(reason)}`);
  if (r.exclusion !== null) out.push(`Excluded:  ${r.exclusion} — the ticket is outside the SLA and earns no credit`);
  if (t.firstResponseFrom !== undefined)
    out.push(
      `Response:  the first public vendor reply among the events, at ${t.firstResponseFrom} (the export has no first-response column)`,
    );
  if (t.vendorReported)
    out.push(`Helpdesk:  ${vendorReportedText(t.vendorReported)}, by its own count (shown for comparison, not used)`);
  for (const [ps, pe] of r.pauses)
    out.push(`Paused:    ${isoUtc(ps)} → ${Number.isFinite(pe) ? isoUtc(pe) : 'still paused at as-of'}`);
  if (timelines.length === 0) out.push('', `No target: tier ${tier} gives ${r.effectivePriority} no target.`);
  for (const tl of timelines) {
    const m = tl.result;
    const target = m.target!;
    const zone = zoneOf(policy, target.calendar);
    out.push(
      '',
      `${METRIC_NAMES[tl.metric][0]!.toUpperCase()}${METRIC_NAMES[tl.metric].slice(1)}: target ${target.text} = ${duration(target.ms)} of covered time on calendar ${target.calendar}${target.calendar === '24x7' ? '' : ` (${zone})`}`,
    );
    // Not measured: no reading's figures are shown, lest one pass for the verdict.
    if (m.status === 'not-measured') {
      out.push(`  Verdict:   ${m.status.toUpperCase()} — ${notMeasuredText(r, m)}`);
      continue;
    }
    for (const h of tl.held)
      out.push(
        `  Held:      ${isoUtc(h.start)} → ${isoUtc(h.end)}: the ticket sat resolved (${h.startFrom ?? '?'}) until reopened (${h.endFrom ?? '?'}), not counted`,
      );
    out.push('  Covered time counted:');
    let previousEnd: number | null = null;
    for (const s of tl.spans) {
      if (previousEnd !== null && s.start > previousEnd)
        out.push(
          `    … ${tl.held.some((h) => h.start < s.start && h.end > previousEnd!) ? 'held' : 'closed'} ${duration(s.start - previousEnd)} (not counted)`,
        );
      const reached = s.total >= target.ms && s.total - s.counted < target.ms ? '  ← target reached' : '';
      out.push(
        `    ${local(s.start, zone)} → ${DateTime.fromMillis(s.end, { zone }).toFormat('HH:mm')}   ${duration(s.counted).padStart(7)}   total ${duration(s.total)}${reached}`,
      );
      previousEnd = s.end;
    }
    if (tl.truncated) out.push('    … (further spans omitted)');
    out.push(`  Due:       ${Number.isFinite(m.dueAt!) ? both(m.dueAt!, zone) : 'not yet (the clock is paused)'}`);
    const label = tl.metric === 'resolution' ? 'Resolved: ' : 'Responded:';
    out.push(
      `  ${label} ${m.respondedAt === null ? 'not yet' : both(m.respondedAt, zone)}${m.respondedAt !== null && m.reading?.resolvedFrom !== undefined ? ` (the last resolution, ${m.reading.resolvedFrom})` : ''}${tl.lateBy !== null ? lateText(tl.lateBy, m.respondedAt, m.dueAt) : ''}`,
    );
    out.push(
      `  Verdict:   ${m.status.toUpperCase()}${m.elapsedMs !== null ? ` (${duration(m.elapsedMs)} counted${m.respondedAt === null ? ' by as-of' : ''})` : ''}`,
    );
  }
  for (const [m, what] of [
    [r.metrics.ongoingResponse, 'waiting since'],
    [r.metrics.updateCadence, 'silent since'],
  ] as const) {
    if (!m) continue;
    const name = METRIC_NAMES[m.metric];
    out.push(
      '',
      `${name[0]!.toUpperCase()}${name.slice(1)}: ${m.status}${m.target ? ` (target ${m.target.text})` : ''}${m.status === 'not-measured' ? ` — ${notMeasuredText(r, m)}` : ''}`,
    );
    for (const g of m.gaps ?? [])
      out.push(
        `  ${what} ${isoUtc(g.start)} → ${g.end === null ? 'still open' : isoUtc(g.end)}: due ${Number.isFinite(g.dueAt) ? isoUtc(g.dueAt) : 'not yet (the clock is paused)'}, ${duration(g.elapsedMs)} counted — ${g.status}`,
      );
  }
  out.push('', `Ticket status: ${r.status}`);
  return out.join('\n') + '\n';
}

/** Seconds as H:MM:SS, the way helpdesks write durations. */
const hms = (s: number) =>
  `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/** The helpdesk's own first-response figures, in words. */
export function vendorReportedText(v: VendorReported): string {
  const parts = [
    v.firstResponseBusinessMinutes !== undefined
      ? `first reply in ${v.firstResponseBusinessMinutes} business minutes`
      : null,
    v.firstResponseSeconds !== undefined ? `first response time ${hms(v.firstResponseSeconds)}` : null,
    v.firstResponseStatus !== undefined ? `first response "${v.firstResponseStatus}"` : null,
  ];
  return parts.filter((p) => p !== null).join(', ');
}

export function explainJson(r: TicketResult, timelines: MetricTimeline[]) {
  const timeline = new Map(timelines.map((tl) => [tl.metric, tl]));
  return {
    id: r.ticket.id,
    line: r.ticket.line,
    ...(r.ticket.file !== undefined ? { file: r.ticket.file } : {}),
    effectivePriority: r.effectivePriority,
    reasons: r.priorityReasons.map((p) => ({ code: p.code, text: priorityReasonText(p) })),
    status: r.status,
    ...(r.ticket.firstResponseFrom !== undefined ? { firstResponseFrom: r.ticket.firstResponseFrom } : {}),
    ...(r.ticket.vendorReported !== undefined ? { vendorReported: r.ticket.vendorReported } : {}),
    metrics: METRICS.flatMap((metric) => {
      const m = r.metrics[metric];
      if (!m || m.target === null) return [];
      const tl = timeline.get(metric);
      return [
        {
          metric,
          target: m.target.text,
          calendar: m.target.calendar,
          ...(tl
            ? {
                spans: tl.spans.map((s) => ({
                  start: isoUtc(s.start),
                  end: isoUtc(s.end),
                  countedSeconds: seconds(s.counted),
                  totalSeconds: seconds(s.total),
                })),
              }
            : {}),
          ...(m.gaps
            ? {
                gaps: m.gaps.map((g) => ({
                  start: isoUtc(g.start),
                  end: isoOrNull(g.end),
                  dueAt: isoOrNull(g.dueAt),
                  elapsedSeconds: seconds(g.elapsedMs),
                  status: g.status,
                  startFrom: g.startFrom ?? null,
                  endFrom: g.endFrom ?? null,
                })),
              }
            : {}),
          ...(tl && tl.held.length > 0
            ? {
                held: tl.held.map((h) => ({
                  start: isoUtc(h.start),
                  end: isoUtc(h.end),
                  startFrom: h.startFrom ?? null,
                  endFrom: h.endFrom ?? null,
                })),
              }
            : {}),
          dueAt: isoOrNull(m.dueAt),
          respondedAt: isoOrNull(m.respondedAt),
          ...(m.reading?.resolvedFrom !== undefined && m.respondedAt !== null
            ? { respondedFrom: m.reading.resolvedFrom }
            : {}),
          lateBySeconds: tl?.lateBy == null ? null : seconds(tl.lateBy),
          status: m.status,
          ...(m.status === 'not-measured' ? { why: notMeasuredText(r, m) } : {}),
        },
      ];
    }),
  };
}
