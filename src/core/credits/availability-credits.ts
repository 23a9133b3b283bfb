import type { AvailabilityRow } from '../availability/availability.js';
import { above, below } from '../availability/availability.js';
import { fromMicro, percentFixed, percentOf, proRata, ratioPercent, toMicro } from '../money.js';
import { feeName, monthLabel, periodDays, type Period } from '../period.js';
import type { CreditBand, CreditModel, CreditSpec } from '../policy/model.js';
import type { CreditLine } from './credit-line.js';
import { claimDeadline } from './claim.js';
import { daysOfService, mostDays } from './days-of-service.js';
import { hourlyRate } from './hourly-rate.js';

/** What is known of one month's availability for eligibility. */
export interface MonthAvailability {
  label: string;
  availabilityPercent: number | null;
  /** Below target? null when the month is unknown. */
  failing: boolean | null;
  source: 'log' | 'history' | 'unknown';
}

type TiersModel = Extract<CreditModel, { kind: 'availability-tiers' }>;

/** The months eligibility looks at: the previous month and the earlier months of the same year. */
export function eligibilityMonths(period: Period): string[] {
  const labels = new Set<string>();
  labels.add(period.month === 1 ? monthLabel(period.year - 1, 12) : monthLabel(period.year, period.month - 1));
  for (let m = 1; m < period.month; m++) labels.add(monthLabel(period.year, m));
  return [...labels].sort();
}

/**
 * SPEC 3.11: a failing period pays the highest band its availability falls
 * in (availability-tiers; days-of-service, in days worth their share of the
 * period's days), or in proportion to its downtime (per-downtime,
 * downtime-multiple, hourly-rate). With eligibility (sma-opcon's), a failing month pays
 * only when the previous calendar month also failed (across year ends) or
 * it is at least the n-th failing month of its calendar year.
 */
