import type { FileDigest } from '../../core/report.js';
import { InputError, type Issue } from '../../core/issues.js';
import type { TicketEvent } from '../../core/tickets/ticket.js';
import { canStatus, eventSpec, type EventMapping } from './event-mapping.js';
import { textOf } from './mapping.js';
import { EventReader, type PassedOver } from './event-reader.js';
import { Intake } from './driver.js';
import {
  inputName,
  statedNamesExist,
  whereFieldsExist,
  type InputSource,
  type OnBytes,
  type SourceRecord,
} from './records.js';
import { openRecords } from './open-records.js';
import { onePage } from './paging.js';
import { TimestampReader } from './timestamp-reader.js';
import type { VendorAgents } from './vendor-agents.js';

export interface EventExports {
  files: readonly InputSource[];
  mapping: EventMapping;
}

/** Events of a second export, by the key they name their ticket by; each ticket takes its own. */
export class EventIndex {
  private readonly byKey = new Map<string, TicketEvent[]>();
  private readonly taken = new Set<string>();
  /** Invalid records (passed with --skip-invalid) per ticket key: that ticket's events are incomplete. */
  private readonly skipped = new Map<string, number>();
  /** Reply events read: an export of status changes alone cannot tell a first response. */
  replies = 0;
  /** Files that say they are one page of more (paging.ts): every ticket's events may be on the pages not given. */
  readonly partial: string[] = [];

  /** The export lists each ticket's opening message among its events (EventMapping.opening). */
  readonly openings: boolean;
  /** Its replies are the vendor's answers to the customer's messages only, not every update (EventMapping.replies). */
  readonly answersOnly: boolean;
  /** Its records can be status changes (canStatus). */
  readonly statuses: boolean;
  /** It holds events of every ticket it covers from its creation (EventMapping.everyTicket): none is no cover. */
  readonly everyTicket: boolean;

  constructor(
    readonly files: readonly string[],
    mapping: EventMapping,
  ) {
    this.openings = mapping.opening === 'at-creation';
    this.answersOnly = mapping.replies === 'answers';
    this.statuses = canStatus(mapping);
    this.everyTicket = mapping.everyTicket;
  }

  add(key: string, event: TicketEvent): void {
    if (event.type === 'reply') this.replies++;
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [event]);
    else list.push(event);
  }

  skip(key: string): void {
    this.skipped.set(key, (this.skipped.get(key) ?? 0) + 1);
  }

  skippedFor(key: string): number {
    return this.skipped.get(key) ?? 0;
  }

  /** Whether any ticket took its events (when none does, the export and the tickets do not join). */
  get joined(): boolean {
    for (const k of this.taken) if (this.byKey.has(k)) return true;
    return false;
  }

  /** A few of the keys the events name, for a message. */
  keys(n: number): string[] {
    return [...this.byKey.keys()].slice(0, n);
  }

  get events(): number {
    let n = 0;
    for (const list of this.byKey.values()) n += list.length;
    return n;
  }

  /** A ticket's events ([] when the export has none for it). */
  take(key: string): readonly TicketEvent[] {
    this.taken.add(key);
    return this.byKey.get(key) ?? [];
  }

  /** Keys no ticket took: events of tickets not in the ticket exports. */
  untaken(): string[] {
    return [...this.byKey.keys()].filter((k) => !this.taken.has(k));
  }
}

export interface ReadEventsResult {
  index: EventIndex;
  issues: Issue[];
  fatal: Issue[];
  warnings: Issue[];
  /** Invalid event records (each in `issues`), counted with --skip-invalid. */
  skipped: number;
  /** Each export read: checksum, size, records read and skipped. */
  files: FileDigest[];
}

/**
 * Read every event export into an index by ticket key, collecting every
 * problem. Records that are no event (internal notes, other fields'
 * changes, filtered out) are counted in a warning, not dropped unsaid.
 */
export async function readEvents(
  exports: EventExports,
  opts: { inputTz: string | null; agents: VendorAgents; skipInvalid: boolean; cwd?: string; onBytes?: OnBytes },
): Promise<ReadEventsResult> {
  const { mapping } = exports;
  const names = exports.files.map(inputName);
  const index = new EventIndex(names, mapping);
  const intake = new Intake(opts.skipInvalid, 'events', opts.onBytes);
  const passed: Record<PassedOver, number> = { filtered: 0, private: 0, 'other-field': 0, 'no-side': 0 };
  // The map's zone is the events export's own; else --input-tz.
  const times = new TimestampReader(
    mapping.zone ?? opts.inputTz,
    mapping.timestampFormats,
    mapping.locale,
    mapping.monthNames,
    mapping.zoneHint,
  );
  await intake.eachFile(exports.files, async (input, file, onBytes) => {
    const source = await openRecords(input, eventSpec(mapping), opts.cwd, onBytes);
    statedNamesExist<string>(file, `${mapping.name}: events.columns`, mapping.stated, source);
    whereFieldsExist(file, `${mapping.name}: events.where`, mapping.where, source);
    if (source.partial !== undefined) {
      index.partial.push(file);
      intake.warnings.push(onePage(file, 'event', source.partial));
    }
    const reader = new EventReader(file, mapping, times, opts.agents, 'error', true);
    for await (const batch of source.batches)
      for (const record of batch) {
        intake.rows.read++;
        if (!intake.kept(record, mapping.where)) continue;
        let read;
        try {
          read = reader.read(record, `${file}:${record.line}`);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          read = { issues: err.issues };
        }
        if ('issues' in read) {
          intake.invalid(read.issues);
          // The ticket it names is incomplete: it is skipped too, not audited on the events left.
          const key = ticketOf(record);
          if (key !== null) index.skip(key);
        } else if ('passed' in read) passed[read.passed]++;
        else index.add(read.key!, read.event);
      }
  });
  const records = intake.rows.read;
  if (records === 0 && intake.fatal.length === 0) {
    // No --skip-invalid passes an empty export: every ticket would read as never answered.
    intake.fail([
      {
        code: 'INPUT_NO_EVENTS',
        file: names.join(', '),
        line: 1,
        args: {},
        hint: 'check that the export is not empty or header-only',
      },
    ]);
  }
  // Records the map's filter passed over are of other kinds, as those of an ignored type are.
  passed.filtered += intake.rows.filtered;
  const skipped = intake.rows.skipped;
  intake.warnings.push({
    code: 'EVENTS_READ',
    file: names.join(', '),
    args: {
      events: index.events,
      records,
      reader: mapping.name,
      filtered: passed.filtered,
      private: passed.private,
      otherFields: passed['other-field'],
      noSide: passed['no-side'],
      skipped,
    },
  });
  intake.dst(names.join(', '), times.adjusted, times.zone);
  return { index, issues: intake.issues, fatal: intake.fatal, warnings: intake.warnings, skipped, files: intake.files };
}

/** The ticket a record that could not be read names, if it can say (a line that is no record cannot). */
function ticketOf(record: SourceRecord<string>): string | null {
  try {
    return textOf(record.get('ticket_id'));
  } catch (err) {
    if (err instanceof InputError) return null;
    throw err;
  }
}
