import type { AvailabilityRow } from '../availability/availability.js';
import { above, below } from '../availability/availability.js';
import type { Finding, FindingArgs } from '../issues.js';
import { fromMicro, percentOf, proRata, ratioPercent, toMicro } from '../money.js';
import { monthLabel, periodDays, type Period } from '../period.js';
import { isTicketModel, type CreditBand, type CreditModel, type CreditSpec } from '../policy/model.js';
import { feeArgs, type CreditLine } from './credit-line.js';
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
  /** The fee the reasons name: the period's, or a service's own ("us-east-1's monthly fee"). */
  fee: FindingArgs = feeArgs(period),
): CreditLine[] {
  if (row.availabilityPercent === null) return unknownAvailability(row, spec, period, feeMinor);
  // With too little evidence, the band is read from the best case (the uncovered time up): what is owed at
  // least; when the worst case (that time down, or outages across it reaching the minimum) would fall in
  // another band, it cannot be decided.
  const measurable = row.coveredMs + row.noDataMs;
  const best = row.coverageShort
    ? { up: measurable - row.downtimeMs, of: measurable }
    : { up: row.eligibleMs - row.downtimeMs, of: row.eligibleMs };
  const open =
    row.worstCase ?? (row.coverageShort ? { upMs: row.coveredMs - row.downtimeMs, eligibleMs: measurable } : null);
  const thin = open !== null;
  const worst = open ? { up: open.upMs, of: open.eligibleMs } : best;
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
      (row.met === null && !(thin && row.targetPercent !== null && below(worst.up, worst.of, row.targetPercent))))
  )
    return [];
  const lines: CreditLine[] = [];
  // What a reason says of the evidence when the logs are thin: how much they cover, and the bounds availability lies in.
  const evidence = {
    period: period.label,
    availability: row.availabilityPercent,
    // Outages across no data leave the month open as thin logs do: the reason says so in the same words.
    coverageShort: thin,
    coveragePercent: row.coveragePercent ?? 0,
    noDataAsDown: row.bounds.noDataAsDown ?? 0,
    noDataAsUp: row.bounds.noDataAsUp ?? 0,
  };
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
        eligible: thin ? null : true,
        reason: {
          code: 'CREDIT_DOWNTIME',
          args: { downtimeMs: row.downtimeMs, ...evidence, rule: rule.code, ...rule.args },
        },
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
      const settled = !thin || (row.met === false && worstDays === days);
      const { percent, amountMinor, rule } = daysOfService(days, period, feeMinor, fee);
      lines.push({
        rule: model.id,
        kind: model.kind,
        basis: { ...basis, band: boundary, days, periodDays: periodDays(period) },
        percent,
        amountMinor,
        eligible: settled ? true : null,
        reason: {
          code: 'CREDIT_DAYS',
          args: { ...evidence, boundary, belowTarget: row.met === false, settled, rule: rule.code, ...rule.args },
        },
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
    const settled = !thin || (row.met === false && highestPercent(worstBands) === percent);
    const { months } = decided;
    const eligible = settled ? decided.eligible : null;
    const boundary = `${band.inclusive ? '≤' : '<'} ${band.below}%`;
    lines.push({
      rule: model.id,
      kind: model.kind,
      basis: { ...basis, band: boundary, months },
      percent,
      amountMinor: feeMinor === null ? null : percentOf(feeMinor, percent),
      eligible,
      reason: {
        code: 'CREDIT_BAND',
        args: {
          ...evidence,
          boundary,
          belowTarget: row.met === false,
          percent,
          ...fee,
          settled,
          ...(settled ? decided.why : {}),
        },
      },
      claimBy,
    });
  }
  return lines;
}

/**
 * No evidence covers the period's eligible time (or the service was never logged): what is owed cannot be
 * decided, not taken to be nothing — one undecided line per model, owing at least 0 and at most the model's
 * most, so totals, claims and --fail-on credit see it.
 */
