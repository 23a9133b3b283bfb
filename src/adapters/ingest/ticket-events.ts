import type { Issue } from '../../core/issues.js';
import type { EventsMissing } from '../../core/tickets/missing-events.js';
import type { TicketEvent } from '../../core/tickets/ticket.js';
import { CANONICAL_EVENTS, canReply, canStatus, eventSpec, type EventMapping } from './event-mapping.js';
import { EventReader } from './event-reader.js';
import { cutShort } from './paging.js';
import type { EventIndex } from './read-events.js';
import { passes, recordsOf, type FieldSpec, type SourceRecord, type Where } from './records.js';
import type { TimestampReader } from './timestamp-reader.js';
import type { VendorAgents } from './vendor-agents.js';

/** An event list inside each ticket record (Jira's comments and changelog), and how to read it. */
export interface EmbeddedEvents {
  /** A JSON path, or the name of CSV columns that each hold one event. */
  list: string;
  mapping: EventMapping;
  /**
   * Where the record says how many the list holds in full (Jira's `fields.comment.total`), and what those
   * left out are: a list shorter than its total is a part, and the ticket's events are known to be incomplete.
   */
  total?: { path: string; of: keyof Missing };
}

/** What a ticket's events may lack, where the export says it left some out. */
export type Missing = Omit<EventsMissing, 'firstResponse'>;

interface Embedded {
  list: string;
  total: EmbeddedEvents['total'];
  spec: FieldSpec<string>;
  reader: EventReader;
  cell: EventMapping['cell'];
  /** Only its elements that pass are events (a Redmine journal without notes only changed fields). */
  where: Where;
  /** The list may hold the ticket's opening message (EventMapping.opening). */
  openings: boolean;
  /** Whether its replies can be told apart (an actor field, or the vendor's agents): else only its status events are read. */
  replies: boolean;
  /** Whether it can hold status changes (a list of comments alone cannot show a pause). */
  statuses: boolean;
}

const CANONICAL_SPEC = eventSpec(CANONICAL_EVENTS, true);

/**
 * The events of one ticket: the canonical `events` field, its own lists
 * (Jira's comments and changelog) and a second export's, in time order, with
 * whether they can tell the first vendor reply. Counts what could not be used,
 * for the warnings.
 */
export class TicketEvents {
  private readonly embedded: Embedded[];
  private readonly canonical: EventReader;
  /** Replies in tickets' own lists that nothing attributes (no vendor agents listed). */
  unattributed = 0;
  /** Tickets the event export has nothing for, and a few of their ids. */
  missing = 0;
  readonly missingIds: string[] = [];
  /** Customer replies and status changes dated before their ticket's creation: not used. */
  early = 0;
  /** Comments read from Jira CSV cells, which do not say whether a comment is internal. */
  unknownVisibility = 0;
  /** Tickets whose events the export says it left out (a list short of its total, an event export of one page), a few ids, and where. */
  cut = 0;
  readonly cutIds: string[] = [];
  readonly cutWhere = new Set<string>();
  /** Tickets opened by the vendor's agent (a vendor comment at their creation), and a few of their ids. */
  openedByVendor = 0;
  readonly openedByVendorIds: string[] = [];

  constructor(
    private readonly file: string,
    embedded: readonly EmbeddedEvents[],
    private readonly index: EventIndex | null,
    agents: VendorAgents,
    times: TimestampReader,
  ) {
    this.canonical = new EventReader(file, CANONICAL_EVENTS, times, agents);
    this.embedded = embedded.map((e) => ({
      list: e.list,
      total: e.total,
      spec: eventSpec(e.mapping, true),
      reader: new EventReader(file, e.mapping, times, agents, 'pass'),
      cell: e.mapping.cell,
      where: e.mapping.where,
      openings: e.mapping.opening === 'at-creation',
      replies: canReply(e.mapping) && (agents.size > 0 || e.mapping.columns.actor !== undefined),
      statuses: canStatus(e.mapping),
    }));
  }

