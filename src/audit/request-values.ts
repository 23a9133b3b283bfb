import { relative, resolve } from 'node:path';
import { parseIsoTimestamp } from '../adapters/ingest/iso-timestamp.js';
import { inside } from './paths.js';
import { expandPattern, isPattern, type InputSource } from '../adapters/ingest/records.js';
import type { Contract } from '../core/contract.js';
import { claimDeadline } from '../core/credits/claim.js';
import { UsageError } from '../core/issues.js';
import { maxAmountText, minorDigits, readAmount, shareOfAnnual } from '../core/money.js';
import {
  lastCompletePeriod,
  monthPeriod,
  parseMonthLabel,
  parsePeriodLabel,
  periodAt,
  periodRange,
  type BillingPeriod,
  type Period,
} from '../core/period.js';
import type { Policy } from '../core/policy/model.js';
import { SUPPORTED_FROM_MS, SUPPORTED_TO_MS } from '../core/time/calendar.js';
import { daysFromCivil, formatIsoDate } from '../core/time/civil.js';
import type { RequestOptions } from './request.js';

// The values of a request, each read from a flag or the contract and checked where it is read.

/** --as-of: an ISO 8601 instant with an offset, within the years the engine supports; default now. */
export function parseAsOf(text: string | undefined, now: () => number): number {
  if (text === undefined) return now();
  const kind = { naive: false };
  const t = parseIsoTimestamp(text, kind);
  if (Number.isNaN(t) || kind.naive) {
    throw new UsageError(
      `--as-of must be an ISO 8601 timestamp with an offset, e.g. 2026-11-01T00:00:00Z (got: "${text}")`,
    );
  }
  if (t < SUPPORTED_FROM_MS || t >= SUPPORTED_TO_MS)
    throw new UsageError(
      `--as-of must be between 1900-01-01 and 2199-12-31 (UTC), the years sla-audit supports (got: "${text}")`,
    );
  return t;
}

export function periodsOf(o: RequestOptions, asOf: number, zone: string, billing: BillingPeriod): Period[] {
  const month = (flag: string, text: string) => {
    const m = parsePeriodLabel(text, billing);
    if (typeof m === 'string') throw new UsageError(`${flag} ${m} (got: "${text}")`);
    // The years the engine and the report schema support.
    if (m.year < 1900 || m.year > 2199)
      throw new UsageError(`${flag} must be a ${billing.kind} of the years 1900–2199 (got: "${text}")`);
    return m;
  };
  if (o.from !== undefined || o.to !== undefined) {
    if (o.from === undefined || o.to === undefined)
      throw new UsageError('--from and --to go together (both YYYY-MM, inclusive)');
    if (o.month !== undefined) throw new UsageError('give --month or --from/--to, not both');
    const from = month('--from', o.from);
    const to = month('--to', o.to);
    const count = (to.year - from.year) * 12 + (to.month - from.month) + 1;
    if (count <= 0) throw new UsageError(`--from ${o.from} is after --to ${o.to}`);
    if (count > 120) throw new UsageError(`--from/--to spans ${count} months; at most 120 (ten years) per run`);
    return periodRange(from, to, zone, billing);
  }
  if (o.month !== undefined) {
    const m = month('--month', o.month);
    return [periodAt(m.year, m.month, zone, billing)];
  }
  return [lastCompletePeriod(asOf, zone, billing)];
}

/**
 * Why an amount is refused, and the largest one accepted: sla-audit computes in whole minor units, and
 * refuses what it could not print back exactly rather than round it (90071992547409.91 is no fee to
 * read as 90071992547409.9).
 */
export function amountProblem(where: string, problem: 'format' | 'too-large', text: string, currency: string): string {
  const digits = minorDigits(currency);
  const max = maxAmountText(digits);
  if (problem === 'too-large')
    return `${where} is more than the largest amount sla-audit computes exactly (expected at most ${max} ${currency}; got: "${text}") — check the amount and its currency: is it the fee of one period?`;
  return `${where} must be an amount in ${currency} with at most ${digits} decimals (expected e.g. 1200.00, at most ${max}; got: "${text}") — write digits and a decimal point only, without separators or a currency sign`;
}

