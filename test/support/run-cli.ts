import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/sla-audit.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would, with no colour and a fixed zone unless told otherwise. */
export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function locate(text: string, needle: string, from = 0): { line: number; col: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`locate: "${needle}" not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}
