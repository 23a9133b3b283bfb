import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { open as openHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { shownPath } from '../audit/paths.js';
import { UsageError } from '../core/issues.js';
import type { Io } from './io.js';

export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown' | 'openmetrics';
/** What a command prints unless it says otherwise: metrics are the audit commands' alone. */
const FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'markdown'];
const BY_EXTENSION: Record<string, ReportFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'table',
  // The node_exporter textfile collector reads *.prom files.
  '.prom': 'openmetrics',
};

/**
 * SPEC 1: --format, else -o's extension, else table on a TTY, else json —
 * for every command, each saying which formats it can print.
 */
export function chooseReportFormat(
  flag: string | undefined,
  output: string | undefined,
  io: Io,
  allowed: readonly ReportFormat[] = FORMATS,
): ReportFormat {
  let chosen: ReportFormat;
  let from = '--format';
  if (flag !== undefined) chosen = flag as ReportFormat;
  else {
    const ext = output === undefined ? undefined : /\.[^./\\]+$/.exec(output)?.[0]?.toLowerCase();
    const byExt = ext ? BY_EXTENSION[ext] : undefined;
    // A spreadsheet or a web page asked for by name must not silently get JSON.
    if (ext !== undefined && byExt === undefined) {
      throw new UsageError(
        `-o ${output}: sla-audit writes ${allowed
          .map(
            (f) =>
              `${f} (${Object.keys(BY_EXTENSION)
                .filter((e) => BY_EXTENSION[e] === f)
                .join(', ')})`,
          )
          .join(', ')}, not ${ext} — name the file so, or pass --format`,
      );
    }
    if (byExt) from = `-o's extension`;
    chosen = byExt ?? (io.stdout.isTTY && output === undefined ? 'table' : 'json');
  }
  if (!allowed.includes(chosen))
    throw new UsageError(`${from} must give one of ${allowed.join(', ')} (got: "${chosen}")`);
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
  const failure = (err: unknown) =>
    (err as NodeJS.ErrnoException).code === 'EPIPE' ? new OutputClosed() : faultOr('stdout', err);
  return new Promise((done, fail) => {
    try {
      io.stdout.write(chunk, (err) => (err ? fail(failure(err)) : done()));
    } catch (err) {
      fail(failure(err));
    }
  });
}

/**
 * Reports being written, removed if the run is interrupted (Ctrl-C, a cron
 * timeout). The handlers are there only while a report is being written, so
 * that a program using the CLI keeps its own way of ending.
 */
const open = new Set<{ abort(): void }>();

/** The signals that end a run (Ctrl-C, a cron timeout, a closed terminal), with the exit code a shell gives each. */
const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

function onSignal(signal: NodeJS.Signals): void {
  for (const file of open) file.abort();
  // Raised again with the default action, the signal ends the process at once: process.exit() would wait
  // for a thread still blocked opening an input (a FIFO no one writes), and the run would not end.
  for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
  process.kill(process.pid, signal);
}

function track(file: { abort(): void }, writing: boolean): void {
  if (writing) {
    if (open.size === 0) for (const s of Object.keys(SIGNALS)) process.on(s, onSignal);
    open.add(file);
  } else if (open.delete(file) && open.size === 0) {
    for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
  }
}

/**
 * Until the returned release is called, a Ctrl-C or a cron timeout first calls `abort` (which removes what
 * the run was writing), then ends the run as the signal would.
 */
export function onInterrupt(abort: () => void): () => void {
  const writing = { abort };
  track(writing, true);
  return () => track(writing, false);
}

const CHUNK = 1 << 20;

/** What an I/O failure means, in words, for a message that names the path and the cause. */
export function cause(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOENT: 'no such file or directory',
    ENAMETOOLONG: 'the name is too long',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    EEXIST: 'a file of that name appeared meanwhile',
  };
  return code && words[code] ? `${words[code]} (${code})` : ((err as Error).message ?? String(err));
}

/** An environment fault while writing `what`: exit 2 with the path and the cause, never a crash. */
const writeFault = (what: string, err: unknown) => new UsageError(`cannot write ${what}: ${cause(err)}`);

