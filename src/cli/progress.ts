import { inputBytes, type InputSource, type OnBytes } from '../audit/inputs.js';
import type { Io } from './io.js';

/** Inputs smaller than this read too fast for progress to help. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
const EVERY_MS = 200;

/**
 * Progress for long inputs, on stderr, only on a terminal and never with
 * --quiet: "reading tickets.csv  37% (33 of 89 MB)". Returns a byte
 * callback for the readers and a function that clears the line.
 */
export function progressFor(
  files: readonly InputSource[],
  io: Io,
  quiet: boolean,
  now: () => number = Date.now,
): { onBytes?: OnBytes; done(): void } {
  const total = inputBytes(files, io.cwd);
  if (quiet || !io.stderr.isTTY || total < PROGRESS_MIN_BYTES) return { done: () => {} };
  let read = 0;
  let last = 0;
  let shown = false;
  const mb = (n: number) => (n / 1_048_576).toFixed(0);
  return {
    onBytes: (file, bytes) => {
      read += bytes;
      const t = now();
      if (t - last < EVERY_MS) return;
      last = t;
      shown = true;
      io.stderr.write(
        `\rreading ${file}  ${Math.min(100, Math.floor((read / total) * 100))}% (${mb(read)} of ${mb(total)} MB)\u001b[K`,
      );
    },
    done: () => {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
