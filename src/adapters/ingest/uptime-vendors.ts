import { arrayElementLines } from './json-lines.js';
import { TimestampReader, UPTIME_TIMESTAMP, whyOf, type TimestampResult } from './timestamp-reader.js';
import {
  counted,
  docOf,
  isObject,
  OK,
  refused,
  type Identified,
  type Json,
  type Problem,
  type UptimeReader,
  type UptimeSample,
} from './uptime-reader.js';
import { uptimeRobotCsv } from './uptime-uptimerobot.js';
import { addSample, emptyEvidence, type FileEvidence, type PeriodKind } from './uptime-records.js';

/**
 * Vendor JSON shapes of uptime evidence: each reader identifies its own
 * shape and reads it (its function returns null when the document is not of
 * its shape, which identify has ruled out).
 */
const jsonText = (s: UptimeSample): string => (s.container === 'json' ? s.text : '');
const when = (yes: boolean, reason: string): Identified => (yes ? OK : refused(reason));
const listOf = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);

export const prometheusReader: UptimeReader = {
  name: 'prometheus',
  containers: ['json'],
  identify: (s) => {
    const d = docOf(s);
    return when(
      isObject(d) && isObject(d.data) && Array.isArray(d.data.result),
      'no data.result (a query_range response)',
    );
  },
  read: (s, ctx) => counted(prometheus(docOf(s), jsonText(s), ctx.problem)!, ctx),
};

/** The dashboard log export (CSV) and API v2 getMonitors (JSON). */
export const uptimeRobotReader: UptimeReader = {
  name: 'uptimerobot',
  containers: ['csv', 'json'],
  identify: (s) => {
    if (s.container === 'csv')
      return when(
        UPTIMEROBOT_EVENTS.test(s.header.cells[0]!.trim()) ||
          (s.names.includes('event') && s.names.includes('duration')),
        'no Event and Duration columns',
      );
    const d = docOf(s);
    return when(isObject(d) && Array.isArray(d.monitors), 'no monitors list (getMonitors)');
  },
  read: (s, ctx) =>
    s.container === 'csv' ? uptimeRobotCsv(s, ctx) : counted(uptimeRobotApi(docOf(s), ctx.problem)!, ctx),
};

export const pingdomReader: UptimeReader = {
  name: 'pingdom',
  containers: ['json'],
  identify: (s) => {
    const d = docOf(s);
    return when(isObject(d) && isObject(d.summary) && Array.isArray(d.summary.states), 'no summary.states');
  },
  read: (s, ctx) => counted(pingdom(docOf(s), ctx.serviceName, ctx.problem)!, ctx),
};

export const upptimeReader: UptimeReader = {
  name: 'upptime',
  containers: ['json'],
  identify: (s) => {
    const d = listOf(docOf(s));
    return when(
      d !== null && d.length > 0 && d.every((x) => isObject(x) && isObject(x.dailyMinutesDown)),
      'not a list of sites with dailyMinutesDown',
    );
  },
  read: (s, ctx) => counted(upptime(docOf(s), jsonText(s), ctx.problem)!, ctx),
};

export const healthchecksReader: UptimeReader = {
  name: 'healthchecks',
  containers: ['json'],
  identify: (s) => {
    const d = docOf(s);
    const list = isObject(d) ? listOf(d.flips) : listOf(d);
    return when(
      list !== null && list.length > 0 && list.every((f) => isObject(f) && 'timestamp' in f && 'up' in f),
      'no flips with timestamp and up',
    );
  },
  read: (s, ctx) =>
    counted(
      healthchecksFlips(docOf(s), new TimestampReader(ctx.opts.inputTz ?? 'UTC'), ctx.problem, ctx.serviceName)!,
      ctx,
    ),
};

