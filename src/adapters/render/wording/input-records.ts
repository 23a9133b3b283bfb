import { printable, type FindingArg, type FindingArgs } from '../../../core/issues.js';
import { items, list, type Wording } from './args.js';

/** Ids as JSON strings: "T-1", "T-2". */
export const quoted = (v: FindingArg | undefined): string =>
  items(v)
    .map((k) => JSON.stringify(k))
    .join(', ');

/** ", …" when a list shows fewer than its count. */
export const more = (count: FindingArg | undefined, shown: FindingArg | undefined): string =>
  Number(count) > items(shown).length ? ', …' : '';

/** Each reader a file was shown, with why it refused: "nagios: the timestamps are text dates". */
export const refusals = (a: FindingArgs): string => {
  const why = items(a.reasons);
  return items(a.readers)
    .map((r, i) => `${r}: ${why[i]}`)
    .join('; ');
};

/**
 * A problem of one field of a ticket record: "{field}: …", and where a record runs over several lines (a
 * stray quote that swallowed the rows after it), how many.
 */
function inTicket(a: FindingArgs, text: string): string {
  if (a.lastLine === undefined) return `${a.field}: ${text}`;
  return `${a.field}: ${printable(text, 200)} (the record runs over lines ${a.firstLine}–${a.lastLine}; a quote may have opened a field that swallowed the rows after it)`;
}

/** A timestamp without an offset, none given; one outside the years computed. The uptime logs say them too. */
export const NO_OFFSET = 'timestamp has no UTC offset';
export const OUT_OF_RANGE = 'timestamp is outside the years 1900–2199';

