import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { PROGRESS_MIN_BYTES, progressFor } from '../../src/cli/progress.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const big = join(dir, 'big.csv');
writeFileSync(big, Buffer.alloc(PROGRESS_MIN_BYTES + 1, 'x'));
function io(tty: boolean): Io & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: { write: () => true },
    stderr: { isTTY: tty, write: (s: string) => err.push(s) },
    stdin: Readable.from([]),
    env: {},
    cwd: '.',
  };
}

describe('progress on stderr', () => {
  it('shows for a large input on a terminal, then clears its line', () => {
    const t = io(true);
    let clock = 0;
    const p = progressFor([big], t, false, () => (clock += 1000));
    p.onBytes!(big, PROGRESS_MIN_BYTES / 2, new Uint8Array(0));
    p.done();
    expect(t.err[0]).toMatch(/^\rreading .*big\.csv {2}49% \(2 of 4 MB\)/);
    expect(t.err[1]).toBe('\r\u001b[K');
  });

  it('stays silent off a terminal, with --quiet, and for small inputs', () => {
    expect(progressFor([big], io(false), false).onBytes).toBeUndefined();
    expect(progressFor([big], io(true), true).onBytes).toBeUndefined();
    expect(progressFor([join(tmpdir(), 'does-not-exist.csv')], io(true), false).onBytes).toBeUndefined();
  });
});
