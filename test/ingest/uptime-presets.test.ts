import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUptime, type ReadUptimeOptions } from '../../src/adapters/ingest/read-uptime.js';
import { ROOT } from '../support/run-cli.js';

const sample = (name: string) => join(ROOT, 'fixtures/samples', name);
const doc = (name: string) => join(ROOT, 'fixtures/uptime-formats', name);
const OPTS: ReadUptimeOptions = {
  preset: null,
  inputTz: 'UTC',
  maxSampleGapMs: 300_000,
  billingZone: 'UTC',
  asOf: Date.parse('2027-01-01T00:00:00Z'),
  skipInvalid: false,
};
const T = (iso: string) => Date.parse(iso);

describe('uptime presets on real exports', () => {
  it('prometheus: a query_range matrix is probe samples per series, each standing for the query step; missing samples are no data', async () => {
    const r = await readUptime([sample('grafana__promlib_testdata_range_missing.result.json')], {
      ...OPTS,
      preset: 'prometheus',
    });
    expect(r.issues).toEqual([]);
    // Samples at 1641889533, …534, …537 (values 21, 32, 43 ≥ 1: up): the step is 1 s, so 535 and 536 are missing —
    // no data, not up — and the last sample stands for one step.
    expect(r.evidence).toMatchObject([
      {
        service: 'prometheus',
        outages: [],
        maintenance: [],
        covered: [
          [1_641_889_533_000, 1_641_889_535_000],
          [1_641_889_537_000, 1_641_889_538_000],
        ],
      },
    ]);
  });

  it("prometheus: the API documentation's `up` example — step 15 s; node down for the first two samples", async () => {
    const r = await readUptime([sample('prometheus__docs_query_range_up_example.json')], OPTS);
    expect(r.issues).toEqual([]);
    // 1435781430.781, 445.781, 460.781: the node's 0, 0, 1 → down 430.781–460.781 (30 s); each series covers 45 s.
    expect(r.evidence).toMatchObject([
      { service: 'localhost:9090', outages: [], maintenance: [], covered: [[1_435_781_430_781, 1_435_781_475_781]] },
      {
        service: 'localhost:9091',
        outages: [[1_435_781_430_781, 1_435_781_460_781]],
        maintenance: [],
        covered: [[1_435_781_430_781, 1_435_781_475_781]],
      },
    ]);
  });

  it('uptimerobot: the dashboard log export (BOM, no header, "13 hrs, 2 mins") gives the logged periods', async () => {
    const r = await readUptime([sample('pocg_hackathon__uptimerobot-all_monitors-logs.csv')], {
      ...OPTS,
      preset: 'uptimerobot',
    });
    expect(r.issues).toEqual([]);
    expect(r.evidence).toMatchObject([
      {
        service: 'POCG Prototype',
        outages: [],
        maintenance: [],
        // Started at 03:18:33 ("0 hrs, 0 mins": under a minute) holds until the Up at 03:18:35, a state log's next event.
        covered: [[T('2015-07-07T03:18:33Z'), T('2015-07-07T16:20:35Z')]],
      },
    ]);
  });

  it('uptimerobot: the API getMonitors logs (98 = started, with a duration in seconds)', async () => {
    const r = await readUptime([sample('bitfield_uptimerobot__testdata_getMonitors.json')], OPTS);
    expect(r.issues).toEqual([]);
    expect(r.evidence).toMatchObject([
      {
        service: 'Google',
        outages: [],
        maintenance: [],
        covered: [[1_463_540_297_000, 1_463_540_297_000 + 1_054_134_000]],
      },
      {
        service: 'My Web Page',
        // started 1462465202 (32 s); down 1462465234 for 490 140 s; up 85 s → 1462955459;
        // nothing logged until paused at 1462955588 (12 s: no data); started 1462955600 for 22 s.
        outages: [[1_462_465_234_000, 1_462_955_374_000]],
        maintenance: [],
        covered: [
          [1_462_465_202_000, 1_462_955_459_000],
          [1_462_955_600_000, 1_462_955_622_000],
        ],
      },
    ]);
  });

  it('statuscake: a test-details response has no periods, and the error says what to export', async () => {
    const r = await readUptime([sample('DreamItGetIT_statuscake__fixtures_tests_detail_ok.json')], {
      ...OPTS,
      preset: 'statuscake',
    });
    expect(r.issues).toMatchObject([{ code: 'UPTIME_NO_PERIODS', line: 1 }]);
    expect(r.issues[0]!.hint).toContain('Periods');
  });
});

