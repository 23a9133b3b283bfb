import { maxOf } from '../../core/lists.js';
import { SUPPORTED_FROM_MS, SUPPORTED_TO_MS } from '../../core/time/calendar.js';
import { textLines } from './text-formats.js';
import { TimestampReader, UPTIME_TIMESTAMP, failureDetail, whyOf } from './timestamp-reader.js';
import {
  OK,
  refused,
  type Identified,
  type Problem,
  type ReadContext,
  type UptimeReader,
  type UptimeSample,
} from './uptime-reader.js';
import { emptyEvidence, type FileEvidence, type PeriodKind } from './uptime-records.js';

/** A Nagios Core log line, or an Icinga 2 compat log line: `[epoch seconds] TEXT`. */
const NAGIOS_LINE = /^\[(\d{1,12})\] (.*)$/;
/**
 * The same line stamped with a text date, `[Tue Jan 12 00:05:02 2016]`: ctime's form, as Shinken
 * writes with human_timestamp_log and as log shippers rewrite the epoch. The host's local time.
 */
const TEXT_LINE =
  /^\[((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2} \d{4})\] (.*)$/;
const TEXT_DATE = 'EEE MMM d HH:mm:ss yyyy';
/** Any other bracketed stamp before a log line's text: a Nagios-like log this reader cannot date. */
const OTHER_STAMP = /^\[([^\]]{1,40})\] \S/;

/** Nagios Core's log (Icinga 2's compat log alike), with its archives one history. */
export const nagiosReader: UptimeReader = {
  name: 'nagios',
  containers: ['log'],
  identify: (s) => identifyLog(s),
  read: (s, ctx) => readLog(s, ctx),
};

function identifyLog(s: UptimeSample): Identified {
  if (s.container !== 'log') return refused('not a log of [timestamp] lines');
  const line = s.firstLine.replace(/^\uFEFF/, '').trimStart();
  if (NAGIOS_LINE.test(line) || TEXT_LINE.test(line)) return OK;
  const other = OTHER_STAMP.exec(line);
  if (other)
    return refused(
      `the timestamps are [${other[1]}]: neither epoch seconds nor a text date such as [Tue Jan 12 00:05:02 2016]`,
    );
  return refused('the first line is not [epoch seconds] TEXT');
}

async function readLog(s: UptimeSample, ctx: ReadContext): Promise<NagiosLog> {
  if (s.container !== 'log') throw new Error('the Nagios reader reads logs');
  const nagios = await readNagiosLog(s.chunks, ctx.problem, () => ctx.row(), ctx.file, ctx.opts.inputTz);
  if (nagios.warnings + nagios.unknowns > 0) {
    ctx.warn({
      code: 'UPTIME_NAGIOS_STATES',
      file: ctx.file,
      args: { warnings: nagios.warnings, unknowns: nagios.unknowns },
    });
  }
  if (nagios.adjusted > 0)
    ctx.warn({
      code: 'UPTIME_DST_ADJUSTED',
      file: ctx.file,
      args: { times: nagios.adjusted, zone: String(ctx.opts.inputTz) },
    });
  return nagios;
}

/**
 * What each state means for availability. Nagios itself only reports time
 * per state: DOWN and UNREACHABLE (hosts) and CRITICAL (services) are down;
 * WARNING passes its check's critical threshold, so it is up; UNKNOWN says
 * the check could not tell, so it is no data.
 */
const STATES = new Map<string, boolean | null>([
  ['up', true],
  ['ok', true],
  ['warning', true],
  ['down', false],
  ['unreachable', false],
  ['critical', false],
  ['unknown', null],
  // A host state Nagios itself could not tell (its logs write "(unknown)"): no data, as UNKNOWN.
  ['(unknown)', null],
]);

const STATE_LINE = /^(?:(?:CURRENT|INITIAL) )?(HOST|SERVICE) (?:ALERT|STATE): (.*)$/;
const DOWNTIME_LINE = /^(HOST|SERVICE) DOWNTIME ALERT: (.*)$/;
/** Nagios stopping: "Caught SIGTERM, shutting down...", "Successfully shutdown...". ("Bailing out" is a second instance failing to start: the running one goes on.) */
const STOP = /shutting down\.\.\.|Successfully shutdown/;
const START = / starting\.\.\./;

