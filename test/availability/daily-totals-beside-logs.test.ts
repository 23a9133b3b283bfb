import { describe, expect, it } from 'vitest';
import { availabilityRows } from '../../src/core/availability/availability.js';

// Service a gives minutes down per UTC day (Upptime), service b logs its outages as instants. Where in the
// day a's minutes lie is not known: beside b's outages they may be the same minutes or others.
const D = 86_400_000;
const M = 60_000;
const start = Date.UTC(2026, 9, 1);
const end = Date.UTC(2026, 10, 1);
const day = Date.UTC(2026, 9, 10);
const OCT = 31 * D; // 2 678 400 000 ms; 99.9% allows 2 678.4 s = 44.64 min
const rows = (aDownMs: number, bOutage: [number, number], servicesDown: number) =>
  availabilityRows({
    evidence: [
      {
        service: 'a',
        outages: [],
        maintenance: [],
        covered: [[start - 30 * D, end + 30 * D]],
        dailyTotals: [{ day, downMs: aDownMs }],
      },
      { service: 'b', outages: [bOutage], maintenance: [], covered: [[start - 30 * D, end + 30 * D]] },
    ],
    period: { start, end, label: '2026-10' } as never,
    recurringMaintenance: [],
    noData: 'exclude',
    targetPercent: 99.9,
    minimumCoveragePercent: 90,
    downtime: { minimumOutageMs: null, bucketMs: null, bucketDown: 'any', servicesDown },
  } as never).find((r) => r.service === 'all')!;

describe("daily totals beside another service's logged outages (the platform's row)", () => {
  it('any service down: 25 min of a and b 00:05–00:30 are 25 to 50 min — no verdict (50 > 44.64), never met', () => {
    const all = rows(25 * M, [day + 5 * M, day + 30 * M], 1);
    expect(all.downtimeMs).toBe(25 * M);
    expect(all.met).toBeNull();
    expect(all.worstCase).toEqual({ upMs: OCT - 50 * M, eligibleMs: OCT });
  });

  it('both down (k = 2): a down the whole day, b 5 h of it — 5 h both down at least, missed', () => {
    const all = rows(D, [day + 2 * 3_600_000, day + 7 * 3_600_000], 2);
    expect(all.downtimeMs).toBe(5 * 3_600_000);
    expect(all.met).toBe(false);
  });
});
