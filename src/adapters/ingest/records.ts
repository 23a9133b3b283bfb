import { createReadStream, fstatSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SingleByteEncoding } from './decode.js';
import type { PageStatement } from './paging.js';

/**
 * What records of one kind (tickets, events) are made of, and where an
 * export keeps them: the fields, the names each may go by, the list in a
 * JSON response. One reader serves every kind.
 */
export interface FieldSpec<F extends string> {
  /** Preset name, "canonical", or the map file, for messages. */
  name: string;
  /** What one record is, for messages: "ticket", "event". */
  noun: string;
  fields: readonly F[];
  required: readonly F[];
  /** Each field's candidate names, lower-cased, tried in order. */
  names: ReadonlyMap<F, readonly string[]>;
  listKeys: readonly string[];
  delimiter: string | null;
  encoding: SingleByteEncoding | null;
  /**
   * JSON: where each list element keeps its record (an Airbyte line's
   * `data`); an element whose envelope holds none is reported, not dropped.
   */
  envelope?: string;
  /**
   * JSON: lists inside each record whose elements are the records, each
   * seeing its parents' keys under its own (Zendesk audits → their events).
   */
  children: readonly string[];
  /** NDJSON: fields whose presence is settled by a scan of the file before it is read. */
  scan: readonly F[];
  /** What to do when a required column is missing. */
  missingHint: string;
}

/** One input record, its fields looked up through the mapping. Valid until the next record is read. */
export interface SourceRecord<F extends string = string> {
  line: number;
  /** The line a CSV record ends on, when it runs over several. */
  lastLine?: number | undefined;
  /** Column of a JSON record, where a file holds many records on one line. */
  col?: number;
  get(field: F): unknown;
  /**
   * Every value under a name: a JSON list at a path (`fields.comment.comments`),
   * or the non-empty cells of every CSV column of that name (Jira's repeated
   * "Comment"); undefined when the record has no such key or column.
   */
  list(name: string): unknown[] | undefined;
}

export interface RecordSource<F extends string = string> {
  /** Fields the file has a column (CSV) or key (JSON, any record) for. */
  fields: Set<F>;
  /**
   * `fields` names every field any record has, so a field not in it is
   * absent from every record (CSV, a JSON document; not NDJSON, whose
   * `fields` come from a scan for a few of them).
   */
  complete: boolean;
  /** Records in batches, each record valid until the next is taken. */
  batches: AsyncGenerator<Iterable<SourceRecord<F>>>;
  /** The column (lower-cased) a field is read from, where the source knows it before its records (CSV, JSON documents). */
  columns: ReadonlyMap<F, string>;
  /** The columns (CSV) or keys and paths (a JSON document's first record) there are, for a message. */
  available: readonly string[];
  /** A JSON response that says it is one page of more (paging.ts): its other pages' records are missing. */
  partial?: PageStatement;
}

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
  const re = new RegExp(
    `^${basename(pattern)
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
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

/**
 * Called with each chunk of an input's bytes as it is read, once: its size for progress on long
 * inputs, the bytes themselves for the input's checksum (so a file, or stdin, is read only once).
 */
export type OnBytes = (file: string, bytes: number, chunk: Uint8Array) => void;

export { atPath, jsonRecord, recordsOf, WHERE } from './json-records.js';
export { passes, statedNamesExist, whereFieldsExist, whereNames, type Where } from './record-checks.js';
