import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';
import { parseReport } from '../support/report-schema.js';

const fixture = join(ROOT, 'fixtures/websoft9-premium');
/** The tests' own folders are made in this one, removed at the end. */
const tmp = mkdtempSync(join(tmpdir(), 'sla-audit-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ARGS = [
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:30:00Z',
  '--fee',
  '1000',
];

describe('report formats', () => {
  // The same table under other host zones: determinism.test.ts.
  it('the table matches the reviewed golden file (no colour, fixed zone)', async () => {
    const r = await runCli(['tickets', 'tickets.csv', ...ARGS, '--format', 'table', '--all'], { cwd: fixture });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(fixture, 'expected-table.txt'), 'utf8'));
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('colour appears only when asked for, and never with NO_COLOR in auto mode', async () => {
    const forced = await runCli(['tickets', 'tickets.csv', ...ARGS, '--format', 'table', '--color', 'always'], {
      cwd: fixture,
    });
    expect(forced.stdout).toMatch(/\u001b\[31m/); // breached in red
    const auto = await runCli(['tickets', 'tickets.csv', ...ARGS, '--format', 'table', '--color', 'auto'], {
      cwd: fixture,
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    expect(auto.stdout).toMatch(/\u001b\[/); // FORCE_COLOR wins in auto (SPEC 1)
    const plain = await runCli(['tickets', 'tickets.csv', ...ARGS, '--format', 'table'], {
      cwd: fixture,
      env: { NO_COLOR: '1' },
    });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });

  it('off a terminal the default is JSON', async () => {
    const r = await runCli(['tickets', 'tickets.csv', ...ARGS], { cwd: fixture });
    expect(parseReport(r.stdout).schemaVersion).toBe(2);
  });

  it('audit --format csv gives one row per credit line plus the total, numbers left numeric', async () => {
    const r = await runCli(['audit', '--tickets', 'tickets.csv', ...ARGS, '--format', 'csv'], { cwd: fixture });
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'period,policy,tier,contract,rule,percent,fee,amount,currency,eligible,claim_by,days_left,evidence,reason',
    );
    expect(lines[1]).toBe(
      '2026-10,websoft9,premium,,per-failed-request,5,1000,50,USD,true,,,W-2,ticket W-2 missed its first-response target: 5% per missed target',
    );
    // W-5 is pending at as-of: it may still owe 5%, so it is a line of its own, undecided and not in the total.
    expect(lines[4]).toBe(
      '2026-10,websoft9,premium,,per-failed-request,5,1000,50,USD,undecided,,,W-5,"ticket W-5\'s first-response target is not due yet at as-of: 5% if missed, undecided"',
    );
    expect(lines[5]).toBe(
      '2026-10,websoft9,premium,,total,15,1000,150,USD,,,,,"sum of eligible lines not expired, capped as the policy says"',
    );
  });

  it('CSV cells that a spreadsheet would run as a formula are neutralised', async () => {
    const dir = mkdtempSync(join(tmp, 'csv-'));
    writeFileSync(
      join(dir, 't.csv'),
      'id,created_at,priority,first_response_at\n"=HYPERLINK(""http://x"")",2026-10-05T10:00:00Z,general,2026-10-05T13:00:00Z\n+1,2026-10-05T10:00:00Z,general,\n-2,2026-10-05T10:00:00Z,general,\n@SUM(A1),2026-10-05T10:00:00Z,general,\n',
    );
    const r = await runCli(['tickets', 't.csv', ...ARGS, '--format', 'csv'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = r.stdout
      .split('\r\n')
      .slice(1, 5)
      .map((l) => l.split(',')[0]);
    expect(rows).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+1", "'-2", "'@SUM(A1)"]);
    const credits = (await runCli(['audit', '--tickets', 't.csv', ...ARGS, '--format', 'csv'], { cwd: dir })).stdout;
    expect(credits).toContain(`,5,1000,50,USD,true,,,"'=HYPERLINK(""http://x"")",`);
  });

  it('markdown has a summary and pipe tables', async () => {
    const r = await runCli(['audit', '--tickets', 'tickets.csv', ...ARGS, '--format', 'markdown'], { cwd: fixture });
    expect(r.stdout).toContain('## SLA audit: Websoft9 — work-order SLA, 2026-10');
    expect(r.stdout).toContain(
      '| priority | tickets | met | breached | pending | excluded | no target |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n| high | 3 | 1 | 2 | 0 | 0 | 0 |',
    );
    expect(r.stdout).toContain(
      '| W-9 | high | 2026-10-12 08:00 | 10m | 2026-10-12 08:10 | — | **breached** | first response |',
    );
  });

  it('-o writes the report atomically and picks the format from the extension', async () => {
    const dir = mkdtempSync(join(tmp, 'out-'));
    const out = join(dir, 'credits.csv');
    const r = await runCli(['audit', '--tickets', join(fixture, 'tickets.csv'), ...ARGS, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe(
      'period,policy,tier,contract,rule,percent,fee,amount,currency,eligible,claim_by,days_left,evidence,reason',
    );
  });

  it('--fail-on breach and --fail-on credit exit 1 when met', async () => {
    expect((await runCli(['tickets', 'tickets.csv', ...ARGS, '--fail-on', 'breach'], { cwd: fixture })).code).toBe(1);
    expect((await runCli(['tickets', 'tickets.csv', ...ARGS, '--fail-on', 'credit'], { cwd: fixture })).code).toBe(1);
    const ok = join(ROOT, 'fixtures/connectsoft-premium');
    expect(
      (
        await runCli(
          [
            'tickets',
            'tickets.csv',
            '--policy',
            'connectsoft',
            '--tier',
            'premium',
            '--month',
            '2026-10',
            '--as-of',
            '2026-11-01T00:00:00Z',
            '--fail-on',
            'credit',
          ],
          { cwd: ok },
        )
      ).code,
    ).toBe(0);
  });
});

describe('tables fit the terminal beyond the audit', () => {
  it('policies list and policies show at 80 columns: no line wider', async () => {
    for (const args of [
      ['policies', 'list'],
      ['policies', 'show', 'sma-opcon'],
      ['policies', 'show', 'connectsoft'],
    ]) {
      const r = await runCli([...args, '--format', 'table'], { tty: true });
      expect(r.code).toBe(0);
      const wide = r.stdout.split('\n').filter((l) => [...l].length > 80);
      expect(wide).toEqual([]);
    }
  });
});