type NagiosEvent =
  | { t: number; kind: 'state'; object: string; up: boolean | null }
  | { t: number; kind: 'downtime'; object: string; host: boolean; started: boolean; line: number }
  | { t: number; kind: 'stop' | 'start' };

/** One log file's events, to be put in time order with its archives'. */
export interface NagiosLog {
  events: NagiosEvent[];
  /** The last instant any line speaks for: the log says nothing after it. */
  lastT: number;
  /** Hard WARNING and UNKNOWN states read: the report says how they were counted. */
  warnings: number;
  unknowns: number;
  /** Text dates read by the DST rule (a repeated or skipped local time). */
  adjusted: number;
}

/** A Nagios Core (or Icinga 2 compat) log file's events: hard states, scheduled downtime, stops and starts. */
export async function readNagiosLog(
  chunks: AsyncIterable<string | Buffer>,
  problem: Problem,
  onRow: () => void,
  file = '-',
  inputTz: string | null = null,
): Promise<NagiosLog> {
  const log: NagiosLog = { events: [], lastT: -Infinity, warnings: 0, unknowns: 0, adjusted: 0 };
  // Made at the first text date: an epoch log needs no zone.
  let times: TimestampReader | null = null;
  for await (const { line, text } of textLines(chunks, file)) {
    if (text.trim() === '') continue;
    onRow();
    const body = text.replace(/^\uFEFF/, '');
    let m = NAGIOS_LINE.exec(body);
    let t: number;
    if (m) {
      t = Number(m[1]) * 1000;
      if (t < SUPPORTED_FROM_MS || t >= SUPPORTED_TO_MS) {
        problem(
          line,
          'UPTIME_LOG_TIME_OUT_OF_RANGE',
          { stamp: m[1]! },
          { hint: 'check the line: Nagios writes Unix seconds' },
        );
        continue;
      }
    } else if ((m = TEXT_LINE.exec(body))) {
      times ??= new TimestampReader(
        inputTz,
        [TEXT_DATE],
        'en',
        new Map(),
        "a Nagios log's text dates are the monitoring host's local time",
      );
      const stamp = m[1]!.replace(/ +/g, ' ');
      t = times.ms(stamp);
      if (Number.isNaN(t)) {
        const f = times.failure(stamp);
        problem(
          line,
          UPTIME_TIMESTAMP[f.problem],
          { at: `[${m[1]}]`, ...whyOf(f) },
          {
            ...failureDetail(m[1]!, f),
            expected: `${TEXT_DATE} (the host's local time)`,
          },
        );
        continue;
      }
    } else {
      const other = OTHER_STAMP.exec(body);
      problem(line, other ? 'UPTIME_BAD_LINE_STAMP' : 'UPTIME_BAD_LINE', other ? { stamp: other[1]! } : {}, {
        expected: '[epoch seconds] TEXT or [Tue Jan 12 00:05:02 2016] TEXT',
        got: JSON.stringify(text.slice(0, 80)),
      });
      continue;
    }
    log.lastT = Math.max(log.lastT, t);
    const state = STATE_LINE.exec(m[2]!);
    if (state) {
      const host = state[1] === 'HOST';
      const f = state[2]!.split(';');
      const [object, word, type] = host ? [f[0]!, f[1], f[2]] : [`${f[0]}/${f[1] ?? ''}`, f[2], f[3]];
      const up = STATES.get((word ?? '').trim().toLowerCase());
      const expected = host
        ? 'host;UP, DOWN or UNREACHABLE;HARD or SOFT;…'
        : 'host;service;OK, WARNING, CRITICAL or UNKNOWN;HARD or SOFT;…';
      if (f[0]!.trim() === '' || (!host && (f[1] ?? '').trim() === '')) {
        problem(
          line,
          'UPTIME_STATE_NO_NAME',
          { kind: state[1]!.toLowerCase(), missing: f[0]!.trim() === '' ? 'host' : 'service' },
          { expected, got: JSON.stringify(state[2]!.slice(0, 80)) },
        );
        continue;
      }
      if (up === undefined || (type !== 'HARD' && type !== 'SOFT')) {
        problem(
          line,
          'UPTIME_NOT_A_NAGIOS_STATE',
          { kind: state[1]!.toLowerCase() },
          { expected, got: JSON.stringify(state[2]!.slice(0, 80)) },
        );
        continue;
      }
      // Soft states are retries before a state is confirmed (avail.cgi leaves them out too).
      if (type === 'SOFT') continue;
      if (word!.trim().toUpperCase() === 'WARNING') log.warnings++;
      if (up === null) log.unknowns++;
      log.events.push({ t, kind: 'state', object, up });
      continue;
    }
    const downtime = DOWNTIME_LINE.exec(m[2]!);
    if (downtime) {
      const host = downtime[1] === 'HOST';
      const f = downtime[2]!.split(';');
      const what = (host ? f[1] : f[2])?.trim();
      if (what === 'STARTED' || what === 'STOPPED' || what === 'CANCELLED')
        log.events.push({
          t,
          kind: 'downtime',
          object: host ? f[0]! : `${f[0]}/${f[1]}`,
          host,
          started: what === 'STARTED',
          line,
        });
      continue;
    }
    if (STOP.test(m[2]!)) log.events.push({ t, kind: 'stop' });
    else if (START.test(m[2]!)) log.events.push({ t, kind: 'start' });
  }
  if (times !== null) log.adjusted = times.adjusted.overlap + times.adjusted.gap;
  return log;
}

