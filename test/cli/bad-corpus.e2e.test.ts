import { readFileSync, writeFileSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = join(ROOT, 'fixtures/bad');
/** Each test's own folder is made in this one, removed at the end. */
const tmp = mkdtempSync(join(tmpdir(), 'sla-audit-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
interface Case {
  file: string;
  kind: 'tickets' | 'uptime' | 'policy' | 'contract' | 'map';
  line?: number;
  col?: number;
  message: string;
}
const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: Case[] };

function argsFor(c: Case, out: string): string[] {
  const file = join(dir, c.file);
  switch (c.kind) {
    case 'tickets':
      return [
        'tickets',
        file,
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
        '-o',
        out,
      ];
    case 'uptime':
      return [
        'uptime',
        file,
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '-o',
        out,
      ];
    case 'map':
      return [
        'tickets',
        join(ROOT, 'fixtures/websoft9-premium/tickets.csv'),
        '--map',
        file,
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '-o',
        out,
      ];
    default:
      return ['policies', 'validate', file];
  }
}

describe('the bad-input corpus: exit 2, file:line, what is wrong and how to fix it, nothing written', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('$file', async (c) => {
    const out = join(mkdtempSync(join(tmp, 'case-')), 'report.json');
    const r = await runCli(argsFor(c, out));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const first = r.stderr.split('\n')[0]!;
    // An input is named relative to the working folder it lies in (the repository here); a map or policy file as given.
    const at = `${c.line !== undefined ? `:${c.line}` : ''}${c.col !== undefined ? `:${c.col}` : ''}`;
    expect(
      [join(dir, c.file), relative(ROOT, join(dir, c.file))].some(
        (file) =>
          first.startsWith(`${file}${at}:`) ||
          first.startsWith(`${file}${at} `) ||
          (c.line === undefined && first.startsWith(file)),
      ),
      first,
    ).toBe(true);
    expect(first).toMatch(new RegExp(c.message));
    expect(r.stderr).toMatch(/problems? found; nothing was written\n$/);
  });

  it.each(['csv', 'ndjson'])(
    'invalid UTF-8 beyond the first chunk of a %s file is reported, not hung on',
    async (ext) => {
      const file = join(mkdtempSync(join(tmp, 'late-')), `late.${ext}`);
      const rows = Array.from({ length: 3000 }, (_, i) =>
        ext === 'csv'
          ? `A-${i},2026-10-05T10:00:00Z,general`
          : JSON.stringify({ id: `A-${i}`, created_at: '2026-10-05T10:00:00Z', priority: 'general' }),
      );
      const head = ext === 'csv' ? 'id,created_at,priority\n' : '';
      writeFileSync(file, Buffer.concat([Buffer.from(head + rows.join('\n') + '\n'), Buffer.from([0x41, 0xff, 0x0a])]));
      const r = await runCli(['tickets', file, '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}:${ext === 'csv' ? 3002 : 3001}: text is not valid UTF-8`);
    },
  );

  it('a 50 MB single field is refused with its line, quickly and without a stack trace', async () => {
    const file = join(mkdtempSync(join(tmp, 'big-')), 'big.csv');
    writeFileSync(
      file,
      `id,created_at,priority\nA-1,2026-10-05T10:00:00Z,general\n"${'x'.repeat(50 * 1024 * 1024)}",2026-10-05T11:00:00Z,general\n`,
    );
    const r = await runCli(['tickets', file, '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: a field is larger than 8 MiB`),
    );
  });
});
