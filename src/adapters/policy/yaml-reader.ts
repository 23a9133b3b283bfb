import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Alias,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import type { FindingArgs, Issue } from '../../core/issues.js';
import { isKnownZone } from '../../core/time/zone.js';

/**
 * Reads a YAML document node by node, keeping positions, so that every
 * problem can name `file:line:col` and the dotted key path. It never throws
 * on bad content: it records an issue and returns undefined, and the caller
 * carries on to find the next problem.
 */
export class YamlReader {
  readonly issues: Issue[] = [];
  private readonly lines = new LineCounter();
  readonly doc: Document.Parsed;

  constructor(
    readonly file: string,
    text: string,
    private readonly codePrefix: string,
  ) {
    // YAML 1.2 core schema, no custom tags: a policy is data, never code.
    this.doc = parseDocument(text, {
      lineCounter: this.lines,
      uniqueKeys: true,
      prettyErrors: false,
      schema: 'core',
      strict: true,
    });
    for (const err of [...this.doc.errors, ...this.doc.warnings]) {
      const pos = this.lines.linePos(err.pos[0]);
      const duplicate = err.code === 'DUPLICATE_KEY';
      // The parser's own stack ran out: valid YAML, nested past what any document of ours holds.
      const deep = /Maximum call stack size exceeded/.test(err.message);
      this.issues.push({
        code: `${codePrefix}_${duplicate ? 'DUPLICATE_KEY' : deep ? 'TOO_DEEP' : 'YAML_SYNTAX'}`,
        file,
        line: pos.line,
        col: pos.col,
        args: duplicate || deep ? {} : { error: firstLine(err.message) },
        hint: duplicate
          ? 'keep one of the two entries'
          : deep
            ? 'a policy, contract, map or ledger nests a few levels: check what was pasted here'
            : 'fix the YAML syntax at this position',
      });
    }
    this.followAliases();
  }

  /** Each alias's node, found once: the yaml package's own lookup walks the whole document per call. */
  private readonly aliasTargets = new Map<Alias, Node>();
  /** Aliases naming no anchor before them, said once where they stand: nothing more is said of their value. */
  private readonly unresolved = new Set<Node>();

