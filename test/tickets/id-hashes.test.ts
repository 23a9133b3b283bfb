import { describe, expect, it } from 'vitest';
import { IdHashes, anyRepeat, idHash } from '../../src/core/tickets/id-hashes.js';

const sortedOf = (ids: string[]) => {
  const h = new IdHashes();
  for (const id of ids) h.add(id);
  return h.sorted();
};

describe('id hashes', () => {
  it('are whole numbers below 2^53, equal for equal ids and apart for near ones', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `T${i}`);
    const hashes = new Set(ids.map(idHash));
    expect(hashes.size).toBe(ids.length);
    for (const h of [...hashes].slice(0, 1000)) expect(Number.isSafeInteger(h)).toBe(true);
    expect(idHash('ÄÖ-1')).toBe(idHash('ÄÖ-1'));
    expect(idHash('T12')).not.toBe(idHash('T21'));
  });

  it('find an id repeated within one part or across parts, and nothing when ids are distinct', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `A${i}`);
    const b = Array.from({ length: 5000 }, (_, i) => `B${i}`);
    expect(anyRepeat([sortedOf(a), sortedOf(b)])).toBe(false);
    expect(anyRepeat([sortedOf(a), sortedOf([...b, 'A4999'])])).toBe(true);
    expect(anyRepeat([sortedOf([...a, 'A0']), sortedOf(b)])).toBe(true);
    expect(anyRepeat([sortedOf(['x']), sortedOf([]), sortedOf(['y', 'x'])])).toBe(true);
    // The growable store keeps every hash past its first 1024.
    expect(sortedOf(a)).toHaveLength(5000);
  });
});
