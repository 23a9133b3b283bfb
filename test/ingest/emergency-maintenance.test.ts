import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maintenanceKind } from '../../src/adapters/ingest/uptime-records.js';
import { ROOT, runCli } from '../support/run-cli.js';

// SPEC 2: `maintenance` is a scheduled, standard window; emergency maintenance is an outage. A record
// whose own reason says it was an emergency contradicts its kind, and is never read in the vendor's favour.

const dir = mkdtempSync(join(tmpdir(), 'sla-emergency-maintenance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('maintenanceKind: a maintenance record by its own reason', () => {
  it('emergency, unplanned, unscheduled, unannounced, non-scheduled (a word, any case) is an outage', () => {
    for (const reason of [
      'emergency maintenance - unplanned outage',
      'EMERGENCY patch',
      'Unplanned DB failover',
      'unscheduled: disk replaced',
      'reboot (emergency)',
      'emergency-maintenance',
      'emergency_patch',
      'Non-scheduled maintenance',
      'non scheduled reboot',
      'unannounced restart',
    ])
      expect(maintenanceKind(reason), reason).toBe('outage');
  });

  it('a planned window, no reason, a word inside another or "non-emergency" stays maintenance', () => {
    for (const reason of [
      null,
      '',
      'monthly patching',
      'planned upgrade',
      'emergencyroom rack',
      'non-emergency patch',
      'scheduled maintenance',
    ])
      expect(maintenanceKind(reason), String(reason)).toBe('maintenance');
  });
});

describe('uptime: logged maintenance whose reason says emergency', () => {
  const POLICY = join(ROOT, 'fixtures/policies/maintenance-test.yaml');
  const run = (file: string, extra: string[]) =>
    runCli(
      ['uptime', file, '--policy', POLICY, '--tier', 'gold', '--month', '2026-10']
        .concat(['--as-of', '2026-11-05T00:00:00Z', '--fee', '1000'])
        .concat(extra),
      { cwd: dir },
    );
  writeFileSync(
    join(dir, 'm3.csv'),
    `start,end,service,kind,reason
2026-10-14T08:00:00Z,2026-10-14T12:00:00Z,api,maintenance,emergency maintenance - unplanned outage
`,
  );
  writeFileSync(
    join(dir, 'planned.csv'),
    `start,end,service,kind,reason
2026-10-14T08:00:00Z,2026-10-14T12:00:00Z,api,maintenance,planned upgrade
`,
  );

  it('is an outage: api misses 99.5%, 10% is owed, and a warning names the record', async () => {
    const r = await run('m3.csv', ['--format', 'json', '--fail-on', 'credit', '--quiet']);
    // October in Berlin: 745 h (the clocks go back on the 25th), less the Sunday 02:00-04:00 windows
    // (4, 11, 18: 2 h each; 25: 3 h, 02:00 comes twice) = 736 h eligible; 4 h down: 732 / 736 = 99.4565%.
    const j = JSON.parse(r.stdout);
    const api = j.availability.find((a: { service: string }) => a.service === 'api');
    expect(api.downtimeSeconds).toBe(4 * 3600);
    expect(api.eligibleSeconds).toBe(736 * 3600);
    expect(api.availabilityPercent).toBeCloseTo((732 / 736) * 100, 9);
    expect(api.met).toBe(false);
    expect(j.creditTotal).toMatchObject({ percent: 10, amount: 100, currency: 'EUR' });
    expect(j.warnings).toContainEqual(
      expect.objectContaining({ code: 'UPTIME_EMERGENCY_MAINTENANCE', line: 2, args: { records: 1, line: 2 } }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('sla-audit: --fail-on credit: 100.00 EUR owed for 2026-10\n');
  });

  it('a planned window in the same place stays maintenance: 100%, nothing owed, no warning', async () => {
    const r = await run('planned.csv', ['--format', 'json', '--fail-on', 'credit', '--quiet']);
    const j = JSON.parse(r.stdout);
    const api = j.availability.find((a: { service: string }) => a.service === 'api');
    expect(api.downtimeSeconds).toBe(0);
    expect(api.met).toBe(true);
    expect(j.warnings.map((w: { code: string }) => w.code)).not.toContain('UPTIME_EMERGENCY_MAINTENANCE');
    expect(r.code).toBe(0);
  });
});
