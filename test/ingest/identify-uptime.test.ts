import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueText } from '../../src/adapters/render/format-issues.js';
import { readUptime, type ReadUptimeOptions } from '../../src/adapters/ingest/read-uptime.js';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

const OPTS: ReadUptimeOptions = {
  preset: null,
  inputTz: 'UTC',
  maxSampleGapMs: 300_000,
  billingZone: 'UTC',
  asOf: Date.parse('2027-01-01T00:00:00Z'),
  skipInvalid: false,
};
const T = (iso: string) => Date.parse(iso);
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-identify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('every uptime reader is asked; exactly one reads a file', () => {
  // Three probes of api: up at 00:00, down at 00:01, up at 00:02 — down 00:01–00:02; the last sample stands for
  // the 5-min sample gap, so covered 00:00–00:07.
  const probes = [
    { timestamp: '2026-10-05T00:00:00Z', service: 'api', status: 'up' },
    { timestamp: '2026-10-05T00:01:00Z', service: 'api', status: 'down' },
    { timestamp: '2026-10-05T00:02:00Z', service: 'api', status: 'up' },
  ];
  const expected = [
    {
      service: 'api',
      outages: [[T('2026-10-05T00:01:00Z'), T('2026-10-05T00:02:00Z')]],
      maintenance: [],
      covered: [[T('2026-10-05T00:00:00Z'), T('2026-10-05T00:07:00Z')]],
    },
  ];

  it('probe samples as a JSON array are probe samples (not StatusCake periods), as they are in CSV and NDJSON', async () => {
    const array = await readUptime([write('probes.json', JSON.stringify(probes))], OPTS);
    expect(array.issues).toEqual([]);
    expect(array.evidence).toMatchObject(expected);
    expect(array.rows.read).toBe(3);
    const ndjson = await readUptime([write('probes.ndjson', probes.map((p) => JSON.stringify(p)).join('\n'))], OPTS);
    const csv = await readUptime(
      [
        write(
          'probes.csv',
          `timestamp,service,status\n${probes.map((p) => `${p.timestamp},${p.service},${p.status}`).join('\n')}\n`,
        ),
      ],
      OPTS,
    );
    expect(ndjson.evidence).toMatchObject(expected);
    expect(csv.evidence).toMatchObject(expected);
  });

  it('StatusCake identifies its own periods only: --preset statuscake on probe samples says why not', async () => {
    const r = await runCli(
      [
        'uptime',
        write('p.json', JSON.stringify(probes)),
        '--preset',
        'statuscake',
        '--policy',
        'fixtures/policies/bands-inclusive.yaml',
        '--tier',
        't',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('p.json:1: not what --preset statuscake reads: period 1 has no "Status" and "Start"');
    // Its documented periods are still its own, without a preset.
    const own = await readUptime([join(ROOT, 'fixtures/uptime-formats/statuscake-periods.json')], OPTS);
    expect(own.evidence[0]).toMatchObject({ outages: [[T('2026-10-05T10:00:00Z'), T('2026-10-05T10:20:00Z')]] });
  });

  it('two readers reading a file is an error naming both', async () => {
    const r = await readUptime(
      [
        write(
          'both.csv',
          'timestamp,status,start,end\n2026-10-05T00:00:00Z,up,2026-10-05T00:00:00Z,2026-10-05T00:01:00Z\n',
        ),
      ],
      OPTS,
    );
    expect(r.fatal).toMatchObject([{ code: 'UPTIME_AMBIGUOUS', line: 1, args: { readers: ['probes', 'intervals'] } }]);
  });

  it('no reader reading a file is an error saying why each refused', async () => {
    const r = await readUptime([write('odd.json', '{"checks": [{"at": "2026-10-05T00:00:00Z"}]}')], OPTS);
    expect(r.fatal).toMatchObject([{ code: 'UPTIME_UNKNOWN_FORMAT', line: 1 }]);
    const message = issueText(r.fatal[0]!);
    for (const reason of [
      'prometheus: no data.result',
      'statuscake: neither a list of periods nor {data: [periods]}',
      'uptime-kuma: no heartbeatList',
      'probes: not a list of records',
    ])
      expect(message).toContain(reason);
  });
});

describe("Nagios logs stamped with text dates ([Tue Jan 12 00:05:02 2016], the host's local time)", () => {
  // fixtures/samples/sni_Monitoring-Availability__t32_service_text_dates.log: the real Nagios 3.2.0 log of
  // monitoring-logs.test.ts with each [epoch] written as the host's local time (it logs "Local time is … CET").
  // [Thu Jan 21 23:14:20 2010] CET = 22:14:20Z CRITICAL (HARD) until the host's downtime at 23:14:34 CET = 22:14:34Z: 14 s.
  const file = 'fixtures/samples/sni_Monitoring-Availability__t32_service_text_dates.log';
  const uptime = (extra: string[]) =>
    runCli(
      [
        'uptime',
        file,
        '--policy',
        'fixtures/policies/bands-inclusive.yaml',
        '--tier',
        't',
        '--month',
        '2010-01',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--format',
        'json',
        ...extra,
      ],
      { cwd: ROOT },
    );
  const service = (stdout: string) =>
    parseReport(stdout).availability.find(
      (a: { service: string }) => a.service === 'n0_test_host_000/n0_test_pending_01',
    ) as unknown as Record<string, unknown>;

  it('are read by the Nagios reader in --input-tz, with or without --preset nagios: the same figures as the epoch log', async () => {
    const r = await uptime(['--input-tz', 'Europe/Berlin']);
    expect(r.stderr).not.toContain('not valid JSON');
    expect(r.code).toBe(0);
    expect(service(r.stdout)).toMatchObject({
      downtimeSeconds: 14,
      maintenanceSeconds: 55,
      downtime: [{ start: '2010-01-21T22:14:20Z', end: '2010-01-21T22:14:34Z', seconds: 14 }],
    });
    const preset = await uptime(['--input-tz', 'Europe/Berlin', '--preset', 'nagios']);
    expect(preset.code).toBe(0);
    expect(service(preset.stdout)).toEqual(service(r.stdout));
  });

  it('without --input-tz, the usual input error naming it', async () => {
    const r = await uptime([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: [Thu Jan 21 23:05:15 2010]: timestamp has no UTC offset`);
    expect(r.stderr).toContain('--input-tz');
  });

  it('a Nagios-like log whose stamps it cannot date is refused saying so', async () => {
    const log = write('iso.log', '[2016-01-12 00:05:02] SERVICE ALERT: h;s;CRITICAL;HARD;3;x\n');
    const r = await readUptime([log], OPTS);
    expect(issueText(r.fatal[0]!)).toContain(
      'nagios: the timestamps are [2016-01-12 00:05:02]: neither epoch seconds nor a text date',
    );
    const preset = await readUptime([log], { ...OPTS, preset: 'nagios' });
    expect(issueText(preset.fatal[0]!)).toBe(
      'not what --preset nagios reads: the timestamps are [2016-01-12 00:05:02]: neither epoch seconds nor a text date such as [Tue Jan 12 00:05:02 2016]',
    );
  });
});
