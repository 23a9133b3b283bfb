/**
 * Line and column numbers of the elements of one JSON array inside a document, found by
 * a single scan that tracks strings and nesting, so that a bad record in a
 * JSON array can be reported by line like a CSV row.
 *
 * `path` names the array: [] for a root array, ["tickets"] for the array
 * under the root object's "tickets" key.
 */
export function arrayElementLines(text: string, path: readonly string[]): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  // Key at each object depth, and whether we are inside the target array.
  const keys: Array<string | null> = [];
  let lastString = '';
  let targetDepth = -1;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (expectElement && c !== 93 /* ] */) {
      lines.push([line, i - lineStart + 1]);
      expectElement = false;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      let s = '';
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 92) {
          j += 2;
          continue;
        }
        if (d === 34) break;
        if (d === 10) {
          line++;
          lineStart = j + 1;
        }
        j++;
      }
      s = text.slice(i + 1, j);
      lastString = s;
      i = j;
      continue;
    }
    if (c === 58 /* : */) {
      keys[depth] = lastString;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      keys[depth] = null;
      if (c === 91 && targetDepth < 0 && depth - 1 === path.length && path.every((k, n) => keys[n + 1] === k)) {
        targetDepth = depth;
        expectElement = true;
      }
      continue;
    }
    if (c === 125 || c === 93) {
      if (depth === targetDepth) targetDepth = Infinity; // done with the target array
      depth--;
      continue;
    }
    if (c === 44 /* , */ && depth === targetDepth) expectElement = true;
  }
  return lines;
}