/** The sentences of the problems of ticket and event records, and of what reading them found. */
export const INPUT_RECORD_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  INPUT_TICKET_NO_ID: (a) => inTicket(a, 'the ticket has no id'),
  INPUT_ID_NOT_EXACT: (a) => inTicket(a, 'the id is a JSON number too large to be read exactly'),
  INPUT_TICKET_NO_CREATION: (a) => inTicket(a, 'the ticket has no creation time'),
  INPUT_NO_PRIORITY: (a) => inTicket(a, `no priority, and policy ${a.policy} has no default priority`),
  INPUT_RESPONSE_BEFORE_CREATION: (a) => inTicket(a, 'the first response is before the ticket was created'),
  INPUT_RESOLUTION_BEFORE_CREATION: (a) => inTicket(a, 'the resolution is before the ticket was created'),
  INPUT_UNKNOWN_REGION: (a) => inTicket(a, `"${a.region}" is not a region policy ${a.policy} has calendars for`),
  INPUT_BAD_MINUTES: (a) => inTicket(a, 'not a number of minutes'),
  INPUT_NOT_A_VALUE: (a) => inTicket(a, `${a.what}, not a value`),
  INPUT_BAD_TIMESTAMP: (a) => inTicket(a, `bad timestamp: ${a.why}`),
  INPUT_TIMESTAMP_NO_OFFSET: (a) => inTicket(a, NO_OFFSET),
  INPUT_TIMESTAMP_OUT_OF_RANGE: (a) => inTicket(a, OUT_OF_RANGE),
  INPUT_UNKNOWN_PRIORITY: (a) => {
    const scales = items(a.scales);
    const on =
      scales.length > 0
        ? ` (it is on ${list(scales, ' and ')}, which ${scales.length > 1 ? 'do' : 'does'} not have the policy's ${a.levels} levels)`
        : '';
    return inTicket(a, `"${printable(String(a.priority), 40)}" is not a priority of policy ${a.policy}${on}`);
  },
  INPUT_DUPLICATE_ID: (a) => `duplicate ticket id "${a.id}" (first at ${a.first})`,
  INPUT_NO_ROWS: () => 'the file has no ticket rows',
  INPUT_EVENTS_NO_MATCH: (a) =>
    `no ticket id of the ticket exports appears in the event export (it names tickets ${quoted(a.named)}, …)`,
  EVENTS_WITHOUT_TICKET: (a) =>
    `events of ${a.tickets} ticket(s) not in the ticket exports were not used (${quoted(a.ids)}${more(a.tickets, a.ids)})`,
  PRIORITY_BY_SCALE: (a) => {
    const [ids, levels, of, scales] = [items(a.priorities), items(a.levels), items(a.of), items(a.scales)];
    const read = items(a.values).map(
      (v, i) => `"${v}" → ${ids[i]} (level ${levels[i]} of ${of[i]} on ${scales[i]}'s scale)`,
    );
    return `priorities read by their place on the helpdesk's scale: ${read.join(', ')}; map them with --map priorities to decide otherwise`;
  },
  RECORDS_PASSED_OVER: (a) => {
    const values = items(a.values);
    const counts = items(a.counts);
    let at = 0;
    const where = items(a.paths).map((p, i) => {
      const these = values.slice(at, (at += Number(counts[i])));
      return `${p}: ${these.join(' or ')}`;
    });
    return `${a.records} record(s) that are not tickets were passed over (where ${where.join(', ')})`;
  },
  FIRST_RESPONSE_NOT_MEASURED: () => 'no first-response column: first response is not measured for these tickets',
  FIRST_RESPONSE_NOT_MEASURED_FOR_SOME: (a) =>
    `${a.records} record(s) have neither a first-response field nor events: first response is not measured for them`,
  EVENTS_NONE_FOR_TICKET: (a) =>
    `${a.tickets} ticket(s) have no events in the event export (${quoted(a.ids)}${more(a.tickets, a.ids)}): ${
      a.uncovered === true
        ? 'it holds events of every ticket it covers from its creation, so it does not cover them: what their events decide is not measured'
        : 'no vendor reply is known for them from it: where no column gives their first response, it counts as not yet made'
    }`,
  EVENTS_BEFORE_CREATION: (a) =>
    `${a.events} customer message(s) or status change(s) dated before their ticket's creation were not used`,
  EVENTS_OPENED_BY_VENDOR: (a) =>
    `${a.tickets} ticket(s) were opened by the vendor's agent (${quoted(a.ids)}${more(a.tickets, a.ids)}): the vendor comment at each one's creation is its opening, not a response; the first response is the next public vendor reply`,
  EVENTS_VISIBILITY_UNKNOWN: (a) =>
    `${a.comments} comment(s) from Jira CSV "Comment" columns do not say whether they are internal: a first response or a reply ending a wait that rests on one alone is not measured`,
  EVENTS_LEFT_OUT: (a) =>
    `${a.tickets} ticket(s) (${quoted(a.ids)}${more(a.tickets, a.ids)}) hold only part of their events: the export says there are more (${list(a.lists)}); their first response read from events, ongoing response, update cadence, and a resolution the left-out events may reopen or pause, are not measured`,
  EXPORT_PAGE_PARTIAL: (a) =>
    `the ${a.noun} export is one page of more (${a.statement}): it holds ${a.records} ${a.noun}(s)${a.total !== undefined ? ` of ${a.total}` : ''}, and those on the other pages are missing${a.noun === 'event' ? ": any ticket's events may be among them, so what the events decide is not measured" : ': the periods it reads are not covered in full'}`,
  EVENTS_UNATTRIBUTED: (a) =>
    `${a.comments} comment(s) in the ticket export say nothing of who wrote them: they are not read, and the first response is not taken from them`,
  INPUT_NO_EVENTS: () => 'the event export has no events',
  EVENTS_READ: (a) => {
    // In the order the reader counts them: a record of another kind (filtered, or no side) each stays apart.
    const passed = (
      [
        [a.filtered, 'record(s) of other kinds'],
        [a.private, 'internal note(s)'],
        [a.otherFields, 'change(s) of other fields'],
        [a.noSide, 'record(s) of other kinds'],
      ] as const
    )
      .filter(([n]) => Number(n) > 0)
      .map(([n, what]) => `${n} ${what}`);
    return `${a.events} event(s) read from ${a.records} record(s) (${a.reader})${passed.length > 0 ? `; passed over: ${passed.join(', ')}` : ''}${Number(a.skipped) > 0 ? `; ${a.skipped} skipped (--skip-invalid)` : ''}`;
  },
  INPUT_EVENTS_SKIPPED: (a) =>
    `events: ${a.events} event(s) of this ticket in ${list(a.files)} are invalid, so its first response and pauses cannot be known`,
  INPUT_BAD_EVENTS: () => 'events: must be a JSON list of events',
  INPUT_REPLY_BEFORE_CREATION: (a) =>
    `events: the vendor reply at ${a.source} (${a.at}) is before the ticket was created (${a.created})`,
  INPUT_WHERE_NO_FIELD: (a) =>
    `${a.label}.${a.path}: the export has no such field, so every record would be passed over`,
  INPUT_MAP_NO_MATCH: (a) =>
    `${a.label}.${a.field}: ${items(a.names)
      .map((n) => JSON.stringify(n))
      .join(' or ')} matches nothing in this file`,
  DST_ADJUSTED: (a) =>
    `${a.overlap} local time(s) that occur twice were read as the first occurrence and ${a.gap} that do not exist were moved forward by the DST gap (${a.zone})`,
  ROWS_SKIPPED: (a) => {
    const counts = items(a.counts);
    const reasons = items(a.reasons).map((r, i) => `${counts[i]} × ${r}`);
    const events = Number(a.events) > 0;
    return `${a.rows} ${events ? 'ticket ' : ''}row(s)${events ? ` and ${a.events} event record(s)` : ''} skipped (--skip-invalid) and not in any report: ${reasons.join('; ')}`;
  },
  INPUT_BAD_EVENT_TYPE: (a) => `event ${a.field}: "${a.type}" is not an event type`,
  INPUT_EVENT_NO_TICKET: (a) => `event ${a.field}: the event names no ticket`,
  INPUT_EVENT_ID_NOT_EXACT: (a) => `event ${a.field}: the ticket id is a JSON number too large to be read exactly`,
  INPUT_EVENT_AUTHOR_NOT_EXACT: () => 'event author: the user id is a JSON number too large to be read exactly',
  INPUT_EVENT_NO_TIME: (a) => `event ${a.field}: the event has no time`,
  INPUT_EVENT_BAD_TIMESTAMP: (a) => `event ${a.field}: bad timestamp: ${a.why}`,
  INPUT_EVENT_TIMESTAMP_NO_OFFSET: (a) => `event ${a.field}: ${NO_OFFSET}`,
  INPUT_EVENT_TIMESTAMP_OUT_OF_RANGE: (a) => `event ${a.field}: ${OUT_OF_RANGE}`,
  INPUT_EVENT_NO_STATUS: (a) => `event ${a.field}: a status event without the status it changed to`,
  INPUT_BAD_ACTOR: (a) => `event ${a.field}: "${a.actor}" says neither customer nor vendor`,
  INPUT_EVENT_NO_AUTHOR: (a) => `event ${a.field}: the reply has no author`,
  INPUT_EVENT_NO_SIDE: (a) => `event ${a.field}: nothing tells whether the vendor or the customer wrote this reply`,
  INPUT_BAD_VISIBILITY: (a) => `event ${a.field}: "${a.value}" says neither public nor private`,
  TICKETS_AMBIGUOUS: (a) => `more than one ticket preset reads this file: ${list(a.readers)}`,
  TICKETS_UNKNOWN_FORMAT: (a) => `no ticket preset reads this file either — ${refusals(a)}`,
});
