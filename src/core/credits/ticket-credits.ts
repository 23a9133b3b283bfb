import { fromMicro, percentOf, percentOfFee, sumPercents, toMicro } from '../money.js';
import type { Period } from '../period.js';
import { isTicketModel, type CreditSpec, type MetricId } from '../policy/model.js';
import type { TicketResult } from '../tickets/evaluate.js';
import { rowOf } from '../tickets/ongoing.js';
import { claimDeadline } from './claim.js';
import type { CreditLine, CreditTotal, OpenTicket, TicketEvidence } from './credit-line.js';

/** The first breached metric of a ticket among `metrics`, as evidence. */
export function failureOf(r: TicketResult, metrics: readonly MetricId[]): TicketEvidence | null {
  if (r.status === 'excluded') return null;
  for (const metric of metrics) {
    const m = r.metrics[metric];
    if (m?.status !== 'breached') continue;
    if (metric === 'ongoingResponse' || metric === 'updateCadence') {
      const gap = m.gaps?.find((g) => g.status === 'breached');
      if (gap)
        return {
          id: r.ticket.id,
          metric,
          dueAt: gap.dueAt,
          respondedAt: gap.end,
          source: rowOf(r.ticket),
          respondedFrom: gap.endFrom,
        };
    } else if (m.dueAt !== null) {
      return {
        id: r.ticket.id,
        metric,
        dueAt: m.dueAt,
        respondedAt: m.respondedAt,
        source: rowOf(r.ticket),
        respondedFrom:
          m.respondedAt === null
            ? undefined
            : metric === 'firstResponse'
              ? (r.ticket.firstResponseFrom ?? rowOf(r.ticket))
              : // A reopened ticket is resolved where its last resolution was read (an event), not at its row's.
                (m.reading?.resolvedFrom ?? rowOf(r.ticket)),
      };
    }
  }
  return null;
}

/**
 * The first metric among `metrics` the evidence has not decided (pending or not measured), for a ticket
 * none of whose metrics failed (see failureOf): it may yet owe what a failure owes.
 */
export function openOf(r: TicketResult, metrics: readonly MetricId[]): OpenTicket | null {
  if (r.status === 'excluded') return null;
  for (const metric of metrics) {
    const status = r.metrics[metric]?.status;
    if (status === 'pending' || status === 'not-measured')
      return { id: r.ticket.id, metric, status, source: rowOf(r.ticket) };
  }
  return null;
}

/**
 * Ticket credit lines of one period from each model's failures (see
 * failureOf): one line per failed ticket for a per-breach model, one line
 * for a threshold-count model once the count is reached. Excluded tickets
 * never count. A ticket not decided yet (see openOf) is not taken to owe
 * nothing: per breach, it makes an undecided line of what it would owe; a
 * threshold its open tickets could still reach makes one too. An undecided
 * line (`eligible: null`) is in no total, and keeps the period's credit from
 * being settled (claims, --fail-on credit).
 */
export function ticketCredits(
  failuresByModel: ReadonlyMap<string, readonly TicketEvidence[]>,
  spec: CreditSpec,
  period: Period,
  feeMinor: number | null,
  openByModel: ReadonlyMap<string, readonly OpenTicket[]> = new Map(),
): CreditLine[] {
  const lines: CreditLine[] = [];
  const claimBy = claimDeadline(period, spec);
  const amount = (percent: number) => (feeMinor === null ? null : percentOf(feeMinor, percent));
  for (const model of spec.models) {
    if (!isTicketModel(model)) continue;
    const failures = failuresByModel.get(model.id) ?? [];
    const open = openByModel.get(model.id) ?? [];
    if (model.kind === 'per-breach') {
      for (const f of failures) {
        lines.push({
          rule: model.id,
          kind: model.kind,
          basis: { tickets: [f] },
          percent: model.percent,
          amountMinor: amount(model.percent),
          eligible: true,
          reason: { code: 'CREDIT_PER_BREACH', args: { ticket: f.id, metric: f.metric, percent: model.percent } },
          claimBy,
        });
      }
      // What the ticket would owe if its metric fails, not 0: a claim lists it for review, a total leaves it out.
      for (const o of open) {
        lines.push({
          rule: model.id,
          kind: model.kind,
          basis: { tickets: [], open: [o] },
          percent: model.percent,
          amountMinor: amount(model.percent),
          eligible: null,
          reason: {
            code: 'CREDIT_TICKET_UNDECIDED',
            args: { ticket: o.id, metric: o.metric, status: o.status, percent: model.percent },
          },
          claimBy,
        });
      }
    } else if (failures.length >= model.atLeast) {
      lines.push({
        rule: model.id,
        kind: model.kind,
        basis: { tickets: [...failures], count: failures.length, threshold: model.atLeast },
        percent: model.percent,
        amountMinor: amount(model.percent),
        eligible: true,
        reason: {
          code: 'CREDIT_MISSED_TARGETS',
          args: {
            missed: failures.length,
            metrics: model.metrics,
            period: period.label,
            atLeast: model.atLeast,
            percent: model.percent,
          },
        },
        claimBy,
      });
    } else if (failures.length + open.length >= model.atLeast) {
      // The open tickets could still bring the count to the threshold: the model's percent, undecided.
      lines.push({
        rule: model.id,
        kind: model.kind,
        basis: { tickets: [...failures], open: [...open], count: failures.length, threshold: model.atLeast },
        percent: model.percent,
        amountMinor: amount(model.percent),
        eligible: null,
        reason: {
          code: 'CREDIT_MISSED_TARGETS_UNDECIDED',
          args: {
            missed: failures.length,
            undecided: open.length,
            metrics: model.metrics,
            period: period.label,
            atLeast: model.atLeast,
            percent: model.percent,
          },
        },
        claimBy,
      });
    }
  }
  return lines;
}

