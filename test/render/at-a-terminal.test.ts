import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { ROOT, runCli } from '../support/run-cli.js';

// For people at a terminal (issue 24, item 5): the width tables take, what a target and a priority
// say, every breached metric's times, and counts in words.

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLE = ['audit', '--config', 'sla-audit.yaml', '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z'];

/** The example month's table, with stdout and stderr as given and the environment's COLUMNS. */
async function table(stdout: Partial<Io['stdout']>, stderr: Partial<Io['stderr']>, env: Record<string, string> = {}) {
  let out = '';
  const code = await main([...EXAMPLE, '--format', 'table', '--quiet'], {
    stdout: { write: (c, done) => ((out += String(c)), done?.(), true), ...stdout },
    stderr: { write: () => true, ...stderr },
    stdin: Readable.from([]),
    env: { NO_COLOR: '1', ...env },
    cwd: join(ROOT, 'fixtures/example'),
  });
  expect(code).toBe(0);
  return out;
}
/** The widest line of the tables (a heading or a sentence is not a table: the terminal wraps it). */
const widest = (text: string) =>
  Math.max(
    ...text
      .split('\n')
      .filter((l) => /^[┌│├└]/.test(l))
      .map((l) => [...l].length),
  );

describe('the width a table takes', () => {
  it('COLUMNS is honoured on a terminal, and off one', async () => {
    expect(widest(await table({ isTTY: true, columns: 200 }, {}, { COLUMNS: '90' }))).toBeLessThanOrEqual(90);
    expect(widest(await table({ isTTY: false }, {}, { COLUMNS: '90' }))).toBeLessThanOrEqual(90);
  });

  it('a pipe read at a terminal (| less) takes the terminal’s width, from stderr', async () => {
    expect(widest(await table({ isTTY: false, isPipe: true }, { isTTY: true, columns: 80 }))).toBeLessThanOrEqual(80);
  });

  it('a file, or a pipe with no terminal behind it (cron), keeps the natural width', async () => {
    const natural = widest(await table({ isTTY: false, isPipe: false }, { isTTY: true, columns: 80 }));
    expect(natural).toBeGreaterThan(120);
    expect(widest(await table({ isTTY: false, isPipe: true }, { isTTY: false }))).toBe(natural);
  });

  it('-o keeps the natural width whatever COLUMNS says', async () => {
    const file = join(dir, 'report.txt');
    await runCli([...EXAMPLE, '-o', file, '--quiet'], { cwd: join(ROOT, 'fixtures/example'), env: { COLUMNS: '90' } });
    expect(widest(readFileSync(file, 'utf8'))).toBeGreaterThan(120);
  });
});

describe('what a ticket row says', () => {
  const policy = (text: string) => {
    const file = join(dir, `p-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, text);
    return file;
  };

  it('a target on a business calendar says so; one on 24x7, or already in words, as the policy writes it', async () => {
    // TeleStax premium: P1 2h on 24x7, P2 4h on New York business hours; standard P2 "1 business day".
    writeFileSync(
      join(dir, 'tx.csv'),
      'id,created_at,priority,first_response_at\n' +
        'T-1,2026-10-09T20:00:00Z,P2,2026-10-13T15:00:00Z\n' +
        'T-2,2026-10-09T20:00:00Z,P1,2026-10-10T20:00:00Z\n',
    );
    const base = ['tickets', 'tx.csv', '--policy', 'telestax-restcomm', '--month', '2026-10', '--format', 'table'];
    const premium = (await runCli([...base, '--tier', 'premium', '--as-of', '2026-11-01T00:00:00Z'], { cwd: dir }))
      .stdout;
    // Friday 16:00 New York: 1 business hour that day, 3 on Monday → due Monday 12:00, not "4h" after Friday 16:00.
    expect(premium).toMatch(/│ T-1 │ P2 +│ 2026-10-09 16:00 +│ 4 business h │ 2026-10-12 12:00 │/);
    expect(premium).toMatch(/│ T-2 │ P1 +│ 2026-10-09 16:00 +│ 2h +│ 2026-10-09 18:00 │/);
    const standard = (await runCli([...base, '--tier', 'standard', '--as-of', '2026-11-01T00:00:00Z'], { cwd: dir }))
      .stdout;
    expect(standard).toMatch(/│ T-1 │ P2 +│ 2026-10-09 16:00 +│ 1 business day +│/);
  });

  it('an alias is "=", a reclassification or a policy rule "→", and the table says what the marks mean', async () => {
    // TeleStax: "urgent" is an alias of P1; T-2 reclassified to P2; T-3 a non-production P1, made P3 by the policy's rule.
    writeFileSync(
      join(dir, 'marks.csv'),
      'id,created_at,priority,first_response_at,reclassified_priority,environment\n' +
        'T-1,2026-10-05T14:00:00Z,urgent,2026-10-06T14:00:00Z,,production\n' +
        'T-2,2026-10-05T14:00:00Z,P1,2026-10-12T14:00:00Z,P2,production\n' +
        'T-3,2026-10-05T14:00:00Z,urgent,2026-10-12T14:00:00Z,,staging\n',
    );
    const marks = async (format: string) =>
      (
        await runCli(
          ['tickets', 'marks.csv', '--policy', 'telestax-restcomm', '--tier', 'premium', '--month', '2026-10'].concat([
            '--as-of',
            '2026-11-01T00:00:00Z',
            '--format',
            format,
          ]),
          { cwd: dir },
        )
      ).stdout;
    const out = await marks('table');
    expect(out).toMatch(/│ T-1 │ urgent = P1 +│/);
    expect(out).toMatch(/│ T-2 │ P1 → P2 +│/);
    expect(out).toMatch(/│ T-3 │ urgent = P1 → P3 │/);
    expect(out).toContain(
      'priority: = another name for the policy priority · → reclassified, or changed by a policy rule (why says which)',
    );
    const md = await marks('markdown');
    expect(md).toContain('| T-3 | urgent = P1 → P3 |');
    expect(md).toContain('Priority: = another name for the policy priority');
  });

  it('counts in words: one ticket, one day left, one line, one assumption', async () => {
    const p = policy(`version: sla-policy/v1
id: one-of-each
name: One of each
currency: USD
billingZone: UTC
priorities:
  P1: { name: Urgent }
defaultPriority: P1
tiers:
  t: { calendar: 24x7, targets: { P1: { firstResponse: 1h } } }
credits:
  claimBy: { daysAfter: 31 }
  models:
    - { id: late, type: per-breach, percent: 10 }
assumptions:
  - { id: only, text: "The only assumption." }
`);
    writeFileSync(
      join(dir, 'one.csv'),
      'id,created_at,priority,first_response_at\nO-1,2026-10-05T10:00:00Z,P1,2026-10-05T12:00:00Z\n',
    );
    const at = async (asOf: string) =>
      (
        await runCli(
          ['tickets', 'one.csv', '--policy', p, '--tier', 't', '--month', '2026-10', '--fee', '100'].concat([
            '--as-of',
            asOf,
            '--format',
            'table',
          ]),
          { cwd: dir },
        )
      ).stdout;
    // October's claim window ends 1 December: at 30 November, one day left.
    const out = await at('2026-11-30T12:00:00Z');
    expect(out).toContain('1 ticket · 0 met · 1 breached');
    expect(out).toContain('2026-12-01 (1 day left)');
    expect(out).toContain('1 assumption applies');
    const expired = await at('2026-12-05T00:00:00Z');
    expect(expired).toContain('; 1 line expired unclaimed, not counted');
  });
});
