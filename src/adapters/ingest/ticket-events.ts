import type { Issue } from '../../core/issues.js';
import type { TicketEvent } from '../../core/tickets/ticket.js';
import { eventSpec, type EventMapping } from './event-mapping.js';
import { EventReader } from './event-reader.js';
import type { EventIndex } from './read-events.js';
import { recordsOf, type FieldSpec, type SourceRecord } from './records.js';
import type { TimestampReader } from './timestamp-reader.js';
import type { VendorAgents } from './vendor-agents.js';

/** An event list inside each ticket record (Jira's comments and changelog), and how to read it. */
export interface EmbeddedEvents {
  /** A JSON path, or the name of CSV columns that each hold one event. */
  list: string;
  mapping: EventMapping;
}

interface Embedded {
  list: string;
  spec: FieldSpec<string>;
  reader: EventReader;
  cell: EventMapping['cell'];
  /** Whether its replies can be told apart (an actor field, or the vendor's agents): else only its status events are read. */
  replies: boolean;
}

/**
 * The events of one ticket: its own lists and a second export's, in time
 * order, with whether they can tell the first vendor reply.
 */
export class TicketEvents {
  private readonly embedded: Embedded[];
  /** Replies in tickets' own lists that nothing attributes (no vendor agents listed). */
  unattributed = 0;
  /** Tickets the event export has nothing for, and a few of their ids. */
  missing = 0;
  readonly missingIds: string[] = [];

  constructor(
    private readonly file: string,
    embedded: readonly EmbeddedEvents[],
    private readonly index: EventIndex | null,
    agents: VendorAgents,
    times: TimestampReader,
  ) {
    this.embedded = embedded.map((e) => ({
      list: e.list,
      spec: eventSpec(e.mapping, true),
      reader: new EventReader(file, e.mapping, times, agents, 'pass'),
      cell: e.mapping.cell,
      replies: agents.size > 0 || e.mapping.columns.actor !== undefined,
    }));
  }

  /** Whether any ticket may have events beyond the canonical field. */
  get any(): boolean {
    return this.index !== null || this.embedded.length > 0;
  }

  /**
   * The ticket's events from its own lists and the export, added to `own`
   * (the canonical events field; null when none). `replies`: the events say
   * who replied, so the first vendor reply among them is the first response.
   */
  gather(record: SourceRecord<string>, key: string, own: TicketEvent[] | null, problem: (i: Issue[]) => void): { events: TicketEvent[] | null; replies: boolean } {
    let events = own;
    let replies = own !== null;
    for (const e of this.embedded) {
      const items = record.list(e.list);
      if (items === undefined) continue;
      events ??= [];
      replies ||= e.replies;
      for (const item of items) {
        const value = e.cell === 'jira-comment' && typeof item === 'string' ? jiraCommentCell(item) : item;
        for (const r of recordsOf(value, e.spec, this.file, record.line, record.col)) {
          const read = e.reader.read(r, `${this.file}:${record.line}`);
          if ('issues' in read) problem(read.issues);
          else if ('event' in read) events.push(read.event);
          else if (read.passed === 'no-side') this.unattributed++;
        }
      }
    }
    if (this.index !== null) {
      const joined = this.index.take(key);
      if (joined.length === 0) {
        this.missing++;
        if (this.missingIds.length < 5) this.missingIds.push(key);
      }
      events = events === null ? [...joined] : events.concat(joined);
      replies = true;
    }
    // Exports list events newest first as often as not (Jira's changelog).
    events?.sort((a, b) => a.at - b.at);
    return { events, replies };
  }
}

/** Jira CSV's "Comment" cell: "25/Feb/26 4:38 PM;accountId;body" (the body may hold more semicolons). */
function jiraCommentCell(cell: string): Record<string, string> {
  const a = cell.indexOf(';');
  const b = a < 0 ? -1 : cell.indexOf(';', a + 1);
  return a < 0 ? { at: cell } : { at: cell.slice(0, a), author: b < 0 ? cell.slice(a + 1) : cell.slice(a + 1, b) };
}
