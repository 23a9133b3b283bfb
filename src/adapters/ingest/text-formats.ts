import { StringDecoder } from 'node:string_decoder';
import { Readable, pipeline } from 'node:stream';
import { parse as parseCsv, CsvError } from 'csv-parse';
import { InputError, type FindingArgs, type Issue } from '../../core/issues.js';

/**
 * Format-level readers shared by ticket and uptime inputs: CSV rows and
 * NDJSON lines streamed with their line numbers, and whole JSON documents
 * with the position of a parse error.
 */
export function fileIssue(
  file: string,
  line: number | undefined,
  code: string,
  args: FindingArgs,
  detail: Partial<Issue> = {},
): InputError {
  return new InputError([{ code, file, ...(line !== undefined ? { line } : {}), args, ...detail }]);
}

export interface CsvRow {
  /** Line the record starts on. */
  line: number;
  /** The line it ends on, when a quoted field takes it over several. */
  lastLine?: number;
  cells: string[];
}

export interface CsvReader {
  /** The first non-blank row, or null for an empty file. */
  header: CsvRow | null;
  /** The rest, in batches: consumers loop over a batch without a promise per row. */
  batches: AsyncGenerator<CsvRow[]>;
}

const BATCH = 4096;

/**
 * CSV, streamed. Blank lines are skipped; each row keeps the line it starts
 * on, counted from the line ends inside its cells (a quoted field may hold
 * some) — cheaper than asking the parser for per-record info objects.
 * Records are drained from the parser synchronously into batches.
 */
export async function readCsv(
  file: string,
  source: AsyncIterable<string | Buffer>,
  stated: string | null = null,
): Promise<CsvReader> {
  // The delimiter: stated, else found in the header line (the first chunk holds it).
  const iterator = source[Symbol.asyncIterator]();
  const head = await iterator.next();
  const delimiter = stated ?? (head.done ? ',' : detectDelimiter(head.value, file));
  async function* chunks(): AsyncGenerator<string | Buffer> {
    if (!head.done) yield head.value;
    for (let c = await iterator.next(); !c.done; c = await iterator.next()) yield c.value;
  }
  const parser = parseCsv({
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
    delimiter,
  });
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  // A line end inside a cell needs quotes: until the input has shown a
  // quote, each record is one line and its cells need no scan.
  let quoted = false;
  async function* watched(): AsyncGenerator<string | Buffer> {
    for await (const chunk of chunks()) {
      if (!quoted && chunk.indexOf('"') !== -1) quoted = true;
      yield chunk;
    }
  }
  // pipeline, not pipe: an error in the source (invalid UTF-8 late in the
  // file) must reach the parser, or reading would wait for ever.
  pipeline(Readable.from(watched()), parser, (err) => {
    if (err) failure = err;
    finished = true;
    poke();
  });
  parser.on('readable', poke);
  parser.on('end', () => {
    finished = true;
    poke();
  });
  let nextLine = 1;
  /** The next batch of non-blank rows, or null at the end. */
  async function next(): Promise<CsvRow[] | null> {
    for (;;) {
      const batch: CsvRow[] = [];
      let cells: string[] | null;
      while (batch.length < BATCH && (cells = parser.read() as string[] | null) !== null) {
        const line = nextLine++;
        if (quoted)
          for (const cell of cells)
            for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) nextLine++;
        // A blank line, or a row of empty cells (",,,," as spreadsheets write them), is no record.
        const c0 = cells[0]!;
        if ((c0.length === 0 || c0.charCodeAt(0) <= 0x20) && cells.every((c) => c.trim() === '')) continue;
        batch.push(nextLine - 1 > line ? { line, lastLine: nextLine - 1, cells } : { line, cells });
      }
      if (batch.length > 0) return batch;
      if (failure) throw csvError(file, failure, nextLine);
      if (finished) return null;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  const first = await next();
  const header = first?.[0] ?? null;
  async function* batches(): AsyncGenerator<CsvRow[]> {
    if (first && first.length > 1) yield first.slice(1);
    for (let batch = await next(); batch !== null; batch = await next()) yield batch;
  }
  return { header, batches: batches() };
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter of a CSV from its first line: the one of , ; TAB | that
 * occurs most often outside quotes (a tie or none: the comma, or TAB for a
 * .tsv). A European spreadsheet writes ";", a database dump "|".
 */
export function detectDelimiter(chunk: string | Buffer, file: string): string {
  const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1', 0, Math.min(chunk.length, 1 << 16));
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = file.toLowerCase().endsWith('.tsv') ? '\t' : ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** No real record is this long; a longer one is a missing closing quote or not a CSV file. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** `recordLine`: where the record being read starts (an unclosed quote opens there). */
function csvError(file: string, err: unknown, recordLine: number): unknown {
  if (err instanceof CsvError) {
    const e = err as CsvError & { lines?: number };
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      return fileIssue(
        file,
        e.lines,
        'INPUT_RECORD_TOO_LARGE',
        {},
        { hint: 'look for a quote that is never closed, or check that this is a CSV export' },
      );
    }
    if (e.code === 'CSV_QUOTE_NOT_CLOSED')
      return fileIssue(
        file,
        recordLine,
        'INPUT_CSV_UNCLOSED_QUOTE',
        {},
        { hint: 'close the quote, or check that the file was not cut off' },
      );
    return fileIssue(
      file,
      e.lines,
      'INPUT_CSV_SYNTAX',
      { error: e.message.replace(/^Invalid [^:]*: /, '') },
      { hint: 'check the quoting on this line' },
    );
  }
  return err;
}

export type NdjsonLine = { line: number; value: unknown } | { line: number; error: string };

/**
 * The longest line read from a log or an NDJSON file, in characters. A monitoring log's lines are
 * a few hundred; an NDJSON record with its comments a few megabytes. A longer line is another kind
 * of file, and past V8's largest string (~512 Mi characters) it could not even be held.
 */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

const LINE_BREAK = /\r\n|\n|\r/g;

/**
 * A text's lines, streamed, numbered from 1; CRLF, LF and a lone CR end a line (as readline).
 * A line longer than `maxLineChars` is an input error at its line, found before it is held whole.
 */
export async function* textLines(
  chunks: AsyncIterable<string | Buffer>,
  file = '-',
  maxLineChars = MAX_LINE_CHARS,
): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new StringDecoder('utf8');
  let line = 0;
  // The current line's pieces, joined once it ends: no string grows chunk by chunk.
  let parts: string[] = [];
  let length = 0;
  // A chunk that ends in CR: an LF starting the next one belongs to the same line break.
  let afterCr = false;
  const add = (piece: string) => {
    length += piece.length;
    if (length > maxLineChars) {
      throw fileIssue(
        file,
        line + 1,
        'INPUT_LINE_TOO_LONG',
        { line: line + 1, maxChars: maxLineChars },
        {
          hint: 'is this the right file? A log or an NDJSON export has one record per line; check that the file is not binary, compressed or one long line',
        },
      );
    }
    if (piece !== '') parts.push(piece);
  };
  const end = () => {
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    length = 0;
    return { line: ++line, text };
  };
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (afterCr && text.startsWith('\n')) text = text.slice(1);
    afterCr = false;
    let from = 0;
    LINE_BREAK.lastIndex = 0;
    for (let m = LINE_BREAK.exec(text); m !== null; m = LINE_BREAK.exec(text)) {
      // A CR at the very end may be the first half of a CRLF split between chunks.
      if (m[0] === '\r' && m.index === text.length - 1) afterCr = true;
      add(text.slice(from, m.index));
      from = m.index + m[0].length;
      yield end();
    }
    add(text.slice(from));
  }
  add(decoder.end());
  if (length > 0 || parts.length > 0) yield end();
}