export function availabilityCredits(
  row: AvailabilityRow,
  spec: CreditSpec,
  period: Period,
  feeMinor: number | null,
  history: (label: string) => MonthAvailability,
  /** What the fee is called in the reasons: "monthly fee", or a service's own ("us-east-1's monthly fee"). */
  fee = `the ${feeName(period)}`,
): CreditLine[] {
  if (row.availabilityPercent === null) return [];
  // With too little evidence, the band is read from the best case (the uncovered time up): what is owed at
  // least; when the worst case (that time down) would fall in another band, it cannot be decided.
  const measurable = row.coveredMs + row.noDataMs;
  const best = row.coverageShort
    ? { up: measurable - row.downtimeMs, of: measurable }
    : { up: row.eligibleMs - row.downtimeMs, of: row.eligibleMs };
  const worst = row.coverageShort ? { up: row.coveredMs - row.downtimeMs, of: measurable } : best;
  // A band written "≤ X%" with X the target pays at exactly the target, though the target is met (GitHub's "less than or equal to 99.9%").
  const atInclusiveBoundary =
    row.met === true &&
    row.targetPercent !== null &&
    !above(best.up, best.of, row.targetPercent) &&
    spec.models.some(
      (m) =>
        (m.kind === 'availability-tiers' || m.kind === 'days-of-service') &&
        m.bands.some((b) => b.inclusive && inBand(best.up, best.of, b)),
    );
  if (
    !atInclusiveBoundary &&
    (row.met === true ||
      (row.met === null &&
        !(row.coverageShort && row.targetPercent !== null && below(worst.up, worst.of, row.targetPercent))))
  )
    return [];
  const lines: CreditLine[] = [];
  const coverage = `the logs cover ${(row.coveragePercent ?? 0).toFixed(1)}% of ${period.label}, so availability lies between ${(row.bounds.noDataAsDown ?? 0).toFixed(4)}% and ${(row.bounds.noDataAsUp ?? 0).toFixed(4)}%`;
  const basis = {
    service: row.service,
    availabilityPercent: row.availabilityPercent,
    targetPercent: row.targetPercent,
    capPercent: spec.capPercent,
    downtime: row.downtime,
  };
  const claimBy = claimDeadline(period, spec);
  for (const model of spec.models) {
    if (model.kind === 'per-downtime' || model.kind === 'downtime-multiple' || model.kind === 'hourly-rate') {
      if (row.met === true) continue;
      // Proportional to the downtime known; with too little evidence more may have been down: undecided.
      const { percent, amountMinor, rule, creditedSeconds } = proportional(model, row, period, feeMinor, fee);
      if (percent === 0) continue;
      lines.push({
        rule: model.id,
        kind: model.kind,
        basis: {
          ...basis,
          downtimeSeconds: row.downtimeMs / 1000,
          ...(creditedSeconds !== undefined ? { creditedSeconds } : {}),
          rule,
        },
        percent,
        amountMinor,
        eligible: row.coverageShort ? null : true,
        reason: `${formatMinutes(row.downtimeMs)} down in ${period.label} (availability ${row.availabilityPercent.toFixed(4)}%): ${rule}${row.coverageShort ? `; at least this, ${coverage}` : ''}`,
        claimBy,
      });
      continue;
    }
    if (model.kind === 'days-of-service') {
      // As for bands of percentages: the best case is what is owed at least, the worst what may be owed.
      const applying = (x: { up: number; of: number }) => model.bands.filter((b) => inBand(x.up, x.of, b));
      const worstDays = mostDays(applying(worst));
      const bands = applying(row.met === null ? worst : best);
      const days = mostDays(bands);
      if (days === 0) continue;
      const band = bands.filter((b) => b.days === days).reduce((lo, b) => (b.below < lo.below ? b : lo));
      const boundary = `${band.inclusive ? '≤' : '<'} ${band.below}%`;
      const settled = !row.coverageShort || (row.met === false && worstDays === days);
      const { percent, amountMinor, rule } = daysOfService(days, period, feeMinor, fee);
      lines.push({
        rule: model.id,
        kind: model.kind,
        basis: { ...basis, band: boundary, days, periodDays: periodDays(period) },
        percent,
        amountMinor,
        eligible: settled ? true : null,
        reason: row.coverageShort
          ? `availability at most ${(row.bounds.noDataAsUp ?? 0).toFixed(4)}% in ${period.label} (${row.met === false ? 'below the target whatever the uncovered time was' : 'the uncovered time decides'}): ${rule}${row.met === false ? ' at least' : ' at most'}${settled ? '' : `; cannot be decided: ${coverage} (give logs that cover the month)`}`
          : `availability ${row.availabilityPercent.toFixed(4)}% ${boundary} in ${period.label}: ${rule}`,
        claimBy,
      });
      continue;
    }
    if (model.kind !== 'availability-tiers') continue;
    const bandsOf = (x: { up: number; of: number }) => model.bands.filter((b) => inBand(x.up, x.of, b));
    const worstBands = bandsOf(worst);
    const bands = row.met === null ? worstBands : bandsOf(best);
    if (bands.length === 0) continue;
    const percent = highestPercent(bands);
    const band = bands.reduce((lo, b) => (b.below < lo.below ? b : lo));
    const decided = decide(model, period, history);
    const settled = !row.coverageShort || (row.met === false && highestPercent(worstBands) === percent);
    const { months } = decided;
    const eligible = settled ? decided.eligible : null;
    const why = settled ? decided.why : `cannot be decided: ${coverage} (give logs that cover the month)`;
    const boundary = `${band.inclusive ? '≤' : '<'} ${band.below}%`;
    lines.push({
      rule: model.id,
      kind: model.kind,
      basis: { ...basis, band: boundary, months },
      percent,
      amountMinor: feeMinor === null ? null : percentOf(feeMinor, percent),
      eligible,
      reason: row.coverageShort
        ? `availability at most ${(row.bounds.noDataAsUp ?? 0).toFixed(4)}% in ${period.label} (${row.met === false ? 'below the target whatever the uncovered time was' : 'the uncovered time decides'}): ${percent}% of ${fee}${row.met === false ? ' at least' : ' at most'}; ${why}`
        : `availability ${row.availabilityPercent.toFixed(4)}% ${boundary} in ${period.label}: ${percent}% of ${fee}; ${why}`,
      claimBy,
    });
  }
  return lines;
}

/** The highest percentage among bands (a policy may list many: no spread into a call). */
const highestPercent = (bands: readonly CreditBand[]): number =>
  bands.reduce((most, b) => Math.max(most, b.percent), 0);

/** Whether availability up/of falls in a band: strictly below its boundary, or at it too when inclusive. */
function inBand(up: number, of: number, band: Pick<CreditBand, 'below' | 'inclusive'>): boolean {
  return band.inclusive ? !above(up, of, band.below) : below(up, of, band.below);
}

type ProportionalModel = Extract<CreditModel, { kind: 'per-downtime' | 'downtime-multiple' | 'hourly-rate' }>;

/**
 * X% per N minutes of downtime or part thereof (at most a maximum); or a
 * multiple of the fee for the time down, pro rata of the period's length —
 * the amount computed exactly from the fee, not from a rounded percentage.
 */
