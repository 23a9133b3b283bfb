import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { ROOT, runCli, spawnCli } from '../support/run-cli.js';

const fixture = join(ROOT, 'fixtures/websoft9-premium');
const ARGS = [
  'tickets',
  'tickets.csv',
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:30:00Z',
];
/** The arguments with another --month. */
const month = (m: string) => ARGS.map((a, i) => (ARGS[i - 1] === '--month' ? m : a));

describe('exit codes cron can act on', () => {
  it('0: the audit completed (breaches found or not)', async () => {
    expect((await runCli(ARGS, { cwd: fixture })).code).toBe(0);
  });

  it('1: only when the --fail-on condition is met', async () => {
    expect((await runCli([...ARGS, '--fail-on', 'breach'], { cwd: fixture })).code).toBe(1);
  });

  it('2: usage errors, invalid policies and invalid input', async () => {
    const bad = await runCli(month('2026-13'), { cwd: fixture });
    expect(bad.stderr).toContain('--month must be YYYY-MM (got: "2026-13")');
    expect(bad.code).toBe(2);
    // A flag of one value given twice is refused, not decided by the last one.
    const twice = await runCli([...ARGS, '--month', '2026-09'], { cwd: fixture });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe('sla-audit: --month is given 2 times (got "2026-10", "2026-09") — give it once\n');
    expect((await runCli([...ARGS, '--as-of', 'yesterday'], { cwd: fixture })).code).toBe(2);
    expect((await runCli([...ARGS, '--fee', '12.345'], { cwd: fixture })).stderr).toContain(
      '--fee must be an amount in USD with at most 2 decimals',
    );
    const missing = await runCli(['tickets', 'missing.csv', '--policy', 'websoft9', '--tier', 'premium'], {
      cwd: fixture,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.csv: file not found — check the path');
    expect(
      (await runCli(['tickets', 'tickets.csv', '--policy', 'websoft9', '--tier', 'gold'], { cwd: fixture })).stderr,
    ).toContain('--tier: policy websoft9 has no tier "gold" (expected one of standard, advanced, premium)');
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
      stdin: Readable.from([]),
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

  it('off a terminal, without NO_COLOR, a table has no escape codes and stderr has only diagnostics', async () => {
    const r = await runCli([...ARGS, '--format', 'table'], { cwd: fixture, env: { NO_COLOR: '' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(
      r.stderr
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('warning: ')),
    ).toBe(true);
    expect((await runCli([...ARGS, '--format', 'table', '--quiet'], { cwd: fixture })).stderr).toBe('');
  });

  // The codes above come from main(); this is the one check that the
  // installed binary hands them to the shell as its exit status.
  it('the built binary exits 0, 1, 2 and 4 as main() returns them', () => {
    const ok = spawnCli(ARGS, { cwd: fixture });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).schemaVersion).toBe(2);
    expect(spawnCli([...ARGS, '--fail-on', 'breach'], { cwd: fixture }).code).toBe(1);
    // A row skipped as invalid in a month without a breach: --fail-on cannot tell, and says so apart from a breach.
    const rows =
      'id,created_at,priority,first_response_at\nG-1,2026-10-01T10:00:00Z,general,2026-10-01T10:05:00Z\nG-2,yesterday,general,\n';
    const undecided = spawnCli(['tickets', '-', ...ARGS.slice(2), '--skip-invalid', '--fail-on', 'breach', '--quiet'], {
      cwd: fixture,
      input: rows,
    });
    expect(undecided.code).toBe(4);
    expect(undecided.stderr).toBe('sla-audit: --fail-on breach: 1 input row skipped as invalid (--skip-invalid)\n');
    const usage = spawnCli(month('2026-13'), { cwd: fixture });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--month must be YYYY-MM (got: "2026-13")');
  });
});

describe('identical problems are grouped', () => {
  it('one missing zone on every row is shown three times per field, then counted with its lines', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `G-${i},2026-10-05 10:00,general,2026-10-05 10:30`);
    const r = await runCli(['tickets', '-', '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10'], {
      input: `id,created_at,priority,first_response_at\n${rows.join('\n')}\n`,
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(
      lines.filter((l) => l.startsWith('-:') && l.includes('created_at: timestamp has no UTC offset')),
    ).toHaveLength(3);
    expect(lines).toContain('-: … and 37 more with the same problem (lines 5–41)');
    expect(lines.at(-1)).toBe('sla-audit: 80 problems found; nothing was written');
    expect(lines).toHaveLength(3 + 1 + 3 + 1 + 1);
  });
});

describe('many different problems of one kind are counted too', () => {
  it('500 unknown priorities, each its own value: ten listed, the rest counted with their lines', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `P-${i},2026-10-05T10:00:00Z,prio${i},`);
    const r = await runCli(['tickets', '-', '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10'], {
      input: `id,created_at,priority,first_response_at\n${rows.join('\n')}\n`,
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('is not a priority of policy websoft9'))).toHaveLength(10);
    expect(lines).toContain('-: … and 490 more problems of the same kind (INPUT_UNKNOWN_PRIORITY) (lines 12–501)');
    expect(lines.at(-1)).toBe('sla-audit: 500 problems found; nothing was written');
  });
});