  /**
   * Resolves every alias as YAML does, to the last node anchored with its name before it, and reports
   * each that names none (a misspelt anchor, or one defined only later): without this the value
   * read as absent, and the problem said was "got nothing", at no position.
   */
  private followAliases(): void {
    const anchors = new Map<string, Node>();
    // Document order (a mapping's key before its value), as a stack: nesting as deep as the file is.
    const stack: Array<[unknown, string]> = [[this.doc.contents, '']];
    while (stack.length > 0) {
      const [node, path] = stack.pop()!;
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) this.aliasTargets.set(node, target);
        else {
          this.unresolved.add(node);
          this.issues.push({
            code: `${this.codePrefix}_UNKNOWN_ANCHOR`,
            file: this.file,
            ...this.position(node),
            path,
            args: { alias: node.source },
            hint: `define &${node.source} before it, or write the value`,
          });
        }
        continue;
      }
      if (!isMap(node) && !isSeq(node) && !isScalar(node)) continue;
      if (node.anchor) anchors.set(node.anchor, node);
      const children: Array<[unknown, string]> = [];
      if (isMap(node))
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
          children.push([pair.key, path], [pair.value, key === undefined ? path : join(path, key)]);
        }
      else if (isSeq(node)) node.items.forEach((item, i) => children.push([item, join(path, i)]));
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  get root(): Node | undefined {
    return (this.doc.contents as Node | null) ?? undefined;
  }

  /** Whether parsing produced a usable tree. */
  get parsed(): boolean {
    return this.doc.errors.length === 0;
  }

  position(node: Node | Pair | undefined | null): { line?: number; col?: number } {
    const n = node && 'range' in node ? node : (node as Pair | undefined)?.key;
    const range = n && typeof n === 'object' && 'range' in n ? (n as Node).range : undefined;
    if (!range) return {};
    const pos = this.lines.linePos(range[0]);
    return { line: pos.line, col: pos.col };
  }

  report(
    node: Node | Pair | undefined | null,
    path: string,
    code: string,
    /** The values the code's sentence names. */
    args: FindingArgs,
    detail: { expected?: string; got?: string; hint?: string; cause?: Issue } = {},
  ): undefined {
    // An alias naming no anchor has been said to: that its value is missing or of the wrong type follows from it.
    if (node && this.unresolved.has(node as Node)) return undefined;
    this.issues.push({
      code: `${this.codePrefix}_${code}`,
      file: this.file,
      ...this.position(node),
      path,
      args,
      ...detail,
    });
    return undefined;
  }

  /** Follow an alias (`*anchor`) to the node it names; one naming no anchor stays the alias (reported already). */
  resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return this.aliasTargets.get(node) ?? node;
    return (node as Node | undefined) ?? undefined;
  }

  /**
   * The entries of a mapping as [key, value node, pair]; reports a non-map
   * and every key not in `allowed` (when given), with a suggestion.
   */
  entries(
    node: Node | undefined,
    path: string,
    allowed?: readonly string[],
    what = 'a mapping',
  ): Array<[string, Node | undefined, Pair]> {
    const n = this.resolve(node);
    if (!isMap(n)) {
      if (!this.justMissing(node, path)) {
        this.report(n, path, 'WRONG_TYPE', { what }, { expected: what, got: describe(n) });
        this.notMappings.push(path);
      }
      return [];
    }
    const out: Array<[string, Node | undefined, Pair]> = [];
    for (const pair of n.items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key === undefined) {
        this.report(keyNode, path, 'KEY_NOT_STRING', {}, { got: describe(keyNode) });
        continue;
      }
      if (allowed && !allowed.includes(key)) {
        const near = closest(key, allowed);
        this.report(
          keyNode,
          join(path, key),
          'UNKNOWN_KEY',
          { key },
          {
            expected: `one of ${allowed.join(', ')}`,
            got: JSON.stringify(key),
            hint: near ? `did you mean "${near}"?` : 'remove it or check the spelling',
          },
        );
        continue;
      }
      out.push([key, this.resolve(pair.value), pair]);
    }
    return out;
  }

  /** A mapping's entries keyed by name, for required/optional lookups. */
  fields(node: Node | undefined, path: string, allowed: readonly string[]): Map<string, Node | undefined> {
    return new Map(this.entries(node, path, allowed).map(([k, v]) => [k, v]));
  }

  required(
    fields: Map<string, Node | undefined>,
    key: string,
    parent: Node | undefined,
    path: string,
    expected: string,
  ): Node | undefined {
    // Not a mapping at all (said once, by fields()): its keys are not missing one by one.
    if (!fields.has(key) && parent !== undefined && !isMap(this.resolve(parent))) return undefined;
    if (!fields.has(key)) {
      return this.report(
        this.resolve(parent),
        path,
        'MISSING_KEY',
        { key },
        {
          expected,
          hint: `add "${key}:"`,
        },
      );
    }
    return fields.get(key);
  }

  /** Paths already reported as not a mapping: what would be under them is not reported again. */
  private readonly notMappings: string[] = [];

  /** Absent because required() has just said so, or because its parent is no mapping: one problem, not two. */
  private justMissing(node: Node | undefined, path = ''): boolean {
    if (node !== undefined) return false;
    return (
      this.issues.at(-1)?.code === `${this.codePrefix}_MISSING_KEY` ||
      this.notMappings.some((p) => path.startsWith(`${p}.`) || path.startsWith(`${p}[`))
    );
  }

  string(node: Node | undefined, path: string, expected = 'a string'): string | undefined {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && node.value !== '')
      return String(node.value);
    if (this.justMissing(node, path)) return undefined;
    return this.report(node, path, 'WRONG_TYPE', { what: 'a non-empty string' }, { expected, got: describe(node) });
  }

  /**
   * A scalar's text as written, for a value read exactly (an amount): YAML has already made `0x10` 16,
   * `1e3` 1000 and `12345678901234567890` its nearest double, none of which is what the file says.
   */
  source(node: Node | undefined, path: string, expected = 'a string'): string | undefined {
    if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string') return node.source;
    return this.string(node, path, expected);
  }

  number(node: Node | undefined, path: string, expected = 'a number'): number | undefined {
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    if (this.justMissing(node, path)) return undefined;
    return this.report(node, path, 'WRONG_TYPE', { what: 'a number' }, { expected, got: describe(node) });
  }

  /** An IANA time zone the zone database knows; anything else is reported. */
  zone(node: Node | undefined, path: string): string | undefined {
    const z = this.string(node, path, 'an IANA zone such as "America/Chicago"');
    if (z === undefined || isKnownZone(z)) return z;
    return this.report(
      node,
      path,
      'UNKNOWN_ZONE',
      {},
      {
        expected: 'a zone such as "America/Chicago" or "UTC"',
        got: JSON.stringify(z),
        hint: 'use the zone database name, not an abbreviation or a fixed offset',
      },
    );
  }

  boolean(node: Node | undefined, path: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return this.report(
      node,
      path,
      'WRONG_TYPE',
      { what: 'true or false' },
      {
        expected: 'true or false',
        got: describe(node),
      },
    );
  }

  isNull(node: Node | undefined): boolean {
    return node === undefined || (isScalar(node) && node.value === null);
  }

  /** A list's items; a lone scalar is not accepted as a list. */
  list(node: Node | undefined, path: string, expected = 'a list'): Array<Node | undefined> {
    const n = this.resolve(node);
    if (isSeq(n)) return n.items.map((item) => this.resolve(item));
    if (!this.justMissing(node, path))
      this.report(n, path, 'WRONG_TYPE', { what: 'a list' }, { expected, got: describe(n) });
    return [];
  }

  stringList(node: Node | undefined, path: string, expected = 'a list of strings'): string[] {
    return this.list(node, path, expected)
      .map((item, i) => this.string(item, `${path}[${i}]`))
      .filter((s): s is string => s !== undefined);
  }

  isList(node: Node | undefined): boolean {
    return isSeq(this.resolve(node));
  }

  isMapping(node: Node | undefined): boolean {
    return isMap(this.resolve(node));
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${safe}` : safe;
}

/** How a node looks, for "got …" in messages. */
export function describe(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
    return `${typeof v} ${String(v)}`;
  }
  return 'an unexpected value';
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The allowed word nearest to `word` (edit distance ≤ 2), if any. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
