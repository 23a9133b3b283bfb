import type { FindingArg } from '../../../core/issues.js';
import { ZoneOffsets } from '../../../core/time/zone.js';
import { NO_OFFSET, OUT_OF_RANGE, refusals } from './input-records.js';
import { items, list, type Wording } from './args.js';

/** Service names as JSON strings, and how many more there are: "a", "b", and 3 more. */
const services = (names: FindingArg | undefined, more: FindingArg | undefined): string =>
  items(names)
    .map((s) => JSON.stringify(s))
    .join(', ') + (Number(more) > 0 ? `, and ${more} more` : '');

/** Silent spans of a stated coverage, in its zone's wall time: "web 2026-10-01 00:00 → 2026-10-02 00:00". */
function silentSpans(a: Parameters<Wording>[0]): string {
  const offsets = new ZoneOffsets(String(a.zone));
  const local = (iso: FindingArg | undefined) => {
    const ms = Date.parse(String(iso));
    const s = new Date(ms + offsets.offset(ms)).toISOString();
    return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  };
  const to = items(a.to);
  const silent = items(a.silent);
  const named = items(a.services).length > 1;
  const spans = items(a.from).map((from, i) => `${named ? `${silent[i]} ` : ''}${local(from)} → ${local(to[i])}`);
  return spans.join(', ') + (Number(a.more) > 0 ? `, and ${a.more} more` : '');
}

/** A container as a preset's refusal names it. */
const CONTAINERS: ReadonlyMap<FindingArg, string> = new Map([
  ['csv', 'a CSV file'],
  ['json', 'a JSON document'],
  ['ndjson', 'NDJSON'],
  ['log', 'a log of [timestamp] lines'],
]);

