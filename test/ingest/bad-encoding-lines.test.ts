import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// Bytes that are not text are each a bad line, said with the file's other problems, in the file's own encoding.

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-encoding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const RUN = ['--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z'];
const HEADER = 'id,created_at,priority,first_response_at\n';

function write(name: string, bytes: Buffer): string {
  writeFileSync(join(dir, name), bytes);
  return name;
}
const tickets = (file: string, flags: string[] = []) =>
  runCli(['tickets', file, ...RUN, '--format', 'json', ...flags], { cwd: dir });
const problems = (stderr: string) => stderr.split('\n').filter((l) => /^\S+\.csv:\d+/.test(l));

/** UTF-16 text of `s`, with its BOM; `units` replace the text's code units where given (a lone surrogate). */
function utf16(s: string, le: boolean): Buffer {
  const body = Buffer.from(s, 'utf16le');
  if (!le) body.swap16();
  return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

describe('text that is not valid in its encoding', () => {
  it('says every bad line of UTF-8, with the rows’ other problems', async () => {
    const file = write(
      'mixed.csv',
      Buffer.concat([
        Buffer.from(`${HEADER}A`),
        Buffer.from([0xff]),
        Buffer.from(',2026-10-01T00:00:00Z,general,\nB,garbage,general,\nC'),
        Buffer.from([0xfe]),
        Buffer.from(',2026-10-01T00:00:00Z,general,\n'),
      ]),
    );
    const r = await tickets(file);
    expect(r.code).toBe(2);
    // Identical problems together, as the renderer groups every row problem: the two lines, then line 3's.
    expect(problems(r.stderr)).toEqual([
      'mixed.csv:2: text is not valid UTF-8 (expected UTF-8 (with or without BOM) or UTF-16 with a BOM) — re-export the file as UTF-8, or state its encoding with --map (encoding: windows-1252 or iso-8859-1)',
      'mixed.csv:4: text is not valid UTF-8 (expected UTF-8 (with or without BOM) or UTF-16 with a BOM) — re-export the file as UTF-8, or state its encoding with --map (encoding: windows-1252 or iso-8859-1)',
      expect.stringMatching(/^mixed\.csv:3: created_at: bad timestamp/),
    ]);
    expect(r.stderr).toMatch(/^sla-audit: 3 problems found/m);
  });

  it('lets --skip-invalid skip a bad row like any other, and counts it', async () => {
    const good = 'G,2026-10-02T00:00:00Z,general,2026-10-02T00:30:00Z\n';
    const file = write(
      'skip.csv',
      Buffer.concat([
        Buffer.from(`${HEADER}A`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(`,2026-10-01T00:00:00Z,general,\n${good}`),
      ]),
    );
    const r = await tickets(file, ['--skip-invalid']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ code: 'INPUT_BAD_ENCODING', line: 2, skipped: true, args: { encoding: 'UTF-8' } }),
    );
  });

  it('finds what isUtf8 refuses: an overlong form, a surrogate, a code point past U+10FFFF, a cut character', async () => {
    const rows = [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ].map((bytes, i) =>
      Buffer.concat([Buffer.from(`X${i}`), Buffer.from(bytes), Buffer.from(',2026-10-01T00:00:00Z,general,\n')]),
    );
    const r = await tickets(write('forms.csv', Buffer.concat([Buffer.from(HEADER), ...rows])));
    expect(problems(r.stderr).map((l) => l.split(' ')[0])).toEqual(['forms.csv:2:', 'forms.csv:3:', 'forms.csv:4:']);
    expect(r.stderr).toContain('forms.csv: … and 2 more with the same problem (lines 5–6)');
  });

  it('groups many bad lines as other row problems are grouped', async () => {
    const row = (i: number) =>
      Buffer.concat([Buffer.from(`R${i}`), Buffer.from([0x92]), Buffer.from(',2026-10-01T00:00:00Z,general,\n')]);
    const r = await tickets(
      write('many.csv', Buffer.concat([Buffer.from(HEADER), ...Array.from({ length: 500 }, (_, i) => row(i))])),
    );
    expect(r.stderr).toContain('many.csv: … and 497 more with the same problem (lines 5–501)');
  });

  it.each([true, false])(
    'says UTF-16 (little-endian: %s) and the line of a lone surrogate or an odd last byte',
    async (le) => {
      const name = le ? 'LE' : 'BE';
      const lone = write(
        `lone-${name}.csv`,
        utf16(
          `${HEADER}A\uD800,2026-10-01T00:00:00Z,general,\nB,2026-10-01T00:00:00Z,general,\nC\uDC00,2026-10-01T00:00:00Z,general,\n`,
          le,
        ),
      );
      const r = await tickets(lone);
      expect(problems(r.stderr)).toEqual([
        `lone-${name}.csv:2: text is not valid UTF-16${name} (expected UTF-16${name} text, as its BOM says: whole 2-byte units, each surrogate in a pair) — the file is damaged or cut short here: export it again`,
        `lone-${name}.csv:4: text is not valid UTF-16${name} (expected UTF-16${name} text, as its BOM says: whole 2-byte units, each surrogate in a pair) — the file is damaged or cut short here: export it again`,
      ]);
      const text = utf16(`${HEADER}A,2026-10-01T00:00:00Z,general,\nB,2026-10-01T00:00:00Z,general,`, le);
      const odd = write(`odd-${name}.csv`, Buffer.concat([text, Buffer.from([0x41])]));
      expect(problems((await tickets(odd)).stderr)).toEqual([
        expect.stringMatching(new RegExp(`^odd-${name}\\.csv:3: text is not valid UTF-16${name} `)),
      ]);
    },
  );

  it('reads a UTF-16 surrogate pair split across chunks, and a U+FEFF inside the text, as text', async () => {
    // 70 000 bytes: more than one chunk of a file stream, so pairs fall across chunk ends.
    const rows = Array.from(
      { length: 700 },
      (_, i) => `\u{1F600}${i},2026-10-01T00:00:00Z,general,2026-10-01T00:30:00Z\n`,
    ).join('');
    const r = await tickets(write('pairs.csv', utf16(`${HEADER}${rows}`, true)));
    expect(r.stderr).not.toContain('not valid');
    expect(r.code).toBe(0);
  });
});
