import { describe, expect, it } from 'vitest';
import { availabilityRows, meets, type AvailabilityInput } from '../../src/core/availability/availability.js';
import type { ServiceEvidence } from '../../src/core/availability/evidence.js';
import { expandWindows } from '../../src/core/availability/maintenance.js';
import { monthPeriod } from '../../src/core/period.js';
import type { Span } from '../../src/core/time/spans.js';

const T = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const NOV = monthPeriod(2026, 11, 'UTC'); // 30 days = 2 592 000 s
const wholeNov: Span[] = [[NOV.start, NOV.end]];

function run(evidence: ServiceEvidence[], over: Partial<AvailabilityInput> = {}) {
  return availabilityRows({
    evidence,
    period: NOV,
    recurringMaintenance: [],
    noData: 'exclude',
    targetPercent: 99.9,
    minimumCoveragePercent: 90,
    ...over,
  });
}
const svc = (outages: Span[], extra: Partial<ServiceEvidence> = {}): ServiceEvidence => ({
  service: 'api',
  outages,
  maintenance: [],
  covered: wholeNov,
  ...extra,
});

describe('availability of one service in a 30-day UTC month (2 592 000 s)', () => {
  it('no downtime: 100%', () => {
    const [api] = run([svc([])]);
    expect(api).toMatchObject({
      service: 'api',
      eligibleMs: 2_592_000_000,
      downtimeMs: 0,
      availabilityPercent: 100,
      met: true,
    });
  });

  it('exactly 99.9% (43.2 min = 2592 s down) meets a 99.9% target', () => {
    const [api] = run([svc([[T('2026-11-10T00:00:00Z'), T('2026-11-10T00:43:12Z')]])]);
    expect(api!.downtimeMs).toBe(2_592_000);
    expect(api!.availabilityPercent).toBeCloseTo(99.9, 12);
    expect(api!.met).toBe(true);
  });

  it('one second more (2593 s) misses it', () => {
    const [api] = run([svc([[T('2026-11-10T00:00:00Z'), T('2026-11-10T00:43:13Z')]])]);
    expect(api!.met).toBe(false);
  });

  it('compares exactly, not in floating point', () => {
    expect(meets(2_589_408_000, 2_592_000_000, 99.9)).toBe(true); // exactly 99.9
    expect(meets(2_589_407_999, 2_592_000_000, 99.9)).toBe(false);
    expect(meets(1, 3, 33.333333)).toBe(true);
  });

  it('overlapping outage reports are merged: 10:00–11:00 and 10:30–12:00 are 2 h, not 2.5 h', () => {
    const [api] = run([
      svc([
        [T('2026-11-03T10:00:00Z'), T('2026-11-03T11:00:00Z')],
        [T('2026-11-03T10:30:00Z'), T('2026-11-03T12:00:00Z')],
      ]),
    ]);
    expect(api!.downtimeMs).toBe(2 * H);
    expect(api!.downtime).toEqual([[T('2026-11-03T10:00:00Z'), T('2026-11-03T12:00:00Z')]]);
  });

  it('an outage crossing the month edge is split: 31 Oct 23:00 – 1 Nov 01:00 gives each month 1 h', () => {
    const outage: Span[] = [[T('2026-10-31T23:00:00Z'), T('2026-11-01T01:00:00Z')]];
    const oct = monthPeriod(2026, 10, 'UTC');
    const covered: Span[] = [[oct.start, NOV.end]];
    expect(run([svc(outage, { covered })])[0]!.downtimeMs).toBe(H);
    expect(run([svc(outage, { covered })], { period: oct })[0]!.downtimeMs).toBe(H);
  });

  it('maintenance from the log is not eligible, and wins over an outage it overlaps', () => {
    // Maintenance 02:00–04:00, outage 03:00–05:00: only 04:00–05:00 is downtime.
    const [api] = run([
      svc([[T('2026-11-08T03:00:00Z'), T('2026-11-08T05:00:00Z')]], {
        maintenance: [[T('2026-11-08T02:00:00Z'), T('2026-11-08T04:00:00Z')]],
      }),
    ]);
    expect(api).toMatchObject({ maintenanceMs: 2 * H, downtimeMs: H, eligibleMs: 2_592_000_000 - 2 * H });
    expect(api!.availabilityPercent).toBeCloseTo(((2_584_800 - 3_600) / 2_584_800) * 100, 12);
  });

  it('a recurring window from the policy: Sundays 02:00–04:00 UTC are five windows (10 h) in November 2026', () => {
    const windows = expandWindows([{ days: [6], startMinute: 120, endMinute: 240, zone: 'UTC' }], NOV.start, NOV.end);
    expect(windows.map(([a]) => new Date(a).toISOString().slice(0, 10))).toEqual([
      '2026-11-01',
      '2026-11-08',
      '2026-11-15',
      '2026-11-22',
      '2026-11-29',
    ]);
    const [api] = run([svc([[T('2026-11-08T03:00:00Z'), T('2026-11-08T05:00:00Z')]])], {
      recurringMaintenance: windows,
    });
    expect(api).toMatchObject({ maintenanceMs: 10 * H, downtimeMs: H, eligibleMs: 2_592_000_000 - 10 * H });
  });

  it('time outside the log is no data: excluded by default, down or up when the contract says', () => {
    const covered: Span[] = [[T('2026-11-01T00:00:00Z'), T('2026-11-16T00:00:00Z')]]; // 15 days
    const outage: Span[] = [[T('2026-11-02T00:00:00Z'), T('2026-11-02T01:00:00Z')]];
    const [excluded] = run([svc(outage, { covered })]);
    expect(excluded).toMatchObject({ eligibleMs: 15 * 24 * H, noDataMs: 15 * 24 * H, downtimeMs: H });
    const [down] = run([svc(outage, { covered })], { noData: 'down' });
    expect(down).toMatchObject({ eligibleMs: 30 * 24 * H, downtimeMs: 15 * 24 * H + H });
    const [up] = run([svc(outage, { covered })], { noData: 'up' });
    expect(up).toMatchObject({ eligibleMs: 30 * 24 * H, downtimeMs: H });
  });

  it('a month outside the log entirely: availability unknown (null), never 100%', () => {
    const [api, all] = run([svc([], { covered: [[T('2026-10-01T00:00:00Z'), T('2026-11-01T00:00:00Z')]] })]);
    expect(api).toMatchObject({ eligibleMs: 0, availabilityPercent: null, met: null });
    expect(all).toMatchObject({ service: 'all', availabilityPercent: null });
  });

  it('all is down whenever any service is down', () => {
    const a = svc([[T('2026-11-03T10:00:00Z'), T('2026-11-03T11:00:00Z')]]);
    const b: ServiceEvidence = {
      service: 'web',
      outages: [
        [T('2026-11-03T10:30:00Z'), T('2026-11-03T12:00:00Z')],
        [T('2026-11-20T00:00:00Z'), T('2026-11-20T00:30:00Z')],
      ],
      maintenance: [],
      covered: wholeNov,
    };
    const rows = run([a, b]);
    expect(rows.map((r) => [r.service, r.downtimeMs])).toEqual([
      ['api', H],
      ['web', 2 * H],
      ['all', 2.5 * H],
    ]);
  });
});