function proportional(
  model: ProportionalModel,
  row: AvailabilityRow,
  period: Period,
  feeMinor: number | null,
  fee: string,
): { percent: number; amountMinor: number | null; rule: string; creditedSeconds?: number } {
  if (model.kind === 'hourly-rate') return hourlyRate(model, row.downtimeMs, period, feeMinor, fee);
  if (model.kind === 'per-downtime') {
    const steps = Math.ceil(row.downtimeMs / model.perMs);
    // In millionths of a percent: 3 × 0.1% is 0.3%, exactly.
    const uncut = steps * toMicro(model.percentPer);
    const percent = fromMicro(Math.min(uncut, toMicro(model.maxPercent ?? 100)));
    const per = formatMinutes(model.perMs);
    return {
      percent,
      amountMinor: feeMinor === null ? null : percentOf(feeMinor, percent),
      rule: `${model.percentPer}% per ${per} or part (${steps} × ${per})${model.maxPercent !== null && uncut > toMicro(model.maxPercent) ? `, at most ${model.maxPercent}%` : ''}: ${percent}% of ${fee}`,
    };
  }
  const length = period.end - period.start;
  // multiple × downtime / length of the fee: shown to the millionth of a percent, the amount computed from the exact share.
  const percent = ratioPercent(
    BigInt(toMicro(model.multiple)) * BigInt(row.downtimeMs) * 100n,
    1_000_000n * BigInt(length),
  );
  return {
    percent,
    amountMinor: feeMinor === null ? null : proRata(feeMinor, model.multiple, row.downtimeMs, length),
    rule: `${model.multiple}× the fee for the time down (${formatMinutes(row.downtimeMs)} of ${formatMinutes(length)}): ${percentFixed(percent, 4)}% of ${fee}`,
  };
}

/** "90 min", "1 min 30 s": a duration of the report's evidence. */
function formatMinutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return s % 60 === 0 ? `${s / 60} min` : s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function decide(
  model: TiersModel,
  period: Period,
  history: (label: string) => MonthAvailability,
): { eligible: boolean | null; why: string; months: MonthAvailability[] } {
  const months = eligibilityMonths(period).map(history);
  if (model.consecutiveMonths === null && model.nthFailingMonthInYear === null)
    return { eligible: true, why: `payable for every failing ${period.months === 3 ? 'quarter' : 'month'}`, months };
  const prevLabel = period.month === 1 ? monthLabel(period.year - 1, 12) : monthLabel(period.year, period.month - 1);
  const prev = months.find((m) => m.label === prevLabel)!;
  const sameYear = months.filter((m) => m.label.startsWith(`${period.year}-`));
  const knownFailing = sameYear.filter((m) => m.failing === true).length + 1; // this month fails
  const unknown = sameYear.filter((m) => m.failing === null).length;
  const n = model.nthFailingMonthInYear;
  const consecutive = model.consecutiveMonths !== null && model.consecutiveMonths >= 2;
  if (consecutive && prev.failing === true)
    return { eligible: true, why: `${prevLabel} also failed (consecutive failing months)`, months };
  if (n !== null && knownFailing >= n)
    return {
      eligible: true,
      why: `failing month ${knownFailing} of ${period.year} (${n} or more are payable)`,
      months,
    };
  const prevMayFail = consecutive && prev.failing === null;
  const yearMayReach = n !== null && knownFailing + unknown >= n;
  if (prevMayFail || yearMayReach) {
    const unknownLabels = months.filter((m) => m.failing === null).map((m) => m.label);
    return {
      eligible: null,
      why: `cannot be decided: no availability for ${monthRanges(unknownLabels)} (give earlier logs or a history)`,
      months,
    };
  }
  return {
    eligible: false,
    why: `not payable: ${prevLabel} did not fail and this is failing month ${knownFailing} of ${period.year}${n !== null ? ` (fewer than ${n})` : ''}`,
    months,
  };
}

/** "2026-01 to 2026-04, 2026-07" from sorted month labels. */
function monthRanges(labels: readonly string[]): string {
  const index = (l: string) => Number(l.slice(0, 4)) * 12 + Number(l.slice(5, 7));
  const out: string[] = [];
  let from = 0;
  for (let i = 1; i <= labels.length; i++) {
    if (i < labels.length && index(labels[i]!) === index(labels[i - 1]!) + 1) continue;
    out.push(i - 1 > from ? `${labels[from]} to ${labels[i - 1]}` : labels[from]!);
    from = i;
  }
  return out.join(', ');
}
