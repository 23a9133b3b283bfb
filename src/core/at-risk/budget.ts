import type { AvailabilityRow } from '../availability/availability.js';
import { toMicro } from '../money.js';
import { total, union } from '../time/spans.js';
import type { CreditSpec } from '../policy/model.js';

/** A line the downtime of a period can cross: the target, or the boundary of a credit band. */
export interface Threshold {
  kind: 'target' | 'band';
  /** The credit model a band belongs to; null for the target. */
  rule: string | null;
  /** The boundary, percent. */
  percent: number;
  /** A band written "≤ X%" (at it too), or a target (met at exactly it: not inclusive). */
  inclusive: boolean;
  /** What the band pays: a percentage of the fee, or days of service; null for the target. */
  creditPercent: number | null;
  creditDays: number | null;
}

export interface ThresholdBudget extends Threshold {
  /** The most downtime of the whole period that stays on the good side of the line (ms); -1 when none does. */
  allowedMs: number;
  /**
   * allowedMs less the downtime so far and the downtime the evidence leaves open, never below 0; with thin
   * evidence, no more than what is left with the time without data down (counted on the eligible time with it).
   */
  leftMs: number;
  /**
   * What is left in the most favourable reading of what the evidence leaves open (none of it down; with thin
   * evidence, the time without data up, as the audit reads it): leftMs is what is surely left, this what may be.
   * Equal to leftMs when nothing is open; a line is surely under a window only when this is.
   */
  leftAtMostMs: number;
  /** The downtime so far is already past the line in every reading: the target missed, or the band entered. */
  crossed: boolean;
}

export interface ServiceBudget {
  service: string;
  /** Period to date: availability (null when nothing was eligible), its target, how much the evidence covers. */
  availabilityPercent: number | null;
  targetPercent: number | null;
  coverageShort: boolean;
  /** Downtime so far (ms), under the contract's downtime definition. */
  downtimeMs: number;
  /**
   * Time so far that may be downtime, as the evidence leaves it open (outages across no data that may reach a
   * minimum outage, daily totals' minutes that may fall in the period, and with thin evidence the time without
   * data): counted against what is left, never as crossed.
   */
  undecidedMs: number;
  /** The whole period's eligible time, the rest of it taken as covered (ms): what every allowance is a share of. */
  eligibleMs: number;
  thresholds: ThresholdBudget[];
}

const HUNDRED_MILLION = 100_000_000n;

/**
 * The most downtime (whole ms) of `eligibleMs` that keeps availability on the good side of `percent`:
 * at or above it for a target or a band written "< X%" (availability exactly X is not in it), strictly
 * above it for a band written "≤ X%". Exact: the same integer comparison as the audit's verdicts
 * (`meets`/`above`, percent to the millionth), so one more millisecond crosses the line. -1: even no
 * downtime is on the wrong side (a band "≤ 100%").
 */
export function allowedDowntime(eligibleMs: number, percent: number, inclusive: boolean): number {
  const e = BigInt(eligibleMs);
  const need = BigInt(toMicro(percent)) * e; // up × 10^8 must reach this (or pass it, when inclusive)
  // The least whole ms of uptime: up ≥ need / 10^8, or up > need / 10^8.
  const minUp = inclusive ? need / HUNDRED_MILLION + 1n : (need + HUNDRED_MILLION - 1n) / HUNDRED_MILLION;
  const allowed = e - minUp;
  return allowed < -1n ? -1 : Number(allowed);
}

/**
 * The credit bands of a policy's models that `row` is credited by (availability tiers and days of
 * service); proportional models have no band to stay out of. `models`: the ids a service is owed by,
 * null for every one.
 */
export function bandsOf(spec: CreditSpec, models: readonly string[] | null): Threshold[] {
  const out: Threshold[] = [];
  for (const m of spec.models) {
    if (models !== null && !models.includes(m.id)) continue;
    if (m.kind === 'availability-tiers')
      for (const b of m.bands)
        out.push({
          kind: 'band',
          rule: m.id,
          percent: b.below,
          inclusive: b.inclusive,
          creditPercent: b.percent,
          creditDays: null,
        });
    else if (m.kind === 'days-of-service')
      for (const b of m.bands)
        out.push({
          kind: 'band',
          rule: m.id,
          percent: b.below,
          inclusive: b.inclusive,
          creditPercent: null,
          creditDays: b.days,
        });
  }
  return out;
}

/**
 * A service's budget at as-of: `toDate` is its row over the period so far; `projected` its row over
 * the whole period with no downtime after as-of (the rest of the period covered, maintenance kept),
 * whose eligible time every allowance is a share of, and whose downtime is the downtime so far.
 */
export function serviceBudget(
  toDate: AvailabilityRow,
  projected: AvailabilityRow,
  bands: readonly Threshold[],
): ServiceBudget {
  const lines: Threshold[] = [];
  if (projected.targetPercent !== null)
    lines.push({
      kind: 'target',
      rule: null,
      percent: projected.targetPercent,
      inclusive: false,
      creditPercent: null,
      creditDays: null,
    });
  for (const b of bands) lines.push(b);
  const down = projected.downtimeMs;
  const undecided = union(projected.undecided ?? [], projected.dailyUndecided ?? []);
  // Thin evidence gives no verdict of its own: the silent days so far may hold the whole allowance. As the
  // audit reads them (its bounds), the silence is then eligible time too, down at worst and up at best.
  const thin = toDate.coverageShort && projected.noDataMs > 0;
  const openMs = total(union(projected.downtime, undecided));
  const worstDown = total(union(projected.downtime, undecided, thin ? projected.noData : []));
  const measurableMs = projected.eligibleMs + (thin ? projected.noDataMs : 0);
  return {
    service: toDate.service,
    availabilityPercent: toDate.availabilityPercent,
    targetPercent: projected.targetPercent,
    coverageShort: toDate.coverageShort,
    downtimeMs: down,
    undecidedMs: worstDown - down,
    eligibleMs: projected.eligibleMs,
    thresholds: lines.map((t) => {
      const allowedMs = allowedDowntime(projected.eligibleMs, t.percent, t.inclusive);
      // The contract's reading (the silence left out) and the silence's (its time eligible): the least of them.
      const widerMs = thin ? allowedDowntime(measurableMs, t.percent, t.inclusive) : allowedMs;
      const leftMs = Math.max(0, Math.min(allowedMs - openMs, widerMs - worstDown));
      return { ...t, allowedMs, leftMs, leftAtMostMs: Math.max(0, widerMs - down), crossed: down > widerMs };
    }),
  };
}
