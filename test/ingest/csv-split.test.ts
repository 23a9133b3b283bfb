import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { splitCsv } from '../../src/adapters/ingest/csv-split.js';
import { openText } from '../../src/adapters/ingest/records.js';
import { readCsv, type CsvRow } from '../../src/adapters/ingest/text-formats.js';
import type { ByteRange } from '../../src/adapters/ingest/csv-split.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function rows(path: string, range?: ByteRange): Promise<CsvRow[]> {
  const { chunks } = await openText(path, undefined, range);
  const csv = await readCsv(path, chunks, range?.firstLine);
  const all: CsvRow[] = csv.header ? [csv.header] : [];
  for await (const batch of csv.batches) all.push(...batch);
  return all;
}

/** Cuts into `parts` of about equal size. */
const even = (parts: number) => Array.from({ length: parts - 1 }, (_, k) => (k + 1) / parts);

/** Reading each part after the header gives the rows of the whole file, with the same line numbers. */
async function expectSameRows(path: string, parts: number): Promise<ByteRange[] | null> {
  const ranges = splitCsv(path, even(parts));
  if (ranges === null) return null;
  const whole = await rows(path);
  const pieces: CsvRow[] = [];
  for (const range of ranges) pieces.push(...(await rows(path, range)).slice(1));
  expect([whole[0], ...pieces]).toEqual(whole);
  return ranges;
}

describe('splitCsv', () => {
  it('cuts at record ends into contiguous parts after the header, numbering lines as the whole file does', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `T${i},2026-10-01T00:00:00Z,P1`).join('\n');
    const path = file(`id,created_at,priority\n${body}\n`);
    const ranges = (await expectSameRows(path, 3))!;
    expect(ranges).toHaveLength(3);
    expect(ranges[0]).toMatchObject({ headerEnd: 23, start: 23, firstLine: 2 });
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]!.start).toBe(ranges[k - 1]!.end);
  });

  it('never cuts inside a quoted field that holds line ends, and counts those lines', async () => {
    const long = `"a note\nover\nmany\nlines, with ""quotes"""`;
    const path = file(`id,note\r\n${Array.from({ length: 30 }, (_, i) => `T${i},${i % 3 === 0 ? long : 'plain'}`).join('\r\n')}\r\n`);
    expect(await expectSameRows(path, 2)).not.toBeNull();
    expect(await expectSameRows(path, 4)).not.toBeNull();
  });

  it('takes the header after a BOM and blank lines, and a header that spans lines', async () => {
    const path = file(`\uFEFF\n\n"id","created\nat"\n${Array.from({ length: 20 }, (_, i) => `T${i},x`).join('\n')}\n`);
    const ranges = (await expectSameRows(path, 2))!;
    expect(ranges[0]!.firstLine).toBe(5);
  });

  it('declines files it cannot cut: UTF-16, a header alone, too few rows', () => {
    expect(splitCsv(file(Buffer.from('\uFEFFid,x\nT1,a\nT2,b\n', 'utf16le')), even(2))).toBeNull();
    expect(splitCsv(file('id,created_at\n'), even(2))).toBeNull();
    expect(splitCsv(file('id,created_at\nT1,x'), even(2))).toBeNull();
  });

  it('gives the whole file row for row, for any RFC 4180 content (property)', async () => {
    const cell = fc.stringMatching(/^[a-zé",\n ]{0,12}$/);
    const quoteIfNeeded = (c: string) => (/[",\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 2, maxLength: 60 }), fc.boolean(), fc.integer({ min: 2, max: 4 }), async (records, crlf, parts) => {
        const eol = crlf ? '\r\n' : '\n';
        const path = file(`id,note${eol}${records.map(([a, b], i) => `R${i}${a.replace(/[",\n]/g, '')},${quoteIfNeeded(b)}`).join(eol)}${eol}`);
        if (await expectSameRows(path, parts)) cut++;
      }),
      { numRuns: 150 },
    );
    // Most generated files are long enough to cut: the property is not vacuous.
    expect(cut).toBeGreaterThan(100);
  });
});
