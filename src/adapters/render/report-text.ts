import { feeName } from '../../core/period.js';
import type { ChalkInstance } from 'chalk';
import type { CreditLine } from '../../core/credits/credit-line.js';
import { decimalAmount, decimalText, minorDigits, percentOf, percentShown } from '../../core/money.js';
import { printable } from '../../core/issues.js';
import { append } from '../../core/lists.js';
import type { AuditReport } from '../../core/report.js';
import { formatIsoDate } from '../../core/time/civil.js';
import {
  availabilityRows,
  AVAILABILITY_ALIGN,
  AVAILABILITY_HEAD,
  dayBar,
  downtimeRows,
  renderAvailabilitySection,
} from './availability-report.js';
import { csvTable, type Cell } from './csv.js';
import { creditsTitle, feeText, partiesLine, rangeCsvRows } from './finance.js';
import { isoUtc } from './iso.js';
import { markdownTable } from './markdown.js';
import { renderTable } from './table.js';
import { creditReason } from './wording.js';
import {
  headerLine,
  marksPriority,
  PRIORITY_MARKS,
  severityTable,
  statusColor,
  summaryLine,
  ticketRows,
  TICKET_HEAD,
} from './tickets-report.js';
import { quantity } from './quantity.js';

export interface TextOptions {
  chalk: ChalkInstance;
  /** Every ticket, not only breached and pending ones. */
  all: boolean;
  /** The terminal's columns, which tables fit; none off a terminal. */
  width?: number | undefined;
}

/** An amount in minor units as the currency writes it ("125.00"), every digit exact; null stays null. */
function amountText(r: AuditReport, minor: number | null): string | null {
  return minor === null ? null : decimalText(minor, minorDigits(r.currency));
}

const claimByText = (c: CreditLine) => (c.claimBy === null ? null : formatIsoDate(c.claimBy));

/** The deadline as a person reads it: the date and the days left, or that it has passed. */
function claimCell(c: CreditLine): string {
  const by = claimByText(c);
  if (by === null) return 'no deadline';
  if (c.expired) return `expired ${by}`;
  return c.daysLeft === null || c.daysLeft === undefined || c.eligible === false
    ? by
    : `${by} (${c.daysLeft === 0 ? 'last day' : `${quantity(c.daysLeft, 'day')} left`})`;
}

/** The lines still owed or undecided, or (`expired`) those whose deadline has passed: shown apart, never owed. */
function creditRows(r: AuditReport, expired: boolean): string[][] {
  // An expired line's amount is what was lost by not claiming in time: its table's title says it is not owed.
  const amount = (c: CreditLine) =>
    c.expired
      ? (amountText(r, c.amountMinor) ?? '—')
      : c.eligible === true
        ? (amountText(r, c.amountMinor) ?? '—')
        : c.eligible === false
          ? 'not payable'
          : 'undecided';
  const lines = r.credits.filter((c) => (c.expired === true) === expired);
  return lines.map((c) => [
    c.rule,
    printable(creditReason(c), 300),
    `${percentShown(c.percent)}%`,
    amount(c),
    claimCell(c),
  ]);
}
const CREDIT_HEAD = ['rule', 'evidence', 'percent', 'amount', 'claim by'];
const CREDIT_ALIGN: Array<'left' | 'right'> = ['left', 'left', 'right', 'right', 'left'];

function totalLine(r: AuditReport): string {
  if (r.policy.credits.models.length === 0) return 'Credits: no credit schedule in this policy.';
  const t = r.creditTotal;
  const amount = t.amountMinor === null ? '(pass --fee for amounts)' : `${amountText(r, t.amountMinor)} ${r.currency}`;
  // The total is the sum of the lines, each rounded to the minor unit: say so where it differs from the percentage of the fee.
  const sumOfLines =
    t.amountMinor !== null && r.feeMinor !== null && !t.capped && t.amountMinor !== percentOf(r.feeMinor, t.percent)
      ? ' (the sum of the lines, each rounded)'
      : '';
  const undecided = r.credits.filter((c) => c.eligible === null && !c.expired).length;
  if (t.belowMinimum)
    return `Credit total: nothing payable — the lines add up to less than the policy's minimum of ${amountText(r, r.policy.credits.minimumPayableMinor)} ${r.currency}`;
  const y = t.year;
  const year = !y
    ? ''
    : `; ${y.reached ? 'cut to what is left of' : 'within'} the yearly cap of ${y.capPercent}% of the year's fees${y.earlierAmountMinor !== null && y.capAmountMinor !== null ? ` (${amountText(r, y.capAmountMinor)} ${r.currency}; ${amountText(r, y.earlierAmountMinor)} owed earlier this year)` : ` (${percentShown(y.earlierPercent)}% owed earlier this year)`}${y.unknownPeriods.length > 0 ? `, not counting ${y.unknownPeriods.join(', ')}` : ''}`;
  const expired = t.expired
    ? `; ${quantity(t.expired.lines, 'line')} expired unclaimed, not counted (${percentShown(t.expired.percent)}%${t.expired.amountMinor !== null ? ` = ${amountText(r, t.expired.amountMinor)} ${r.currency}` : ''})`
    : '';
  return `Credit total: ${percentShown(t.percent)}% of the ${feeName(r.period)} = ${amount}${t.capped && !y?.reached ? ' (capped)' : ''}${sumOfLines}${year}${undecided > 0 ? `; ${quantity(undecided, 'line')} undecided, not counted` : ''}${expired}`;
}

