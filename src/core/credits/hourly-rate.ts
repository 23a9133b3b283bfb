import type { Finding, FindingArgs } from '../issues.js';
import { percentOf, proRata, ratioPercent, toMicro } from '../money.js';
import type { Period } from '../period.js';
import type { CreditModel, StepRounding } from '../policy/model.js';

type HourlyModel = Extract<CreditModel, { kind: 'hourly-rate' }>;

const MS_PER_HOUR = 3_600_000;

/** Whole steps in `ms`: each started one (up), whole ones only (down), or the nearer, a half step up (nearest). Integers: exact. */
export function steps(ms: number, stepMs: number, rounding: StepRounding): number {
  if (rounding === 'up') return Math.ceil(ms / stepMs);
  if (rounding === 'down') return Math.floor(ms / stepMs);
  return Math.floor((2 * ms + stepMs) / (2 * stepMs));
}

/**
 * Downtime at the hourly price (DigitalOcean: "100% of lost time at the
 * hourly rate incurred"): the hourly price is the fee / the hours it buys —
 * `monthlyHours` a month (672: billing stops at 4 weeks), so 3 × that for a
 * quarter — and the period's downtime is counted in whole steps, rounded as
 * the policy says. The amount is computed from the fee exactly (half up),
 * and is at most the fee: a 31-day month fully down (744 h) pays 100%, not
 * 744/672 of it.
 */
export function hourlyRate(
  model: HourlyModel,
  downtimeMs: number,
  period: Period,
  feeMinor: number | null,
  fee: FindingArgs,
): { percent: number; amountMinor: number | null; rule: Finding; creditedSeconds: number } {
  const n = steps(downtimeMs, model.stepMs, model.rounding);
  const creditedMs = n * model.stepMs;
  const hoursMs = model.monthlyHours * period.months * MS_PER_HOUR;
  // multiple × credited / hours ≥ 1: the whole fee. Compared on integers (multiple has at most 6 decimals), in BigInt: the product passes 2^53.
  const whole = BigInt(toMicro(model.multiple)) * BigInt(creditedMs) >= 1_000_000n * BigInt(hoursMs);
  // A share of the hours the fee buys, with no finite decimal in general: shown to the millionth of a percent.
  const percent = whole
    ? 100
    : ratioPercent(BigInt(toMicro(model.multiple)) * BigInt(creditedMs) * 100n, 1_000_000n * BigInt(hoursMs));
  const amountMinor =
    feeMinor === null
      ? null
      : whole
        ? percentOf(feeMinor, 100)
        : proRata(feeMinor, model.multiple, creditedMs, hoursMs);
  return {
    percent,
    amountMinor,
    rule: {
      code: 'CREDIT_RULE_HOURLY',
      args: {
        multiple: model.multiple,
        steps: n,
        stepMs: model.stepMs,
        rounding: model.rounding,
        creditedMs,
        hours: model.monthlyHours * period.months,
        whole,
        percent,
        ...fee,
      },
    },
    creditedSeconds: creditedMs / 1000,
  };
}
