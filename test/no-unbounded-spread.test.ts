import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/run-cli.js';

/**
 * A spread into call arguments (`push(...rows)`, `Math.max(...xs)`, `fn(...list)`) puts every
 * element on the stack: past ~125 000 of them the call throws "Maximum call stack size exceeded"
 * and a large but valid input ends in exit 3. `f.apply(x, list)` and `Reflect.apply` do the same.
 * Spreads inside array literals (`[...a, ...b]`) and object literals are not calls and are fine.
 *
 * Loops or `append`/`maxOf` (src/core/lists.ts) instead. A spread over an array whose length a
 * constant bounds may stay, listed here with why; entries are matched by file and the spread's
 * text, not by line, so unrelated edits do not break them.
 */
const ALLOWED: ReadonlyArray<{ file: string; spread: string; why: string }> = [];

interface Found {
  file: string;
  line: number;
  spread: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every spread into call or `new` arguments, and every `.apply(…, list)` / `Reflect.apply(…)`, in one source text. */
function scan(file: string, text: string): Found[] {
  const found: Found[] = [];
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const at = (n: ts.Node, spread: string) =>
    found.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, spread });
  const visit = (n: ts.Node): void => {
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments) {
      for (const a of n.arguments) if (ts.isSpreadElement(a)) at(a, a.getText(sf));
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'apply') {
        const list =
          ts.isIdentifier(callee.expression) && callee.expression.text === 'Reflect' ? n.arguments[2] : n.arguments[1];
        if (list && !ts.isArrayLiteralExpression(list)) at(n, n.getText(sf));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function spreadsIntoCalls(): Found[] {
  return sources(join(ROOT, 'src')).flatMap((path) =>
    scan(relative(ROOT, path).split('\\').join('/'), readFileSync(path, 'utf8')),
  );
}

const known = (list: typeof ALLOWED, f: Found) => list.some((a) => a.file === f.file && a.spread === f.spread);

describe('no unbounded array is spread into a call', () => {
  const found = spreadsIntoCalls();

  it('the scanner finds spreads into calls, and only those', () => {
    const text = [
      'out.push(...rows);',
      'const low = Math.min(...xs.map((x) => x.t));',
      'const s = new Set([...a, ...b]);',
      'const o = { ...base, more: 1 };',
      'f(a, [...b]);',
      'fn.apply(null, list);',
      'Reflect.apply(fn, null, list);',
      'fn.apply(null, [a, b]);',
      'const m = new Map(...pairs);',
    ].join('\n');
    expect(scan('x.ts', text).map((f) => `${f.line}: ${f.spread}`)).toEqual([
      '1: ...rows',
      '2: ...xs.map((x) => x.t)',
      '6: fn.apply(null, list)',
      '7: Reflect.apply(fn, null, list)',
      '9: ...pairs',
    ]);
  });

  it('every spread into call arguments in src/ is over a list a constant bounds, and listed with why', () => {
    const unlisted = found
      .filter((f) => !known(ALLOWED, f))
      .map(
        (f) =>
          `${f.file}:${f.line}: ${f.spread} — append in a loop (src/core/lists.ts), or list it in ALLOWED with the constant that bounds it`,
      );
    expect(unlisted).toEqual([]);
  });

  it('every ALLOWED entry still names a spread in src/ (a stale entry would let a new one in)', () => {
    const stale = ALLOWED.filter((a) => !found.some((f) => f.file === a.file && f.spread === a.spread)).map(
      (a) => `${a.file}: ${a.spread}`,
    );
    expect(stale).toEqual([]);
  });
});
