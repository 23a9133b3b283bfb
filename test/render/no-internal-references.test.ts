import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCommands } from '../support/fixture-commands.js';
import { ROOT, runCli } from '../support/run-cli.js';

// What a user reads cites what the user can read: the vendor's own document, by title, section or URL —
// never the documents the policies were modelled from as this repository once kept them ("the seed",
// "seeds/…"), nor the line numbers of a file the user does not have ("lines 18–23").
const INTERNAL = /seed|\blines? \d/i;

const bundled = readdirSync(join(ROOT, 'policies'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));
const real = readdirSync(join(ROOT, 'fixtures/policies/real'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(ROOT, 'fixtures/policies/real', f));

/** The lines of an output that cite something the user does not have. */
const internal = (text: string) => text.split('\n').filter((l) => INTERNAL.test(l));

describe('no output cites an internal source', () => {
  it('covers every bundled policy', () => {
    const audited = new Set(fixtureCommands().map((c) => c.flag('--policy')));
    expect(bundled.filter((id) => !audited.has(id))).toEqual([]);
  });

  it.each([...bundled, ...real])('policies show %s, as a table and as JSON', async (policy) => {
    for (const format of ['table', 'json']) {
      const r = await runCli(['policies', 'show', policy, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/source/);
      expect(internal(r.stdout)).toEqual([]);
    }
  });

  it.each(fixtureCommands().map((c) => [c.name, c] as const))('the %s audit in every format', async (_name, c) => {
    const args = c.args.filter((a, i) => a !== '--format' && c.args[i - 1] !== '--format');
    // Every ticket, not only the breached ones, where the command lists tickets.
    const all = args[0] === 'uptime' ? [] : ['--all'];
    for (const format of ['json', 'table', 'markdown', 'csv']) {
      const r = await runCli([...args, '--format', format, ...all], { cwd: c.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(internal(r.stdout)).toEqual([]);
      expect(internal(r.stderr)).toEqual([]);
    }
  });
});
