import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './support/run-cli.js';

const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];

/** Due times of every bundled target from a DST-crossing set of instants, computed in a child process. */
const SCRIPT = `
import { bundledPolicyIds, resolvePolicy } from './dist/adapters/policy/load-policy.js';
import { PolicyClocks } from './dist/core/policy/clocks.js';
const starts = ['2026-03-06T21:30:00Z', '2026-10-30T21:00:00Z', '2026-12-31T23:59:59.999Z'].map(Date.parse);
const out = [];
for (const id of bundledPolicyIds()) {
  const p = resolvePolicy(id);
  const c = new PolicyClocks(p);
  for (const t of p.tiers) for (const [pr, m] of t.targets) for (const [metric, target] of Object.entries(m))
    for (const s of starts) out.push(id + ' ' + t.id + ' ' + pr + ' ' + metric + ' ' + c.dueAt(s, target));
}
console.log(out.join('\\n'));
`;

describe('results do not depend on the machine\'s zone or locale', () => {
  it('due times are identical under five TZ values and two locales', () => {
    const outputs = ZONES.map((tz, i) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', TZ: tz, LANG: i % 2 ? 'de_DE.UTF-8' : 'C', LC_ALL: i % 2 ? 'de_DE.UTF-8' : 'C' },
      });
      expect(r.stderr).toBe('');
      return r.stdout;
    });
    expect(outputs[0]!.split('\n').length).toBeGreaterThan(100);
    for (const o of outputs) expect(o).toBe(outputs[0]);
  });

  it('audit reports in every format are byte-identical under four zones and four locales', () => {
    const cwd = `${ROOT}fixtures/websoft9-premium-with-uptime`;
    const envs = [
      { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
      { TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      { TZ: 'Asia/Kolkata', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' },
      { TZ: 'Pacific/Chatham', LANG: 'ar_SA.UTF-8', LC_ALL: 'ar_SA.UTF-8' },
    ];
    for (const format of ['json', 'csv', 'markdown', 'table']) {
      const args = ['audit', '--tickets', 'tickets.csv', '--uptime', 'uptime.csv', '--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z', '--fee', '1000', '--format', format, '--all', '--quiet'];
      const outputs = envs.map((env) => runCli(args, { cwd, env }).stdout);
      expect(outputs[0]!.length).toBeGreaterThan(200);
      for (const o of outputs) expect(o).toBe(outputs[0]);
    }
  });

  it('policies show --format json is byte-identical under other zones', () => {
    const base = runCli(['policies', 'show', 'telestax-restcomm', '--format', 'json']).stdout;
    for (const tz of ZONES) expect(runCli(['policies', 'show', 'telestax-restcomm', '--format', 'json'], { env: { TZ: tz } }).stdout).toBe(base);
  });
});