describe('month lengths in the billing zone', () => {
  it('March 2026 in America/Chicago is 743 hours; November is 721; in UTC both are whole days', () => {
    const len = (y: number, m: number, z: string) => {
      const p = monthPeriod(y, m, z);
      return (p.end - p.start) / H;
    };
    expect(len(2026, 3, 'America/Chicago')).toBe(743);
    expect(len(2026, 11, 'America/Chicago')).toBe(721);
    expect(len(2026, 3, 'UTC')).toBe(744);
    expect(len(2026, 10, 'Australia/Lord_Howe')).toBe(743.5);
  });

  it('a DST-length month: 1 h down in Chicago November 2026 is out of 721 h', () => {
    const p = monthPeriod(2026, 11, 'America/Chicago');
    const [api] = availabilityRows({
      evidence: [
        {
          service: 'api',
          outages: [[T('2026-11-10T15:00:00Z'), T('2026-11-10T16:00:00Z')]],
          maintenance: [],
          covered: [[p.start, p.end]],
        },
      ],
      period: p,
      recurringMaintenance: [],
      noData: 'exclude',
      targetPercent: 99.9,
      minimumCoveragePercent: 90,
    });
    expect(api!.eligibleMs).toBe(721 * H);
    expect(api!.availabilityPercent).toBeCloseTo((720 / 721) * 100, 12);
    expect(api!.met).toBe(false); // 99.8613%
  });
});

describe('coverage: a month is judged only on evidence that covers enough of it (SPEC 3.8, minimum 90%)', () => {
  const D = 24 * H;
  const covering = (hours: number, outages: Span[] = []) =>
    svc(outages, { covered: [[NOV.start, NOV.start + hours * H]] });

  it('2 of 30 days covered, no downtime: no verdict (not "met"); coverage 6.67%, between 6.67% and 100%', () => {
    const [api] = run([covering(48)]);
    expect(api!.availabilityPercent).toBe(100);
    expect(api!.met).toBeNull();
    expect(api!.coverageShort).toBe(true);
    expect(api!.coveredMs).toBe(48 * H);
    expect(api!.coveragePercent).toBeCloseTo((48 / 720) * 100, 12);
    expect(api!.bounds).toEqual({ noDataAsDown: (48 / 720) * 100, noDataAsUp: 100 });
  });

  it('2 days covered with 1 h down: missed whatever the rest was — 719 h of 720 is 99.861% < 99.9% → false', () => {
    const [api] = run([covering(48, [[NOV.start + 10 * H, NOV.start + 11 * H]])]);
    expect(api!.bounds.noDataAsUp).toBeCloseTo((719 / 720) * 100, 12);
    expect(api!.met).toBe(false);
  });

  it('exactly 90% covered (648 h of 720) is enough: the verdict stands; 1 s less is not', () => {
    const [enough] = run([covering(648)]);
    expect(enough!.coverageShort).toBe(false);
    expect(enough!.met).toBe(true);
    const [less] = run([svc([], { covered: [[NOV.start, NOV.start + 648 * H - 1000]] })]);
    expect(less!.coverageShort).toBe(true);
    expect(less!.met).toBeNull();
  });

  it('a contract that counts no data as down or up has decided: its verdict stands at any coverage', () => {
    const [down] = run([covering(48)], { noData: 'down' });
    expect(down!.met).toBe(false);
    const [up] = run([covering(48)], { noData: 'up' });
    expect(up!.met).toBe(true);
  });

  it('the minimum is the policy’s or contract’s: 5% makes two days enough', () => {
    const [api] = run([covering((2 * D) / H)], { minimumCoveragePercent: 5 });
    expect(api!.met).toBe(true);
  });
});
