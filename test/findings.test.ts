import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { issueText } from '../src/adapters/render/format-issues.js';
import { creditReason, findingText, WORDED_CODES } from '../src/adapters/render/wording.js';
import { AUDIT_WORDING } from '../src/adapters/render/wording/audit.js';
import { CREDIT_WORDING } from '../src/adapters/render/wording/credits.js';
import { CLAIM_WORDING } from '../src/adapters/render/wording/claims.js';
import { RECONCILE_WORDING } from '../src/adapters/render/wording/reconcile.js';
import { PORTFOLIO_WORDING } from '../src/adapters/render/wording/portfolio.js';
import { AT_RISK_WORDING } from '../src/adapters/render/wording/at-risk.js';
import { DOCUMENT_PREFIXES, DOCUMENT_WORDING } from '../src/adapters/render/wording/documents.js';
import { INPUT_WORDING } from '../src/adapters/render/wording/inputs.js';
import { loadMapFile } from '../src/adapters/ingest/map-file.js';
import { CANONICAL } from '../src/adapters/ingest/mapping.js';
import { parseContract } from '../src/adapters/contract/load-contract.js';
import { parsePolicy, resolvePolicy } from '../src/adapters/policy/load-policy.js';
import { timeliness } from '../src/audit/period-warnings.js';
import { ticketCredits } from '../src/core/credits/ticket-credits.js';
import { monthPeriod } from '../src/core/period.js';
import { issuesOf, policyIssues } from './support/issues-of.js';
import { ROOT } from './support/run-cli.js';

