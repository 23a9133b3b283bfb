/**
 * Problems found in a user's input (policy, contract, export file): data
 * first, one line of text each when shown. Every loader collects all of them
 * before failing, so the user fixes a file in one pass.
 */
export interface Issue {
  /** Stable code for tests and tooling, e.g. `POLICY_UNKNOWN_KEY`. */
  code: string;
  file: string;
  line?: number;
  col?: number;
  /** Dotted key path inside a structured file (`tiers.premium.targets.P1`). */
  path?: string;
  message: string;
  expected?: string;
  got?: string;
  /** How to fix it. */
  hint?: string;
}

/** `file:line:col: path: what is wrong (expected …, got …) — how to fix`. */
/**
 * Text from an input made safe for a terminal: control characters (ESC, NUL …)
 * shown as escapes, never sent raw; at most `max` characters.
 */
export function printable(s: string, max = Infinity): string {
  // eslint-disable-next-line no-control-regex
  const safe = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return safe.length > max ? `${safe.slice(0, max - 3)}...` : safe;
}

export function formatIssue(issue: Issue): string {
  let where = printable(issue.file, 300);
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.line !== undefined && issue.col !== undefined) where += `:${issue.col}`;
  let text = `${where}: `;
  if (issue.path) text += `${issue.path}: `;
  // A message may hold an input's value (an id): never a whole megabyte of it, never raw control characters.
  text += printable(issue.message, 500);
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
  const files = [...new Set(issues.map((i) => i.file))];
  const place = (i: Issue) => [files.indexOf(i.file), i.line ?? 0, i.col ?? 0] as const;
  const sorted = [...issues].sort((a, b) => {
    const [pa, pb] = [place(a), place(b)];
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
  });
  const groups = new Map<string, Issue[]>();
  for (const i of sorted) {
    const key = JSON.stringify([i.code, i.file, i.path, i.message, i.expected, i.hint]);
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
      const h = hidden.get(kind) ?? [];
      hidden.set(kind, [...h, ...group]);
      continue;
    }
    for (const i of group.slice(0, SHOWN)) lines.push(formatIssue(i));
    if (group.length > SHOWN) {
      const rest = group.slice(SHOWN);
      const at = rest.map((i) => i.line).filter((l): l is number => l !== undefined);
      lines.push(`${group[0]!.file}: … and ${rest.length} more with the same problem${at.length > 0 ? ` (${lineRanges(at)})` : ''}`);
    }
  }
  for (const rest of hidden.values()) {
    const at = rest.map((i) => i.line).filter((l): l is number => l !== undefined);
    lines.push(`${rest[0]!.file}: … and ${rest.length} more problems of the same kind (${rest[0]!.code})${at.length > 0 ? ` (${lineRanges(at)})` : ''}`);
  }
  return lines;
}

/** "lines 5–9, 12, 14–20" (at most a few runs, then "…"). */
function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `line${sorted.length === 1 ? '' : 's'} ${runs.slice(0, 6).join(', ')}${runs.length > 6 ? ', …' : ''}`;
}

/** Invalid input: the user's to fix. Exit code 2. */
export class InputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InputError';
  }
}

/** A wrong command line: the user's to fix. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
