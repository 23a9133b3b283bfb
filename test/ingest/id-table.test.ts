import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/adapters/ingest/id-table.js';

describe('IdTable', () => {
  it('keeps the first value of each id, over many growths', () => {
    const t = new IdTable();
    for (let i = 0; i < 100_000; i++) expect(t.getOrAdd(`T${i}`, i * 2 ** 32 + i)).toBeUndefined();
    expect(t.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 997) expect(t.getOrAdd(`T${i}`, -1)).toBe(i * 2 ** 32 + i);
    expect(t.size).toBe(100_000);
  });

  it('tells apart ids of the same hash, and compares every code unit', () => {
    const t = new IdTable();
    // "id-5pvu" and "id-c3ea" have the same 32-bit FNV-1a hash.
    expect(t.getOrAdd('id-5pvu', 1)).toBeUndefined();
    expect(t.getOrAdd('id-c3ea', 2)).toBeUndefined();
    expect(t.getOrAdd('id-c3ea', 3)).toBe(2);
    expect(t.getOrAdd('id-5pvu', 4)).toBe(1);
    for (const [id, v] of [
      ['', 5],
      ['é', 6],
      ['e\u0301', 7],
      ['😀', 8],
      ['T1 ', 9],
      ['t1', 10],
      ['T1', 11],
    ] as const)
      expect(t.getOrAdd(id, v)).toBeUndefined();
    expect(t.getOrAdd('', 0)).toBe(5);
    expect(t.getOrAdd('😀', 0)).toBe(8);
    expect(t.getOrAdd('T1', 0)).toBe(11);
  });

  it('takes ids longer than its first buffer', () => {
    const t = new IdTable();
    const long = 'x'.repeat(100_000);
    expect(t.getOrAdd(long, 1)).toBeUndefined();
    expect(t.getOrAdd(`${long}y`, 2)).toBeUndefined();
    expect(t.getOrAdd(long, 3)).toBe(1);
  });
});
