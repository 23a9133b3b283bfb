import type { FindingArgs, Issue } from '../../core/issues.js';
import type { TicketEvent } from '../../core/tickets/ticket.js';
import type { EventField, EventMapping, Side } from './event-mapping.js';
import { textOf } from './mapping.js';
import type { SourceRecord } from './records.js';
import { EVENT_TIMESTAMP, failureDetail, whyOf, type TimestampReader } from './timestamp-reader.js';
import type { VendorAgents } from './vendor-agents.js';

/** Why a record is no event: counted, never an error. */
export type PassedOver = 'filtered' | 'private' | 'other-field' | 'no-side';

export type EventRead = { key: string | null; event: TicketEvent } | { passed: PassedOver } | { issues: Issue[] };

const TRUE = new Set(['true', '1', 'yes', 'public', 'external']);
const FALSE = new Set(['false', '0', 'no', 'private', 'internal']);

/**
 * One record of an event export (or of a ticket's own event list) → an
 * event, a reason it is none, or its problems. Who wrote it: the record's
 * actor value through the mapping's `actors`, else the author matched
 * against the vendor's agents.
 */
export class EventReader {
  private issues: Issue[] | null = null;
  private record!: SourceRecord<string>;
  private readonly nullValues: ReadonlySet<string>;

  constructor(
    private readonly file: string,
    private readonly mapping: EventMapping,
    private readonly times: TimestampReader,
    private readonly agents: VendorAgents,
    /** A reply nothing attributes is passed over (a ticket's own comments, read only where sides can be told), not an error. */
    private readonly sideless: 'error' | 'pass' = 'error',
    /** An export's events name their ticket; a ticket's own list does not. */
    private readonly needsTicket = false,
  ) {
    this.nullValues = new Set(mapping.nullValues);
  }

  /** `source`: where the event is, for an explanation ("comments.json:12"). */
  read(record: SourceRecord<string>, source: string): EventRead {
    this.record = record;
    this.issues = null;
    const m = this.mapping;
    let kind: 'reply' | 'status';
    const rawType = this.text('type');
    const field = this.text('field');
    if (rawType !== null) {
      const lower = rawType.toLowerCase();
      const t = m.types.get(lower) ?? (lower === 'reply' || lower === 'status' ? lower : m.types.get('*'));
      if (t === 'ignore') return { passed: 'filtered' };
      kind = t ?? m.defaultType;
      if (t === undefined)
        this.problem(
          'type',
          'INPUT_BAD_EVENT_TYPE',
          { type: rawType },
          {
            expected: `reply or status${m.types.size > 0 ? `, or one of ${[...m.types.keys()].filter((k) => k !== '*').join(', ')}` : ''}`,
            hint: 'map the type values under events.types in --map',
          },
        );
    } else {
      // Untyped, the record's own cells say what it is: a change of a field is a status event when the field
      // is a status, else neither; a status cell filled is a status change. Only a record with neither is of
      // the mapping's kind (a reply): a status change or a bot's priority change is never a vendor's reply.
      kind = field !== null || this.text('status') !== null ? 'status' : m.defaultType;
    }
    // A change record of another field (a priority change, an assignment) is no status event, and no reply.
    if (field !== null && kind === 'status' && !m.statusFields.includes(field.toLowerCase()))
      return { passed: 'other-field' };
    const visibility = this.visibility();
    // An internal note is no reply to anyone; a status change is a status change either way.
    if (visibility === 'private' && kind === 'reply') return { passed: 'private' };

    const rawKey = record.get('ticket_id');
    const key = this.text('ticket_id');
    if (this.needsTicket && key === null) this.problem('ticket_id', 'INPUT_EVENT_NO_TICKET', {});
    // A JSON number past 2^53 has lost digits: it would join another ticket.
    else if (typeof rawKey === 'number' && !Number.isSafeInteger(rawKey))
      this.problem('ticket_id', 'INPUT_EVENT_ID_NOT_EXACT', {}, { got: key!, hint: 'export ids as strings' });
    const atText = this.text('at');
    let at: number | null = null;
    if (atText === null) this.problem('at', 'INPUT_EVENT_NO_TIME', {});
    else {
      const ms = this.times.ms(atText);
      if (Number.isNaN(ms)) {
        const f = this.times.failure(atText);
        this.problem('at', EVENT_TIMESTAMP[f.problem], whyOf(f), failureDetail(atText, f));
      } else at = ms;
    }
    let status: string | undefined;
    if (kind === 'status') {
      const raw = this.text('status');
      if (raw === null) this.problem('status', 'INPUT_EVENT_NO_STATUS', {});
      else status = m.statuses.get(raw) ?? raw;
    }
    const actor = this.actor(kind);
    if (actor === 'unknown') return { passed: 'no-side' };
    if (this.issues !== null) return { issues: this.issues };
    const unsure = visibility === 'unknown' && kind === 'reply';
    return {
      key,
      event: {
        at: at!,
        actor: actor!,
        type: kind,
        ...(status !== undefined ? { status } : {}),
        ...(unsure ? { visibilityUnknown: true as const } : {}),
        source,
      },
    };
  }

