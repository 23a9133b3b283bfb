import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { octoberUptime } from '../support/october-uptime.js';

// A probe that says down, falls silent and says down again may have watched one outage long enough for the
// minimum outage, or two too short for it: the evidence cannot tell, so no verdict rests on either reading.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-across-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

const policy = (noData = '') =>
  write(
    `p-${noData || 'exclude'}.yaml`,
    `version: sla-policy/v1
id: across
name: across
currency: USD
billingZone: UTC
availability:
  target: 99.9
  maxSampleGap: 30s
${noData ? `  noData: ${noData}\n` : ''}  downtime:
    minimumOutage: 1m
tiers:
  t: { calendar: 24x7, targets: {} }
credits:
  models:
    - id: bands
      type: availability-tiers
      bands:
        - { below: 99.9, percent: 10 }
        - { below: 99, percent: 25 }
`,
  );

const OCT = Date.parse('2026-10-01T00:00:00Z');
const MONTH_S = 31 * 86_400; // 2 678 400 s; 99.9% of it allows 2 678.4 s down
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A sample's status by its offset in ms from 01:00 of its day (null: no sample). */
type Pattern = (offset: number) => 'up' | 'down' | null;

/** 30-second probes of October, all up but at 01:00 of the first `days` days, where `pattern` says. */
function probes(name: string, days: number, pattern: Pattern, service = 'api', extra: string[] = []): string {
  const rows = ['timestamp,status,service'];
  for (let t = OCT; t < OCT + MONTH_S * 1000; t += 30_000) {
    const day = Math.floor((t - OCT) / DAY);
    const offset = t - OCT - day * DAY - HOUR;
    const status = day < days && offset >= 0 && offset < 300_000 ? pattern(offset) : 'up';
    if (status !== null) rows.push(`${new Date(t).toISOString().replace('.000Z', 'Z')},${status},${service}`);
  }
  return write(name, [...rows, ...extra].join('\n') + '\n');
}

/** down at 01:00:00, silent 01:00:30–01:01:30, down at 01:01:30, up from 01:02:00: 30 s + 60 s + 30 s. */
const interrupted: Pattern = (o) => (o === 0 || o === 90_000 ? 'down' : o === 30_000 || o === 60_000 ? null : 'up');

const audit = async (files: string[], pol = policy()) => {
  const { r, report } = await octoberUptime(files.concat(['--policy', pol, '--tier', 't']), dir);
  const row = (s: string) => report.availability.find((a: { service: string }) => a.service === s);
  const warning = report.warnings.find((w: { code: string }) => w.code === 'OUTAGES_ACROSS_NO_DATA');
  return { r, report, row, all: row('all'), warning };
};