/** A system error (it has a code: ENOSPC, EISDIR …) is the environment's; anything else is a bug and stays one. */
const faultOr = (what: string, err: unknown): unknown =>
  typeof (err as NodeJS.ErrnoException).code === 'string' ? writeFault(what, err) : err;

/** What the process's stdin is, if it is open. */
function stdinStats(): Stats | undefined {
  try {
    return fstatSync(0);
  } catch {
    return undefined;
  }
}

/** Where a report goes. */
type Destination = { kind: 'stdout' } | { kind: 'stream'; path: string } | { kind: 'file'; path: string };

/**
 * SPEC 1: `-` is stdout; a FIFO or a character device is written as a
 * stream; a symlink's target is replaced, not the link; a directory, an
 * empty name or one of the run's own inputs is refused.
 */
export function destination(output: string | undefined, io: Io, inputs: readonly string[]): Destination {
  if (output === undefined || output === '-') return { kind: 'stdout' };
  if (output.trim() === '') throw new UsageError('-o needs a file name (got an empty one)');
  try {
    const given = resolve(io.cwd, output);
    // A process's own streams (/dev/stdout, /dev/fd/1, /proc/self/fd/1) are written to, whatever they lead to:
    // following one to the file a shell redirected it to, and replacing that, would lose what was there.
    if (/^\/dev\/(stdout|stderr|fd\/\d+)$|^\/proc\/[^/]+\/fd\/\d+$/.test(given)) return { kind: 'stream', path: given };
    // Followed by the kernel: /dev/stdout, /proc/self/fd/N and links to pipes included.
    const st = statSync(given, { throwIfNoEntry: false });
    if (st?.isDirectory() || /[\\/]$/.test(output))
      throw new UsageError(`-o ${output} is a directory — give a file name, e.g. -o ${join(output, 'report.json')}`);
    if (st) {
      for (const input of inputs) {
        // stdin may be a file too (`< tickets.csv`).
        const other = input === '-' ? stdinStats() : statSync(resolve(io.cwd, input), { throwIfNoEntry: false });
        if (other && other.dev === st.dev && other.ino === st.ino)
          throw new UsageError(
            `-o ${output} is one of this run's inputs (${input === '-' ? input : shownPath(input, io.cwd)}); writing the report there would replace it — choose another file`,
          );
      }
      if (st.isFIFO() || st.isCharacterDevice() || st.isSocket()) return { kind: 'stream', path: given };
    }
    // A symlink's target is replaced, not the link (a dangling link's target is created).
    const link = lstatSync(given, { throwIfNoEntry: false });
    if (!link?.isSymbolicLink()) return { kind: 'file', path: given };
    return { kind: 'file', path: st ? realpathSync(given) : resolve(dirname(given), readlinkSync(given)) };
  } catch (err) {
    throw err instanceof UsageError ? err : faultOr(output, err);
  }
}

/** The longest file name most file systems take (NAME_MAX: 255 bytes on ext4, XFS, APFS, NTFS in UTF-16 units). */
const NAME_MAX_BYTES = 255;

/**
 * `.<target>.<random>.tmp`, within NAME_MAX: the target's name is shortened (at a character
 * boundary) so that a valid 250-byte -o name does not fail as "the name is too long" for the
 * temporary file beside it.
 */
export function temporaryName(target: string, random: string): string {
  const room = NAME_MAX_BYTES - Buffer.byteLength(`..${random}.tmp`);
  let kept = target;
  if (Buffer.byteLength(kept) > room) {
    let bytes = 0;
    let end = 0;
    for (const ch of target) {
      const n = Buffer.byteLength(ch);
      if (bytes + n > room) break;
      bytes += n;
      end += ch.length;
    }
    kept = target.slice(0, end);
  }
  return `.${kept}.${random}.tmp`;
}

/**
 * A report written to a temporary file — beside the `-o` target, or in the
 * temp directory for stdout and streams — and moved or copied into place
 * only when the run succeeds: a failed or interrupted run leaves nothing
 * behind, and a report too large for memory is never held in it.
 */
export class ReportFile {
  private readonly tmp: string;
  private fd = -1;
  private readonly to: Destination;

