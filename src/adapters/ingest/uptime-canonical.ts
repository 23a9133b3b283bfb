import { InputError } from '../../core/issues.js';
import type { CsvRow } from './text-formats.js';
import { TimestampReader, UPTIME_TIMESTAMP, failureDetail, whyOf } from './timestamp-reader.js';
import { DEFAULT_SERVICE } from './uptime-assemble.js';
import type { ColumnRef } from './uptime-map.js';
import {
  OK,
  refused,
  type Identified,
  type Problem,
  type ReadContext,
  type UptimeReader,
  type UptimeSample,
} from './uptime-reader.js';
import {
  addSample,
  emptyEvidence,
  maintenanceKind,
  parseStatus,
  type FileEvidence,
  type PeriodKind,
} from './uptime-records.js';

/*
 * The documented shapes (README, SPEC 2): probe samples (timestamp, status)
 * and intervals (start, end), as CSV, NDJSON or a JSON array of objects; and
 * any probe or state-change log read through a map's `uptime:` block.
 */

const COLUMNS = {
  timestamp: ['timestamp', 'time', 'datetime', 'date-time', 'checked_at', 'ts'],
  status: ['status', 'state', 'up', 'result'],
  start: ['start', 'from', 'started_at', 'start_time', 'starttime'],
  end: ['end', 'to', 'ended_at', 'end_time', 'endtime', 'resolved_at'],
  service: ['service', 'monitor', 'name', 'component', 'check'],
  kind: ['kind', 'type'],
  reason: ['reason', 'cause', 'description'],
} as const;
type Column = keyof typeof COLUMNS;

// A Map: a kind written "constructor" or "__proto__" is an unknown kind, not a property of every object.
const KINDS = new Map<string, PeriodKind>([
  ['outage', 'outage'],
  ['down', 'outage'],
  ['emergency-maintenance', 'outage'],
  ['maintenance', 'maintenance'],
  ['scheduled-maintenance', 'maintenance'],
]);

/** The column names of a sample (a CSV's header; the keys any object of NDJSON or a JSON array has), or why it has none. */
const headers = new WeakMap<UptimeSample, string[] | string>();
function headerOf(s: UptimeSample): string[] | string {
  let h = headers.get(s);
  if (h !== undefined) return h;
  if (s.container === 'csv') h = s.names;
  else if (s.container === 'ndjson' || (s.container === 'json' && Array.isArray(s.doc))) {
    const keys = new Set<string>();
    for (const { value } of itemsOf(s))
      if (value && typeof value === 'object') for (const k of Object.keys(value)) keys.add(k.toLowerCase());
    h = [...keys];
  } else h = 'not a list of records';
  headers.set(s, h);
  return h;
}

function itemsOf(s: UptimeSample): Array<{ line: number; value: unknown }> {
  if (s.container === 'ndjson') return s.items;
  return s.container === 'json' && Array.isArray(s.doc) ? s.doc.map((value, i) => ({ line: i + 1, value })) : [];
}

const has = (header: readonly string[], c: Column) =>
  header.some((h) => (COLUMNS[c] as readonly string[]).includes(h.trim()));
const named = (s: UptimeSample, a: Column, b: Column): Identified => {
  const h = headerOf(s);
  if (typeof h === 'string') return refused(h);
  return has(h, a) && has(h, b) ? OK : refused(`no ${a} and ${b} ${s.container === 'csv' ? 'columns' : 'keys'}`);
};

/** Probe samples: each row a probe's result at an instant, standing for the sample gap. */
export const probesReader: UptimeReader = {
  name: 'probes',
  canonical: true,
  containers: ['csv', 'json', 'ndjson'],
  identify: (s) => named(s, 'timestamp', 'status'),
  read: (s, ctx) => readRows(s, ctx),
};

/** Intervals: outages and maintenance, each from start to end. */
export const intervalsReader: UptimeReader = {
  name: 'intervals',
  canonical: true,
  containers: ['csv', 'json', 'ndjson'],
  identify: (s) => named(s, 'start', 'end'),
  read: (s, ctx) => readRows(s, ctx),
};