/** The sentences of the problems of uptime logs, and of what reading them found. */
export const UPTIME_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  UPTIME_BAD_TIMESTAMP: (a) => `${a.at}: bad timestamp: ${a.why}`,
  UPTIME_TIMESTAMP_NO_OFFSET: (a) => `${a.at}: ${NO_OFFSET}`,
  UPTIME_TIMESTAMP_OUT_OF_RANGE: (a) => `${a.at}: ${OUT_OF_RANGE}`,
  UPTIME_NAGIOS_STATES: (a) => {
    const counted = [
      Number(a.warnings) > 0 ? `${a.warnings} hard WARNING state(s) as up` : '',
      Number(a.unknowns) > 0 ? `${a.unknowns} UNKNOWN as no data` : '',
    ].filter((c) => c !== '');
    return `counted ${counted.join(' and ')}: Nagios reports time per state, and only DOWN, UNREACHABLE and CRITICAL are read as down`;
  },
  UPTIME_EMERGENCY_MAINTENANCE: (a) =>
    `counted ${a.records} maintenance record(s) as outages (the first: line ${a.line}): their own reason says emergency, unplanned, unscheduled, unannounced or non-scheduled, and emergency maintenance is an outage`,
  UPTIME_DST_ADJUSTED: (a) =>
    `${a.times} local time(s) that occur twice or not at all were read by the DST rule (the first occurrence; moved forward by the gap) (${a.zone})`,
  UPTIME_LOG_TIME_OUT_OF_RANGE: (a) => `[${a.stamp}] is outside the years 1900–2199`,
  UPTIME_BAD_LINE: () => 'not a Nagios log line',
  UPTIME_BAD_LINE_STAMP: (a) =>
    `not a Nagios log line: the timestamp [${a.stamp}] is neither epoch seconds nor a text date`,
  UPTIME_STATE_NO_NAME: (a) => `${a.kind} state: no ${a.missing} name`,
  UPTIME_NOT_A_NAGIOS_STATE: (a) => `${a.kind} state: not a Nagios state`,
  INPUT_RESERVED_SERVICE: () => 'a service is named "all", the name of the combined row of every service',
  INPUT_XML: () => 'an uptime log in XML is not read',
  UPTIME_DAILY_TOTALS: (a) =>
    `the log gives minutes down per UTC day: each UTC day's downtime is exact, but not when in the day it fell, so outage times, incident association and downtime by bucket do not rest on it; a day's minutes count in a billing month, or as outages reaching a minimum outage, only as far as they must (the rest is a bound: UPTIME_DAILY_TOTALS_UNDECIDED)${a.billingZone === 'UTC' ? '' : `; billed in ${a.billingZone}, the UTC days at a month's edges may belong in part to the month before or after`}`,
  UPTIME_DAILY_TOTALS_UNDECIDED: (a) => {
    const best = items(a.best);
    const worst = items(a.worst);
    const range = items(a.services)
      .map((s, i) => `${s} ${Number(worst[i]).toFixed(3)}% to ${Number(best[i]).toFixed(3)}%`)
      .join(', ');
    const days = list(a.days) + (Number(a.more) > 0 ? `, and ${a.more} more` : '');
    return `the minutes down per UTC day of ${days} may fall in ${a.period} or out of it (${a.zone}), as one outage or many: read the least and the most they may count, the availability lies between (${range}), and the verdict (or the credit's band) cannot be decided`;
  },
  UPTIME_COVERAGE_NOT_STATED: (a) =>
    `the log lists only minutes down per day: it does not say since when each service was watched, so outside the days it lists availability is unknown for ${services(a.services, a.more)} unless the contract states availability.coverage`,
  UPTIME_STATED_COVERAGE_SILENT: (a) =>
    `the contract's availability.coverage does not fill the silence of probe samples, heartbeats or state logs: they cover only what they record, and ${services(a.services, 0)} ${items(a.services).length === 1 ? 'is' : 'are'} silent in the stated months: ${silentSpans(a)} (${a.zone}), which stay no data`,
  UPTIME_MAP_NO_COLUMN: (a) => `uptime.columns.${a.column}: "${a.name}" matches no column`,
  UPTIME_STATUS_NOT_MAPPED: () => 'status: not a word the map names',
  UPTIME_BAD_STATUS: () => 'status: not a probe result',
  UPTIME_END_BEFORE_START: () => 'the interval ends before it starts',
  UPTIME_BAD_KIND: (a) => `kind: unknown interval kind "${a.kind}"`,
  UPTIME_NO_MONITOR: () => 'monitor_id: empty',
  UPTIME_NOT_A_DATE_TIME: (a) => `${a.at}: not a date and time`,
  UPTIME_NOT_A_KUMA_STATUS: () => 'status: not an Uptime Kuma status',
  UPTIME_NOT_HEARTBEATS: (a) => `heartbeatList["${a.monitor}"]: not a list of heartbeats`,
  UPTIME_BAD_DURATION: () => 'Duration: not a duration',
  UPTIME_DURATION_DISAGREES: (a) =>
    `Duration "${a.duration}" runs past the monitor's next event (${a.next}): the log contradicts itself, so this row's time is no data`,
  UPTIME_UNKNOWN_STATE: (a) => `${a.at === undefined ? '' : `${a.at}: `}${a.field}: not a state this export writes`,
  UPTIME_SERVICES_ALIKE: (a) =>
    `services named alike but for case (${list(a.names)}) are read as one service, ${a.as}: their evidence is not split${Number(a.more) > 0 ? ` (and ${a.more} more such name(s))` : ''}`,
  UPTIME_CONFLICTING_SAMPLES: (a) =>
    `${a.service}: ${a.count} instant(s) with samples that disagree (up and down at once; first ${a.first}): no data there, not decided by row order`,
  UPTIME_STATE_HELD: (a) =>
    `${a.service}: the state log's last line is at ${a.last}: its state (${a.up ? 'up' : 'down'}) is taken to hold until --as-of ${a.asOf}, through all of ${a.month} and after, without a line`,
  UPTIME_NOT_SECONDS: (a) => `${a.at}: ${a.field}: not a number of seconds`,
  UPTIME_NO_PERIODS: () => 'this is a StatusCake test-details response: it has an uptime figure but no outage periods',
  UPTIME_BAD_PROMETHEUS: (a) => `resultType is "${a.resultType}"`,
  UPTIME_PROMETHEUS_NO_VALUES: () => 'a series without "values"',
  UPTIME_NOT_UNIX_TIME: (a) => `series ${a.series}: not a Unix timestamp`,
  UPTIME_BAD_DAILY_TOTAL: (a) => `${a.service}: "${a.day}": ${a.minutes} is not a day's minutes down`,
  UPTIME_BAD_FLIP: (a) => `flip at ${a.timestamp}: "up" is ${a.up}`,
  UPTIME_AMBIGUOUS: (a) => `more than one uptime reader reads this file: ${list(a.readers)}`,
  UPTIME_UNKNOWN_FORMAT: (a) => `not an uptime log any reader reads — ${refusals(a)}`,
  UPTIME_NO_SUCH_PRESET: (a) => `not what --preset ${a.preset} reads: no such uptime preset`,
  UPTIME_PRESET_CONTAINER: (a) =>
    `not what --preset ${a.preset} reads: it reads ${items(a.reads)
      .map((c) => CONTAINERS.get(c))
      .join(' or ')}, and this is ${CONTAINERS.get(a.container ?? '')}`,
  UPTIME_NOT_THE_PRESET: (a) => `not what --preset ${a.preset} reads: ${a.reason}`,
});
