import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../support/run-cli.js';

// A real full file system: a 16 KiB tmpfs, mounted only when asked (SLA_AUDIT_TMPFS=1) and the machine
// lets the tests mount one (root in a container): a test run must not mount file systems on a
// developer's machine or a CI host unbidden. Otherwise these cases are skipped, saying why, and /dev/full
// (output.e2e.test.ts) still covers ENOSPC. Mounted when the tests run, not when they are collected
// (`vitest list` runs no teardown).
const ASKED = process.env.SLA_AUDIT_TMPFS === '1';
const NOT_ASKED =
  'a full file system needs a tmpfs: set SLA_AUDIT_TMPFS=1 (as root) to mount one; /dev/full in output.e2e.test.ts covers ENOSPC meanwhile';
let dir = '';
let mounted = false;
let why = NOT_ASKED;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sla-audit-full-'));
  if (!ASKED) {
    console.info(`full-disk cases skipped: ${NOT_ASKED}`);
    return;
  }
  why = 'SLA_AUDIT_TMPFS=1, but mounting a tmpfs failed (not root, or no mount permission in this container)';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
});

// The example month's report is some hundred KiB: more than the file system holds.
const AUDIT = [
  'audit',
  '--config',
  join(ROOT, 'fixtures/example/sla-audit.yaml'),
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:00:00Z',
  '--format',
  'json',
];

describe('a full file system while the report is written', () => {
  it('-o on it: exit 2 naming the file and the cause, and nothing left there — no partial report, no temporary file', (ctx) => {
    if (!mounted) ctx.skip(why);
    const r = spawnCli([...AUDIT, '-o', join(dir, 'report.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${join(dir, 'report.json')}: no space left on the device (ENOSPC)`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a full TMPDIR for a report to stdout: exit 2 naming the temporary directory, stdout empty, nothing left', (ctx) => {
    if (!mounted) ctx.skip(why);
    const r = spawnCli(AUDIT, { env: { TMPDIR: dir } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `cannot write a temporary file in ${dir} (TMPDIR): no space left on the device (ENOSPC)`,
    );
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });
});
