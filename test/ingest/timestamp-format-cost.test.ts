import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// A format whose tokens of one or two digits touch ("dH") lets a matcher split a run of digits every way:
// fourteen such pairs took seconds per row, sixteen minutes, deaf to SIGTERM. Refused in the map instead.
const dir = mkdtempSync(join(tmpdir(), 'sla-format-cost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const run = (map: string, tickets: string) =>
  runCli(
    ['tickets', tickets, '--map', map, '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10'].concat([
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--input-tz',
      'UTC',
      '--format',
      'json',
    ]),
    { cwd: dir },
  );

describe('a timestampFormat whose variable-width tokens touch', () => {
  it('is a map error naming the pair, before any row is read', async () => {
    const map = write('redos.yaml', `timestampFormat: "${'dH'.repeat(14)}"\n`);
    const tickets = write('redos.csv', `id,created_at,priority\nA,${'1'.repeat(55)}x,high\n`);
    const r = await run(map, tickets);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `redos.yaml:1:18: timestampFormat: "${'dH'.repeat(14)}" has dH with nothing between them`,
    );
    expect(r.stderr).toContain('(expected a separator or a fixed width (dd, HH) between tokens of one or two digits');
  });

  it("fixed widths side by side (yyyyMMddHHmmss), a quoted literal between (d'T'H) and epochs are read", async () => {
    const tickets = write('ok.csv', 'id,created_at,priority\nA,20261005093000,high\n');
    for (const format of ['yyyyMMddHHmmss', "d'T'H", 'epoch-seconds']) {
      const r = await run(write(`ok-${format.length}.yaml`, `timestampFormat: "${format}"\n`), tickets);
      expect(r.stderr, format).not.toContain('with nothing between them');
    }
    const r = await run(write('fixed.yaml', 'timestampFormat: "yyyyMMddHHmmss"\n'), tickets);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tickets[0].createdAt).toBe('2026-10-05T09:30:00Z');
  });
});
