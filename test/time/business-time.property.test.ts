import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueAt, elapsed } from '../../src/core/time/business-time.js';
import { ReferenceCalendar, type RefSchedule } from '../support/reference-calendar.js';
import { scheduleCalendar, weekdays } from '../support/calendars.js';

const ZONES = [
  'America/Chicago',
  'America/New_York',
  'Europe/London',
  'Asia/Shanghai',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'UTC',
];

const MIN = 60_000;
const DAY = 86_400_000;
// 2000-01-01 … 2037-12-31: spans DST rule changes (US 2007, Sao Paulo 2019).
const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2037, 11, 31);

/** Windows on half-hour boundaries; some cross 00:00–03:00, where DST moves. */
const dayHours = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 })), { maxLength: 2 })
  .map((pairs) => {
    const spans = pairs
      .map(([a, len]) => [a * 30, Math.min(1440, a * 30 + len * 30)] as [number, number])
      .sort((x, y) => x[0] - y[0]);
    const out: Array<[number, number]> = [];
    for (const s of spans) {
      const last = out[out.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else out.push(s);
    }
    return out;
  });

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function scheduleArb(zone: string): fc.Arbitrary<RefSchedule> {
  return fc
    .record({
      week: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
      holidays: fc.array(fc.integer({ min: FROM / DAY, max: TO / DAY }), { maxLength: 3 }),
      extra: fc.array(fc.tuple(fc.integer({ min: FROM / DAY, max: TO / DAY }), dayHours), { maxLength: 2 }),
    })
    .filter((r) => r.week.some((d) => d.length > 0))
    .map((r) => ({
      zone,
      week: r.week,
      holidays: new Set(r.holidays.map((d) => isoDay(d * DAY))),
      extraWorkdays: new Map(r.extra.map(([d, hrs]) => [isoDay(d * DAY), hrs])),
    }));
}

/** A minute-aligned instant, sometimes close to a holiday or extra workday. */
const minuteInstant = fc.integer({ min: FROM / MIN, max: TO / MIN }).map((m) => m * MIN);

describe.each(ZONES)('business time in %s agrees with minute stepping', (zone) => {
  it('elapsed and dueAt match the oracle', () => {
    fc.assert(
      fc.property(
        scheduleArb(zone),
        minuteInstant,
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        fc.boolean(),
        (schedule, a0, spanMinutes, nearSpecialDay) => {
          // Half of the cases start near a special day so holidays are hit.
          const special = [...schedule.holidays, ...schedule.extraWorkdays.keys()][0];
          const a = nearSpecialDay && special ? Date.parse(`${special}T00:00:00Z`) - 2 * DAY + (a0 % DAY) : a0;
          const b = a + spanMinutes * MIN;
          const ref = new ReferenceCalendar(schedule);
          const cal = scheduleCalendar(schedule);
          const n = ref.elapsedMinutes(a, b);
          expect(elapsed(a, b, cal)).toBe(n * MIN);
          expect(dueAt(a, n * MIN, cal)).toBe(ref.dueAt(a, n, b + MIN));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('obeys elapsed(a, dueAt(a, n)) = n and additivity at millisecond precision', () => {
    const ms = fc.integer({ min: FROM, max: TO });
    fc.assert(
      fc.property(
        scheduleArb(zone),
        ms,
        fc.integer({ min: 0, max: 40 * 3_600_000 }),
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: 0, max: 30 * DAY }),
        (schedule, a, n, d1, d2) => {
          const cal = scheduleCalendar(schedule);
          const due = dueAt(a, n, cal);
          expect(elapsed(a, due, cal)).toBe(n);
          expect(due).toBeGreaterThanOrEqual(a);
          // Earliest: a millisecond earlier, the target is not yet used up.
          if (n > 0) expect(elapsed(a, due - 1, cal)).toBeLessThan(n);
          const b = a + d1;
          const c = b + d2;
          expect(elapsed(a, c, cal)).toBe(elapsed(a, b, cal) + elapsed(b, c, cal));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('supported range', () => {
  it('refuses instants outside 1900–2199 instead of compiling for minutes', () => {
    const cal = scheduleCalendar(weekdays('UTC', '09:00', '17:00'));
    expect(() => cal.elapsed(Date.UTC(2026, 0, 1), Date.UTC(9999, 0, 1))).toThrow(RangeError);
    expect(() => cal.dueAt(Date.UTC(1800, 0, 1), 3_600_000)).toThrow(RangeError);
  });
});
