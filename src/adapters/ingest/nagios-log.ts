import type { Issue } from '../../core/issues.js';
import { maxOf } from '../../core/lists.js';
import { SUPPORTED_FROM_MS, SUPPORTED_TO_MS } from '../../core/time/calendar.js';
import { textLines } from './text-formats.js';
import { emptyEvidence, type FileEvidence, type PeriodKind } from './uptime-records.js';

type Problem = (line: number, code: string, message: string, detail?: Partial<Issue>) => void;

/** A Nagios Core log line, or an Icinga 2 compat log line: `[epoch seconds] TEXT`. */
const NAGIOS_LINE = /^\[(\d{1,12})\] (.*)$/;

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
}

/** A Nagios Core (or Icinga 2 compat) log file's events: hard states, scheduled downtime, stops and starts. */
export async function readNagiosLog(chunks: AsyncIterable<string | Buffer>, problem: Problem, onRow: () => void, file = '-'): Promise<NagiosLog> {
  const log: NagiosLog = { events: [], lastT: -Infinity, warnings: 0, unknowns: 0 };
  for await (const { line, text } of textLines(chunks, file)) {
    if (text.trim() === '') continue;
    onRow();
    const m = NAGIOS_LINE.exec(text.replace(/^\uFEFF/, ''));
    if (!m) {
      problem(line, 'UPTIME_BAD_LINE', 'not a Nagios log line', { expected: '[epoch seconds] TEXT', got: JSON.stringify(text.slice(0, 80)) });
      continue;
    }
    const t = Number(m[1]) * 1000;
    if (t < SUPPORTED_FROM_MS || t >= SUPPORTED_TO_MS) {
      problem(line, 'UPTIME_BAD_TIMESTAMP', `[${m[1]}] is outside the years 1900–2199`, { hint: 'check the line: Nagios writes Unix seconds' });
      continue;
    }
    log.lastT = Math.max(log.lastT, t);
    const body = m[2]!;
    const state = STATE_LINE.exec(body);
    if (state) {
      const host = state[1] === 'HOST';
      const f = state[2]!.split(';');
      const [object, word, type] = host ? [f[0]!, f[1], f[2]] : [`${f[0]}/${f[1] ?? ''}`, f[2], f[3]];
      const up = STATES.get((word ?? '').trim().toLowerCase());
      const expected = host ? 'host;UP, DOWN or UNREACHABLE;HARD or SOFT;…' : 'host;service;OK, WARNING, CRITICAL or UNKNOWN;HARD or SOFT;…';
      if (f[0]!.trim() === '' || (!host && (f[1] ?? '').trim() === '')) {
        problem(line, 'UPTIME_BAD_STATUS', `${state[1]!.toLowerCase()} state: no ${f[0]!.trim() === '' ? 'host' : 'service'} name`, { expected, got: JSON.stringify(state[2]!.slice(0, 80)) });
        continue;
      }
      if (up === undefined || (type !== 'HARD' && type !== 'SOFT')) {
        problem(line, 'UPTIME_BAD_STATUS', `${state[1]!.toLowerCase()} state: not a Nagios state`, { expected, got: JSON.stringify(state[2]!.slice(0, 80)) });
        continue;
      }
      // Soft states are retries before a state is confirmed (avail.cgi leaves them out too).
      if (type === 'SOFT') continue;
      if (word!.trim().toUpperCase() === 'WARNING') log.warnings++;
      if (up === null) log.unknowns++;
      log.events.push({ t, kind: 'state', object, up });
      continue;
    }
    const downtime = DOWNTIME_LINE.exec(body);
    if (downtime) {
      const host = downtime[1] === 'HOST';
      const f = downtime[2]!.split(';');
      const what = (host ? f[1] : f[2])?.trim();
      if (what === 'STARTED' || what === 'STOPPED' || what === 'CANCELLED') log.events.push({ t, kind: 'downtime', object: host ? f[0]! : `${f[0]}/${f[1]}`, host, started: what === 'STARTED', line });
      continue;
    }
    if (STOP.test(body)) log.events.push({ t, kind: 'stop' });
    else if (START.test(body)) log.events.push({ t, kind: 'start' });
  }
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
    if (running && t > c.since && kind !== 'nodata') e.periods.push({ service: object, start: c.since, end: t, kind, reason: null, line: 1 });
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
  for (const [object, o] of open) downtimes.push({ object, host: o.host, start: o.t, end: Math.max(o.t, end), line: o.line });
  for (const d of downtimes) {
    const objects = d.host ? [...current.keys()].filter((o) => o === d.object || o.startsWith(`${d.object}/`)) : [d.object];
    for (const service of objects.length > 0 ? objects : [d.object]) e.periods.push({ service, start: d.start, end: d.end, kind: 'maintenance', reason: 'scheduled downtime', line: d.line });
  }
  return e;
}
