import { InputError, type Issue } from '../../core/issues.js';
import type { Policy } from '../../core/policy/model.js';
import type { FileDigest } from '../../core/report.js';
import type { Ticket } from '../../core/tickets/ticket.js';
import { Intake, type RowTally } from './driver.js';
import { identifiedRecords } from './ticket-readers.js';
import { IdTable } from './id-table.js';
import { CANONICAL, ticketSpec, type TicketMapping } from './mapping.js';
import { PriorityResolver, type ScaleReading } from './priority-resolver.js';
import {
  inputName,
  statedNamesExist,
  whereFieldsExist,
  type InputSource,
  type OnBytes,
  type RecordSource,
  type SourceRecord,
} from './records.js';
import { openContainer, recordSource } from './open-records.js';
import { onePage } from './paging.js';
import type { EventExports, EventIndex } from './read-events.js';
import { RowReader } from './row-reader.js';
import { timeReaders } from './time-readers.js';
import { TicketEvents } from './ticket-events.js';
import { VendorAgents } from './vendor-agents.js';

const NO_AGENTS = new VendorAgents([]);

export interface ReadTicketsOptions {
  /** How the exports are read; null: each file by the one ticket reader that reads it. */
  mapping: TicketMapping | null;
  /** --input-tz: overrides the mapping's zone. */
  inputTz: string | null;
  policy: Policy;
  skipInvalid: boolean;
  /** A second export of comments, conversations, journal entries or status changes, joined by ticket id. */
  events?: EventExports | null;
  /** Who speaks for the vendor, where the events do not say (default: nobody listed). */
  agents?: VendorAgents;
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
  rows: RowTally;
  /** Each ticket export, then each event export, read: checksum, size, records read and skipped. */
  files: FileDigest[];
  /** Ticket exports that say they are one page of more (paging.ts): tickets of any period may be on the others. */
  pages: string[];
}

export interface ReadTicketsResult extends ReadSummary {
  tickets: Ticket[];
}

interface FileTally {
  file: string;
  /** The reader of the file: a preset, a map, or the canonical fields. */
  mapping: TicketMapping;
  /** Data rows. */
  rows: number;
  /** The file has a first-response column or key. */
  measured: boolean;
  /** Records without a first-response field. */
  unmeasured: number;
  /** The tickets' events: what could not be joined or attributed. */
  events: TicketEvents;
  /** Local times read as their first occurrence (overlap) or moved forward (gap). */
  adjusted: { overlap: number; gap: number };
  zone: string;
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
export async function streamTickets(
  files: readonly InputSource[],
  opts: ReadTicketsOptions,
  sink: (t: Ticket) => void,
): Promise<ReadSummary> {
  const intake = new Intake(opts.skipInvalid, 'tickets', opts.onBytes);
  const seen: Seen = { first: new IdTable(), files: [], latest: null, pages: [] };
  const priorities = new Priorities(opts.policy);
  let index: EventIndex | null = null;
  let eventsSkipped = 0;
  let eventFiles: FileDigest[] = [];
  const agents = opts.agents ?? NO_AGENTS;
  if (opts.events) {
    // The event reader is loaded for a run with event exports only.
    const { readEvents } = await import('./read-events.js');
    const read = await readEvents(opts.events, {
      inputTz: opts.inputTz,
      agents,
      skipInvalid: opts.skipInvalid,
      ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
      ...(opts.onBytes ? { onBytes: opts.onBytes } : {}),
    });
    intake.merge(read);
    index = read.index;
    eventsSkipped = read.skipped;
    eventFiles = read.files;
  }
  await intake.eachFile(files, async (input, _file, onBytes) =>
    fileChecks(await readFile(input, { ...opts, onBytes }, priorities, seen, intake, sink, index), intake),
  );
  if (seen.latest) for (const t of seen.latest.values()) sink(t);
  if (index !== null && index.events > 0 && intake.rows.read > 0 && !index.joined) {
    // Not one ticket found its events: the exports do not join, and every ticket would read as unanswered.
    const none: Issue = {
      code: 'INPUT_EVENTS_NO_MATCH',
      file: index.files.join(', '),
      args: { named: index.keys(3) },
      hint: 'the events must name tickets by the id of the ticket export, or by a key mapped as join_key (ServiceNow: sys_id — export it with the incidents)',
    };
    intake.fail([none]);
  }
  const untaken = index?.untaken() ?? [];
  if (untaken.length > 0) {
    intake.warnings.push({
      code: 'EVENTS_WITHOUT_TICKET',
      file: index!.files.join(', '),
      args: { tickets: untaken.length, ids: untaken.slice(0, 5) },
      hint: 'check that both exports cover the same tickets and that the event ticket ids are the ticket ids (ServiceNow: sys_id, mapped as join_key)',
    });
  }
  const byScale = priorities.byScale();
  if (byScale.length > 0) {
    intake.warnings.push({
      code: 'PRIORITY_BY_SCALE',
      file: files.map(inputName).join(', '),
      args: {
        values: byScale.map((s) => s.raw),
        priorities: byScale.map((s) => s.id),
        levels: byScale.map((s) => s.level),
        of: byScale.map((s) => s.of),
        scales: byScale.map((s) => s.scale),
      },
    });
  }
  intake.skippedWarnings(eventsSkipped);
  const { issues, fatal, warnings, rows } = intake;
  return { issues, fatal, warnings, rows, files: [...intake.files, ...eventFiles], pages: seen.pages };
}

/** A resolver per ticket reader (their scales and priority maps differ), each made once. */
class Priorities {
  private readonly made = new Map<TicketMapping, PriorityResolver>();
  constructor(private readonly policy: Policy) {}

