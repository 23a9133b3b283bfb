import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCommands } from './support/fixture-commands.js';
import { ROOT } from './support/run-cli.js';

/**
 * The host's zone and locale are fixed when a process starts, so each is
 * shown by a process of its own: one per zone, which computes every due time
 * and runs every command below through the built CLI's main(), as the binary
 * does. Few processes, many runs.
 */
const HOSTS = [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
  { TZ: 'Asia/Kolkata', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' },
  { TZ: 'Australia/Lord_Howe', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'Pacific/Chatham', LANG: 'ar_SA.UTF-8', LC_ALL: 'ar_SA.UTF-8' },
  { TZ: 'Asia/Tokyo', LANG: 'C', LC_ALL: 'C' },
];

interface Run {
  name: string;
  cwd: string;
  args: string[];
}
interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

const FORMATS = ['json', 'csv', 'markdown', 'table'];
const withUptime = join(ROOT, 'fixtures/websoft9-premium-with-uptime');
const golden = join(ROOT, 'fixtures/websoft9-premium');
const fixtures = fixtureCommands();
const RUNS: Run[] = [
  ...FORMATS.map((format) => ({
    name: `audit ${format}`,
    cwd: withUptime,
    args: [
      'audit',
      '--tickets',
      'tickets.csv',
      '--uptime',
      'uptime.csv',
      '--policy',
      'websoft9',
      '--tier',
      'premium',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--fee',
      '1000',
      '--format',
      format,
      '--all',
      '--quiet',
    ],
  })),
  { name: 'policies show', cwd: ROOT, args: ['policies', 'show', 'telestax-restcomm', '--format', 'json'] },
  // formats.e2e.test.ts's golden table, checked there in this process's zone.
  {
    name: 'golden table',
    cwd: golden,
    args: [
      'tickets',
      'tickets.csv',
      '--policy',
      'websoft9',
      '--tier',
      'premium',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:30:00Z',
      '--fee',
      '1000',
      '--format',
      'table',
      '--all',
    ],
  },
  // fixtures.e2e.test.ts's cases, checked against expected.json there in this process's zone.
  ...fixtures.map((f) => ({ name: `fixture ${f.name}`, cwd: f.dir, args: f.args })),
];

/** Due times of every bundled target from a DST-crossing set of instants, then each run's output, as JSON. */
const SCRIPT = `
import { Readable } from 'node:stream';
import { bundledPolicyIds, resolvePolicy } from './dist/adapters/policy/load-policy.js';
import { PolicyClocks } from './dist/core/policy/clocks.js';
import { main } from './dist/cli/main.js';
const starts = ['2026-03-06T21:30:00Z', '2026-10-30T21:00:00Z', '2026-12-31T23:59:59.999Z'].map(Date.parse);
const due = [];
for (const id of bundledPolicyIds()) {
  const p = resolvePolicy(id);
  const c = new PolicyClocks(p);
  for (const t of p.tiers) for (const [pr, m] of t.targets) for (const [metric, target] of Object.entries(m))
    for (const s of starts) due.push(id + ' ' + t.id + ' ' + pr + ' ' + metric + ' ' + c.dueAt(s, target));
}
const runs = {};
for (const { name, cwd, args } of JSON.parse(process.argv[1])) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (chunk, done) => { stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'); done?.(); return true; } },
    stderr: { write: (text) => { stderr += text; return true; } },
    stdin: Readable.from([]),
    env: process.env,
    cwd,
  };
  const code = await main(args, io);
  runs[name] = { code, stdout, stderr };
}
process.stdout.write(JSON.stringify({ due: due.join('\\n'), runs }));
`;

function host(env: Record<string, string>): Promise<{ due: string; runs: Record<string, Ran> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT, JSON.stringify(RUNS)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || err !== '') reject(new Error(`TZ=${env.TZ}: exit ${code}\n${err}`));
      else resolve(JSON.parse(out));
    });
  });
}

let results: { due: string; runs: Record<string, Ran> }[] = [];
beforeAll(async () => {
  results = await Promise.all(HOSTS.map(host));
}, 60_000);

const outputsOf = (name: string) => results.map((r) => r.runs[name]!);

describe("results do not depend on the machine's zone or locale", () => {
  it('due times are identical under six TZ values and four locales', () => {
    expect(results[0]!.due.split('\n').length).toBeGreaterThan(100);
    for (const r of results) expect(r.due).toBe(results[0]!.due);
  });

  it('audit reports in every format are byte-identical under six zones and four locales', () => {
    for (const format of FORMATS) {
      const outputs = outputsOf(`audit ${format}`);
      expect(outputs[0]!.code, outputs[0]!.stderr).toBe(0);
      expect(outputs[0]!.stdout.length).toBeGreaterThan(200);
      for (const o of outputs) expect(o.stdout).toBe(outputs[0]!.stdout);
    }
  });

  it('policies show --format json is byte-identical under other zones', () => {
    const outputs = outputsOf('policies show');
    expect(outputs[0]!.code).toBe(0);
    for (const o of outputs) expect(o.stdout).toBe(outputs[0]!.stdout);
  });

  it('the table matches the reviewed golden file under every zone', () => {
    const expected = readFileSync(join(golden, 'expected-table.txt'), 'utf8');
    for (const [i, o] of outputsOf('golden table').entries()) {
      expect(o.code, HOSTS[i]!.TZ).toBe(0);
      expect(o.stdout, HOSTS[i]!.TZ).toBe(expected);
    }
  });

  it.each(fixtures.map((f) => f.name))(
    'fixture %s: the same report, exit code and warnings under every zone',
    (name) => {
      const outputs = outputsOf(`fixture ${name}`);
      expect(outputs[0]!.code, outputs[0]!.stderr).toBe(0);
      for (const o of outputs) expect(o).toEqual(outputs[0]);
    },
  );
});
