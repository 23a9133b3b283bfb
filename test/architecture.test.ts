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

const offenders = (dir: string, forbidden: RegExp) =>
  files(join(ROOT, dir))
    .filter((f) => forbidden.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));

describe('layering', () => {
  it('src/core is pure: no I/O, no terminal, no parsers, no clock', () => {
    expect(offenders('src/core', /from ['"](node:|chalk|cli-table3|csv-parse|yaml|commander)|\bconsole\.|\bprocess\.|Date\.now\(|new Date\(\)/)).toEqual([]);
  });

  it('src/adapters never imports the application layer or the CLI', () => {
    expect(offenders('src/adapters', /from ['"][./]+\/(cli|audit)\//)).toEqual([]);
  });

  it('src/audit (the application) never imports the CLI, and reads no clock of its own', () => {
    expect(offenders('src/audit', /from ['"][./]+\/cli\/|Date\.now\(|new Date\(\)|\bconsole\./)).toEqual([]);
  });

  it('renderers import no ingest code', () => {
    expect(offenders('src/adapters/render', /from ['"][./]+\/ingest\//)).toEqual([]);
  });

  it('the library entry point imports no CLI code', () => {
    expect(/from ['"]\.\/cli\//.test(readFileSync(join(ROOT, 'src/index.ts'), 'utf8'))).toBe(false);
  });
});
