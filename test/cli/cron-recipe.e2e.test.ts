import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReport } from '../support/report-schema.js';
import { ROOT } from '../support/run-cli.js';

// The README's cron script, run as written but for its folders (and, for the alert, the instant at-risk
// looks at): it must keep working as the commands it calls change.
const script = (() => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /```sh\n(#!\/bin\/sh\n# \/usr\/local\/bin\/sla-audit-cron[\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README: no sla-audit-cron script');
  return m[1]!;
})();

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-cron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setUp(name: string, atRiskAsOf: string | null) {
  const base = join(dir, name);
  for (const d of ['acme', 'out', 'prom']) mkdirSync(join(base, d), { recursive: true });
  for (const f of ['sla-audit.yaml', 'websoft9-tickets.csv'])
    copyFileSync(join(ROOT, 'fixtures/example', f), join(base, 'acme', f));
  // The installed command, as the script names it; at-risk may be told the instant to look at.
  const bin = join(base, 'sla-audit');
  writeFileSync(
    bin,
    `#!/bin/sh\n${atRiskAsOf ? `[ "$1" = at-risk ] && exec "${process.execPath}" "${join(ROOT, 'bin/sla-audit.js')}" "$@" --as-of ${atRiskAsOf}\n` : ''}exec "${process.execPath}" "${join(ROOT, 'bin/sla-audit.js')}" "$@"\n`,
  );
  chmodSync(bin, 0o755);
  const text = script
    .replace('cd /srv/sla/acme', `cd ${join(base, 'acme')}`)
    .replace('sla=/usr/local/bin/sla-audit', `sla=${bin}`)
    .replace('out=/var/lib/sla-audit', `out=${join(base, 'out')}`)
    .replace('prom=/var/lib/prometheus/node-exporter', `prom=${join(base, 'prom')}`);
  expect(text).not.toMatch(/\/srv\/|\/var\/lib\/|\/usr\/local\/bin\/sla-audit\n/);
  writeFileSync(join(base, 'run.sh'), text);
  return base;
}

const run = (base: string) =>
  spawnSync('sh', [join(base, 'run.sh')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TZ: 'UTC' } });

describe("the README's cron recipe", () => {
  it('writes the JSON report and the metrics file, each whole, and says nothing when nothing is at risk', () => {
    const base = setUp('quiet', null);
    const r = run(base);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(join(base, 'out', 'acme.json'), 'utf8'));
    checkReport(doc);
    expect(doc.periods).toHaveLength(2);
    expect(doc.files[0]).toMatchObject({ role: 'tickets', path: 'websoft9-tickets.csv' });
    const prom = readFileSync(join(base, 'prom', 'sla_audit_acme.prom'), 'utf8');
    expect(prom).toMatch(/^# HELP /);
    expect(prom.trimEnd().endsWith('# EOF')).toBe(true);
    // Nothing but the two files: no temporary file left beside them.
    expect(readdirSync(join(base, 'out'))).toEqual(['acme.json']);
    expect(readdirSync(join(base, 'prom'))).toEqual(['sla_audit_acme.prom']);
  });

  it('prints the at-risk tickets and fails when one is due within 4 hours', () => {
    // WS-1173, created 2026-10-31 23:08 UTC, is due 2026-11-01 01:08 (2 h, general, 24x7): at 23:30 it has 1h 38m left.
    const base = setUp('alert', '2026-10-31T23:30:00Z');
    const r = run(base);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('WS-1173');
  });
});
