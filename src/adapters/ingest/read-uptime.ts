import type { ServiceEvidence } from '../../core/availability/evidence.js';
import { InputError, type Issue } from '../../core/issues.js';
import { append } from '../../core/lists.js';
import { inputName, openText, type InputSource, type OnBytes } from './records.js';
import { fileIssue, readCsv, readJsonDocument, readNdjson, type CsvRow } from './text-formats.js';
import { TimestampReader, failureDetail } from './timestamp-reader.js';
import type { ColumnRef, UptimeMap } from './uptime-map.js';
import { addSample, emptyEvidence, parseDurationText, parseStatus, type FileEvidence, type PeriodKind } from './uptime-records.js';
import { assemble, DEFAULT_SERVICE } from './uptime-assemble.js';
import { nagiosEvidence, readNagiosLog, type NagiosLog } from './nagios-log.js';
import { KumaBeats, kumaStatusPage } from './uptime-kuma.js';
import { betterStack, healthchecksFlips, pingdom, prometheus, statusCakePeriods, upptime, uptimeRobotApi } from './uptime-vendors.js';

export const UPTIME_PRESETS = ['uptimerobot', 'statuscake', 'prometheus', 'pingdom', 'betterstack', 'upptime', 'healthchecks', 'uptime-kuma', 'nagios'] as const;
export type UptimePreset = (typeof UPTIME_PRESETS)[number];

export interface ReadUptimeOptions {
  preset: UptimePreset | null;
  /** How to read a log of no known shape; it wins over the header's own names. */
  map?: UptimeMap | null;
  inputTz: string | null;
  maxSampleGapMs: number;
  billingZone: string;
  /** Incidents still open end here. */
  asOf: number;
  /**
   * What outage lists and daily downtime totals speak for (the contract's coverage, epoch ms);
   * null: outage lists the months they mention, totals the days they list. Never applied to
   * probe samples, heartbeats or state logs: they cover what they record.
   */
  coverage?: readonly [number, number] | null;
  /** The same per log service, where services start at different dates: wins over `coverage`. */
  coverageByService?: ReadonlyMap<string, readonly [number, number]> | null;
  /** The services in scope: an intervals log without a record of one still covers it. */
  services?: readonly string[] | null;
  skipInvalid: boolean;
  /** Relative paths are read from here (default: the process's working directory). */
  cwd?: string;
  onBytes?: OnBytes;
}

export interface ReadUptimeResult {
  evidence: ServiceEvidence[];
  issues: Issue[];
  /** Those of `issues` that stopped a file before its end: no --skip-invalid passes them. */
  fatal: Issue[];
  warnings: Issue[];
  rows: { read: number; skipped: number };
}

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
const KINDS = new Map<string, PeriodKind>([['outage', 'outage'], ['down', 'outage'], ['emergency-maintenance', 'outage'], ['maintenance', 'maintenance'], ['scheduled-maintenance', 'maintenance']]);
/** UptimeRobot's own exports state the account's date format; US order is assumed here, overridable with --input-tz and ISO dates. */
const UPTIMEROBOT_FORMATS = ['MM-dd-yyyy HH:mm:ss'];
const UPTIMEROBOT_EVENTS = /^(up|down|started|paused)$/i;

export async function readUptime(files: readonly InputSource[], opts: ReadUptimeOptions): Promise<ReadUptimeResult> {
  const result: ReadUptimeResult = { evidence: [], issues: [], fatal: [], warnings: [], rows: { read: 0, skipped: 0 } };
  const perFile: Array<{ name: string; evidence: FileEvidence }> = [];
  // A Nagios log and its archives are one history: read apart, put in time order together.
  const nagios: NagiosLog[] = [];
  const names: string[] = [];
  for (const file of files) {
    try {
      const evidence = await readFile(file, opts, result);
      if ('events' in evidence) {
        nagios.push(evidence);
        names.push(inputName(file));
        continue;
      }
      reservedName(inputName(file), evidence);
      perFile.push({ name: inputName(file), evidence });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      append(result.issues, err.issues);
      append(result.fatal, err.issues);
    }
  }
  if (nagios.length > 0) {
    try {
      const evidence = nagiosEvidence(nagios);
      reservedName(names.join(', '), evidence);
      perFile.push({ name: names.join(', '), evidence });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      append(result.issues, err.issues);
      append(result.fatal, err.issues);
    }
  }
  if (opts.skipInvalid) for (const i of result.issues) result.warnings.push({ ...i, message: `skipped: ${i.message}` });
  const assembled = assemble(perFile, {
    maxSampleGapMs: opts.maxSampleGapMs,
    billingZone: opts.billingZone,
    asOf: opts.asOf,
    stated: { all: opts.coverage ?? null, services: opts.coverageByService ?? new Map() },
    services: opts.services ?? null,
  });
  result.evidence = assembled.evidence;
  append(result.warnings, assembled.warnings);
  return result;
}

