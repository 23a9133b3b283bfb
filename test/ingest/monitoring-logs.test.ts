import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// The bands-inclusive test policy bills in UTC (target 99.95%, samples stand for at most 5 min).
const uptime = async (file: string, period: string[], extra: string[] = []) => {
  const r = await runCli(
    [
      'uptime',
      file,
      '--policy',
      'fixtures/policies/bands-inclusive.yaml',
      '--tier',
      't',
      ...period,
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--format',
      'json',
      ...extra,
    ],
    { cwd: ROOT },
  );
  return {
    ...r,
    reports: r.code === 0 ? (period[0] === '--from' ? parseReport(r.stdout).periods : [parseReport(r.stdout)]) : [],
  };
};
const row = (report: { availability: Array<{ service: string }> }, service: string) =>
  report.availability.find((a) => a.service === service) as Record<string, unknown>;

describe('Nagios Core logs (state history: hard states hold until the next; scheduled downtime is maintenance)', () => {
  // fixtures/samples/sni_Monitoring-Availability__t32_service.log: a real Nagios 3.2.0 log, whose own
  // availability report (avail.cgi, in the same repository) gives the service 14 s critical outside downtime.
  it('a service CRITICAL (HARD) at [1264112060] = 22:14:20Z until its host enters downtime at [1264112074] = 22:14:34Z: 14 s down; soft states and UNKNOWN are not down', async () => {
    const { reports, stderr } = await uptime('fixtures/samples/sni_Monitoring-Availability__t32_service.log', [
      '--month',
      '2010-01',
    ]);
    const service = row(reports[0], 'n0_test_host_000/n0_test_pending_01');
    expect(service).toMatchObject({
      downtimeSeconds: 14,
      eligibleSeconds: 14,
      downtime: [{ start: '2010-01-21T22:14:20Z', end: '2010-01-21T22:14:34Z', seconds: 14 }],
    });
    // Service downtime [1264111930] 22:12:10Z → cancelled [1264111985] 22:13:05Z: 55 s. The host's starts on the log's
    // last line: after it the log says nothing — no data, not a month of maintenance or of the last state.
    expect(service.maintenanceSeconds).toBe(55);
    expect(service.noDataSeconds).toBe(31 * 86_400 - 55 - 14);
    // Before the first hard state nothing is known: a verdict would rest on 14 s.
    expect(service.met).toBeNull();
    expect(stderr).toContain('counted 1 UNKNOWN as no data');
  });

  // fixtures/samples/sni_Monitoring-Availability__t10_load_logs.log: a real Nagios 3.0.6 log with host and
  // service alerts, a crash ("Caught SIGSEGV, shutting down...") and states logged after it at a rotation.
  it('down from the alert to the shutdown, no data while Nagios was not running, the retained state again from the next logged state', async () => {
    const { reports, stderr } = await uptime('fixtures/samples/sni_Monitoring-Availability__t10_load_logs.log', [
      '--from',
      '2009-12',
      '--to',
      '2010-01',
    ]);
    const [december, january] = reports;
    // [1261686484] = 2009-12-24T20:28:04Z CRITICAL (HARD) → 2010-01-01T00:00Z.
    expect(row(december, 'i0test_host_132/i0test_random_18').downtimeSeconds).toBe(1262304000 - 1261686484);
    // [1261687372] HOST ALERT DOWN (HARD).
    expect(row(december, 'i0test_host_198').downtimeSeconds).toBe(1262304000 - 1261687372);
    // January: to the crash at [1262850812], then from the rotation's states at [1263423600] to SIGTERM at [1263458022].
    expect(row(january, 'i0test_host_132/i0test_random_18').downtimeSeconds).toBe(
      1262850812 - 1262304000 + (1263458022 - 1263423600),
    );
    // A hard WARNING is up, and said.
    expect(row(january, 'i0test_host_199/i0test_warning_18')).toMatchObject({
      downtimeSeconds: 0,
      coveredSeconds: 1263458022 - 1263423600,
    });
    expect(stderr).toContain('counted 1 hard WARNING state(s) as up');
  });

  it('a log and its archive are one history, given in any order: a downtime started in one and stopped in the other is 4 h, the outage after it counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-nagios-'));
    try {
      // 2026-01-01 up; downtime 16 Jan 00:00–04:00Z across the rotation at 02:00Z; down 20 Jan 00:00–02:00Z; the log goes on to 1 Feb.
      writeFileSync(
        join(dir, 'nagios-01-16-2026-02.log'),
        '[1767225600] CURRENT HOST STATE: h;UP;HARD;1;ok\n[1768521600] HOST DOWNTIME ALERT: h;STARTED; x\n',
      );
      writeFileSync(
        join(dir, 'nagios.log'),
        '[1768528800] LOG ROTATION: DAILY\n[1768528800] CURRENT HOST STATE: h;UP;HARD;1;ok\n[1768536000] HOST DOWNTIME ALERT: h;STOPPED; x\n[1768867200] HOST ALERT: h;DOWN;HARD;1;x\n[1768874400] HOST ALERT: h;UP;HARD;1;x\n[1769904000] LOG ROTATION: DAILY\n',
      );
      const r = await runCli(
        [
          'uptime',
          'nagios.log',
          'nagios-01-16-2026-02.log',
          '--policy',
          join(ROOT, 'fixtures/policies/bands-inclusive.yaml'),
          '--tier',
          't',
          '--month',
          '2026-01',
          '--as-of',
          '2026-02-05T00:00:00Z',
          '--format',
          'json',
        ],
        { cwd: dir },
      );
      expect(r.code).toBe(0);
      // 2 h down of 31 days less 4 h of maintenance: (2 678 400 − 14 400 − 7 200) / (2 678 400 − 14 400).
      expect(row(parseReport(r.stdout), 'h')).toMatchObject({
        maintenanceSeconds: 14_400,
        downtimeSeconds: 7200,
        coveragePercent: 100,
        met: false,
      });
      // "Bailing out" is a second instance failing to start: the running one goes on monitoring.
      writeFileSync(
        join(dir, 'bail.log'),
        '[1767225600] CURRENT HOST STATE: h;UP;HARD;1;ok\n[1767571200] Lockfile /x looks like its already held by another instance of Nagios (PID 1).  Bailing out...\n[1768867200] HOST ALERT: h;DOWN;HARD;1;x\n[1768867260] HOST ALERT: h;UP;HARD;1;x\n[1769904000] LOG ROTATION: DAILY\n',
      );
      const b = await runCli(
        [
          'uptime',
          'bail.log',
          '--policy',
          join(ROOT, 'fixtures/policies/bands-inclusive.yaml'),
          '--tier',
          't',
          '--month',
          '2026-01',
          '--as-of',
          '2026-02-05T00:00:00Z',
          '--format',
          'json',
        ],
        { cwd: dir },
      );
      expect(row(parseReport(b.stdout), 'h')).toMatchObject({ downtimeSeconds: 60, coveragePercent: 100, met: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a line whose epoch is outside 1900–2199, or a state without a host, is a problem of its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-nagios-'));
    try {
      writeFileSync(
        join(dir, 'far.log'),
        '[1759276800] HOST ALERT: h;UP;HARD;1;x\n[99999999999] LOG ROTATION: DAILY\n[1759276900] HOST ALERT: ;DOWN;HARD;1;x\n',
      );
      const r = await runCli(
        [
          'uptime',
          'far.log',
          '--policy',
          join(ROOT, 'fixtures/policies/bands-inclusive.yaml'),
          '--tier',
          't',
          '--month',
          '2025-10',
        ],
        { cwd: dir },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('far.log:2: [99999999999] is outside the years 1900–2199');
      expect(r.stderr).toContain('far.log:3: host state: no host name');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a service of UNKNOWN states alone is a row of no data, and the platform's row has no verdict; a host's (unknown) is no data", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-nagios-unknown-'));
    try {
      // October 2025 (UTC): 1759276800 is 1 October 00:00Z, 1761955200 is 1 November 00:00Z.
      writeFileSync(
        join(dir, 'unknown.log'),
        '[1759276800] Nagios 3.2.0 starting... (PID=1)\n' +
          '[1759276800] CURRENT SERVICE STATE: h;ok_svc;OK;HARD;1;ok\n' +
          '[1759276800] CURRENT SERVICE STATE: h;unk_svc;UNKNOWN;HARD;3;unknown\n' +
          '[1759276800] CURRENT HOST STATE: g;(unknown);HARD;1;x\n' +
          '[1761955200] CURRENT SERVICE STATE: h;ok_svc;OK;HARD;1;ok\n',
      );
      const { code, reports } = await uptime(join(dir, 'unknown.log'), ['--month', '2025-10'], ['--preset', 'nagios']);
      expect(code).toBe(0);
      const rows = reports[0]!.availability.map(
        (a: { service: string; met: boolean | null; coveredSeconds: number }) => [a.service, a.met, a.coveredSeconds],
      );
      expect(rows).toEqual([
        ['g', null, 0],
        ['h/ok_svc', true, 31 * 86_400],
        ['h/unk_svc', null, 0],
        ['all', null, 0],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Nagios log is not a ticket export, and --preset nagios does not read a CSV', async () => {
    const tickets = await runCli(
      [
        'tickets',
        'fixtures/samples/sni_Monitoring-Availability__t32_service.log',
        '--policy',
        'websoft9',
        '--tier',
        'standard',
        '--month',
        '2010-01',
      ],
      { cwd: ROOT },
    );
    expect(tickets.code).toBe(2);
    expect(tickets.stderr).toContain('a monitoring log (Nagios or Icinga), not an export of records');
    const csv = await uptime(
      'fixtures/uptime-formats/uptime-kuma-statuses.csv',
      ['--month', '2026-10'],
      ['--preset', 'nagios'],
    );
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('not what --preset nagios reads');
  });
});

describe('Uptime Kuma heartbeats (the heartbeat table as CSV; times in UTC without a zone)', () => {
  // fixtures/samples/louislam_uptime-kuma__demo_kuma_heartbeat.csv: the heartbeat table of Uptime Kuma's
  // own demo database (MIT), three UP beats at 14:26:37, 14:26:52 and 14:27:12 UTC.
  it('three real beats: 15 s + 20 s + the last for the 5-min sample gap = 335 s covered, up', async () => {
    const { reports } = await uptime('fixtures/samples/louislam_uptime-kuma__demo_kuma_heartbeat.csv', [
      '--month',
      '2021-09',
    ]);
    expect(row(reports[0], 'monitor 1')).toMatchObject({
      coveredSeconds: 15 + 20 + 300,
      downtimeSeconds: 0,
      availabilityPercent: 100,
      met: null,
    });
  });

  it('a status page heartbeat list with values of the wrong type is an input error, never a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-kuma-'));
    try {
      writeFileSync(
        join(dir, 'k.json'),
        '{"heartbeatList":{"7":[{"status":{"toString":1},"time":"2026-01-10 10:00:00"}],"8":"x","9":[{"status":true,"time":"2026-01-10 10:00:00"}]}}',
      );
      const r = await runCli(
        [
          'uptime',
          'k.json',
          '--policy',
          join(ROOT, 'fixtures/policies/bands-inclusive.yaml'),
          '--tier',
          't',
          '--month',
          '2026-01',
        ],
        { cwd: dir },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        'k.json:1: status: not an Uptime Kuma status (expected 0 (down), 1 (up), 2 (pending) or 3 (maintenance), got {"toString":1})',
      );
      expect(r.stderr).toContain('got true');
      expect(r.stderr).toContain('heartbeatList["8"]: not a list of heartbeats');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DOWN and PENDING are down, MAINTENANCE is maintenance until the next beat, milliseconds kept', async () => {
    const { reports } = await uptime(
      'fixtures/uptime-formats/uptime-kuma-statuses.csv',
      ['--month', '2026-10'],
      ['--preset', 'uptime-kuma'],
    );
    expect(row(reports[0], 'monitor 7')).toMatchObject({
      downtimeSeconds: 120,
      maintenanceSeconds: 60,
      coveredSeconds: 60 + 120 + 300,
      downtime: [{ start: '2026-10-14T10:01:00.250Z', end: '2026-10-14T10:03:00.250Z', seconds: 120 }],
    });
  });
});
