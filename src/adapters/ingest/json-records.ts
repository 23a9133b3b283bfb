import type { FieldSpec, RecordSource, SourceRecord } from './records.js';
import { fileIssue } from './text-formats.js';

/*
 * JSON values → records: a list element is one record, or — where the spec
 * names an envelope (an Airbyte line's `data`) or child lists (Zendesk
 * audits → their events) — the objects inside it. Every element gives at
 * least one record or one that reports why it is none: a line is never
 * dropped unsaid.
 */

/** The prefix of a `where` path among the fields a spec looks up. */
export const WHERE = 'where:';

/** A record's keys, and one level of the objects under them as dotted paths (`fields.priority`), for a message. */
export function keyPaths(obj: Record<string, unknown>): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? [k, ...Object.keys(v).map((s) => `${k}.${s}`)] : [k],
  );
}

/**
 * The value at a dotted path (`fields.priority.name`, `stats.first_responded_at`),
 * each key matched case-insensitively after trimming; undefined when a step is missing.
 */
export function atPath(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const step of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      cur = /^\d+$/.test(step) ? cur[Number(step)] : undefined;
      continue;
    }
    const o = cur as Record<string, unknown>;
    const key = Object.keys(o).find((k) => k.trim().toLowerCase() === step);
    if (key === undefined) return undefined;
    cur = o[key];
  }
  return cur;
}

/**
 * Lower-cased keys of a JSON record, looked up through the mapping. `fields`,
 * when given, collects the fields the record has; `columns` the key each
 * field was first found under.
 */
export function jsonRecord<F extends string>(
  obj: Record<string, unknown>,
  line: number,
  spec: FieldSpec<F>,
  fields?: Set<F>,
  col?: number,
  columns?: Map<F, string>,
): SourceRecord<F> {
  const lower = new Map<string, unknown>();
  for (const k of Object.keys(obj)) lower.set(k.trim().toLowerCase(), obj[k]);
  const resolved = new Map<F, unknown>();
  for (const field of spec.fields) {
    for (const name of spec.names.get(field)!) {
      // A key as it is, else a path into nested objects (a key itself may hold a dot).
      const value = lower.has(name) ? lower.get(name) : name.includes('.') ? atPath(obj, name) : undefined;
      if (value !== undefined || lower.has(name)) {
        resolved.set(field, value);
        fields?.add(field);
        if (columns && !columns.has(field)) columns.set(field, name);
        break;
      }
    }
  }
  return {
    line,
    ...(col !== undefined ? { col } : {}),
    get: (f) => resolved.get(f),
    list: (name) => {
      const value = name.includes('.') ? atPath(obj, name.trim().toLowerCase()) : lower.get(name.trim().toLowerCase());
      return Array.isArray(value) ? value : value === undefined || value === null ? undefined : [value];
    },
  };
}

