import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AS_LOGGED, atLeast, bucketDowntime, longOutages } from '../../src/core/availability/downtime.js';
import { availabilityRows } from '../../src/core/availability/availability.js';
import { monthPeriod } from '../../src/core/period.js';
import { normalize, subtract, total, type Span } from '../../src/core/time/spans.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { parseReport } from '../support/report-schema.js';

const S = 1000;
const MIN = 60 * S;

describe('minimum outage length (Google Compute Engine: less than a minute is not counted)', () => {
  it('keeps outages of at least the minimum, exactly at it included', () => {
    expect(
      longOutages(
        [
          [0, 30 * S],
          [2 * MIN, 3 * MIN],
          [5 * MIN, 5 * MIN + 90 * S],
        ],
        MIN,
      ),
    ).toEqual([
      [2 * MIN, 3 * MIN],
      [5 * MIN, 5 * MIN + 90 * S],
    ]);
  });

  it('a policy with minimumOutage: 1m: a 30 s blip is up, a 90 s outage is downtime (real command, 30-day month)', async () => {
    const r = await runCli(
      [
        'uptime',
        'fixtures/uptime-formats/outages-short-and-long.csv',
        '--policy',
        'fixtures/policies/downtime-gce.yaml',
        '--tier',
        't',
        '--month',
        '2026-11',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const all = parseReport(r.stdout).availability.find((a: { service: string }) => a.service === 'all');
    // (2 592 000 − 90) / 2 592 000 = 99.996527…% ≥ 99.996%: met. As logged, 120 s would give 99.995370…%: missed.
    expect(all).toMatchObject({ downtimeSeconds: 90, met: true });
    expect(all.availabilityPercent).toBeCloseTo(99.99652777777777, 12);
  });
});

describe('fixed buckets (Atlassian: a minute is down when its error rate exceeds 5%; MongoDB Atlas: whole failed minutes)', () => {
  const share5 = { shareAbovePercent: 5 } as const;

  it('more than 5% of a minute down makes the whole minute down; exactly 5% does not', () => {
    // Minute 0: 3 s down = 5.00% (not above). Minute 1: 4 s down = 6.67%: the whole minute.
    const down: Span[] = [
      [10 * S, 13 * S],
      [MIN + 10 * S, MIN + 14 * S],
    ];
    expect(bucketDowntime(down, [], 0, 10 * MIN, MIN, share5)).toEqual([[MIN, 2 * MIN]]);
  });

  it('the share is of the observed time: 2 s down in a minute with 30 s without data is 6.67%', () => {
    const down: Span[] = [[40 * S, 42 * S]];
    const unobserved: Span[] = [[0, 30 * S]];
    // The minute is down over its observed 30 s only; the rest stays without data.
    expect(bucketDowntime(down, unobserved, 0, 10 * MIN, MIN, share5)).toEqual([[30 * S, MIN]]);
  });

  it('"any" makes a minute with one failed second down; "all" only a minute down throughout', () => {
    const down: Span[] = [
      [10 * S, 11 * S],
      [2 * MIN, 3 * MIN],
    ];
    expect(bucketDowntime(down, [], 0, 10 * MIN, MIN, 'any')).toEqual([
      [0, MIN],
      [2 * MIN, 3 * MIN],
    ]);
    expect(bucketDowntime(down, [], 0, 10 * MIN, MIN, 'all')).toEqual([[2 * MIN, 3 * MIN]]);
  });

  it('a partial bucket at the period end is judged on its own length', () => {
    // Period of 150 s, 60 s buckets: the last is [120 s, 150 s); 2 s down in it is 6.67%.
    expect(bucketDowntime([[140 * S, 142 * S]], [], 0, 150 * S, MIN, share5)).toEqual([[120 * S, 150 * S]]);
  });

  it('buckets start at the period start: an hour bucket in a 25-hour DST day of Europe/London (October 2026)', () => {
    const october = monthPeriod(2026, 10, 'Europe/London');
    // 31 days + 1 hour: 745 hour-buckets, none partial. One second down in the last hour makes that hour down.
    const end = october.end;
    expect((end - october.start) / (60 * MIN)).toBe(745);
    expect(bucketDowntime([[end - S, end]], [], october.start, end, 60 * MIN, 'any')).toEqual([[end - 60 * MIN, end]]);
  });

  it('properties: downtime by buckets is a union of whole observed buckets, covers "all"-down time and never what is unobserved', () => {
    const span = fc
      .tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 120 }))
      .map(([a, l]): Span => [a * S, (a + l) * S]);
    fc.assert(
      fc.property(
        fc.array(span, { maxLength: 8 }),
        fc.array(span, { maxLength: 4 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 99 }),
        (d, u, bucketS, share) => {
          const to = 700 * S;
          const unobserved = normalize(u);
          const down = subtract(
            normalize(d)
              .map(([a, b]): Span => [a, Math.min(b, to)])
              .filter(([a, b]) => b > a),
            unobserved,
          );
          const any = bucketDowntime(down, unobserved, 0, to, bucketS * S, 'any');
          const all = bucketDowntime(down, unobserved, 0, to, bucketS * S, 'all');
          const some = bucketDowntime(down, unobserved, 0, to, bucketS * S, { shareAbovePercent: share });
          // Never down where nothing was observed; all ⊆ share ⊆ any (a share below 100%); the logged downtime ⊆ any.
          for (const x of [any, all, some]) expect(total(subtract(x, subtract([[0, to]], unobserved)))).toBe(0);
          expect(total(subtract(all, some))).toBe(0);
          expect(total(subtract(some, any))).toBe(0);
          expect(total(subtract(down, any))).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('k of n services (AWS: a region is unavailable when more than one of its zones is)', () => {
  const A: Span[] = [[0, 10 * MIN]];
  const B: Span[] = [[5 * MIN, 15 * MIN]];
  const C: Span[] = [[20 * MIN, 25 * MIN]];

  it('at least 2 of 3 down: only where two overlap; touching spans do not overlap', () => {
    expect(atLeast([A, B, C], 2)).toEqual([[5 * MIN, 10 * MIN]]);
    expect(atLeast([A, B, C], 1)).toEqual([
      [0, 15 * MIN],
      [20 * MIN, 25 * MIN],
    ]);
    expect(atLeast([A, B, C], 3)).toEqual([]);
    expect(atLeast([[[0, 5 * MIN]], [[5 * MIN, 10 * MIN]]], 2)).toEqual([]);
  });

  it("the combined row follows servicesDown; each service's own row does not change", () => {
    const period = monthPeriod(2026, 11, 'UTC');
    const t0 = period.start;
    const shift = (s: Span[]): Span[] => s.map(([a, b]) => [t0 + a, t0 + b]);
    const whole: Span[] = [[period.start, period.end]];
    const evidence = [
      { service: 'zone-a', outages: shift(A), maintenance: [], covered: whole },
      { service: 'zone-b', outages: shift(B), maintenance: [], covered: whole },
      { service: 'zone-c', outages: shift(C), maintenance: [], covered: whole },
    ];
    const rows = availabilityRows({
      evidence,
      period,
      recurringMaintenance: [],
      noData: 'exclude',
      targetPercent: 99.9,
      minimumCoveragePercent: 90,
      downtime: { ...AS_LOGGED, servicesDown: 2 },
    });
    expect(rows.map((r) => [r.service, r.downtimeMs / MIN])).toEqual([
      ['zone-a', 10],
      ['zone-b', 10],
      ['zone-c', 5],
      ['all', 5],
    ]);
  });
});

describe('buckets and a minimum outage together', () => {
  it('the combined row keeps whole buckets of a long outage (40 min in an hour bucket is the hour) and drops a 30 s blip', () => {
    const period = monthPeriod(2026, 10, 'UTC');
    const t0 = period.start;
    const whole: Span[] = [[period.start, period.end]];
    const evidence = [
      {
        service: 'api',
        outages: [
          [t0 + 10 * 60 * MIN, t0 + 10 * 60 * MIN + 40 * MIN],
          [t0 + 30 * 60 * MIN, t0 + 30 * 60 * MIN + 30 * S],
        ] as Span[],
        maintenance: [],
        covered: whole,
      },
    ];
    const rows = availabilityRows({
      evidence,
      period,
      recurringMaintenance: [],
      noData: 'exclude',
      targetPercent: 99.9,
      minimumCoveragePercent: 90,
      downtime: { ...AS_LOGGED, bucketMs: 60 * MIN, minimumOutageMs: MIN },
    });
    // Before, the combined row was cut back to the 40 logged minutes: the two rows disagreed, and credits read the combined one.
    expect(rows.map((r) => [r.service, r.downtimeMs / MIN])).toEqual([
      ['api', 60],
      ['all', 60],
    ]);
  });
});
