import {
  fromMicro,
  percentOf,
  percentOfFee,
  scalePercent,
  scaledPercentOf,
  subtractPercent,
  sumPercents,
  toMicro,
} from '../money.js';
import { periodBefore, periodsIntoYear, periodsPerYear, type BillingPeriod, type Period } from '../period.js';
import { isTicketModel, type CreditModel, type CreditSpec } from '../policy/model.js';
import type { CreditLine, CreditTotal, YearCap } from './credit-line.js';
import { creditTotal, payable } from './ticket-credits.js';

/** One audited period's credit lines, before the rules that look at earlier periods. */
export interface PeriodCredits {
  period: Period;
  lines: readonly CreditLine[];
  /** Whether the evidence covers the period: for ticket models, the export reaches back into it… */
  ticketsKnown: boolean;
  /** …for availability models, the logs give it a verdict. */
  availabilityKnown: boolean;
}

export interface SettledCredits {
  lines: CreditLine[];
  total: CreditTotal;
  /** Earlier periods without evidence that escalation or the yearly cap needed: the credit is at least / at most what is shown. */
  unknownPeriods: string[];
}

/** The contract's fee (ticket lines, availability lines without a service fee) and the fee of the whole bill. */
export interface Fees {
  contract: number | null;
  report: number | null;
}

/**
 * The periods to audit for `requested` (consecutive, in order): earlier ones
 * first when the policy's credits depend on them — the run escalation can
 * reach, and the billing year's earlier periods for a cap per year (with
 * their own runs).
 */
export function periodsToSettle(requested: readonly Period[], spec: CreditSpec, billing: BillingPeriod): Period[] {
  const first = requested[0];
  if (first === undefined) return [];
  const run = spec.models.reduce((most, m) => Math.max(most, m.escalation?.length ?? 1), 1) - 1;
  const back = run + (spec.capPerYearPercent !== null ? periodsIntoYear(first, billing) : 0);
  const earlier: Period[] = [];
  // Not before 1900, the first year sla-audit reads: a period the evidence cannot reach is simply unknown.
  for (let n = back; n >= 1; n--) {
    const p = periodBefore(first, n, billing);
    if (p.year >= 1900) earlier.push(p);
  }
  return [...earlier, ...requested];
}

/**
 * Escalation and the cap per year over consecutive periods, in order. Each
 * period's lines of an escalating model are multiplied by the factor of its
 * run (the periods in a row, this one included, in which the model owes a
 * credit); its total is the capped sum as for a lone period, then capped
 * again by what the billing year's cap leaves after the earlier periods'
 * totals. An earlier period without evidence ends a run and adds nothing to
 * the year; it is named, so the reader knows the credit is at least (a run)
 * or at most (the year) what is shown.
 */
