import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCommands } from '../support/fixture-commands.js';
import { runCli } from '../support/run-cli.js';
import { parseReport } from '../support/report-schema.js';

/**
 * Each fixtures/<vendor>-<case>/ folder holds a small export, the exact
 * command (cmd.json) and the expected report (expected.json, a subset with
 * hand-computed due times; `_why` explains each ticket). Run in this
 * process, so in its zone (UTC): that no result depends on the host's zone
 * is determinism.test.ts's to show, with processes of their own.
 */
const VENDOR = /^(olt-ems|websoft9|telestax-restcomm|sma-opcon|connectsoft)-/;
const commands = fixtureCommands();
const cases = commands.map((c) => c.name);

describe('fixtures end to end', () => {
  it('cover all five policies', () => {
    expect(new Set(cases.filter((c) => VENDOR.test(c)).map((c) => VENDOR.exec(c)![1]))).toEqual(
      new Set(['olt-ems', 'websoft9', 'telestax-restcomm', 'sma-opcon', 'connectsoft']),
    );
  });

  it.each(commands.map((c) => [c.name, c] as const))('%s', async (_name, { dir, args }) => {
    const { _why, ...expected } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const r = await runCli(args, { cwd: dir });
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.schemaVersion).toBe(2);
    expect(report).toMatchObject(expected);
    expect(Object.keys(_why ?? {}).length).toBeGreaterThan(0);
  });
});
