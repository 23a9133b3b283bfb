/**
 * A value a finding's wording uses: plain data, so a finding is the same in
 * a report's JSON as in memory. Its keys are fixed by the finding's code.
 */
export type FindingArg = string | number | boolean | readonly (string | number | boolean)[];
export type FindingArgs = Readonly<Record<string, FindingArg>>;

/** What was found, as data: a code naming a sentence, and the values it names. */
export interface Finding {
  code: string;
  args: FindingArgs;
}

/**
 * Problems found in a user's input (policy, contract, export file): data
 * first, worded by the renderers (adapters/render/wording.ts) when shown.
 * Every loader collects all of them before failing, so the user fixes a file
 * in one pass.
 */
export interface Issue {
  /** Stable code for tests and tooling, e.g. `POLICY_UNKNOWN_KEY`: it names the sentence the args fill. */
  code: string;
  args?: FindingArgs;
  file: string;
  line?: number;
  col?: number;
  /** Dotted key path inside a structured file (`tiers.premium.targets.P1`). */
  path?: string;
  expected?: string;
  got?: string;
  /** How to fix it. */
  hint?: string;
  /** The problem behind this one (a contract's map file is invalid: the map's first problem). */
  cause?: Issue;
  /** A problem of a row that --skip-invalid skipped: a warning, not an error. */
  skipped?: boolean;
}

/**
 * Text from an input made safe for a terminal: control characters (ESC, NUL …)
 * shown as escapes, never sent raw; at most `max` characters.
 */
export function printable(s: string, max = Infinity): string {
  // eslint-disable-next-line no-control-regex
  const safe = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return safe.length > max ? `${safe.slice(0, max - 3)}...` : safe;
}

/** Invalid input: the user's to fix. Exit code 2. */
export class InputError extends Error {
  constructor(readonly issues: Issue[]) {
    // The sentences are the renderers' (formatIssues): the message only counts and names the codes.
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'}: ${[...new Set(issues.map((i) => i.code))].slice(0, 10).join(', ')}`,
    );
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
