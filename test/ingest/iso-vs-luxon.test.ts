import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp, type IsoKind } from '../../src/adapters/ingest/iso-timestamp.js';

/**
 * The hand-written ISO 8601 reader against Luxon, the reference, on a large
 * generated set of valid and invalid inputs: offsets (Z, ±HH:MM, ±HHMM, ±HH),
 * fractions, leap days, out-of-range fields, and a space for the T.
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const arbTimestamp = fc
  .record({
    year: fc.integer({ min: 1900, max: 2199 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
    sep: fc.constantFrom('T', ' '),
    offset: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 59 }),
          fc.constantFrom(':', '', 'hours-only'),
        )
        .map(([s, h, m, style]) => (style === 'hours-only' ? `${s}${pad(h)}` : `${s}${pad(h)}${style}${pad(m)}`)),
    ),
  })
  .map((p) => {
    let text = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${p.sep}${pad(p.hour)}:${pad(p.minute)}`;
    if (p.second !== undefined) text += `:${pad(p.second)}${p.fraction !== undefined ? `.${p.fraction}` : ''}`;
    return text + p.offset;
  });

/** Luxon's reading: epoch ms for an instant with an offset, wall-clock ms (as UTC) for a naive one. */
function luxon(text: string): { ms: number; naive: boolean } | null {
  const iso = text.replace(' ', 'T');
  const naive = !/(Z|[+-]\d{2}(:?\d{2})?)$/.test(iso);
  const dt = DateTime.fromISO(iso, { zone: 'utc', setZone: !naive });
  if (!dt.isValid) return null;
  // Luxon keeps milliseconds; sub-millisecond digits are truncated by both.
  return { ms: dt.toMillis(), naive };
}

describe('the fast ISO 8601 parser agrees with Luxon', () => {
  it('on 50 000 generated timestamps, valid and invalid', () => {
    let valid = 0;
    const kind: IsoKind = { naive: false };
    fc.assert(
      fc.property(arbTimestamp, (text) => {
        const expected = luxon(text);
        const ms = parseIsoTimestamp(text, kind);
        if (expected === null) {
          expect(ms, text).toBeNaN();
          return;
        }
        valid++;
        expect(ms, text).toBe(expected.ms);
        expect(kind.naive, text).toBe(expected.naive);
      }),
      { numRuns: 50_000 },
    );
    expect(valid).toBeGreaterThan(5_000);
  });

  it('is stricter on offsets: 24 hours or 60 minutes are refused (Luxon reads both)', () => {
    for (const text of ['2026-01-01T00:00+24:00', '2026-01-01T00:00+00:60']) {
      expect(parseIsoTimestamp(text, { naive: false }), text).toBeNaN();
      expect(luxon(text), text).not.toBeNull();
    }
  });

  it('on the edges: leap days, end of month, offsets at the limits', () => {
    for (const text of [
      '2024-02-29T12:00:00Z',
      '2100-02-29T00:00:00Z',
      '2000-02-29T23:59:59.999+14:00',
      '2026-04-31T00:00:00Z',
      '2026-12-31T23:59:59-12:00',
      '2026-10-05 09:15:00+0800',
      '2026-10-05T09:15+08',
    ]) {
      const expected = luxon(text);
      const ms = parseIsoTimestamp(text, { naive: false });
      if (expected === null) expect(ms, text).toBeNaN();
      else expect(ms, text).toBe(expected.ms);
    }
  });
});
