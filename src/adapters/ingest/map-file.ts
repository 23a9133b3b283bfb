import type { Node } from 'yaml';
import { InputError, type Issue } from '../../core/issues.js';
import type { Policy } from '../../core/policy/model.js';
import { readTextFile } from '../policy/load-policy.js';
import { join, YamlReader } from '../policy/yaml-reader.js';
import { SINGLE_BYTE_ENCODINGS, type SingleByteEncoding } from './decode.js';
import { decodeUptimeMap, type UptimeMap } from './uptime-map.js';
import { CANONICAL_EVENTS, EVENT_FIELDS, type EventField, type EventMapping } from './event-mapping.js';
import { TICKET_FIELDS, TIME_FIELDS, type TicketField, type TicketMapping, type TimeField } from './mapping.js';

const DIALECT_KEYS = [
  'timestampFormat',
  'zone',
  'locale',
  'listKey',
  'record',
  'where',
  'nullValues',
  'delimiter',
  'encoding',
] as const;
const MAP_KEYS = ['columns', ...DIALECT_KEYS, 'priorities', 'duplicates', 'uptime', 'events'] as const;

/**
 * Refine a mapping with a `--map` YAML file: columns (names, JSON paths, or
 * {column, zone, format} / {from, plusMinutes}), timestampFormat, zone,
 * nullValues, delimiter, encoding, priorities (raw value → policy id),
 * duplicates, locale, listKey — and, under `uptime:`, how to read an uptime
 * log. Checked like a policy: file:line:col.
 */
export function loadMapFile(
  base: TicketMapping,
  file: string,
  policy: Policy,
  cwd?: string,
  eventsBase: EventMapping = CANONICAL_EVENTS,
): { tickets: TicketMapping; uptime: UptimeMap | null; events: EventMapping } {
  const r = new YamlReader(file, readTextFile(file, 'map file', cwd), 'MAP');
  const tickets = r.parsed ? decodeMap(r, r.root, '', base, policy) : base;
  const root = r.parsed ? r.fields(r.root, '', MAP_KEYS) : new Map<string, Node | undefined>();
  const uptime = root.has('uptime') ? decodeUptimeMap(r, root.get('uptime'), 'uptime') : null;
  const events = root.has('events') ? decodeEventMap(r, root.get('events'), 'events', eventsBase) : eventsBase;
  if (r.issues.length > 0) throw new InputError(dedupe(r.issues));
  return { tickets, uptime, events };
}

/** The root's keys are checked more than once (for the tickets, uptime, events): each problem once. */
const dedupe = (issues: readonly Issue[]) => [...new Map(issues.map((i) => [JSON.stringify(i), i])).values()];

const EVENT_KEYS = [
  'columns',
  ...DIALECT_KEYS,
  'children',
  'actors',
  'visibility',
  'types',
  'type',
  'statusFields',
  'statuses',
] as const;

/**
 * The `events:` block of a map: how an export of comments, journals or
 * status changes maps onto events (SPEC 2), refining a preset's.
 */
