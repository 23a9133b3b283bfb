/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, text cells that a
 * spreadsheet would run as a formula (= + - @, tab, CR) prefixed with ',
 * numbers left as numbers (negative ones included).
 */
export type Cell = string | number | boolean | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvTable(head: string[], rows: Cell[][]): string {
  return csvLine(head) + rows.map(csvLine).join('');
}

/** One row with its line end, for a table written a row at a time. */
export const csvLine = (row: readonly Cell[]): string => row.map(csvCell).join(',') + '\r\n';