  /** Whether the event export holds events of every ticket it covers (EventMapping.everyTicket). */
  get everyTicket(): boolean {
    return this.index?.everyTicket === true;
  }

  /** Whether tickets have event sources beyond the canonical field (else the hot path skips gathering). */
  get sources(): boolean {
    return this.index !== null || this.embedded.length > 0;
  }

  /**
   * The ticket's events (null when it has no source of events). `replies`:
   * the events say who replied, so the first vendor reply among them is the
   * first response. `key` joins the export; `id` names the ticket.
   * `recordedAt`: when the helpdesk stored the ticket, where the export says
   * and it differs from `createdAt`.
   *
   * A vendor reply at the ticket's creation instant is the message that
   * opened it — the ticket was created by an agent, on the phone, from a
   * forwarded mail or on the requester's behalf — and is left out: never a
   * response, so the first response is the next public vendor reply
   * (Zendesk's own definition; SPEC 3.3).
   */
  gather(
    record: SourceRecord<string>,
    own: unknown,
    key: string,
    id: string,
    createdAt: number | null,
    recordedAt: number | null,
    problem: (i: Issue[]) => void,
  ): {
    events: TicketEvent[] | null;
    replies: boolean;
    missing: Missing | null;
    everyUpdate: boolean;
    statuses: boolean;
  } {
    let events: TicketEvent[] | null = null;
    let replies = false;
    // Whether a source of the ticket's events can show status changes: without one, a pause is unseen.
    let statuses = false;
    let uncovered = false;
    let everyUpdate = true;
    let missing: Missing | null = null;
    const left = (where: string, of: keyof Missing) => {
      (missing ??= { replies: false, statuses: false })[of] = true;
      this.cutWhere.add(where);
    };
    let opened = false;
    const opening = (e: TicketEvent): boolean => {
      const is =
        e.type === 'reply' && e.actor === 'vendor' && createdAt !== null && (e.at === createdAt || e.at === recordedAt);
      opened ||= is;
      return is;
    };
    const add = (read: ReturnType<EventReader['read']>, openings: boolean) => {
      if ('issues' in read) problem(read.issues);
      else if ('event' in read) {
        if (!(openings && opening(read.event))) events!.push(read.event);
      } else if (read.passed === 'no-side') this.unattributed++;
    };
    if (own !== undefined && own !== null && own !== '') {
      events = [];
      replies = true;
      statuses = true;
      const list = this.canonicalList(own, record, problem);
      for (const item of list)
        for (const r of recordsOf(item, CANONICAL_SPEC, this.file, record.line, record.col))
          add(this.canonical.read(r, `${this.file}:${record.line}`), true);
    }
    for (const e of this.embedded) {
      const items = record.list(e.list);
      if (items === undefined) continue;
      events ??= [];
      replies ||= e.replies;
      statuses ||= e.statuses;
      if (e.total !== undefined && cutShort(record.list(e.total.path), items.length)) left(e.list, e.total.of);
      for (const item of items) {
        const value = e.cell === 'jira-comment' && typeof item === 'string' ? jiraCommentCell(item) : item;
        if (e.cell === 'jira-comment' && e.replies) this.unknownVisibility++;
        for (const r of recordsOf(value, e.spec, this.file, record.line, record.col))
          if (passes(r, e.where)) add(e.reader.read(r, `${this.file}:${record.line}`), e.openings);
      }
    }
    if (this.index !== null) {
      const joined = this.index.take(key);
      if (joined.length === 0) {
        this.missing++;
        if (this.missingIds.length < 5) this.missingIds.push(id);
        // An export with events of every ticket it covers does not cover this one: its replies and statuses are unknown.
        if (this.index.everyTicket) uncovered = true;
      }
      const skipped = this.index.skippedFor(key);
      if (skipped > 0)
        problem([
          {
            code: 'INPUT_EVENTS_SKIPPED',
            file: this.file,
            line: record.line,
            args: { events: skipped, files: this.index.files },
            hint: 'fix the events named above',
          },
        ]);
      // An event export of one page of more: any ticket's events may be on the pages it does not hold.
      for (const file of this.index.partial) {
        left(file, 'replies');
        left(file, 'statuses');
      }
      const kept = this.index.openings ? joined.filter((e) => !opening(e)) : joined;
      events = events === null ? [...kept] : events.concat(kept);
      // Answers alone (and no list of the ticket's own with every reply) cannot show each update.
      if (this.index.answersOnly && !replies) everyUpdate = false;
      replies ||= this.index.replies > 0;
      statuses ||= this.index.statuses;
    }
    if (opened) {
      this.openedByVendor++;
      if (this.openedByVendorIds.length < 5) this.openedByVendorIds.push(id);
    }
    if (missing !== null) {
      this.cut++;
      if (this.cutIds.length < 5) this.cutIds.push(id);
    }
    // Not among the cut (EVENTS_LEFT_OUT): said apart, as tickets the export does not cover (EVENTS_NONE_FOR_TICKET).
    if (uncovered) missing = { replies: true, statuses: true };
    if (events === null) return { events, replies, missing, everyUpdate, statuses };
    if (createdAt !== null) events = this.fromCreation(events, createdAt, problem, record);
    // Exports list events newest first as often as not (Jira's changelog).
    return { events: events.sort((a, b) => a.at - b.at), replies, missing, everyUpdate, statuses };
  }

