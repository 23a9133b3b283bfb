import type { Node } from 'yaml';
import { fixedMs, parseDuration } from './duration.js';
import type { YamlReader } from './yaml-reader.js';

/** Small value decoders shared by the policy's sections; each reports its problem and returns undefined. */

/**
 * Whether a number has at most 6 decimals: sla-audit keeps percentages and factors exact as whole
 * millionths, so a seventh decimal would be silently rounded away.
 */
export const hasSixDecimals = (n: number): boolean => Math.round(n * 1e6) / 1e6 === n;

/** Reports a number with more than 6 decimals at its node; true when it has at most 6. */
export function sixDecimals(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  n: number,
  what = 'a percentage',
): boolean {
  if (hasSixDecimals(n)) return true;
  r.report(
    node,
    path,
    'TOO_MANY_DECIMALS',
    {},
    {
      expected: `${what} with at most 6 decimals, such as 99.99995`,
      got: String(n),
      hint: 'round it to 6 decimals: sla-audit keeps percentages exact, in millionths of a percent',
    },
  );
  return false;
}

export function percentValue(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const n = r.number(node, path, 'a percentage from 0 to 100');
  if (n !== undefined && (n < 0 || n > 100))
    return r.report(
      node,
      path,
      'PERCENT_OUT_OF_RANGE',
      {},
      {
        expected: 'a number from 0 to 100',
        got: String(n),
      },
    );
  if (n !== undefined && !sixDecimals(r, node, path, n)) return undefined;
  return n;
}

/** A whole number from 1 to `max` (by default the largest JavaScript counts exactly), or undefined with the problem reported (and how to fix it, `hint`). */
export function positiveInt(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  max = Number.MAX_SAFE_INTEGER,
  hint?: string,
): number | undefined {
  const n = r.number(node, path, 'a whole number ≥ 1');
  if (n !== undefined && (!Number.isInteger(n) || n < 1))
    return r.report(node, path, 'NOT_POSITIVE', {}, { got: String(n) });
  if (n !== undefined && n > max)
    return r.report(
      node,
      path,
      'TOO_LARGE',
      { max },
      {
        expected: `a whole number from 1 to ${max}`,
        got: String(n),
        ...(hint !== undefined ? { hint } : {}),
      },
    );
  return n;
}

/** A fixed duration (s, m, h; not business time, not calendar days), or undefined with the problem reported. */
export function fixedDuration(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  example: string,
): number | undefined {
  const text = r.string(node, path);
  const d = text === undefined ? null : parseDuration(text);
  const ms = d && !d.businessHours && d.unit !== 'calendarDays' ? fixedMs(d) : null;
  if (text !== undefined && (ms === null || ms <= 0)) {
    r.report(
      node,
      path,
      'BAD_FIXED_DURATION',
      {},
      {
        expected: `a duration such as "${example}"`,
        got: JSON.stringify(text),
      },
    );
    return undefined;
  }
  return ms ?? undefined;
}
