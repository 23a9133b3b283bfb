import { printable, type Issue } from '../../core/issues.js';
import { findingText } from './wording.js';

/** What an issue says: its code's sentence filled with its args (and the problem behind it, worded alike). */
export function issueText(issue: Issue): string {
  const text = findingText(
    issue.code,
    issue.cause ? { ...issue.args, cause: formatIssue(issue.cause) } : (issue.args ?? {}),
  );
  return issue.skipped ? `skipped: ${text}` : text;
}

/** `file:line:col: path: what is wrong (expected …, got …) — how to fix`. */
export function formatIssue(issue: Issue): string {
  let where = printable(issue.file, 300);
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.line !== undefined && issue.col !== undefined) where += `:${issue.col}`;
  let text = `${where}: `;
  if (issue.path) text += `${issue.path}: `;
  // A message may hold an input's value (an id): never a whole megabyte of it, never raw control characters.
  text += printable(issueText(issue), 500);
  if (issue.expected !== undefined || issue.got !== undefined) {
    const parts: string[] = [];
    if (issue.expected !== undefined) parts.push(`expected ${printable(issue.expected, 500)}`);
    if (issue.got !== undefined) parts.push(`got ${printable(issue.got, 120)}`);
    text += ` (${parts.join(', ')})`;
  }
  if (issue.hint) text += ` — ${printable(issue.hint, 500)}`;
  return text;
}

/** Lines listed when many lines have the same problem. */
const SHOWN = 3;
/** Different problems of one kind listed in one file before the rest are counted. */
const MANY_KINDS = 10;

/**
 * Every problem as a line, grouped: problems that differ only in their line
 * and value (one missing --input-tz on a 584-row export) are shown a few
 * times, then counted — `file: … and 581 more with the same problem (lines
 * 5–585)` — in the order each problem was first met.
 */
export function formatIssues(issues: readonly Issue[]): string[] {
  // In the order a reader fixes them: file by file (as first met), line by line.
  // A Map, not indexOf per comparison: a run may hold 250 000 problems over many files.
  const files = new Map<string, number>();
  for (const i of issues) if (!files.has(i.file)) files.set(i.file, files.size);
  const order = (a: Issue, b: Issue) =>
    files.get(a.file)! - files.get(b.file)! || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
  // Most runs find their problems in reading order already: checked in one pass, sorted only when not.
  let inOrder = true;
  for (let k = 1; k < issues.length && inOrder; k++) inOrder = order(issues[k - 1]!, issues[k]!) <= 0;
  const sorted = inOrder ? issues : [...issues].sort(order);
  const groups = new Map<string, Issue[]>();
  for (const i of sorted) {
    const key = JSON.stringify([i.code, i.file, i.path, issueText(i), i.expected, i.hint]);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  // Many different problems of one kind in one file (500 unknown priorities, each its own value): the
  // first few kinds shown, the rest counted.
  const kinds = new Map<string, number>();
  const lines: string[] = [];
  const hidden = new Map<string, Issue[]>();
  for (const group of groups.values()) {
    const kind = JSON.stringify([group[0]!.file, group[0]!.code]);
    const seen = (kinds.get(kind) ?? 0) + 1;
    kinds.set(kind, seen);
    if (seen > MANY_KINDS) {
      // Appended in place: copying the list for every hidden group grew as the square of the problems.
      const h = hidden.get(kind);
      if (h) for (const i of group) h.push(i);
      else hidden.set(kind, group.slice());
      continue;
    }
    for (const i of group.slice(0, SHOWN)) lines.push(formatIssue(i));
    if (group.length > SHOWN) {
      const rest = group.slice(SHOWN);
      const at = rest.map((i) => i.line).filter((l): l is number => l !== undefined);
      lines.push(
        `${group[0]!.file}: … and ${rest.length} more with the same problem${at.length > 0 ? ` (${lineRanges(at)})` : ''}`,
      );
    }
  }
  for (const rest of hidden.values()) {
    const at = rest.map((i) => i.line).filter((l): l is number => l !== undefined);
    lines.push(
      `${rest[0]!.file}: … and ${rest.length} more problems of the same kind (${rest[0]!.code})${at.length > 0 ? ` (${lineRanges(at)})` : ''}`,
    );
  }
  return lines;
}

/** "lines 5–9, 12, 14–20" (at most a few runs, then "…"). */
function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `line${sorted.length === 1 ? '' : 's'} ${runs.slice(0, 6).join(', ')}${runs.length > 6 ? ', …' : ''}`;
}
