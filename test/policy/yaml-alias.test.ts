import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isScalar } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLedger } from '../../src/adapters/ledger/load-ledger.js';
import { YamlReader } from '../../src/adapters/policy/yaml-reader.js';
import { runCli } from '../support/run-cli.js';
import { policyIssues } from '../support/issues-of.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-yaml-alias-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('an alias naming no anchor earlier in the file', () => {
  it('a contract: said at the alias, line 3 col 7, and not also "must be a non-empty string"', async () => {
    const f = file('fwd.yaml', 'version: sla-contract/v1\npolicy: websoft9\ntier: *nope\n');
    const r = await runCli(['audit', '--config', f, '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'fwd.yaml:3:7: tier: alias *nope names no anchor earlier in the file — define &nope before it, or write the value',
    );
    expect(r.stderr).not.toContain('non-empty string');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the reader: an anchor defined only after its alias is none; one before it resolves; each bad alias said once', () => {
    // Line 1 "a: *later" — the alias at col 4; line 5 "  - *y" — col 5, the list's third item.
    const r = new YamlReader('f.yaml', 'a: *later\nb: &later 1\nlist:\n  - &x 2\n  - *y\n  - *x\n', 'POLICY');
    expect(r.issues).toEqual([
      {
        code: 'POLICY_UNKNOWN_ANCHOR',
        file: 'f.yaml',
        line: 1,
        col: 4,
        path: 'a',
        args: { alias: 'later' },
        hint: 'define &later before it, or write the value',
      },
      {
        code: 'POLICY_UNKNOWN_ANCHOR',
        file: 'f.yaml',
        line: 5,
        col: 5,
        path: 'list[1]',
        args: { alias: 'y' },
        hint: 'define &y before it, or write the value',
      },
    ]);
    const f = r.fields(r.root, '', ['a', 'b', 'list']);
    const items = r.list(f.get('list'), 'list');
    expect(items.map((n) => (isScalar(n) ? n.value : null))).toEqual([2, null, 2]);
    // Read as a string or a number, the bad alias adds nothing to what was said.
    expect(r.string(f.get('a'), 'a')).toBeUndefined();
    expect(r.number(items[1], 'list[1]')).toBeUndefined();
    expect(r.issues).toHaveLength(2);
  });

  it('a policy: the one problem, at the alias', () => {
    const text = [
      'version: sla-policy/v1',
      'id: test',
      'name: Test',
      'currency: EUR',
      'billingZone: *zone',
      'calendars:',
      '  office: { zone: UTC, hours: { mon-fri: "09:00-17:00" } }',
      'priorities:',
      '  P1: { name: Critical }',
      'tiers:',
      '  gold: { calendar: office, targets: { P1: { firstResponse: 2h } } }',
      '',
    ].join('\n');
    expect(policyIssues(text)).toEqual([
      expect.objectContaining({ code: 'POLICY_UNKNOWN_ANCHOR', line: 5, col: 14, path: 'billingZone' }),
    ]);
  });

  it('a claims ledger and a map file: the same problem under their own prefix', async () => {
    const ledger = file('claims.yaml', 'version: sla-claims/v1\nclaims: *sent\n');
    expect(loadLedger(ledger, dir).issues).toEqual([
      expect.objectContaining({ code: 'LEDGER_UNKNOWN_ANCHOR', line: 2, col: 9, path: 'claims' }),
    ]);
    const map = file('map.yaml', 'columns:\n  id: *key\n');
    const tickets = file('t.csv', 'id,created,priority\nA,2026-10-05T09:00:00Z,P1\n');
    const r = await runCli(
      ['tickets', tickets, '--map', map, '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('map.yaml:2:7: columns.id: alias *key names no anchor earlier in the file');
  });
});

describe('YAML nested past what the parser can follow', () => {
  it('is said to be nested too deeply, not a syntax error at the column where the stack ran out', async () => {
    const map = file('deep.yaml', `columns: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const tickets = file('deep.csv', 'id,created_at,priority\nA,2026-10-05T09:00:00Z,high\n');
    const r = await runCli(
      ['tickets', tickets, '--map', map, '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /deep\.yaml:1:\d+: nested too deeply: more levels of lists or mappings than the YAML parser/,
    );
    expect(r.stderr).not.toContain('Maximum call stack');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
