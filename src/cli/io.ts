/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout: {
    write(chunk: string | Uint8Array, done?: (err?: Error | null) => void): unknown;
    isTTY?: boolean;
    columns?: number;
    /** A pipe (`| less`), not a terminal or a file; for the process's own stdout, asked of the system when not said. */
    isPipe?: boolean;
  };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** What "-" reads. */
  stdin: AsyncIterable<Uint8Array>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A write to stdout that failed where no one waited for it (help, version): the run must not end as a success. */
export const lostOutput: { error: NodeJS.ErrnoException | null } = { error: null };

export function processIo(): Io {
  // A closed pipe is reported to the write that meets it (writeStdout); the
  // stream's own error event would otherwise end the process with a stack trace.
  if (process.stdout.listenerCount('error') === 0)
    process.stdout.on('error', (err: NodeJS.ErrnoException) => (lostOutput.error ??= err));
  // Diagnostics that cannot be written (a full or closed stderr) are lost; the exit code still says what happened.
  if (process.stderr.listenerCount('error') === 0) process.stderr.on('error', () => {});
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
