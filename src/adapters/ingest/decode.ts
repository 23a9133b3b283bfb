import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { InputError, type Issue } from '../../core/issues.js';

/** Encodings an export may be stated to be in besides UTF-8 and UTF-16 with a BOM (a spreadsheet's "CSV" in Western Europe). */
export const SINGLE_BYTE_ENCODINGS = ['windows-1252', 'iso-8859-1'] as const;
export type SingleByteEncoding = (typeof SINGLE_BYTE_ENCODINGS)[number];

/**
 * The lines of an input whose bytes are not text in its encoding, found as it is decoded: a reader of
 * records takes those of each record as it reads it (a bad record, which --skip-invalid may skip), and
 * reports the rest (a header, a blank line) itself. Ascending, each line once.
 */
export class BadText {
  private readonly lines: number[] = [];
  private head = 0;
  /** Bad lines passed over by the records (a blank line): no record says them. */
  private readonly loose: number[] = [];
  encoding = 'UTF-8';

  constructor(readonly file: string) {}

  add(line: number): void {
    if (this.lines.length === 0 || this.lines[this.lines.length - 1]! < line) this.lines.push(line);
  }

  /** The first bad line from `from` to `to` (a record's), if any; lines up to `to` are then done with. */
  take(from: number, to: number): number | undefined {
    if (this.head === this.lines.length || this.lines[this.head]! > to) return undefined;
    let found: number | undefined;
    while (this.head < this.lines.length && this.lines[this.head]! <= to) {
      const l = this.lines[this.head++]!;
      if (l < from) this.loose.push(l);
      else found ??= l;
    }
    // Those taken are dropped now and then: a file of bad lines keeps only those not yet read.
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
    return found;
  }

  /** The bad lines no record has taken. */
  rest(): number[] {
    return this.loose.concat(this.lines.slice(this.head));
  }

  issue(line: number): Issue {
    return invalidText(this.file, line, this.encoding);
  }

  /** Every bad line not taken, as one error; undefined when none is left. */
  error(): InputError | undefined {
    const rest = this.rest();
    return rest.length === 0 ? undefined : new InputError(rest.map((l) => this.issue(l)));
  }
}

/**
 * Bytes → text, streamed. UTF-8 (a BOM is dropped) is checked and passed on
 * as bytes — the CSV parser decodes fields itself, so decoding here too would
 * do the work twice; UTF-16 with a BOM is decoded to strings; a stated
 * single-byte encoding too. No encoding is guessed: what is not text in the
 * encoding is passed on as U+FFFD and its line kept in `bad`, so that every bad
 * line is said with the rest of the file's problems. Without `bad` (a reader
 * that cannot tie a line to a record) every bad line is thrown at the end.
 */
