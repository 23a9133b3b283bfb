import type { Wording } from './args.js';

/** The sentences of the problems with an input file as a whole: missing, unreadable, not a file, too large. */
export const INPUT_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  FILE_UNREADABLE: (a) =>
    a.error === 'ENOENT'
      ? `${a.what} not found`
      : a.error === 'EISDIR'
        ? `${a.what} is a directory`
        : `cannot read ${a.what} (${a.error})`,
  FILE_NOT_REGULAR: (a) => `${a.what} is not a regular file`,
  FILE_TOO_LARGE: (a) => `${a.what} is ${a.bytes} bytes; a ${a.what} is at most ${a.maxMiB} MiB`,
});
