import { TextDecoder } from 'node:util';
import { InputError } from '../../core/issues.js';

/**
 * Bytes → text, streamed. UTF-8 (a BOM is dropped) or UTF-16 with a BOM;
 * invalid UTF-8 is an input error naming its line. Yields text chunks.
 */
export async function* decodeText(source: AsyncIterable<Uint8Array | string>, file: string, onBytes?: (n: number) => void): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let line = 1;
  let first = true;
  for await (const raw of readable(source, file)) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    onBytes?.(chunk.length);
    let bytes = chunk;
    if (first) {
      first = false;
      if (bytes[0] === 0xff && bytes[1] === 0xfe) decoder = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoder = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false });
      else {
        decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      }
    }
    let text: string;
    try {
      text = decoder!.decode(bytes, { stream: true });
    } catch {
      throw invalidText(file, line + countNewlines(bytes, firstInvalidUtf8(bytes)));
    }
    line += countChar(text, '\n');
    if (text) yield text;
  }
  if (decoder) {
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw invalidText(file, line);
    }
  }
}

function invalidText(file: string, line: number): InputError {
  return new InputError([
    {
      code: 'INPUT_BAD_ENCODING',
      file,
      line,
      message: 'text is not valid UTF-8',
      expected: 'UTF-8 (with or without BOM) or UTF-16 with a BOM',
      hint: 're-export the file as UTF-8',
    },
  ]);
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function countNewlines(bytes: Uint8Array, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo && i < bytes.length; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/** Offset of the first byte that breaks UTF-8 (approximate at chunk edges). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k < b.length && (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/** The source's chunks; a file that cannot be opened or read is an input error, not a crash. */
async function* readable(source: AsyncIterable<Uint8Array | string>, file: string): AsyncGenerator<Uint8Array | string> {
  try {
    yield* source;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code})`;
    throw new InputError([{ code: 'FILE_UNREADABLE', file, message, hint: 'check the path' }]);
  }
}