/** NDJSON, streamed; blank lines skipped. */
export async function* readNdjson(
  chunks: AsyncIterable<string | Buffer>,
  file = '-',
  maxLineChars = MAX_LINE_CHARS,
): AsyncGenerator<NdjsonLine> {
  for await (const { line, text } of textLines(chunks, file, maxLineChars)) {
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (err) {
      yield { line, error: (err as Error).message };
    }
  }
}

const MAX_JSON_CHARS = 256 * 1024 * 1024;

/** A document read whole (JSON, XML): at most 256 MiB, and not empty. */
export async function readWholeText(
  file: string,
  chunks: AsyncIterable<string | Buffer>,
  kind: 'JSON' | 'XML',
): Promise<string> {
  let text = '';
  for await (const c of chunks) {
    text += c.toString();
    if (text.length > MAX_JSON_CHARS) {
      throw fileIssue(
        file,
        undefined,
        'INPUT_TOO_LARGE',
        { kind },
        {
          hint:
            kind === 'JSON'
              ? 'export NDJSON (one record per line) instead; it is streamed'
              : 'export CSV or NDJSON instead; they are streamed',
        },
      );
    }
  }
  if (text.trim() === '') throw fileIssue(file, 1, 'INPUT_EMPTY', {}, { hint: 'export the data again' });
  return text;
}

/** A whole JSON document (≤ 256 MiB), with the line of a syntax error. */
export async function readJsonDocument(
  file: string,
  chunks: AsyncIterable<string | Buffer>,
): Promise<{ doc: unknown; text: string }> {
  const text = await readWholeText(file, chunks, 'JSON');
  try {
    return { doc: JSON.parse(text), text };
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw fileIssue(
      file,
      line,
      'INPUT_BAD_JSON',
      { error: (err as Error).message.replace(/ in JSON at position \d+.*$/, '') },
      { hint: 'check that the file is complete; a cut-off export ends mid-record' },
    );
  }
}