  /** The canonical field: a JSON list, or its text in a CSV cell. */
  private canonicalList(own: unknown, record: SourceRecord<string>, problem: (i: Issue[]) => void): unknown[] {
    let list = own;
    if (typeof own === 'string') {
      try {
        list = JSON.parse(own);
      } catch {
        list = undefined;
      }
    }
    if (Array.isArray(list)) return list;
    problem([
      {
        code: 'INPUT_BAD_EVENTS',
        file: this.file,
        line: record.line,
        ...(record.col !== undefined ? { col: record.col } : {}),
        args: {},
        expected: '[{"at": …, "actor": "customer"|"vendor", "type": "reply"|"status"}]',
        got: JSON.stringify(own).slice(0, 60),
      },
    ]);
    return [];
  }

  /**
   * A vendor reply before the ticket existed is an error (a zone read wrong,
   * most often); a customer's message or a status change before it (an e-mail
   * thread older than its ticket) is left out, counted.
   */
  private fromCreation(
    events: TicketEvent[],
    createdAt: number,
    problem: (i: Issue[]) => void,
    record: SourceRecord<string>,
  ): TicketEvent[] {
    const reply = events.find((e) => e.at < createdAt && e.type === 'reply' && e.actor === 'vendor');
    if (reply) {
      problem([
        {
          code: 'INPUT_REPLY_BEFORE_CREATION',
          file: this.file,
          line: record.line,
          ...(record.col !== undefined ? { col: record.col } : {}),
          args: {
            source: String(reply.source),
            at: new Date(reply.at).toISOString(),
            created: new Date(createdAt).toISOString(),
          },
          hint: 'check the zone of each export (--input-tz, or zone under events: in --map)',
        },
      ]);
    }
    const kept = events.filter((e) => e.at >= createdAt);
    this.early += events.length - kept.length;
    return kept;
  }
}

/** Jira CSV's "Comment" cell: "25/Feb/26 4:38 PM;accountId;body" (the body may hold more semicolons). */
function jiraCommentCell(cell: string): Record<string, string> {
  const a = cell.indexOf(';');
  const b = a < 0 ? -1 : cell.indexOf(';', a + 1);
  return a < 0 ? { at: cell } : { at: cell.slice(0, a), author: b < 0 ? cell.slice(a + 1) : cell.slice(a + 1, b) };
}