  of(mapping: TicketMapping): PriorityResolver {
    let r = this.made.get(mapping);
    if (r === undefined)
      this.made.set(mapping, (r = new PriorityResolver(this.policy, mapping.priorities, mapping.scales)));
    return r;
  }

  /** The raw priorities read by their place on a helpdesk's scale, of every reader. */
  byScale(): ScaleReading[] {
    return [...this.made.values()].flatMap((r) => [...r.byScale.values()]);
  }
}

interface Seen {
  /** id → where it was first seen: file index × 2^32 + line. */
  first: IdTable;
  files: string[];
  /** duplicates: last — the latest ticket of each id, in first-seen order. */
  latest: Map<string, Ticket> | null;
  /** Files that say they are one page of more. */
  pages: string[];
}

const FILE_SHIFT = 2 ** 32;

async function readFile(
  input: InputSource,
  opts: ReadTicketsOptions,
  priorities: Priorities,
  seen: Seen,
  intake: Intake,
  sink: (t: Ticket) => void,
  index: EventIndex | null,
): Promise<FileTally> {
  const file = inputName(input);
  const opened = await openContainer(input, opts.mapping ?? CANONICAL, opts.cwd, opts.onBytes);
  const { mapping, source } = opts.mapping
    ? { mapping: opts.mapping, source: await recordSource(opened, ticketSpec(opts.mapping)) }
    : await identifiedRecords(opened);
  statedNamesExist(file, `${mapping.name}: columns`, mapping.stated, source);
  whereFieldsExist(file, `${mapping.name}: where`, mapping.where, source as RecordSource<string>);
  if (source.partial !== undefined) {
    seen.pages.push(file);
    intake.warnings.push(onePage(file, 'ticket', source.partial));
  }
  const times = timeReaders(mapping, source, opts.inputTz);
  // With a first-response column, an empty or absent value means "no response yet".
  const measured = source.fields.has('first_response_at') || source.fields.has('first_response_minutes');
  const fileIndex = seen.files.push(file) - 1;
  // An event-log export (duplicates: last): the last row of an id wins, so its tickets are held until the end.
  const last = mapping.duplicates === 'last';
  if (last) seen.latest ??= new Map();
  const events = new TicketEvents(file, mapping.embedded, index, opts.agents ?? NO_AGENTS, times.events);
  const rows = new RowReader(
    file,
    mapping,
    times,
    priorities.of(mapping),
    opts.policy,
    measured,
    (f) => !source.complete || source.fields.has(f),
    events,
  );
  let rowsInFile = 0;
  let unmeasured = 0;
  const filteredBefore = intake.rows.filtered;
  for await (const batch of source.batches)
    for (const record of batch) {
      if (!intake.kept(record as SourceRecord<string>, mapping.where)) continue;
      rowsInFile++;
      intake.rows.read++;
      let ticket: Ticket | Issue[];
      try {
        ticket = rows.read(record);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        ticket = err.issues;
      }
      if (Array.isArray(ticket)) {
        intake.invalid(ticket);
        continue;
      }
      if (ticket.firstResponseAt === undefined) unmeasured++;
      const earlier = seen.first.getOrAdd(ticket.id, fileIndex * FILE_SHIFT + record.line);
      if (earlier !== undefined && !last) {
        const where = `${seen.files[Math.floor(earlier / FILE_SHIFT)]}:${earlier % FILE_SHIFT}`;
        intake.invalid([
          {
            code: 'INPUT_DUPLICATE_ID',
            file,
            line: record.line,
            ...(record.col !== undefined ? { col: record.col } : {}),
            args: { id: ticket.id, first: where },
            hint: 'remove the duplicate, or declare an event-log export with --map duplicates: last',
          },
        ]);
        continue;
      }
      if (earlier !== undefined) intake.rows.superseded++;
      if (last) seen.latest!.set(ticket.id, ticket);
      else sink(ticket);
    }
  const readers = [...new Set(Object.values(times))];
  const passedOver = intake.rows.filtered - filteredBefore;
  if (passedOver > 0) {
    intake.warnings.push({
      code: 'RECORDS_PASSED_OVER',
      file,
      args: {
        records: passedOver,
        paths: mapping.where.map(([p]) => p),
        counts: mapping.where.map(([, v]) => v.length),
        values: mapping.where.flatMap(([, v]) => v),
      },
    });
  }
  return {
    file,
    mapping,
    rows: rowsInFile,
    measured,
    unmeasured,
    events,
    adjusted: {
      overlap: readers.reduce((n, r) => n + r.adjusted.overlap, 0),
      gap: readers.reduce((n, r) => n + r.adjusted.gap, 0),
    },
    zone: [...new Set(readers.map((r) => r.zone))].join(', '),
  };
}

/** What a file's tally says: no rows is a problem; unmeasured first responses and DST-adjusted times are warnings. */
function fileChecks(t: FileTally, into: Intake): void {
  const { file, mapping } = t;
  if (t.rows === 0) {
    into.issues.push({
      code: 'INPUT_NO_ROWS',
      file,
      args: {},
      hint: 'check that the export is not empty or header-only',
    });
  }
  if (t.unmeasured > 0) {
    const some = t.measured || t.unmeasured < t.rows;
    into.warnings.push({
      code: some ? 'FIRST_RESPONSE_NOT_MEASURED_FOR_SOME' : 'FIRST_RESPONSE_NOT_MEASURED',
      file,
      args: some ? { records: t.unmeasured } : {},
      hint: mapping.firstResponseHint,
    });
  }
  const ev = t.events;
  if (ev.missing > 0) {
    into.warnings.push({
      code: 'EVENTS_NONE_FOR_TICKET',
      file,
      args: { tickets: ev.missing, ids: ev.missingIds, ...(ev.everyTicket ? { uncovered: true } : {}) },
      hint: 'check that the event export covers every ticket and its whole life',
    });
  }
  if (ev.early > 0) {
    into.warnings.push({
      code: 'EVENTS_BEFORE_CREATION',
      file,
      args: { events: ev.early },
      hint: 'an e-mail thread older than its ticket does this; if every event is early, check the zones of the exports',
    });
  }
  if (ev.openedByVendor > 0) {
    into.warnings.push({
      code: 'EVENTS_OPENED_BY_VENDOR',
      file,
      args: { tickets: ev.openedByVendor, ids: ev.openedByVendorIds },
      hint: "Zendesk's own rule for tickets an agent creates; if such a comment did answer the customer, the ticket's creation time in the export is wrong",
    });
  }
  if (ev.unknownVisibility > 0) {
    into.warnings.push({
      code: 'EVENTS_VISIBILITY_UNKNOWN',
      file,
      args: { comments: ev.unknownVisibility },
      hint: 'export through the REST API (fields=comment), whose comments carry jsdPublic and their visibility',
    });
  }
  if (ev.cut > 0) {
    into.warnings.push({
      code: 'EVENTS_LEFT_OUT',
      file,
      args: { tickets: ev.cut, ids: ev.cutIds, lists: [...ev.cutWhere] },
      hint:
        "export each ticket's events in full: Jira — raise maxResults, or take every page of GET /rest/api/3/issue/{key}/comment and " +
        '/issue/{key}/changelog; an event export — every page of it',
    });
  }
  if (ev.unattributed > 0) {
    into.warnings.push({
      code: 'EVENTS_UNATTRIBUTED',
      file,
      args: { comments: ev.unattributed },
      hint: "list the vendor's agents (account ids, user names, e-mails or @domain) under vendorAgents in the contract",
    });
  }
  into.dst(file, t.adjusted, t.zone);
}
