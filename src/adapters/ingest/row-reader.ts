import { printable, type FindingArgs, type Issue } from '../../core/issues.js';
import { append } from '../../core/lists.js';
import type { Policy } from '../../core/policy/model.js';
import type { Ticket, TicketEvent, VendorReported } from '../../core/tickets/ticket.js';
import { firstResponseAmong } from '../../core/tickets/unsure-replies.js';
import { textOf, type TicketField, type TicketMapping, type TimeField } from './mapping.js';
import type { TimeReaders } from './time-readers.js';
import type { PriorityResolver } from './priority-resolver.js';
import type { SourceRecord } from './records.js';
import type { Missing, TicketEvents } from './ticket-events.js';
import { TICKET_TIMESTAMP, failureDetail, whyOf } from './timestamp-reader.js';
import { decimalDurationMs, isFigureDuration } from './figure-duration.js';

/*
 * One record of an export → one validated ticket, or every problem of the
 * row. What a file holds and how files are read is read-tickets.ts's.
 */

/**
 * Turns one file's records into tickets. Built once per file, so the hot
 * path allocates the ticket and nothing else unless a row has a problem.
 */
export class RowReader {
  private issues: Issue[] | null = null;
  private record!: SourceRecord<TicketField>;
  private readonly hasEventSources: boolean;
  /** The regions the policy has calendars for, found once. */
  private regions: ReadonlySet<string> | undefined;
  /** The mapping's null values (null when none) and value maps, looked up once. */
  private readonly nullValues: readonly string[] | null;
  private readonly priorityValues: ReadonlyMap<string, string> | undefined;
  private readonly statusValues: ReadonlyMap<string, string> | undefined;
  /**
   * Whether a record may have the field: one no record has is not looked up.
   * (The id always is: a record that cannot be read throws at its first field.)
   */
  private readonly has: Readonly<
    Record<
      | 'reclassified'
      | 'firstResponse'
      | 'resolved'
      | 'firstResponseMinutes'
      | 'resolutionMinutes'
      | 'events'
      | 'status'
      | 'environment'
      | 'incident'
      | 'exclusion'
      | 'vendorFirstResponse'
      | 'joinKey'
      | 'region'
      | 'recorded',
      boolean
    >
  >;