describe('minimumOutage: an outage interrupted by no data', () => {
  it('30 outages of 30 s + 60 s silent + 30 s: no verdict; with the silence down, 30 × 120 s = 3 600 s', async () => {
    const { all, warning, report } = await audit([probes('thirty.csv', 30, interrupted)]);
    // Each part alone is 30 s, under the minimum: as logged, nothing is down.
    expect(all.downtimeSeconds).toBe(0);
    expect(all.noDataSeconds).toBe(1_800);
    expect(all.availabilityPercent).toBe(100);
    expect(all.coveragePercent).toBeCloseTo((2_676_600 / 2_678_400) * 100, 12);
    expect(all.met).toBeNull();
    // The silence down merges each into one outage of 120 s before the minimum applies: 3 600 s.
    expect(all.bounds).toEqual({ noDataAsDown: (2_674_800 / 2_678_400) * 100, noDataAsUp: 100 });
    expect(warning.args).toEqual({
      period: '2026-10',
      zone: 'UTC',
      services: ['api', 'all'],
      worst: [(2_674_800 / 2_678_400) * 100, (2_674_800 / 2_678_400) * 100],
      from: ['2026-10-01T01:00:00Z', '2026-10-02T01:00:00Z', '2026-10-03T01:00:00Z'],
      to: ['2026-10-01T01:02:00Z', '2026-10-02T01:02:00Z', '2026-10-03T01:02:00Z'],
      more: 27,
    });
    expect(warning.message).toBe(
      "outages of 2026-10 shorter than the minimum outage were interrupted by no data: taken as one with the silence, they reach it and miss the target (api 99.866%, all 99.866%), so the verdict (or the credit's band) cannot be decided; 2026-10-01 01:00 → 2026-10-01 01:02, 2026-10-02 01:00 → 2026-10-02 01:02, 2026-10-03 01:00 → 2026-10-03 01:02, and 27 more (UTC)",
    );
    // What the worst reading owes is a line the evidence cannot settle: 10% of 1 000, never in the total.
    expect(report.credits).toMatchObject([{ rule: 'bands', percent: 10, eligible: null }]);
    expect(report.creditTotal).toMatchObject({ amount: 0, undecidedLines: 1 });
    expect(report.credits[0].reason).toBe(
      'availability at most 100.0000% in 2026-10 (the uncovered time decides): 10% of the monthly fee at most; cannot be decided: the logs cover 99.9% of 2026-10, so availability lies between 99.8655% and 100.0000% (give logs that cover the month)',
    );
  });

  it('at the target: 22 such outages (2 640 s ≤ 2 678.4 s) are met either way; 23 (2 760 s) are not decided', async () => {
    const met = await audit([probes('twentytwo.csv', 22, interrupted)]);
    expect(met.all.met).toBe(true);
    expect(met.warning).toBeUndefined();
    expect(met.report.credits).toEqual([]);
    const open = await audit([probes('twentythree.csv', 23, interrupted)]);
    expect(open.all.met).toBeNull();
    expect(open.all.bounds.noDataAsDown).toBe(((MONTH_S - 2_760) / MONTH_S) * 100);
    expect(open.warning.args.more).toBe(20);
  });

  it('at the minimum: 30 s down and 30 s silent reach 1 min; 30 s down and 20 s silent do not', async () => {
    // Every day at 01:00, 01:02 and 01:04: down, the next sample (up) a minute later — 30 s down, 30 s silent.
    // 93 × 60 s = 5 580 s > 2 678.4 s.
    const every2 = (o: number) => (o % 120_000 === 0 ? 'down' : o % 120_000 === 30_000 ? null : 'up');
    const reach = await audit([probes('reach.csv', 31, every2)]);
    expect(reach.all.met).toBeNull();
    expect(reach.all.bounds.noDataAsDown).toBe(((MONTH_S - 5_580) / MONTH_S) * 100);
    // A sample 50 s after each down instead: 30 s down and 20 s silent make 50 s, under the minimum whatever
    // the silence was.
    const at50 = Array.from(
      { length: 93 },
      (_, k) => OCT + Math.floor(k / 3) * DAY + HOUR + (k % 3) * 120_000 + 50_000,
    );
    const short = await audit([
      probes(
        'short.csv',
        31,
        every2,
        'api',
        at50.map((t) => `${new Date(t).toISOString()},up,api`),
      ),
    ]);
    expect(short.all.noDataSeconds).toBe(93 * 20);
    expect(short.all.met).toBe(true);
    expect(short.warning).toBeUndefined();
    // The bound with no data as down: the silence alone, 1 860 s.
    expect(short.all.bounds.noDataAsDown).toBe(((MONTH_S - 1_860) / MONTH_S) * 100);
  });

  it('a contract that counts no data as down counts each as one outage of 120 s: 3 600 s, target missed', async () => {
    const { all, warning } = await audit([probes('thirty-down.csv', 30, interrupted)], policy('down'));
    expect(all.downtimeSeconds).toBe(3_600);
    expect(all.availabilityPercent).toBe((2_674_800 / 2_678_400) * 100);
    expect(all.met).toBe(false);
    expect(warning).toBeUndefined();
  });

  it("the platform: one service's short outage while another is silent may be one outage of the platform", async () => {
    // api down 01:00:00–01:00:30, up from 01:00:30; web silent 01:00:30–01:01:30. Each service alone is
    // decided (api's 30 s is short with nothing silent beside it; web was never down); the platform, down
    // whenever any service is, may have been down 90 s: 30 × 90 s = 2 700 s > 2 678.4 s.
    const api = probes('api.csv', 30, (o) => (o === 0 ? 'down' : 'up'));
    const web = probes('web.csv', 30, (o) => (o === 30_000 || o === 60_000 ? null : 'up'), 'web');
    const { row, all, warning } = await audit([api, web]);
    expect(row('api').met).toBe(true);
    expect(row('web').met).toBe(true);
    expect(all.met).toBeNull();
    expect(all.bounds.noDataAsDown).toBe(((MONTH_S - 2_700) / MONTH_S) * 100);
    expect(warning.args.services).toEqual(['all']);
  });
});
