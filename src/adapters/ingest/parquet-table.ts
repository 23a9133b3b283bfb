import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  parquetMetadata,
  parquetRead,
  parquetSchema,
  type Compressors,
  type FileMetaData,
  type ParquetParsers,
  type SchemaTree,
} from 'hyparquet';
import { fileIssue } from './text-formats.js';

/*
 * A Parquet file (a warehouse unload: Snowflake, BigQuery, DuckDB, Spark, a
 * Fivetran/dbt table) → its rows as plain values, column by column. Parquet
 * keeps its index at the end of the file, so it is read whole (like a JSON
 * document, at most 256 MiB). Values are made exact text where JS numbers
 * would not be: timestamps of every unit, and 64-bit integers past 2^53.
 */

/** The same limit as a JSON document: the file is held whole, and its rows in memory beside it. */
export const MAX_PARQUET_BYTES = 256 * 1024 * 1024;

export interface ParquetColumn {
  /** The column's name as the file gives it. */
  name: string;
  /** One value per row: null, string, number, boolean, or (nested columns) arrays and objects of those. */
  values: unknown[];
}

export interface ParquetTable {
  rows: number;
  columns: ParquetColumn[];
}

/** The input's bytes, whole: at most 256 MiB. */
export async function readParquetBytes(
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
  onBytes?: (n: number) => void,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of readable(file, chunks)) {
    const bytes = typeof c === 'string' ? Buffer.from(c, 'latin1') : c;
    onBytes?.(bytes.length);
    total += bytes.length;
    if (total > MAX_PARQUET_BYTES) {
      throw fileIssue(
        file,
        undefined,
        'INPUT_PARQUET_TOO_LARGE',
        {},
        {
          hint: 'unload the table in several files of less than 256 MiB (a pattern such as "unload-*.parquet" reads them all), or export CSV or NDJSON, which are streamed',
        },
      );
    }
    parts.push(bytes);
  }
  // One copy into a buffer of its own: the reader slices an ArrayBuffer, which must not be Node's shared pool.
  const whole = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    whole.set(p, at);
    at += p.length;
  }
  return whole;
}

/** The chunks; a read that fails part way (a disk error) is an input error, not a crash. */
async function* readable(
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array | string> {
  try {
    yield* chunks;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw fileIssue(file, undefined, 'INPUT_UNREADABLE', { error: code }, { hint: 'check the path' });
  }
}

/**
 * A Parquet file's columns. A file that is cut off, corrupt, or uses what
 * is not read (a compression codec, an encoding) is an input error naming
 * the file, never a crash.
 */
export async function readParquetTable(file: string, bytes: Uint8Array): Promise<ParquetTable> {
  const buffer = bytes.buffer as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw unreadable(file, err);
  }
  const rows = Number(metadata.num_rows);
  let tree: SchemaTree;
  try {
    tree = parquetSchema(metadata);
  } catch (err) {
    throw unreadable(file, err);
  }
  const columns: ParquetColumn[] = [];
  for (const child of tree.children) {
    const name = child.element.name;
    const zone = timestampZone(file, child);
    const values = new Array<unknown>(rows).fill(null);
    try {
      // One read per column, each with the parsers of its timestamp convention: the parsers
      // hyparquet calls are given only the number, not the column it belongs to.
      await parquetRead({
        file: buffer,
        metadata,
        columns: [name],
        parsers: zone === 'utc' ? UTC : WALL,
        compressors: COMPRESSORS,
        onChunk: ({ columnData, rowStart }) => {
          for (let i = 0; i < columnData.length; i++) values[rowStart + i] = plain(columnData[i]);
        },
      });
    } catch (err) {
      throw unreadable(file, err, name);
    }
    columns.push({ name, values });
  }
  return { rows, columns };
}

function unreadable(file: string, err: unknown, column?: string) {
  const why = err instanceof Error ? err.message.replace(/^parquet /, '') : String(err);
  const codec = /unsupported compression codec: (\w+)/.exec(why)?.[1];
  if (codec !== undefined) {
    return fileIssue(
      file,
      undefined,
      'INPUT_PARQUET_CODEC',
      { codec },
      {
        expected: 'SNAPPY, GZIP, BROTLI or no compression',
        got: codec,
        hint: 'unload it again with SNAPPY (the default of Snowflake, BigQuery, DuckDB and Spark), or export CSV',
      },
    );
  }
  return fileIssue(
    file,
    undefined,
    column !== undefined ? 'INPUT_BAD_PARQUET_COLUMN' : 'INPUT_BAD_PARQUET',
    column !== undefined ? { column, error: why } : { error: why },
    {
      hint: 'check that the file is complete (a cut-off file has no footer) and was not altered; unload it again, or export CSV',
    },
  );
}