/** "all" names the combined row (down whenever any service is): a service of that name would replace it. */
function reservedName(file: string, e: FileEvidence): void {
  const line = e.periods.find((p) => p.service.toLowerCase() === 'all')?.line;
  if (line === undefined && ![...e.samples.keys(), ...(e.named ?? [])].some((n) => n.toLowerCase() === 'all')) return;
  throw new InputError([{ code: 'INPUT_RESERVED_SERVICE', file, ...(line !== undefined ? { line } : {}), message: 'a service is named "all", the name of the combined row of every service', hint: 'rename the service in the log' }]);
}

async function readFile(input: InputSource, opts: ReadUptimeOptions, result: ReadUptimeResult): Promise<FileEvidence | NagiosLog> {
  const file = inputName(input);
  const { format, chunks } = await openText(input, opts.cwd, opts.onBytes);
  if (format === 'xml') throw fileIssue(inputName(input), 1, 'INPUT_XML', 'an uptime log in XML is not read', { hint: 'export the log as CSV or JSON instead' });
  // A named preset never falls through to another shape.
  if ((format === 'log') !== (opts.preset === 'nagios') && opts.preset !== null) throw notThePreset(file, opts.preset);
  const problem = (line: number, code: string, message: string, detail: Partial<Issue> = {}) => {
    result.issues.push({ code, file, line, message, ...detail });
    if (opts.skipInvalid) result.rows.skipped++;
  };
  const serviceName = file === '-' ? DEFAULT_SERVICE : file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  if (format === 'log') {
    const nagios = await readNagiosLog(chunks, problem, () => result.rows.read++, file);
    if (nagios.warnings + nagios.unknowns > 0) {
      const counted = [...(nagios.warnings > 0 ? [`${nagios.warnings} hard WARNING state(s) as up`] : []), ...(nagios.unknowns > 0 ? [`${nagios.unknowns} UNKNOWN as no data`] : [])];
      result.warnings.push({ code: 'UPTIME_NAGIOS_STATES', file, message: `counted ${counted.join(' and ')}: Nagios reports time per state, and only DOWN, UNREACHABLE and CRITICAL are read as down` });
    }
    return nagios;
  }
  if (format === 'json') {
    const { doc, text } = await readJsonDocument(file, chunks);
    const times = new TimestampReader(opts.inputTz ?? 'UTC');
    const byPreset: Record<Exclude<UptimePreset, 'nagios'>, () => FileEvidence | null> = {
      prometheus: () => prometheus(doc, text, problem),
      uptimerobot: () => uptimeRobotApi(doc),
      pingdom: () => pingdom(doc, serviceName),
      betterstack: () => betterStack(doc, times, problem, opts.asOf),
      statuscake: () => statusCakePeriods(doc, times, problem, serviceName, opts.asOf),
      upptime: () => upptime(doc, text, problem),
      healthchecks: () => healthchecksFlips(doc, times, problem, serviceName),
      'uptime-kuma': () => kumaStatusPage(doc, problem, opts.maxSampleGapMs),
    };
    // Upptime before StatusCake: both are arrays of objects with a status, only Upptime's have daily totals.
    // (--preset nagios on a JSON file was refused above.)
    const tried = opts.preset ? [opts.preset as Exclude<UptimePreset, 'nagios'>] : (['prometheus', 'uptimerobot', 'pingdom', 'upptime', 'healthchecks', 'uptime-kuma', 'statuscake', 'betterstack'] as const);
    for (const p of tried) {
      const e = byPreset[p]();
      if (e) {
        result.rows.read += e.periods.length + [...e.samples.values()].reduce((n, s) => n + s.n, 0);
        if (e.dailyTotals) {
          result.warnings.push({ code: 'UPTIME_DAILY_TOTALS', file, message: `the log gives minutes down per UTC day: each UTC month's downtime is exact, but not when in the day it fell (placed at the start of each day), so outage times, incident association and downtime definitions by bucket or minimum length do not rest on it${opts.billingZone === 'UTC' ? '' : `; billed in ${opts.billingZone}, the minutes of the UTC days at a month's edges may belong to the month before or after`}` });
        }
        return e;
      }
    }
    // A named preset never falls through to another shape: what it does not fit is said to be so.
    if (opts.preset) throw notThePreset(file, opts.preset);
    if (Array.isArray(doc)) return readObjects(file, doc.map((value, i) => ({ line: i + 1, value })), opts, result, problem);
    throw new InputError([{ code: 'UPTIME_UNKNOWN_FORMAT', file, line: 1, message: 'not an uptime log this tool reads', expected: `probe samples, intervals, or a ${UPTIME_PRESETS.join(' / ')} export`, hint: 'pass --preset, or convert to CSV with timestamp,status or start,end columns' }]);
  }
  if (format === 'ndjson') {
    const items: Array<{ line: number; value: unknown }> = [];
    for await (const item of readNdjson(chunks, file)) {
      if ('error' in item) problem(item.line, 'INPUT_BAD_JSON', `not valid JSON (${item.error})`, { hint: 'each line of an NDJSON file must be one JSON object' });
      else items.push(item);
    }
    return readObjects(file, items, opts, result, problem);
  }
  return readCsvLog(file, await readCsv(file, chunks), opts, result, problem);
}

type Problem = (line: number, code: string, message: string, detail?: Partial<Issue>) => void;

/** Canonical probe or interval records given as objects (NDJSON, JSON array). */
function readObjects(file: string, items: Array<{ line: number; value: unknown }>, opts: ReadUptimeOptions, result: ReadUptimeResult, problem: Problem): Promise<FileEvidence> {
  const keys = new Set(items.flatMap(({ value }) => (value && typeof value === 'object' ? Object.keys(value).map((k) => k.toLowerCase()) : [])));
  const header = [...keys];
  const rows: CsvRow[] = items.map(({ line, value }) => {
    const o = (value ?? {}) as Record<string, unknown>;
    const lower = new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
    return { line, cells: header.map((h) => (lower.get(h) == null ? '' : String(lower.get(h)))) };
  });
  return readRows(file, header, [rows], opts, result, problem);
}

async function readCsvLog(file: string, csv: Awaited<ReturnType<typeof readCsv>>, opts: ReadUptimeOptions, result: ReadUptimeResult, problem: Problem): Promise<FileEvidence> {
  if (!csv.header) throw new InputError([{ code: 'INPUT_EMPTY', file, line: 1, message: 'the file is empty', hint: 'export the log again' }]);
  if (opts.map) return mappedProbes(file, csv, opts.map, opts, result, problem);
  const first = csv.header;
  const headerless = UPTIMEROBOT_EVENTS.test(first.cells[0]!.trim());
  const header = headerless ? ['event', 'monitor', 'date-time', 'reason', 'duration'] : first.cells.map((h) => h.trim().toLowerCase());
  const uptimeRobot = headerless || (header.includes('event') && header.includes('duration'));
  const kuma = !headerless && ['monitor_id', 'status', 'time'].every((h) => header.includes(h));
  // Of the presets UptimeRobot's and Uptime Kuma's exports are CSVs; a named preset never falls through to the generic shapes.
  if (opts.preset && !(opts.preset === 'uptimerobot' && uptimeRobot) && !(opts.preset === 'uptime-kuma' && kuma)) throw notThePreset(file, opts.preset);
  // Streamed: a headerless export's first row is data.
  async function* withFirst(): AsyncGenerator<CsvRow[]> {
    if (headerless) yield [first];
    yield* csv.batches;
  }
  const rows = withFirst();
  if (uptimeRobot) return uptimeRobotCsv(header, rows, opts, result, problem);
  if (kuma) {
    // Uptime Kuma's heartbeat table (sqlite3 -header -csv "select * from heartbeat").
    const beats = new KumaBeats(problem);
    const [monitor, status, time] = ['monitor_id', 'status', 'time'].map((h) => header.indexOf(h)) as [number, number, number];
    for await (const batch of rows) for (const { line, cells } of batch) {
      result.rows.read++;
      beats.add(line, at(cells, monitor), at(cells, time), at(cells, status));
    }
    return beats.evidence(opts.maxSampleGapMs);
  }
  return readRows(file, header, rows, opts, result, problem);
}

/**
 * A probe log read through a map: columns by name or place, a timestamp or a
 * date and a time, status words, the service from a column or the map. Each
 * row is a sample, as in a canonical probe log (a heartbeat log is one whose
 * rows all say "up": the time between heartbeats longer than maxSampleGap is no data).
 */
async function mappedProbes(file: string, csv: Awaited<ReturnType<typeof readCsv>>, map: UptimeMap, opts: ReadUptimeOptions, result: ReadUptimeResult, problem: Problem): Promise<FileEvidence> {
  const first = csv.header!;
  const names = first.cells.map((h) => h.trim().toLowerCase());
  const index = (ref: ColumnRef | null, what: string): number => {
    if (ref === null) return -1;
    if (typeof ref === 'number') return ref - 1;
    const i = names.indexOf(ref.trim().toLowerCase());
    if (i < 0) throw new InputError([{ code: 'INPUT_MAP_NO_MATCH', file, line: first.line, message: `uptime.columns.${what}: "${ref}" matches no column`, got: names.map((n) => JSON.stringify(n)).join(', ') }]);
    return i;
  };
  const [ts, date, time, status, service] = [index(map.timestamp, 'timestamp'), index(map.date, 'date'), index(map.time, 'time'), index(map.status, 'status'), index(map.service, 'service')];
  const times = new TimestampReader(opts.inputTz ?? map.zone, map.formats);
  const fallback = map.serviceName ?? DEFAULT_SERVICE;
  const expected = `${[...map.statusWords.keys()].map((w) => JSON.stringify(w)).join(', ') || 'up/down'} (uptime.status in the map)`;
  const e = emptyEvidence('observed');
  if (map.kind === 'state-changes') e.stateChanges = true;
  async function* rows(): AsyncGenerator<CsvRow[]> {
    if (!map.header) yield [first];
    yield* csv.batches;
  }
  for await (const batch of rows()) for (const { line, cells } of batch) {
    result.rows.read++;
    const text = ts >= 0 ? at(cells, ts) : `${at(cells, date)} ${at(cells, time)}`;
    const word = at(cells, status);
    addProbe(e, times, problem, line, (service >= 0 ? at(cells, service) : '') || fallback, text, word, map.statusWords.get(word.toLowerCase()) ?? parseStatus(word), 'not a word the map names', expected);
  }
  return e;
}

function notThePreset(file: string, preset: UptimePreset): InputError {
  return new InputError([
    {
      code: 'UPTIME_NOT_THE_PRESET',
      file,
      line: 1,
      message: `not what --preset ${preset} reads`,
      hint: `check the file, drop --preset to read a canonical log, or use --map (uptime:) for a log of its own shape`,
    },
  ]);
}

/** UptimeRobot's dashboard log export: Event, Monitor, Date-Time, Reason, Duration ("13 hrs, 2 mins"). */
async function uptimeRobotCsv(header: string[], rows: AsyncIterable<CsvRow[]>, opts: ReadUptimeOptions, result: ReadUptimeResult, problem: Problem): Promise<FileEvidence> {
  const at = (name: string) => header.indexOf(name);
  const [ev, mon, dt, rs] = [at('event'), at('monitor'), at('date-time'), at('reason')];
  const durMins = at('duration (in mins.)');
  const dur = at('duration');
  const times = new TimestampReader(opts.inputTz, UPTIMEROBOT_FORMATS);
  const e = emptyEvidence('observed');
  for await (const batch of rows) for (const { line, cells } of batch) {
    result.rows.read++;
    const event = (cells[ev] ?? '').trim().toLowerCase();
    const when = (cells[dt] ?? '').trim();
    const t = times.read(when);
    const ms = durMins >= 0 && cells[durMins] ? parseDurationText(cells[durMins]!, 60) : parseDurationText(cells[dur] ?? '');
    if (!t.ok) {
      problem(line, 'UPTIME_BAD_TIMESTAMP', `Date-Time: ${t.message}`, failureDetail(when, t));
      continue;
    }
    if (ms === null) {
      problem(line, 'UPTIME_BAD_DURATION', 'Duration: not a duration', { expected: '"13 hrs, 2 mins"', got: JSON.stringify(cells[dur] ?? '') });
      continue;
    }
    const kind: PeriodKind = event === 'down' ? 'outage' : event === 'paused' ? 'nodata' : 'up';
    e.periods.push({ service: (cells[mon] ?? '').trim() || DEFAULT_SERVICE, start: t.t, end: t.t + ms, kind, reason: (cells[rs] ?? '').trim() || null, line });
  }
  return e;
}

/** Canonical rows: probe samples (timestamp, status) or intervals (start, end), told apart by the header. */
async function readRows(file: string, header: string[], rows: AsyncIterable<CsvRow[]> | Iterable<CsvRow[]>, opts: ReadUptimeOptions, result: ReadUptimeResult, problem: Problem): Promise<FileEvidence> {
  const col = (c: Column) => header.findIndex((h) => (COLUMNS[c] as readonly string[]).includes(h.trim()));
  const idx = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((c) => [c, col(c)])) as Record<Column, number>;
  const probes = idx.timestamp >= 0 && idx.status >= 0;
  const intervals = idx.start >= 0 && idx.end >= 0;
  if (!probes && !intervals) {
    throw new InputError([
      {
        code: 'UPTIME_UNKNOWN_SHAPE',
        file,
        line: 1,
        message: 'cannot tell the log\'s shape from its columns',
        expected: 'probe samples (timestamp, status[, service]) or intervals (start, end[, service][, kind][, reason])',
        got: `columns ${header.map((h) => JSON.stringify(h)).join(', ')}`,
        hint: 'rename the columns, or pass --preset for a monitoring tool\'s export',
      },
    ]);
  }
  const times = new TimestampReader(opts.inputTz);
  // Probe samples show quiet time; an intervals log lists outages and maintenance only.
  const e = emptyEvidence(probes ? 'observed' : 'outage-list');
  const cell = (cells: string[], c: Column) => at(cells, idx[c]);
  // Column numbers in locals: the probe loop runs millions of times.
  const [serviceCol, timestampCol, statusCol] = [idx.service, idx.timestamp, idx.status];
  for await (const batch of rows) for (const { line, cells } of batch) {
    result.rows.read++;
    const service = at(cells, serviceCol) || DEFAULT_SERVICE;
    if (probes) {
      const word = at(cells, statusCol);
      addProbe(e, times, problem, line, service, at(cells, timestampCol), word, parseStatus(word), 'not a probe result', 'up/down, 1/0, true/false or ok/fail');
      continue;
    }
    const start = times.read(cell(cells, 'start'));
    const end = times.read(cell(cells, 'end'));
    const kindText = cell(cells, 'kind').toLowerCase() || 'outage';
    const kind = KINDS.get(kindText);
    if (!start.ok) problem(line, 'UPTIME_BAD_TIMESTAMP', `start: ${start.message}`, failureDetail(cell(cells, 'start'), start));
    else if (!end.ok) problem(line, 'UPTIME_BAD_TIMESTAMP', `end: ${end.message}`, failureDetail(cell(cells, 'end'), end));
    else if (end.t < start.t) problem(line, 'UPTIME_END_BEFORE_START', 'the interval ends before it starts', { got: `${cell(cells, 'start')} → ${cell(cells, 'end')}`, hint: 'swap start and end, or check their zones' });
    else if (!kind) problem(line, 'UPTIME_BAD_KIND', `kind: unknown interval kind "${kindText}"`, { expected: 'outage or maintenance (emergency maintenance is an outage)' });
    else e.periods.push({ service, start: start.t, end: end.t, kind, reason: cell(cells, 'reason') || null, line });
  }
  return e;
}

/**
 * One probe row, canonical or mapped: a sample, or the problem that keeps it
 * out. `up` is null for a status word the reader does not know.
 */
function addProbe(e: FileEvidence, times: TimestampReader, problem: Problem, line: number, service: string, text: string, word: string, up: boolean | null, badStatus: string, expected: string): void {
  const t = times.ms(text);
  if (Number.isNaN(t)) {
    const f = times.failure(text);
    problem(line, 'UPTIME_BAD_TIMESTAMP', `timestamp: ${f.message}`, failureDetail(text, f));
  } else if (up === null) problem(line, 'UPTIME_BAD_STATUS', `status: ${badStatus}`, { expected, got: JSON.stringify(word) });
  else addSample(e, service, t, up);
}

/** A cell's trimmed text, or '' when the column is absent (-1). */
const at = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
