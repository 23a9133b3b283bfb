import { describe, expect, it } from 'vitest';
import { TimestampReader } from '../../src/adapters/ingest/timestamp-reader.js';

const ok = (r: ReturnType<TimestampReader['read']>) => {
  if (!r.ok) throw new Error(`${r.problem}: ${r.why ?? ''}`);
  return new Date(r.t).toISOString();
};

describe('timestamps without an offset (SPEC 2)', () => {
  it('a time that occurs twice (fall back) is its first occurrence, counted', () => {
    const ny = new TimestampReader('America/New_York');
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(ok(ny.read('2026-11-01 01:30:00'))).toBe('2026-11-01T05:30:00.000Z');
    expect(ny.adjusted).toEqual({ overlap: 1, gap: 0 });
  });

  it('a time that does not exist (spring forward) moves forward by the gap, counted', () => {
    const ny = new TimestampReader('America/New_York');
    // 2026-03-08 02:30 does not exist; it is read as 03:30 EDT = 07:30Z.
    expect(ok(ny.read('2026-03-08T02:30:00'))).toBe('2026-03-08T07:30:00.000Z');
    expect(ny.adjusted).toEqual({ overlap: 0, gap: 1 });
  });

  it('Lord Howe moves by 30 minutes: 02:15 on the spring-forward day becomes 02:45', () => {
    const lh = new TimestampReader('Australia/Lord_Howe');
    // 2026-10-04 02:00 +10:30 → 02:30 +11:00; 02:15 is in the gap.
    expect(ok(lh.read('2026-10-04 02:15'))).toBe('2026-10-03T15:45:00.000Z');
    expect(lh.adjusted.gap).toBe(1);
  });

  it('an ordinary local time is exact and not counted', () => {
    const sh = new TimestampReader('Asia/Shanghai');
    expect(ok(sh.read('2026-10-05 09:15:00'))).toBe('2026-10-05T01:15:00.000Z');
    expect(sh.adjusted).toEqual({ overlap: 0, gap: 0 });
  });

  it('offsets in the text win over the zone; +0800 and a space separator are accepted', () => {
    const r = new TimestampReader('America/Chicago');
    expect(ok(r.read('2026-10-05 09:15:00+0800'))).toBe('2026-10-05T01:15:00.000Z');
    expect(ok(r.read('2026-10-05T09:15:00.250Z'))).toBe('2026-10-05T09:15:00.250Z');
  });

  it('without a zone, a naive time is an error that says to pass --input-tz', () => {
    const r = new TimestampReader(null).read('2026-10-05 09:15:00');
    expect(r).toMatchObject({ ok: false, problem: 'TIMESTAMP_NO_OFFSET' });
    expect(!r.ok && r.hint).toContain('--input-tz');
  });

  it('implausible years are refused before they reach the clock', () => {
    expect(new TimestampReader('UTC').read('9999-01-01T00:00:00Z')).toMatchObject({
      ok: false,
      problem: 'TIMESTAMP_OUT_OF_RANGE',
    });
  });
});
