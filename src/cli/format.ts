import { UsageError } from '../core/issues.js';
import type { Io } from './io.js';

/** `--format` given, else table on a TTY and JSON for pipes and files (cron). */
export function chooseFormat(flag: string | undefined, io: Io, allowed: readonly string[] = ['table', 'json']): string {
  if (flag !== undefined) {
    if (!allowed.includes(flag)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got: "${flag}")`);
    return flag;
  }
  return io.stdout.isTTY ? 'table' : 'json';
}
