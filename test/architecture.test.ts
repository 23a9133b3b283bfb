import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/run-cli.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('layering', () => {
  it('src/core is pure: no I/O, no terminal, no parsers, no clock', () => {
    const forbidden = /from ['"](node:|chalk|cli-table3|csv-parse|yaml|commander)|\bconsole\.|\bprocess\.|Date\.now\(|new Date\(\)/;
    const offenders = files(join(ROOT, 'src/core')).filter((f) => forbidden.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('src/adapters never imports the CLI', () => {
    const offenders = files(join(ROOT, 'src/adapters')).filter((f) => /from ['"][./]+\/cli\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
