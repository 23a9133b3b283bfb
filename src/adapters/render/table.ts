import Table from 'cli-table3';

/** A plain box table; colour, when wanted, is applied to cell text by the caller. */
export function renderTable(head: string[], rows: string[][], align?: Array<'left' | 'right'>): string {
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    // cli-table3 reads colAligns[x] unguarded: pass it only when given.
    ...(align ? { colAligns: align } : {}),
    wordWrap: true,
  });
  for (const row of rows) table.push(row);
  return table.toString();
}
