import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { parseReport } from '../support/report-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'id,created_at,priority,first_response_at,resolved_at';
const GOOD_ROW = 'OK-1,2026-10-05T10:00:00Z,general,2026-10-05T10:30:00Z,';
const ARGS = ['--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z'];

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Case {
  name: string;
  rows: string[];
  header?: string;
  line: number;
  message: RegExp;
  extra?: string[];
}

const cases: Case[] = [
  {
    name: 'a malformed timestamp',
    rows: ['B-1,05/10/2026 10:00,general,,'],
    line: 3,
    message: /created_at: bad timestamp: not an ISO 8601 date and time .*got "05\/10\/2026 10:00"/,
  },
  {
    name: 'an impossible date',
    rows: ['B-1,2026-02-30T10:00:00Z,general,,'],
    line: 3,
    message: /created_at: bad timestamp: 2026-02 has no day 30/,
  },
  {
    name: 'an impossible hour',
    rows: ['B-1,2026-10-05T25:00:00Z,general,,'],
    line: 3,
    message: /hour 25 is out of range/,
  },
  {
    name: 'a response before creation',
    rows: ['B-1,2026-10-05T10:00:00Z,general,2026-10-05T09:00:00Z,'],
    line: 3,
    message: /first_response_at: the first response is before the ticket was created/,
  },
  {
    name: 'a resolution before creation',
    rows: ['B-1,2026-10-05T10:00:00Z,general,,2026-10-04T10:00:00Z'],
    line: 3,
    message: /resolved_at: the resolution is before the ticket was created/,
  },
  {
    name: 'a duplicate id',
    rows: ['OK-1,2026-10-06T10:00:00Z,general,,'],
    line: 3,
    message: /duplicate ticket id "OK-1" \(first at .*:2\)/,
  },
  {
    name: 'an unknown priority',
    rows: ['B-1,2026-10-05T10:00:00Z,sev-9,,'],
    line: 3,
    message: /priority: "sev-9" is not a priority of policy websoft9 .*— map it with --map/,
  },
  {
    name: 'a timestamp without offset and no --input-tz',
    rows: ['B-1,2026-10-05 10:00:00,general,,'],
    line: 3,
    message: /created_at: timestamp has no UTC offset .*— pass --input-tz/,
  },
  { name: 'a missing id', rows: [',2026-10-05T10:00:00Z,general,,'], line: 3, message: /id: the ticket has no id/ },
  {
    name: 'a row with too few fields',
    rows: ['B-1,2026-10-05T10:00:00Z'],
    line: 3,
    message: /the row has 2 fields, the header 5/,
  },
];

describe('bad rows: exit 2, the line, what and how to fix, no report', () => {
  it.each(cases)('$name', async ({ rows, line, message, header }) => {
    const input = file('bad.csv', [header ?? HEADER, GOOD_ROW, ...rows].join('\n') + '\n');
    const out = join(dir, `report-${line}-${Math.random().toString(36).slice(2)}.json`);
    const r = await runCli(['tickets', input, ...ARGS, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    const first = r.stderr.split('\n')[0]!;
    expect(first.startsWith(`${input}:${line}: `)).toBe(true);
    expect(first).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain('nothing was written');
  });

  it('a missing required column names the header line and the columns found', async () => {
    const input = file('nocol.csv', 'ticket,opened,priority\nA,2026-10-05T10:00:00Z,general\n');
    const r = await runCli(['tickets', input, ...ARGS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${input}:1: no column for the required field "id" (expected one of "id", got columns "ticket", "opened", "priority") — pass --preset`,
    );
    expect(r.stderr).toContain('no column for the required field "created_at"');
  });

  it('collects every bad row, not only the first', async () => {
    const input = file(
      'many.csv',
      [HEADER, GOOD_ROW, ...cases.slice(0, 5).map((c) => c.rows[0]!.replace('B-1', `B-${Math.random()}`))].join('\n') +
        '\n',
    );
    const r = await runCli(['tickets', input, ...ARGS]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith(input)).length).toBe(5);
    expect(r.stderr).toContain('5 problems found');
  });

  it('--skip-invalid proceeds, lists each skipped row under warnings, and counts them', async () => {
    const input = file(
      'skip.csv',
      [HEADER, GOOD_ROW, 'B-1,2026-02-30T10:00:00Z,general,,', 'B-2,2026-10-05T10:00:00Z,sev-9,,'].join('\n') + '\n',
    );
    const r = await runCli(['tickets', input, ...ARGS, '--skip-invalid', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.summary.rows).toMatchObject({ read: 3, used: 1, skipped: 2 });
    const skipped = report.warnings.filter((w: { message: string }) => w.message.startsWith('skipped: '));
    expect(skipped.map((w: { line: number }) => w.line)).toEqual([3, 4]);
    expect(r.stderr).toContain(`warning: ${input}:3: skipped: created_at: bad timestamp`);
  });

  it('an empty file and a header-only file are errors', async () => {
    expect((await runCli(['tickets', file('empty.csv', ''), ...ARGS])).stderr).toContain('the file is empty');
    const r = await runCli(['tickets', file('header.csv', `${HEADER}\n`), ...ARGS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the file has no ticket rows');
  });
});

describe('two stray quotes 500 lines apart', () => {
  // The quote that opens a priority on line 12 closes on line 512: the 500 rows between are one record's field.
  const rows = Array.from(
    { length: 2000 },
    (_, i) =>
      `T${i},2026-10-05T10:00:00Z,${i === 10 ? '"general' : i === 510 ? 'general"' : 'general'},2026-10-05T10:30:00Z,`,
  );
  const path = file('stray-quotes.csv', [HEADER, ...rows].join('\n') + '\n');

  it('the skipped record says the lines it swallowed, its value is shown short and on one line', async () => {
    const r = await runCli(['tickets', path, ...ARGS, '--skip-invalid', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).summary.rows).toMatchObject({ read: 1500, skipped: 1 });
    const warning = r.stderr.split('\n').find((l) => l.includes('stray-quotes.csv:12: skipped'))!;
    expect(warning).toContain(
      '(the record runs over lines 12–512; a quote may have opened a field that swallowed the rows after it)',
    );
    expect(warning).toContain('"general,2026-10-05T10:30:00Z,\\nT11,20..."');
  });
});
