import type { Issue } from '../../core/issues.js';
import { arrayElementLines } from './json-lines.js';
import type { TimestampReader } from './timestamp-reader.js';
import { addSample, emptyEvidence, type FileEvidence } from './uptime-records.js';

/**
 * Vendor JSON shapes of uptime evidence. Each returns the file's evidence,
 * or null when the document is not of its shape.
 */
type Problem = (line: number, code: string, message: string, detail?: Partial<Issue>) => void;
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Prometheus HTTP API query_range (matrix): one probe series per label set; value ≥ 1 is up. */
export function prometheus(doc: unknown, text: string, problem: Problem): FileEvidence | null {
  const data = isObject(doc) && isObject(doc.data) ? doc.data : null;
  if (!data || !Array.isArray(data.result)) return null;
  if (data.resultType !== 'matrix') {
    problem(1, 'UPTIME_BAD_PROMETHEUS', `resultType is "${String(data.resultType)}"`, { expected: 'a query_range response (resultType "matrix")', hint: 'export with /api/v1/query_range' });
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
      problem(line, 'UPTIME_BAD_PROMETHEUS', 'a series without "values"', { hint: 'export a range query, not an instant query' });
      return;
    }
    let previous: number | null = null;
    let step = Infinity;
    for (const v of s.values as unknown[]) {
      const [ts, value] = Array.isArray(v) ? v : [];
      const t = Number(ts) * 1000;
      const n = Number(value);
      if (!Number.isFinite(t)) {
        problem(line, 'UPTIME_BAD_TIMESTAMP', `series ${service}: not a Unix timestamp`, { got: JSON.stringify(ts) });
        continue;
      }
      // A range query answers every `step`: the smallest spacing is the step, and a longer one is missing samples (no data).
      if (previous !== null && t > previous) step = Math.min(step, Math.round(t) - previous);
      previous = Math.round(t);
      if (Number.isNaN(n)) continue; // stale marker: no sample
      addSample(e, service, Math.round(t), n >= 1);
    }
    if (Number.isFinite(step)) e.sampleGaps!.set(service, step);
  });
  return e;
}

/** UptimeRobot API v2 getMonitors with logs: 1 down, 2 up, 98 started, 99 paused, each with a duration. */
export function uptimeRobotApi(doc: unknown): FileEvidence | null {
  if (!isObject(doc) || !Array.isArray(doc.monitors)) return null;
  const e = emptyEvidence('observed');
  for (const m of doc.monitors as unknown[]) {
    if (!isObject(m) || !Array.isArray(m.logs)) continue;
    const service = String(m.friendly_name ?? m.url ?? m.id);
    for (const log of m.logs as unknown[]) {
      if (!isObject(log)) continue;
      const start = Number(log.datetime) * 1000;
      const end = start + Number(log.duration) * 1000;
      if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
      const kind = log.type === 1 ? 'outage' : log.type === 99 ? 'nodata' : 'up';
      const reason = isObject(log.reason) ? String(log.reason.detail ?? log.reason.code ?? '') || null : null;
      e.periods.push({ service, start, end, kind, reason, line: 1 });
    }
  }
  return e;
}

/**
 * Upptime's history/summary.json: [{name, slug, dailyMinutesDown: {"2025-10-28": 21, …}}], the
 * minutes each UTC day was down (1440: all day). The minutes are exact; when in the day they fell
 * is not known: each day's are placed at its start, and the file says so (dailyTotals). It lists
 * outages only: what it covers beyond the days it lists is the contract's to state (outage-totals).
 */
