import type { Finding, FindingArgs } from '../issues.js';
import { proRata, ratioPercent } from '../money.js';
import { periodDays, type Period } from '../period.js';
import type { CreditModel } from '../policy/model.js';

type DaysModel = Extract<CreditModel, { kind: 'days-of-service' }>;

/**
 * What `days` days of service are worth: days / the period's local days of
 * its fee (Google Workspace's "monetary credit equal to the value of days of
 * service"). 3 days of a 31-day month are 3/31 of the fee, 9.677…%, not 10%.
 * The amount is computed from the fee exactly (half up to the minor unit),
 * never from the rounded percentage; at most the whole fee.
 */
export function daysOfService(
  days: number,
  period: Period,
  feeMinor: number | null,
  fee: FindingArgs,
): { percent: number; amountMinor: number | null; rule: Finding } {
  const of = periodDays(period);
  const owed = Math.min(days, of);
  // owed/of of the fee has no finite decimal in general (3/31): shown to the millionth of a percent.
  const percent = ratioPercent(BigInt(owed * 100), BigInt(of));
  return {
    percent,
    amountMinor: feeMinor === null ? null : proRata(feeMinor, 1, owed, of),
    rule: { code: 'CREDIT_RULE_DAYS', args: { days, owed, of, period: period.label, percent, ...fee } },
  };
}

/** The days of the highest band among those that apply (the bands of a model are few: no spread). */
export const mostDays = (bands: DaysModel['bands']): number => bands.reduce((most, b) => Math.max(most, b.days), 0);
