import type { SingleByteEncoding } from './decode.js';
import { whereNames, type FieldSpec, type Where } from './records.js';

/** ServiceNow's incident states as the Table API, the XML unload and sys_audit write them: codes, not words. */
export const SERVICENOW_STATES: ReadonlyMap<string, string> = new Map([
  ['1', 'New'],
  ['2', 'In Progress'],
  ['3', 'On Hold'],
  ['6', 'Resolved'],
  ['7', 'Closed'],
  ['8', 'Canceled'],
]);

/**
 * Events — comments, conversations, journal entries, status changes — and
 * how an export's records map onto them (SPEC 2). An event export is joined
 * to the tickets by ticket id; an event list inside a ticket record (Jira's
 * comments and changelog) belongs to that ticket.
 */
export const EVENT_FIELDS = [
  // The ticket the event belongs to (its id, or the key the ticket export gives as join_key).
  'ticket_id',
  'at',
  // Who wrote it: customer or vendor, or a role or flag read through `actors`.
  'actor',
  // The author's id, user name or e-mail, matched against the contract's vendor agents.
  'author',
  // Public or private (an internal note is no reply), read through `visibility`.
  'public',
  // reply or status, read through `types`.
  'type',
  // The field a change record changes: only a status field gives a status event.
  'field',
  'status',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export type Side = 'customer' | 'vendor';
export type EventKind = 'reply' | 'status' | 'ignore';

export interface EventMapping {
  /** Preset name, "canonical events", or the map file. */
  name: string;
  columns: Partial<Record<EventField, readonly string[]>>;
  /** Names the map states for a field: one that matches nothing is an error. */
  stated: Partial<Record<EventField, readonly string[]>>;
  listKeys: readonly string[];
  /** Lists inside each record whose elements are the events (Zendesk audits → events; Jira histories → items). */
  children: readonly string[];
  /** Only records whose value at each path is one of the listed ones (lower case) are events; the rest are passed over, counted. */
  where: Where;
  /** Where each list element keeps the record (an Airbyte line's `data`), over the element's own keys. */
  record: string | null;
  timestampFormats: readonly string[];
  locale: string;
  monthNames: ReadonlyMap<string, string>;
  zone: string | null;
  zoneHint: string | null;
  delimiter: string | null;
  encoding: SingleByteEncoding | null;
  nullValues: readonly string[];
  /** Raw actor value (lower case) → side; "*" for any other value. */
  actors: ReadonlyMap<string, Side>;
  /** Raw public value (lower case) → visibility, besides true/false. */
  visibility: ReadonlyMap<string, 'public' | 'private'>;
  /** Raw type value (lower case) → kind; "*" for any other value. */
  types: ReadonlyMap<string, EventKind>;
  /** The kind of a record without a type column. */
  defaultType: 'reply' | 'status';
  /** Names (lower case) of the fields whose changes are status events. */
  statusFields: readonly string[];
  /** Raw status value → the status name (ServiceNow's state codes). */
  statuses: ReadonlyMap<string, string>;
  /** A CSV cell that holds a whole event (Jira's "date;author;body" Comment cells). */
  cell: 'jira-comment' | null;
  /**
   * Whether the export lists the message that opened the ticket among its
   * events: a vendor reply at the ticket's creation instant is then that
   * opening — a ticket an agent created (phone, forwarded mail, on the
   * requester's behalf) — and never a response (SPEC 3.3). `none`: the
   * export keeps the opening apart (Jira's description).
   */
  opening: 'at-creation' | 'none';
  /**
   * Which of the vendor's replies the export holds: `every` one, or only its `answers` to the customer's
   * messages (Zendesk's reply-time metric is fulfilled by the first reply to each, not by an update
   * nobody asked for). Update cadence counts every update: from answers alone it is not measured.
   */
  replies: 'every' | 'answers';
  /**
   * The export holds events of every ticket it covers, from its creation (Zendesk's create audit, its
   * reply-time activation): a ticket with none is one it does not cover, not one nobody answered.
   */
  everyTicket: boolean;
}

export interface EventPreset extends EventMapping {
  description: string;
}

export const CANONICAL_EVENTS: EventMapping = {
  name: 'canonical events',
  columns: Object.fromEntries(EVENT_FIELDS.map((f) => [f, [f]])),
  stated: {},
  listKeys: ['events', 'records', 'data', 'items', 'result'],
  children: [],
  where: [],
  record: null,
  timestampFormats: [],
  locale: 'en',
  monthNames: new Map(),
  zone: null,
  zoneHint: null,
  delimiter: null,
  encoding: null,
  nullValues: [],
  actors: new Map(),
  visibility: new Map(),
  types: new Map(),
  defaultType: 'reply',
  statusFields: ['status', 'state', 'incident_state'],
  statuses: new Map(),
  cell: null,
  opening: 'at-creation',
  replies: 'every',
  everyTicket: false,
};

/** A preset: canonical, with only the names of the export's own fields. */
const preset = (name: string, description: string, over: Partial<EventMapping>): EventPreset => ({
  ...CANONICAL_EVENTS,
  columns: {},
  name,
  description,
  ...over,
});

/**
 * Event exports, each checked against a real one (fixtures/samples/). Who
 * speaks for the vendor comes from the export where it says (Freshdesk's
 * `incoming`, Zendesk's reply-time metric), else from the contract's
 * `vendorAgents`.
 */
const PRESETS: Record<string, EventPreset> = {
  'zendesk-audits': preset(
    'zendesk-audits',
    'Zendesk ticket audits ({"audits": [{"ticket_id", "created_at", "author_id", "events": [{"type": "Comment", "public"}, {"type": "Change", "field_name": "status", "value"}]}]}): ' +
      "public comments are replies, status changes are status events. Authors are user ids: list the vendor's agents under vendorAgents in the contract. " +
      'The comment of the audit that created the ticket (at its created_at) is its opening, not a reply: for a ticket an agent created, the first reply is the next public agent comment.',
    {
      listKeys: ['audits'],
      children: ['events'],
      // Every ticket has the audit that created it: a ticket with none is one the export does not cover.
      everyTicket: true,
      columns: {
        ticket_id: ['ticket_id'],
        at: ['created_at'],
        author: ['author_id'],
        public: ['public'],
        type: ['type'],
        field: ['field_name'],
        status: ['value'],
      },
      types: new Map<string, EventKind>([
        ['comment', 'reply'],
        ['voicecomment', 'reply'],
        ['create', 'status'],
        ['change', 'status'],
        ['*', 'ignore'],
      ]),
    },
  ),
  'zendesk-metric-events': preset(
    'zendesk-metric-events',
    'Zendesk ticket metric events ({"ticket_metric_events": [{"ticket_id", "metric": "reply_time", "type": "fulfill", "time"}]}): ' +
      'each fulfilled reply time is a public agent reply, each activation a customer message that awaits one. No vendor agents needed.',
    {
      listKeys: ['ticket_metric_events'],
      columns: { ticket_id: ['ticket_id'], at: ['time'], actor: ['type'], type: ['type'] },
      where: [['metric', ['reply_time']]],
      replies: 'answers',
      // Every ticket's reply time is activated at its creation: a ticket with none is one the export does not cover.
      everyTicket: true,
      actors: new Map<string, Side>([
        ['fulfill', 'vendor'],
        ['activate', 'customer'],
      ]),
      types: new Map<string, EventKind>([
        ['fulfill', 'reply'],
        ['activate', 'reply'],
        ['*', 'ignore'],
      ]),
    },
  ),
  'freshdesk-conversations': preset(
    'freshdesk-conversations',
    'Freshdesk conversations (API v2: [{"ticket_id", "incoming", "private", "user_id", "created_at"}]): incoming messages are the customer\'s, ' +
      "the rest the vendor's; private notes are no reply. An outgoing conversation at the ticket's creation (an outbound ticket's) is its opening, not a reply.",
    {
      listKeys: ['conversations', ...CANONICAL_EVENTS.listKeys],
      columns: {
        ticket_id: ['ticket_id'],
        at: ['created_at'],
        actor: ['incoming'],
        public: ['private'],
        author: ['user_id'],
      },
      actors: new Map<string, Side>([
        ['true', 'customer'],
        ['false', 'vendor'],
      ]),
      visibility: new Map([
        ['true', 'private'],
        ['false', 'public'],
      ]),
      zoneHint: "Freshdesk's API writes UTC with Z",
    },
  ),
  'servicenow-journal': preset(
    'servicenow-journal',
    "ServiceNow sys_journal_field (element_id = the incident's sys_id, element comments/work_notes, sys_created_on, sys_created_by): additional comments " +
      "are replies, work notes are private. Authors are user names: list the vendor's under vendorAgents. Raw values are UTC; list exports write the user's zone. " +
      'A comment entered with the incident (at its opened_at, or its sys_created_on where the incident export has it) is its opening, not a reply.',
    {
      listKeys: ['result', 'records', 'sys_journal_field'],
      columns: { ticket_id: ['element_id'], at: ['sys_created_on'], author: ['sys_created_by'], public: ['element'] },
      where: [['element', ['comments', 'work_notes']]],
      visibility: new Map([
        ['comments', 'public'],
        ['work_notes', 'private'],
      ]),
      zoneHint: "ServiceNow's Table API and XML raw values are UTC; list exports write the exporting user's time zone",
    },
  ),
  'servicenow-audit': preset(
    'servicenow-audit',
    "ServiceNow sys_audit (documentkey = the incident's sys_id, fieldname, newvalue, sys_created_on), from ServiceNow's documentation only (no public export was found): " +
      'state changes are status events (1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled); other fields are passed over.',
    {
      listKeys: ['result', 'records', 'sys_audit'],
      columns: {
        ticket_id: ['documentkey'],
        at: ['sys_created_on'],
        author: ['user'],
        field: ['fieldname'],
        status: ['newvalue'],
      },
      defaultType: 'status',
      statuses: SERVICENOW_STATES,
      zoneHint: "ServiceNow's Table API and XML raw values are UTC; list exports write the exporting user's time zone",
    },
  ),
};

/** The event presets by name, in the registry's order (registry.ts; a test holds the two together). */
export const EVENT_PRESETS: ReadonlyMap<string, EventPreset> = new Map(Object.entries(PRESETS));

const specs = new WeakMap<EventMapping, FieldSpec<string>>();

/** Whether a mapping's records can be replies at all (a changelog of status changes cannot). */
export const canReply = (m: EventMapping): boolean =>
  m.defaultType === 'reply' ||
  [...m.types.values()].includes('reply') ||
  (m.columns.type !== undefined && m.types.size === 0);

/** Whether a mapping's records can be status changes at all (a list of replies alone cannot show a pause). */
export const canStatus = (m: EventMapping): boolean =>
  m.defaultType === 'status' ||
  [...m.types.values()].includes('status') ||
  (m.columns.type !== undefined && m.types.size === 0) ||
  m.columns.status !== undefined ||
  m.columns.field !== undefined;

/** How the record reader finds an event mapping's fields; `embedded`: a list in a ticket, which needs no ticket id. */
export function eventSpec(mapping: EventMapping, embedded = false): FieldSpec<string> {
  let spec = embedded ? undefined : specs.get(mapping);
  if (spec === undefined) {
    // A field a mapping names is read under those names only: a canonical column of the same name
    // must not be read through the mapping's value maps (Freshdesk's "private: true" is private,
    // a "public: true" column is not).
    const names = new Map<string, readonly string[]>(
      EVENT_FIELDS.map((f) => [f, (mapping.columns[f] ?? [f]).map((n) => n.trim().toLowerCase())]),
    );
    for (const [name, paths] of whereNames(mapping.where)) names.set(name, paths);
    spec = {
      name: mapping.name,
      noun: 'event',
      fields: [...names.keys()],
      required: embedded ? ['at'] : ['ticket_id', 'at'],
      names,
      listKeys: mapping.listKeys,
      delimiter: mapping.delimiter,
      encoding: mapping.encoding,
      ...(mapping.record !== null ? { envelope: mapping.record } : {}),
      children: mapping.children,
      scan: [],
      missingHint: `pass --preset for the event export (${[...EVENT_PRESETS.keys()].join(', ')}) or map its columns under events: in --map`,
    };
    if (!embedded) specs.set(mapping, spec);
  }
  return spec;
}