describe('uptime presets built from documentation (not verified against a real export)', () => {
  it('statuscake periods: Down periods are outages, Up periods are covered', async () => {
    const r = await readUptime([doc('statuscake-periods.json')], { ...OPTS, preset: 'statuscake' });
    expect(r.issues).toEqual([]);
    expect(r.evidence[0]).toMatchObject({
      service: 'statuscake-periods',
      outages: [[T('2026-10-05T10:00:00Z'), T('2026-10-05T10:20:00Z')]],
      covered: [[T('2026-10-05T10:00:00Z'), T('2026-10-31T23:59:59Z')]],
    });
  });

  it('pingdom summary.outage: down states are outages, the states are the coverage', async () => {
    const r = await readUptime([doc('pingdom-summary-outage.json')], OPTS);
    expect(r.evidence[0]).toMatchObject({
      outages: [[1_294_180_263_000, 1_294_180_323_000]],
      covered: [[1_293_143_523_000, 1_294_784_607_000]],
    });
  });

  it('better stack incidents: each incident is an outage; the log covers its whole months', async () => {
    const r = await readUptime([doc('betterstack-incidents.json')], { ...OPTS, preset: 'betterstack' });
    expect(r.evidence[0]).toMatchObject({
      service: 'Homepage',
      outages: [
        [T('2026-10-05T10:00:00Z'), T('2026-10-05T10:30:00Z')],
        [T('2026-10-20T23:50:00Z'), T('2026-10-21T00:05:00Z')],
      ],
      covered: [[T('2026-10-01T00:00:00Z'), T('2026-11-01T00:00:00Z')]],
    });
  });
});

