import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
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

/** The reader of stdout went away (`| head`): the run ends quietly, with EXIT.closed. */
export class OutputClosed extends Error {
  constructor() {
    super('the reader of the output closed it');
    this.name = 'OutputClosed';
  }
}

/** Writes to stdout and waits until it is taken, so that a closed pipe is known here and not as a stray error event. */
export function writeStdout(io: Io, chunk: string | Uint8Array): Promise<void> {
  return new Promise((done, fail) => {
    io.stdout.write(chunk, (err) => {
      if (!err) done();
      else fail((err as NodeJS.ErrnoException).code === 'EPIPE' ? new OutputClosed() : err);
    });
  });
}

/**
 * Reports being written, removed if the run is interrupted (Ctrl-C, a cron
 * timeout). The handlers are there only while a report is being written, so
 * that a program using the CLI keeps its own way of ending.
 */
const open = new Set<ReportFile>();

function onSignal(signal: NodeJS.Signals): void {
  for (const file of open) file.abort();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(file: ReportFile, writing: boolean): void {
  if (writing) {
    if (open.size === 0) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    open.add(file);
  } else if (open.delete(file) && open.size === 0) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const CHUNK = 1 << 20;

/**
 * A report written to a temporary file — beside the `-o` target, or in the
 * temp directory for stdout — and moved or copied into place only when the
 * run succeeds: a failed or interrupted run leaves nothing behind, and a
 * report too large for memory is never held in it.
 */
export class ReportFile {
  private readonly tmp: string;
  private fd: number;
  private readonly target: string | undefined;

  constructor(
    target: string | undefined,
    private readonly io: Io,
  ) {
    this.target = target === undefined || target === '-' ? undefined : resolve(io.cwd, target);
    const name = this.target ? basename(this.target) : 'sla-audit-report';
    this.tmp = join(this.target ? dirname(this.target) : tmpdir(), `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    // Tracked before the file exists, so that a signal at any moment finds it.
    this.fd = -1;
    track(this, true);
    try {
      this.fd = openSync(this.tmp, 'wx');
    } catch (err) {
      track(this, false);
      throw new UsageError(`cannot write ${target ?? 'a temporary file'}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }

  /** Bytes or text, appended. */
  readonly write = (chunk: Uint8Array | string): void => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let at = 0; at < b.length; ) at += writeSync(this.fd, b, at, b.length - at);
  };

  /** Moves the report into place: renamed onto the target, or copied to stdout. */
  async commit(): Promise<void> {
    closeSync(this.fd);
    this.fd = -1;
    try {
      if (this.target !== undefined) renameSync(this.tmp, this.target);
      else await this.copyToStdout();
    } finally {
      this.abort();
    }
  }

  /** Removes the temporary file (nothing once committed). */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    track(this, false);
    rmSync(this.tmp, { force: true });
  }

  private async copyToStdout(): Promise<void> {
    const fd = openSync(this.tmp, 'r');
    const chunk = Buffer.allocUnsafe(CHUNK);
    try {
      for (;;) {
        const n = readSync(fd, chunk);
        if (n === 0) break;
        await writeStdout(this.io, chunk.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
  }
}

/** A report known whole: to stdout as it is, or to `-o` atomically through a temporary file. */
export async function writeReport(text: string, output: string | undefined, io: Io): Promise<void> {
  if (output === undefined || output === '-') return writeStdout(io, text);
  const file = new ReportFile(output, io);
  try {
    file.write(text);
    await file.commit();
  } catch (err) {
    file.abort();
    throw err instanceof UsageError ? err : new UsageError(`cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