function rowsLine(r: AuditReport): string {
  const x = r.rows;
  return `Rows: ${x.read} read, ${x.used} in ${r.period.label}, ${x.outsidePeriod} in other months, ${x.skipped} skipped${x.superseded ? `, ${x.superseded} superseded by later rows` : ''}${x.filtered ? `, ${x.filtered} passed over as not tickets` : ''}.`;
}

export function renderReportTable(r: AuditReport, o: TextOptions): string {
  const c = o.chalk;
  const table = (head: string[], rows: string[][], align?: Array<'left' | 'right'>, drop?: readonly number[]) =>
    renderTable(head, rows, align, o.width, drop);
  const out: string[] = [c.bold(headerLine(r))];
  const parties = partiesLine(r);
  if (parties !== null) out.push(parties);
  if (r.sections.tickets) {
    out.push(
      '',
      summaryLine(r).replace(/(\d+) breached/, (m, n) => (Number(n) > 0 ? c.red.bold(m) : m)),
    );
    const sev = severityTable(r);
    if (sev.rows.length > 0) out.push(table(sev.head, sev.rows, sev.align));
    const rows = ticketRows(r, o.all, (s) => statusColor(c, s));
    if (rows.length > 0) {
      out.push(
        '',
        c.bold(o.all ? 'Tickets' : 'Breached and pending tickets') +
          (o.all ? '' : c.dim(' (--all shows every ticket)')),
      );
      // On a narrow terminal the creation time goes first, then the target: the due time and the verdict stay.
      out.push(renderTable(TICKET_HEAD(r.period.zone), rows, undefined, o.width, [2, 3]));
      if (marksPriority(rows)) out.push(c.dim(`priority: ${PRIORITY_MARKS}`));
    } else if (r.summary.tickets > 0) out.push('', c.green('No ticket breached or pending.'));
  }
  if (r.sections.availability) {
    out.push('');
    append(out, renderAvailabilitySection(r, c, table));
  }
  out.push('');
  if (r.policy.credits.models.length > 0) out.push(c.bold(creditsTitle(r)));
  const owed = creditRows(r, false);
  if (owed.length > 0) out.push(table(CREDIT_HEAD, owed, CREDIT_ALIGN));
  const expired = creditRows(r, true);
  if (expired.length > 0)
    out.push(c.bold('Expired claims (deadline passed: not owed)'), table(CREDIT_HEAD, expired, CREDIT_ALIGN));
  out.push(c.bold(totalLine(r)), '');
  if (r.sections.tickets) out.push(c.dim(rowsLine(r)));
  out.push(
    c.dim(
      `${r.policy.assumptions.length === 1 ? '1 assumption applies' : `${r.policy.assumptions.length} assumptions apply`} (listed in --format json and \`sla-audit policies show ${r.policy.id}\`).`,
    ),
  );
  return out.join('\n') + '\n';
}

