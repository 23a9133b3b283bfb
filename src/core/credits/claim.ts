import type { Period } from '../period.js';
import type { ClaimRule, CreditSpec } from '../policy/model.js';
import { civilFromDays, daysFromCivil, daysInMonth } from '../time/civil.js';

/** The date `months` months after a day number, the day of month kept where the month has it (else its last day). */
function addMonths(day: number, months: number): number {
  const { year, month, day: d } = civilFromDays(day);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  return daysFromCivil(y, m, Math.min(d, daysInMonth(y, m)));
}

/** The last local date (day number, inclusive) to claim a credit of `period`; null without a deadline. */
export function claimDeadline(period: Period, spec: CreditSpec): number | null {
  return spec.claimBy === null ? null : claimDay(period, spec.claimBy);
}

export function claimDay(period: Period, rule: ClaimRule): number {
  switch (rule.kind) {
    case 'days-after':
      return period.lastDay + rule.n;
    case 'end-of-billing-cycle': {
      // The N-th billing cycle after this one, to its last day: the month (or quarter) N periods later.
      const first = daysFromCivil(period.year, period.month, 1);
      return addMonths(first, (rule.n + 1) * period.months) - 1;
    }
    case 'months-after':
      // "Within N months of the end of the billing month": the period ends at the start of its next day.
      return addMonths(period.lastDay + 1, rule.n) - 1;
  }
}