/** The last date a report holds (its years are 1900–2199, as the report schema says). */
const LAST_DAY = daysFromCivil(2199, 12, 31);

/** A claim deadline is a date of the report: one past 2199 (a period at the range's end) is refused, not written. */
export function lastClaimWithinRange(policy: Policy, period: Period): void {
  const day = policy.credits.models.length === 0 ? null : claimDeadline(period, policy.credits);
  if (day !== null && day > LAST_DAY) {
    throw new UsageError(
      `${period.label}: its credits' claim deadline would be ${formatIsoDate(day)} (policy ${policy.id}: credits.claimBy), after 2199-12-31, the last date sla-audit supports — audit an earlier period`,
    );
  }
}

/** The fee of a billing period of `months` months: the monthly fee times them, or the annual fee's share (half up). */
export function feeOf(o: RequestOptions, contract: Contract | null, currency: string, months: number): number | null {
  if (o.fee !== undefined && o.annualFee !== undefined)
    throw new UsageError('give --fee (monthly) or --annual-fee, not both');
  // A fee flag replaces the contract's fee, whichever kind either is.
  const fromFlags = o.fee !== undefined || o.annualFee !== undefined;
  const monthly = fromFlags ? o.fee : (contract?.monthlyFee ?? undefined);
  const annual = fromFlags ? o.annualFee : (contract?.annualFee ?? undefined);
  const text = monthly ?? annual;
  if (text === undefined) return null;
  const read = readAmount(text, minorDigits(currency));
  const where = fromFlags
    ? `--${monthly !== undefined ? 'fee' : 'annual-fee'}`
    : `${contract!.file}: fee.${monthly !== undefined ? 'monthly' : 'annual'}`;
  if (!('minor' in read)) throw new UsageError(amountProblem(where, read.problem, text, currency));
  return monthly !== undefined ? read.minor * months : shareOfAnnual(read.minor, months);
}

/** A contract's coverage months as instants: from the first month's start to the last one's end. */
export function coverageSpan(c: { from: string; to: string }, zone: string): readonly [number, number] {
  const [from, to] = [parseMonthLabel(c.from)!, parseMonthLabel(c.to)!];
  return [monthPeriod(from.year, from.month, zone).start, monthPeriod(to.year, to.month, zone).end];
}

/**
 * Inputs as given, with each pattern (`exports/tickets-*.csv`) expanded in name order, each file named
 * as the report names it (see `inputPath`); a pattern that matches nothing is an error.
 */
export function inputsOf(
  given: readonly InputSource[],
  cwd: string,
  stdinAs: (s: InputSource) => InputSource,
  base = cwd,
): InputSource[] {
  return given.flatMap((s) => {
    if (typeof s !== 'string' || s === '-') return [stdinAs(s)];
    if (!isPattern(s)) return [inputPath(s, cwd, base)];
    const files = expandPattern(s, cwd);
    if (files.length === 0) throw new UsageError(`no file matches ${s} (patterns: * and ? in the file name)`);
    return files.map((f) => inputPath(f, cwd, base));
  });
}

/** Whether `file` (absolute) lies inside `dir`. */
/**
 * An input (given relative to `cwd`, or absolute) as a report names it and the audit opens it:
 * relative to `base` — the contract's folder, or the working folder without a contract — where it
 * lies inside that folder or the working folder (`../exports/tickets.csv`); absolute only where
 * neither holds it (a report travels; an absolute path names a machine).
 */
export function inputPath(file: string, cwd: string, base: string): string {
  const abs = resolve(cwd, file);
  return inside(abs, base) || inside(abs, cwd) ? relative(base, abs) : abs;
}