/**
 * A probe log read through a map: columns by name or place, a timestamp or a
 * date and a time, status words, the service from a column or the map. Each
 * row is a sample, as in a canonical probe log (a heartbeat log is one whose
 * rows all say "up": the time between heartbeats longer than maxSampleGap is
 * no data); `kind: state-changes`, each row's state holds until the next.
 */
export const mappedReader: UptimeReader = {
  name: 'map',
  containers: ['csv'],
  identify: (_s, opts) => (opts.map ? OK : refused('no uptime: block in --map')),
  read: (s, ctx) => mappedProbes(s, ctx),
};

async function mappedProbes(s: UptimeSample, ctx: ReadContext): Promise<FileEvidence> {
  const map = ctx.opts.map;
  if (s.container !== 'csv' || !map) throw new Error('a mapped uptime log is a CSV read with a map');
  const first = s.header;
  const index = (ref: ColumnRef | null, what: string): number => {
    if (ref === null) return -1;
    if (typeof ref === 'number') return ref - 1;
    const i = s.names.indexOf(ref.trim().toLowerCase());
    if (i < 0)
      throw new InputError([
        {
          code: 'UPTIME_MAP_NO_COLUMN',
          file: ctx.file,
          line: first.line,
          args: { column: what, name: ref },
          got: s.names.map((n) => JSON.stringify(n)).join(', '),
        },
      ]);
    return i;
  };
  const [ts, date, time, status, service] = [
    index(map.timestamp, 'timestamp'),
    index(map.date, 'date'),
    index(map.time, 'time'),
    index(map.status, 'status'),
    index(map.service, 'service'),
  ];
  const times = new TimestampReader(ctx.opts.inputTz ?? map.zone, map.formats);
  const fallback = map.serviceName ?? DEFAULT_SERVICE;
  const expected = `${[...map.statusWords.keys()].map((w) => JSON.stringify(w)).join(', ') || 'up/down'} (uptime.status in the map)`;
  const e = emptyEvidence('observed');
  if (map.kind === 'state-changes') e.stateChanges = true;
  async function* rows(): AsyncGenerator<CsvRow[]> {
    if (!map!.header) yield [first];
    yield* (s as Extract<UptimeSample, { container: 'csv' }>).batches;
  }
  for await (const batch of rows())
    for (const { line, cells } of batch) {
      ctx.row();
      const text = ts >= 0 ? at(cells, ts) : `${at(cells, date)} ${at(cells, time)}`;
      const word = at(cells, status);
      addProbe(
        e,
        times,
        ctx.problem,
        line,
        (service >= 0 ? at(cells, service) : '') || fallback,
        text,
        word,
        map.statusWords.get(word.toLowerCase()) ?? parseStatus(word),
        'UPTIME_STATUS_NOT_MAPPED',
        expected,
      );
    }
  return e;
}

/** Rows of a canonical log: CSV rows, or objects (NDJSON, a JSON array) as rows of the keys any of them has. */
function rowsOf(s: UptimeSample, header: string[]): AsyncIterable<CsvRow[]> | Iterable<CsvRow[]> {
  if (s.container === 'csv') return s.batches;
  const rows: CsvRow[] = itemsOf(s).map(({ line, value }) => {
    const o = (value ?? {}) as Record<string, unknown>;
    const lower = new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
    return { line, cells: header.map((h) => (lower.get(h) == null ? '' : String(lower.get(h)))) };
  });
  return [rows];
}

