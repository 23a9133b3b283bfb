/**
 * Ticket ids as 53-bit hashes (two FNV-1a variants), so that the parts of
 * a file read apart can be checked for a repeated id without keeping or
 * sending the ids themselves. A repeated hash only says "maybe" (about once
 * in 10^4 runs of a million distinct ids): the caller then reads the file in
 * one go, comparing ids exactly.
 */
export class IdHashes {
  private values = new Float64Array(1024);
  private count = 0;

  add(id: string): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = idHash(id);
  }

  toArray(): Float64Array {
    return this.values.slice(0, this.count);
  }
}

export function idHash(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 2 ** 21 + (b >>> 11);
}

/** Whether any hash occurs twice, in one set or across them. */
export function anyRepeat(sets: readonly Float64Array[]): boolean {
  const total = sets.reduce((n, s) => n + s.length, 0);
  let size = 16;
  while (size < total * 2) size *= 2;
  // Open addressing; a slot holds hash + 1, 0 is empty.
  const slots = new Float64Array(size);
  const mask = size - 1;
  for (const set of sets) {
    for (const h of set) {
      const key = h + 1;
      let j = (h % size) & mask;
      for (let there = slots[j]!; there !== 0; there = slots[j]!) {
        if (there === key) return true;
        j = (j + 1) & mask;
      }
      slots[j] = key;
    }
  }
  return false;
}
