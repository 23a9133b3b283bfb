import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

describe('an interrupted run', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('leaves neither the report nor its temporary file behind (%s → exit %d)', async (signal, exit) => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-interrupt-'));
    try {
      // Tickets from a stdin that stays open: the signal surely comes while the report is being written.
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'bin/sla-audit.js'),
          'tickets',
          '-',
          '--policy',
          'websoft9',
          '--tier',
          'premium',
          '--month',
          '2026-10',
          '-o',
          'report.json',
        ],
        { cwd: dir },
      );
      child.stdin.write('id,created_at,priority,first_response_at\n');
      for (let i = 0; i < 1000; i++) child.stdin.write(`T${i},2026-10-05T10:00:00Z,general,2026-10-05T10:30:00Z\n`);
      const started = Date.now();
      while (!readdirSync(dir).some((f) => f.endsWith('.tmp')) && Date.now() - started < 20_000)
        await new Promise((r) => setTimeout(r, 20));
      expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
      child.kill(signal);
      // Ended by the signal itself, which a shell reports as 128 + its number.
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, s) => resolve({ code, signal: s })),
      );
      expect(ended).toEqual({ code: null, signal });
      expect(128 + constants.signals[signal]).toBe(exit);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGTERM while an input is a FIFO no one writes: the run ends at once, not when a writer comes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-interrupt-'));
    try {
      execFileSync('mkfifo', [join(dir, 'tickets.csv')]);
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'bin/sla-audit.js'),
          'tickets',
          'tickets.csv',
          '--policy',
          'websoft9',
          '--tier',
          'premium',
          '--month',
          '2026-10',
          '--format',
          'json',
          '-o',
          'report.json',
        ],
        { cwd: dir },
      );
      await new Promise((r) => setTimeout(r, 1000));
      child.kill('SIGTERM');
      // Before, the process lived on until a writer opened the FIFO: this waited past the test's timeout.
      const ended = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, s) => resolve(s)));
      expect(ended).toBe('SIGTERM');
      expect(readdirSync(dir)).toEqual(['tickets.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
