import { firstRecordObject, keyPaths, recordsOf } from './json-records.js';
import type { ParquetTable } from './parquet-table.js';
import type { FieldSpec, RecordSource, SourceRecord } from './records.js';
import type { CsvReader, CsvRow } from './text-formats.js';

/*
 * Parquet rows → the record layer. Each row is the object a JSON export
 * would give (its columns as keys, nested columns as arrays and objects), so
 * --map, presets, dotted paths, child lists and `where` read it as they read
 * JSON. A record's "line" is its row number, counted from 1.
 */

/**
 * A Parquet file starts with "PAR1" and then a page header, whose first
 * byte is binary (0x15); a CSV whose first column is named "PAR1…" is text.
 */
export const isParquetHead = (b: Uint8Array): boolean =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31 && (b.length === 4 || b[4]! < 0x20);

/** A Parquet input read whole: its bytes, then its columns. The reader is loaded only for a Parquet input. */
export async function readParquet(
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
  onBytes?: (n: number) => void,
): Promise<ParquetTable> {
  const { readParquetBytes, readParquetTable } = await import('./parquet-table.js');
  return readParquetTable(file, await readParquetBytes(file, chunks, onBytes));
}

/** The table's rows as objects without a prototype: a column named `__proto__` is a key like any other. */
function rowObjects(table: ParquetTable): Array<Record<string, unknown>> {
  const rows = new Array<Record<string, unknown>>(table.rows);
  for (let r = 0; r < table.rows; r++) {
    const row = Object.create(null) as Record<string, unknown>;
    for (const c of table.columns) row[c.name] = c.values[r];
    rows[r] = row;
  }
  return rows;
}

/** A Parquet file read whole: its rows as objects, and its column names. */
export async function parquetRecords(
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
): Promise<{ rows: Array<Record<string, unknown>>; columns: string[] }> {
  const table = await readParquet(file, chunks);
  return { rows: rowObjects(table), columns: table.columns.map((c) => c.name) };
}

/** A Parquet file's records, each mapped as a JSON record is; every record is mapped first, as a JSON document's are. */
export function parquetSource<F extends string>(
  rows: ReadonlyArray<Record<string, unknown>>,
  names: readonly string[],
  spec: FieldSpec<F>,
  file: string,
): RecordSource<F> {
  const fields = new Set<F>();
  const columns = new Map<F, string>();
  const records: Array<SourceRecord<F>> = [];
  for (let r = 0; r < rows.length; r++)
    for (const record of recordsOf(rows[r], spec, file, r + 1, undefined, fields, columns)) records.push(record);
  async function* batches(): AsyncGenerator<Iterable<SourceRecord<F>>> {
    yield records;
  }
  const first = rows.length > 0 ? firstRecordObject(rows[0], spec) : undefined;
  return {
    fields,
    complete: true,
    batches: batches(),
    columns,
    available: first ? keyPaths(first) : [...names],
  };
}

/**
 * A Parquet file as a CSV would give it (a header of column names, then one
 * row of text cells per row), for the readers that take CSV rows (uptime
 * logs). A null is an empty cell; a nested value its JSON text.
 */
export async function parquetRows(
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
  onBytes?: (n: number) => void,
): Promise<CsvReader> {
  const table = await readParquet(file, chunks, onBytes);
  const header: CsvRow = { line: 1, cells: table.columns.map((c) => c.name) };
  const BATCH = 4096;
  async function* batches(): AsyncGenerator<CsvRow[]> {
    for (let from = 0; from < table.rows; from += BATCH) {
      const batch: CsvRow[] = [];
      for (let r = from; r < Math.min(from + BATCH, table.rows); r++)
        batch.push({ line: r + 1, cells: table.columns.map((c) => cellText(c.values[r])) });
      yield batch;
    }
  }
  return { header, batches: batches() };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The input's first five bytes (fewer only when it has fewer), and then all
 * its bytes: a read error (no such file) is raised where they are read, as
 * it would be without the look.
 */
export async function peekBytes(
  input: AsyncIterable<Uint8Array>,
): Promise<{ head: Uint8Array; all: AsyncGenerator<Uint8Array> }> {
  const it = input[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let n = 0;
  let done = false;
  let failure: unknown = null;
  try {
    while (n < 5) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      seen.push(r.value);
      n += r.value.length;
    }
  } catch (err) {
    failure = err;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* seen;
    if (failure !== null) throw failure;
    if (!done) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head: seen.length === 1 ? seen[0]! : Buffer.concat(seen), all: all() };
}

/** The chunks as they pass, each handed to `onBytes` (progress on long inputs, the checksum). */
export async function* counted(
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (chunk: Uint8Array) => void,
): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    onBytes(c);
    yield Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  }
}
