import type { DurationUnit } from '../../core/policy/model.js';

export interface ParsedDuration {
  amount: number;
  unit: DurationUnit;
  /** True for "business hours", which only make sense on a business calendar. */
  businessHours: boolean;
}

const UNITS: Array<[RegExp, DurationUnit, boolean]> = [
  [/^(s|sec|secs|seconds?)$/, 'seconds', false],
  [/^(m|min|mins|minutes?)$/, 'minutes', false],
  [/^(h|hr|hrs|hours?)$/, 'hours', false],
  [/^business[ -]hours?$/, 'hours', true],
  [/^business[ -]days?$/, 'businessDays', false],
  [/^calendar[ -]days?$/, 'calendarDays', false],
];

const DURATION = /^(\d+(?:\.\d+)?)\s*([a-z][a-z -]*?)\s*$/;

export const DURATION_EXPECTED =
  'a duration such as "30m", "4h", "8 business hours", "2 business days" or "1 calendar day"';

/** Parse "4h", "30 minutes", "8 business hours", "2 business days", "1 calendar day". */
export function parseDuration(text: string): ParsedDuration | null {
  const m = DURATION.exec(text.trim().toLowerCase());
  if (!m) return null;
  const amount = Number(m[1]);
  for (const [re, unit, businessHours] of UNITS) {
    if (re.test(m[2]!)) return { amount, unit, businessHours };
  }
  return null;
}

const FIXED_MS: Partial<Record<DurationUnit, number>> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  calendarDays: 86_400_000,
};

/** Milliseconds of a duration whose unit does not depend on a calendar. */
export function fixedMs(d: ParsedDuration): number | null {
  const per = FIXED_MS[d.unit];
  return per === undefined ? null : Math.round(d.amount * per);
}
