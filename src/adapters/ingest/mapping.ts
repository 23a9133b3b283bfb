import type { SingleByteEncoding } from './decode.js';
import { whereNames, type FieldSpec, type Where } from './records.js';
import type { EmbeddedEvents } from './ticket-events.js';
/** The canonical ticket fields of SPEC 2, and how an export's columns map onto them. */
export const TICKET_FIELDS = [
  'id',
  'created_at',
  'priority',
  'first_response_at',
  'resolved_at',
  'status',
  'environment',
  'reclassified_priority',
  'incident',
  'exclusion',
  'events',
  // Calendar minutes from creation, where an export gives a duration instead of
  // an instant (Zendesk's "First reply time in minutes"): the instant is
  // created_at + the minutes. A business-hours figure is the helpdesk's own
  // computation and is never read as one.
  'first_response_minutes',
  'resolution_minutes',
  // The helpdesk's own first-response figure in business minutes (Zendesk's "… within business
  // hours"): kept as vendorReported beside ours, for reconciliation, never used as ours (SPEC 2).
  'vendor_first_response_business_minutes',
  // Freshdesk's "First response time (in hrs)" (H:MM:SS, on the helpdesk's own clock) and "First response status"
  // ("Within SLA", "SLA Violated"): the same, as exported.
  'vendor_first_response_time',
  'vendor_first_response_status',
  // The key an event export names the ticket by, where it is not the id (ServiceNow's sys_id).
  'join_key',
  // The customer's region, where a policy runs targets on the region's business calendar.
  'region',
  // When the helpdesk stored the ticket, where that is not the creation time it states (ServiceNow's
  // opened_at is when the form was opened, sys_created_on when it was saved): a vendor comment at
  // this instant is the ticket's opening, like one at created_at.
  'recorded_at',
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

export const REQUIRED_FIELDS: readonly TicketField[] = ['id', 'created_at'];

/** The fields that hold instants (events: the instants inside them). */
export const TIME_FIELDS = ['created_at', 'first_response_at', 'resolved_at', 'recorded_at', 'events'] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

export interface TicketMapping {
  /** Preset name, "canonical", or the --map file. */
  name: string;
  /** Candidate source column names per field, tried in order, matched case-insensitively after trimming. */
  columns: Partial<Record<TicketField, readonly string[]>>;
  /** Luxon formats for timestamps that are not ISO 8601; also "epoch-seconds" and "epoch-millis". */
  timestampFormats: readonly string[];
  /** Locale for month and AM/PM names in those formats. */
  locale: string;
  /** Zone for timestamps without an offset (overridden by --input-tz). */
  zone: string | null;
  /**
   * Where an export writes a column in a zone of its own (a warehouse table in
   * UTC beside a UI export in the account's zone): lower-cased column → zone.
   * It wins over --input-tz, which is for the columns that carry no zone.
   */
  columnZones: ReadonlyMap<string, string>;
  /** The names a map states for a field: one that matches nothing in a file is an error, not a silent fallback. */
  stated: Partial<Record<TicketField, readonly string[]>>;
  /** A field's own zone and formats, from a map (a custom field written in UTC); they win over the rest. */
  fieldZones: Partial<Record<TimeField, string>>;
  fieldFormats: Partial<Record<TimeField, readonly string[]>>;
  /** Which zone the helpdesk writes naive times in, for the error when none is given. */
  zoneHint: string | null;
  /** A CSV's delimiter, when stated; else found from the header line among , ; TAB |. */
  delimiter: string | null;
  /** A single-byte encoding, when stated; else UTF-8 or UTF-16 with a BOM. */
  encoding: SingleByteEncoding | null;
  /** The helpdesk priority scales this export's values come from (names in SCALES); null: any. */
  scales: readonly string[] | null;
  /** Raw priority value (lower case) → the policy's priority id. */
  priorities: ReadonlyMap<string, string>;
  /** `last`: an event-log export, the last row of an id wins. */
  duplicates: 'error' | 'last';
  /** Where the list of tickets is in a JSON response object. */
  listKeys: readonly string[];
  /** Where each list element keeps the ticket (an Airbyte line's `data`), over the element's own keys. */
  record: string | null;
  /** Only records that pass are tickets (an Airbyte file's `stream: tickets`); the rest are counted. */
  where: Where;
  /** Cell values that mean "empty" besides the empty string (ServiceNow's "?"). */
  nullValues: readonly string[];
  /** Raw value translations applied before aliases (Freshdesk API integers). */
  valueMaps: Partial<Record<'priority' | 'status', ReadonlyMap<string, string>>>;
  /** Month names to translate to English before parsing a format (lower case → English). */
  monthNames: ReadonlyMap<string, string>;
  /** Event lists inside each ticket record (Jira's comments and changelog). */
  embedded: readonly EmbeddedEvents[];
  /** Which export or column would give the first response, where this one has none. */
  firstResponseHint: string;
}

export const CANONICAL: TicketMapping = {
  name: 'canonical',
  columns: Object.fromEntries(TICKET_FIELDS.map((f) => [f, [f]])),
  timestampFormats: [],
  locale: 'en',
  zone: null,
  columnZones: new Map(),
  stated: {},
  fieldZones: {},
  fieldFormats: {},
  zoneHint: null,
  delimiter: null,
  encoding: null,
  scales: null,
  priorities: new Map(),
  duplicates: 'error',
  listKeys: ['tickets', 'result', 'records', 'data', 'items'],
  record: null,
  where: [],
  nullValues: [],
  valueMaps: {},
  monthNames: new Map(),
  embedded: [],
  firstResponseHint:
    'map a first-response timestamp column with --map columns.first_response_at, or give the comments export with --events',
};

/** Candidate names of a field: the mapping's own, then the canonical name. */
export function candidates<F extends string>(columns: Partial<Record<F, readonly string[]>>, field: F): string[] {
  const own = columns[field] ?? [];
  return [...new Set([...own, field].map((n) => n.trim().toLowerCase()))];
}

const specs = new WeakMap<TicketMapping, FieldSpec<TicketField>>();

/** How the record reader finds a mapping's ticket fields (made once per mapping). */
export function ticketSpec(mapping: TicketMapping): FieldSpec<TicketField> {
  let spec = specs.get(mapping);
  if (spec === undefined) {
    spec = {
      name: mapping.name,
      noun: 'ticket',
      fields: [...TICKET_FIELDS, ...(whereNames(mapping.where).map(([n]) => n) as TicketField[])],
      required: REQUIRED_FIELDS,
      // A filter's paths are looked up like fields (read-tickets applies it).
      names: new Map([
        ...TICKET_FIELDS.map((f) => [f, candidates(mapping.columns, f)] as [TicketField, string[]]),
        ...(whereNames(mapping.where) as Array<[TicketField, string[]]>),
      ]),
      listKeys: mapping.listKeys,
      delimiter: mapping.delimiter,
      encoding: mapping.encoding,
      ...(mapping.record !== null ? { envelope: mapping.record } : {}),
      children: [],
      scan: ['first_response_at'],
      missingHint:
        mapping.name === 'canonical'
          ? 'pass --preset for your helpdesk or --map with the column names'
          : `check the export or refine the ${mapping.name} preset with --map`,
    };
    specs.set(mapping, spec);
  }
  return spec;
}

/**
 * A raw cell or JSON value as text: strings trimmed, numbers and booleans
 * printed, ServiceNow reference objects ({value, display_value}) reduced to
 * their value, empty → null.
 */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // Most cells have nothing to trim: every character trim removes is at
    // most U+0020 or at least U+00A0, so printable ASCII at both ends is kept as is.
    const n = value.length;
    if (n === 0) return null;
    const a = value.charCodeAt(0);
    const z = value.charCodeAt(n - 1);
    if (a > 0x20 && a < 0xa0 && z > 0x20 && z < 0xa0) return value;
    const t = value.trim();
    return t === '' ? null : t;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if ('value' in o) return textOf(o.value);
    if ('display_value' in o) return textOf(o.display_value);
  }
  return null;
}
