import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { ROOT, runCli } from '../support/run-cli.js';

const fixture = join(ROOT, 'fixtures/websoft9-premium');
const ARGS = ['tickets', 'tickets.csv', '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '--as-of', '2026-11-01T00:30:00Z'];

describe('exit codes cron can act on', () => {
  it('0: the audit completed (breaches found or not)', () => {
    expect(runCli(ARGS, { cwd: fixture }).code).toBe(0);
  });

  it('1: only when the --fail-on condition is met', () => {
    expect(runCli([...ARGS, '--fail-on', 'breach'], { cwd: fixture }).code).toBe(1);
  });

  it('2: usage errors, invalid policies and invalid input', () => {
    expect(runCli([...ARGS, '--month', '2026-13'], { cwd: fixture }).stderr).toContain('--month must be YYYY-MM (got: "2026-13")');
    expect(runCli([...ARGS, '--month', '2026-13'], { cwd: fixture }).code).toBe(2);
    expect(runCli([...ARGS, '--as-of', 'yesterday'], { cwd: fixture }).code).toBe(2);
    expect(runCli([...ARGS, '--fee', '12.345'], { cwd: fixture }).stderr).toContain('--fee must be an amount in USD with at most 2 decimals');
    const missing = runCli(['tickets', 'missing.csv', '--policy', 'websoft9', '--tier', 'premium'], { cwd: fixture });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.csv: file not found — check the path');
    expect(runCli(['tickets', 'tickets.csv', '--policy', 'websoft9', '--tier', 'gold'], { cwd: fixture }).stderr).toContain('--tier: policy websoft9 has no tier "gold" (expected one of standard, advanced, premium)');
  });

  it('3: an internal error says it is a bug and asks for a report, never looking like "breaches found"', async () => {
    let err = '';
    const io: Io = {
      stdout: {
        write: () => {
          throw new TypeError('stream exploded');
        },
      },
      stderr: { write: (s: string) => (err += s) },
      env: {},
      cwd: fixture,
    };
    const abs = ['tickets', join(fixture, 'tickets.csv'), ...ARGS.slice(2)];
    const code = await main([...abs, '--format', 'json'], io);
    expect(code).toBe(3);
    expect(err).toContain('sla-audit: internal error: stream exploded');
    expect(err).toContain('This is a bug in sla-audit. Please report it');
    expect(err).not.toMatch(/\n\s+at /);
    let debug = '';
    await main([...abs, '--format', 'json', '--debug'], { ...io, stderr: { write: (s: string) => (debug += s) } });
    expect(debug).toMatch(/TypeError: stream exploded\n\s+at /);
  });

  it('off a terminal, without NO_COLOR, a table has no escape codes and stderr has only diagnostics', () => {
    const r = runCli([...ARGS, '--format', 'table'], { cwd: fixture, env: { NO_COLOR: '' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr.split('\n').filter(Boolean).every((l) => l.startsWith('warning: '))).toBe(true);
    expect(runCli([...ARGS, '--format', 'table', '--quiet'], { cwd: fixture }).stderr).toBe('');
  });
});