export async function* decodeText(
  source: AsyncIterable<Uint8Array | string>,
  file: string,
  onBytes?: (chunk: Uint8Array) => void,
  encoding?: SingleByteEncoding,
  bad?: BadText,
): AsyncGenerator<string | Buffer> {
  if (encoding) {
    // Every byte is a character: nothing is split across chunks, nothing is invalid.
    // (WHATWG decodes ISO-8859-1 as Windows-1252, its superset.)
    const single = new TextDecoder(encoding);
    for await (const raw of readable(source, file)) {
      const bytes = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
      onBytes?.(bytes);
      const text = single.decode(bytes, { stream: true });
      if (text) yield text;
    }
    return;
  }
  const found = bad ?? new BadText(file);
  let utf16: Utf16 | null = null;
  let carry: Buffer | null = null;
  let line = 1;
  let first = true;
  for await (const raw of readable(source, file)) {
    let bytes = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    onBytes?.(bytes);
    if (first) {
      first = false;
      if (bytes[0] === 0xff && bytes[1] === 0xfe) utf16 = new Utf16(true, found);
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) utf16 = new Utf16(false, found);
      else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (utf16) bytes = bytes.subarray(2);
    }
    if (utf16) {
      const text = utf16.decode(bytes);
      if (text) yield text;
      continue;
    }
    if (carry) {
      bytes = Buffer.concat([carry, bytes]);
      carry = null;
    }
    // A character split across chunks is completed by the next chunk.
    const cut = completeUpTo(bytes);
    if (cut < bytes.length) {
      carry = Buffer.from(bytes.subarray(cut));
      bytes = bytes.subarray(0, cut);
    }
    // The hot path is one native check per chunk; only a chunk that fails it is walked.
    if (!isUtf8(bytes)) bytes = replaceInvalid(bytes, line, found);
    line += countNewlines(bytes);
    if (bytes.length > 0) yield bytes;
  }
  if (carry) {
    // A character cut short by the end of the file.
    found.add(line);
    yield REPLACEMENT;
  }
  if (utf16) {
    const rest = utf16.end();
    if (rest) yield rest;
  }
  const error = bad ? undefined : found.error();
  if (error) throw error;
}

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/** UTF-8 bytes with each byte that is no part of a character as U+FFFD, its line (from `line`) kept in `bad`. */
function replaceInvalid(bytes: Buffer, line: number, bad: BadText): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  let counted = 0;
  for (;;) {
    const at = from + firstInvalidUtf8(bytes.subarray(from));
    if (at >= bytes.length) break;
    line += countNewlines(bytes.subarray(counted, at));
    counted = at;
    bad.add(line);
    parts.push(bytes.subarray(from, at), REPLACEMENT);
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/**
 * UTF-16 (after its BOM), chunk by chunk: a chunk is cut after its last whole character (an odd byte, a
 * high surrogate waiting for its low half are carried), so each is decoded alone — natively, and walked
 * unit by unit only when it holds a lone surrogate.
 */
class Utf16 {
  private readonly strict: TextDecoder;
  private readonly lenient: TextDecoder;
  private carry: Buffer | null = null;
  private line = 1;

  constructor(
    private readonly le: boolean,
    private readonly bad: BadText,
  ) {
    const name = le ? 'utf-16le' : 'utf-16be';
    // ignoreBOM: a U+FEFF at a chunk's start is text; the file's BOM has been taken off.
    this.strict = new TextDecoder(name, { fatal: true, ignoreBOM: true });
    this.lenient = new TextDecoder(name, { ignoreBOM: true });
    bad.encoding = le ? 'UTF-16LE' : 'UTF-16BE';
  }

  private unit(b: Buffer, i: number): number {
    return this.le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!;
  }

  decode(chunk: Buffer): string {
    let bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    let end = bytes.length & ~1;
    if (end >= 2) {
      const u = this.unit(bytes, end - 2);
      if (u >= 0xd800 && u <= 0xdbff) end -= 2;
    }
    if (end < bytes.length) {
      this.carry = Buffer.from(bytes.subarray(end));
      bytes = bytes.subarray(0, end);
    }
    let text: string;
    try {
      text = this.strict.decode(bytes);
    } catch {
      this.markLoneSurrogates(bytes);
      text = this.lenient.decode(bytes);
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.line++;
    return text;
  }

  /** The end of the file: what is carried is half a character (an odd byte, a high surrogate alone). */
  end(): string {
    if (!this.carry) return '';
    this.bad.add(this.line);
    this.carry = null;
    return '\uFFFD';
  }

  private markLoneSurrogates(bytes: Buffer): void {
    let line = this.line;
    for (let i = 0; i < bytes.length; i += 2) {
      const u = this.unit(bytes, i);
      if (u === 0x0a) line++;
      else if (u >= 0xd800 && u <= 0xdbff) {
        const next = i + 2 < bytes.length ? this.unit(bytes, i + 2) : -1;
        if (next >= 0xdc00 && next <= 0xdfff) i += 2;
        else this.bad.add(line);
      } else if (u >= 0xdc00 && u <= 0xdfff) this.bad.add(line);
    }
  }
}

/** The source's chunks; a file that cannot be opened or read is an input error, not a crash. */
async function* readable(
  source: AsyncIterable<Uint8Array | string>,
  file: string,
): AsyncGenerator<Uint8Array | string> {
  try {
    yield* source;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    const problem =
      code === 'ENOENT'
        ? 'INPUT_FILE_NOT_FOUND'
        : code === 'EISDIR'
          ? 'INPUT_IS_A_DIRECTORY'
          : code === 'EACCES'
            ? 'INPUT_PERMISSION_DENIED'
            : 'INPUT_UNREADABLE';
    throw new InputError([{ code: problem, file, args: { error: code }, hint: 'check the path' }]);
  }
}

function invalidText(file: string, line: number, encoding: string): Issue {
  const utf16 = encoding !== 'UTF-8';
  return {
    code: 'INPUT_BAD_ENCODING',
    file,
    line,
    args: { encoding },
    expected: utf16
      ? `${encoding} text, as its BOM says: whole 2-byte units, each surrogate in a pair`
      : 'UTF-8 (with or without BOM) or UTF-16 with a BOM',
    hint: utf16
      ? 'the file is damaged or cut short here: export it again'
      : 're-export the file as UTF-8, or state its encoding with --map (encoding: windows-1252 or iso-8859-1)',
  };
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Length of the prefix that does not end inside a multi-byte character. */
function completeUpTo(b: Buffer): number {
  for (let back = 1; back <= 3 && back <= b.length; back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > back ? b.length - back : b.length;
    }
  }
  return b.length;
}

/**
 * Offset of the first byte that breaks UTF-8 (as isUtf8 judges it: no overlong form, no surrogate,
 * nothing past U+10FFFF), or the length when none does.
 */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    // The second byte's range narrows after E0 (overlong), ED (surrogates), F0 (overlong) and F4 (past U+10FFFF).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (b[i + 1]! < lo || b[i + 1]! > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