describe('canonical uptime logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-audit-uptime-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads probe samples with a gap: the rest of a long gap is no data', async () => {
    const file = join(dir, 'probes.csv');
    writeFileSync(
      file,
      'timestamp,status,service\n2026-10-05T00:00:00Z,up,api\n2026-10-05T00:01:00Z,down,api\n2026-10-05T00:02:00Z,1,api\n2026-10-05T00:20:00Z,ok,api\n',
    );
    const r = await readUptime([file], OPTS);
    expect(r.evidence).toMatchObject([
      {
        service: 'api',
        outages: [[T('2026-10-05T00:01:00Z'), T('2026-10-05T00:02:00Z')]],
        maintenance: [],
        // 00:02 stands for 5 min (the gap to 00:20 is longer); 00:20, the last, for 5 min.
        covered: [
          [T('2026-10-05T00:00:00Z'), T('2026-10-05T00:07:00Z')],
          [T('2026-10-05T00:20:00Z'), T('2026-10-05T00:25:00Z')],
        ],
      },
    ]);
  });

  it('reports bad rows with their line: bad status, end before start, unknown kind', async () => {
    const probes = join(dir, 'p.csv');
    writeFileSync(probes, 'timestamp,status\n2026-10-05T00:00:00Z,maybe\n2026-13-05T00:00:00Z,up\n');
    expect((await readUptime([probes], OPTS)).issues.map((i) => [i.line, i.code])).toEqual([
      [2, 'UPTIME_BAD_STATUS'],
      [3, 'UPTIME_BAD_TIMESTAMP'],
    ]);
    const intervals = join(dir, 'i.csv');
    writeFileSync(
      intervals,
      'start,end,kind\n2026-10-05T02:00:00Z,2026-10-05T01:00:00Z,outage\n2026-10-05T02:00:00Z,2026-10-05T03:00:00Z,nap\n',
    );
    const issues = (await readUptime([intervals], OPTS)).issues;
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [2, 'UPTIME_END_BEFORE_START'],
      [3, 'UPTIME_BAD_KIND'],
    ]);
    expect(issues[0]!.hint).toContain('swap');
  });

  it('a state or a time a vendor reader does not know is an error, never time up (it may be the outage)', async () => {
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const robot = write(
      'robot.json',
      JSON.stringify({
        monitors: [
          {
            friendly_name: 'web',
            logs: [
              { type: 2, datetime: 1759276800, duration: 1000 },
              { type: '1', datetime: 1760276800, duration: 36000 },
              { type: 7, datetime: 1760312800, duration: 60 },
              { type: 1, datetime: '2025-10-12T13:46:40Z', duration: 60 },
            ],
          },
        ],
      }),
    );
    const r = await readUptime([robot], { ...OPTS, preset: 'uptimerobot' });
    expect(r.issues.map((i) => [i.code, i.args, i.got])).toEqual([
      ['UPTIME_UNKNOWN_STATE', { at: 'monitor web, log 3', field: 'type' }, '7'],
      ['UPTIME_NOT_SECONDS', { at: 'monitor web, log 4', field: 'datetime' }, '"2025-10-12T13:46:40Z"'],
    ]);
    // A quoted "1" is UptimeRobot's down all the same: 36 000 s from 1760276800.
    const quoted = write(
      'robot-ok.json',
      JSON.stringify({
        monitors: [{ friendly_name: 'web', logs: [{ type: '1', datetime: 1760276800, duration: 36000 }] }],
      }),
    );
    expect((await readUptime([quoted], { ...OPTS, preset: 'uptimerobot' })).evidence[0]!.outages).toEqual([
      [1_760_276_800_000, 1_760_312_800_000],
    ]);
    const csv = write(
      'robot.csv',
      'Event,Monitor,Date-Time,Reason,Duration\nUp,web,10-01-2026 00:00:00,OK,"300 hrs, 0 mins"\nUnknown,web,10-13-2026 12:00:00,Timeout,"100 hrs, 0 mins"\n',
    );
    expect(
      (await readUptime([csv], { ...OPTS, preset: 'uptimerobot' })).issues.map((i) => [i.line, i.code, i.got]),
    ).toEqual([[3, 'UPTIME_UNKNOWN_STATE', '"Unknown"']]);
    const cake = write(
      'cake.json',
      JSON.stringify([
        { Status: 'Up', Start: '2025-10-01T00:00:00Z', End: '2025-10-12T00:00:00Z' },
        { Status: 'Paused', Start: '2025-10-12T00:00:00Z', End: '2025-10-20T00:00:00Z' },
        { Status: 'Degraded', Start: '2025-10-20T00:00:00Z', End: '2025-10-21T00:00:00Z' },
      ]),
    );
    const c = await readUptime([cake], { ...OPTS, preset: 'statuscake' });
    expect(c.issues.map((i) => [i.code, i.got])).toEqual([['UPTIME_UNKNOWN_STATE', '"Degraded"']]);
    const paused = write(
      'paused.json',
      JSON.stringify([
        { Status: 'Up', Start: '2025-10-01T00:00:00Z', End: '2025-10-12T00:00:00Z' },
        { Status: 'Paused', Start: '2025-10-12T00:00:00Z', End: '2025-10-20T00:00:00Z' },
      ]),
    );
    // A paused test watched nothing: 12–20 October is no data, not up.
    expect((await readUptime([paused], { ...OPTS, preset: 'statuscake' })).evidence[0]!.covered).toEqual([
      [T('2025-10-01T00:00:00Z'), T('2025-10-12T00:00:00Z')],
    ]);
    const ping = write(
      'ping.json',
      JSON.stringify({
        summary: {
          states: [
            { status: 'down', timefrom: 'noon', timeto: 1760312800 },
            { status: 'flapping', timefrom: 1, timeto: 2 },
          ],
        },
      }),
    );
    expect((await readUptime([ping], { ...OPTS, preset: 'pingdom' })).issues.map((i) => [i.code, i.args])).toEqual([
      ['UPTIME_NOT_SECONDS', { at: 'summary.states[0]', field: 'timefrom' }],
      ['UPTIME_UNKNOWN_STATE', { at: 'summary.states[1]', field: 'status' }],
    ]);
  });
});
