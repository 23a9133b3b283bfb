import type { ChalkInstance } from 'chalk';
import { minorDigits } from '../../core/money.js';
import { availabilityRows, AVAILABILITY_ALIGN, AVAILABILITY_HEAD, dayBar, downtimeRows, renderAvailabilitySection } from './availability-report.js';
import { csvTable, type Cell } from './csv.js';
import { markdownTable } from './markdown.js';
import type { Report } from './report.js';
import { renderTable } from './table.js';
import { headerLine, severityRows, SEVERITY_ALIGN, SEVERITY_HEAD, statusColor, summaryLine, ticketRows, TICKET_HEAD } from './tickets-report.js';

/** Which parts a report has: `tickets` reports tickets, `uptime` availability, `audit` what it was given. */
export interface Sections {
  tickets: boolean;
  availability: boolean;
  hasCreditModels: boolean;
}

export interface TextOptions extends Sections {
  chalk: ChalkInstance;
  /** Every ticket, not only breached and pending ones. */
  all: boolean;
}

const decimals = (r: Report) => minorDigits(r.currency);

function creditRows(r: Report): string[][] {
  return r.credits.map((c) => [c.rule, c.reason, `${c.percent}%`, c.eligible === true ? (c.amount === null ? '—' : c.amount.toFixed(decimals(r))) : c.eligible === false ? 'not payable' : 'undecided', c.claimBy ?? 'no deadline']);
}
const CREDIT_HEAD = ['rule', 'evidence', 'percent', 'amount', 'claim by'];
const CREDIT_ALIGN: Array<'left' | 'right'> = ['left', 'left', 'right', 'right', 'left'];

function totalLine(r: Report, hasModels: boolean): string {
  if (!hasModels) return 'Credits: no credit schedule in this policy.';
  const t = r.creditTotal;
  const amount = t.amount === null ? '(pass --fee for amounts)' : `${t.amount.toFixed(decimals(r))} ${t.currency}`;
  return `Credit total: ${t.percent}% of the monthly fee = ${amount}${t.capped ? ' (capped)' : ''}`;
}

function rowsLine(r: Report): string {
  const x = r.summary.rows;
  return `Rows: ${x.read} read, ${x.used} in ${r.period.label}, ${x.outsidePeriod} in other months, ${x.skipped} skipped${x.superseded ? `, ${x.superseded} superseded by later rows` : ''}.`;
}

export function renderReportTable(r: Report, o: TextOptions): string {
  const c = o.chalk;
  const out: string[] = [c.bold(headerLine(r))];
  if (o.tickets) {
    out.push('', summaryLine(r).replace(/(\d+) breached/, (m, n) => (Number(n) > 0 ? c.red.bold(m) : m)));
    const sev = severityRows(r);
    if (sev.length > 0) out.push(renderTable(SEVERITY_HEAD, sev, SEVERITY_ALIGN));
    const rows = ticketRows(r, o.all, (s) => statusColor(c, s));
    if (rows.length > 0) {
      out.push('', c.bold(o.all ? 'Tickets' : 'Breached and pending tickets') + (o.all ? '' : c.dim(' (--all shows every ticket)')));
      out.push(renderTable(TICKET_HEAD(r.period.zone), rows));
    } else if (r.summary.tickets > 0) out.push('', c.green('No ticket breached or pending.'));
  }
  if (o.availability) out.push('', ...renderAvailabilitySection(r, c, renderTable));
  out.push('');
  if (r.credits.length > 0) out.push(renderTable(CREDIT_HEAD, creditRows(r), CREDIT_ALIGN));
  out.push(c.bold(totalLine(r, o.hasCreditModels)), '');
  if (o.tickets) out.push(c.dim(rowsLine(r)));
  out.push(c.dim(`${r.assumptions.length} assumptions apply (listed in --format json and \`sla-audit policies show ${r.policy.id}\`).`));
  return out.join('\n') + '\n';
}

export function renderReportMarkdown(r: Report, o: Omit<TextOptions, 'chalk'>): string {
  const out = [`## SLA audit: ${r.policy.name}, ${r.period.label}`, '', `Tier **${r.policy.tier}** · period ${r.period.label} (${r.period.zone}) · as of ${r.asOf}`, ''];
  if (o.tickets) {
    out.push(`**${summaryLine(r)}**`, '');
    const sev = severityRows(r);
    if (sev.length > 0) out.push(markdownTable(SEVERITY_HEAD, sev, SEVERITY_ALIGN));
    const rows = ticketRows(r, o.all, (s) => (s === 'breached' ? `**${s}**` : s));
    if (rows.length > 0) out.push(`### ${o.all ? 'Tickets' : 'Breached and pending tickets'}`, '', markdownTable(TICKET_HEAD(r.period.zone), rows));
  }
  if (o.availability) {
    out.push('### Availability', '', markdownTable(AVAILABILITY_HEAD, availabilityRows(r, (met, text) => (met === false ? `**${text}**` : text)), AVAILABILITY_ALIGN));
    const all = r.availability.find((a) => a.service === 'all');
    if (all) {
      out.push(`Daily: \`${dayBar(r, all).bar}\``, '');
      const rows = downtimeRows(r, all);
      if (rows.length > 0) out.push(markdownTable([`from (${r.period.zone})`, 'to', 'length'], rows, ['left', 'left', 'right']));
    }
  }
  if (r.credits.length > 0) out.push('### Credits', '', markdownTable(CREDIT_HEAD, creditRows(r), CREDIT_ALIGN));
  out.push(totalLine(r, o.hasCreditModels), '');
  if (o.tickets) out.push(rowsLine(r), '');
  out.push('### Assumptions', '', ...r.assumptions.map((a) => `- **${a.id}**: ${a.text}`));
  return out.join('\n') + '\n';
}

/** One row per credit line and a total row: what finance needs. */
export function creditsCsv(r: Report): string {
  const head = ['period', 'policy', 'tier', 'rule', 'percent', 'amount', 'currency', 'eligible', 'claim_by', 'evidence', 'reason'];
  const evidence = (basis: Record<string, unknown>) =>
    basis.tickets ? (basis.tickets as Array<{ id: string }>).map((t) => t.id).join(' ') : basis.availabilityPercent !== undefined ? `${String(basis.service)} ${String(basis.availabilityPercent)}%` : '';
  const rows = r.credits.map((c): Cell[] => [r.period.label, r.policy.id, r.policy.tier, c.rule, c.percent, c.amount, c.currency, c.eligible, c.claimBy, evidence(c.basis), c.reason]);
  rows.push([r.period.label, r.policy.id, r.policy.tier, 'total', r.creditTotal.percent, r.creditTotal.amount, r.creditTotal.currency, null, null, r.creditTotal.capped ? 'capped' : '', 'sum of eligible lines, capped as the policy says']);
  return csvTable(head, rows);
}