/**
 * A log and its archives, in time order, as the evidence of hosts ("host")
 * and services ("host/service"): each hard state holds until the next, the
 * last until the log's last line (after it the log says nothing); UNKNOWN is
 * no data. Scheduled downtime, from STARTED to STOPPED or CANCELLED, is
 * maintenance — a host's for its services too. From a shutdown to the next
 * start, or the next state logged, nothing was monitored: no data; after it
 * each state resumes (Nagios retains them).
 */
export function nagiosEvidence(logs: readonly NagiosLog[]): FileEvidence {
  const e = emptyEvidence('observed');
  const events = logs.flatMap((l) => l.events).sort((a, b) => a.t - b.t);
  const end = maxOf(logs.map((l) => l.lastT));
  const current = new Map<string, { up: boolean | null; since: number }>();
  let running = true;
  const close = (object: string, t: number) => {
    const c = current.get(object)!;
    const kind: PeriodKind = c.up === null ? 'nodata' : c.up ? 'up' : 'outage';
    if (running && t > c.since && kind !== 'nodata')
      e.periods.push({ service: object, start: c.since, end: t, kind, reason: null, line: 1 });
    c.since = t;
  };
  const open = new Map<string, { t: number; host: boolean; line: number }>();
  const downtimes: Array<{ object: string; host: boolean; start: number; end: number; line: number }> = [];
  for (const ev of events) {
    if (ev.kind === 'state') {
      if (!running) {
        running = true;
        for (const c of current.values()) c.since = ev.t;
      }
      if (current.has(ev.object)) close(ev.object, ev.t);
      current.set(ev.object, { up: ev.up, since: ev.t });
    } else if (ev.kind === 'stop' && running) {
      for (const object of current.keys()) close(object, ev.t);
      running = false;
    } else if (ev.kind === 'start' && !running) {
      running = true;
      for (const c of current.values()) c.since = ev.t;
    } else if (ev.kind === 'downtime') {
      const o = open.get(ev.object);
      if (ev.started && !o) open.set(ev.object, { t: ev.t, host: ev.host, line: ev.line });
      else if (!ev.started && o) {
        downtimes.push({ object: ev.object, host: o.host, start: o.t, end: ev.t, line: o.line });
        open.delete(ev.object);
      }
    }
  }
  for (const object of current.keys()) close(object, end);
  // Every host and service the log names is reported, one with only UNKNOWN states too: as no data, never dropped
  // (a dropped one leaves the platform's row met on the others alone).
  e.named = new Set(current.keys());
  for (const [object, o] of open)
    downtimes.push({ object, host: o.host, start: o.t, end: Math.max(o.t, end), line: o.line });
  for (const d of downtimes) {
    const objects = d.host
      ? [...current.keys()].filter((o) => o === d.object || o.startsWith(`${d.object}/`))
      : [d.object];
    for (const service of objects.length > 0 ? objects : [d.object])
      e.periods.push({
        service,
        start: d.start,
        end: d.end,
        kind: 'maintenance',
        reason: 'scheduled downtime',
        line: d.line,
      });
  }
  return e;
}
