import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * A part of a CSV file that can be read on its own: the file's header (bytes
 * [0, headerEnd)) followed by the records in bytes [start, end), the first of
 * which starts on line `firstLine`.
 */
export interface ByteRange {
  headerEnd: number;
  start: number;
  end: number;
  firstLine: number;
}

const CHUNK = 1 << 20;
const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Cuts a CSV file into ranges, each starting at a record: the k-th cut at
 * the first record end from `at[k]` (a fraction of the size, ascending). A line end is a record end when it is outside quotes, and it is
 * outside quotes when the quotes before it are even in number — RFC 4180
 * escapes a quote by doubling it, so parity is exact for any file the CSV
 * parser accepts (one it refuses is read again whole, with the parser's own
 * error). Null when the file cannot be cut: UTF-16, no header, or too few
 * line ends. One pass over the bytes up to the last cut, from quote to quote.
 */
export function splitCsv(file: string, at: readonly number[]): ByteRange[] | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(CHUNK);
    const cuts: number[] = [];
    const lines: number[] = [];
    let headerEnd = -1;
    let headerLines = 0;
    let inQuotes = false;
    let lineHasText = false;
    let newlines = 0;
    /** A record ends just before `end`. */
    const recordEnd = (end: number) => {
      if (headerEnd < 0) {
        // The header is the first record with any text, as the reader takes it.
        if (lineHasText) {
          headerEnd = end;
          headerLines = newlines;
        }
        lineHasText = false;
      } else if (end >= at[cuts.length]! * size) {
        cuts.push(end);
        lines.push(newlines + 1);
      }
    };
    for (let pos = 0; pos < size && cuts.length < at.length; ) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
      if (n <= 0) break;
      let i = 0;
      if (pos === 0) {
        if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return null;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
      }
      while (i < n && cuts.length < at.length) {
        if (headerEnd < 0) {
          const c = buf[i++]!;
          if (c === QUOTE) inQuotes = !inQuotes;
          else if (c === LF) {
            newlines++;
            if (!inQuotes) recordEnd(pos + i);
          } else if (c > 0x20) lineHasText = true;
          continue;
        }
        // After the header, jump from quote to quote, counting the line ends between.
        let q = buf.indexOf(QUOTE, i);
        if (q === -1 || q >= n) q = n;
        for (let j = buf.indexOf(LF, i); j !== -1 && j < q && cuts.length < at.length; j = buf.indexOf(LF, j + 1)) {
          newlines++;
          if (!inQuotes) recordEnd(pos + j + 1);
        }
        if (q < n) inQuotes = !inQuotes;
        i = q + 1;
      }
      pos += n;
    }
    if (headerEnd < 0 || cuts.length < at.length || cuts[cuts.length - 1]! >= size) return null;
    const starts = [headerEnd, ...cuts];
    const firstLines = [headerLines + 1, ...lines];
    return starts.map((start, k) => ({ headerEnd, start, end: k + 1 < starts.length ? starts[k + 1]! : size, firstLine: firstLines[k]! }));
  } finally {
    closeSync(fd);
  }
}
