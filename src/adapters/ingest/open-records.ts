import { InputError, type Issue } from '../../core/issues.js';
import { BadText, decodeText, type SingleByteEncoding } from './decode.js';
import { documentSource, listOf, recordsOf } from './json-records.js';
import { pageStatement } from './paging.js';
import { counted, isParquetHead, parquetRecords, parquetSource, peekBytes } from './parquet-records.js';
import {
  inputName,
  openInput,
  rereadable,
  type FieldSpec,
  type InputSource,
  type OnBytes,
  type RecordSource,
  type SourceRecord,
} from './records.js';
import { fileIssue, readCsv, readJsonDocument, readNdjson, type CsvRow } from './text-formats.js';

/*
 * Opening an input as records: what kind of container it is (by its name or
 * its first bytes), and a reader for each kind, all yielding the same
 * RecordSource. What a record is, and where inputs come from, is records.ts.
 */

/** `log`: a monitoring log of `[epoch seconds] TEXT` lines (Nagios, Icinga); `parquet`: its chunks are the file's bytes, not text. */
export type InputFormat = 'csv' | 'json' | 'ndjson' | 'xml' | 'log' | 'parquet';

/** UTF-8 bytes, or text decoded from UTF-16. */
export type Chunk = string | Buffer;

export function formatFromName(file: string): InputFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/**
 * Text chunks, with the format sniffed from the content when the name does not tell. Lines that are not
 * text in the file's encoding are kept in `bad` when given (the caller says them), else thrown, all of
 * them, once the chunks are read.
 */
