/**
 * An exact set of strings (ticket ids), each with a number, kept off the JS
 * heap: the ids' UTF-16 code units are copied into one growing array and
 * found through an open-addressing table of their FNV-1a hashes. A Map of a
 * million ids costs far more: every id string is kept alive (and copied by
 * the garbage collector into the old generation), and the Map's table is
 * rehashed as it grows. A hash only finds candidates: equality is decided
 * by comparing the code units, so a duplicate is never a false one.
 */
export class IdTable {
  /** Open-addressing table: entry index + 1, 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  /** Per entry: its hash, where its code units start (entry + 1: where they end), its value. */
  private hashes = new Int32Array(1 << 11);
  private starts = new Float64Array((1 << 11) + 1);
  private values = new Float64Array(1 << 11);
  private units = new Uint16Array(1 << 14);
  private used = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The number stored for `id`; or, when there is none, stores `value` and returns undefined. */
  getOrAdd(id: string, value: number): number | undefined {
    const len = id.length;
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < len; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    const slots = this.slots;
    let i = h & this.mask;
    for (let e = slots[i]! - 1; e >= 0; e = slots[i]! - 1) {
      if (this.hashes[e] === h && this.equals(e, id)) return this.values[e];
      i = (i + 1) & this.mask;
    }
    const e = this.count++;
    const at = this.used;
    if (at + len > this.units.length)
      this.units = grown(this.units, new Uint16Array(Math.max(this.units.length * 2, at + len)));
    const units = this.units;
    for (let k = 0; k < len; k++) units[at + k] = id.charCodeAt(k);
    this.used = at + len;
    if (e === this.values.length) this.growEntries();
    this.hashes[e] = h;
    this.starts[e + 1] = this.used;
    this.values[e] = value;
    slots[i] = e + 1;
    if (this.count * 2 > slots.length) this.growSlots();
    return undefined;
  }

  private equals(e: number, id: string): boolean {
    const a = this.starts[e]!;
    const len = id.length;
    if (this.starts[e + 1]! - a !== len) return false;
    const units = this.units;
    for (let k = 0; k < len; k++) if (units[a + k] !== id.charCodeAt(k)) return false;
    return true;
  }

  private growEntries(): void {
    const n = this.values.length * 2;
    this.hashes = grown(this.hashes, new Int32Array(n));
    this.starts = grown(this.starts, new Float64Array(n + 1));
    this.values = grown(this.values, new Float64Array(n));
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.count; e++) {
      let i = this.hashes[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function grown<T extends Int32Array | Float64Array | Uint16Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
