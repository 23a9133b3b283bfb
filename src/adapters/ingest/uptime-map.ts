import type { Node } from 'yaml';
import { join, type YamlReader } from '../policy/yaml-reader.js';

/** A column by its name in the header, or by its place (1 = the first), for files without a header. */
export type ColumnRef = string | number;

/**
 * How to read an uptime log that is not in a known shape (a map's `uptime:`
 * block): a probe log of timestamp (or a date and a time in two columns)
 * and status, with the status words it writes.
 */
export interface UptimeMap {
  /** false: the first line is data, and columns are given by place. */
  header: boolean;
  timestamp: ColumnRef | null;
  date: ColumnRef | null;
  time: ColumnRef | null;
  status: ColumnRef | null;
  service: ColumnRef | null;
  /** The service every row belongs to, when no column says. */
  serviceName: string | null;
  /** Luxon formats of the timestamp (or of "date time" joined by a space). */
  formats: readonly string[];
  zone: string | null;
  /** Status words (lower case) → up (true) or down (false); others are the usual up/down, 1/0, ok/fail. */
  statusWords: ReadonlyMap<string, boolean>;
  /** `probes` (default): a row stands for a sample gap; `state-changes`: a row's state holds until the next. */
  kind: 'probes' | 'state-changes';
}

const KEYS = ['header', 'kind', 'columns', 'format', 'zone', 'status', 'service'] as const;
const COLUMN_KEYS = ['timestamp', 'date', 'time', 'status', 'service'] as const;

/** The `uptime:` block of a map file, checked like the rest: file:line:col. */
export function decodeUptimeMap(r: YamlReader, node: Node | undefined, path: string): UptimeMap {
  const f = r.fields(node, path, KEYS);
  const map: UptimeMap = {
    header: true,
    timestamp: null,
    date: null,
    time: null,
    status: null,
    service: null,
    serviceName: null,
    formats: [],
    zone: null,
    statusWords: new Map(),
    kind: 'probes',
  };
  if (f.has('kind')) {
    const k = r.string(f.get('kind'), join(path, 'kind'));
    if (k === 'probes' || k === 'state-changes') map.kind = k;
    else if (k !== undefined)
      r.report(
        f.get('kind'),
        join(path, 'kind'),
        'BAD_UPTIME_KIND',
        {},
        {
          expected: 'probes (each row a sample) or state-changes (each row holds until the next)',
          got: JSON.stringify(k),
        },
      );
  }
  if (f.has('header')) map.header = r.boolean(f.get('header'), join(path, 'header')) ?? true;
  const columnRef = (n: Node | undefined, p: string): ColumnRef | null => {
    const v = r.resolve(n) as unknown as { value?: unknown } | undefined;
    if (typeof v?.value === 'number' && Number.isInteger(v.value) && v.value >= 1) return v.value;
    if (!map.header && typeof v?.value !== 'number')
      r.report(n, p, 'COLUMN_BY_PLACE', {}, { expected: 'a number from 1', got: JSON.stringify(v?.value ?? null) });
    return r.string(n, p, 'a column name, or its place (1 = the first)') ?? null;
  };
  if (f.has('columns')) {
    const at = join(path, 'columns');
    for (const [key, value] of r.entries(f.get('columns'), at, COLUMN_KEYS))
      map[key as (typeof COLUMN_KEYS)[number]] = columnRef(value, join(at, key));
    if (map.timestamp === null && (map.date === null || map.time === null))
      r.report(f.get('columns'), at, 'NO_TIMESTAMP_COLUMN', {}, { expected: 'timestamp, or date and time' });
    if (map.status === null) r.report(f.get('columns'), at, 'NO_STATUS_COLUMN', {}, { expected: 'status' });
  } else
    r.report(node, path, 'NO_COLUMNS', {}, { expected: 'columns: {timestamp (or date and time), status[, service]}' });
  if (f.has('format'))
    map.formats = r.isList(f.get('format'))
      ? r.stringList(f.get('format'), join(path, 'format'))
      : [r.string(f.get('format'), join(path, 'format'), 'Luxon format tokens') ?? ''].filter(Boolean);
  if (f.has('zone')) map.zone = r.zone(f.get('zone'), join(path, 'zone')) ?? null;
  if (f.has('service'))
    map.serviceName =
      r.string(f.get('service'), join(path, 'service'), 'the name of the service the log is for') ?? null;
  if (f.has('status')) {
    const words = new Map<string, boolean>();
    for (const [state, value] of r.entries(f.get('status'), join(path, 'status'), ['up', 'down'])) {
      const list = r.isList(value)
        ? r.stringList(value, join(join(path, 'status'), state))
        : [r.string(value, join(join(path, 'status'), state)) ?? ''];
      for (const w of list) if (w) words.set(w.trim().toLowerCase(), state === 'up');
    }
    map.statusWords = words;
  }
  return map;
}
