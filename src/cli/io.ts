/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout: { write(text: string | Uint8Array): unknown; isTTY?: boolean; once?(event: 'drain', listener: () => void): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
