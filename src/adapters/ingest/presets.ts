import { CANONICAL_EVENTS, SERVICENOW_STATES, type EventKind, type EventMapping } from './event-mapping.js';
import { CANONICAL, type TicketMapping } from './mapping.js';
import type { EmbeddedEvents } from './ticket-events.js';

/**
 * Column maps for real helpdesk exports. Each names the real export it was
 * checked against (fixtures/samples/); anything taken from a vendor's
 * documentation alone is marked so. Presets never guess day/month order:
 * ambiguous formats are stated, and naive times need a zone (--input-tz).
 */
const SPANISH_MONTHS = new Map([
  ['ene', 'Jan'],
  ['feb', 'Feb'],
  ['mar', 'Mar'],
  ['abr', 'Apr'],
  ['may', 'May'],
  ['jun', 'Jun'],
  ['jul', 'Jul'],
  ['ago', 'Aug'],
  ['sep', 'Sep'],
  ['sept', 'Sep'],
  ['oct', 'Oct'],
  ['nov', 'Nov'],
  ['dic', 'Dec'],
]);

export interface Preset extends TicketMapping {
  description: string;
}

/** An event list inside a ticket record: the canonical event mapping with the export's own names. */
const embedded = (name: string, over: Partial<EventMapping>): EventMapping => ({
  ...CANONICAL_EVENTS,
  name,
  columns: {},
  listKeys: [],
  ...over,
});

/**
 * Jira's own event lists. The description is a field of its own, never a
 * comment, so no comment is the opening (and Jira CSV dates are to
 * the minute: a reply in the minute the issue was created is still a reply).
 * REST (`?expand=changelog&fields=…,comment`): comments
 * with their author object and JSM's jsdPublic (false: an internal comment),
 * and the changelog's status changes. CSV: each "Comment" column holds one
 * comment as "date;author account id;body", dated like the other columns.
 */
const JIRA_EVENTS: readonly EmbeddedEvents[] = [
  {
    list: 'fields.comment.comments',
    // A comment restricted to a role or group ({visibility: {type: "role"}}) is not public; else JSM's jsdPublic says.
    mapping: embedded('jira comments', {
      columns: { at: ['created'], author: ['author'], public: ['visibility.type', 'jsdPublic'] },
      visibility: new Map([
        ['role', 'private'],
        ['group', 'private'],
      ]),
      opening: 'none',
    }),
    // A search returns at most maxResults comments of an issue (its own setting, or the server's); `total` counts them all.
    total: { path: 'fields.comment.total', of: 'replies' },
  },
  {
    list: 'changelog.histories',
    mapping: embedded('jira changelog', {
      children: ['items'],
      columns: { at: ['created'], author: ['author'], field: ['field'], status: ['toString'] },
      defaultType: 'status',
      statusFields: ['status'],
    }),
    // expand=changelog returns the latest histories up to maxResults (100 on Jira Cloud); `total` counts them all.
    total: { path: 'changelog.total', of: 'statuses' },
  },
  {
    list: 'comment',
    mapping: embedded('jira CSV comments', {
      cell: 'jira-comment',
      columns: { at: ['at'], author: ['author'] },
      types: new Map<string, EventKind>(),
      opening: 'none',
    }),
  },
];

/**
 * Redmine's journals (GET /issues/1.json?include=journals): each is a note, a change of fields, or
 * both. A journal without notes only changed fields (a priority, an assignee): no reply to anyone.
 * private_notes: true is an internal note. The description is the issue's own field, never a journal.
 */
const REDMINE_JOURNALS = embedded('redmine journals', {
  columns: { at: ['created_on'], author: ['user'], public: ['private_notes'] },
  visibility: new Map([
    ['true', 'private'],
    ['false', 'public'],
  ]),
  where: [['notes', ['*']]],
  opening: 'none',
});

const SERVICENOW_FIRST_RESPONSE =
  "pass the incidents' journal (sys_journal_field, with sys_id in the incident export) with --events and --preset servicenow-journal, and list the vendor's user names under vendorAgents";

