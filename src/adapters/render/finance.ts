import { rangeTotals, type PeriodOwed, type RangeTotal } from '../../core/credits/range-total.js';
import { printable } from '../../core/issues.js';
import { decimalAmount, decimalText, minorDigits, moneyText } from '../../core/money.js';
import { feeName } from '../../core/period.js';
import type { AuditReport, ReportHead } from '../../core/report.js';
import { formatIsoDate } from '../../core/time/civil.js';
import type { ChalkInstance } from 'chalk';
import type { Cell } from './csv.js';
import { markdownTable } from './markdown.js';
import { quantity } from './quantity.js';
import { renderTable } from './table.js';

/** Who claims from whom under which agreement, as the contract states it; null when it states none of it. */
export function partiesLine(r: ReportHead): string | null {
  const c = r.contract;
  if (!c) return null;
  const parts: string[] = [];
  if (c.reference !== null) parts.push(`contract ${printable(c.reference, 120)}`);
  if (c.customer !== null) parts.push(`customer ${printable(c.customer, 120)}`);
  const v = c.vendor;
  if (v && (v.name !== null || v.claimsContact !== null))
    parts.push(
      `vendor ${v.name === null ? '' : printable(v.name, 120)}${v.claimsContact === null ? '' : `${v.name === null ? '' : ' '}(claims: ${printable(v.claimsContact, 200)})`}`,
    );
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The fee the credits are percentages of, with its currency: finance checks every amount against it. */
export function feeText(r: ReportHead): string {
  return r.feeMinor === null
    ? `${feeName(r.period)} not given (pass --fee for amounts)`
    : `${feeName(r.period)} ${moneyText(r.feeMinor, r.currency)}`;
}

/** The credits table's title: the agreement it is claimed under, and the fee and currency of its amounts. */
export function creditsTitle(r: ReportHead): string {
  const ref = r.contract?.reference ?? null;
  return `Credits${ref === null ? '' : ` · contract ${printable(ref, 120)}`} · ${feeText(r)}`;
}

/** The deadline of a range's row as a person reads it. */
function deadline(p: Pick<PeriodOwed, 'claimBy' | 'daysLeft'>): string {
  if (p.claimBy === null) return '—';
  const by = formatIsoDate(p.claimBy);
  return p.daysLeft === null ? by : `${by} (${p.daysLeft === 0 ? 'last day' : `${quantity(p.daysLeft, 'day')} left`})`;
}

const money = (t: RangeTotal, minor: number | null) =>
  minor === null ? '—' : decimalText(minor, minorDigits(t.currency));

const RANGE_HEAD = ['period', 'owed', 'expired, not owed', 'undecided lines', 'next claim by'];
const RANGE_ALIGN: Array<'left' | 'right'> = ['left', 'right', 'right', 'right', 'left'];

/** A range's label: its first and last periods. */
const rangeLabel = (reports: readonly AuditReport[]) =>
  `${reports[0]!.period.label} – ${reports[reports.length - 1]!.period.label}`;

/** A range's credits as terminal tables, after the periods' reports; nothing for a single period. */
export function renderRangeTable(reports: readonly AuditReport[], c: ChalkInstance, width?: number): string {
  const out: string[] = [];
  for (const s of rangeSections(reports))
    out.push(c.bold(s.title), renderTable(RANGE_HEAD, s.rows, RANGE_ALIGN, width), c.bold(s.total), '');
  return out.length > 0 ? `\n${out.join('\n')}` : '';
}

/** The same in Markdown. */
export function renderRangeMarkdown(reports: readonly AuditReport[]): string {
  const out: string[] = [];
  for (const s of rangeSections(reports))
    out.push(`## ${s.title}`, '', markdownTable(RANGE_HEAD, s.rows, RANGE_ALIGN), `**${s.total}**`, '');
  return out.length > 0 ? `\n${out.join('\n')}` : '';
}

/**
 * A range's credits per currency: one row per period, a total row, and a sentence. Nothing for a
 * single period (its own total says it all) or a policy without a credit schedule.
 */
function rangeSections(reports: readonly AuditReport[]): Array<{ title: string; rows: string[][]; total: string }> {
  if (reports.length < 2 || reports.every((r) => r.policy.credits.models.length === 0)) return [];
  const ref = reports[0]!.contract?.reference ?? null;
  return rangeTotals(reports).map((t) => {
    const rows = t.periods.map((p) => [
      p.label,
      money(t, p.owedMinor),
      p.expiredLines > 0 ? money(t, p.expiredMinor) : '—',
      String(p.undecidedLines),
      deadline(p),
    ]);
    rows.push([
      `total ${t.currency}`,
      money(t, t.owedMinor),
      t.expiredLines > 0 ? money(t, t.expiredMinor) : '—',
      String(t.undecidedLines),
      deadline(t),
    ]);
    const amount = t.owedMinor === null ? 'unknown (pass --fee for amounts)' : `${money(t, t.owedMinor)} ${t.currency}`;
    const total =
      `Range total ${rangeLabel(reports)}: ${amount} owed over ${t.periods.length} periods` +
      (t.expiredLines > 0
        ? `; ${quantity(t.expiredLines, 'line')} expired unclaimed, not counted${t.expiredMinor === null ? '' : ` (${money(t, t.expiredMinor)} ${t.currency})`}`
        : '') +
      (t.undecidedLines > 0 ? `; ${quantity(t.undecidedLines, 'line')} undecided, not counted` : '');
    return {
      title: `Credits over the range ${rangeLabel(reports)}${ref === null ? '' : ` · contract ${printable(ref, 120)}`} · ${t.currency}`,
      rows,
      total,
    };
  });
}

/**
 * The credits CSV's last rows for a range, one per currency: `period` is "first/last", `rule` is
 * "range total", `amount` the sum of the periods' totals (expired lines not counted), `claim_by` the
 * earliest deadline still open. Columns as `creditsCsv`'s head.
 */
export function rangeCsvRows(reports: readonly AuditReport[]): Cell[][] {
  if (reports.length < 2) return [];
  const first = reports[0]!;
  const label = `${first.period.label}/${reports[reports.length - 1]!.period.label}`;
  return rangeTotals(reports).map((t): Cell[] => [
    label,
    first.policy.id,
    first.tier.id,
    first.contract?.reference ?? null,
    'range total',
    null,
    null,
    decimalAmount(t.owedMinor, t.currency),
    t.currency,
    null,
    t.claimBy === null ? null : formatIsoDate(t.claimBy),
    t.daysLeft,
    '',
    `sum of the ${t.periods.length} periods' totals${t.expiredLines > 0 ? `; ${t.expiredLines} expired line(s) not counted (${decimalAmount(t.expiredMinor, t.currency) ?? 'amount unknown'})` : ''}${t.undecidedLines > 0 ? `; ${t.undecidedLines} undecided line(s) not counted` : ''}`,
  ]);
}