export function upptime(doc: unknown, text: string, problem: Problem): FileEvidence | null {
  if (!Array.isArray(doc) || doc.length === 0 || !doc.every((s) => isObject(s) && isObject(s.dailyMinutesDown))) return null;
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
      if (!m || Number.isNaN(start) || new Date(start).getUTCDate() !== Number(m[3]) || !Number.isInteger(n) || n < 0 || n > 1440) {
        problem(line, 'UPTIME_BAD_DAILY_TOTAL', `${service}: "${day}": ${JSON.stringify(minutes)} is not a day's minutes down`, { expected: '"YYYY-MM-DD": 0 to 1440' });
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
export function healthchecksFlips(doc: unknown, times: TimestampReader, problem: Problem, service: string): FileEvidence | null {
  const list = isObject(doc) && Array.isArray(doc.flips) ? doc.flips : Array.isArray(doc) ? doc : null;
  if (!list || list.length === 0 || !list.every((f) => isObject(f) && 'timestamp' in f && 'up' in f)) return null;
  const e = emptyEvidence('observed');
  e.stateChanges = true;
  for (const f of list as Json[]) {
    const t = times.read(String(f.timestamp));
    if (!t.ok) {
      problem(1, 'UPTIME_BAD_TIMESTAMP', `flip: ${t.message}`);
      continue;
    }
    if (f.up !== 0 && f.up !== 1) {
      problem(1, 'UPTIME_BAD_STATUS', `flip at ${String(f.timestamp)}: "up" is ${JSON.stringify(f.up)}`, { expected: '1 (up) or 0 (down)' });
      continue;
    }
    addSample(e, service, t.t, f.up === 1);
  }
  return e;
}

/** Pingdom summary.outage: {summary: {states: [{status, timefrom, timeto}]}} (Unix seconds). From Pingdom's API documentation; not verified against a real export. */
export function pingdom(doc: unknown, service: string): FileEvidence | null {
  const states = isObject(doc) && isObject(doc.summary) ? doc.summary.states : undefined;
  if (!Array.isArray(states)) return null;
  const e = emptyEvidence('observed');
  for (const s of states as unknown[]) {
    if (!isObject(s)) continue;
    const kind = s.status === 'down' ? 'outage' : s.status === 'up' ? 'up' : 'nodata';
    e.periods.push({ service, start: Number(s.timefrom) * 1000, end: Number(s.timeto) * 1000, kind, reason: null, line: 1 });
  }
  return e;
}

/** Better Stack (Better Uptime) incidents: {data: [{attributes: {name, started_at, resolved_at, cause}}]}. From its API documentation; not verified. */
export function betterStack(doc: unknown, times: TimestampReader, problem: Problem, openUntil: number): FileEvidence | null {
  if (!isObject(doc) || !Array.isArray(doc.data) || !doc.data.every((d) => isObject(d) && isObject(d.attributes))) return null;
  const e = emptyEvidence('outage-list');
  for (const d of doc.data as Json[]) {
    const a = d.attributes as Json;
    const start = times.read(String(a.started_at ?? ''));
    const end = a.resolved_at == null ? { ok: true as const, t: openUntil } : times.read(String(a.resolved_at));
    if (!start.ok || !end.ok) {
      problem(1, 'UPTIME_BAD_TIMESTAMP', `incident ${String(d.id ?? '?')}: ${!start.ok ? start.message : (end as { message: string }).message}`);
      continue;
    }
    e.periods.push({ service: String(a.monitor_name ?? a.name ?? 'service'), start: start.t, end: end.t, kind: 'outage', reason: a.cause == null ? null : String(a.cause), line: 1 });
  }
  return e;
}

/** StatusCake uptime periods: legacy [{Status, Start, End}] or v1 {data: [{status, created_at, ended_at}]}. From its API documentation; not verified. */
export function statusCakePeriods(doc: unknown, times: TimestampReader, problem: Problem, service: string, openUntil: number): FileEvidence | null {
  if (isObject(doc) && 'TestID' in doc && 'Uptime' in doc) {
    problem(1, 'UPTIME_NO_PERIODS', 'this is a StatusCake test-details response: it has an uptime figure but no outage periods', {
      hint: "export the test's uptime periods (the Periods endpoint) and audit those",
    });
    return emptyEvidence('observed');
  }
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(doc.data) ? doc.data : null;
  if (!list || !list.every((p) => isObject(p) && ('Status' in p || 'status' in p))) return null;
  const e = emptyEvidence('observed');
  for (const p of list as Json[]) {
    const status = String(p.Status ?? p.status).toLowerCase();
    const start = times.read(String(p.Start ?? p.created_at ?? ''));
    const endText = p.End ?? p.ended_at;
    const end = endText == null || endText === '' ? { ok: true as const, t: openUntil } : times.read(String(endText));
    if (!start.ok || !end.ok) {
      problem(1, 'UPTIME_BAD_TIMESTAMP', `period: ${!start.ok ? start.message : (end as { message: string }).message}`);
      continue;
    }
    e.periods.push({ service, start: start.t, end: end.t, kind: status === 'down' ? 'outage' : 'up', reason: null, line: 1 });
  }
  return e;
}
