import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
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
    expect(
      offenders(
        'src/core',
        /from ['"](node:|chalk|cli-table3|csv-parse|yaml|commander)|\bconsole\.|\bprocess\.|Date\.now\(|new Date\(\)/,
      ),
    ).toEqual([]);
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

/** Every module a source file imports (static, re-exported or dynamic), relative to ROOT for our own, as written for packages. */
function importsOf(file: string): Array<{ target: string; typeOnly: boolean }> {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ target: string; typeOnly: boolean }> = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (!spec || !ts.isStringLiteral(spec)) return;
    const text = spec.text;
    out.push({
      target: text.startsWith('.') ? relative(ROOT, resolve(dirname(file), text)).replace(/\.js$/, '.ts') : text,
      typeOnly,
    });
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n)) {
      const c = n.importClause;
      // `import type {…}`, or `import { type A, type B }` with nothing but types.
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(n.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(n)) add(n.moduleSpecifier, n.isTypeOnly);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) add(n.arguments[0], false);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const ownModule = (target: string) => target.startsWith('src/');

describe('the application layer is the library (the CLI is one front end of it)', () => {
  it('src/cli imports only src/audit, the renderers and src/core/issues (and core types, type-only)', () => {
    const allowed = (t: string) =>
      /^src\/(cli|audit|adapters\/render)\//.test(t) || t === 'src/core/issues.ts' || t === 'src/version.ts';
    const bad = files(join(ROOT, 'src/cli')).flatMap((f) =>
      importsOf(f)
        .filter((i) => ownModule(i.target) && !allowed(i.target) && !(i.typeOnly && i.target.startsWith('src/core/')))
        .map((i) => `${relative(ROOT, f)} -> ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/audit imports no renderer: what it says is data, worded by the front end (or the core)', () => {
    const bad = files(join(ROOT, 'src/audit')).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.target.startsWith('src/adapters/render/') || i.target.startsWith('src/cli/'))
        .map((i) => `${relative(ROOT, f)} -> ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it('the scan sees what it is meant to: a value import, a type-only one, a re-export and a dynamic import', () => {
    const found = importsOf(join(ROOT, 'src/cli/commands/audit.ts'));
    expect(found).toContainEqual({ target: 'src/audit/run-audit.ts', typeOnly: false });
    expect(found).toContainEqual({ target: 'src/core/report.ts', typeOnly: true });
    expect(importsOf(join(ROOT, 'src/audit/inputs.ts'))).toContainEqual({
      target: 'src/adapters/ingest/records.ts',
      typeOnly: false,
    });
    expect(importsOf(join(ROOT, 'src/cli/main.ts')).map((i) => i.target)).toContain('src/cli/commands/audit.ts');
  });
});

describe('house rules', () => {
  it('no source file is over 400 lines', () => {
    const long = files(join(ROOT, 'src'))
      .map((f) => ({ file: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 400);
    expect(long).toEqual([]);
  });
});
