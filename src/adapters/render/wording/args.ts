import type { FindingArg, FindingArgs } from '../../../core/issues.js';

/** A finding's sentence from its args: one entry per code in the wording tables. */
export type Wording = (a: FindingArgs) => string;

/** A list arg's items (none when it is not a list). */
export function items(v: FindingArg | undefined): ReadonlyArray<string | number | boolean> {
  return Array.isArray(v) ? v : [];
}

/** A list arg as the sentence shows it: "a, b, c". */
export function list(v: FindingArg | undefined, separator = ', '): string {
  return Array.isArray(v) ? v.join(separator) : String(v ?? '');
}

/** "s" when a count is not one: "1 problem", "2 problems". */
export const plural = (n: FindingArg | undefined): string => (n === 1 ? '' : 's');
