import type { Wording } from './args.js';
import { INPUT_FILE_WORDING } from './input-files.js';
import { INPUT_RECORD_WORDING } from './input-records.js';
import { UPTIME_WORDING } from './uptime.js';

/**
 * The sentences of the problems with an input: a policy, contract or map file as a whole (missing,
 * unreadable, not a file, too large), and an export or log: its container, its records, what reading found.
 */
export const INPUT_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  ...INPUT_FILE_WORDING,
  ...INPUT_RECORD_WORDING,
  ...UPTIME_WORDING,
  FILE_UNREADABLE: (a) =>
    a.error === 'ENOENT'
      ? `${a.what} not found`
      : a.error === 'EISDIR'
        ? `${a.what} is a directory`
        : `cannot read ${a.what} (${a.error})`,
  FILE_NOT_REGULAR: (a) => `${a.what} is not a regular file`,
  FILE_TOO_LARGE: (a) => `${a.what} is ${a.bytes} bytes; a ${a.what} is at most ${a.maxMiB} MiB`,
  CHECKSUM_UNREADABLE: (a) => `cannot read the file again for its checksum (${a.reason})`,
  INPUT_ALL_SKIPPED: (a) =>
    `every one of its ${a.records} record(s) was invalid and skipped (--skip-invalid): the file is no evidence at all`,
});