function decodeEventMap(r: YamlReader, node: Node | undefined, path: string, base: EventMapping): EventMapping {
  const f = r.fields(node, path, EVENT_KEYS);
  const out: EventMapping = {
    ...base,
    name: `${r.file} (events)`,
    columns: { ...base.columns },
    stated: { ...base.stated },
  };
  const list = (key: string) =>
    r.isList(f.get(key))
      ? r.stringList(f.get(key), join(path, key))
      : [r.string(f.get(key), join(path, key)) ?? ''].filter((v) => v !== '');
  for (const [field, value] of f.has('columns')
    ? r.entries(f.get('columns'), join(path, 'columns'), EVENT_FIELDS)
    : []) {
    const p = join(join(path, 'columns'), field);
    const own = r.isList(value)
      ? r.stringList(value, p)
      : [r.string(value, p, 'a column name or a dotted JSON path')].filter((n): n is string => n !== undefined);
    out.columns[field as EventField] = [...own, ...(base.columns[field as EventField] ?? [])];
    out.stated[field as EventField] = own;
  }
  decodeDialect(r, f, path, base, out);
  if (f.has('children')) out.children = list('children');
  const valueMap = <V extends string>(key: string, allowed: readonly V[]): Map<string, V> => {
    const m = new Map<string, V>();
    for (const [raw, value] of r.entries(f.get(key), join(path, key))) {
      const v = r.string(value, join(join(path, key), raw));
      if (v !== undefined && (allowed as readonly string[]).includes(v)) m.set(raw.trim().toLowerCase(), v as V);
      else if (v !== undefined)
        r.report(
          value,
          join(join(path, key), raw),
          'NOT_ONE_OF',
          { allowed },
          { expected: allowed.join(' or '), got: JSON.stringify(v) },
        );
    }
    return m;
  };
  if (f.has('actors')) out.actors = valueMap('actors', ['customer', 'vendor'] as const);
  if (f.has('visibility')) out.visibility = valueMap('visibility', ['public', 'private'] as const);
  if (f.has('types')) out.types = valueMap('types', ['reply', 'status', 'ignore'] as const);
  if (f.has('type')) {
    const t = r.string(f.get('type'), join(path, 'type'));
    if (t === 'reply' || t === 'status') out.defaultType = t;
    else if (t !== undefined)
      r.report(
        f.get('type'),
        join(path, 'type'),
        'NOT_AN_EVENT_TYPE',
        {},
        { expected: 'reply or status', got: JSON.stringify(t) },
      );
  }
  if (f.has('statusFields')) out.statusFields = list('statusFields').map((v) => v.toLowerCase());
  if (f.has('statuses'))
    out.statuses = new Map(
      r
        .entries(f.get('statuses'), join(path, 'statuses'))
        .map(([raw, value]) => [raw, r.string(value, join(join(path, 'statuses'), raw)) ?? raw]),
    );
  return out;
}

