import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryName } from '../../src/cli/output.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-long-name-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(join(ROOT, 'fixtures/websoft9-premium/tickets.csv'), join(dir, 'tickets.csv'));
const ARGS = [
  'tickets',
  'tickets.csv',
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:30:00Z',
  '--quiet',
  '--format',
  'json',
];

describe('-o with a long, valid file name (under the 255-byte limit)', () => {
  // The report goes first to `.<name>.<random>.tmp` beside it: 18 bytes more, past the limit for a 250-byte name.
  it.each([
    { name: 'ASCII, 250 bytes', file: `${'r'.repeat(245)}.json` },
    { name: 'two-byte characters, 249 bytes', file: `${'é'.repeat(122)}.json` },
    { name: 'four-byte characters, 253 bytes', file: `${'😀'.repeat(62)}.json` },
  ])('$name: written, nothing else left beside it', async ({ file }) => {
    expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255);
    const r = await runCli([...ARGS, '-o', file], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, file), 'utf8'))).toMatchObject({ schemaVersion: 2 });
    expect(readdirSync(dir).sort()).toEqual(['tickets.csv', file].sort());
    rmSync(join(dir, file));
  });

  it('the temporary name stays within 255 bytes and is cut at a character boundary', () => {
    for (const target of ['a'.repeat(255), 'é'.repeat(127), '😀'.repeat(63), 'report.json']) {
      const name = temporaryName(target, '0123456789ab');
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
      expect(name).not.toContain('\uFFFD');
      expect(name.endsWith('.0123456789ab.tmp')).toBe(true);
      expect(target.startsWith(name.slice(1, -'.0123456789ab.tmp'.length))).toBe(true);
    }
    expect(temporaryName('report.json', 'ff')).toBe('.report.json.ff.tmp');
  });
});
