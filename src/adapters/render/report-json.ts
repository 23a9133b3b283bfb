import type { AvailabilityRow } from '../../core/availability/availability.js';
import type { CreditLine } from '../../core/credits/credit-line.js';
import { decimalAmount } from '../../core/money.js';
import type { Finding, Issue } from '../../core/issues.js';
import { issueText } from './format-issues.js';
import type { AuditReport, ReportHead } from '../../core/report.js';
import type { MetricId, Target } from '../../core/policy/model.js';
import type { GapResult, MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { subtract } from '../../core/time/spans.js';
import { isoUtc, seconds } from './iso.js';
import { ascii, JsonBytes, NULL } from './json-bytes.js';
import { reasonsOf } from './reasons.js';
import { findingText } from './wording.js';

/** The JSON report's version (SPEC 5): it changes only with the shape, published in schema/report.schema.json. */
export const SCHEMA_VERSION = 1;

const money = (r: ReportHead, minor: number | null) => decimalAmount(minor, r.currency);

/** The fields before the tickets, in the schema's order. */
function headFields(r: ReportHead): Array<[string, unknown]> {
  const tier = r.tier;
  return [
    ['schemaVersion', SCHEMA_VERSION],
    ['generator', r.generator],
    ['policy', { id: r.policy.id, name: r.policy.name, tier: tier.id, ...(tier.level ? { level: tier.level } : {}) }],
    [
      'period',
      { label: r.period.label, start: isoUtc(r.period.start), end: isoUtc(r.period.end), zone: r.period.zone },
    ],
    ['asOf', isoUtc(r.asOf)],
    ['contract', r.contract],
    ['inputs', r.inputs],
    ['currency', r.currency],
    ['fee', money(r, r.feeMinor)],
  ];
}

/** The fields after the tickets. */
function tailFields(r: AuditReport): Array<[string, unknown]> {
  const { bySeverity, ...counts } = r.summary;
  return [
    ['summary', { ...counts, bySeverity, rows: r.rows }],
    ['availability', r.availability.map(availabilityJson)],
    ['credits', r.credits.map((c) => creditJson(r, c))],
    ['creditTotal', creditTotalJson(r)],
    ['assumptions', r.policy.assumptions.map((a) => ({ id: a.id, text: a.text }))],
    ['warnings', r.warnings.map(warningJson)],
  ];
}

/** A warning with every part a dashboard can use without reading the sentence: where, the key path, the values, how to fix. */
export function warningJson(w: Issue) {
  return {
    code: w.code,
    ...(w.file ? { file: w.file } : {}),
    ...(w.line !== undefined ? { line: w.line } : {}),
    ...(w.col !== undefined ? { col: w.col } : {}),
    ...(w.path !== undefined ? { path: w.path } : {}),
    message: issueText(w),
    // The values the sentence names, by its code's keys (docs/codes.md): what a dashboard reads instead of the words.
    ...(w.args !== undefined ? { args: w.args } : {}),
    ...(w.skipped ? { skipped: true } : {}),
    ...(w.expected !== undefined ? { expected: w.expected } : {}),
    ...(w.got !== undefined ? { got: w.got } : {}),
    ...(w.hint !== undefined ? { hint: w.hint } : {}),
  };
}

function creditTotalJson(r: AuditReport) {
  const t = r.creditTotal;
  const y = t.year;
  return {
    percent: t.percent,
    amount: money(r, t.amountMinor),
    currency: r.currency,
    capped: t.capped,
    ...(t.belowMinimum ? { belowMinimum: true } : {}),
    ...(t.expired
      ? { expired: { lines: t.expired.lines, percent: t.expired.percent, amount: money(r, t.expired.amountMinor) } }
      : {}),
    ...(y
      ? {
          year: {
            capPercent: y.capPercent,
            cap: money(r, y.capAmountMinor),
            earlier: money(r, y.earlierAmountMinor),
            earlierPercent: y.earlierPercent,
            unknownPeriods: y.unknownPeriods,
            reached: y.reached === true,
          },
        }
      : {}),
  };
}

const spansJson = (spans: ReadonlyArray<readonly [number, number]>) =>
  spans.map(([a, b]) => ({ start: isoUtc(a), end: isoUtc(b), seconds: seconds(b - a) }));

function creditJson(r: ReportHead, c: CreditLine) {
  const { tickets, downtime, ...rest } = c.basis;
  const basis = {
    ...(tickets
      ? {
          tickets: tickets.map((e) => ({
            id: e.id,
            metric: e.metric,
            dueAt: isoUtc(e.dueAt),
            respondedAt: e.respondedAt === null ? null : isoUtc(e.respondedAt),
            source: e.source ?? null,
            respondedFrom: e.respondedFrom ?? null,
          })),
        }
      : {}),
    // A proportional credit's rule (how it is computed) is worded where it stands.
    ...Object.fromEntries(
      Object.entries(rest).map(([k, v]) => [
        k,
        k === 'rule' ? findingText((v as Finding).code, (v as Finding).args) : v,
      ]),
    ),
    ...(downtime ? { downtime: spansJson(downtime as Array<[number, number]>) } : {}),
  };
  return {
    rule: c.rule,
    basis,
    percent: c.percent,
    amount: money(r, c.amountMinor),
    currency: r.currency,
    eligible: c.eligible,
    reason: findingText(c.reason.code, c.reason.args),
    reasonCode: c.reason.code,
    reasonArgs: c.reason.args,
    claimBy: c.claimBy === null ? null : formatIsoDate(c.claimBy),
    daysLeft: c.daysLeft ?? null,
    expired: c.expired === true,
  };
}

function availabilityJson(a: AvailabilityRow) {
  return {
    service: a.service,
    period: a.period.label,
    eligibleSeconds: seconds(a.eligibleMs),
    downtimeSeconds: seconds(a.downtimeMs),
    maintenanceSeconds: seconds(a.maintenanceMs),
    noDataSeconds: seconds(a.noDataMs),
    availabilityPercent: a.availabilityPercent,
    targetPercent: a.targetPercent,
    met: a.met,
    coveredSeconds: seconds(a.coveredMs),
    coveragePercent: a.coveragePercent,
    bounds: a.bounds,
    downtime: spansJson(a.downtime),
    // What the verdict stands on: the time the evidence covers, and where that evidence was read.
    evidence: { sources: a.sources, covered: spansJson(subtract([[a.period.start, a.period.end]], a.noData)) },
  };
}

/**
 * Writes reports as JSON (SPEC 5): one object, or an array for several
 * periods, indented by two spaces, each ticket an object on a line of its
 * own. Tickets come either with the report or one at a time between
 * `begin` and `end`, for a report streamed as it is computed.
 */
export class ReportJsonWriter {
  private count = 0;
  private ticketFiles = false;
  private pad = '';
  /** What comes before a ticket's id: the first ticket's, every later one's. */
  private first = ascii('');
  private sep = ascii('');

  constructor(private readonly out: JsonBytes) {}

  /** Writes every report whole (tickets included); an array when there are several. */
  write(reports: readonly AuditReport[]): void {
    if (reports.length !== 1) this.out.text('[');
    reports.forEach((r, i) => {
      if (reports.length !== 1) this.out.text(`${i > 0 ? ',' : ''}\n  `);
      this.begin(r, reports.length === 1 ? 0 : 1);
      for (const t of r.tickets) this.ticket(t);
      this.end(r);
    });
    this.out.text(reports.length !== 1 ? (reports.length > 0 ? '\n]\n' : ']\n') : '\n');
  }

  /** A report up to its first ticket, at `depth` levels of indentation. */
  begin(head: ReportHead, depth = 0): void {
    this.pad = '  '.repeat(depth);
    // With one ticket export, each ticket's file is inputs.tickets[0]: said once, not a million times.
    this.ticketFiles = head.inputs.tickets.length > 1;
    this.count = 0;
    this.out.text('{');
    this.fields(headFields(head));
    this.out.text(`,\n${this.pad}  "tickets": [`);
    this.sep = ascii(`,\n${this.pad}    {"id":`);
    this.first = ascii(`\n${this.pad}    {"id":`);
  }

  ticket(r: TicketResult): void {
    writeTicket(this.out, r, this.count++ === 0 ? this.first : this.sep, this.ticketFiles);
  }

  /** The rest of the report after its tickets. */
  end(r: AuditReport): void {
    this.out.text(this.count > 0 ? `\n${this.pad}  ]` : ']');
    this.fields(tailFields(r), true);
    this.out.text(`\n${this.pad}}`);
  }

  private fields(fields: Array<[string, unknown]>, after = false): void {
    const indent = `\n${this.pad}  `;
    fields.forEach(([key, value], i) => {
      this.out.text(
        `${i > 0 || after ? ',' : ''}${indent}${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', indent)}`,
      );
    });
  }
}

/** The reports as JSON text, for a caller that wants a string. */
export function reportJsonText(reports: readonly AuditReport[]): string {
  const parts: Buffer[] = [];
  const out = new JsonBytes((b) => parts.push(Buffer.from(b)));
  new ReportJsonWriter(out).write(reports);
  out.flush();
  return Buffer.concat(parts).toString('utf8');
}

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
function writeTicket(out: JsonBytes, r: TicketResult, lead: Uint8Array, withFile: boolean): void {
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