export const betterStackReader: UptimeReader = {
  name: 'betterstack',
  containers: ['json'],
  identify: (s) => {
    const d = docOf(s);
    return when(
      isObject(d) && Array.isArray(d.data) && d.data.every((x) => isObject(x) && isObject(x.attributes)),
      'no data list of incidents with attributes',
    );
  },
  read: (s, ctx) =>
    counted(betterStack(docOf(s), new TimestampReader(ctx.opts.inputTz ?? 'UTC'), ctx.problem, ctx.opts.asOf)!, ctx),
};

const UPTIMEROBOT_EVENTS = /^(up|down|started|paused)$/i;

/** Prometheus' default lookback delta (--query.lookback-delta): a query_range value is the last scrape at most this old. */
const PROMETHEUS_LOOKBACK_MS = 300_000;

/** Prometheus HTTP API query_range (matrix): one probe series per label set; value ≥ 1 is up. */
export function prometheus(doc: unknown, text: string, problem: Problem): FileEvidence | null {
  const data = isObject(doc) && isObject(doc.data) ? doc.data : null;
  if (!data || !Array.isArray(data.result)) return null;
  if (data.resultType !== 'matrix') {
    problem(
      1,
      'UPTIME_BAD_PROMETHEUS',
      { resultType: String(data.resultType) },
      { expected: 'a query_range response (resultType "matrix")', hint: 'export with /api/v1/query_range' },
    );
    return emptyEvidence('observed');
  }
  const e = emptyEvidence('observed');
  e.sampleGaps = new Map();
  const lines = arrayElementLines(text, ['data', 'result']);
  const names = new Map<string, number>();
  data.result.forEach((series: unknown, i) => {
    const line = lines[i]?.[0] ?? 1;
    const s = isObject(series) ? series : {};
    const metric = isObject(s.metric) ? s.metric : {};
    const base = String(metric.instance ?? metric.job ?? metric.__name__ ?? 'series');
    const seen = names.get(base) ?? 0;
    names.set(base, seen + 1);
    const service = seen === 0 ? base : `${base}#${seen + 1}`;
    if (!Array.isArray(s.values)) {
      problem(line, 'UPTIME_PROMETHEUS_NO_VALUES', {}, { hint: 'export a range query, not an instant query' });
      return;
    }
    let previous: number | null = null;
    let step = Infinity;
    for (const v of s.values as unknown[]) {
      const [ts, value] = Array.isArray(v) ? v : [];
      const t = Number(ts) * 1000;
      const n = Number(value);
      if (!Number.isFinite(t)) {
        problem(line, 'UPTIME_NOT_UNIX_TIME', { series: service }, { got: JSON.stringify(ts) });
        continue;
      }
      // A range query answers every `step`: the smallest spacing is the step, and a longer one is missing samples (no data).
      // A value is one scrape's, found within the lookback delta: it never speaks for more of a longer step.
      if (previous !== null && t > previous) step = Math.min(step, Math.round(t) - previous, PROMETHEUS_LOOKBACK_MS);
      previous = Math.round(t);
      if (Number.isNaN(n)) continue; // stale marker: no sample
      addSample(e, service, Math.round(t), n >= 1);
    }
    if (Number.isFinite(step)) e.sampleGaps!.set(service, step);
  });
  return e;
}