function notAnObject<F extends string>(file: string, line: number, got: unknown, noun: string): SourceRecord<F> {
  const fail = (): never => {
    throw fileIssue(
      file,
      line,
      'INPUT_NOT_AN_OBJECT',
      { noun },
      { got: Array.isArray(got) ? 'an array' : (JSON.stringify(got)?.slice(0, 40) ?? 'nothing') },
    );
  };
  return { line, get: fail, list: fail };
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A list element as the objects that are records: itself, or — where the
 * spec names child lists — each element of its innermost list, over the
 * keys of every level above (a child's own keys win). An element without
 * children of its own (an audit with no events) is no record: that is the
 * export's own way of saying so.
 */
function expand(value: Record<string, unknown>, children: readonly string[]): Array<Record<string, unknown>> {
  let level: Array<Record<string, unknown>> = [value];
  for (const child of children) {
    level = level.flatMap((parent) => {
      // One child exported as an object rather than a list of one is still that child.
      const found = atPath(parent, child.trim().toLowerCase());
      const list = Array.isArray(found) ? found : isObject(found) ? [found] : [];
      return list.filter(isObject).map((c) => ({ ...parent, ...c }));
    });
  }
  return level;
}

/** What an envelope holds that is no record, for a message. */
function described(v: unknown): string {
  if (v === undefined) return 'no such key';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an empty list';
  return `a ${typeof v} (${JSON.stringify(v)?.slice(0, 40)})`;
}

/**
 * A list element whose envelope holds no record (the key missing, null, a
 * string): a record that fails at its first field, naming the line — read
 * and skipped, or an error — unless the spec's `where` passes it over first,
 * which it reads from the element's own keys.
 */
function noRecord<F extends string>(
  value: Record<string, unknown>,
  inner: unknown,
  spec: FieldSpec<F>,
  file: string,
  line: number,
  col?: number,
): SourceRecord<F> {
  const outer = jsonRecord(value, line, spec, undefined, col);
  const envelope = spec.envelope!;
  const fail = (): never => {
    throw fileIssue(
      file,
      line,
      'INPUT_NO_RECORD',
      { envelope, noun: spec.noun },
      {
        ...(col !== undefined ? { col } : {}),
        expected: 'an object',
        got: described(inner),
        hint: `fix the line, or pass such lines over with where: in the map (record: ${envelope} reads every line's "${envelope}")`,
      },
    );
  };
  return {
    line,
    ...(col !== undefined ? { col } : {}),
    get: (f) => (f.startsWith(WHERE) ? outer.get(f) : fail()),
    list: fail,
  };
}

/** The objects of a list element, after its envelope; null where the envelope holds none. */
function unwrapped(
  value: Record<string, unknown>,
  envelope: string | undefined,
): Array<Record<string, unknown>> | null {
  if (envelope === undefined) return [value];
  const inner = atPath(value, envelope.trim().toLowerCase());
  if (isObject(inner)) return [{ ...value, ...inner }];
  if (Array.isArray(inner) && inner.length > 0)
    return inner.map((i) => (isObject(i) ? { ...value, ...i } : (i as Record<string, unknown>)));
  return null;
}

/** The first object a list element's records are read from (for the keys a message lists), if any. */
export function firstRecordObject(value: unknown, spec: FieldSpec<string>): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const objects = unwrapped(value, spec.envelope);
  return objects === null || !isObject(objects[0]) ? undefined : expand(objects[0], spec.children)[0];
}

/** A list element's records (each a JSON object), or one that reports why it is none. */
export function recordsOf<F extends string>(
  value: unknown,
  spec: FieldSpec<F>,
  file: string,
  line: number,
  col?: number,
  fields?: Set<F>,
  columns?: Map<F, string>,
): Array<SourceRecord<F>> {
  if (!isObject(value)) return [notAnObject(file, line, value, spec.noun)];
  if (spec.envelope === undefined && spec.children.length === 0)
    return [jsonRecord(value, line, spec, fields, col, columns)];
  const objects = unwrapped(value, spec.envelope);
  if (objects === null)
    return [
      noRecord(
        value,
        spec.envelope === undefined ? undefined : atPath(value, spec.envelope.trim().toLowerCase()),
        spec,
        file,
        line,
        col,
      ),
    ];
  const out: Array<SourceRecord<F>> = [];
  for (const obj of objects) {
    if (!isObject(obj)) out.push(notAnObject(file, line, obj, spec.noun));
    else for (const o of expand(obj, spec.children)) out.push(jsonRecord(o, line, spec, fields, col, columns));
  }
  return out;
}

/**
 * The records of a document: the document itself when it is an array, the
 * array under one of the spec's list keys, or — an API response for one
 * record (GET /tickets/1) — the object itself when it has the required fields.
 */
export function listOf<F extends string>(
  file: string,
  doc: unknown,
  spec: FieldSpec<F>,
  kind: 'JSON' | 'XML',
): { list: unknown[]; path: string[] } {
  if (Array.isArray(doc)) return { list: doc, path: [] };
  if (isObject(doc)) {
    const key = spec.listKeys.find((k) => Array.isArray(doc[k]));
    if (key !== undefined) return { list: doc[key] as unknown[], path: [key] };
    const one = jsonRecord(doc, 1, spec);
    if (kind === 'JSON' && spec.required.every((f) => one.get(f) !== undefined)) return { list: [doc], path: [] };
    throw fileIssue(
      file,
      1,
      spec.noun === 'event' ? 'INPUT_NO_EVENT_LIST' : 'INPUT_NO_TICKET_LIST',
      { noun: spec.noun, kind },
      {
        expected: `${kind === 'XML' ? 'elements' : 'an array, or an object with an array'} under ${spec.listKeys.map((k) => JSON.stringify(k)).join(', ')}`,
        got: `${kind === 'XML' ? 'elements' : 'keys'} ${Object.keys(doc)
          .slice(0, 8)
          .map((k) => JSON.stringify(k))
          .join(', ')}`,
        hint:
          kind === 'XML'
            ? 'pass --preset for the table exported, or name its element with --map listKey'
            : 'pass --preset for your helpdesk, or name the list with --map listKey',
      },
    );
  }
  throw fileIssue(
    file,
    1,
    'INPUT_NOT_A_LIST',
    { noun: spec.noun },
    { expected: 'an array of objects', got: JSON.stringify(doc).slice(0, 40) },
  );
}

export function documentSource<F extends string>(
  file: string,
  list: unknown[],
  lines: ReadonlyArray<readonly [number, number]>,
  spec: FieldSpec<F>,
): RecordSource<F> {
  // The document is in memory: map every record first, so the fields any
  // record has are known before the first one is used.
  const fields = new Set<F>();
  const columns = new Map<F, string>();
  const records = list.flatMap((value, i) => {
    const [line, col] = lines[i] ?? [1, 1];
    return recordsOf(value, spec, file, line, col, fields, columns);
  });
  async function* batches(): AsyncGenerator<Iterable<SourceRecord<F>>> {
    yield records;
  }
  let firstObject: Record<string, unknown> | undefined;
  for (const v of list) if ((firstObject = firstRecordObject(v, spec)) !== undefined) break;
  return { fields, complete: true, batches: batches(), columns, available: firstObject ? keyPaths(firstObject) : [] };
}
