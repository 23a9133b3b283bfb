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
export function formatIssue(issue: Issue): string {
  let where = issue.file;
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.line !== undefined && issue.col !== undefined) where += `:${issue.col}`;
  let text = `${where}: `;
  if (issue.path) text += `${issue.path}: `;
  text += issue.message;
  if (issue.expected !== undefined || issue.got !== undefined) {
    const parts: string[] = [];
    if (issue.expected !== undefined) parts.push(`expected ${issue.expected}`);
    // An input's value is echoed, but never a whole megabyte of it.
    if (issue.got !== undefined) parts.push(`got ${issue.got.length > 120 ? `${issue.got.slice(0, 117)}...` : issue.got}`);
    text += ` (${parts.join(', ')})`;
  }
  if (issue.hint) text += ` — ${issue.hint}`;
  return text;
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