/** Node's own zlib for GZIP and BROTLI; hyparquet has SNAPPY built in. */
const COMPRESSORS: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
};

/**
 * Whether a column's timestamps are instants (`isAdjustedToUTC`, and the
 * legacy TIMESTAMP_MILLIS/MICROS converted types, which the format defines
 * as UTC) or wall times (`isAdjustedToUTC: false`; INT96, which carries no
 * zone and which Arrow and DuckDB read as a wall time too). A nested column
 * holding both is refused: one read cannot tell its leaves apart.
 */
function timestampZone(file: string, column: SchemaTree): 'utc' | 'wall' | null {
  let found: 'utc' | 'wall' | null = null;
  const visit = (node: SchemaTree) => {
    const e = node.element;
    const logical = e.logical_type;
    const zone =
      logical?.type === 'TIMESTAMP'
        ? logical.isAdjustedToUTC
          ? 'utc'
          : 'wall'
        : e.converted_type === 'TIMESTAMP_MILLIS' || e.converted_type === 'TIMESTAMP_MICROS'
          ? 'utc'
          : e.type === 'INT96'
            ? 'wall'
            : null;
    if (zone !== null && found !== null && zone !== found) {
      throw fileIssue(
        file,
        undefined,
        'INPUT_PARQUET_MIXED_ZONES',
        { column: column.element.name },
        { hint: 'unload its fields as separate columns, or cast them to one kind of timestamp' },
      );
    }
    if (zone !== null) found = zone;
    for (const c of node.children) visit(c);
  };
  visit(column);
  return found;
}

/**
 * `units` since 1970-01-01T00:00:00 as ISO text with every digit the unit
 * has (a millionth of a second is not rounded away: the timestamp reader
 * truncates to the millisecond, as it does any ISO fraction). Bigint
 * arithmetic, floored, so times before 1970 are exact too.
 */
export function isoText(units: bigint, digits: 3 | 6 | 9): string {
  const scale = digits === 3 ? 1000n : digits === 6 ? 1000000n : 1000000000n;
  let seconds = units / scale;
  let fraction = units % scale;
  if (fraction < 0n) {
    fraction += scale;
    seconds -= 1n;
  }
  const ms = Number(seconds) * 1000;
  // Past what a Date holds (±275 000 years): left as the number, which the reader refuses as no timestamp.
  if (!(Math.abs(ms) <= 8.64e15)) return `${units}`;
  const whole = new Date(ms).toISOString();
  return `${whole.slice(0, whole.length - 5)}.${fraction.toString().padStart(digits, '0')}`;
}

/** Days since 1970-01-01 as a date, YYYY-MM-DD (a DATE has no time and no zone). */
export function dateText(days: number): string {
  const ms = days * 86_400_000;
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().slice(0, 10) : String(days);
}

const decoder = new TextDecoder();

const COMMON: Partial<ParquetParsers> = {
  dateFromDays: dateText,
  stringFromBytes: (bytes) => bytes && decoder.decode(bytes),
};
/** Instants: ISO text with Z. */
const UTC: Partial<ParquetParsers> = {
  ...COMMON,
  timestampFromMilliseconds: (v) => `${isoText(v, 3)}Z`,
  timestampFromMicroseconds: (v) => `${isoText(v, 6)}Z`,
  timestampFromNanoseconds: (v) => `${isoText(v, 9)}Z`,
};
/** Wall times: ISO text without an offset, read in --input-tz or the map's zone like any naive time. */
const WALL: Partial<ParquetParsers> = {
  ...COMMON,
  timestampFromMilliseconds: (v) => isoText(v, 3),
  timestampFromMicroseconds: (v) => isoText(v, 6),
  timestampFromNanoseconds: (v) => isoText(v, 9),
};

/**
 * A value as JSON would have it. A 64-bit integer past 2^53 is kept as its
 * decimal text, so an id never loses digits; nested lists and structs become
 * arrays and objects without a prototype (their keys are the file's text).
 */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return v;
    case 'bigint':
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
    default:
      break;
  }
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, plain);
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(v as object)) out[k] = plain((v as Record<string, unknown>)[k]);
  return out;
}
