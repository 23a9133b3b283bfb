/**
 * A cell that says "no" in words: a yes/no column's no, or a placeholder for nothing. Exports write these
 * where a reference column (an exclusion reason, an incident) is empty, and reading them as a value
 * would invent an exclusion or an incident the ticket never had.
 */
const SAYS_NO = /^(no|none|false|n\/?a|0|-|—)$/i;

/** The cell's value, or null where it is empty or says no in words. */
export function unlessNo(cell: string | null | undefined): string | null {
  const v = cell?.trim() ?? '';
  return v === '' || SAYS_NO.test(v) ? null : v;
}
