import type { Issue } from '../../core/issues.js';
import { textLines } from './text-formats.js';
import { addSample, emptyEvidence, type FileEvidence } from './uptime-records.js';

type Problem = (line: number, code: string, message: string, detail?: Partial<Issue>) => void;

/** A Nagios Core log line, or an Icinga 2 compat log line: `[epoch seconds] TEXT`. */
export const NAGIOS_LINE = /^\[(\d{1,12})\] (.*)$/;

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

export interface NagiosRead {
  evidence: FileEvidence;
  /** How many hard WARNING and UNKNOWN states were read: the report says how they were counted. */
  warnings: number;
  unknowns: number;
}

/**
 * A Nagios Core (or Icinga 2 compat) log: hard state changes of hosts
 * ("host") and services ("host/service") as a state-change log — each state
 * holds until the next, the last until as-of; soft states are retries, not
 * states (as avail.cgi reads them by default). Scheduled downtime, from
 * STARTED to STOPPED or CANCELLED, is maintenance — a host's for its services
 * too. From a shutdown ("shutting down", "Bailing out") to the next start
 * nothing was monitored: no data; after it each state resumes.
 */
export async function readNagiosLog(chunks: AsyncIterable<string | Buffer>, problem: Problem, asOf: number, onRow: () => void): Promise<NagiosRead> {
  const e = emptyEvidence('periods');
  e.stateChanges = true;
  const last = new Map<string, boolean | null>();
  const downtimeFrom = new Map<string, { t: number; line: number }>();
  const downtimes: Array<{ object: string; host: boolean; start: number; end: number; line: number }> = [];
  const read: NagiosRead = { evidence: e, warnings: 0, unknowns: 0 };
  let stopped = false;
  const resume = (t: number) => {
    stopped = false;
    for (const [object, up] of last) addSample(e, object, t, up);
  };
  for await (const { line, text } of textLines(chunks)) {
    if (text.trim() === '') continue;
    onRow();
    const m = NAGIOS_LINE.exec(text);
    if (!m) {
      problem(line, 'UPTIME_BAD_LINE', 'not a Nagios log line', { expected: '[epoch seconds] TEXT', got: JSON.stringify(text.slice(0, 80)) });
      continue;
    }
    const t = Number(m[1]) * 1000;
    const body = m[2]!;
    const state = STATE_LINE.exec(body);
    if (state) {
      const host = state[1] === 'HOST';
      const f = state[2]!.split(';');
      const [object, word, type] = host ? [f[0]!, f[1], f[2]] : [`${f[0]}/${f[1]}`, f[2], f[3]];
      const up = STATES.get((word ?? '').trim().toLowerCase());
      if (up === undefined || (type !== 'HARD' && type !== 'SOFT')) {
        problem(line, 'UPTIME_BAD_STATUS', `${state[1]!.toLowerCase()} state: not a Nagios state`, { expected: host ? 'UP, DOWN or UNREACHABLE; HARD or SOFT' : 'OK, WARNING, CRITICAL or UNKNOWN; HARD or SOFT', got: JSON.stringify(`${word};${type}`) });
        continue;
      }
      if (type === 'SOFT') continue;
      if (word!.toUpperCase() === 'WARNING') read.warnings++;
      if (up === null) read.unknowns++;
      // A state logged after a stop shows monitoring running again (a start line can be missing from an excerpt).
      if (stopped) resume(t);
      last.set(object, up);
      addSample(e, object, t, up);
      continue;
    }
    const downtime = DOWNTIME_LINE.exec(body);
    if (downtime) {
      const host = downtime[1] === 'HOST';
      const f = downtime[2]!.split(';');
      const object = host ? f[0]! : `${f[0]}/${f[1]}`;
      const what = (host ? f[1] : f[2])?.trim();
      const open = downtimeFrom.get(object);
      if (what === 'STARTED' && !open) downtimeFrom.set(object, { t, line });
      else if ((what === 'STOPPED' || what === 'CANCELLED') && open) {
        downtimes.push({ object, host, start: open.t, end: t, line: open.line });
        downtimeFrom.delete(object);
      }
      continue;
    }
    if (/shutting down\.\.\.|Successfully shutdown|Bailing out/.test(body)) {
      if (!stopped) for (const object of last.keys()) addSample(e, object, t, null);
      stopped = true;
    } else if (/ starting\.\.\./.test(body) && stopped) resume(t);
  }
  for (const [object, open] of downtimeFrom) downtimes.push({ object, host: !object.includes('/'), start: open.t, end: Math.max(open.t, asOf), line: open.line });
  for (const d of downtimes) {
    const objects = d.host ? [...last.keys()].filter((o) => o === d.object || o.startsWith(`${d.object}/`)) : [d.object];
    for (const service of objects.length > 0 ? objects : [d.object]) e.periods.push({ service, start: d.start, end: d.end, kind: 'maintenance', reason: 'scheduled downtime', line: d.line });
  }
  return read;
}
