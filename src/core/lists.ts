/**
 * Appends `items` to `into`, one at a time, and returns `into`.
 *
 * Not `into.push(...items)`: a spread passes every item as an argument on the
 * stack, and past roughly 100 000 items (rows, issues, spans of a large
 * export) the call fails with "Maximum call stack size exceeded".
 */
export function append<T>(into: T[], items: Iterable<T>): T[] {
  for (const item of items) into.push(item);
  return into;
}

/** The largest of `xs`, or -Infinity for none — `Math.max(...xs)` without the stack limit. */
export function maxOf(xs: Iterable<number>): number {
  let max = -Infinity;
  for (const x of xs) if (x > max || Number.isNaN(x)) max = x;
  return max;
}
