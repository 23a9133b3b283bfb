import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = join(ROOT, 'fixtures/odd');
const ARGS = [
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:00:00Z',
  '--format',
  'json',
];
/** What matters of a report's tickets, whatever the file looked like. */
const essence = (stdout: string) =>
  parseReport(stdout).tickets.map((t: Record<string, any>) => ({
    id: t.id,
    priority: t.priority,
    effectivePriority: t.effectivePriority,
    createdAt: t.createdAt,
    status: t.status,
    firstResponse: t.firstResponse,
  }));
const reference = essence((await runCli(['tickets', join(dir, 'reference.csv'), ...ARGS])).stdout);

describe('odd but valid inputs read the same as the plain file', () => {
  it('the reference has three tickets', () =>
    expect(reference.map((t: { id: string }) => t.id)).toEqual(['W-1', 'W-2', 'W-3']));

  it.each([
    'bom.csv',
    'crlf.csv',
    'utf16le.csv',
    'utf16be.csv',
    'quoted-newlines.csv',
    'reordered-extra-columns.csv',
    'blank-lines.ndjson',
    'array.json',
    'api-response.json',
  ])('%s', async (file) => {
    const r = await runCli(['tickets', join(dir, file), ...ARGS]);
    expect(r.code, r.stderr).toBe(0);
    expect(essence(r.stdout)).toEqual(reference);
  });

  it('an API response on one line through stdin is a document, not one NDJSON record', async () => {
    const oneLine = JSON.stringify(JSON.parse(readFileSync(join(dir, 'api-response.json'), 'utf8')));
    const r = await runCli(['tickets', '-', ...ARGS], { input: oneLine });
    expect(r.code, r.stderr).toBe(0);
    expect(essence(r.stdout)).toEqual(reference);
  });

  it('stdin ("-") reads like a file', async () => {
    const r = await runCli(['tickets', '-', ...ARGS], { input: readFileSync(join(dir, 'crlf.csv'), 'utf8') });
    expect(r.code, r.stderr).toBe(0);
    expect(essence(r.stdout)).toEqual(reference);
  });

  it('line numbers stay right after a quoted field that spans lines, and in NDJSON with blank lines', async () => {
    const quoted = parseReport((await runCli(['tickets', join(dir, 'quoted-newlines.csv'), ...ARGS])).stdout);
    expect(quoted.tickets.map((t: { line: number }) => t.line)).toEqual([2, 4, 5]);
    const ndjson = parseReport((await runCli(['tickets', join(dir, 'blank-lines.ndjson'), ...ARGS])).stdout);
    expect(ndjson.tickets.map((t: { line: number }) => t.line)).toEqual([2, 4, 6]);
  });
});
