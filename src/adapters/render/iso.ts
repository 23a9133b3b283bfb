/** ISO 8601 UTC, with milliseconds only when there are any (SPEC 5). */
export function isoUtc(ms: number): string {
  const s = new Date(ms).toISOString();
  return ms % 1000 === 0 ? `${s.slice(0, 19)}Z` : s;
}

/** Whole seconds, rounded down (SPEC 5). */
export const seconds = (ms: number) => Math.floor(ms / 1000);
