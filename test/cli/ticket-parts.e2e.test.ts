import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCommands } from '../support/fixture-commands.js';
import { ROOT, runCli } from '../support/run-cli.js';

// A file is read in parts only from 32 MiB; SLA_AUDIT_PARALLEL_MIN_BYTES=0
// makes every CSV ticket file qualify, so that small hand-checked inputs go
// through the workers and must give the very report a single read gives.
const PARTS = { SLA_AUDIT_PARALLEL_MIN_BYTES: '0' };
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DEBUG_LINE = /^debug: .*\n/m;

/** The same run read in one go and in parts: report, warnings and exit code agree. */
function expectSameAudit(args: string[], cwd = ROOT): string {
  const whole = runCli([...args, '--debug'], { cwd });
  const parts = runCli([...args, '--debug'], { cwd, env: PARTS });
  expect(parts.stdout).toBe(whole.stdout);
  expect(parts.stderr.replace(DEBUG_LINE, '')).toBe(whole.stderr);
  expect(parts.code).toBe(whole.code);
  return parts.stderr;
}

function csv(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `id,created_at,priority,first_response_at,resolved_at\n${rows.join('\n')}\n`);
  return path;
}

const AS_OF = ['--as-of', '2026-11-01T00:00:00Z'];
const twoCores = availableParallelism() >= 2;

describe.runIf(twoCores)('a ticket file read in two parts at once (the main thread and a worker)', () => {
  it('gives the report of a single read for the example month (websoft9: per-breach credits)', () => {
    const stderr = expectSameAudit(['audit', '--config', 'fixtures/example/sla-audit.yaml', '--month', '2026-10', ...AS_OF, '--format', 'json']);
    expect(stderr).toMatch(/debug: .*websoft9-tickets\.csv read in 2 parts at once/);
  });

  it('adds up threshold counts across the parts (olt-ems: 10% at three failures)', () => {
    const stderr = expectSameAudit(['tickets', 'fixtures/example/olt-ems-tickets.csv', '--policy', 'olt-ems', '--tier', 'enterprise', '--month', '2026-10', ...AS_OF, '--fee', '3000', '--format', 'json']);
    expect(stderr).toMatch(/read in 2 parts/);
  });

  it('gives the hand-checked report of every CSV fixture', () => {
    let checked = 0;
    for (const { name, dir, args, ticketFile } of fixtureCommands()) {
      if (!ticketFile?.endsWith('.csv')) continue;
      const stderr = expectSameAudit(args, dir);
      expect(stderr, name).toMatch(/read in 2 parts/);
      checked++;
    }
    // Including websoft9 with uptime: outages decide incident association in the workers too.
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('names tickets outside the month and unmeasured first responses once, with the counts of both parts', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `T${i},2026-${i % 5 === 0 ? '09' : '10'}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z,high,${i % 4 === 0 ? '' : `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T11:30:00Z`},`);
    const stderr = expectSameAudit(['tickets', csv('outside.csv', rows), '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', ...AS_OF, '--format', 'json']);
    expect(stderr).toMatch(/6 ticket\(s\) were created outside 2026-10/);
  });

  it('reads the file again in one go when an id repeats across the parts, reporting it exactly', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `T${i},2026-10-05T10:00:00Z,high,,`);
    rows.push('T3,2026-10-06T10:00:00Z,high,,');
    const stderr = expectSameAudit(['tickets', csv('dup.csv', rows), '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', ...AS_OF, '--format', 'json']);
    expect(stderr).toMatch(/read again in one go/);
    expect(stderr).toMatch(/dup\.csv:32: duplicate ticket id "T3" \(first at .*dup\.csv:5\)/);
  });

  it('reads the file again in one go for a bad row, so --skip-invalid reports it with its line', () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i === 25 ? `T${i},yesterday,high,,` : `T${i},2026-10-05T10:00:00Z,high,,`));
    const path = csv('bad.csv', rows);
    for (const extra of [[], ['--skip-invalid']]) {
      const stderr = expectSameAudit(['tickets', path, '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', ...AS_OF, '--format', 'json', ...extra]);
      expect(stderr).toMatch(/bad\.csv:27: (skipped: )?created_at/);
    }
  });

  it('writes the same -o file, and leaves no part files behind', () => {
    const out = (env: Record<string, string>, name: string) => {
      const r = runCli(['audit', '--config', 'fixtures/example/sla-audit.yaml', '--month', '2026-10', ...AS_OF, '-o', join(dir, name)], { env });
      expect(r.code).toBe(0);
      return readFileSync(join(dir, name), 'utf8');
    };
    expect(out(PARTS, 'parts.json')).toBe(out({}, 'whole.json'));
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
