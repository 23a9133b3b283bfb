import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../core/issues.js';
import { writeTicketJson } from '../adapters/render/ticket-json-bytes.js';
import type { TicketResult } from '../core/tickets/evaluate.js';
import { ByteWriter, writeAt } from './byte-writer.js';
import type { Io } from './io.js';

const CHUNK = 1 << 20;
const MARK = '"tickets": []';

/** Streams being written, removed if the run is interrupted (Ctrl-C, a cron timeout). */
const open = new Set<ReportStream>();
let handlersInstalled = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const stream of open) stream.abort();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/**
 * A JSON report written as it is computed: the head (known before any ticket
 * is read), one ticket object per line, then the tail (summary, credits,
 * warnings). It goes to a temporary file beside the target, or in the temp
 * directory for stdout, and is moved or copied into place only on success —
 * a failed run leaves nothing behind. Memory does not grow with the tickets.
 */
export class ReportStream {
  private readonly tmp: string;
  private fd: number;
  private readonly out: ByteWriter;
  private count = 0;
  /** Files of tickets written by workers, not yet appended: path → open descriptor. */
  private readonly parts = new Map<string, number>();

  constructor(
    private readonly target: string | undefined,
    private readonly io: Io,
  ) {
    const name = target ? basename(target) : 'sla-audit-report.json';
    this.tmp = join(target ? dirname(target) : tmpdir(), `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (err) {
      throw new UsageError(`cannot write ${target ?? 'a temporary file'}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    this.out = new ByteWriter(this.fd);
    open.add(this);
    if (!handlersInstalled) {
      handlersInstalled = true;
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
  }

  /** Everything before the tickets, from a report whose tickets are []. */
  head(reportJson: string): void {
    this.out.write(reportJson.slice(0, reportJson.indexOf(MARK) + MARK.length - 1));
  }

  ticket(r: TicketResult): void {
    writeTicketJson(this.out, r, this.count++ === 0);
  }

  /**
   * Lends the report file to a worker: it writes tickets from `position` on
   * (with a comma before its first if `comma`), then `continueAt` takes the
   * file back — or `takeBack` drops what it wrote.
   */
  lend(): { fd: number; position: number; comma: boolean } {
    this.out.flush();
    return { fd: this.fd, position: this.out.position, comma: this.count > 0 };
  }

  continueAt(position: number, count: number): void {
    this.out.position = position;
    this.count += count;
  }

  takeBack(): void {
    ftruncateSync(this.fd, this.out.position);
  }

  /**
   * A temporary file, open, for a worker to write tickets to, each as
   * `,\n    {…}`. Opened here, so that an interrupted run removes every part
   * that exists.
   */
  part(): { path: string; fd: number } {
    const path = `${this.tmp}.${this.parts.size}`;
    const fd = openSync(path, 'w+');
    this.parts.set(path, fd);
    return { path, fd };
  }

  /** Appends a part's `count` tickets (the first one's comma dropped if no ticket is written yet) and removes it. */
  appendPart(path: string, count: number): void {
    this.out.flush();
    const fd = this.parts.get(path)!;
    const at = this.out.position;
    this.out.position += this.copyPart(path, this.count === 0 && count > 0 ? 1 : 0, fstatSync(fd).size, at);
    this.count += count;
    this.dropPart(path);
  }

  /** Copies bytes [from, to) of a part into the report at `at` (a worker may be writing after them); returns how many. */
  copyPart(path: string, from: number, to: number, at: number): number {
    const fd = this.parts.get(path)!;
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (let p = from; p < to; ) {
      const n = readSync(fd, chunk, 0, Math.min(CHUNK, to - p), p);
      writeAt(this.fd, chunk, 0, n, at + (p - from));
      p += n;
    }
    return Math.max(0, to - from);
  }

  dropPart(path: string): void {
    const fd = this.parts.get(path);
    if (fd === undefined) return;
    this.parts.delete(path);
    closeSync(fd);
    rmSync(path, { force: true });
  }

  /** Everything after the tickets, then move the file into place. */
  async end(reportJson: string): Promise<void> {
    this.out.write((this.count > 0 ? '\n  ' : '') + reportJson.slice(reportJson.indexOf(MARK) + MARK.length - 1));
    this.out.flush();
    closeSync(this.fd);
    this.fd = -1;
    open.delete(this);
    if (this.target !== undefined) {
      renameSync(this.tmp, this.target);
      return;
    }
    await this.copyToStdout();
    rmSync(this.tmp, { force: true });
  }

  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    open.delete(this);
    rmSync(this.tmp, { force: true });
    for (const part of [...this.parts.keys()]) this.dropPart(part);
  }

  private async copyToStdout(): Promise<void> {
    const fd = openSync(this.tmp, 'r');
    try {
      const chunk = Buffer.allocUnsafe(CHUNK);
      for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
        const ok = this.io.stdout.write(Buffer.from(chunk.subarray(0, n)));
        if (!ok && this.io.stdout.once) await new Promise<void>((resolve) => this.io.stdout.once!('drain', () => resolve()));
      }
    } finally {
      closeSync(fd);
    }
  }
}
