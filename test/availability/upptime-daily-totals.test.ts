import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { incidentCheckFromOutages } from '../../src/core/availability/audit-availability.js';
import type { Ticket } from '../../src/core/tickets/ticket.js';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// Upptime gives minutes down per UTC day, never when in the day: a day at a month's edge in another zone may
// hold its minutes on either side of it, and with a minimum outage they may be one long outage or many short
// ones. What a month counts of a day is bounded: a verdict or a credit stands only where both bounds agree.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-upptime-days-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

const policy = (zone: string, minimumOutage = '') =>
  write(
    `p-${zone.replace('/', '-')}-${minimumOutage || 'none'}.yaml`,
    `version: sla-policy/v1
id: upptime-days
name: upptime days
currency: USD
billingZone: ${zone}
availability:
  target: 99.9
${minimumOutage ? `  downtime:\n    minimumOutage: ${minimumOutage}\n` : ''}tiers:
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

/** Upptime's summary: each service's minutes down on the days given, 0 on every other day of Sep 25 – Nov 5. */
function summary(name: string, down: Record<string, Record<string, number>>): string {
  const sites = Object.entries(down).map(([service, days]) => {
    const daily: Record<string, number> = {};
    for (let t = Date.UTC(2026, 8, 25); t <= Date.UTC(2026, 10, 5); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      daily[day] = days[day] ?? 0;
    }
    return { name: service, slug: service, dailyMinutesDown: daily };
  });
  return write(name, JSON.stringify(sites));
}

const audit = async (file: string, pol: string, month = '2026-10') => {
  const contract = write(
    `c-${pol}`,
    `version: sla-contract/v1\npolicy: ${pol}\ntier: t\nfee: { monthly: 1000.00 }\navailability:\n  coverage: { from: 2026-09, to: 2026-11 }\n`,
  );
  const r = await runCli(
    ['uptime', file, '--preset', 'upptime', '--config', contract, '--month', month].concat([
      '--as-of',
      '2026-12-20T00:00:00Z',
      '--format',
      'json',
    ]),
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  const report = parseReport(r.stdout);
  const row = (s: string) => report.availability.find((a: { service: string }) => a.service === s);
  const warning = report.warnings.find((w: { code: string }) => w.code === 'UPTIME_DAILY_TOTALS_UNDECIDED');
  return { report, row, all: row('all'), warning };
};

// October 2026 in America/Chicago (CDT, UTC−5 all month): 2026-10-01T05:00Z → 2026-11-01T05:00Z, 31 days.
const OCT_S = 31 * 86_400; // 2 678 400 s; 99.9% of it allows 2 678.4 s down
const SEP_S = 30 * 86_400; // 2 592 000 s
const pct = (downS: number, of = OCT_S) => ((of - downS) / of) * 100;

describe('Upptime daily totals at the edge of a billing month in another zone (America/Chicago)', () => {
  it('UTC day 2026-10-01 (5 h in September, 19 h in October), 60 min: neither month decided', async () => {
    const file = summary('edge60.json', { api: { '2026-10-01': 60 } });
    const oct = await audit(file, policy('America/Chicago'));
    // At least max(0, 60 − 300) = 0 min in October, at most min(60, 1 140) = 60 min = 3 600 s > 2 678.4 s.
    expect(oct.all.downtimeSeconds).toBe(0);
    expect(oct.all.availabilityPercent).toBe(100);
    expect(oct.all.met).toBeNull();
    expect(oct.all.bounds).toEqual({ noDataAsDown: pct(3_600), noDataAsUp: 100 });
    expect(oct.warning.args).toEqual({
      period: '2026-10',
      zone: 'America/Chicago',
      services: ['api', 'all'],
      best: [100, 100],
      worst: [pct(3_600), pct(3_600)],
      days: ['2026-10-01'],
      more: 0,
    });
    expect(oct.warning.message).toContain(
      'the minutes down per UTC day of 2026-10-01 may fall in 2026-10 or out of it (America/Chicago)',
    );
    expect(oct.warning.message).toContain('(api 99.866% to 100.000%, all 99.866% to 100.000%)');
    expect(oct.report.credits).toMatchObject([{ rule: 'bands', percent: 10, eligible: null }]);
    // The logs cover the month: the reason names what leaves it open, not a want of coverage.
    expect(oct.report.credits[0].reason).toBe(
      'availability at most 100.0000% in 2026-10 (the undecided time decides): 10% of the monthly fee at most; cannot be decided: the logs cover 2026-10 but leave downtime undecided (see the warnings), so availability lies between 99.8655% and 100.0000%',
    );
    expect(oct.report.creditTotal).toMatchObject({ amount: 0, undecidedLines: 1 });
    // September: at least max(0, 60 − 1 140) = 0, at most min(60, 300) = 60 min: open as well, never lost.
    const sep = await audit(file, policy('America/Chicago'), '2026-09');
    expect(sep.all.downtimeSeconds).toBe(0);
    expect(sep.all.met).toBeNull();
    expect(sep.all.bounds.noDataAsDown).toBe(pct(3_600, SEP_S));
    expect(sep.warning.args.days).toEqual(['2026-10-01']);
  });

  it('UTC day 2026-10-01, 400 min: at least 100 min are October’s (met false), the band is the same either way', async () => {
    const file = summary('edge400.json', { api: { '2026-10-01': 400 } });
    const oct = await audit(file, policy('America/Chicago'));
    // 400 − 300 = 100 min = 6 000 s must be October's: 99.776%; at most 400 min = 24 000 s: 99.104%, also < 99.9.
    expect(oct.all.downtimeSeconds).toBe(6_000);
    expect(oct.all.met).toBe(false);
    expect(oct.all.bounds.noDataAsDown).toBe(pct(24_000));
    expect(oct.report.credits).toMatchObject([{ rule: 'bands', percent: 10, eligible: true }]);
    expect(oct.report.creditTotal).toMatchObject({ amount: 100, undecidedLines: 0 });
    // September may hold up to its 300 min (18 000 s) of the day, and none: no verdict.
    const sep = await audit(file, policy('America/Chicago'), '2026-09');
    expect(sep.all.downtimeSeconds).toBe(0);
    expect(sep.all.met).toBeNull();
    expect(sep.all.bounds.noDataAsDown).toBe(pct(18_000, SEP_S));
  });

  it('UTC day 2026-10-31 lies wholly in October (Oct 30 19:00 → Oct 31 19:00 CDT): decided as before', async () => {
    const { all, warning, report } = await audit(
      summary('inside.json', { api: { '2026-10-31': 60 } }),
      policy('America/Chicago'),
    );
    expect(all.downtimeSeconds).toBe(3_600);
    expect(all.availabilityPercent).toBe(pct(3_600));
    expect(all.met).toBe(false);
    expect(warning).toBeUndefined();
    expect(report.credits).toMatchObject([{ rule: 'bands', percent: 10, eligible: true }]);
  });

  it('UTC day 2026-11-01 (5 h in October, Oct 31 19:00 → midnight CDT), 60 min: October not decided', async () => {
    const { all, warning } = await audit(
      summary('after.json', { api: { '2026-11-01': 60 } }),
      policy('America/Chicago'),
    );
    // At least max(0, 60 − 1 140) = 0; at most min(60, 300) = 60 min.
    expect(all.downtimeSeconds).toBe(0);
    expect(all.met).toBeNull();
    expect(all.bounds.noDataAsDown).toBe(pct(3_600));
    expect(warning.args.days).toEqual(['2026-11-01']);
  });

  it('two services down 40 min each on one day: the platform was down 40 to 80 min', async () => {
    const { row, all, warning } = await audit(
      summary('two.json', { api: { '2026-10-15': 40 }, web: { '2026-10-15': 40 } }),
      policy('UTC'),
    );
    // Each alone: 2 400 s ≤ 2 678.4 s, met. Together at least 2 400 s (overlapping), at most 4 800 s (apart).
    expect(row('api').met).toBe(true);
    expect(row('web').met).toBe(true);
    expect(all.downtimeSeconds).toBe(2_400);
    expect(all.met).toBeNull();
    expect(all.bounds.noDataAsDown).toBe(pct(4_800));
    expect(warning.args.services).toEqual(['all']);
  });
});

describe('Upptime daily totals with a minimum outage of 1 h (UTC billing)', () => {
  const min1h = () => policy('UTC', '1h');

  it('90 min in one day: two outages of 45 min (0) or one of 90 (5 400 s): not decided, the credit undecided', async () => {
    const { all, warning, report } = await audit(summary('ninety.json', { api: { '2026-10-15': 90 } }), min1h());
    expect(all.downtimeSeconds).toBe(0);
    expect(all.met).toBeNull();
    expect(all.bounds.noDataAsDown).toBe(pct(5_400));
    expect(warning.args.days).toEqual(['2026-10-15']);
    expect(report.credits).toMatchObject([{ rule: 'bands', percent: 10, eligible: null }]);
  });

  it('50 + 50 min on consecutive days: one outage of 100 min across midnight is possible: not decided', async () => {
    const { all, warning } = await audit(
      summary('fifty2.json', { api: { '2026-10-15': 50, '2026-10-16': 50 } }),
      min1h(),
    );
    expect(all.downtimeSeconds).toBe(0);
    expect(all.met).toBeNull();
    expect(all.bounds.noDataAsDown).toBe(pct(6_000));
    expect(warning.args.days).toEqual(['2026-10-15', '2026-10-16']);
  });

  it('50 min between days up: no outage of it can reach 1 h: met', async () => {
    const { all, warning, report } = await audit(summary('fifty.json', { api: { '2026-10-15': 50 } }), min1h());
    expect(all.met).toBe(true);
    expect(all.bounds.noDataAsDown).toBe(100);
    expect(warning).toBeUndefined();
    expect(report.credits).toEqual([]);
  });

  it('a whole day down (1 440 min) is one outage of at least a day: 86 400 s, 96.774%, decided', async () => {
    const { all, warning, report } = await audit(summary('day.json', { api: { '2026-10-15': 1440 } }), min1h());
    expect(all.downtimeSeconds).toBe(86_400);
    expect(all.availabilityPercent).toBe(pct(86_400));
    expect(all.met).toBe(false);
    expect(warning).toBeUndefined();
    expect(report.credits).toMatchObject([{ rule: 'bands', percent: 25, eligible: true }]);
  });
});

describe('incident association from daily totals', () => {
  const DAY = 86_400_000;
  const OCT15 = Date.UTC(2026, 9, 15);
  const ticket = (at: string) => ({ createdAt: Date.parse(at) }) as Ticket;
  const check = incidentCheckFromOutages([
    {
      service: 'api',
      outages: [],
      maintenance: [],
      covered: [[Date.UTC(2026, 9, 1), Date.UTC(2026, 10, 1)]],
      dailyTotals: [
        { day: OCT15, downMs: 60 * 60_000 },
        { day: OCT15 + DAY, downMs: 0 },
        { day: OCT15 + 2 * DAY, downMs: DAY },
      ],
    },
  ]);

  it('a day down in part was not watched without an incident; a day up was; a day down whole is one', () => {
    // 60 min of Oct 15, not known when: a ticket of 00:30 or of 12:00 may or may not have met them.
    expect(check(ticket('2026-10-15T00:30:00Z'))).toBeNull();
    expect(check(ticket('2026-10-15T12:00:00Z'))).toBeNull();
    expect(check(ticket('2026-10-16T12:00:00Z'))).toBe(false);
    expect(check(ticket('2026-10-17T12:00:00Z'))).toBe(true);
  });
});
