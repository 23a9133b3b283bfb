import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
      const child = spawn(process.execPath, [join(ROOT, 'bin/sla-audit.js'), 'tickets', '-', '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '-o', 'report.json'], { cwd: dir });
      child.stdin.write('id,created_at,priority,first_response_at\n');
      for (let i = 0; i < 1000; i++) child.stdin.write(`T${i},2026-10-05T10:00:00Z,general,2026-10-05T10:30:00Z\n`);
      const started = Date.now();
      while (!readdirSync(dir).some((f) => f.endsWith('.tmp')) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 20));
      expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code).toBe(exit);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