const PRESETS: Record<string, Preset> = {
  zendesk: {
    ...CANONICAL,
    name: 'zendesk',
    description:
      'Zendesk tickets: API list responses ({"tickets": […]}, incremental export), warehouse (Fivetran) CSV tables and the UI CSV export ' +
      '("Id", "Created at", "Solved at"), each checked against a real one. The UI export writes naive times in the account\'s zone: pass --input-tz. ' +
      'Zendesk ticket exports carry no first-reply instant: take it from the metric events or audits (--events), or from the calendar minutes of a UI export.',
    columns: {
      id: ['id', 'ticket id'],
      created_at: ['created_at', 'created at'],
      priority: ['priority'],
      status: ['status'],
      resolved_at: ['solved_at', 'solved at'],
      first_response_at: ['first_response_at', 'first reply at'],
      // Calendar minutes to the first reply: the UI/Explore export's "First reply time in minutes", and the
      // incremental export with include=metric_sets (from Zendesk's API documentation). Evidence: creation + minutes.
      first_response_minutes: ['first reply time in minutes', 'metric_set.reply_time_in_minutes.calendar'],
      // Zendesk's own figure, in business minutes: shown beside ours, never used as ours.
      vendor_first_response_business_minutes: [
        'first reply time in minutes within business hours',
        'metric_set.reply_time_in_minutes.business',
      ],
    },
    // The API writes ISO 8601 with Z; Fivetran's warehouse columns are UTC without an offset; the UI export's
    // "Created at" / "Solved at" are naive times in the account's zone, which no file states: --input-tz.
    columnZones: new Map([
      ['created_at', 'UTC'],
      ['solved_at', 'UTC'],
    ]),
    zoneHint:
      "Zendesk UI and Explore exports write times in the account's time zone (Admin Center → Account → Localization)",
    // A real UI export, saved again by a spreadsheet, writes this for "not solved yet".
    nullValues: ['1900-01-01 00:00:00'],
    scales: ['Zendesk'],
    listKeys: ['tickets', 'results'],
    firstResponseHint:
      'take the ticket metric events (GET /api/v2/incremental/ticket_metric_events) and pass them with --events and --preset zendesk-metric-events, or the audits with --preset zendesk-audits; ' +
      'in a UI export, map "First reply time in minutes" as first_response_at: {from: created_at, plusMinutes: …}',
  },
  jira: {
    ...CANONICAL,
    name: 'jira',
    description:
      'Jira (Service Management) CSV export in English or Spanish, and REST issue lists ({"issues": [{"key", "fields": {…}}]}), checked against real ones. ' +
      "CSV dates are dd/MMM/yy h:mm a in the exporting user's profile zone, so --input-tz is required; REST dates carry an offset. " +
      'The first public comment by a vendor agent (vendorAgents in the contract) is the first response; the REST changelog gives status changes. ' +
      'JSM SLA columns hold remaining time, not instants, and are not read.',
    columns: {
      id: ['issue key', 'clave de incidencia', 'key'],
      created_at: ['created', 'creada', 'fields.created'],
      priority: ['priority', 'prioridad', 'fields.priority.name'],
      status: ['status', 'estado', 'fields.status.name'],
      resolved_at: ['resolved', 'resuelta', 'fields.resolutiondate'],
      // JSM's SLA field as exported (its remaining or elapsed time, "2:18", "-1:05"): the helpdesk's own, beside ours.
      vendor_first_response_status: [
        'custom field (time to first response)',
        'campo personalizado (time to first response)',
      ],
    },
    listKeys: ['issues', ...CANONICAL.listKeys],
    scales: ['Jira', 'Jira (older)'],
    timestampFormats: ['dd/MMM/yy h:mm a'],
    monthNames: SPANISH_MONTHS,
    zoneHint: "Jira CSV exports write times in the exporting user's profile time zone (Profile → Time zone)",
    embedded: JIRA_EVENTS,
    firstResponseHint:
      'the first response is the first vendor comment: export with comments (CSV "Comment" columns, or REST fields=comment) and list the vendor\'s agents (account ids) under vendorAgents in the contract',
  },
  freshdesk: {
    ...CANONICAL,
    name: 'freshdesk',
    description:
      'Freshdesk ticket CSV export (checked against real exports: dates DD/MM/YYYY HH:MM, or YYYY-MM-DD HH:MM:SS) and API v2 JSON ' +
      '(priority 1–4 = Low, Medium, High, Urgent). "Initial response time" is the first response. Times are in the helpdesk zone: pass --input-tz.',
    columns: {
      id: ['ticket id', 'id'],
      created_at: ['created time', 'created_at'],
      priority: ['priority'],
      status: ['status'],
      // The API's stats (include=stats): the first agent response, an instant.
      first_response_at: ['initial response time', 'stats.first_responded_at'],
      // Freshdesk's own figures: shown beside ours, never used as ours.
      vendor_first_response_time: ['first response time (in hrs)'],
      vendor_first_response_status: ['first response status'],
      resolved_at: ['resolved time', 'closed time', 'resolved_at', 'stats.resolved_at'],
    },
    // Day first, as the real export (14/01/2025); hours without a leading zero occur (1:30).
    timestampFormats: ['d/M/yyyy H:mm', 'd/M/yyyy H:mm:ss'],
    zoneHint: "Freshdesk exports write times in the helpdesk's time zone (Admin → Helpdesk settings)",
    scales: ['Freshdesk'],
    valueMaps: {
      priority: new Map([
        ['1', 'Low'],
        ['2', 'Medium'],
        ['3', 'High'],
        ['4', 'Urgent'],
      ]),
      status: new Map([
        ['2', 'Open'],
        ['3', 'Pending'],
        ['4', 'Resolved'],
        ['5', 'Closed'],
      ]),
    },
    firstResponseHint:
      'an API export has stats.first_responded_at (map it as first_response_at), or pass the conversations with --events and --preset freshdesk-conversations',
  },
  redmine: {
    ...CANONICAL,
    name: 'redmine',
    description:
      'Redmine REST API issues: one issue with its journals ({"issue": {…, "journals": […]}}, GET /issues/1.json?include=journals) or a list ({"issues": […]}); ' +
      'times are ISO 8601 with Z. The first public journal with notes by a vendor agent (vendorAgents: user ids or names) is the first response; ' +
      'a journal without notes only changed fields and is no reply. From the API documentation; not verified against a captured response.',
    columns: {
      // The single-issue response wraps its issue in "issue": its fields are reached by path.
      id: ['id', 'issue.id'],
      created_at: ['created_on', 'issue.created_on'],
      priority: ['priority.name', 'issue.priority.name'],
      status: ['status.name', 'issue.status.name'],
      resolved_at: ['closed_on', 'issue.closed_on'],
    },
    listKeys: ['issues'],
    embedded: [
      { list: 'journals', mapping: REDMINE_JOURNALS },
      { list: 'issue.journals', mapping: REDMINE_JOURNALS },
    ],
    firstResponseHint:
      "the first response is the first journal with notes by the vendor: export with include=journals and list the vendor's agents (user ids or names) under vendorAgents",
  },
  servicenow: {
    ...CANONICAL,
    name: 'servicenow',
    description:
      'ServiceNow incidents: Table API JSON ({"result": […]}), JSONv2 ({"records": […]}) and list CSV with field-name headers, checked against ' +
      "real ones, and the XML unload (<unload><incident>…). Raw values are YYYY-MM-DD HH:MM:SS without an offset (pass --input-tz: UTC for the Table API and XML, the user's zone for a list CSV). " +
      'Priority "1 - Critical" matches a policy alias "1" or "critical".',
    columns: {
      id: ['number'],
      created_at: ['opened_at', 'opened', 'created'],
      priority: ['priority'],
      status: ['state', 'incident_state'],
      resolved_at: ['resolved_at', 'resolved'],
      join_key: ['sys_id'],
      // The journal entry typed in with the incident is stored at sys_created_on, seconds to minutes after opened_at.
      recorded_at: ['sys_created_on'],
    },
    // Table API, JSONv2, and the XML unload's <incident> elements.
    listKeys: ['result', 'records', 'incident'],
    // The raw state is a code ("6"): read as its word, a resolved incident's state is checked against resolved_at.
    valueMaps: { status: SERVICENOW_STATES },
    firstResponseHint: SERVICENOW_FIRST_RESPONSE,
    zoneHint:
      "ServiceNow list exports write display values in the exporting user's time zone; the Table API's and the XML unload's raw values are UTC",
    scales: ['ServiceNow'],
  },
  'servicenow-event-log': {
    ...CANONICAL,
    name: 'servicenow-event-log',
    description:
      'ServiceNow incident event log (one row per update, as in the public "incident_event_log" data set, checked against it): the last row of ' +
      'each incident wins; dates DD-MM-YYYY HH:MM; missing values are "?".',
    columns: {
      id: ['number'],
      created_at: ['opened_at'],
      priority: ['priority'],
      status: ['incident_state'],
      resolved_at: ['resolved_at'],
    },
    timestampFormats: ['d-M-yyyy H:mm'],
    duplicates: 'last',
    scales: ['ServiceNow'],
    firstResponseHint: SERVICENOW_FIRST_RESPONSE,
    nullValues: ['?'],
  },
};

/** The ticket presets by name, in the registry's order (registry.ts; a test holds the two together). */
export const TICKET_PRESETS: ReadonlyMap<string, Preset> = new Map(Object.entries(PRESETS));