/** UptimeRobot API v2 getMonitors with logs: 1 down, 2 up, 98 started, 99 paused, each with a duration. */
export function uptimeRobotApi(doc: unknown, problem: Problem): FileEvidence | null {
  if (!isObject(doc) || !Array.isArray(doc.monitors)) return null;
  const e = emptyEvidence('observed');
  for (const m of doc.monitors as unknown[]) {
    if (!isObject(m) || !Array.isArray(m.logs)) continue;
    const service = String(m.friendly_name ?? m.url ?? m.id);
    (m.logs as unknown[]).forEach((log, i) => {
      const at = `monitor ${service}, log ${i + 1}`;
      // A log this reader cannot place is an error, never time up: it may be the outage.
      const kind = isObject(log) ? UPTIMEROBOT_LOG_TYPES.get(String(log.type)) : undefined;
      if (!isObject(log) || kind === undefined) {
        problem(
          1,
          'UPTIME_UNKNOWN_STATE',
          { at, field: 'type' },
          {
            expected: '1 (down), 2 (up), 98 (started) or 99 (paused)',
            got: JSON.stringify(isObject(log) ? log.type : log),
          },
        );
        return;
      }
      const start = seconds(log.datetime);
      const length = seconds(log.duration);
      if (start === null || length === null) {
        const field = start === null ? 'datetime' : 'duration';
        problem(
          1,
          'UPTIME_NOT_SECONDS',
          { at, field },
          { expected: 'a number of seconds', got: JSON.stringify(log[field]) },
        );
        return;
      }
      const reason = isObject(log.reason) ? String(log.reason.detail ?? log.reason.code ?? '') || null : null;
      e.periods.push({ service, start: start * 1000, end: (start + length) * 1000, kind, reason, line: 1 });
    });
  }
  return e;
}

/** UptimeRobot's log types by their number (the API writes numbers; a re-export may quote them). */
const UPTIMEROBOT_LOG_TYPES: ReadonlyMap<string, PeriodKind> = new Map([
  ['1', 'outage'],
  ['2', 'up'],
  ['98', 'up'],
  ['99', 'nodata'],
]);

/** Seconds as a JSON number (or a number quoted); null for anything else, which is no time. */
function seconds(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * Upptime's history/summary.json: [{name, slug, dailyMinutesDown: {"2025-10-28": 21, …}}], the
 * minutes each UTC day was down (1440: all day). The minutes are exact; when in the day they fell
 * is not known: the file says so (dailyTotals), and each day is read as a total, never as instants. It lists
 * outages only: what it covers beyond the days it lists is the contract's to state (outage-totals).
 */
export function upptime(doc: unknown, text: string, problem: Problem): FileEvidence | null {
  if (!Array.isArray(doc) || doc.length === 0 || !doc.every((s) => isObject(s) && isObject(s.dailyMinutesDown)))
    return null;
  const e = emptyEvidence('outage-totals');
  e.dailyTotals = true;
  e.named = new Set();
  const lines = arrayElementLines(text, []);
  doc.forEach((site, i) => {
    const s = site as Json;
    const line = lines[i]?.[0] ?? 1;
    const service = String(s.name ?? s.slug ?? `site ${i + 1}`);
    // A site never down in the file's time is a site of the file all the same.
    e.named!.add(service);
    for (const [day, minutes] of Object.entries(s.dailyMinutesDown as Json)) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
      const n = Number(minutes);
      const start = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
      if (
        !m ||
        Number.isNaN(start) ||
        new Date(start).getUTCDate() !== Number(m[3]) ||
        !Number.isInteger(n) ||
        n < 0 ||
        n > 1440
      ) {
        problem(
          line,
          'UPTIME_BAD_DAILY_TOTAL',
          { service, day, minutes: String(JSON.stringify(minutes)) },
          { expected: '"YYYY-MM-DD": 0 to 1440' },
        );
        continue;
      }
      // A day without minutes down is still a day the file reports on (its whole day is covered when assembled).
      e.periods.push({ service, start, end: start + n * 60_000, kind: 'outage', reason: null, line });
    }
  });
  return e;
}

/**
 * Healthchecks.io flips (GET /api/v3/checks/<uuid>/flips/: {"flips": [{"timestamp", "up": 1|0}]}, or the
 * bare list the documentation shows), newest first: a state-change log — each state holds until the
 * next flip, the last until as-of; before the first flip nothing is known.
 */
