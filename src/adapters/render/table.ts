import Table from 'cli-table3';

// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const widthOf = (cell: string) => Math.max(...visible(cell).split('\n').map((l) => l.length));
/** The longest word: a column never gets narrower, so nothing is cut, only wrapped at spaces. */
const wordOf = (cell: string) => Math.max(0, ...visible(cell).split(/\s+/).map((w) => w.length));

/**
 * Column widths that fit `width` terminal columns: the widest columns give
 * way first (their text wraps at spaces), none below its longest word or its
 * heading, so nothing is cut. Null when the table fits as it is.
 */
function fitted(head: string[], rows: string[][], width: number, breakWords: boolean): number[] | null {
  // Each column's text plus one space either side; the table adds a border per column and one.
  const widths = head.map((h, i) => Math.max(widthOf(h), ...rows.map((r) => widthOf(r[i] ?? ''))) + 2);
  const floor = head.map((h, i) => (breakWords ? Math.min(wordOf(h), 8) : Math.max(wordOf(h), ...rows.map((r) => wordOf(r[i] ?? '')))) + 2);
  const total = () => widths.reduce((a, b) => a + b, 0) + head.length + 1;
  if (total() <= width) return null;
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break; // as narrow as it goes: the terminal wraps the rest
    widths[widest]!--;
  }
  return widths;
}

/** The narrowest a table gets without cutting a word. */
const narrowest = (head: string[], rows: string[][]) => head.reduce((sum, h, i) => sum + Math.max(wordOf(h), ...rows.map((r) => wordOf(r[i] ?? ''))) + 3, 1);

/**
 * A plain box table; colour, when wanted, is applied to cell text by the
 * caller. With `width` (a terminal's columns) the table fits it: the text of
 * its widest columns wraps, and where even that is too wide, the columns in
 * `drop` go, in that order.
 */
export function renderTable(head: string[], rows: string[][], align?: Array<'left' | 'right'>, width?: number, drop: readonly number[] = []): string {
  if (width !== undefined) {
    const gone = new Set<number>();
    for (const i of drop) {
      const keep = (_: unknown, j: number) => !gone.has(j);
      if (narrowest(head.filter(keep), rows.map((r) => r.filter(keep))) <= width) break;
      gone.add(i);
    }
    if (gone.size > 0) {
      const keep = (_: unknown, j: number) => !gone.has(j);
      [head, rows, align] = [head.filter(keep), rows.map((r) => r.filter(keep)), align?.filter(keep)];
    }
  }
  // Where whole words cannot fit even so, the longest of them are broken (never cut).
  const breakWords = width !== undefined && narrowest(head, rows) > width;
  const colWidths = width === undefined ? null : fitted(head, rows, width, breakWords);
  // Cells are wrapped here, not by cli-table3, whose breaking of long words cuts through colour codes.
  const wrap = (cells: string[]) => (colWidths ? cells.map((c, i) => wrapCell(c, colWidths[i]! - 2)) : cells);
  const table = new Table({
    head: wrap(head),
    style: { head: [], border: [], compact: true },
    // cli-table3 reads colAligns[x] unguarded: pass it only when given.
    ...(align ? { colAligns: align } : {}),
    ...(colWidths ? { colWidths } : {}),
  });
  for (const row of rows) table.push(wrap(row));
  return table.toString();
}

/**
 * A cell's text in lines of at most `width` visible characters: at spaces,
 * and a word longer than the line broken. A cell coloured as a whole keeps
 * its colour on every line.
 */
function wrapCell(cell: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const m = /^((?:\u001b\[[0-9;]*m)*)([\s\S]*?)((?:\u001b\[[0-9;]*m)*)$/.exec(cell)!;
  const [open, text, close] = [m[1]!, visible(m[2]!), m[3]!];
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ')) {
      while (word.length > width) {
        const room = line === '' ? width : width - line.length - 1;
        if (room <= 0) {
          lines.push(line);
          line = '';
          continue;
        }
        lines.push(line === '' ? word.slice(0, room) : `${line} ${word.slice(0, room)}`);
        line = '';
        word = word.slice(room);
      }
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.map((l) => `${open}${l}${close}`).join('\n');
}
