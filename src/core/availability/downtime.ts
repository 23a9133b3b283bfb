import { firstEndingAfter, intersect, normalize, subtract, total, type Span } from '../time/spans.js';
import { append } from '../lists.js';

/**
 * How a contract turns what a log says into downtime (SPEC 3.8, "downtime
 * definitions"). By default a service is down while its log says so. Real
 * SLAs say otherwise:
 * - `minimumOutageMs`: an outage shorter than this is no downtime (Google
 *   Compute Engine: "intervals of less than one minute … will not be counted");
 * - `bucketMs` with `bucketDown`: time is cut into fixed buckets from the
 *   period's start, and a bucket is down as a whole, or not at all: when any
 *   of its observed time is down, when all of it is (MongoDB Atlas's failed
 *   minutes), or when the down share of its observed time exceeds a
 *   percentage (Atlassian's minutes with an error rate above 5% — with probes
 *   at a steady rate, the share of failed probes);
 * - `servicesDown`: the combined row is down only while at least this many
 *   services are (AWS: a region is unavailable when more than one of its
 *   zones is). 1 = any service.
 */
export interface DowntimeDefinition {
  minimumOutageMs: number | null;
  bucketMs: number | null;
  bucketDown: 'any' | 'all' | { shareAbovePercent: number };
  servicesDown: number;
}

export const AS_LOGGED: DowntimeDefinition = {
  minimumOutageMs: null,
  bucketMs: null,
  bucketDown: 'any',
  servicesDown: 1,
};

/**
 * A definition refined key by key: each key `own` states replaces the base's
 * (null drops it: no minimum outage, no buckets), every other key is the
 * base's. A service's definition refines the policy's this way, so a
 * service that states only `servicesDown` keeps the policy's minimum outage.
 */
export function refineDowntime(
  base: DowntimeDefinition,
  own: { readonly [K in keyof DowntimeDefinition]?: DowntimeDefinition[K] },
): DowntimeDefinition {
  const def: DowntimeDefinition = { ...base };
  if (own.minimumOutageMs !== undefined) def.minimumOutageMs = own.minimumOutageMs;
  if (own.bucketMs !== undefined) def.bucketMs = own.bucketMs;
  if (own.bucketDown !== undefined) def.bucketDown = own.bucketDown;
  if (own.servicesDown !== undefined) def.servicesDown = own.servicesDown;
  // Without buckets there is no bucket rule: dropping the policy's buckets drops its rule with them.
  if (def.bucketMs === null && own.bucketDown === undefined) def.bucketDown = AS_LOGGED.bucketDown;
  return def;
}

/** Outages (normalised) of at least `minimumMs`; shorter ones are up. */
export function longOutages(outages: readonly Span[], minimumMs: number): Span[] {
  return outages.filter(([a, b]) => b - a >= minimumMs);
}

/**
 * Outages too short on their own that may reach the minimum across time without evidence: the spans of
 * `mayBeDown` (the outages merged with the time no evidence covers) at least `minimumMs` long that hold
 * an outage (normalised) shorter than it. A probe that says down, falls silent, and says down again may
 * have watched one long outage or two short ones: the evidence cannot tell which.
 */
export function outagesAcrossNoData(outages: readonly Span[], mayBeDown: readonly Span[], minimumMs: number): Span[] {
  const short = outages.filter(([a, b]) => b - a < minimumMs);
  if (short.length === 0) return [];
  return longOutages(mayBeDown, minimumMs).filter(([a, b]) => {
    const i = firstEndingAfter(short, a);
    return i < short.length && short[i]![0] < b;
  });
}

/**
 * Downtime by fixed buckets over [from, to): each bucket's observed time
 * (not maintenance, not without data) is down as a whole when the rule
 * says, else up. Buckets start at `from`; the last may be partial. All
 * spans normalised.
 */
export function bucketDowntime(
  down: readonly Span[],
  unobserved: readonly Span[],
  from: number,
  to: number,
  bucketMs: number,
  rule: DowntimeDefinition['bucketDown'],
): Span[] {
  const out: Span[] = [];
  // Only buckets that hold some downtime can be down: visit those, not every bucket of the month.
  let last = -Infinity;
  for (const [a, b] of down) {
    for (let k = Math.max(0, Math.floor((a - from) / bucketMs), last + 1); from + k * bucketMs < Math.min(b, to); k++) {
      last = k;
      const start = from + k * bucketMs;
      const end = Math.min(start + bucketMs, to);
      // Only the spans near the bucket: a month of minute buckets over thousands of spans stays linear.
      const observed = subtract([[start, end]], near(unobserved, start, end));
      const observedMs = total(observed);
      if (observedMs === 0) continue;
      const downMs = total(intersect(near(down, start, end), observed));
      const isDown =
        rule === 'any'
          ? downMs > 0
          : rule === 'all'
            ? downMs === observedMs
            : downMs * 100 > rule.shareAbovePercent * observedMs;
      if (isDown) append(out, observed);
    }
  }
  return normalize(out);
}

/** The spans of a normalised set that overlap [a, b), found by binary search. */
function near(spans: readonly Span[], a: number, b: number): readonly Span[] {
  const lo = firstEndingAfter(spans, a);
  let end = lo;
  while (end < spans.length && spans[end]![0] < b) end++;
  return spans.slice(lo, end);
}

/** The instants at which at least `k` of the sets hold (each normalised). */
export function atLeast(sets: ReadonlyArray<readonly Span[]>, k: number): Span[] {
  const edges: Array<[number, number]> = [];
  for (const set of sets) for (const [a, b] of set) edges.push([a, 1], [b, -1]);
  // Ends before starts at the same instant: half-open spans that only touch do not overlap.
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Span[] = [];
  let depth = 0;
  let since = 0;
  for (const [t, d] of edges) {
    const before = depth;
    depth += d;
    if (before < k && depth >= k) since = t;
    else if (before >= k && depth < k && t > since) out.push([since, t]);
  }
  return normalize(out);
}