export function healthchecksFlips(
  doc: unknown,
  times: TimestampReader,
  problem: Problem,
  service: string,
): FileEvidence | null {
  const list = isObject(doc) && Array.isArray(doc.flips) ? doc.flips : Array.isArray(doc) ? doc : null;
  if (!list || list.length === 0 || !list.every((f) => isObject(f) && 'timestamp' in f && 'up' in f)) return null;
  const e = emptyEvidence('observed');
  e.stateChanges = true;
  for (const f of list as Json[]) {
    const t = times.read(String(f.timestamp));
    if (!t.ok) {
      problem(1, UPTIME_TIMESTAMP[t.problem], { at: 'flip', ...whyOf(t) });
      continue;
    }
    if (f.up !== 0 && f.up !== 1) {
      problem(
        1,
        'UPTIME_BAD_FLIP',
        { timestamp: String(f.timestamp), up: String(JSON.stringify(f.up)) },
        { expected: '1 (up) or 0 (down)' },
      );
      continue;
    }
    addSample(e, service, t.t, f.up === 1);
  }
  return e;
}

/** Pingdom summary.outage: {summary: {states: [{status, timefrom, timeto}]}} (Unix seconds). From Pingdom's API documentation; not verified against a real export. */
export function pingdom(doc: unknown, service: string, problem: Problem): FileEvidence | null {
  const states = isObject(doc) && isObject(doc.summary) ? doc.summary.states : undefined;
  if (!Array.isArray(states)) return null;
  const e = emptyEvidence('observed');
  (states as unknown[]).forEach((s, i) => {
    const at = `summary.states[${i}]`;
    // Pingdom's states are up, down and unknown (no data); anything else is not guessed at.
    const kind = isObject(s) ? PINGDOM_STATES.get(String(s.status)) : undefined;
    if (!isObject(s) || kind === undefined) {
      problem(
        1,
        'UPTIME_UNKNOWN_STATE',
        { at, field: 'status' },
        { expected: 'up, down or unknown', got: JSON.stringify(isObject(s) ? s.status : s) },
      );
      return;
    }
    const from = seconds(s.timefrom);
    const to = seconds(s.timeto);
    if (from === null || to === null) {
      const field = from === null ? 'timefrom' : 'timeto';
      problem(1, 'UPTIME_NOT_SECONDS', { at, field }, { expected: 'Unix seconds', got: JSON.stringify(s[field]) });
      return;
    }
    e.periods.push({ service, start: from * 1000, end: to * 1000, kind, reason: null, line: 1 });
  });
  return e;
}

const PINGDOM_STATES: ReadonlyMap<string, PeriodKind> = new Map([
  ['up', 'up'],
  ['down', 'outage'],
  ['unknown', 'nodata'],
]);

/** Better Stack (Better Uptime) incidents: {data: [{attributes: {name, started_at, resolved_at, cause}}]}. From its API documentation; not verified. */
export function betterStack(
  doc: unknown,
  times: TimestampReader,
  problem: Problem,
  openUntil: number,
): FileEvidence | null {
  if (!isObject(doc) || !Array.isArray(doc.data) || !doc.data.every((d) => isObject(d) && isObject(d.attributes)))
    return null;
  const e = emptyEvidence('outage-list');
  for (const d of doc.data as Json[]) {
    const a = d.attributes as Json;
    const start = times.read(String(a.started_at ?? ''));
    const end = a.resolved_at == null ? { ok: true as const, t: openUntil } : times.read(String(a.resolved_at));
    if (!start.ok || !end.ok) {
      const bad = !start.ok ? start : (end as Extract<TimestampResult, { ok: false }>);
      problem(1, UPTIME_TIMESTAMP[bad.problem], { at: `incident ${String(d.id ?? '?')}`, ...whyOf(bad) });
      continue;
    }
    e.periods.push({
      service: String(a.monitor_name ?? a.name ?? 'service'),
      start: start.t,
      end: end.t,
      kind: 'outage',
      reason: a.cause == null ? null : String(a.cause),
      line: 1,
    });
  }
  return e;
}
