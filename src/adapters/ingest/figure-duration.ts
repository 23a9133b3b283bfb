/**
 * The longest time a vendor's figure may state: 100 years. Past it a figure is a wrong column, a
 * wrong unit or a placeholder (99999999999999999999), not a time any SLA clock counted; within it
 * every count of milliseconds is a safe integer, so none is silently rounded on the way in.
 */
export const MAX_FIGURE_MS = 100 * 365 * 86_400_000;

/** What a rejected figure should have been, for the problem's hint. */
export const FIGURE_HINT = 'a figure is a duration of at most 100 years in its unit, to a thousandth of that unit';

/** Whether `ms` is a duration a figure may state: a whole number of milliseconds, 0 … MAX_FIGURE_MS. */
export function isFigureDuration(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= 0 && ms <= MAX_FIGURE_MS;
}

const DECIMAL = /^(\d+)(?:\.(\d{1,3}))?$/;

/**
 * A plain decimal of a unit (a whole number of seconds, `unitMs`), exactly in milliseconds; null when
 * the text is not digits with at most three decimals, or not a duration a figure may state.
 */
export function decimalDurationMs(text: string, unitMs: number): number | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  // Thousandths of a unit, then to ms: 12.5 minutes is 750 000 ms, with no binary fraction on the way.
  const thousandths = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  if (!Number.isSafeInteger(thousandths * unitMs)) return null;
  const ms = (thousandths * unitMs) / 1000;
  return isFigureDuration(ms) ? ms : null;
}
