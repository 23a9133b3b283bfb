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

  /** The hashes in ascending order, for `anyRepeat`. */
  sorted(): Float64Array {
    return this.values.slice(0, this.count).sort();
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

/** Whether any hash occurs twice, in one sorted set or across them: a merge, no table. */
export function anyRepeat(sorted: readonly Float64Array[]): boolean {
  for (const set of sorted) for (let i = 1; i < set.length; i++) if (set[i] === set[i - 1]) return true;
  for (let x = 0; x < sorted.length; x++) {
    for (let y = x + 1; y < sorted.length; y++) {
      const a = sorted[x]!;
      const b = sorted[y]!;
      let i = 0;
      let j = 0;
      while (i < a.length && j < b.length) {
        if (a[i]! < b[j]!) i++;
        else if (a[i]! > b[j]!) j++;
        else return true;
      }
    }
  }
  return false;
}
