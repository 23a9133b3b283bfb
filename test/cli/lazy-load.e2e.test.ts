import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

/** The modules a command loads, its own (`dist/…`) and its dependencies' (`node_modules/…`): the built binary, traced by test/support/module-trace.mjs. */
function loaded(args: string[], cwd: string): string[] {
  const r = spawnSync(
    process.execPath,
    ['--import', join(ROOT, 'test/support/module-trace.mjs'), join(ROOT, 'bin/sla-audit.js'), ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' } },
  );
  expect(r.status).toBe(0);
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('loaded '))
    .map((l) => l.slice('loaded '.length));
}

/** What only uptime logs need: their readers and the availability engine. */
const UPTIME_READER =
  /(adapters\/ingest\/(read-uptime|uptime-(canonical|vendors|kuma|statuscake|uptimerobot|assemble)|nagios-log)|audit\/uptime-evidence|core\/availability\/audit-availability)\.js$/;
/** What only other containers need: XML and Parquet readers. */
const OTHER_CONTAINERS = /node_modules\/(fast-xml-parser|hyparquet)\//;

describe('a command loads what it uses', () => {
  it('a tickets-only audit loads no uptime reader; an uptime audit loads them', () => {
    const tickets = loaded(
      [
        'tickets',
        'tickets.csv',
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
        '--format',
        'json',
        '-q',
      ],
      join(ROOT, 'fixtures/websoft9-premium'),
    );
    expect(tickets.length).toBeGreaterThan(20);
    expect(tickets.filter((m) => UPTIME_READER.test(m))).toEqual([]);
    expect(tickets.filter((m) => OTHER_CONTAINERS.test(m))).toEqual([]);
    // 154 before readers were loaded by the registry (9e8a760): the XML parser's 40 modules and every uptime reader came along.
    expect(tickets.length).toBeLessThan(154);
    const uptime = loaded(
      [
        'uptime',
        'uptime.csv',
        '--policy',
        '../policies/maintenance-test.yaml',
        '--tier',
        'gold',
        '--month',
        '2026-03',
        '--as-of',
        '2026-04-05T00:00:00Z',
        '--format',
        'json',
        '-q',
      ],
      join(ROOT, 'fixtures/uptime-recurring-maintenance'),
    );
    expect(uptime.filter((m) => UPTIME_READER.test(m)).length).toBeGreaterThan(5);
  });
});