/** Canonical rows: probe samples (timestamp, status) or intervals (start, end), told apart by the header. */
async function readRows(s: UptimeSample, ctx: ReadContext): Promise<FileEvidence> {
  const header = headerOf(s) as string[];
  const problem = ctx.problem;
  const col = (c: Column) => header.findIndex((h) => (COLUMNS[c] as readonly string[]).includes(h.trim()));
  const idx = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((c) => [c, col(c)])) as Record<Column, number>;
  const probes = idx.timestamp >= 0 && idx.status >= 0;
  const times = new TimestampReader(ctx.opts.inputTz);
  // Probe samples show quiet time; an intervals log lists outages and maintenance only.
  const e = emptyEvidence(probes ? 'observed' : 'outage-list');
  const cell = (cells: string[], c: Column) => at(cells, idx[c]);
  // Column numbers in locals: the probe loop runs millions of times.
  const [serviceCol, timestampCol, statusCol] = [idx.service, idx.timestamp, idx.status];
  /** Maintenance records read as outages by their reason, and the line of the first. */
  let emergency = 0;
  let firstEmergency = 0;
  for await (const batch of rowsOf(s, header))
    for (const { line, cells } of batch) {
      ctx.row();
      const service = at(cells, serviceCol) || DEFAULT_SERVICE;
      if (probes) {
        const word = at(cells, statusCol);
        addProbe(
          e,
          times,
          problem,
          line,
          service,
          at(cells, timestampCol),
          word,
          parseStatus(word),
          'UPTIME_BAD_STATUS',
          'up/down, 1/0, true/false or ok/fail',
        );
        continue;
      }
      const start = times.read(cell(cells, 'start'));
      const end = times.read(cell(cells, 'end'));
      const kindText = cell(cells, 'kind').toLowerCase() || 'outage';
      const kind = KINDS.get(kindText);
      if (!start.ok)
        problem(
          line,
          UPTIME_TIMESTAMP[start.problem],
          { at: 'start', ...whyOf(start) },
          failureDetail(cell(cells, 'start'), start),
        );
      else if (!end.ok)
        problem(
          line,
          UPTIME_TIMESTAMP[end.problem],
          { at: 'end', ...whyOf(end) },
          failureDetail(cell(cells, 'end'), end),
        );
      else if (end.t < start.t)
        problem(
          line,
          'UPTIME_END_BEFORE_START',
          {},
          { got: `${cell(cells, 'start')} → ${cell(cells, 'end')}`, hint: 'swap start and end, or check their zones' },
        );
      else if (!kind)
        problem(
          line,
          'UPTIME_BAD_KIND',
          { kind: kindText },
          { expected: 'outage or maintenance (emergency maintenance is an outage)' },
        );
      else {
        const reason = cell(cells, 'reason') || null;
        const read = kind === 'maintenance' ? maintenanceKind(reason) : kind;
        if (read !== kind && emergency++ === 0) firstEmergency = line;
        e.periods.push({ service, start: start.t, end: end.t, kind: read, reason, line });
      }
    }
  // Maintenance its own reason calls an emergency was read as an outage: said, with where to look.
  if (emergency > 0)
    ctx.warn({
      code: 'UPTIME_EMERGENCY_MAINTENANCE',
      file: ctx.file,
      line: firstEmergency,
      args: { records: emergency, line: firstEmergency },
      hint: 'if the window was scheduled as the contract requires, correct its reason in the log',
    });
  return e;
}

/**
 * One probe row, canonical or mapped: a sample, or the problem that keeps it
 * out. `up` is null for a status word the reader does not know.
 */
function addProbe(
  e: FileEvidence,
  times: TimestampReader,
  problem: Problem,
  line: number,
  service: string,
  text: string,
  word: string,
  up: boolean | null,
  /** The code of a status word the reader does not know. */
  badStatus: string,
  expected: string,
): void {
  const t = times.ms(text);
  if (Number.isNaN(t)) {
    const f = times.failure(text);
    problem(line, UPTIME_TIMESTAMP[f.problem], { at: 'timestamp', ...whyOf(f) }, failureDetail(text, f));
  } else if (up === null) problem(line, badStatus, {}, { expected, got: JSON.stringify(word) });
  else addSample(e, service, t, up);
}

/** A cell's trimmed text, or '' when the column is absent (-1). */
const at = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
