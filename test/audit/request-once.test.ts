import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

/**
 * Every file read through node:fs's readFileSync (policies, contracts and maps are), by absolute path.
 * Counted by replacing the built-in's own function (and syncing its ES module exports), not by mocking
 * the module: the suite shares one module graph per worker, so the sources may be loaded already.
 */
const reads = new Map<string, number>();
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const realRead = fs.readFileSync;
beforeAll(() => {
  fs.readFileSync = ((path: Parameters<typeof realRead>[0], ...rest: unknown[]) => {
    if (typeof path === 'string') reads.set(resolve(path), (reads.get(resolve(path)) ?? 0) + 1);
    return (realRead as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof realRead;
  syncBuiltinESMExports();
});
afterAll(() => {
  fs.readFileSync = realRead;
  syncBuiltinESMExports();
});

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
copyFileSync(join(ROOT, 'fixtures/websoft9-premium/tickets.csv'), join(dir, 'tickets.csv'));
write('policy.yaml', readFileSync(join(ROOT, 'policies/websoft9.yaml'), 'utf8'));
write('map.yaml', 'columns: { id: id }\n');
const contract = (body: string) =>
  `version: sla-contract/v1\npolicy: policy.yaml\ntier: premium\ninputs:\n  tickets: [tickets.csv]\n  map: map.yaml\n${body}`;
const month = ['--month', '2026-10', '--as-of', '2026-11-01T00:30:00Z'];

beforeEach(() => reads.clear());

describe('one request loader: each file of the request is read once per run', () => {
  it('an audit reads its contract, policy and map file once each', async () => {
    write('sla-audit.yaml', contract(''));
    const r = await runCli(['tickets', ...month, '--format', 'json', '-q'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['sla-audit.yaml', 'policy.yaml', 'map.yaml']) expect([f, reads.get(join(dir, f))]).toEqual([f, 1]);
    rmSync(join(dir, 'sla-audit.yaml'));
  });

  it('validate reads them once each too, and passes what the audit passes', async () => {
    const c = write('good.yaml', contract(''));
    const r = await runCli(['policies', 'validate', c], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`good.yaml: valid contract (policy ${join(dir, 'policy.yaml')}, tier premium)\n`);
    for (const f of ['good.yaml', 'policy.yaml', 'map.yaml']) expect([f, reads.get(join(dir, f))]).toEqual([f, 1]);
  });

  it("--policy replaces the contract's policy, which is then not read at all", async () => {
    const c = write('other.yaml', contract('').replace('policy: policy.yaml', 'policy: missing.yaml'));
    const r = await runCli(['tickets', '--config', c, '--policy', 'policy.yaml', ...month, '--format', 'json', '-q'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(reads.get(join(dir, 'missing.yaml'))).toBeUndefined();
  });
});

describe('validate and the audit give the same problems, from the same loader', () => {
  const cases = [
    {
      name: 'an unknown tier',
      body: '',
      edit: (t: string) => t.replace('tier: premium', 'tier: gold'),
      problem: 'policy websoft9 has no tier "gold"',
    },
    {
      name: 'an invalid map file',
      body: '',
      edit: (t: string) => t.replace('map: map.yaml', 'map: bad-map.yaml'),
      problem: 'inputs.map: the map file',
    },
    {
      name: 'a calendar the policy lacks',
      body: 'calendars:\n  nowhere: { zone: UTC }\n',
      edit: (t: string) => t,
      problem: 'has no business calendar "nowhere"',
    },
    {
      name: 'a service credit model the policy lacks',
      body: 'services:\n  api: { components: [api], fee: 10, credits: [bogus] }\n',
      edit: (t: string) => t,
      problem: 'has no availability credit model "bogus"',
    },
    {
      name: 'a policy file that is not there',
      body: '',
      edit: (t: string) => t.replace('policy: policy.yaml', 'policy: ./gone.yaml'),
      problem: 'gone.yaml not found',
    },
    {
      name: 'an unknown tier and an invalid map, both at once',
      body: '',
      edit: (t: string) => t.replace('tier: premium', 'tier: gold').replace('map: map.yaml', 'map: bad-map.yaml'),
      problem: 'has no tier "gold"',
    },
    {
      name: 'a bad fee',
      body: 'fee: { monthly: "12,00" }\n',
      edit: (t: string) => t,
      problem: 'fee.monthly: not an amount',
    },
  ];
  write('bad-map.yaml', 'columns: { id: Key }\nbogus: 1\n');

  it.each(cases)('$name', async ({ name, body, edit, problem }) => {
    const c = write(`${name.replace(/\W+/g, '-')}.yaml`, edit(contract(body)));
    const validate = await runCli(['policies', 'validate', c], { cwd: dir });
    const audit = await runCli(['tickets', '--config', c, ...month, '--format', 'json'], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(audit.code).toBe(2);
    expect(validate.stderr).toContain(problem);
    expect(audit.stderr).toBe(validate.stderr);
    expect(audit.stdout).toBe('');
  });

  it('both problems of one contract are listed together', async () => {
    const c = write(
      'two.yaml',
      contract('').replace('tier: premium', 'tier: gold').replace('map: map.yaml', 'map: bad-map.yaml'),
    );
    const r = await runCli(['policies', 'validate', c], { cwd: dir });
    expect(r.stderr).toMatch(
      /two\.yaml:3:7: tier: policy websoft9 has no tier "gold".*\n.*two\.yaml:6:8: inputs\.map: the map file/,
    );
  });
});
