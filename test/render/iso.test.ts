import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/adapters/render/iso.js';

describe('isoUtc', () => {
  it('agrees with Date#toISOString, dropping .000', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const expected = new Date(ms).toISOString().replace('.000Z', 'Z');
        expect(isoUtc(ms)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
    expect(isoUtc(Date.UTC(2026, 9, 5, 1, 15))).toBe('2026-10-05T01:15:00Z');
    expect(isoUtc(Date.UTC(1969, 11, 31, 23, 59, 59, 5))).toBe('1969-12-31T23:59:59.005Z');
  });
});
