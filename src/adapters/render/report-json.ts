import type { AvailabilityRow } from '../../core/availability/availability.js';
import type { CreditLine } from '../../core/credits/credit-line.js';
import { decimalAmount } from '../../core/money.js';
import type { Finding, Issue } from '../../core/issues.js';
import { issueText } from './format-issues.js';
import type { AuditReport, FileDigest, ReportHead } from '../../core/report.js';
import { periodOwed, rangeTotals } from '../../core/credits/range-total.js';
import type { TicketResult } from '../../core/tickets/evaluate.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { subtract } from '../../core/time/spans.js';
import { isoUtc, seconds } from './iso.js';
import { ascii, JsonBytes } from './json-bytes.js';
import { writeTicket } from './report-json-ticket.js';
import { findingText } from './wording.js';

/**
 * The JSON report's version (SPEC 5): it changes only with the shape, published in schema/report.schema.json.
 * 2: a range is an object (run metadata, `periods`, `totals`), not an array; every report names the files
 * it read with their checksums (`files`) and its totals per currency (`totals`); `creditTotal.undecidedLines`.
 */
export const SCHEMA_VERSION = 2;

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

/** What a run is, whatever its periods: a range's fields before its periods. */
function runFields(reports: readonly AuditReport[]): Array<[string, unknown]> {
  const [first, last] = [reports[0]!, reports[reports.length - 1]!];
  return [
    ['schemaVersion', SCHEMA_VERSION],
    ['generator', first.generator],
    ['range', { from: first.period.label, to: last.period.label, periods: reports.length }],
    ['asOf', isoUtc(first.asOf)],
    ['contract', first.contract],
    ['inputs', first.inputs],
    ['files', filesJson(first.files)],
  ];
}

/** Every file the run read, with its checksum (inputs with their records read and skipped). */
const filesJson = (files: readonly FileDigest[] | undefined) => files ?? [];

/**
 * The credits of every period summed per currency (the tables' and the CSV's range total): owed (the
 * periods' totals), expired unclaimed and undecided apart, the nearest deadline still open.
 */
function totalsJson(reports: readonly AuditReport[]) {
  return rangeTotals(reports).map((t) => ({
    currency: t.currency,
    periods: t.periods.map((p) => p.label),
    amount: decimalAmount(t.owedMinor, t.currency),
    expired: { lines: t.expiredLines, amount: decimalAmount(t.expiredMinor, t.currency) },
    undecidedLines: t.undecidedLines,
    claimBy: t.claimBy === null ? null : formatIsoDate(t.claimBy),
    daysLeft: t.daysLeft,
  }));
}

/** The fields after the tickets. */
function tailFields(r: AuditReport): Array<[string, unknown]> {
  const { bySeverity, ...counts } = r.summary;
  return [
    ['summary', { ...counts, bySeverity, rows: r.rows }],
    ['availability', r.availability.map(availabilityJson)],
    ['credits', new JsonList(r.credits, (c) => creditJson(r, c))],
    ['creditTotal', creditTotalJson(r)],
    ['assumptions', r.policy.assumptions.map((a) => ({ id: a.id, text: a.text }))],
    ['warnings', new JsonList(r.warnings, warningJson)],
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
    // Lines the evidence cannot decide yet: in no total, not yet lost.
    undecidedLines: periodOwed(r).undecidedLines,
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
 * Writes reports as JSON (SPEC 5, schema version 2), indented by two spaces, each ticket an object
 * on a line of its own. One period: its report, with the run's `files` and `totals` after its own
 * fields. Several: one object — the run's fields, `periods` (each period's report, as one period's
 * but for `files` and `totals`) and `totals`. Tickets come either with the report or one at a time
 * between `begin` and `end`, for a report streamed as it is computed.
 */
export class ReportJsonWriter {
  private count = 0;
  private ticketFiles = false;
  private pad = '';
  /** What comes before a ticket's id: the first ticket's, every later one's. */
  private first = ascii('');
  private sep = ascii('');

  constructor(private readonly out: JsonBytes) {}

  /** Writes every report whole (tickets included): one period's report, or a range's object. */
  write(reports: readonly AuditReport[]): void {
    if (reports.length === 0) throw new Error('a JSON report needs at least one period');
    if (reports.length === 1) {
      this.begin(reports[0]!);
      for (const t of reports[0]!.tickets) this.ticket(t);
      this.end(reports[0]!);
      this.out.text('\n');
      return;
    }
    this.out.text('{');
    this.fields(runFields(reports), false, '');
    this.out.text(',\n  "periods": [');
    reports.forEach((r, i) => {
      this.out.text(`${i > 0 ? ',' : ''}\n    `);
      this.begin(r, 2);
      for (const t of r.tickets) this.ticket(t);
      this.end(r, false);
    });
    this.out.text('\n  ]');
    this.fields([['totals', totalsJson(reports)]], true, '');
    this.out.text('\n}\n');
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

  /** The rest of the report after its tickets; `run`: a report of one period, which says what the run read and its totals. */
  end(r: AuditReport, run = true): void {
    this.out.text(this.count > 0 ? `\n${this.pad}  ]` : ']');
    const tail = tailFields(r);
    if (run) tail.push(['files', filesJson(r.files)], ['totals', totalsJson([r])]);
    this.fields(tail, true);
    this.out.text(`\n${this.pad}}`);
  }

  private fields(fields: Array<[string, unknown]>, after = false, pad = this.pad): void {
    const indent = `\n${pad}  `;
    fields.forEach(([key, value], i) => {
      const head = `${i > 0 || after ? ',' : ''}${indent}${JSON.stringify(key)}: `;
      if (!(value instanceof JsonList)) {
        this.out.text(`${head}${JSON.stringify(value, null, 2).replaceAll('\n', indent)}`);
        return;
      }
      // Item by item, as JSON.stringify(list, null, 2) would write it: a million credit lines or warnings
      // are never one string (V8 caps a string at 512 MiB) nor one list of their JSON objects.
      this.out.text(`${head}[`);
      let n = 0;
      for (const item of value.items)
        this.out.text(
          `${n++ > 0 ? ',' : ''}${indent}  ${JSON.stringify(value.json(item), null, 2).replaceAll('\n', `${indent}  `)}`,
        );
      this.out.text(n > 0 ? `${indent}]` : ']');
    });
  }
}

/** A list written item by item, each item's JSON made as it is written. */
class JsonList<T> {
  constructor(
    readonly items: readonly T[],
    readonly json: (item: T) => unknown,
  ) {}
}

/** The reports as JSON text, for a caller that wants a string. */
export function reportJsonText(reports: readonly AuditReport[]): string {
  const parts: Buffer[] = [];
  const out = new JsonBytes((b) => parts.push(Buffer.from(b)));
  new ReportJsonWriter(out).write(reports);
  out.flush();
  return Buffer.concat(parts).toString('utf8');
}