  /** `inputs`: every file the run reads, which the report must not replace. */
  constructor(
    private readonly output: string | undefined,
    private readonly io: Io,
    inputs: readonly string[] = [],
  ) {
    this.to = destination(output, io, inputs);
    const name = this.to.kind === 'file' ? basename(this.to.path) : 'sla-audit-report';
    const dir = this.to.kind === 'file' ? dirname(this.to.path) : tmpdir();
    this.tmp = join(dir, temporaryName(name, randomBytes(6).toString('hex')));
    // Tracked before the file exists, so that a signal at any moment finds it.
    track(this, true);
    try {
      this.fd = openSync(this.tmp, 'wx');
    } catch (err) {
      track(this, false);
      throw faultOr(this.temporary, err);
    }
  }

  /** What a write into the temporary file is reported as: the -o target beside it, or the temp directory. */
  private get temporary(): string {
    return this.to.kind === 'file' ? (this.output ?? '') : `a temporary file in ${dirname(this.tmp)} (TMPDIR)`;
  }

  /** Bytes or text, appended. */
  readonly write = (chunk: Uint8Array | string): void => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    try {
      for (let at = 0; at < b.length;) at += writeSync(this.fd, b, at, b.length - at);
    } catch (err) {
      throw faultOr(this.temporary, err);
    }
  };

  /** Moves the report into place: renamed onto the target, or copied to stdout or the stream. */
  async commit(): Promise<void> {
    try {
      closeSync(this.fd);
      this.fd = -1;
      if (this.to.kind === 'file') renameSync(this.tmp, this.to.path);
      else if (this.to.kind === 'stdout') await this.copy((chunk) => writeStdout(this.io, chunk));
      else {
        // Appending: a stream opened for writing from its start would truncate the file a shell redirected it to.
        const handle = await openHandle(this.to.path, 'a');
        try {
          await this.copy(async (chunk) => void (await handle.write(chunk)));
        } finally {
          await handle.close();
        }
      }
    } catch (err) {
      // A reader that went away (`-o /dev/stdout | head`, a FIFO's reader) ends the run quietly, as for stdout.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') throw new OutputClosed();
      throw err instanceof OutputClosed || err instanceof UsageError
        ? err
        : faultOr(this.to.kind === 'stdout' ? 'stdout' : (this.output ?? ''), err);
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

  private async copy(write: (chunk: Uint8Array) => Promise<void>): Promise<void> {
    const fd = openSync(this.tmp, 'r');
    const chunk = Buffer.allocUnsafe(CHUNK);
    try {
      for (;;) {
        const n = readSync(fd, chunk);
        if (n === 0) break;
        await write(chunk.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * The width tables on stdout must fit: COLUMNS when it is set (a user's or a script's choice); else the
 * terminal's, when stdout is one; else, when stdout is a pipe read at a terminal (`| less`: stderr is
 * still that terminal), the terminal's too. None for a file (`-o`, or stdout redirected to one) or a
 * pipe with no terminal behind it (cron): those take the tables' natural width.
 */
export function tableWidth(io: Io, output?: string): number | undefined {
  if (output !== undefined && output !== '-') return undefined;
  const columns = /^\d{1,4}$/.test(io.env.COLUMNS?.trim() ?? '') ? Number(io.env.COLUMNS) : 0;
  if (columns >= 20) return columns;
  if (io.stdout.isTTY === true) return io.stdout.columns ?? 80;
  const pipe = io.stdout.isPipe ?? (io.stdout === process.stdout && stdoutIsPipe());
  if (pipe && io.stderr.isTTY === true) return io.stderr.columns ?? 80;
  return undefined;
}

/** Whether fd 1 is a pipe or a socket (`| less`), not a terminal or a file. */
function stdoutIsPipe(): boolean {
  try {
    const st = fstatSync(1);
    return st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}

/** A report known whole: to stdout as it is, or to `-o` through a temporary file. */
export async function writeReport(
  text: string,
  output: string | undefined,
  io: Io,
  inputs: readonly string[] = [],
): Promise<void> {
  if (output === undefined || output === '-') return writeStdout(io, text);
  const file = new ReportFile(output, io, inputs);
  try {
    file.write(text);
    await file.commit();
  } finally {
    file.abort();
  }
}
