import type { FindingArg } from '../../../core/issues.js';
import { list, type Wording } from './args.js';

/** A rule's length in seconds, as minutes: 300 → "5 min", 30 → "0.5 min". */
const minutesOf = (seconds: FindingArg | undefined): string => `${Number(seconds) / 60} min`;
/** Milliseconds as minutes to the hundredth, as the reconciliation's tables show them: 330 000 → 5.5. */
const minutesMs = (ms: FindingArg | undefined): number => Math.round(Number(ms) / 600) / 100;

/** Why our figure and the vendor's differ, and what keeps a reconciliation from being made. */
export const RECONCILE_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  RECONCILE_CALENDAR: (a) =>
    `the vendor counts on ${a.theirs === '24x7' ? 'a 24x7 clock' : `calendar ${a.theirs}`}, not ${a.ours === '24x7' ? 'a 24x7 clock' : `calendar ${a.ours}`}`,
  RECONCILE_HOLIDAYS: (a) => `the vendor's calendar has no holidays (ours, ${a.calendar}, closes on them)`,
  RECONCILE_ZONE: (a) => `the vendor keeps calendar ${a.calendar}'s hours in ${a.theirs}, not ${a.ours}`,
  RECONCILE_NO_PAUSES: (a) => `the vendor's clock does not pause in ${list(a.statuses)}`,
  RECONCILE_PAUSE_STATUS: (a) => `the vendor's clock pauses while the ticket is "${a.status}"`,
  RECONCILE_INTERNAL_REPLY: () => 'the vendor counts an internal note as the first reply',
  RECONCILE_OPENING_COMMENT: () => "the vendor counts the ticket's opening comment (an agent's) as the first reply",
  RECONCILE_PRIORITY_AT_CREATION: (a) =>
    `the vendor judges the priority at creation (${a.theirs}), not the reclassified one (${a.ours})`,
  RECONCILE_CLOCK_AT_ASSIGNMENT: () => "the vendor's clock starts at the first assignment, not at creation",
  RECONCILE_UNEXPLAINED: () => 'unexplained: no convention tried alone closes the difference',
  RECONCILE_ROUNDING: () =>
    'whole-minute rounding: the times are to the minute on one side, to the second on the other',
  RECONCILE_TARGET_DIFFERS: (a) =>
    `the same time, judged ${a.verdict} by the vendor against another target than ours (${a.target})`,
  RECONCILE_RULE_MAINTENANCE: () => 'the vendor does not set maintenance apart: outages in maintenance windows count',
  RECONCILE_RULE_MINIMUM_OUTAGE: (a) =>
    `the vendor counts outages shorter than our minimum of ${minutesOf(a.minimumSeconds)}`,
  RECONCILE_RULE_ZONES: (a) =>
    `the vendor counts downtime while any one service is down, not only while ${a.servicesDown} are at once`,
  RECONCILE_RULE_BUCKETS: (a) =>
    `the vendor counts the outages as logged, not in whole buckets of ${minutesOf(a.bucketSeconds)}`,
  RECONCILE_RULE_NO_DATA: (a) =>
    `the vendor ${a.theirs === 'down' ? 'counts time without data as down' : 'leaves time without data out'} (ours: ${a.ours === 'exclude' ? 'left out' : `as ${a.ours}`})`,
  RECONCILE_VENDOR_UNREADABLE: (a) => `cannot read the vendor's file (${a.reason})`,
  RECONCILE_VENDOR_FORMAT_UNKNOWN: (a) => `not a vendor export sla-audit reads (columns: ${list(a.columns)})`,
  RECONCILE_UNKNOWN_UNIT: (a) =>
    a.value === undefined
      ? `column "${a.column}" holds a computed time in a unit it does not state: it is not read as minutes by guess`
      : `${a.column} "${a.value}" is in no unit sla-audit knows (expected "2 Hours 5 Minutes" or "1970-01-01 02:05:00"): not read by guess`,
  RECONCILE_BAD_FIGURE: (a) => `${a.column}: "${a.value}" is not a figure`,
  RECONCILE_NEEDS_ZONE: (a) => `"${a.column}" is a time without a zone`,
  RECONCILE_UNKNOWN_STATUS: (a) =>
    `ticket ${a.ticket}: the helpdesk's status "${a.value}" is no verdict sla-audit knows (expected "Within SLA", "SLA Violated" or JSM's h:mm): not read as met or breached by guess`,
  RECONCILE_OURS_UNDECIDED: (a) =>
    `undecided: ours is ${a.mostMs === undefined ? `at least ${minutesMs(a.leastMs)} min` : `${minutesMs(a.leastMs)}–${minutesMs(a.mostMs)} min`}: ${
      [
        a.acrossNoData === true ? 'outages interrupted by no data may be one that reaches the minimum outage' : '',
        a.dailyTotals === true ? 'daily totals do not say when in the day their minutes fell' : '',
      ]
        .filter((w) => w !== '')
        .join('; ') || 'the evidence leaves the verdict open'
    }`,
  RECONCILE_STATEMENT_FIGURE: (a) =>
    `an availability statement gives exactly one of downtime_minutes, downtime_seconds or availability_percent (got: ${list(a.columns) || 'none'})`,
  RECONCILE_STATEMENT_DUPLICATE: (a) => `${a.service} ${a.month} is stated twice (first on line ${a.first})`,
  RECONCILE_NO_SHARED_SERVICES: (a) =>
    `the vendor's statement ${a.theirs} names no service and period of ${a.ours} (${list(a.periods)}): ours are ${list(a.ourServices) || 'none'}, theirs ${list(a.theirServices) || 'none'}`,
  RECONCILE_NO_SHARED_IDS: (a) =>
    `the vendor's file ${a.theirs} shares no ticket id with ${a.ours} (${list(a.periods)}): ours are ${list(a.ourIds) || 'none'}, theirs ${list(a.theirIds) || 'none'}`,
});
