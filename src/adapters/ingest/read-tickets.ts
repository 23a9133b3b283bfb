import { InputError, type Issue } from '../../core/issues.js';
import type { Policy } from '../../core/policy/model.js';
import type { Ticket, TicketEvent } from '../../core/tickets/ticket.js';
import { textOf, type TicketField, type TicketMapping, type TimeField } from './mapping.js';
import { IdTable } from './id-table.js';
import { PriorityResolver } from './priority-resolver.js';
import type { RowCounts } from '../../core/report.js';
import { csvSource, inputName, jsonSource, ndjsonSource, openText, type InputSource, type OnBytes, type RecordSource, type SourceRecord } from './records.js';
import { TimestampReader, failureDetail } from './timestamp-reader.js';

export interface ReadTicketsOptions {
  mapping: TicketMapping;
  /** --input-tz: overrides the mapping's zone. */
  inputTz: string | null;
  policy: Policy;
  skipInvalid: boolean;
  /** Relative paths are read from here (default: the process's working directory). */
  cwd?: string;
  onBytes?: OnBytes;
}

export interface ReadSummary {
  /** Problems that make the input invalid (each also a warning with --skip-invalid). */
  issues: Issue[];
  /** Those of `issues` that stopped a file before its end: no --skip-invalid passes them, or its later rows would vanish uncounted. */
  fatal: Issue[];
  /** Warnings, including each row skipped with --skip-invalid. */
  warnings: Issue[];
  rows: Omit<RowCounts, 'used' | 'outsidePeriod'>;
}

export interface ReadTicketsResult extends ReadSummary {
  tickets: Ticket[];
}

interface FileTally {
  file: string;
  /** Data rows. */
  rows: number;
  /** The file has a first-response column or key. */
  measured: boolean;
  /** Records without a first-response field. */
  unmeasured: number;
  /** Local times read as their first occurrence (overlap) or moved forward (gap). */
  overlap: number;
  gap: number;
  zone: string | null;
}

/** Read every file into validated tickets, collecting every problem. */
export async function readTickets(files: readonly InputSource[], opts: ReadTicketsOptions): Promise<ReadTicketsResult> {
  const tickets: Ticket[] = [];
  const summary = await streamTickets(files, opts, (t) => tickets.push(t));
  return { tickets, ...summary };
}

/**
 * Read every file, handing each valid ticket to `sink` as soon as it is
 * read, so that memory does not grow with the input: only the ids seen are
 * kept, for duplicate detection. An event-log export (duplicates: last) is
 * held until its end, since a later row replaces an earlier one.
 */
export async function streamTickets(files: readonly InputSource[], opts: ReadTicketsOptions, sink: (t: Ticket) => void): Promise<ReadSummary> {
  const result: ReadSummary = { issues: [], fatal: [], warnings: [], rows: { read: 0, skipped: 0, superseded: 0 } };
  const seen: Seen = { first: new IdTable(), files: [], latest: opts.mapping.duplicates === 'last' ? new Map() : null };
  const priorities = new PriorityResolver(opts.policy, opts.mapping.priorities, opts.mapping.scales);
  for (const file of files) {
    try {
      fileChecks(await readFile(file, opts, priorities, seen, result, sink), result);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // A file that cannot be read to its end (missing, not text, an unclosed quote) fails the run, --skip-invalid or not.
      result.issues.push(...err.issues);
      result.fatal.push(...err.issues);
    }
  }
  if (seen.latest) for (const t of seen.latest.values()) sink(t);
  if (priorities.byScale.size > 0) {
    const list = [...priorities.byScale.values()].map((s) => `"${s.raw}" → ${s.id} (level ${s.level} of ${s.of} on ${s.scale}'s scale)`);
    result.warnings.push({ code: 'PRIORITY_BY_SCALE', file: files.map(inputName).join(', '), message: `priorities read by their place on the helpdesk's scale: ${list.join(', ')}; map them with --map priorities to decide otherwise` });
  }
  if (opts.skipInvalid && result.issues.length > 0) {
    result.warnings.push(skippedSummary(result.issues, result.rows.skipped), ...result.issues.map((i) => ({ ...i, message: `skipped: ${i.message}` })));
  }
  return result;
}

