import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { checkCliReport } from './report-schema.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/sla-audit.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** What the command reads from stdin ("-"). */
  input?: string;
  /** Whether stdout and stderr are terminals. */
  tty?: boolean;
}

/**
 * The CLI run in this process through `main()` with its own streams, as a
 * user would run it: no colour unless asked, the working directory given.
 * What only a process shows (the host zone, signals, a closed pipe) is for
 * `spawnCli`.
 */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  // Bytes kept as written and decoded once: a chunk may end inside a character.
  const stdout: Buffer[] = [];
  let stderr = '';
  const code = await main(args, {
    stdout: {
      write: (chunk, done) => {
        stdout.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
        done?.();
        return true;
      },
      isTTY: opts.tty === true,
    },
    stderr: {
      write: (text) => {
        stderr += text;
        return true;
      },
      isTTY: opts.tty === true,
    },
    stdin: Readable.from([Buffer.from(opts.input ?? '')]),
    env: { NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd ?? ROOT,
  });
  const result = { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr };
  checkCliReport(args, result, opts.cwd ?? ROOT);
  return result;
}

/** The built CLI in a process of its own, with no colour and a fixed zone unless told otherwise. */
export function spawnCli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...opts.env },
  });
  const result = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  checkCliReport(args, result, opts.cwd ?? ROOT);
  return result;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function locate(text: string, needle: string, from = 0): { line: number; col: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`locate: "${needle}" not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}
