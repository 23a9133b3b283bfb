import type { Target } from '../../core/policy/model.js';
import type { MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import { isoBytes } from './iso.js';
import { ticketJsonText } from './ticket-json-text.js';

/** Where ticket JSON goes: bytes straight into `buf` at `used` once `room` has made space, or text. */
export interface ByteSink {
  readonly buf: Uint8Array;
  used: number;
  /** Space for `n` more bytes at `used`, after everything written before. */
  room(n: number): void;
  write(text: string): void;
}

/**
 * Appends one ticket of a streamed report — `,\n    ` (or `\n    ` for the
 * first) and its JSON — byte for byte what encoding
 * `JSON.stringify(ticketJson(r))` as UTF-8 gives. The usual ticket (no
 * reasons, no exclusion, no gaps, plain ASCII names) is written as bytes:
 * building a string per ticket and encoding it costs more than auditing it.
 * Any other goes through ticketJsonText. test/render-ticket-json-text.test.ts
 * holds the two to JSON.stringify.
 */
export function writeTicketJson(sink: ByteSink, r: TicketResult, first: boolean): void {
  const t = r.ticket;
  const { firstResponse, ongoingResponse, resolution } = r.metrics;
  const usual = r.exclusion === null && r.priorityReasons.length === 0 && ongoingResponse === undefined && firstResponse?.dueAt !== Infinity;
  if (usual) {
    const bound = 320 + t.id.length + (t.rawPriority?.length ?? 0) + r.effectivePriority.length + (firstResponse ? metricHead(firstResponse.target).length : 0) + (resolution ? metricHead(resolution.target).length : 0);
    if (bound <= MAX_LINE) {
      sink.room(bound);
      const end = usualTicket(sink.buf, sink.used, r, first);
      if (end >= 0) {
        sink.used = end;
        return;
      }
    }
  }
  sink.write(`${first ? '\n    ' : ',\n    '}${ticketJsonText(r)}`);
}

/** Lines longer than this are written as text. */
const MAX_LINE = 64 * 1024;

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const FIRST = bytes('\n    {"id":');
const NEXT = bytes(',\n    {"id":');
const LINE = bytes(',"line":');
const PRIORITY = bytes(',"priority":');
const EFFECTIVE = bytes(',"effectivePriority":');
const CREATED = bytes(',"createdAt":');
const STATUS = bytes(',"status":');
const FIRST_RESPONSE = bytes(',"firstResponse":');
const RESOLUTION = bytes(',"resolution":');
const RESPONDED = bytes(',"respondedAt":');
const ELAPSED = bytes(',"elapsedSeconds":');
const END = bytes(',"reasons":[]}');
const NULL = bytes('null');

/** The usual ticket's bytes from `p`; the end, or -1 when a name is not plain ASCII or a year not of four digits (the caller writes text instead). */
function usualTicket(buf: Uint8Array, p: number, r: TicketResult, first: boolean): number {
  const t = r.ticket;
  p = put(buf, p, first ? FIRST : NEXT);
  p = plain(buf, p, t.id);
  if (p < 0) return -1;
  p = put(buf, p, LINE);
  p = int(buf, p, t.line);
  p = put(buf, p, PRIORITY);
  p = t.rawPriority === null ? put(buf, p, NULL) : plain(buf, p, t.rawPriority);
  if (p < 0) return -1;
  p = put(buf, p, EFFECTIVE);
  p = plain(buf, p, r.effectivePriority);
  if (p < 0) return -1;
  p = iso(buf, put(buf, p, CREATED), t.createdAt);
  if (p < 0) return -1;
  p = plain(buf, put(buf, p, STATUS), r.status);
  const { firstResponse, resolution } = r.metrics;
  if (firstResponse) p = metric(buf, put(buf, p, FIRST_RESPONSE), firstResponse);
  if (p >= 0 && resolution) p = metric(buf, put(buf, p, RESOLUTION), resolution);
  return p < 0 ? -1 : put(buf, p, END);
}

function metric(buf: Uint8Array, p: number, m: MetricResult): number {
  p = put(buf, p, metricHead(m.target));
  p = m.dueAt === null || !Number.isFinite(m.dueAt) ? put(buf, p, NULL) : iso(buf, p, m.dueAt);
  if (p < 0) return -1;
  p = put(buf, p, RESPONDED);
  p = m.respondedAt === null ? put(buf, p, NULL) : iso(buf, p, m.respondedAt);
  if (p < 0) return -1;
  p = put(buf, p, ELAPSED);
  p = m.elapsedMs === null ? put(buf, p, NULL) : int(buf, p, Math.floor(m.elapsedMs / 1000));
  p = put(buf, p, STATUS);
  p = plain(buf, p, m.status);
  buf[p++] = 0x7d; // }
  return p;
}

/** A metric's bytes up to its due instant: the same for every ticket with that target, so made once. */
const heads = new WeakMap<Target, Uint8Array>();
const NO_TARGET = bytes('{"targetSeconds":null,"target":null,"calendar":null,"dueAt":');

function metricHead(target: Target | null): Uint8Array {
  if (target === null) return NO_TARGET;
  let head = heads.get(target);
  if (head === undefined) {
    head = Buffer.from(`{"targetSeconds":${Math.floor(target.ms / 1000)},"target":${JSON.stringify(target.text)},"calendar":${JSON.stringify(target.calendar)},"dueAt":`);
    heads.set(target, head);
  }
  return head;
}

function put(buf: Uint8Array, p: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[p + i] = b[i]!;
  return p + b.length;
}

/** A JSON string of printable ASCII without quotes or backslashes, or -1 for any other. */
function plain(buf: Uint8Array, p: number, s: string): number {
  buf[p++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return -1;
    buf[p++] = c;
  }
  buf[p++] = 0x22;
  return p;
}

/** A whole number as JSON writes it. */
function int(buf: Uint8Array, p: number, n: number): number {
  if (n < 0) {
    buf[p++] = 0x2d;
    n = -n;
  }
  if (n >= 1e21) return put(buf, p, bytes(String(n)));
  let scale = 1;
  while (scale * 10 <= n) scale *= 10;
  for (; scale >= 1; scale /= 10) {
    const digit = Math.floor(n / scale);
    buf[p++] = 0x30 + digit;
    n -= digit * scale;
  }
  return p;
}

/** A quoted timestamp as isoUtc writes it, or -1 for a year outside 1000–9999. */
function iso(buf: Uint8Array, p: number, ms: number): number {
  buf[p] = 0x22;
  const end = isoBytes(buf, p + 1, ms);
  if (end < 0) return -1;
  buf[end] = 0x22;
  return end + 1;
}
