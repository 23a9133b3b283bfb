import type { Node } from 'yaml';
import { fixedMs, parseDuration } from './duration.js';
import type { YamlReader } from './yaml-reader.js';

/** Small value decoders shared by the policy's sections; each reports its problem and returns undefined. */

export function percentValue(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const n = r.number(node, path, 'a percentage from 0 to 100');
  if (n !== undefined && (n < 0 || n > 100)) return r.report(node, path, 'OUT_OF_RANGE', 'percentage out of range', { expected: 'a number from 0 to 100', got: String(n) });
  return n;
}

export function positiveInt(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const n = r.number(node, path, 'a whole number ≥ 1');
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) return r.report(node, path, 'OUT_OF_RANGE', 'must be a whole number ≥ 1', { got: String(n) });
  return n;
}

/** A fixed duration (s, m, h; not business time, not calendar days), or undefined with the problem reported. */
export function fixedDuration(r: YamlReader, node: Node | undefined, path: string, example: string): number | undefined {
  const text = r.string(node, path);
  const d = text === undefined ? null : parseDuration(text);
  const ms = d && !d.businessHours && d.unit !== 'calendarDays' ? fixedMs(d) : null;
  if (text !== undefined && (ms === null || ms <= 0)) {
    r.report(node, path, 'BAD_DURATION', 'not a fixed duration', { expected: `a duration such as "${example}"`, got: JSON.stringify(text) });
    return undefined;
  }
  return ms ?? undefined;
}
