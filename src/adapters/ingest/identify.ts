/*
 * Identify, not first match (beangulp's identify.py): every reader is asked
 * whether it reads a file. The answers decide, never the order readers are
 * listed in: one reader reads the file, two are an error naming both, none
 * an error saying why each refused.
 */

/** A reader's answer: it reads the file, or why not — said to the user when no reader takes it. */
export type Identified = { ok: true } | { refused: string };

export const OK: Identified = { ok: true };
export const refused = (reason: string): Identified => ({ refused: reason });

export interface Candidate<R> {
  name: string;
  /** Selectable with --preset: what an ambiguity's hint offers. */
  preset: boolean;
  reader: R;
}

export type Choice<R> =
  { one: Candidate<R> } | { several: Array<Candidate<R>> } | { none: Array<{ name: string; reason: string }> };

/**
 * The one reader of a file. Readers come in ranks: a rank is asked only
 * when no reader of the ranks before it reads the file (a vendor's export
 * is its vendor's though its columns are a canonical log's too; a file with
 * the canonical ticket columns is canonical though a preset knows them
 * too). Within a rank, two readers reading the file is an ambiguity.
 */
export function identify<R>(
  ranks: ReadonlyArray<ReadonlyArray<Candidate<R>>>,
  ask: (reader: R) => Identified,
): Choice<R> {
  const none: Array<{ name: string; reason: string }> = [];
  for (const rank of ranks) {
    const found: Array<Candidate<R>> = [];
    for (const c of rank) {
      const answer = ask(c.reader);
      if ('ok' in answer) found.push(c);
      else none.push({ name: c.name, reason: answer.refused });
    }
    if (found.length === 1) return { one: found[0]! };
    if (found.length > 1) return { several: found };
  }
  return { none };
}