export function settleCredits(
  periods: readonly PeriodCredits[],
  spec: CreditSpec,
  billing: BillingPeriod,
  fees: Fees,
  today: number | null = null,
): SettledCredits[] {
  const out: SettledCredits[] = [];
  /** Each settled period's total before expiry: what the year's cap counts. */
  const owed: Array<{ total: CreditTotal }> = [];
  /** Whether a settled period's total is itself unsure: a later period's yearly cap names it. */
  const unsure: boolean[] = [];
  const hasTicketModels = spec.models.some(isTicketModel);
  const hasAvailabilityModels = spec.models.some((m) => !isTicketModel(m));
  for (const [i, p] of periods.entries()) {
    /** Earlier periods a run stopped at, unknown; and those the year's cap could not count fully. */
    const unknown = new Set<string>();
    const yearUnknown = new Set<string>();
    const decided = p.lines
      .map((line) => {
        const model = spec.models.find((m) => m.id === line.rule);
        if (!model?.escalation || line.eligible !== true) return line;
        const { run, before } = runOf(periods, i, model, line.service ?? '', billing);
        if (before !== null) unknown.add(before);
        return escalate(
          line,
          model.escalation,
          run,
          before,
          p.period,
          line.service !== undefined ? (line.feeMinor ?? null) : fees.contract,
        );
      })
      .map((line) => claimState(line, today));
    if (spec.capPerYearPercent !== null) {
      const k = periodsIntoYear(p.period, billing);
      for (let j = Math.max(0, i - k); j < i; j++) if (unsure[j]) yearUnknown.add(periods[j]!.period.label);
      for (let n = k; n > i; n--) yearUnknown.add(periodBefore(p.period, n, billing).label);
    }
    let lines = decided;
    // Earlier periods of the year without evidence may have taken what the cap leaves this one: where they could
    // cut its amount, its owed lines are undecided (eligible: null), not owed in full — the claim needs review.
    if (spec.capPerYearPercent !== null && yearUnknown.size > 0) {
      const unknownLabels = [...yearUnknown].sort();
      const k = periodsIntoYear(p.period, billing);
      const before = new Map(
        periods.slice(Math.max(0, i - k), i).map((q, j) => [q.period.label, owed[j + Math.max(0, i - k)]!]),
      );
      if (
        yearCapMayCut(
          creditTotal(lines, spec, fees.contract, fees.report),
          spec,
          spec.capPerYearPercent,
          periodsPerYear(billing),
          owed.slice(Math.max(0, i - k), i),
          unknownLabels.map((label) => before.get(label)?.total ?? null),
          fees.report,
        )
      )
        lines = lines.map((l) => (l.eligible === true ? yearUndecided(l, unknownLabels) : l));
    }
    // The year's cap counts what earlier periods were owed, claimed in time or not: whether a
    // period's credit is still claimable at as-of never changes what it or a later one comes to.
    const totalOf = (of: readonly CreditLine[]) => {
      const t = creditTotal(of, spec, fees.contract, fees.report);
      if (spec.capPerYearPercent === null) return t;
      // What the year leaves may fall under the minimum payable: then nothing is paid.
      return payable(
        yearCapped(
          t,
          spec.capPerYearPercent,
          periodsPerYear(billing),
          owed.slice(Math.max(0, i - periodsIntoYear(p.period, billing)), i),
          fees.report,
          [...yearUnknown].sort(),
        ),
        spec,
      );
    };
    const whole = totalOf(lines);
    // A later period's cap counts this one at what the evidence shows it owes, its undecided lines too: what the
    // unknown periods could change is counted apart (yearCapMayCut), not by taking this period as nothing.
    owed.push({ total: lines === decided ? whole : totalOf(decided) });
    // An expired line is not owed: the total is of the others; what the expired ones came to is said apart.
    const expired = lines.filter((l) => l.expired === true);
    let total = whole;
    if (expired.length > 0) {
      total = totalOf(lines.filter((l) => l.expired !== true));
      total = {
        ...total,
        expired: {
          lines: expired.length,
          percent: subtractPercent(whole.percent, total.percent),
          amountMinor:
            whole.amountMinor === null || total.amountMinor === null ? null : whole.amountMinor - total.amountMinor,
        },
      };
    }
    // A period's own total is unsure when its evidence or a run of its lines is; what the year's cap left it
    // only ever lowers it, and later periods name those earlier ones themselves.
    unsure.push(
      unknown.size > 0 ||
        lines.some((l) => l.eligible === null) ||
        (hasTicketModels && !p.ticketsKnown) ||
        (hasAvailabilityModels && !p.availabilityKnown),
    );
    out.push({ lines, total, unknownPeriods: [...new Set([...unknown, ...yearUnknown])].sort() });
  }
  return out;
}

/**
 * A line's claim at `today` (the local date of as-of in the billing zone): days left to its
 * deadline, and expired once the deadline has passed — a line that could be owed (eligible or
 * undecided) and is no longer claimable.
 */
function claimState(line: CreditLine, today: number | null): CreditLine {
  if (today === null || line.claimBy === null) return { ...line, daysLeft: null, expired: false };
  const daysLeft = line.claimBy - today;
  const expired = daysLeft < 0 && line.eligible !== false;
  // An expired line has no days left to count, not "0" (which is the last day).
  return { ...line, daysLeft: expired ? null : Math.max(0, daysLeft), expired };
}

/** Whether `model` owes a credit (for `service`) in period i: null when the evidence does not say. */
function owes(periods: readonly PeriodCredits[], i: number, model: CreditModel, service: string): boolean | null {
  const p = periods[i];
  if (p === undefined) return null;
  const own = p.lines.filter((l) => l.rule === model.id && (l.service ?? '') === service);
  if (own.some((l) => l.eligible === true)) return true;
  const known = isTicketModel(model) ? p.ticketsKnown : p.availabilityKnown;
  return known && !own.some((l) => l.eligible === null) ? false : null;
}

/** The run ending at period i (at most the escalation's length) and the earlier period that ended it unknown, if any. */
function runOf(
  periods: readonly PeriodCredits[],
  i: number,
  model: CreditModel,
  service: string,
  billing: BillingPeriod,
): { run: number; before: string | null } {
  const length = model.escalation!.length;
  let run = 1;
  for (let j = i - 1; run < length; j--, run++) {
    const o = owes(periods, j, model, service);
    if (o === false) break;
    if (o === null)
      return { run, before: j >= 0 ? periods[j]!.period.label : periodBefore(periods[0]!.period, -j, billing).label };
  }
  return { run, before: null };
}