export function decodeMap(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  base: TicketMapping,
  policy: Policy,
): TicketMapping {
  const f = r.fields(node, path, MAP_KEYS);
  const out: TicketMapping = { ...base, name: r.file, columns: { ...base.columns } };
  if (f.has('columns')) {
    const at = join(path, 'columns');
    const names = (node: Node | undefined, p: string) =>
      r.isList(node)
        ? r.stringList(node, p)
        : [r.string(node, p, 'a column name')].filter((n): n is string => n !== undefined);
    out.fieldZones = { ...base.fieldZones };
    out.fieldFormats = { ...base.fieldFormats };
    for (const [field, value] of r.entries(f.get('columns'), at, TICKET_FIELDS)) {
      const p = join(at, field);
      let own: string[];
      if (r.isMapping(value)) {
        // A field with its own zone or format: {column: "Custom field (First response)", zone: UTC, format: "…"}.
        const g = r.fields(value, p, ['column', 'zone', 'format', 'from', 'plusMinutes']);
        if (g.size === 0)
          r.report(
            value,
            p,
            'EMPTY_FIELD',
            {},
            { expected: 'a column name, or {column, zone, format} or {from: created_at, plusMinutes}' },
          );
        own = g.has('column') ? names(g.get('column'), join(p, 'column')) : [];
        if (g.has('plusMinutes')) {
          // {from: created_at, plusMinutes: "First reply time in minutes"}: the instant is creation + a calendar duration.
          const minutesField =
            field === 'first_response_at'
              ? 'first_response_minutes'
              : field === 'resolved_at'
                ? 'resolution_minutes'
                : null;
          const from = g.has('from') ? r.string(g.get('from'), join(p, 'from')) : 'created_at';
          if (minutesField === null)
            r.report(g.get('plusMinutes'), join(p, 'plusMinutes'), 'NOT_DERIVABLE', {}, { got: field });
          else if (from !== 'created_at')
            r.report(
              g.get('from'),
              join(p, 'from'),
              'MINUTES_FROM_CREATION',
              {},
              { expected: 'created_at', got: JSON.stringify(from) },
            );
          else {
            const minutes = names(g.get('plusMinutes'), join(p, 'plusMinutes'));
            out.columns[minutesField] = [...minutes, ...(base.columns[minutesField] ?? [])];
            out.stated = { ...out.stated, [minutesField]: minutes };
          }
        } else if (g.has('from')) r.report(g.get('from'), join(p, 'from'), 'FROM_NEEDS_PLUS_MINUTES', {});
        const time = (TIME_FIELDS as readonly string[]).includes(field) ? (field as TimeField) : null;
        for (const key of ['zone', 'format'] as const) {
          if (g.has(key) && time === null)
            r.report(g.get(key), join(p, key), 'NOT_A_TIME', { key }, { expected: TIME_FIELDS.join(', '), got: field });
        }
        if (time !== null && g.has('zone')) {
          const zone = r.zone(g.get('zone'), join(p, 'zone'));
          if (zone !== undefined) out.fieldZones[time] = zone;
        }
        if (time !== null && g.has('format')) out.fieldFormats[time] = names(g.get('format'), join(p, 'format'));
      } else own = names(value, p);
      // The map's names come first; the preset's stay as fallbacks.
      if (own.length > 0) {
        out.columns[field as TicketField] = [...own, ...(base.columns[field as TicketField] ?? [])];
        out.stated = { ...out.stated, [field]: own };
      }
    }
  }
  decodeDialect(r, f, path, base, out);
  if (f.has('duplicates')) {
    const d = r.string(f.get('duplicates'), join(path, 'duplicates'));
    if (d === 'error' || d === 'last') out.duplicates = d;
    else if (d !== undefined)
      r.report(
        f.get('duplicates'),
        join(path, 'duplicates'),
        'BAD_DUPLICATES',
        {},
        { expected: 'error or last', got: JSON.stringify(d) },
      );
  }
  if (f.has('priorities')) {
    const ids = new Set(policy.priorities.map((p) => p.id));
    const priorities = new Map(base.priorities);
    for (const [raw, value] of r.entries(f.get('priorities'), join(path, 'priorities'))) {
      const id = r.string(value, join(join(path, 'priorities'), raw), 'a priority id of the policy');
      if (id !== undefined && !ids.has(id)) {
        r.report(
          value,
          join(join(path, 'priorities'), raw),
          'NOT_A_POLICY_PRIORITY',
          { priority: id, policy: policy.id },
          { expected: `one of ${[...ids].join(', ')}`, got: JSON.stringify(id) },
        );
      } else if (id !== undefined) priorities.set(raw.trim().toLowerCase(), id);
    }
    out.priorities = priorities;
  }
  return out;
}

/** The keys a ticket map and an event map share: how the export is written. */
type Dialect = Pick<
  TicketMapping,
  'timestampFormats' | 'zone' | 'locale' | 'nullValues' | 'delimiter' | 'encoding' | 'listKeys' | 'record' | 'where'
>;

