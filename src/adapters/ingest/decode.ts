import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { InputError } from '../../core/issues.js';

/** Encodings an export may be stated to be in besides UTF-8 and UTF-16 with a BOM (a spreadsheet's "CSV" in Western Europe). */
export const SINGLE_BYTE_ENCODINGS = ['windows-1252', 'iso-8859-1'] as const;
export type SingleByteEncoding = (typeof SINGLE_BYTE_ENCODINGS)[number];

/**
 * Bytes → text, streamed. UTF-8 (a BOM is dropped) is checked and passed on
 * as bytes — the CSV parser decodes fields itself, so decoding here too would
 * do the work twice; UTF-16 with a BOM is decoded to strings; a stated
 * single-byte encoding too. Invalid UTF-8 is an input error naming its line:
 * no encoding is guessed.
 */
export async function* decodeText(
  source: AsyncIterable<Uint8Array | string>,
  file: string,
  onBytes?: (chunk: Uint8Array) => void,
  encoding?: SingleByteEncoding,
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
  let utf16: TextDecoder | null = null;
  let carry: Buffer | null = null;
  let line = 1;
  let first = true;
  for await (const raw of readable(source, file)) {
    let bytes = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    onBytes?.(bytes);
    if (first) {
      first = false;
      if (bytes[0] === 0xff && bytes[1] === 0xfe) utf16 = new TextDecoder('utf-16le', { fatal: true });
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) utf16 = new TextDecoder('utf-16be', { fatal: true });
      else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (utf16) {
      let text: string;
      try {
        text = utf16.decode(bytes, { stream: true });
      } catch {
        throw invalidText(file, line);
      }
      line += countNewlines(Buffer.from(text));
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
    if (!isUtf8(bytes)) throw invalidText(file, line + countNewlines(bytes.subarray(0, firstInvalidUtf8(bytes))));
    line += countNewlines(bytes);
    if (bytes.length > 0) yield bytes;
  }
  if (carry) throw invalidText(file, line);
  if (utf16) {
    try {
      const rest = utf16.decode();
      if (rest) yield rest;
    } catch {
      throw invalidText(file, line);
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

function invalidText(file: string, line: number): InputError {
  return new InputError([
    {
      code: 'INPUT_BAD_ENCODING',
      file,
      line,
      args: {},
      expected: 'UTF-8 (with or without BOM) or UTF-16 with a BOM',
      hint: 're-export the file as UTF-8, or state its encoding with --map (encoding: windows-1252 or iso-8859-1)',
    },
  ]);
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

/** Offset of the first byte that breaks UTF-8. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