  constructor(
    private readonly file: string,
    mapping: TicketMapping,
    private readonly times: TimeReaders,
    private readonly priorities: PriorityResolver,
    private readonly policy: Policy,
    /** The file has a first-response field: an absent or empty value means none yet. */
    private readonly measured: boolean,
    present: (field: TicketField) => boolean,
    /** The ticket's events beyond the canonical field: its own lists, a second export's. */
    private readonly ticketEvents: TicketEvents,
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
      vendorFirstResponse:
        present('vendor_first_response_business_minutes') ||
        present('vendor_first_response_time') ||
        present('vendor_first_response_status'),
      joinKey: present('join_key'),
      // Only where events are read: it tells their opening comment.
      recorded: present('recorded_at') && (present('events') || ticketEvents.sources),
      // For calendars per region, or a rule on the region.
      region:
        (policy.regionCalendars.size > 0 ||
          policy.rules.some((r) => r.when.kind === 'field' && r.when.field === 'region')) &&
        present('region'),
    };
    this.hasEventSources = ticketEvents.sources;
    this.nullValues = mapping.nullValues.length > 0 ? mapping.nullValues : null;
    this.priorityValues = mapping.valueMaps.priority;
    this.statusValues = mapping.valueMaps.status;
  }

  /** One record → a ticket, or every problem of the row. */
  read(record: SourceRecord<TicketField>): Ticket | Issue[] {
    this.record = record;
    this.issues = null;
    const rawId = record.get('id');
    const id = this.text('id');
    if (id === null) {
      if (notAValue(rawId) === null) this.problem('id', 'INPUT_TICKET_NO_ID', {}, { hint: 'every row needs an id' });
    }
    // A JSON number past 2^53 has already lost digits (two ids become one), and 1e400 is Infinity.
    else if (typeof rawId === 'number' && !Number.isSafeInteger(rawId)) {
      this.problem(
        'id',
        'INPUT_ID_NOT_EXACT',
        {},
        { got: id, hint: 'export ids as strings ("id": "9007199254740993")' },
      );
    }
    const createdText = this.text('created_at');
    const createdAt = this.time('created_at', createdText);
    if (createdText === null)
      this.problem('created_at', 'INPUT_TICKET_NO_CREATION', {}, { hint: 'every row needs created_at' });

    const rawPriority = this.text('priority');
    let priority: string | null = null;
    if (rawPriority !== null) priority = this.priorityOf('priority', rawPriority);
    else if (this.policy.defaultPriority !== null) priority = this.policy.defaultPriority;
    else
      this.problem(
        'priority',
        'INPUT_NO_PRIORITY',
        { policy: this.policy.id },
        { hint: 'fill in the priority or map the priority column' },
      );
    const has = this.has;
    const rawReclassified = has.reclassified ? this.text('reclassified_priority') : null;
    const reclassifiedPriority =
      rawReclassified === null ? null : this.priorityOf('reclassified_priority', rawReclassified);

    const firstResponseValue = has.firstResponse ? record.get('first_response_at') : undefined;
    let firstResponseAt =
      firstResponseValue === undefined
        ? this.measured
          ? null
          : undefined
        : this.time(
            'first_response_at',
            this.clean('first_response_at', this.valueText('first_response_at', firstResponseValue)),
          );
    // No resolution column at all: resolution is not measured (undefined), never "not yet resolved" (null).
    let resolvedAt: number | null | undefined = has.resolved
      ? this.time('resolved_at')
      : has.resolutionMinutes
        ? null
        : undefined;
    // A calendar duration after creation stands for the instant where the record has one and no instant
    // (decided per record: an NDJSON file may have either, or neither).
    if (
      has.firstResponseMinutes &&
      firstResponseValue === undefined &&
      record.get('first_response_minutes') !== undefined
    )
      firstResponseAt = this.afterCreation('first_response_minutes', createdAt);
    if (
      has.resolutionMinutes &&
      (!has.resolved || record.get('resolved_at') === undefined) &&
      record.get('resolution_minutes') !== undefined
    )
      resolvedAt = this.afterCreation('resolution_minutes', createdAt);
    if (createdAt !== null) {
      if (firstResponseAt != null && firstResponseAt < createdAt)
        this.problem(
          'first_response_at',
          'INPUT_RESPONSE_BEFORE_CREATION',
          {},
          { got: this.text('first_response_at')!, hint: 'check the columns and their zone' },
        );
      if (resolvedAt != null && resolvedAt < createdAt)
        this.problem(
          'resolved_at',
          'INPUT_RESOLUTION_BEFORE_CREATION',
          {},
          { got: this.text('resolved_at')!, hint: 'check the columns and their zone' },
        );
    }
    // The events of the ticket: its canonical field, its own lists, an event export's.
    let events: TicketEvent[] | null = null;
    let replies = false;
    let everyUpdate = true;
    let statuses = false;
    let missing: Missing | null = null;
    // Most exports have no events at all: nothing to gather, nothing allocated.
    if (id !== null && (has.events || this.hasEventSources)) {
      const key = (has.joinKey ? this.text('join_key') : null) ?? id;
      const recordedAt = has.recorded ? this.time('recorded_at') : null;
      ({ events, replies, missing, everyUpdate, statuses } = this.ticketEvents.gather(
        record,
        has.events ? record.get('events') : undefined,
        key,
        id,
        createdAt,
        recordedAt,
        (issues) => append((this.issues ??= []), issues),
      ));
    }
    // Where no column gives the first response, the first public vendor reply among the events does
    // (the ticket's opening comment, an agent's, is not among them: gather leaves it out).
    // A reply of unknown visibility before it may have been the first response: kept apart, never taken as it.
    let firstResponseFrom: string | undefined;
    let firstResponseUnsureAt: number | undefined;
    const fromEvents = firstResponseAt === undefined && replies && events !== null;
    if (fromEvents)
      ({ at: firstResponseAt, from: firstResponseFrom, unsureAt: firstResponseUnsureAt } = firstResponseAmong(events!));

    // The helpdesk's own figure, when a number: evidence to compare with, nothing more.
    const vendorReported = has.vendorFirstResponse ? this.vendorReported() : undefined;
    const region = has.region ? this.region() : null;
    // Read before the row's problems are counted: a list or an object in them is one of those problems.
    const status = has.status ? this.text('status') : null;
    const environment = has.environment ? this.text('environment') : undefined;
    const incident = has.incident ? this.text('incident') : undefined;
    const exclusion = has.exclusion ? this.text('exclusion') : null;
    if (this.issues !== null) return this.issues;
    return {
      id: id!,
      line: record.line,
      file: this.file,
      createdAt: createdAt!,
      rawPriority,
      priority: priority!,
      reclassifiedPriority,
      firstResponseAt,
      firstResponseFrom,
      firstResponseUnsureAt,
      resolvedAt,
      status,
      environment,
      incident,
      exclusion,
      region,
      events,
      repliesKnown: events === null || replies,
      updatesKnown: everyUpdate,
      statusesKnown: statuses,
      // Events the export says it left out: what the metrics they decide may not rest on (missing-events.ts).
      eventsMissing: missing === null ? undefined : { ...missing, firstResponse: fromEvents },
      // Always the same keys: one shape for every ticket on the hot path.
      vendorReported,
    };
  }

  /** The ticket's region, one the policy has calendars for (any case); empty: the tier's calendars. */
  private region(): string | null {
    const t = this.text('region');
    if (t === null) return null;
    const region = t.toLowerCase();
    if (this.policy.regionCalendars.size === 0) return region; // read for a rule only
    const known = (this.regions ??= new Set([...this.policy.regionCalendars.values()].flatMap((m) => [...m.keys()])));
    if (!known.has(region))
      this.problem(
        'region',
        'INPUT_UNKNOWN_REGION',
        { region: t, policy: this.policy.id },
        {
          expected: `one of ${[...known].join(', ')}`,
          hint: 'add the region under regionCalendars in the policy, or correct the value',
        },
      );
    return region;
  }

  /** The helpdesk's own figures where the record has them: a number that is not one is left out, not guessed. */
  private vendorReported(): VendorReported | undefined {
    // Bounded like reconcile's vendor files: a negative, overlong or over-precise figure is no figure.
    const minutesText = this.text('vendor_first_response_business_minutes');
    const minutesMs = minutesText === null ? null : decimalDurationMs(minutesText, 60_000);
    const minutes = minutesMs === null ? undefined : minutesMs / 60_000;
    const seconds = durationSeconds(this.text('vendor_first_response_time'));
    const status = this.text('vendor_first_response_status');
    // Freshdesk writes 0:00:00 for a ticket nobody has answered: no figure, not a zero.
    const time = seconds === 0 && status === null ? undefined : seconds;
    if (minutes === undefined && time === undefined && status === null) return undefined;
    return {
      ...(minutes !== undefined ? { firstResponseBusinessMinutes: minutes } : {}),
      ...(time !== undefined ? { firstResponseSeconds: time } : {}),
      ...(status !== null ? { firstResponseStatus: status } : {}),
    };
  }

  private problem(field: TicketField, code: string, args: FindingArgs, detail: Partial<Issue> = {}): void {
    const r = this.record;
    (this.issues ??= []).push({
      code,
      file: this.file,
      line: r.line,
      ...(r.col !== undefined ? { col: r.col } : {}),
      // A record over many lines is often a stray quote that swallowed the rows after it: its lines say how many.
      args: r.lastLine !== undefined ? { field, ...args, firstLine: r.line, lastLine: r.lastLine } : { field, ...args },
      ...detail,
    });
  }

  private text(field: TicketField): string | null {
    return this.clean(field, this.valueText(field, this.record.get(field)));
  }

  private valueText(field: TicketField, raw: unknown): string | null {
    const what = notAValue(raw);
    if (what === null) return textOf(raw);
    // A JSON list or object where a value belongs is an error, never an empty field (an exclusion, a response).
    const hint = `map ${field} to the value inside it with a path (columns: ${field}: key.inner)`;
    this.problem(field, 'INPUT_NOT_A_VALUE', { what }, { expected: 'a string or a number', hint });
    return null;
  }

  /** A field's text with the mapping's null values and value maps applied. */
  private clean(field: TicketField, t: string | null): string | null {
    if (t === null) return null;
    if (this.nullValues !== null && this.nullValues.includes(t)) return null;
    const map = field === 'priority' ? this.priorityValues : field === 'status' ? this.statusValues : undefined;
    return map === undefined ? t : (map.get(t) ?? t);
  }

  /** created_at + the field's calendar minutes; null when empty (none yet). */
  private afterCreation(
    field: 'first_response_minutes' | 'resolution_minutes',
    createdAt: number | null,
  ): number | null {
    const t = this.text(field);
    if (t === null || createdAt === null) return null;
    const minutes = Number(t);
    if (!/^\d+(\.\d+)?$/.test(t) || !Number.isFinite(minutes)) {
      this.problem(
        field,
        'INPUT_BAD_MINUTES',
        {},
        { got: JSON.stringify(t), expected: 'minutes after creation, e.g. 42 or 42.5' },
      );
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
    this.problem(field, TICKET_TIMESTAMP[f.problem], whyOf(f), failureDetail(t, f));
    return null;
  }

  private priorityOf(field: 'priority' | 'reclassified_priority', raw: string): string | null {
    const id = this.priorities.resolve(raw);
    if (id === null) {
      // The hint names every priority and picks none: a guess copied into a map would decide breaches and credits.
      const ids = this.policy.priorities.map((p) => `${p.id} (${p.name})`).join(', ');
      const scales = this.priorities.scalesOf(raw);
      const shown = printable(raw, 40);
      this.problem(
        field,
        'INPUT_UNKNOWN_PRIORITY',
        { priority: raw, policy: this.policy.id, scales, levels: this.policy.priorities.length },
        {
          expected: `one of ${this.priorities
            .known()
            .slice(0, 12)
            .map((k) => JSON.stringify(k))
            .join(', ')}`,
          hint: `map it with --map to the priority the contract gives it (priorities: {"${shown}": <one of ${ids}>})`,
        },
      );
    }
    return id;
  }
}

/** "H:MM:SS" (Freshdesk's "First response time (in hrs)", 64:00:00 and more) in seconds; undefined when not one. */
function durationSeconds(text: string | null): number | undefined {
  const m = text === null ? null : /^(\d+):([0-5]\d):([0-5]\d)$/.exec(text);
  const seconds = m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
  return seconds !== undefined && isFigureDuration(seconds * 1000) ? seconds : undefined;
}

/** What a JSON value is when it is no value: a list, or an object other than a reference ({value, display_value}). */
function notAValue(raw: unknown): 'a list' | 'an object' | null {
  if (raw === null || typeof raw !== 'object') return null;
  if (Array.isArray(raw)) return 'a list';
  return 'value' in raw || 'display_value' in raw ? null : 'an object';
}
