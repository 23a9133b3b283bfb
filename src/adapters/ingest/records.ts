import { createReadStream, fstatSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, type Issue } from '../../core/issues.js';
import { decodeText, type SingleByteEncoding } from './decode.js';
import { arrayElementLines } from './json-lines.js';
import { fileIssue, readCsv, readJsonDocument, readNdjson, type CsvRow } from './text-formats.js';
import { REQUIRED_FIELDS, TICKET_FIELDS, candidates, type TicketField, type TicketMapping } from './mapping.js';

/** One input record, its fields looked up through the mapping. Valid until the next record is read. */
export interface SourceRecord {
  line: number;
  /** Column of a JSON record, where a file holds many records on one line. */
  col?: number;
  get(field: TicketField): unknown;
}

export interface RecordSource {
  /** Fields the file has a column (CSV) or key (JSON, any record) for. */
  fields: Set<TicketField>;
  /**
   * `fields` names every field any record has, so a field not in it is
   * absent from every record (CSV, a JSON document; not NDJSON, whose
   * `fields` come from a scan for a few of them).
   */
  complete: boolean;
  /** Records in batches, each record valid until the next is taken. */
  batches: AsyncGenerator<Iterable<SourceRecord>>;
  /** The column (lower-cased) a field is read from, where the source knows it before its records (CSV, JSON documents). */
  columns: ReadonlyMap<TicketField, string>;
  /** The columns (CSV) or keys and paths (a JSON document's first record) there are, for a message. */
  available: readonly string[];
}

export type InputFormat = 'csv' | 'json' | 'ndjson';

/** UTF-8 bytes, or text decoded from UTF-16. */
export type Chunk = string | Buffer;

/**
 * An input: a path (relative to the caller's working directory; "-" is
 * stdin) or a stream with the name messages give it.
 */
export type InputSource = string | { name: string; stream: AsyncIterable<Uint8Array> };

/** The name an input goes by in messages and reports. */
export const inputName = (source: InputSource): string => (typeof source === 'string' ? source : source.name);

/**
 * A regular file can be read a second time (a scan before the read); stdin,
 * streams and pipes given by path (`<(…)`, a FIFO) cannot: their bytes go to
 * whichever reader takes them first.
 */
export function rereadable(source: InputSource, cwd = '.'): source is string {
  if (typeof source !== 'string' || source === '-') return false;
  try {
    return statSync(resolve(cwd, source)).isFile();
  } catch {
    return false; // the read reports it
  }
}

/** Whether a path is a pattern: `*` or `?` in its file name. */
export const isPattern = (path: string): boolean => /[*?]/.test(basename(path));

/**
 * A pattern's files (`exports/tickets-*.csv`), in name order; `*` and `?`
 * in the file name only. An empty list when nothing matches: the caller says
 * so with its own position.
 */
