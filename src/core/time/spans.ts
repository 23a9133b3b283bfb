/**
 * Sets of instants as sorted, disjoint, half-open [start, end) spans of epoch
 * ms. Every operation returns a normalised set.
 */
export type Span = readonly [number, number];

/** Sort and merge overlapping or touching spans; drop empty ones. */
export function normalize(spans: Iterable<Span>): Span[] {
  const list = Array.isArray(spans) ? (spans as readonly Span[]) : [...spans];
  // Most sets are normalised already (each period re-reads the same evidence): a pass says so, no sort.
  if (isNormal(list)) return list.slice();
  const sorted = list.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Sorted, non-empty, and apart (neither overlapping nor touching): what normalize returns. */
function isNormal(spans: readonly Span[]): boolean {
  let end = -Infinity;
  for (const [a, b] of spans) {
    if (!(b > a) || a <= end) return false;
    end = b;
  }
  return true;
}

export function union(...sets: ReadonlyArray<readonly Span[]>): Span[] {
  return normalize(sets.flat());
}

/** a − b, both normalised. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    while (j < b.length && b[j]![1] <= s) j++;
    let k = j;
    while (k < b.length && b[k]![0] < e) {
      const [bs, be] = b[k]!;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
      if (s >= e) break;
      k++;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** a ∩ b, both normalised. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (e > s) out.push([s, e]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

export function total(spans: readonly Span[]): number {
  let t = 0;
  for (const [a, b] of spans) t += b - a;
  return t;
}

/** The index of the first span of a normalised set that ends after `t` (the set's length when none does). */
export function firstEndingAfter(spans: readonly Span[], t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]![1] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const clip = (spans: readonly Span[], from: number, to: number): Span[] => intersect(spans, [[from, to]]);
