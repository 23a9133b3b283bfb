import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMapFile } from '../../src/adapters/ingest/map-file.js';
import { CANONICAL } from '../../src/adapters/ingest/mapping.js';
import { readUptime } from '../../src/adapters/ingest/read-uptime.js';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-uptime-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = (name: string) => join(ROOT, 'fixtures/samples', name);
const T = (iso: string) => Date.parse(iso);

async function read(file: string, mapYaml: string, inputTz: string | null = null) {
  const mapFile = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(mapFile, mapYaml);
  const { uptime } = loadMapFile(CANONICAL, mapFile, resolvePolicy('sma-opcon'));
  return readUptime([file], {
    preset: null,
    map: uptime,
    inputTz,
    maxSampleGapMs: 300_000,
    billingZone: 'UTC',
    asOf: T('2026-12-01T00:00:00Z'),
    skipInvalid: false,
  });
}

describe('--map for uptime logs, on real ones', () => {
  it('a headerless site monitor: service, date and time in separate columns, status words (trevohs/Site_Uptime)', async () => {
    const map = [
      'uptime:',
      '  header: false',
      '  columns: { service: 1, date: 2, time: 3, status: 4 }',
      '  format: "yyyy-MM-dd HH:mm:ss"',
      '  zone: Africa/Nairobi',
      '  status: { up: ["Site ok"], down: [\'Site registered as down - added to the "site down" monitoring\'] }',
      '',
    ].join('\n');
    const r = await read(sample('trevohs_Site_Uptime__uptime.csv'), map);
    expect(r.issues).toEqual([]);
    expect(r.rows.read).toBe(91);
    const lands = r.evidence.find((e) => e.service === 'https://lands.go.ke/')!;
    // Line 1: 2021-11-05 11:57:47 in Nairobi (+03:00) = 08:57:47Z — the log's first sample of this site.
    expect(lands.covered[0]![0]).toBe(T('2021-11-05T08:57:47Z'));
    // Line 4, this site's second sample: 12:01:32 +03:00 = 09:01:32Z, 3 min 45 s later — within the 300 s a sample stands for.
    expect(lands.covered[0]![1]).toBeGreaterThanOrEqual(T('2021-11-05T09:01:32Z'));
    // Line 3: the treasury site "registered as down" at 12:01:32 +03:00 = 09:01:32Z.
    const treasury = r.evidence.find((e) => e.service === 'https://www.treassury.go.ke/')!;
    expect(treasury.outages[0]![0]).toBe(T('2021-11-05T09:01:32Z'));
  });

  it('without a zone, its naive times are refused, not read as UTC', async () => {
    const r = await read(
      sample('trevohs_Site_Uptime__uptime.csv'),
      'uptime:\n  header: false\n  columns: { service: 1, date: 2, time: 3, status: 4 }\n  format: "yyyy-MM-dd HH:mm:ss"\n  status: { up: ["Site ok"] }\n',
    );
    expect(r.issues[0]).toMatchObject({ code: 'UPTIME_TIMESTAMP_NO_OFFSET', line: 1 });
  });

  it('a heartbeat log (netmon): START and ALIVE every 60 s vouch for the time up to the last heartbeat + maxSampleGap', async () => {
    const r = await read(
      sample('netmon-heartbeat__excerpt.csv'),
      'uptime:\n  header: false\n  columns: { timestamp: 1, status: 2 }\n  status: { up: [START, ALIVE], down: [STOP] }\n  service: netmon\n',
    );
    expect(r.issues).toEqual([]);
    expect(r.evidence).toHaveLength(1);
    // First heartbeat 2026-06-30T19:04:49+02:00 = 17:04:49Z; the last 19:19:52+02:00 = 17:19:52Z, standing 300 s.
    expect(r.evidence[0]).toMatchObject({
      service: 'netmon',
      outages: [],
      covered: [[T('2026-06-30T17:04:49Z'), T('2026-06-30T17:24:52Z')]],
    });
  });

  it('an unknown status word is an error naming the words the map gives', async () => {
    const r = await read(
      sample('netmon-heartbeat__excerpt.csv'),
      'uptime:\n  header: false\n  columns: { timestamp: 1, status: 2 }\n  status: { up: [ALIVE] }\n',
    );
    expect(r.issues[0]).toMatchObject({ code: 'UPTIME_STATUS_NOT_MAPPED', line: 1, got: '"START"' });
  });

  it('a file without a header names its columns by place: a name is an error at its line and column', async () => {
    const mapFile = join(dir, 'by-name.yaml');
    writeFileSync(mapFile, 'uptime:\n  header: false\n  columns: { timestamp: when, status: 2 }\n');
    const r = await runCli(
      [
        'uptime',
        sample('netmon-heartbeat__excerpt.csv'),
        '--map',
        mapFile,
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-06',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('by-name.yaml:3:');
    expect(r.stderr).toContain('uptime.columns.timestamp: a file without a header names its columns by place');
  });
});

describe('a named preset never falls through to another shape', () => {
  it.each([
    ['prometheus', 'netmon-heartbeat__excerpt.csv'],
    ['uptimerobot', 'trevohs_Site_Uptime__uptime.csv'],
    ['statuscake', 'grafana__promlib_testdata_range_missing.result.json'],
  ])('--preset %s on %s is an error naming the preset', async (preset, file) => {
    const r = await runCli(
      [
        'uptime',
        sample(file),
        '--preset',
        preset,
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-06',
        '--as-of',
        '2026-07-01T00:00:00Z',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: not what --preset ${preset} reads`);
  });
});
