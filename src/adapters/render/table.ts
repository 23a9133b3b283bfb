import Table from 'cli-table3';
import stringWidth from 'string-width';
import { maxOf } from '../../core/lists.js';

// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
/** Printable ASCII: one column a character, no need to ask the (costly) measure of wide characters. */
const PLAIN = /^[\x20-\x7e]*$/;
/** A cell's width in terminal columns, as the table library measures it (wide characters count twice). */
const widthOf = (cell: string) => maxOf(cell.split('\n').map((l) => (PLAIN.test(l) ? l.length : stringWidth(l))));
/** The longest word: a column never gets narrower, so nothing is cut, only wrapped at spaces. */
const wordOf = (cell: string) =>
  Math.max(
    0,
    maxOf(
      visible(cell)
        .split(/\s+/)
        .map((w) => w.length),
    ),
  );
/** A column's widest cell (or word), heading included. */
const column = (head: string[], rows: string[][], i: number, of: (cell: string) => number) =>
  Math.max(of(head[i]!), maxOf(rows.map((r) => of(r[i] ?? ''))));

/**
 * Column widths that fit `width` terminal columns: the widest columns give
 * way first (their text wraps at spaces), none below its longest word or its
 * heading, so nothing is cut. Null when the table fits as it is.
 */
function fitted(head: string[], rows: string[][], width: number, breakWords: boolean): number[] | null {
  // Each column's text plus one space either side; the table adds a border per column and one.
  const widths = natural(head, rows);
  const floor = head.map((h, i) => (breakWords ? Math.min(wordOf(h), 8) : column(head, rows, i, wordOf)) + 2);
  const total = () => widths.reduce((a, b) => a + b, 0) + head.length + 1;
  if (total() <= width) return null;
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++)
      if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break; // as narrow as it goes: the terminal wraps the rest
    widths[widest]!--;
  }
  return widths;
}

/** Each column's width with nothing wrapped: its widest cell and a space either side. */
const natural = (head: string[], rows: string[][]) => head.map((_, i) => column(head, rows, i, widthOf) + 2);

/** The narrowest a table gets without cutting a word. */
const narrowest = (head: string[], rows: string[][]) =>
  head.reduce((sum, _, i) => sum + column(head, rows, i, wordOf) + 3, 1);

/**
 * Rows the table library draws: its layout costs the square of its rows and much per cell, so
 * the rows after these are drawn here, line for line as it draws them (a plain box, padding of one,
 * top-aligned), with the same widths. A row this drawing cannot vouch for (wide characters, a
 * line longer than its column) still goes through the library, on its own.
 */
const PIECE = 100;

/**
 * A plain box table; colour, when wanted, is applied to cell text by the
 * caller. With `width` (a terminal's columns) the table fits it: the text of
 * its widest columns wraps, and where even that is too wide, the columns in
 * `drop` go, in that order.
 */
export function renderTable(
  head: string[],
  rows: string[][],
  align?: Array<'left' | 'right'>,
  width?: number,
  drop: readonly number[] = [],
): string {
  if (width !== undefined) {
    const gone = new Set<number>();
    for (const i of drop) {
      const keep = (_: unknown, j: number) => !gone.has(j);
      if (
        narrowest(
          head.filter(keep),
          rows.map((r) => r.filter(keep)),
        ) <= width
      )
        break;
      gone.add(i);
    }
    if (gone.size > 0) {
      const keep = (_: unknown, j: number) => !gone.has(j);
      [head, rows, align] = [head.filter(keep), rows.map((r) => r.filter(keep)), align?.filter(keep)];
    }
  }
  // Where whole words cannot fit even so, the longest of them are broken (never cut).
  const breakWords = width !== undefined && narrowest(head, rows) > width;
  const fit = width === undefined ? null : fitted(head, rows, width, breakWords);
  // Cells are wrapped here, not by cli-table3, whose breaking of long words cuts through colour codes.
  const wrap = (cells: string[]) => (fit ? cells.map((c, i) => wrapCell(c, fit[i]! - 2)) : cells);
  // Every piece gets the same widths, so the pieces join into one table.
  const colWidths = fit ?? natural(head, rows);
  const piece = (of: string[][], withHead: boolean) => {
    const table = new Table({
      ...(withHead ? { head: wrap(head) } : {}),
      style: { head: [], border: [], compact: true },
      // cli-table3 reads colAligns[x] unguarded: pass it only when given.
      ...(align ? { colAligns: align } : {}),
      colWidths,
    });
    for (const row of of) table.push(row);
    return table.toString().split('\n');
  };
  const lines = piece(rows.slice(0, PIECE).map(wrap), true);
  if (rows.length <= PIECE) return lines.join('\n');
  // The first piece keeps its top border and heading; the bottom border goes after the last row.
  const bottom = lines.pop()!;
  for (let i = PIECE; i < rows.length; i++) {
    const row = wrap(rows[i]!);
    if (!drawRow(row, colWidths, align, lines)) {
      const own = piece([row], false);
      for (let k = 1; k < own.length - 1; k++) lines.push(own[k]!);
    }
  }
  lines.push(bottom);
  return lines.join('\n');
}

/**
 * One row's lines as the table library draws them, pushed onto `out`; false (nothing pushed) for a
 * row whose text is not plain printable characters (colour codes aside) or does not fit its column.
 */
function drawRow(
  cells: string[],
  widths: readonly number[],
  align: ReadonlyArray<'left' | 'right'> | undefined,
  out: string[],
): boolean {
  const split = cells.map((c) => c.split('\n'));
  let height = 1;
  for (let i = 0; i < split.length; i++) {
    for (const line of split[i]!) {
      const text = visible(line);
      if (!PLAIN.test(text) || text.length > widths[i]! - 2) return false;
    }
    if (split[i]!.length > height) height = split[i]!.length;
  }
  for (let k = 0; k < height; k++) {
    let line = '│';
    for (let i = 0; i < split.length; i++) {
      const inner = widths[i]! - 2;
      const text = split[i]![k];
      if (text === undefined) line += ' '.repeat(widths[i]!);
      else {
        const room = ' '.repeat(inner - visible(text).length);
        line += align?.[i] === 'right' ? ` ${room}${text} ` : ` ${text}${room} `;
      }
      line += '│';
    }
    out.push(line);
  }
  return true;
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
