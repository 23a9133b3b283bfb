import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { rereadable, type InputSource } from '../adapters/ingest/records.js';

// What a front end needs to know of a request's inputs before the audit reads them.
export { inputName, stdinIsDirectory, type InputSource, type OnBytes } from '../adapters/ingest/records.js';

/** The bytes of the inputs that are files (streams and stdin count none): what a progress display counts up to. */
export function inputBytes(files: readonly InputSource[], cwd: string): number {
  let total = 0;
  for (const f of files) {
    try {
      if (rereadable(f, cwd)) total += statSync(resolve(cwd, f)).size;
    } catch {
      // An unreadable input is reported by its reader, with its cause.
    }
  }
  return total;
}