function decodeDialect(
  r: YamlReader,
  f: Map<string, Node | undefined>,
  path: string,
  base: Dialect,
  out: Dialect,
): void {
  if (f.has('timestampFormat')) {
    const node = f.get('timestampFormat');
    out.timestampFormats = r.isList(node)
      ? r.stringList(node, join(path, 'timestampFormat'))
      : [r.string(node, join(path, 'timestampFormat'), 'Luxon format tokens such as "dd/MM/yyyy HH:mm"') ?? ''];
    for (const format of out.timestampFormats) {
      const run = adjacentVariable(format);
      if (run !== null)
        r.report(
          node,
          join(path, 'timestampFormat'),
          'BAD_TIMESTAMP_FORMAT',
          { format, tokens: run },
          {
            expected: 'a separator or a fixed width (dd, HH) between tokens of one or two digits',
            got: JSON.stringify(format),
          },
        );
    }
  }
  if (f.has('zone')) {
    const zone = r.zone(f.get('zone'), join(path, 'zone'));
    if (zone !== undefined) out.zone = zone;
  }
  if (f.has('locale')) out.locale = r.string(f.get('locale'), join(path, 'locale')) ?? out.locale;
  // Placeholders an export writes for "no value" ("-", "null", "1900-01-01 00:00:00"): empty cells, not errors.
  if (f.has('nullValues'))
    out.nullValues = [
      ...base.nullValues,
      ...r.stringList(f.get('nullValues'), join(path, 'nullValues')).map((v) => v.trim()),
    ];
  if (f.has('delimiter')) {
    const d = r.string(f.get('delimiter'), join(path, 'delimiter'));
    const delimiter = d === 'tab' || d === '\\t' ? '\t' : d;
    if (delimiter !== undefined && delimiter.length === 1 && !/[\s"\w]/.test(delimiter.replace('\t', '#')))
      out.delimiter = delimiter;
    else if (d !== undefined)
      r.report(
        f.get('delimiter'),
        join(path, 'delimiter'),
        'BAD_DELIMITER',
        {},
        { expected: 'one character such as ";", "|" or tab', got: JSON.stringify(d) },
      );
  }
  if (f.has('encoding')) {
    const e = r
      .string(f.get('encoding'), join(path, 'encoding'))
      ?.toLowerCase()
      .replace(/^(latin-?1|cp1252)$/, (m) => (m.startsWith('cp') ? 'windows-1252' : 'iso-8859-1'));
    if (e === 'utf-8' || e === 'utf8') out.encoding = null;
    else if ((SINGLE_BYTE_ENCODINGS as readonly string[]).includes(e ?? '')) out.encoding = e as SingleByteEncoding;
    else if (e !== undefined)
      r.report(
        f.get('encoding'),
        join(path, 'encoding'),
        'BAD_ENCODING',
        {},
        {
          expected: `utf-8, ${SINGLE_BYTE_ENCODINGS.join(', ')} (UTF-16 is read from its BOM)`,
          got: JSON.stringify(e),
        },
      );
  }
  if (f.has('listKey')) out.listKeys = [r.string(f.get('listKey'), join(path, 'listKey')) ?? '', ...base.listKeys];
  // An envelope around each record ({"stream": "tickets", "data": {…}}): the record's path, and which envelopes hold this kind.
  if (f.has('record'))
    out.record = r.string(f.get('record'), join(path, 'record'), 'a dotted path such as data') ?? null;
  if (f.has('where')) {
    const at = join(path, 'where');
    out.where = [
      ...base.where,
      ...r
        .entries(f.get('where'), at)
        .map(
          ([key, value]) =>
            [
              key,
              (r.isList(value) ? r.stringList(value, join(at, key)) : [r.string(value, join(at, key)) ?? '']).map((v) =>
                v.trim().toLowerCase(),
              ),
            ] as const,
        ),
    ];
  }
}

/** Luxon's tokens of one or more digits of no fixed width (d is 1–2 digits, y 1–6): in a row they can split a number many ways. */
const VARIABLE = new Set(['d', 'M', 'L', 'y', 'H', 'h', 'k', 'm', 's', 'S', 'W', 'o', 'u', 'X', 'x']);

/**
 * Two variable-width tokens with nothing between them ("dH"), as "d H" needs: which digits are the day's is
 * then a guess, and a matcher tries every split — a format of fourteen such pairs took seconds a row. The
 * pair, or null.
 */
function adjacentVariable(format: string): string | null {
  if (format === 'epoch-seconds' || format === 'epoch-millis') return null;
  let previous: string | null = null;
  for (let i = 0; i < format.length;) {
    const c = format[i]!;
    if (c === "'") {
      const end = format.indexOf("'", i + 1);
      i = end === -1 ? format.length : end + 1;
      previous = null;
      continue;
    }
    let j = i;
    while (j < format.length && format[j] === c) j++;
    const token = format.slice(i, j);
    const variable = /[A-Za-z]/.test(c) && token.length === 1 && VARIABLE.has(c);
    if (variable && previous !== null) return previous + token;
    previous = variable ? token : null;
    i = j;
  }
  return null;
}