/**
 * The sum of eligible lines, capped at the policy's cap (percent of the fee).
 * Lines owed for a service with a fee of its own are capped on that fee;
 * the total — the sum of every group's — is capped again on `reportFeeMinor`
 * (the whole bill), and its percentage is of that; a contract's own cap
 * applies to that total too. Ticket lines are on the contract's fee; without
 * one, their amounts and so the total are unknown.
 */
export function creditTotal(
  lines: readonly CreditLine[],
  spec: CreditSpec,
  feeMinor: number | null,
  reportFeeMinor: number | null = feeMinor,
): CreditTotal {
  let total: CreditTotal;
  // Nothing owed is nothing, on whichever fee the report states (with fees per service only, the contract has none).
  if (lines.length === 0)
    total = { percent: 0, amountMinor: (feeMinor ?? reportFeeMinor) === null ? null : 0, capped: false };
  else if (!lines.some((l) => l.service !== undefined)) total = cappedTotal(lines, spec, feeMinor);
  else {
    const groups = new Map<string, { fee: number | null; lines: CreditLine[] }>();
    for (const l of lines) {
      const key = l.service ?? '';
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { fee: l.service === undefined ? feeMinor : (l.feeMinor ?? null), lines: [] }));
      g.lines.push(l);
    }
    const totals = [...groups.values()].map((g) => cappedTotal(g.lines, spec, g.fee));
    const known = totals.every((t) => t.amountMinor !== null) && reportFeeMinor !== null;
    let amount = known ? totals.reduce((s, t) => s + t.amountMinor!, 0) : null;
    let capped = totals.some((t) => t.capped);
    // Never more than the whole bill, whatever the services' own fees add up to (a bundle priced below them).
    const cap = Math.min(spec.capPercent ?? 100, 100);
    if (amount !== null && amount > percentOf(reportFeeMinor!, cap)) {
      amount = percentOf(reportFeeMinor!, cap);
      capped = true;
    }
    // The percentage of the bill the amount is; of a bill of nothing (every fee 0) no share can be said, so the
    // services' own percentages stand, as without fees.
    const ofBill = amount !== null ? percentOfFee(amount, reportFeeMinor!) : null;
    const percent = ofBill ?? Math.min(sumPercents(totals.map((t) => t.percent)), cap);
    total = { percent, amountMinor: amount, capped };
  }
  // A contract's own cap on the whole bill, besides the policy's on each fee.
  const whole = spec.contractCapPercent;
  if (
    whole !== null &&
    total.amountMinor !== null &&
    reportFeeMinor !== null &&
    total.amountMinor > percentOf(reportFeeMinor, whole)
  ) {
    const amount = percentOf(reportFeeMinor, whole);
    total = { percent: percentOfFee(amount, reportFeeMinor) ?? whole, amountMinor: amount, capped: true };
  } else if (whole !== null && total.amountMinor === null && toMicro(total.percent) > toMicro(whole))
    total = { percent: whole, amountMinor: null, capped: true };
  return payable(total, spec);
}

/** AWS: "issued only if the credit amount … is greater than one dollar" — a smaller total is not paid. */
export function payable(total: CreditTotal, spec: CreditSpec): CreditTotal {
  const minimum = spec.minimumPayableMinor;
  if (minimum !== null && total.amountMinor !== null && total.amountMinor > 0 && total.amountMinor < minimum)
    return { ...total, percent: 0, amountMinor: 0, belowMinimum: true };
  return total;
}

/**
 * One fee's lines: the eligible ones summed, capped at the policy's cap. Percentages are summed exactly
 * (in millionths); the cap is reached only when it cuts something — lines that add up to exactly the
 * cap are not capped — and it cuts the amount too where the lines, each rounded half up, come to more
 * than the cap's amount.
 */
function cappedTotal(lines: readonly CreditLine[], spec: CreditSpec, feeMinor: number | null): CreditTotal {
  const eligible = lines.filter((l) => l.eligible === true);
  const micro = eligible.reduce((s, l) => s + toMicro(l.percent), 0);
  const amount = feeMinor === null ? null : eligible.reduce((s, l) => s + (l.amountMinor ?? 0), 0);
  const cap = spec.capPercent;
  if (cap === null) return { percent: fromMicro(micro), amountMinor: amount, capped: false };
  const capAmount = feeMinor === null ? null : percentOf(feeMinor, cap);
  const cutPercent = micro > toMicro(cap);
  const cutAmount = amount !== null && capAmount !== null && amount > capAmount;
  if (!cutPercent && !cutAmount) return { percent: fromMicro(micro), amountMinor: amount, capped: false };
  return { percent: cutPercent ? cap : fromMicro(micro), amountMinor: cutAmount ? capAmount : amount, capped: true };
}