  /** Which side wrote it; a status event needs none (its side decides nothing). */
  private actor(kind: 'reply' | 'status'): Side | 'unknown' | null {
    const raw = this.text('actor');
    if (raw !== null) {
      const lower = raw.toLowerCase();
      const side =
        this.mapping.actors.get(lower) ??
        (lower === 'customer' || lower === 'vendor' ? lower : this.mapping.actors.get('*'));
      if (side !== undefined) return side;
      this.problem(
        'actor',
        'INPUT_BAD_ACTOR',
        { actor: raw },
        {
          expected: `customer or vendor${this.mapping.actors.size > 0 ? `, or one of ${[...this.mapping.actors.keys()].filter((k) => k !== '*').join(', ')}` : ''}`,
          hint: 'map the values under events.actors in --map',
        },
      );
      return null;
    }
    if (this.agents.size > 0) {
      const author = this.record.get('author');
      // A user id past 2^53 has lost digits: it could match another user, the vendor's agent among them.
      const lost = inexact(author);
      if (lost !== null) {
        this.problem(
          'author',
          'INPUT_EVENT_AUTHOR_NOT_EXACT',
          {},
          { got: String(lost), hint: 'export ids as strings' },
        );
        return null;
      }
      if (textOf(author) !== null || (author !== null && typeof author === 'object'))
        return this.agents.matches(author) ? 'vendor' : 'customer';
    }
    if (kind === 'status') return 'vendor';
    if (this.sideless === 'pass') return 'unknown';
    this.problem(
      'actor',
      this.agents.size > 0 ? 'INPUT_EVENT_NO_AUTHOR' : 'INPUT_EVENT_NO_SIDE',
      {},
      {
        hint: "list the vendor's agents (ids, user names, e-mails or @domain) under vendorAgents in the contract, or map a role column as events.columns.actor",
      },
    );
    return null;
  }

  /**
   * An export without a visibility column has no internal notes among its replies (or none it could tell);
   * one with the column and an empty cell (or a placeholder of nullValues) does not say: unknown. Nor does
   * a Jira CSV "Comment" cell, which holds an internal comment as it holds a public one.
   */
  private visibility(): 'public' | 'private' | 'unknown' {
    const raw = this.text('public');
    if (raw === null)
      return this.record.get('public') === undefined && this.mapping.cell === null ? 'public' : 'unknown';
    const lower = raw.toLowerCase();
    const v =
      this.mapping.visibility.get(lower) ?? (TRUE.has(lower) ? 'public' : FALSE.has(lower) ? 'private' : undefined);
    if (v !== undefined) return v;
    this.problem(
      'public',
      'INPUT_BAD_VISIBILITY',
      { value: raw },
      { expected: 'true/false, public/private', hint: 'map the values under events.visibility in --map' },
    );
    return 'public';
  }

  private text(field: EventField | string): string | null {
    const t = textOf(this.record.get(field));
    return t === null || this.nullValues.has(t) ? null : t;
  }

  private problem(field: EventField, code: string, args: FindingArgs, detail: Partial<Issue> = {}): void {
    const r = this.record;
    (this.issues ??= []).push({
      code,
      file: this.file,
      line: r.line,
      ...(r.col !== undefined ? { col: r.col } : {}),
      args: { field, ...args },
      ...detail,
    });
  }
}

/** A JSON number (or an author object's numeric id) too large to have been read exactly; else null. */
function inexact(v: unknown): number | null {
  const id = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as { id?: unknown }).id : v;
  return typeof id === 'number' && Number.isInteger(id) && !Number.isSafeInteger(id) ? id : null;
}