export function expandPattern(pattern: string, cwd = '.'): string[] {
  const dir = dirname(pattern);
  if (/[*?]/.test(dir)) return [];
  const re = new RegExp(`^${basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, dir));
  } catch {
    return [];
  }
  return names
    .filter((n) => re.test(n))
    .sort()
    .map((n) => (dir === '.' && !pattern.startsWith('./') ? n : join(dir, n)));
}

/** The input's bytes: a file (resolved against `cwd`), stdin for "-", or the stream given. */
export function openInput(source: InputSource, cwd = '.'): AsyncIterable<Uint8Array> {
  if (typeof source !== 'string') return source.stream;
  return source === '-' ? process.stdin : createReadStream(resolve(cwd, source));
}

/** Whether stdin is a directory (`< somedir`), which would read as an empty file. */
export function stdinIsDirectory(): boolean {
  try {
    return fstatSync(0).isDirectory();
  } catch {
    return false;
  }
}

export function formatFromName(file: string): InputFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/** Called with each chunk's size in bytes, for progress on long inputs. */
export type OnBytes = (file: string, bytes: number) => void;

/** Text chunks, with the format sniffed from the content when the name does not tell. */
export async function openText(source: InputSource, cwd?: string, onBytes?: OnBytes, encoding?: SingleByteEncoding | null): Promise<{ format: InputFormat; chunks: AsyncGenerator<Chunk> }> {
  const file = inputName(source);
  const chunks = decodeText(openInput(source, cwd), file, onBytes && ((n) => onBytes(file, n)), encoding ?? undefined);
  const first = await chunks.next();
  const head = first.done ? '' : first.value;
  async function* all(): AsyncGenerator<Chunk> {
    if (head) yield head;
    yield* chunks;
  }
  // XML (a ServiceNow unload) is not read: said so, not reported as a CSV quoting error.
  if (/^\s*<(\?xml|unload|[A-Za-z_][\w.-]*[\s>])/.test(head.toString().slice(0, 512)) || file.toLowerCase().endsWith('.xml')) {
    throw fileIssue(file, 1, 'INPUT_XML', 'XML is not read (this looks like an XML export, such as a ServiceNow unload)', {
      hint: 'export the list as CSV or JSON instead (ServiceNow: list → right-click the header → Export → CSV or JSON)',
    });
  }
  let format = formatFromName(file);
  if (!format) {
    const start = head.toString().trimStart();
    if (start.startsWith('[')) format = 'json';
    else if (start.startsWith('{')) format = /^\{[^\n]*\}\s*\n\s*\{/.test(start) || !/\n/.test(start.trim()) ? 'ndjson' : 'json';
    else format = 'csv';
  }
  return { format, chunks: all() };
}


/** CSV, streamed: the header row maps columns; each later row is a record. */
export async function csvSource(file: string, chunks: AsyncGenerator<Chunk>, mapping: TicketMapping): Promise<RecordSource> {
  const { header: headerRow, batches: rowBatches } = await readCsv(file, chunks, mapping.delimiter);
  if (!headerRow) throw fileIssue(file, 1, 'INPUT_EMPTY', 'the file is empty', { expected: 'a header row and ticket rows', hint: 'export the tickets again' });
  const headers = headerRow.cells.map((h) => h.trim().toLowerCase());
  const index = new Map<TicketField, number>();
  const issues: Issue[] = [];
  for (const field of TICKET_FIELDS) {
    for (const name of candidates(mapping, field)) {
      const at = headers.indexOf(name);
      if (at < 0) continue;
      const again = headers.indexOf(name, at + 1);
      if (again >= 0) {
        issues.push({ code: 'INPUT_DUPLICATE_COLUMN', file, line: headerRow.line, col: again + 1, message: `column "${headerRow.cells[again]!.trim()}" appears twice (columns ${at + 1} and ${again + 1})`, hint: 'remove or rename one of them' });
      }
      index.set(field, at);
      break;
    }
  }
  for (const field of REQUIRED_FIELDS) {
    if (!index.has(field)) {
      issues.push({
        code: 'INPUT_MISSING_COLUMN',
        file,
        line: headerRow.line,
        message: `no column for the required field "${field}"`,
        expected: `one of ${candidates(mapping, field).map((c) => JSON.stringify(c)).join(', ')}`,
        got: `columns ${headerRow.cells.slice(0, 12).map((h) => JSON.stringify(h.trim())).join(', ')}${headerRow.cells.length > 12 ? ', …' : ''}`,
        hint: mapping.name === 'canonical' ? 'pass --preset for your helpdesk or --map with the column names' : `check the export or refine the ${mapping.name} preset with --map`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  const width = headers.length;
  const at: Partial<Record<TicketField, number>> = Object.fromEntries(index);
  // One cursor over the current row, reused: the reader uses each record
  // before asking for the next, and a record per row would be garbage.
  // The row's width is checked once, as it is taken; a row of the wrong
  // width throws at its first field read.
  const cursor = {
    line: 0,
    cells: [] as string[],
    fits: true,
    get(f: TicketField): string | undefined {
      if (!this.fits) {
        throw fileIssue(file, this.line, 'INPUT_FIELD_COUNT', `the row has ${this.cells.length} fields, the header ${width}`, { hint: 'check for an unquoted comma or a missing field' });
      }
      const i = at[f];
      return i === undefined ? undefined : this.cells[i];
    },
  };
  function* overRows(rows: CsvRow[]): Generator<SourceRecord> {
    for (const row of rows) {
      cursor.line = row.line;
      cursor.cells = row.cells;
      cursor.fits = row.cells.length === width;
      yield cursor;
    }
  }
  async function* batches(): AsyncGenerator<Iterable<SourceRecord>> {
    for await (const rows of rowBatches) yield overRows(rows);
  }
  return { fields: new Set(index.keys()), complete: true, batches: batches(), columns: new Map([...index].map(([f, i]) => [f, headers[i]!])), available: headerRow.cells.map((h) => h.trim()) };
}

/** A record's keys, and one level of the objects under them as dotted paths (`fields.priority`), for a message. */
function keyPaths(obj: Record<string, unknown>): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [k, ...Object.keys(v).map((s) => `${k}.${s}`)] : [k]));
}

/**
 * The value at a dotted path (`fields.priority.name`, `stats.first_responded_at`),
 * each key matched case-insensitively after trimming; undefined when a step is missing.
 */
function atPath(obj: Record<string, unknown>, path: string): unknown {
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
function jsonRecord(obj: Record<string, unknown>, line: number, mapping: TicketMapping, fields?: Set<TicketField>, col?: number, columns?: Map<TicketField, string>): SourceRecord {
  const lower = new Map<string, unknown>();
  for (const k of Object.keys(obj)) lower.set(k.trim().toLowerCase(), obj[k]);
  const resolved = new Map<TicketField, unknown>();
  for (const field of TICKET_FIELDS) {
    for (const name of candidates(mapping, field)) {
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
  return { line, ...(col !== undefined ? { col } : {}), get: (f) => resolved.get(f) };
}

function notAnObject(file: string, line: number, got: unknown): SourceRecord {
  return {
    line,
    get: () => {
      throw fileIssue(file, line, 'INPUT_NOT_AN_OBJECT', 'a ticket must be a JSON object', { got: Array.isArray(got) ? 'an array' : JSON.stringify(got)?.slice(0, 40) ?? 'nothing' });
    },
  };
}

/**
 * NDJSON, streamed: one object per line; blank lines are skipped. Which
 * fields the file has is settled first by a scan of its bytes (stdin and
 * streams cannot be scanned: there, each record speaks for itself).
 */
export async function ndjsonSource(source: InputSource, cwd: string | undefined, chunks: AsyncGenerator<Chunk>, mapping: TicketMapping): Promise<RecordSource> {
  const file = inputName(source);
  const fields = rereadable(source, cwd) ? await fieldsMentioned(source, cwd, mapping, ['first_response_at']) : new Set<TicketField>(['first_response_at']);
  async function* batches(): AsyncGenerator<Iterable<SourceRecord>> {
    for await (const item of readNdjson(chunks)) {
      const { line } = item;
      if ('error' in item) {
        yield [{ line, get: () => { throw fileIssue(file, line, 'INPUT_BAD_JSON', `not valid JSON (${item.error})`, { hint: 'each line of an NDJSON file must be one JSON object' }); } }];
        continue;
      }
      const value = item.value;
      yield [value !== null && typeof value === 'object' && !Array.isArray(value) ? jsonRecord(value as Record<string, unknown>, line, mapping) : notAnObject(file, line, value)];
    }
  }
  return { fields, complete: false, batches: batches(), columns: new Map(), available: [] };
}

/** Which of `wanted` appear as a key ("name":) anywhere in the file, by a case-insensitive byte scan. */
async function fieldsMentioned(file: string, cwd: string | undefined, mapping: TicketMapping, wanted: readonly TicketField[]): Promise<Set<TicketField>> {
  const found = new Set<TicketField>();
  const patterns = wanted.map((f) => [f, new RegExp(`"(?:${candidates(mapping, f).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})"\\s*:`, 'i')] as const);
  let tail = '';
  for await (const chunk of decodeText(openInput(file, cwd), file, undefined, mapping.encoding ?? undefined)) {
    const text = tail + chunk.toString();
    for (const [f, re] of patterns) if (!found.has(f) && re.test(text)) found.add(f);
    if (found.size === wanted.length) break;
    tail = text.slice(-256);
  }
  return found;
}

/** A JSON document read whole: an array of tickets, or an API response object holding one. */
export async function jsonSource(file: string, chunks: AsyncGenerator<Chunk>, mapping: TicketMapping): Promise<RecordSource> {
  const { doc, text } = await readJsonDocument(file, chunks);
  let list: unknown[];
  let path: string[] = [];
  if (Array.isArray(doc)) list = doc;
  else if (doc !== null && typeof doc === 'object') {
    const obj = doc as Record<string, unknown>;
    const key = mapping.listKeys.find((k) => Array.isArray(obj[k]));
    if (key === undefined) {
      throw fileIssue(file, 1, 'INPUT_NO_TICKET_LIST', 'no list of tickets in this JSON object', {
        expected: `an array, or an object with an array under ${mapping.listKeys.map((k) => JSON.stringify(k)).join(', ')}`,
        got: `keys ${Object.keys(obj).slice(0, 8).map((k) => JSON.stringify(k)).join(', ')}`,
      });
    }
    list = obj[key] as unknown[];
    path = [key];
  } else {
    throw fileIssue(file, 1, 'INPUT_NO_TICKET_LIST', 'the JSON document is not a list of tickets', { expected: 'an array of objects', got: JSON.stringify(doc).slice(0, 40) });
  }
  const lines = arrayElementLines(text, path);
  // The document is in memory: map every record first, so the fields any
  // record has are known before the first one is used.
  const fields = new Set<TicketField>();
  const columns = new Map<TicketField, string>();
  const records = list.map((value, i): SourceRecord => {
    const [line, col] = lines[i] ?? [1, 1];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? jsonRecord(value as Record<string, unknown>, line, mapping, fields, col, columns) : notAnObject(file, line, value);
  });
  async function* batches(): AsyncGenerator<Iterable<SourceRecord>> {
    yield records;
  }
  const firstObject = list.find((v) => v !== null && typeof v === 'object' && !Array.isArray(v)) as Record<string, unknown> | undefined;
  return { fields, complete: true, batches: batches(), columns, available: firstObject ? keyPaths(firstObject) : [] };
}
