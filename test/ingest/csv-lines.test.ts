import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openText } from '../../src/adapters/ingest/open-records.js';
import { readCsv, type CsvRow } from '../../src/adapters/ingest/text-formats.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV line numbers', () => {
  it('count the line ends inside a quoted cell that comes after megabytes without a quote', async () => {
    const plain = Array.from({ length: 60_000 }, (_, i) => `T${i},x`);
    const path = join(dir, 'late-quote.csv');
    writeFileSync(path, `id,note\n${plain.join('\n')}\nQ1,"three\nline\nnote"\nA1,after\n`);
    const { chunks } = await openText(path);
    const csv = await readCsv(path, chunks);
    const rows: CsvRow[] = [];
    for await (const batch of csv.batches) rows.push(...batch);
    expect(rows[0]).toEqual({ line: 2, cells: ['T0', 'x'] });
    expect(rows.at(-2)).toEqual({ line: 60_002, lastLine: 60_004, cells: ['Q1', 'three\nline\nnote'] });
    expect(rows.at(-1)).toEqual({ line: 60_005, cells: ['A1', 'after'] });
  });
});
