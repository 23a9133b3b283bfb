import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../core/issues.js';
import type { Io } from './io.js';

export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';
const FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'markdown'];
const BY_EXTENSION: Record<string, ReportFormat> = { '.json': 'json', '.csv': 'csv', '.md': 'markdown', '.markdown': 'markdown', '.txt': 'table' };

/**
 * SPEC 1: --format, else -o's extension, else table on a TTY, else json —
 * for every command, each saying which formats it can print.
 */
export function chooseReportFormat(flag: string | undefined, output: string | undefined, io: Io, allowed: readonly ReportFormat[] = FORMATS): ReportFormat {
  let chosen: ReportFormat;
  let from = '--format';
  if (flag !== undefined) chosen = flag as ReportFormat;
  else {
    const ext = output === undefined ? undefined : /\.[^./\\]+$/.exec(output)?.[0]?.toLowerCase();
    const byExt = ext ? BY_EXTENSION[ext] : undefined;
    if (byExt) from = `-o's extension`;
    chosen = byExt ?? (io.stdout.isTTY && output === undefined ? 'table' : 'json');
  }
  if (!allowed.includes(chosen)) throw new UsageError(`${from} must give one of ${allowed.join(', ')} (got: "${chosen}")`);
  return chosen;
}

/**
 * The report goes to stdout, or to `-o` atomically: written beside the
 * target and renamed into place, so a failed run never leaves a partial file.
 */
export function writeReport(text: string, output: string | undefined, io: Io): void {
  if (output === undefined || output === '-') {
    io.stdout.write(text);
    return;
  }
  const tmp = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, output);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
