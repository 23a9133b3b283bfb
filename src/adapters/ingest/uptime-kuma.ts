import { TimestampReader, UPTIME_TIMESTAMP, failureDetail, whyOf } from './timestamp-reader.js';
import { counted, isObject, OK, refused, type Problem, type UptimeReader } from './uptime-reader.js';
import { addSample, emptyEvidence, type FileEvidence } from './uptime-records.js';

const KUMA_COLUMNS = ['monitor_id', 'status', 'time'];

/** Uptime Kuma: its heartbeat table as CSV (sqlite3 -header -csv "select * from heartbeat"), or a status page's heartbeat JSON. */
export const uptimeKumaReader: UptimeReader = {
  name: 'uptime-kuma',
  containers: ['csv', 'json'],
  identify: (s) => {
    if (s.container === 'csv')
      return KUMA_COLUMNS.every((h) => s.names.includes(h)) ? OK : refused('no monitor_id, status and time columns');
    return s.container === 'json' && isObject(s.doc) && isObject(s.doc.heartbeatList)
      ? OK
      : refused('no heartbeatList');
  },
  read: async (s, ctx) => {
    if (s.container === 'json') return counted(kumaStatusPage(s.doc, ctx.problem, ctx.opts.maxSampleGapMs)!, ctx);
    if (s.container !== 'csv') throw new Error('Uptime Kuma reads CSV or JSON');
    const beats = new KumaBeats(ctx.problem);
    const [monitor, status, time] = KUMA_COLUMNS.map((h) => s.names.indexOf(h)) as [number, number, number];
    const at = (cells: string[], i: number) => (cells[i] ?? '').trim();
    for await (const batch of s.batches)
      for (const { line, cells } of batch) {
        ctx.row();
        beats.add(line, at(cells, monitor), at(cells, time), at(cells, status));
      }
    return beats.evidence(ctx.opts.maxSampleGapMs);
  },
};

/**
 * Uptime Kuma's heartbeats (its `heartbeat` table, or a status page's
 * `heartbeatList`): status 0 DOWN, 1 UP, 2 PENDING, 3 MAINTENANCE, at `time`
 * — UTC written without a zone ("2021-09-02 14:26:37", since 2022 with
 * milliseconds). As Kuma itself counts them, PENDING is down and MAINTENANCE
 * is neither: here it is maintenance until the monitor's next beat (at most
 * the sample gap), not downtime and not missing evidence.
 */
export class KumaBeats {
  private readonly times = new TimestampReader('UTC');
  private readonly beats = new Map<string, Array<{ t: number; status: number; line: number }>>();

  constructor(private readonly problem: Problem) {}

  /** One beat: `time` and `status` as the export writes them (text, or JSON values of any type). */
  add(line: number, monitor: string, time: unknown, status: unknown): void {
    const t = typeof time === 'string' ? this.times.read(time) : null;
    const s =
      typeof status === 'number' || (typeof status === 'string' && /^\s*[0-3]\s*$/.test(status)) ? Number(status) : NaN;
    if (monitor.trim() === '')
      this.problem(line, 'UPTIME_NO_MONITOR', {}, { hint: 'every heartbeat names its monitor' });
    else if (t === null)
      this.problem(
        line,
        'UPTIME_NOT_A_DATE_TIME',
        { at: 'time' },
        { expected: '"YYYY-MM-DD HH:mm:ss" (UTC)', got: shown(time) },
      );
    else if (!t.ok)
      this.problem(
        line,
        UPTIME_TIMESTAMP[t.problem],
        { at: 'time', ...whyOf(t) },
        {
          ...failureDetail(time as string, t),
          expected: '"YYYY-MM-DD HH:mm:ss", UTC as Uptime Kuma writes it',
          hint: 'give the heartbeat table as Uptime Kuma stores it',
        },
      );
    else if (!(s === 0 || s === 1 || s === 2 || s === 3))
      this.problem(
        line,
        'UPTIME_NOT_A_KUMA_STATUS',
        {},
        { expected: '0 (down), 1 (up), 2 (pending) or 3 (maintenance)', got: shown(status) },
      );
    else {
      const service = `monitor ${monitor}`;
      let list = this.beats.get(service);
      if (!list) this.beats.set(service, (list = []));
      list.push({ t: t.t, status: s, line });
    }
  }

  evidence(maxGapMs: number): FileEvidence {
    // Beats speak for their own time, not for whole months.
    const e = emptyEvidence('observed');
    for (const [service, list] of this.beats) {
      list.sort((a, b) => a.t - b.t);
      list.forEach((b, i) => {
        if (b.status !== 3) return addSample(e, service, b.t, b.status === 1);
        addSample(e, service, b.t, null);
        const next = list[i + 1]?.t ?? b.t;
        e.periods.push({
          service,
          start: b.t,
          end: b.t + Math.min(next - b.t, maxGapMs),
          kind: 'maintenance',
          reason: 'Uptime Kuma maintenance',
          line: b.line,
        });
      });
    }
    return e;
  }
}

/** A status page's `GET /api/status-page/heartbeat/<slug>`: {heartbeatList: {"<monitor id>": [{status, time, msg, ping}]}}. From Uptime Kuma's source; not verified against a captured response. */
export function kumaStatusPage(doc: unknown, problem: Problem, maxGapMs: number): FileEvidence | null {
  const list =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? (doc as Record<string, unknown>).heartbeatList
      : undefined;
  if (list === null || typeof list !== 'object' || Array.isArray(list)) return null;
  const beats = new KumaBeats(problem);
  for (const [monitor, items] of Object.entries(list as Record<string, unknown>)) {
    if (!Array.isArray(items)) {
      problem(1, 'UPTIME_NOT_HEARTBEATS', { monitor }, { got: shown(items) });
      continue;
    }
    for (const b of items) {
      const o = b !== null && typeof b === 'object' ? (b as Record<string, unknown>) : {};
      beats.add(1, monitor, o.time, o.status);
    }
  }
  return beats.evidence(maxGapMs);
}

/** A value as an error shows it: JSON, at most 80 characters. */
function shown(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(typeof v);
  } catch {
    text = typeof v;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