function escalate(
  line: CreditLine,
  factors: readonly number[],
  run: number,
  before: string | null,
  period: Period,
  feeMinor: number | null,
): CreditLine {
  const factor = factors[Math.min(run, factors.length) - 1]!;
  // Exact: the product of two 6-decimal numbers, shown to the millionth; the amount from the unrounded product.
  const percent = scalePercent(line.percent, factor);
  return {
    ...line,
    basis: {
      ...line.basis,
      escalation: { periodsInARow: run, factor, ...(before !== null ? { unknownPeriod: before } : {}) },
    },
    percent,
    amountMinor: feeMinor === null ? null : scaledPercentOf(feeMinor, line.percent, factor),
    // The reason of the line escalated, and the run that escalates it.
    reason: {
      code: line.reason.code,
      args: {
        ...line.reason.args,
        run,
        orMore: run === factors.length && factors.length > 1,
        quarter: period.months === 3,
        ...(before !== null ? { unknownBefore: before } : {}),
        factor,
        escalated: percent,
      },
    },
  };
}

/**
 * Whether the year's cap could cut `total` once the earlier periods without evidence are known: each may have
 * owed up to what one period can (its caps), less what it is already counted for. Exact: minor units with a
 * fee, millionths of a percent without.
 */
function yearCapMayCut(
  total: CreditTotal,
  spec: CreditSpec,
  capPercent: number,
  perYear: number,
  earlier: ReadonlyArray<{ total: CreditTotal }>,
  /** Per unknown period, its total as counted (an audited period the evidence does not settle), or null (not audited). */
  unknown: ReadonlyArray<CreditTotal | null>,
  feeMinor: number | null,
): boolean {
  const most = Math.min(spec.capPercent ?? 100, spec.contractCapPercent ?? 100, 100);
  const known =
    earlier.every((e) => e.total.amountMinor !== null) && unknown.every((u) => u === null || u.amountMinor !== null);
  if (feeMinor !== null && total.amountMinor !== null && known) {
    const periodMost = percentOf(feeMinor, most);
    const counted = earlier.reduce((s, e) => s + e.total.amountMinor!, 0);
    const more = unknown.reduce((s, u) => s + Math.max(0, periodMost - (u?.amountMinor ?? 0)), 0);
    return cuttable(total.amountMinor, percentOf(feeMinor * perYear, capPercent) - counted, more);
  }
  const counted = earlier.reduce((s, e) => s + toMicro(e.total.percent), 0);
  const more = unknown.reduce((s, u) => s + Math.max(0, toMicro(most) - toMicro(u?.percent ?? 0)), 0);
  return cuttable(toMicro(total.percent), toMicro(capPercent) * perYear - counted, more);
}

/**
 * Whether what the year's cap lets through of `owed` (at most what is `left` after the known earlier periods) could
 * be less once `more` is known to have been taken too. A period the known periods already leave nothing is decided:
 * 0, however much more the unknown ones took.
 */
function cuttable(owed: number, left: number, more: number): boolean {
  const shown = Math.min(owed, Math.max(0, left));
  return shown > Math.max(0, left - more);
}

/** A line the year's cap may cut to less, or to nothing, once `unknownPeriods` are known: undecided, naming them. */
function yearUndecided(line: CreditLine, unknownPeriods: string[]): CreditLine {
  return {
    ...line,
    eligible: null,
    basis: { ...line.basis, yearCapUnknown: unknownPeriods },
    reason: { code: line.reason.code, args: { ...line.reason.args, yearCapUnknown: unknownPeriods } },
  };
}

/** A period's total within what the billing year's cap (percent of the year's fees) leaves after the earlier periods. */
function yearCapped(
  total: CreditTotal,
  capPercent: number,
  perYear: number,
  earlier: ReadonlyArray<{ total: CreditTotal }>,
  feeMinor: number | null,
  unknownPeriods: string[],
): CreditTotal {
  const earlierPercent = sumPercents(earlier.map((e) => e.total.percent));
  const capMinor = feeMinor === null ? null : percentOf(feeMinor * perYear, capPercent);
  const earlierMinor =
    capMinor === null || earlier.some((e) => e.total.amountMinor === null)
      ? null
      : earlier.reduce((s, e) => s + e.total.amountMinor!, 0);
  const year: YearCap = {
    capPercent,
    capAmountMinor: capMinor,
    earlierAmountMinor: earlierMinor,
    earlierPercent,
    unknownPeriods,
  };
  if (capMinor !== null && earlierMinor !== null && total.amountMinor !== null) {
    const left = Math.max(0, capMinor - earlierMinor);
    if (total.amountMinor <= left) return { ...total, year };
    // A fee of 0 leaves nothing to cut: the amount is 0, which is never above what is left.
    return {
      ...total,
      percent: percentOfFee(left, feeMinor!) ?? 0,
      amountMinor: left,
      capped: true,
      year: { ...year, reached: true },
    };
  }
  // In millionths of a percent: what the year leaves is exact, and so is whether the total is within it.
  const left = Math.max(0, toMicro(capPercent) * perYear - toMicro(earlierPercent));
  return toMicro(total.percent) <= left
    ? { ...total, year }
    : { ...total, percent: fromMicro(left), amountMinor: null, capped: true, year: { ...year, reached: true } };
}