export function renderReportMarkdown(r: AuditReport, o: Omit<TextOptions, 'chalk'>): string {
  const out = [
    `## SLA audit: ${r.policy.name}, ${r.period.label}`,
    '',
    `Tier **${r.tier.id}** · period ${r.period.label} (${r.period.zone}) · ${feeText(r)} · as of ${isoUtc(r.asOf)}`,
    '',
  ];
  const parties = partiesLine(r);
  if (parties !== null) out.push(parties, '');
  if (r.sections.tickets) {
    out.push(`**${summaryLine(r)}**`, '');
    const sev = severityTable(r);
    if (sev.rows.length > 0) out.push(markdownTable(sev.head, sev.rows, sev.align));
    const rows = ticketRows(r, o.all, (s) => (s === 'breached' ? `**${s}**` : s));
    if (rows.length > 0) {
      out.push(
        `### ${o.all ? 'Tickets' : 'Breached and pending tickets'}`,
        '',
        markdownTable(TICKET_HEAD(r.period.zone), rows),
      );
      if (marksPriority(rows)) out.push(`Priority: ${PRIORITY_MARKS}.`, '');
    }
  }
  if (r.sections.availability) {
    out.push(
      '### Availability',
      '',
      markdownTable(
        AVAILABILITY_HEAD,
        availabilityRows(r, (met, text) => (met === false ? `**${text}**` : text)),
        AVAILABILITY_ALIGN,
      ),
    );
    const all = r.availability.find((a) => a.service === 'all');
    if (all) {
      out.push(`Daily: \`${dayBar(r, all).bar}\``, '');
      const rows = downtimeRows(r, all);
      if (rows.length > 0)
        out.push(markdownTable([`from (${r.period.zone})`, 'to', 'length'], rows, ['left', 'left', 'right']));
    }
  }
  if (r.policy.credits.models.length > 0) out.push(`### ${creditsTitle(r)}`, '');
  const owed = creditRows(r, false);
  if (owed.length > 0) out.push(markdownTable(CREDIT_HEAD, owed, CREDIT_ALIGN));
  const expired = creditRows(r, true);
  if (expired.length > 0)
    out.push('#### Expired claims (deadline passed: not owed)', '', markdownTable(CREDIT_HEAD, expired, CREDIT_ALIGN));
  out.push(totalLine(r), '');
  if (r.sections.tickets) out.push(rowsLine(r), '');
  out.push('### Assumptions', '');
  append(
    out,
    r.policy.assumptions.map((a) => `- **${a.id}**: ${a.text}`),
  );
  return out.join('\n') + '\n';
}

/** The credits CSV's columns: the fee, currency and contract reference on every row. */
const CREDITS_HEAD = [
  'period',
  'policy',
  'tier',
  'contract',
  'rule',
  'percent',
  'fee',
  'amount',
  'currency',
  'eligible',
  'claim_by',
  'days_left',
  'evidence',
  'reason',
];

/** One row per credit line and a total row: what finance needs. */
export function creditsCsv(r: AuditReport): string {
  return csvTable(CREDITS_HEAD, creditCsvRows(r));
}

/** Every period's rows under one header, then the range's total per currency (see `rangeCsvRows`). */
export function creditsRangeCsv(reports: readonly AuditReport[]): string {
  const rows: Cell[][] = [];
  for (const r of reports) append(rows, creditCsvRows(r));
  return csvTable(CREDITS_HEAD, append(rows, rangeCsvRows(reports)));
}

function creditCsvRows(r: AuditReport): Cell[][] {
  const evidence = (basis: CreditLine['basis']) =>
    basis.tickets
      ? // The tickets not decided yet too: the ones an undecided line waits on.
        [...basis.tickets, ...(basis.open ?? [])].map((t) => t.id).join(' ')
      : basis.availabilityPercent !== undefined
        ? `${String(basis.service)} ${String(basis.availabilityPercent)}%`
        : '';
  const amount = (minor: number | null) => decimalAmount(minor, r.currency);
  const contract = r.contract?.reference ?? null;
  // An expired line says so where finance filters (eligible), never true: it is not owed any more.
  const rows = r.credits.map((c): Cell[] => [
    r.period.label,
    r.policy.id,
    r.tier.id,
    contract,
    c.rule,
    c.percent,
    // A service's line is a percentage of that service's fee; any other, of the period's.
    amount(c.service !== undefined ? (c.feeMinor ?? null) : r.feeMinor),
    amount(c.amountMinor),
    r.currency,
    c.expired ? 'expired' : (c.eligible ?? 'undecided'),
    claimByText(c),
    c.expired ? null : (c.daysLeft ?? null),
    evidence(c.basis),
    creditReason(c),
  ]);
  rows.push([
    r.period.label,
    r.policy.id,
    r.tier.id,
    contract,
    'total',
    r.creditTotal.percent,
    amount(r.feeMinor),
    amount(r.creditTotal.amountMinor),
    r.currency,
    null,
    null,
    null,
    r.creditTotal.capped ? 'capped' : '',
    'sum of eligible lines not expired, capped as the policy says',
  ]);
  const gone = r.creditTotal.expired;
  if (gone)
    rows.push([
      r.period.label,
      r.policy.id,
      r.tier.id,
      contract,
      'expired',
      gone.percent,
      amount(r.feeMinor),
      amount(gone.amountMinor),
      r.currency,
      'expired',
      null,
      null,
      '',
      `${gone.lines} line(s) whose claim deadline has passed: not owed, not in the total`,
    ]);
  return rows;
}