// Findings are data: tests hold codes and args; the sentences are the wording's, held here to the docs.

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every code string literal in a node: `'A'`, `cond ? 'A' : 'B'`. */
function codesIn(node: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$/.test(n.text)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/**
 * What the sources emit: codes of `{code, args}` objects (issues, reasons, a credit's rule, a holiday
 * library's `{problem, args}`), codes a YAML reader reports with args (under each document prefix),
 * codes given to a helper beside their args (`problem(line, 'UPTIME_BAD_KIND', {kind})`), codes a
 * table gives by a key (`BAD_TIMESTAMP: 'INPUT_BAD_TIMESTAMP'`), and the files where a site still
 * builds its own sentence (`message:`, a sentence to report()).
 */
function emitted(): { codes: Map<string, string>; sentences: string[] } {
  const codes = new Map<string, string>();
  const sentences: string[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    const name = relative(ROOT, file);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node) => {
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === 'report' &&
        n.arguments.length >= 4
      ) {
        const args = n.arguments[3]!;
        if (ts.isStringLiteral(args) || ts.isTemplateExpression(args) || ts.isNoSubstitutionTemplateLiteral(args))
          sentences.push(name);
        else for (const c of codesIn(n.arguments[2]!)) for (const p of DOCUMENT_PREFIXES) codes.set(`${p}_${c}`, name);
      }
      if (
        ts.isCallExpression(n) &&
        !(ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'report')
      )
        n.arguments.forEach((arg, i) => {
          const next = n.arguments[i + 1];
          if (
            next &&
            ts.isObjectLiteralExpression(next) &&
            (ts.isStringLiteral(arg) || ts.isConditionalExpression(arg))
          )
            for (const c of codesIn(arg)) codes.set(c, name);
        });
      if (
        ts.isPropertyAssignment(n) &&
        ts.isIdentifier(n.name) &&
        /^[A-Z][A-Z0-9_]+$/.test(n.name.text) &&
        ts.isStringLiteral(n.initializer)
      )
        for (const c of codesIn(n.initializer)) codes.set(c, name);
      if (ts.isObjectLiteralExpression(n)) {
        const names = n.properties.map((p) => p.name?.getText(sf));
        const code = n.properties.find(
          (p): p is ts.PropertyAssignment =>
            ts.isPropertyAssignment(p) && (p.name.getText(sf) === 'code' || p.name.getText(sf) === 'problem'),
        );
        if (code && names.includes('args')) for (const c of codesIn(code.initializer)) codes.set(c, name);
        if (code && names.includes('message') && codesIn(code.initializer).length > 0) sentences.push(name);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { codes, sentences };
}

/** The codes of one section of docs/codes.md (the first cell of each table row). */
function documented(section: string): string[] {
  const text = readFileSync(join(ROOT, 'docs/codes.md'), 'utf8');
  const start = text.indexOf(`## ${section}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + 1);
  return [...text.slice(start, end < 0 ? undefined : end).matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
}

describe('every finding is worded in one place, and documented', () => {
  const { codes, sentences } = emitted();

  it('the scan finds the sites it is meant to', () => {
    expect(codes.get('POLICY_UNKNOWN_KEY')).toBe('src/adapters/policy/yaml-reader.ts');
    expect(codes.get('TICKETS_OUTSIDE_PERIOD')).toBe('src/audit/outside-counter.ts');
    expect(codes.get('CREDIT_BAND')).toBe('src/core/credits/availability-credits.ts');
    expect(codes.get('UNKNOWN_HOLIDAY_STATE')).toBe('src/adapters/policy/public-holidays.ts');
    expect(codes.get('UPTIME_BAD_KIND')).toBe('src/adapters/ingest/uptime-canonical.ts');
    expect(codes.get('INPUT_EVENT_NO_AUTHOR')).toBe('src/adapters/ingest/event-reader.ts');
    expect(codes.get('INPUT_TIMESTAMP_NO_OFFSET')).toBe('src/adapters/ingest/timestamp-reader.ts');
  });

  it('every code a site emits has its sentence', () => {
    // A holiday library's problem is reported under a document prefix, as the decoders' codes are.
    const worded = new Set(WORDED_CODES);
    const missing = [...codes]
      .filter(([c]) => !worded.has(c) && !DOCUMENT_PREFIXES.some((p) => worded.has(`${p}_${c}`)))
      .map(([c, file]) => `${file}: ${c}`);
    expect(missing).toEqual([]);
  });

  it('no site builds its own sentence', () => {
    expect([...new Set(sentences)]).toEqual([]);
  });

  it('docs/codes.md lists every code worded, and nothing else', () => {
    const sections: Array<[string, Readonly<Record<string, unknown>>]> = [
      ['Policies, contracts and map files', DOCUMENT_WORDING],
      ['Input files', INPUT_WORDING],
      ['What an audit warns of', AUDIT_WORDING],
      ['Credit reasons', CREDIT_WORDING],
      ['Claims', CLAIM_WORDING],
      ['Reconciliation', RECONCILE_WORDING],
      ['Portfolio and claims ledger', PORTFOLIO_WORDING],
      ['At risk', AT_RISK_WORDING],
    ];
    for (const [section, table] of sections) expect(documented(section).sort()).toEqual(Object.keys(table).sort());
  });

  it('a code without a sentence still reads, naming its code and values', () => {
    expect(findingText('NOT_A_CODE', { n: 1 })).toBe('NOT_A_CODE {"n":1}');
  });
});

describe('codes and args, area by area', () => {
  it('policy: an unknown key, with the key; a percentage with 7 decimals', () => {
    const text = readFileSync(join(ROOT, 'policies/websoft9.yaml'), 'utf8');
    const [unknown] = policyIssues(text.replace('name:', 'colour: red\nname:'));
    expect(unknown).toMatchObject({ code: 'POLICY_UNKNOWN_KEY', args: { key: 'colour' }, path: 'colour' });
    expect(issueText(unknown!)).toBe('unknown key "colour"');
    const [decimals] = policyIssues(text.replace('percent: 5\n', 'percent: 5.0000001\n'));
    expect(decimals).toMatchObject({ code: 'POLICY_TOO_MANY_DECIMALS', args: {} });
  });

  it('contract: an unsupported version, naming the document; an account named twice, with the id', () => {
    const issues = issuesOf(() => parseContract('version: sla-contract/v9\npolicy: websoft9\n', 'c.yaml'));
    expect(issues[0]).toMatchObject({ code: 'CONTRACT_UNSUPPORTED_VERSION', args: { document: 'contract' } });
    expect(issueText(issues[0]!)).toBe('unsupported contract version');
    const twice = issuesOf(() =>
      parseContract('version: sla-contract/v1\npolicy: websoft9\naccounts: [a-1, a-1]\n', 'c.yaml'),
    );
    expect(twice.map((i) => [i.code, i.args])).toEqual([['CONTRACT_DUPLICATE', { name: 'a-1' }]]);
  });

  it('map file: a key it does not know, under the MAP_ prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'findings-'));
    try {
      writeFileSync(join(dir, 'm.yaml'), 'colums: {}\n');
      const issues = issuesOf(() => loadMapFile(CANONICAL, 'm.yaml', resolvePolicy('websoft9'), dir));
      expect(issues[0]).toMatchObject({
        code: 'MAP_UNKNOWN_KEY',
        args: { key: 'colums' },
        hint: 'did you mean "columns"?',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('audit: a period not over at as-of, with the period and the instant', () => {
    const october = monthPeriod(2026, 10, 'UTC');
    const [w] = timeliness(october, Date.UTC(2026, 9, 15), []);
    expect(w).toEqual({
      code: 'PERIOD_NOT_OVER',
      file: '--as-of',
      args: { period: '2026-10', asOf: '2026-10-15T00:00:00Z' },
    });
    expect(issueText(w!)).toBe(
      '2026-10 is not over at 2026-10-15T00:00:00Z: pending tickets, availability and credits may still change',
    );
  });

  it('credit reasons: a missed target, with the ticket, the metric and the percent', () => {
    const policy = resolvePolicy('websoft9');
    const model = policy.credits.models.find((m) => m.kind === 'per-breach')!;
    const evidence = { id: 'T-1', metric: 'firstResponse' as const, dueAt: 0, respondedAt: null };
    const [line] = ticketCredits(new Map([[model.id, [evidence]]]), policy.credits, monthPeriod(2026, 10, 'UTC'), null);
    expect(line!.reason).toEqual({
      code: 'CREDIT_PER_BREACH',
      args: { ticket: 'T-1', metric: 'firstResponse', percent: 5 },
    });
    expect(creditReason(line!)).toBe('ticket T-1 missed its first-response target: 5% per missed target');
  });

  it("a YAML syntax error carries the parser's words as its one arg", () => {
    const [i] = issuesOf(() => parsePolicy('version: 1\nname: [unclosed\n', 'p.yaml'));
    expect(i).toMatchObject({ code: 'POLICY_YAML_SYNTAX', args: { error: expect.any(String) } });
  });
});
