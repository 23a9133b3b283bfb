import type { Target } from '../../core/policy/model.js';
import type { MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import { isoUtc, seconds } from './iso.js';
import { gapsJson, reasonsOf } from './report.js';

/**
 * The JSON text of one ticket, character for character what
 * `JSON.stringify(ticketJson(r))` gives, built directly: a streamed report
 * writes one per ticket, and building the object first and serialising it
 * costs twice as much. test/render/ticket-json-text.test.ts holds the two equal.
 */
export function ticketJsonText(r: TicketResult): string {
  const t = r.ticket;
  const { firstResponse, ongoingResponse, resolution } = r.metrics;
  const reasons = reasonsOf(r);
  return (
    `{"id":${quote(t.id)},"line":${t.line},"priority":${t.rawPriority === null ? 'null' : quote(t.rawPriority)},"effectivePriority":${quote(r.effectivePriority)}` +
    `,"createdAt":"${isoUtc(t.createdAt)}","status":"${r.status}"${r.exclusion !== null ? `,"exclusion":${quote(r.exclusion)}` : ''}` +
    (firstResponse ? `,"firstResponse":${metricText(firstResponse)}` : '') +
    (ongoingResponse ? `,"ongoingResponse":${metricText(ongoingResponse)}` : '') +
    (resolution ? `,"resolution":${metricText(resolution)}` : '') +
    `,"reasons":${reasons.length === 0 ? '[]' : JSON.stringify(reasons)}}`
  );
}

function metricText(m: MetricResult): string {
  const due = m.dueAt === null || !Number.isFinite(m.dueAt) ? 'null' : `"${isoUtc(m.dueAt)}"`;
  return (
    `${metricHead(m.target)}${due},"respondedAt":${m.respondedAt === null ? 'null' : `"${isoUtc(m.respondedAt)}"`},"elapsedSeconds":${m.elapsedMs === null ? 'null' : seconds(m.elapsedMs)}` +
    `,"status":"${m.status}"${m.gaps ? `,"gaps":${JSON.stringify(gapsJson(m.gaps))}` : ''}}`
  );
}

/** A metric's text up to its due instant: the same for every ticket with that target, so made once. */
const metricHeads = new WeakMap<Target, string>();

function metricHead(target: Target | null): string {
  if (target === null) return '{"targetSeconds":null,"target":null,"calendar":null,"dueAt":';
  let head = metricHeads.get(target);
  if (head === undefined) {
    head = `{"targetSeconds":${seconds(target.ms)},"target":${quote(target.text)},"calendar":${quote(target.calendar)},"dueAt":`;
    metricHeads.set(target, head);
  }
  return head;
}

/** A JSON string: plain text as it is, anything JSON escapes through JSON.stringify. */
function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}