export async function openText(
  source: InputSource,
  cwd?: string,
  onBytes?: OnBytes,
  encoding?: SingleByteEncoding | null,
  bad?: BadText,
): Promise<{ format: InputFormat; chunks: AsyncGenerator<Chunk> }> {
  const file = inputName(source);
  const raw = await peekBytes(openInput(source, cwd));
  // Parquet by its magic bytes, whatever its name: binary, so never decoded as text.
  if (isParquetHead(raw.head))
    return { format: 'parquet', chunks: counted(raw.all, (c) => onBytes?.(file, c.length, c)) };
  if (file.toLowerCase().endsWith('.parquet') && raw.head.length > 0) {
    throw fileIssue(
      file,
      undefined,
      'INPUT_NOT_PARQUET',
      {},
      {
        expected: 'the bytes "PAR1" at its start',
        got: JSON.stringify(Buffer.from(raw.head).toString('latin1').slice(0, 8)),
        hint: 'check the file; rename it if it is a CSV or JSON export',
      },
    );
  }
  const chunks = decodeText(raw.all, file, onBytes && ((c) => onBytes(file, c.length, c)), encoding ?? undefined, bad);
  const first = await chunks.next();
  const head = first.done ? '' : first.value;
  async function* all(): AsyncGenerator<Chunk> {
    if (head) yield head;
    yield* chunks;
  }
  // XML (a ServiceNow unload), by its name or its first bytes: never read as a CSV.
  if (
    /^\s*<(\?xml|unload|[A-Za-z_][\w.-]*[\s>])/.test(head.toString().slice(0, 512)) ||
    file.toLowerCase().endsWith('.xml')
  )
    return { format: 'xml', chunks: all() };
  // A Nagios or Icinga log starts like a JSON array: "[1264111515] Nagios 3.2.0 starting...".
  if (/^\[\d{1,12}\] /.test(head.toString().trimStart())) return { format: 'log', chunks: all() };
  let format = formatFromName(file);
  if (!format) {
    const start = head.toString().trimStart();
    if (start.startsWith('[')) format = 'json';
    // Objects on lines of their own are NDJSON; one object, on one line or many, is a document
    // (`{"tickets": […]}` piped in on one line): read whole, a lone record is still one record.
    else if (start.startsWith('{')) format = /^\{[^\n]*\}\s*\n\s*\{/.test(start) ? 'ndjson' : 'json';
    else format = 'csv';
  }
  return { format, chunks: all() };
}

/**
 * An input opened once, before any reader is chosen: a CSV's header is read
 * and its rows are still to come; a JSON, XML or Parquet document is read
 * whole; NDJSON lines are still to come. Every reader asked sees the same.
 */
export type Opened =
  | { format: 'csv'; file: string; header: CsvRow | null; rows: AsyncIterable<CsvRow[]>; bad: BadText }
  | { format: 'json'; file: string; doc: unknown; elementLines: (path: string[]) => Array<[number, number]> }
  | { format: 'xml'; file: string; doc: unknown; lineOf: (key: string) => Array<[number, number]> }
  | { format: 'ndjson'; file: string; input: InputSource; cwd: string | undefined; chunks: AsyncGenerator<Chunk> }
  | { format: 'parquet'; file: string; rows: Array<Record<string, unknown>>; columns: string[] };

/** How an export's bytes are read before its records: stated by a map, else found. */
export type Dialect = Pick<FieldSpec<string>, 'delimiter' | 'encoding'>;

/** Open an input's container (what kind by its name or first bytes), for a reader to be chosen. */
export async function openContainer(
  input: InputSource,
  dialect: Dialect,
  cwd?: string,
  onBytes?: OnBytes,
): Promise<Opened> {
  const file = inputName(input);
  // A CSV's bad lines are its rows' problems (see csvSource); any other format's are thrown once it is read.
  const bad = new BadText(file);
  const { format, chunks: text } = await openText(input, cwd, onBytes, dialect.encoding, bad);
  const chunks = format === 'csv' ? text : thenBad(text, bad);
  switch (format) {
    case 'parquet':
      return { format, file, ...(await parquetRecords(file, chunks)) };
    case 'xml': {
      // The XML parser is loaded for an XML input only.
      const { readXmlDocument } = await import('./xml-document.js');
      return { format, file, ...(await readXmlDocument(file, chunks)) };
    }
    case 'log':
      throw fileIssue(file, 1, 'INPUT_MONITORING_LOG', {}, { hint: 'give it as an uptime log (--uptime)' });
    case 'csv': {
      const { header, batches } = await readCsv(file, chunks, dialect.delimiter);
      return { format, file, header, rows: batches, bad };
    }
    case 'ndjson':
      return { format, file, input, cwd, chunks };
    case 'json': {
      const [{ doc, text }, { arrayElementLines }] = await Promise.all([
        readJsonDocument(file, chunks),
        import('./json-lines.js'),
      ]);
      return { format, file, doc, elementLines: (path) => arrayElementLines(text, path) };
    }
  }
}

/** The chunks, then every bad line of them as one error. */
async function* thenBad(chunks: AsyncGenerator<Chunk>, bad: BadText): AsyncGenerator<Chunk> {
  yield* chunks;
  const error = bad.error();
  if (error) throw error;
}

/** An opened input's records, as a spec reads them: a problem of the file as a whole is thrown. */
export function recordSource<F extends string>(
  opened: Opened,
  spec: FieldSpec<F>,
): Promise<RecordSource<F>> | RecordSource<F> {
  return opened.format === 'ndjson'
    ? ndjsonSource(opened.input, opened.cwd, opened.chunks, spec)
    : shapedSource(opened, spec);
}

/**
 * The records of an input whose shape is known before its records are read (a CSV's header, a
 * document's list): what a reader asked whether it reads the file is given.
 */
export function shapedSource<F extends string>(
  opened: Exclude<Opened, { format: 'ndjson' }>,
  spec: FieldSpec<F>,
): RecordSource<F> {
  switch (opened.format) {
    case 'csv':
      return csvSource(opened.file, opened.header, opened.rows, spec, opened.bad);
    case 'parquet':
      return parquetSource(opened.rows, opened.columns, spec, opened.file);
    case 'json': {
      const { file, doc } = opened;
      const { list, path } = listOf(file, doc, spec, 'JSON');
      const source = documentSource(
        file,
        list,
        path.length === 0 && !Array.isArray(doc) ? [[1, 1]] : opened.elementLines(path),
        spec,
      );
      // A response for one record (Redmine's GET /issues/1) is no page: only one with a list may say it is one of more.
      const partial = path.length === 0 ? null : pageStatement(doc, list.length);
      return partial === null ? source : { ...source, partial };
    }
    case 'xml': {
      const { list, path } = listOf(opened.file, opened.doc, spec, 'XML');
      return documentSource(opened.file, list, opened.lineOf(path[0]!), spec);
    }
  }
}

/** An input's records, whatever its format, read by the one spec decided for it. */
export async function openRecords<F extends string>(
  input: InputSource,
  spec: FieldSpec<F>,
  cwd?: string,
  onBytes?: OnBytes,
): Promise<RecordSource<F>> {
  return recordSource(await openContainer(input, spec, cwd, onBytes), spec);
}

/** CSV, streamed: the header row maps columns; each later row is a record. */
function csvSource<F extends string>(
  file: string,
  headerRow: CsvRow | null,
  rowBatches: AsyncIterable<CsvRow[]>,
  spec: FieldSpec<F>,
  bad: BadText,
): RecordSource<F> {
  if (!headerRow)
    throw fileIssue(
      file,
      1,
      'INPUT_EMPTY',
      {},
      { expected: `a header row and ${spec.noun} rows`, hint: 'export the data again' },
    );
  // A header not read as written names no column: nothing after it can be read.
  if (bad.take(headerRow.line, headerRow.lastLine ?? headerRow.line) !== undefined)
    throw new InputError([bad.issue(headerRow.line)]);
  const headers = headerRow.cells.map((h) => h.trim().toLowerCase());
  const index = new Map<F, number>();
  const issues: Issue[] = [];
  for (const field of spec.fields) {
    for (const name of spec.names.get(field)!) {
      const at = headers.indexOf(name);
      if (at < 0) continue;
      const again = headers.indexOf(name, at + 1);
      if (again >= 0) {
        issues.push({
          code: 'INPUT_DUPLICATE_COLUMN',
          file,
          line: headerRow.line,
          col: again + 1,
          args: { column: headerRow.cells[again]!.trim(), first: at + 1, again: again + 1 },
          hint: 'remove or rename one of them',
        });
      }
      index.set(field, at);
      break;
    }
  }
  for (const field of spec.required) {
    if (!index.has(field)) {
      issues.push({
        code: 'INPUT_MISSING_COLUMN',
        file,
        line: headerRow.line,
        args: { field },
        expected: `one of ${spec.names
          .get(field)!
          .map((c) => JSON.stringify(c))
          .join(', ')}`,
        got: `columns ${headerRow.cells
          .slice(0, 12)
          .map((h) => JSON.stringify(h.trim()))
          .join(', ')}${headerRow.cells.length > 12 ? ', …' : ''}`,
        hint: spec.missingHint,
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  const width = headers.length;
  const at: Partial<Record<F, number>> = Object.fromEntries(index) as Partial<Record<F, number>>;
  // The columns under each name a record's list() asks for, found once.
  const named = new Map<string, number[]>();
  const columnsNamed = (name: string): number[] => {
    let found = named.get(name);
    if (found === undefined) named.set(name, (found = headers.flatMap((h, i) => (h === name ? [i] : []))));
    return found;
  };
  // One cursor over the current row, reused: the reader uses each record
  // before asking for the next, and a record per row would be garbage.
  // The row's width is checked once, as it is taken; a row of the wrong
  // width throws at its first field read.
  const cursor = {
    line: 0,
    lastLine: undefined as number | undefined,
    cells: [] as string[],
    fits: true,
    /** A line of the row that is not text in the file's encoding: the row is not read. */
    badLine: undefined as number | undefined,
    get(f: F): string | undefined {
      if (!this.fits) this.misfit();
      const i = at[f];
      return i === undefined ? undefined : this.cells[i];
    },
    list(name: string): unknown[] | undefined {
      if (!this.fits) this.misfit();
      const columns = columnsNamed(name.trim().toLowerCase());
      return columns.length === 0
        ? undefined
        : columns.flatMap((i) => (this.cells[i]!.trim() === '' ? [] : [this.cells[i]]));
    },
    misfit(): never {
      if (this.badLine !== undefined) throw new InputError([bad.issue(this.badLine)]);
      throw fileIssue(
        file,
        this.line,
        'INPUT_FIELD_COUNT',
        { fields: this.cells.length, header: width },
        { hint: 'check for an unquoted comma or a missing field' },
      );
    },
  };
  function* overRows(rows: CsvRow[]): Generator<SourceRecord<F>> {
    for (const row of rows) {
      cursor.line = row.line;
      cursor.lastLine = row.lastLine;
      cursor.cells = row.cells;
      // One comparison a row while the file is good: its bad lines are taken as their rows are read.
      cursor.badLine = bad.take(row.line, row.lastLine ?? row.line);
      cursor.fits = row.cells.length === width && cursor.badLine === undefined;
      yield cursor;
    }
  }
  async function* batches(): AsyncGenerator<Iterable<SourceRecord<F>>> {
    for await (const rows of rowBatches) yield overRows(rows);
    // Bad lines no row holds (a blank line's bytes): said all the same.
    const error = bad.error();
    if (error) throw error;
  }
  return {
    fields: new Set(index.keys()),
    complete: true,
    batches: batches(),
    columns: new Map([...index].map(([f, i]) => [f, headers[i]!])),
    available: headerRow.cells.map((h) => h.trim()),
  };
}

/**
 * NDJSON, streamed: one object per line; blank lines are skipped. Which
 * fields the file has is settled first by a scan of its bytes (stdin and
 * streams cannot be scanned: there, each record speaks for itself).
 */
async function ndjsonSource<F extends string>(
  source: InputSource,
  cwd: string | undefined,
  chunks: AsyncGenerator<Chunk>,
  spec: FieldSpec<F>,
): Promise<RecordSource<F>> {
  const file = inputName(source);
  const fields = rereadable(source, cwd) ? await fieldsMentioned(source, cwd, spec) : new Set<F>(spec.scan);
  async function* batches(): AsyncGenerator<Iterable<SourceRecord<F>>> {
    for await (const item of readNdjson(chunks, file)) {
      const { line } = item;
      if ('error' in item) {
        const fail = (): never => {
          throw fileIssue(
            file,
            line,
            'INPUT_BAD_JSON',
            { error: item.error },
            { hint: 'each line of an NDJSON file must be one JSON object' },
          );
        };
        yield [{ line, get: fail, list: fail }];
        continue;
      }
      yield recordsOf(item.value, spec, file, line);
    }
  }
  return { fields, complete: false, batches: batches(), columns: new Map(), available: [] };
}

/** Which of the spec's `scan` fields appear as a key ("name":) anywhere in the file, by a case-insensitive byte scan. */
async function fieldsMentioned<F extends string>(
  file: string,
  cwd: string | undefined,
  spec: FieldSpec<F>,
): Promise<Set<F>> {
  const found = new Set<F>();
  const wanted = spec.scan;
  // A dotted path (stats.first_responded_at) is found by its last key.
  const key = (n: string) => n.slice(n.lastIndexOf('.') + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = wanted.map(
    (f) => [f, new RegExp(`"(?:${spec.names.get(f)!.map(key).join('|')})"\\s*:`, 'i')] as const,
  );
  let tail = '';
  for await (const chunk of decodeText(openInput(file, cwd), file, undefined, spec.encoding ?? undefined)) {
    const text = tail + chunk.toString();
    for (const [f, re] of patterns) if (!found.has(f) && re.test(text)) found.add(f);
    if (found.size === wanted.length) break;
    tail = text.slice(-256);
  }
  return found;
}