function unknownAvailability(
  row: AvailabilityRow,
  spec: CreditSpec,
  period: Period,
  feeMinor: number | null,
): CreditLine[] {
  if (row.targetPercent === null) return [];
  return spec.models
    .filter((m) => !isTicketModel(m))
    .map((model) => ({
      rule: model.id,
      kind: model.kind,
      basis: { service: row.service, availabilityPercent: null, targetPercent: row.targetPercent },
      percent: 0,
      amountMinor: feeMinor === null ? null : 0,
      eligible: null,
      reason: { code: 'CREDIT_AVAILABILITY_UNKNOWN', args: { service: row.service, period: period.label } },
      claimBy: claimDeadline(period, spec),
    }));
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
  fee: FindingArgs,
): { percent: number; amountMinor: number | null; rule: Finding; creditedSeconds?: number } {
  if (model.kind === 'hourly-rate') return hourlyRate(model, row.downtimeMs, period, feeMinor, fee);
  if (model.kind === 'per-downtime') {
    const steps = Math.ceil(row.downtimeMs / model.perMs);
    // In millionths of a percent: 3 × 0.1% is 0.3%, exactly.
    const uncut = steps * toMicro(model.percentPer);
    const percent = fromMicro(Math.min(uncut, toMicro(model.maxPercent ?? 100)));
    return {
      percent,
      amountMinor: feeMinor === null ? null : percentOf(feeMinor, percent),
      rule: {
        code: 'CREDIT_RULE_PER_DOWNTIME',
        args: {
          percentPer: model.percentPer,
          perMs: model.perMs,
          steps,
          ...(model.maxPercent !== null && uncut > toMicro(model.maxPercent) ? { maxPercent: model.maxPercent } : {}),
          percent,
          ...fee,
        },
      },
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
    rule: {
      code: 'CREDIT_RULE_MULTIPLE',
      args: { multiple: model.multiple, downtimeMs: row.downtimeMs, lengthMs: length, percent, ...fee },
    },
  };
}

function decide(
  model: TiersModel,
  period: Period,
  history: (label: string) => MonthAvailability,
): { eligible: boolean | null; why: FindingArgs; months: MonthAvailability[] } {
  const months = eligibilityMonths(period).map(history);
  if (model.consecutiveMonths === null && model.nthFailingMonthInYear === null)
    return { eligible: true, why: { eligibility: 'EVERY_PERIOD' }, months };
  const prevLabel = period.month === 1 ? monthLabel(period.year - 1, 12) : monthLabel(period.year, period.month - 1);
  const prev = months.find((m) => m.label === prevLabel)!;
  const sameYear = months.filter((m) => m.label.startsWith(`${period.year}-`));
  const knownFailing = sameYear.filter((m) => m.failing === true).length + 1; // this month fails
  const unknown = sameYear.filter((m) => m.failing === null).length;
  const n = model.nthFailingMonthInYear;
  const consecutive = model.consecutiveMonths !== null && model.consecutiveMonths >= 2;
  if (consecutive && prev.failing === true)
    return { eligible: true, why: { eligibility: 'CONSECUTIVE', previous: prevLabel }, months };
  if (n !== null && knownFailing >= n)
    return {
      eligible: true,
      why: { eligibility: 'NTH_FAILING', failing: knownFailing, year: period.year, nth: n },
      months,
    };
  const prevMayFail = consecutive && prev.failing === null;
  const yearMayReach = n !== null && knownFailing + unknown >= n;
  if (prevMayFail || yearMayReach) {
    const unknownLabels = months.filter((m) => m.failing === null).map((m) => m.label);
    return {
      eligible: null,
      why: { eligibility: 'UNKNOWN_MONTHS', unknownMonths: unknownLabels },
      months,
    };
  }
  return {
    eligible: false,
    why: {
      eligibility: 'NOT_PAYABLE',
      previous: prevLabel,
      failing: knownFailing,
      year: period.year,
      ...(n !== null ? { nth: n } : {}),
    },
    months,
  };
}
