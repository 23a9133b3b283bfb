import type { MetricId, Target } from '../../core/policy/model.js';
import type { GapResult, MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import { seconds } from './iso.js';
import { ascii, JsonBytes, NULL } from './json-bytes.js';
import { reasonsOf } from './reasons.js';

/*
 * A ticket of the JSON report, written as bytes into the report's buffer: the hot path of a
 * million-ticket report, so constant pieces are made once and nothing is built per ticket that
 * can be avoided.
 */

// The one ticket serializer. Constant pieces are bytes made once; so are a
// key with its value where the values are few (priorities, statuses, targets).
const LINE = ascii(',"line":');
const NO_PRIORITY = ascii(',"priority":null');
const EXCLUSION = ascii(',"exclusion":');
const VENDOR_REPORTED = ascii(',"vendorReported":');
const FIRST_RESPONSE_FROM = ascii(',"firstResponseFrom":');
const RESPONDED = ascii(',"respondedAt":');
const ELAPSED = ascii(',"elapsedSeconds":');
const GAPS = ascii(',"gaps":');
const REASONS = ascii(',"reasons":');
const NO_REASONS = ascii(',"reasons":[]}');
const CLOSE = ascii('}');
const STATUS_KEY = ascii(',"status":');

/** `prefix` + a value as a JSON string + `suffix`, as bytes made once per value — for the values of a small set. */
class Pieces {
  private readonly made = new Map<string, Uint8Array>();

  constructor(
    private readonly prefix: string,
    private readonly suffix = '',
  ) {}

  write(out: JsonBytes, value: string): void {
    let b = this.made.get(value);
    if (b === undefined) {
      const text = `${this.prefix}${JSON.stringify(value)}${this.suffix}`;
      // Not a small set after all (a priority column of free text): written as text.
      if (this.made.size >= 1024) return out.text(text);
      this.made.set(value, (b = Buffer.from(text)));
    }
    out.raw(b);
  }
}

const PRIORITY = new Pieces(',"priority":');
const FILE = new Pieces(',"file":');
const EFFECTIVE = new Pieces(',"effectivePriority":', ',"createdAt":');
const STATUS = new Pieces(',"status":');
const METRIC_STATUS = new Pieces(',"status":', '}');

/** A metric's key and its bytes up to its due instant: the same for every ticket with that target, so made once. */
const heads = {
  firstResponse: new WeakMap<Target, Uint8Array>(),
  ongoingResponse: new WeakMap<Target, Uint8Array>(),
  updateCadence: new WeakMap<Target, Uint8Array>(),
  resolution: new WeakMap<Target, Uint8Array>(),
};
const noTarget = (id: MetricId) => ascii(`,"${id}":{"targetSeconds":null,"target":null,"calendar":null,"dueAt":`);
const NO_TARGET = {
  firstResponse: noTarget('firstResponse'),
  ongoingResponse: noTarget('ongoingResponse'),
  updateCadence: noTarget('updateCadence'),
  resolution: noTarget('resolution'),
};

function metricHead(id: MetricId, target: Target | null): Uint8Array {
  if (target === null) return NO_TARGET[id];
  let head = heads[id].get(target);
  if (head === undefined) {
    head = Buffer.from(
      `,"${id}":{"targetSeconds":${seconds(target.ms)},"target":${JSON.stringify(target.text)},"calendar":${JSON.stringify(target.calendar)},"dueAt":`,
    );
    heads[id].set(target, head);
  }
  return head;
}

/** One ticket, compact, after `lead` (the separator and `{"id":`). */
export function writeTicket(out: JsonBytes, r: TicketResult, lead: Uint8Array, withFile: boolean): void {
  const t = r.ticket;
  out.raw(lead);
  out.str(t.id);
  out.raw(LINE);
  out.num(t.line);
  // With the line, where the row's cells are: the evidence of a first response or resolution read from a column.
  if (withFile && t.file !== undefined) FILE.write(out, t.file);
  if (t.rawPriority === null) out.raw(NO_PRIORITY);
  else PRIORITY.write(out, t.rawPriority);
  EFFECTIVE.write(out, r.effectivePriority);
  out.iso(t.createdAt);
  STATUS.write(out, r.status);
  if (r.exclusion !== null) {
    out.raw(EXCLUSION);
    out.str(r.exclusion);
  }
  if (t.firstResponseFrom !== undefined) {
    out.raw(FIRST_RESPONSE_FROM);
    out.str(t.firstResponseFrom);
  }
  if (t.vendorReported !== undefined) {
    // Rare, and its keys vary: written as plain JSON.
    out.raw(VENDOR_REPORTED);
    out.text(JSON.stringify(t.vendorReported));
  }
  const { firstResponse, ongoingResponse, updateCadence, resolution } = r.metrics;
  if (firstResponse) writeMetric(out, firstResponse);
  if (ongoingResponse) writeMetric(out, ongoingResponse);
  if (updateCadence) writeMetric(out, updateCadence);
  if (resolution) writeMetric(out, resolution);
  const reasons = reasonsOf(r);
  if (reasons.length === 0) out.raw(NO_REASONS);
  else {
    out.raw(REASONS);
    out.text(`${JSON.stringify(reasons)}}`);
  }
}

function writeMetric(out: JsonBytes, m: MetricResult): void {
  out.raw(metricHead(m.metric, m.target));
  out.isoOrNull(m.dueAt);
  out.raw(RESPONDED);
  out.isoOrNull(m.respondedAt);
  out.raw(ELAPSED);
  if (m.elapsedMs === null) out.raw(NULL);
  else out.num(seconds(m.elapsedMs));
  if (m.gaps) {
    out.raw(STATUS_KEY);
    out.str(m.status);
    out.raw(GAPS);
    writeGaps(out, m.gaps);
    out.raw(CLOSE);
  } else METRIC_STATUS.write(out, m.status);
}

const GAP_START = ascii('{"start":');
const GAP_END = ascii(',"end":');
const GAP_DUE = ascii(',"dueAt":');
const GAP_STATUS = new Pieces(',"status":', ',"startFrom":');
const GAP_END_FROM = ascii(',"endFrom":');
const COMMA = ascii(',');
const OPEN_LIST = ascii('[');
const CLOSE_LIST = ascii(']');

/**
 * Each wait (ongoing response) or silence (update cadence), with what began and ended it: where a
 * vendor can check it. Written piece by piece: one ticket may have a hundred thousand of them.
 */
function writeGaps(out: JsonBytes, gaps: readonly GapResult[]): void {
  out.raw(OPEN_LIST);
  for (let i = 0; i < gaps.length; i++) {
    const g = gaps[i]!;
    if (i > 0) out.raw(COMMA);
    out.raw(GAP_START);
    out.iso(g.start);
    out.raw(GAP_END);
    out.isoOrNull(g.end);
    out.raw(GAP_DUE);
    // A wait still open while the clock is paused has no due time yet.
    out.isoOrNull(g.dueAt);
    out.raw(ELAPSED);
    out.num(seconds(g.elapsedMs));
    GAP_STATUS.write(out, g.status);
    out.strOrNull(g.startFrom ?? null);
    out.raw(GAP_END_FROM);
    out.strOrNull(g.endFrom ?? null);
    out.raw(CLOSE);
  }
  out.raw(CLOSE_LIST);
}