/** What --skip-invalid passed over, by reason, with counts: a month of unresolved tickets must not vanish unnoticed. */
function skippedSummary(issues: readonly Issue[], rows: number): Issue {
  const reasons = new Map<string, number>();
  for (const i of issues) {
    // "resolved_at: bad timestamp: …" → "resolved_at: bad timestamp"; a row's own values ("T-7") left out, so rows alike count together.
    const reason = i.message.split(': ').slice(0, 2).join(': ').replace(/"[^"]*"/g, '…').replace(/\s*\(.*$/, '');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const list = [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} × ${reason}`);
  const files = [...new Set(issues.map((i) => i.file))].join(', ');
  return { code: 'ROWS_SKIPPED', file: files, message: `${rows} row(s) skipped (--skip-invalid) and not in any report: ${list.join('; ')}` };
}

interface Seen {
  /** id → where it was first seen: file index × 2^32 + line. */
  first: IdTable;
  files: string[];
  /** duplicates: last — the latest ticket of each id, in first-seen order. */
  latest: Map<string, Ticket> | null;
}

const FILE_SHIFT = 2 ** 32;

async function readFile(input: InputSource, opts: ReadTicketsOptions, priorities: PriorityResolver, seen: Seen, result: ReadSummary, sink: (t: Ticket) => void): Promise<FileTally> {
  const file = inputName(input);
  const { format, chunks } = await openText(input, opts.cwd, opts.onBytes, opts.mapping.encoding);
  const mapping = opts.mapping;
  const source: RecordSource =
    format === 'csv' ? await csvSource(file, chunks, mapping) : format === 'ndjson' ? await ndjsonSource(input, opts.cwd, chunks, mapping) : await jsonSource(file, chunks, mapping);
  statedColumnsExist(file, mapping, source);
  const times = timeReaders(mapping, source, opts.inputTz);
  // With a first-response column, an empty or absent value means "no response yet".
  const measured = source.fields.has('first_response_at') || source.fields.has('first_response_minutes');
  const fileIndex = seen.files.push(file) - 1;
  const rows = new RowReader(file, mapping, times, priorities, opts.policy, measured, (f) => !source.complete || source.fields.has(f));
  let rowsInFile = 0;
  let unmeasured = 0;
  for await (const batch of source.batches) for (const record of batch) {
    rowsInFile++;
    result.rows.read++;
    let ticket: Ticket | Issue[];
    try {
      ticket = rows.read(record);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      ticket = err.issues;
    }
    if (Array.isArray(ticket)) {
      result.issues.push(...ticket);
      if (opts.skipInvalid) result.rows.skipped++;
      continue;
    }
    if (ticket.firstResponseAt === undefined) unmeasured++;
    const earlier = seen.first.getOrAdd(ticket.id, fileIndex * FILE_SHIFT + record.line);
    if (earlier !== undefined && !seen.latest) {
      const where = `${seen.files[Math.floor(earlier / FILE_SHIFT)]}:${earlier % FILE_SHIFT}`;
      result.issues.push({
        code: 'INPUT_DUPLICATE_ID',
        file,
        line: record.line,
        ...(record.col !== undefined ? { col: record.col } : {}),
        message: `duplicate ticket id "${ticket.id}" (first at ${where})`,
        hint: 'remove the duplicate, or declare an event-log export with --map duplicates: last',
      });
      if (opts.skipInvalid) result.rows.skipped++;
      continue;
    }
    if (earlier !== undefined) result.rows.superseded++;
    if (seen.latest) seen.latest.set(ticket.id, ticket);
    else sink(ticket);
  }
  const readers = [...new Set(Object.values(times))];
  const overlap = readers.reduce((n, r) => n + r.adjusted.overlap, 0);
  const gap = readers.reduce((n, r) => n + r.adjusted.gap, 0);
  return { file, rows: rowsInFile, measured, unmeasured, overlap, gap, zone: [...new Set(readers.map((r) => r.zone))].join(', ') };
}

/**
 * A column or path the map names that matches nothing in the file is an
 * error naming what there is — not a silent fallback to "not measured".
 * (Known where the source knows its fields before its records: CSV, JSON documents.)
 */
function statedColumnsExist(file: string, mapping: TicketMapping, source: RecordSource): void {
  if (!source.complete) return;
  const issues: Issue[] = [];
  for (const [field, names] of Object.entries(mapping.stated) as Array<[TicketField, readonly string[]]>) {
    // The name read must be one the map states, not a preset's or the canonical fallback.
    const read = source.columns.get(field);
    if (read !== undefined && names.some((n) => n.trim().toLowerCase() === read)) continue;
    const there = source.available.slice(0, 24).map((a) => JSON.stringify(a)).join(', ') + (source.available.length > 24 ? ', …' : '');
    issues.push({
      code: 'INPUT_MAP_NO_MATCH',
      file,
      line: 1,
      message: `${mapping.name}: columns.${field}: ${names.map((n) => JSON.stringify(n)).join(' or ')} matches nothing in this file`,
      got: there === '' ? 'no columns' : there,
      hint: 'copy the name from the export (case and spaces do not matter; a dotted path reaches into JSON objects)',
    });
  }
  if (issues.length > 0) throw new InputError(issues);
}

type TimeReaders = Readonly<Record<TimeField, TimestampReader>>;

/**
 * Each time field's reader: its zone is the map's for that field, else the
 * zone the export writes that column in, else --input-tz, else the
 * mapping's; its formats the map's for that field, else the mapping's.
 * Fields alike share one reader.
 */
function timeReaders(mapping: TicketMapping, source: RecordSource, inputTz: string | null): TimeReaders {
  const made = new Map<string, TimestampReader>();
  const reader = (field: TimeField): TimestampReader => {
    const column = source.columns.get(field);
    const zone = mapping.fieldZones[field] ?? (column === undefined ? undefined : mapping.columnZones.get(column)) ?? inputTz ?? mapping.zone;
    const formats = mapping.fieldFormats[field] ?? mapping.timestampFormats;
    const key = JSON.stringify([zone, formats]);
    let r = made.get(key);
    if (r === undefined) made.set(key, (r = new TimestampReader(zone, formats, mapping.locale, mapping.monthNames, mapping.zoneHint)));
    return r;
  };
  return { created_at: reader('created_at'), first_response_at: reader('first_response_at'), resolved_at: reader('resolved_at'), events: reader('events') };
}

/** What a file's tally says: no rows is a problem; unmeasured first responses and DST-adjusted times are warnings. */
function fileChecks(t: FileTally, into: { issues: Issue[]; warnings: Issue[] }): void {
  const file = t.file;
  if (t.rows === 0) {
    into.issues.push({ code: 'INPUT_NO_ROWS', file, message: 'the file has no ticket rows', hint: 'check that the export is not empty or header-only' });
  }
  if (t.unmeasured > 0) {
    into.warnings.push({
      code: 'FIRST_RESPONSE_NOT_MEASURED',
      file,
      message: t.measured ? `${t.unmeasured} record(s) have no first-response field: first response is not measured for them` : 'no first-response column: first response is not measured for these tickets',
      hint: 'map a first-response timestamp column with --map columns.first_response_at',
    });
  }
  if (t.overlap + t.gap > 0) {
    into.warnings.push({
      code: 'DST_ADJUSTED',
      file,
      message: `${t.overlap} local time(s) that occur twice were read as the first occurrence and ${t.gap} that do not exist were moved forward by the DST gap (${t.zone})`,
    });
  }
}

const ACTORS = new Set(['customer', 'vendor']);
const EVENT_TYPES = new Set(['reply', 'status']);

/**
 * Turns one file's records into tickets. Built once per file, so the hot
 * path allocates the ticket and nothing else unless a row has a problem.
 */
class RowReader {
  private issues: Issue[] | null = null;
  private record!: SourceRecord;
  /** The mapping's null values (null when none) and value maps, looked up once. */
  private readonly nullValues: readonly string[] | null;
  private readonly priorityValues: ReadonlyMap<string, string> | undefined;
  private readonly statusValues: ReadonlyMap<string, string> | undefined;
  /**
   * Whether a record may have the field: one no record has is not looked up.
   * (The id always is: a record that cannot be read throws at its first field.)
   */
  private readonly has: Readonly<Record<'reclassified' | 'firstResponse' | 'resolved' | 'firstResponseMinutes' | 'resolutionMinutes' | 'events' | 'status' | 'environment' | 'incident' | 'exclusion' | 'vendorFirstResponse', boolean>>;

  constructor(
    private readonly file: string,
    mapping: TicketMapping,
    private readonly times: TimeReaders,
    private readonly priorities: PriorityResolver,
    private readonly policy: Policy,
    /** The file has a first-response field: an absent or empty value means none yet. */
    private readonly measured: boolean,
    present: (field: TicketField) => boolean,
  ) {
    this.has = {
      reclassified: present('reclassified_priority'),
      firstResponse: present('first_response_at'),
      resolved: present('resolved_at'),
      firstResponseMinutes: present('first_response_minutes'),
      resolutionMinutes: present('resolution_minutes'),
      events: present('events'),
      status: present('status'),
      environment: present('environment'),
      incident: present('incident'),
      exclusion: present('exclusion'),
      vendorFirstResponse: present('vendor_first_response_business_minutes'),
    };
    this.nullValues = mapping.nullValues.length > 0 ? mapping.nullValues : null;
    this.priorityValues = mapping.valueMaps.priority;
    this.statusValues = mapping.valueMaps.status;
  }

  /** One record → a ticket, or every problem of the row. */
  read(record: SourceRecord): Ticket | Issue[] {
    this.record = record;
    this.issues = null;
    const rawId = record.get('id');
    const id = this.text('id');
    if (id === null) this.problem('id', 'INPUT_MISSING_VALUE', 'the ticket has no id', { hint: 'every row needs an id' });
    // A JSON number past 2^53 has already lost digits (two ids become one), and 1e400 is Infinity.
    else if (typeof rawId === 'number' && !Number.isSafeInteger(rawId)) {
      this.problem('id', 'INPUT_ID_NOT_EXACT', 'the id is a JSON number too large to be read exactly', { got: id, hint: 'export ids as strings ("id": "9007199254740993")' });
    }
    const createdText = this.text('created_at');
    const createdAt = this.time('created_at', createdText);
    if (createdText === null) this.problem('created_at', 'INPUT_MISSING_VALUE', 'the ticket has no creation time', { hint: 'every row needs created_at' });

    const rawPriority = this.text('priority');
    let priority: string | null = null;
    if (rawPriority !== null) priority = this.priorityOf('priority', rawPriority);
    else if (this.policy.defaultPriority !== null) priority = this.policy.defaultPriority;
    else this.problem('priority', 'INPUT_MISSING_VALUE', `no priority, and policy ${this.policy.id} has no default priority`, { hint: 'fill in the priority or map the priority column' });
    const has = this.has;
    const rawReclassified = has.reclassified ? this.text('reclassified_priority') : null;
    const reclassifiedPriority = rawReclassified === null ? null : this.priorityOf('reclassified_priority', rawReclassified);

    const firstResponseValue = has.firstResponse ? record.get('first_response_at') : undefined;
    let firstResponseAt = firstResponseValue === undefined ? (this.measured ? null : undefined) : this.time('first_response_at', this.clean('first_response_at', textOf(firstResponseValue)));
    let resolvedAt = has.resolved ? this.time('resolved_at') : null;
    // A calendar duration after creation stands for the instant where the record has one and no instant
    // (decided per record: an NDJSON file may have either, or neither).
    if (has.firstResponseMinutes && firstResponseValue === undefined && record.get('first_response_minutes') !== undefined) firstResponseAt = this.afterCreation('first_response_minutes', createdAt);
    if (has.resolutionMinutes && (!has.resolved || record.get('resolved_at') === undefined) && record.get('resolution_minutes') !== undefined) resolvedAt = this.afterCreation('resolution_minutes', createdAt);
    if (createdAt !== null) {
      if (firstResponseAt != null && firstResponseAt < createdAt) this.problem('first_response_at', 'INPUT_BEFORE_CREATION', 'the first response is before the ticket was created', { got: this.text('first_response_at')!, hint: 'check the columns and their zone' });
      if (resolvedAt !== null && resolvedAt < createdAt) this.problem('resolved_at', 'INPUT_BEFORE_CREATION', 'the resolution is before the ticket was created', { got: this.text('resolved_at')!, hint: 'check the columns and their zone' });
    }
    const eventsValue = has.events ? record.get('events') : undefined;
    const events = eventsValue === undefined || eventsValue === null || eventsValue === '' ? null : readEvents(eventsValue, this.times.events, createdAt, (code, message, detail) => this.problem('events', code, message, detail));

    // The helpdesk's own figure, when a number: evidence to compare with, nothing more.
    const vendorMinutes = has.vendorFirstResponse ? Number(this.text('vendor_first_response_business_minutes') ?? NaN) : NaN;
    if (this.issues !== null) return this.issues;
    return {
      id: id!,
      line: record.line,
      createdAt: createdAt!,
      rawPriority,
      priority: priority!,
      reclassifiedPriority,
      firstResponseAt,
      resolvedAt,
      status: has.status ? this.text('status') : null,
      environment: has.environment ? this.text('environment') : null,
      incident: has.incident ? this.text('incident') : null,
      exclusion: has.exclusion ? this.text('exclusion') : null,
      events,
      // Always the same keys: one shape for every ticket on the hot path.
      vendorReported: Number.isFinite(vendorMinutes) ? { firstResponseBusinessMinutes: vendorMinutes } : undefined,
    };
  }

  private problem(field: TicketField, code: string, message: string, detail: Partial<Issue> = {}): void {
    const r = this.record;
    (this.issues ??= []).push({ code, file: this.file, line: r.line, ...(r.col !== undefined ? { col: r.col } : {}), message: `${field}: ${message}`, ...detail });
  }

  private text(field: TicketField): string | null {
    return this.clean(field, textOf(this.record.get(field)));
  }

  /** A field's text with the mapping's null values and value maps applied. */
  private clean(field: TicketField, t: string | null): string | null {
    if (t === null) return null;
    if (this.nullValues !== null && this.nullValues.includes(t)) return null;
    const map = field === 'priority' ? this.priorityValues : field === 'status' ? this.statusValues : undefined;
    return map === undefined ? t : (map.get(t) ?? t);
  }

  /** created_at + the field's calendar minutes; null when empty (none yet). */
  private afterCreation(field: 'first_response_minutes' | 'resolution_minutes', createdAt: number | null): number | null {
    const t = this.text(field);
    if (t === null || createdAt === null) return null;
    const minutes = Number(t);
    if (!/^\d+(\.\d+)?$/.test(t) || !Number.isFinite(minutes)) {
      this.problem(field, 'INPUT_BAD_NUMBER', 'not a number of minutes', { got: JSON.stringify(t), expected: 'minutes after creation, e.g. 42 or 42.5' });
      return null;
    }
    return createdAt + Math.round(minutes * 60_000);
  }

  /** The field's time; `t` is its text when already read. */
  private time(field: Exclude<TimeField, 'events'>, t = this.text(field)): number | null {
    if (t === null) return null;
    const times = this.times[field];
    const ms = times.ms(t);
    if (!Number.isNaN(ms)) return ms;
    const f = times.failure(t);
    this.problem(field, 'INPUT_BAD_TIMESTAMP', f.message, failureDetail(t, f));
    return null;
  }

  private priorityOf(field: 'priority' | 'reclassified_priority', raw: string): string | null {
    const id = this.priorities.resolve(raw);
    if (id === null) {
      // The hint names every priority and picks none: a guess copied into a map would decide breaches and credits.
      const ids = this.policy.priorities.map((p) => `${p.id} (${p.name})`).join(', ');
      const scales = this.priorities.scalesOf(raw);
      const scale = scales.length > 0 ? ` (it is on ${scales.join(' and ')}, which ${scales.length > 1 ? 'do' : 'does'} not have the policy's ${this.policy.priorities.length} levels)` : '';
      this.problem(field, 'INPUT_UNKNOWN_PRIORITY', `"${raw}" is not a priority of policy ${this.policy.id}${scale}`, {
        expected: `one of ${this.priorities.known().slice(0, 12).map((k) => JSON.stringify(k)).join(', ')}`,
        hint: `map it with --map to the priority the contract gives it (priorities: {"${raw}": <one of ${ids}>})`,
      });
    }
    return id;
  }
}

function readEvents(value: unknown, times: TimestampReader, createdAt: number | null, problem: (code: string, message: string, detail?: Partial<Issue>) => void): TicketEvent[] | null {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      problem('INPUT_BAD_EVENTS', 'not a JSON list of events', { expected: '[{"at": …, "actor": "customer"|"vendor", "type": "reply"|"status"}]' });
      return null;
    }
  }
  if (!Array.isArray(list)) {
    problem('INPUT_BAD_EVENTS', 'must be a list of events', { got: typeof list });
    return null;
  }
  const events: TicketEvent[] = [];
  list.forEach((e: unknown, i) => {
    const o = (e ?? {}) as Record<string, unknown>;
    const at = typeof o.at === 'string' ? times.read(o.at) : null;
    const actor = String(o.actor ?? '');
    const type = String(o.type ?? '');
    if (at === null || !at.ok) problem('INPUT_BAD_EVENTS', `event ${i + 1}: ${at === null ? 'missing "at"' : at.message}`, { got: JSON.stringify(o.at ?? null) });
    else if (!ACTORS.has(actor)) problem('INPUT_BAD_EVENTS', `event ${i + 1}: actor must be "customer" or "vendor"`, { got: JSON.stringify(o.actor ?? null) });
    else if (!EVENT_TYPES.has(type)) problem('INPUT_BAD_EVENTS', `event ${i + 1}: type must be "reply" or "status"`, { got: JSON.stringify(o.type ?? null) });
    else if (createdAt !== null && at.t < createdAt) problem('INPUT_BEFORE_CREATION', `event ${i + 1} is before the ticket was created`, { got: String(o.at) });
    else events.push({ at: at.t, actor: actor as TicketEvent['actor'], type: type as TicketEvent['type'], ...(typeof o.status === 'string' ? { status: o.status } : {}) });
  });
  return events.sort((a, b) => a.at - b.at);
}
