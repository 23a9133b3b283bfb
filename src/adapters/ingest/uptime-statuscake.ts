import { TimestampReader, UPTIME_TIMESTAMP, failureDetail, whyOf, type TimestampResult } from './timestamp-reader.js';
import {
  counted,
  docOf,
  isObject,
  OK,
  refused,
  type Identified,
  type Json,
  type ReadContext,
  type UptimeReader,
  type UptimeSample,
} from './uptime-reader.js';
import { emptyEvidence, type FileEvidence, type PeriodKind } from './uptime-records.js';

/**
 * StatusCake uptime periods: legacy `/Tests/Periods` [{Status, Start, End}] or v1
 * `/uptime/{id}/periods` {data: [{status, created_at, ended_at}]}. From its API documentation; not
 * verified. A real test-details response ({TestID, Uptime, …}) is recognised, to say it has no periods.
 */
export const statusCake: UptimeReader = {
  name: 'statuscake',
  containers: ['json'],
  identify: (s) => identify(docOf(s)),
  read: (s, ctx) => counted(read(s, ctx), ctx),
};

/** A paused test watched nothing: no data, never up. */
const STATUSES: ReadonlyMap<string, PeriodKind> = new Map([
  ['up', 'up'],
  ['down', 'outage'],
  ['paused', 'nodata'],
]);

function periodsOf(doc: unknown): { list: unknown[]; start: string; status: string } | null {
  if (Array.isArray(doc)) return { list: doc, start: 'Start', status: 'Status' };
  if (isObject(doc) && Array.isArray(doc.data)) return { list: doc.data, start: 'created_at', status: 'status' };
  return null;
}

/**
 * Its own shape only: every period has the status and the start its API
 * version writes. A `status` key alone is every other log's too (probe
 * samples as a JSON array were once taken for periods).
 */
function identify(doc: unknown): Identified {
  if (isObject(doc) && 'TestID' in doc && 'Uptime' in doc) return OK;
  const p = periodsOf(doc);
  if (p === null) return refused('neither a list of periods nor {data: [periods]}');
  if (p.list.length === 0) return refused('no periods');
  const bad = p.list.findIndex((x) => !isObject(x) || !(p.status in x) || !(p.start in x));
  return bad < 0
    ? OK
    : refused(
        `period ${bad + 1} has no "${p.status}" and "${p.start}"${p.start === 'Start' ? ' (legacy) nor data[].status and created_at (v1)' : ''}`,
      );
}

function read(sample: UptimeSample, ctx: ReadContext): FileEvidence {
  const doc = docOf(sample);
  if (isObject(doc) && 'TestID' in doc && 'Uptime' in doc) {
    ctx.problem(
      1,
      'UPTIME_NO_PERIODS',
      {},
      { hint: "export the test's uptime periods (the Periods endpoint) and audit those" },
    );
    return emptyEvidence('observed');
  }
  // No zone is guessed: StatusCake documents no zone for the legacy periods' "Start"/"End" (its legacy
  // API converts a check's human-readable time "to the timezone of the account":
  // https://www.statuscake.com/api/Performance%20Data/Get%20All%20Data.md), so a time without an offset
  // needs --input-tz, like every generic reader. The epoch seconds beside them are exact, and preferred.
  const times = new TimestampReader(ctx.opts.inputTz, [], 'en', new Map(), "StatusCake writes the account's zone");
  const e = emptyEvidence('observed');
  for (const p of periodsOf(doc)!.list as Json[]) {
    const status = String(p.Status ?? p.status).toLowerCase();
    const start = unixOr(p.Start_Unix, () => times.read(String(p.Start ?? p.created_at ?? '')));
    const endText = p.End ?? p.ended_at;
    const end = unixOr(p.End_Unix, () =>
      endText == null || endText === '' ? { ok: true as const, t: ctx.opts.asOf } : times.read(String(endText)),
    );
    if (!start.ok || !end.ok) {
      const bad = !start.ok ? start : (end as Extract<TimestampResult, { ok: false }>);
      const text = String((!start.ok ? (p.Start ?? p.created_at) : endText) ?? '');
      ctx.problem(1, UPTIME_TIMESTAMP[bad.problem], { at: 'period', ...whyOf(bad) }, failureDetail(text, bad));
      continue;
    }
    // A status this reader does not know is an error, never time up: it may be the outage.
    const kind = STATUSES.get(status);
    if (kind === undefined) {
      ctx.problem(
        1,
        'UPTIME_UNKNOWN_STATE',
        { at: 'period', field: 'status' },
        { expected: 'Up, Down or Paused', got: JSON.stringify(p.Status ?? p.status ?? null) },
      );
      continue;
    }
    e.periods.push({
      service: ctx.serviceName,
      start: start.t,
      end: end.t,
      kind,
      reason: null,
      line: 1,
    });
  }
  return e;
}

/** A legacy period's `Start_Unix`/`End_Unix` (epoch seconds): exact where given, else the text read by `text`. */
function unixOr(v: unknown, text: () => TimestampResult): TimestampResult {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? { ok: true, t: n * 1000 } : text();
}
