import type { ChalkInstance } from 'chalk';
import { minorDigits } from '../../core/money.js';
import type { Cell } from './csv.js';
import { csvTable } from './csv.js';
import { localTimeFormatter } from './local-time.js';
import { markdownTable } from './markdown.js';
import type { Report } from './report.js';
import { renderTable } from './table.js';

type TicketJson = Report['tickets'][number];
type MetricJson = TicketJson['firstResponse'];

export interface TextOptions {
  chalk: ChalkInstance;
  /** Every ticket, not only breached and pending ones. */
  all: boolean;
}

const parse = (iso: string | null) => (iso === null ? null : Date.parse(iso));

function statusColor(c: ChalkInstance, status: string): string {
  if (status === 'breached') return c.red.bold(status);
  if (status === 'pending') return c.yellow(status);
  if (status === 'met') return c.green(status);
  return c.dim(status);
}

/** The metric that decided the ticket's status (the first breached, else pending, else first response). */
function decisive(t: TicketJson): [string, MetricJson] {
  const metrics: Array<[string, MetricJson | undefined]> = [
    ['first response', t.firstResponse],
    ['ongoing response', t.ongoingResponse as MetricJson | undefined],
    ['resolution', t.resolution as MetricJson | undefined],
  ];
  for (const want of ['breached', 'pending']) {
    const hit = metrics.find(([, m]) => m?.status === want);
    if (hit) return [hit[0], hit[1]!];
  }
  return ['first response', t.firstResponse];
}

const priorityText = (t: TicketJson) =>
  t.priority === null ? `(none) → ${t.effectivePriority}` : t.priority.toLowerCase() === t.effectivePriority.toLowerCase() ? t.priority : `${t.priority} → ${t.effectivePriority}`;

export function headerLine(r: Report): string {
  return `${r.policy.name} · tier ${r.policy.tier}${r.policy.level ? ` (${r.policy.level})` : ''} · period ${r.period.label} (${r.period.zone}) · as of ${r.asOf}`;
}

export function summaryLine(r: Report): string {
  const s = r.summary;
  const parts = [`${s.tickets} tickets`, `${s.met} met`, `${s.breached} breached`, `${s.pending} pending`, `${s.excluded} excluded`, `${s.noTarget} no target`];
  if (s.notMeasured > 0) parts.push(`${s.notMeasured} not measured`);
  return parts.join(' · ');
}

function severityRows(r: Report): string[][] {
  return Object.entries(r.summary.bySeverity)
    .filter(([, c]) => c.tickets > 0)
    .map(([p, c]) => [p, String(c.tickets), String(c.met), String(c.breached), String(c.pending), String(c.excluded), String(c.noTarget)]);
}
const SEVERITY_HEAD = ['priority', 'tickets', 'met', 'breached', 'pending', 'excluded', 'no target'];
const SEVERITY_ALIGN: Array<'left' | 'right'> = ['left', 'right', 'right', 'right', 'right', 'right', 'right'];

function ticketRows(r: Report, all: boolean, color: (status: string) => string): string[][] {
  const local = localTimeFormatter(r.period.zone);
  return r.tickets
    .filter((t) => all || t.status === 'breached' || t.status === 'pending')
    .map((t) => {
      const [name, m] = decisive(t);
      const note = [t.status === 'breached' || t.status === 'pending' ? name : '', ...t.reasons.map((x) => x.text)].filter(Boolean).join('; ');
      return [t.id, priorityText(t), local(parse(t.createdAt)), m.target ?? '—', local(parse(m.dueAt)), local(parse(m.respondedAt)), color(t.status), note];
    });
}
const TICKET_HEAD = (zone: string) => ['id', 'priority', `created (${zone})`, 'target', 'due', 'responded', 'status', 'why'];

function creditRows(r: Report): string[][] {
  return r.credits.map((c) => [c.rule, c.reason, `${c.percent}%`, c.amount === null ? '—' : c.amount.toFixed(decimals(r)), c.claimBy ?? 'no deadline']);
}
const CREDIT_HEAD = ['rule', 'evidence', 'percent', 'amount', 'claim by'];
const CREDIT_ALIGN: Array<'left' | 'right'> = ['left', 'left', 'right', 'right', 'left'];

const decimals = (r: Report) => minorDigits(r.currency);

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

export function renderTicketsTable(r: Report, opts: TextOptions & { hasCreditModels: boolean }): string {
  const c = opts.chalk;
  const out: string[] = [c.bold(headerLine(r)), '', summaryLine(r).replace(/(\d+) breached/, (m, n) => (Number(n) > 0 ? c.red.bold(m) : m))];
  const sev = severityRows(r);
  if (sev.length > 0) out.push(renderTable(SEVERITY_HEAD, sev, SEVERITY_ALIGN));
  const rows = ticketRows(r, opts.all, (s) => statusColor(c, s));
  if (rows.length > 0) {
    out.push('', c.bold(opts.all ? 'Tickets' : 'Breached and pending tickets') + (opts.all ? '' : c.dim(' (--all shows every ticket)')));
    out.push(renderTable(TICKET_HEAD(r.period.zone), rows));
  } else if (r.summary.tickets > 0) out.push('', c.green('No ticket breached or pending.'));
  out.push('');
  if (r.credits.length > 0) out.push(renderTable(CREDIT_HEAD, creditRows(r), CREDIT_ALIGN));
  out.push(c.bold(totalLine(r, opts.hasCreditModels)), '', c.dim(rowsLine(r)), c.dim(`${r.assumptions.length} assumptions apply (listed in --format json and \`sla-audit policies show ${r.policy.id}\`).`));
  return out.join('\n') + '\n';
}

export function renderTicketsMarkdown(r: Report, opts: { all: boolean; hasCreditModels: boolean }): string {
  const out = [`## SLA audit: ${r.policy.name}, ${r.period.label}`, '', `Tier **${r.policy.tier}** · period ${r.period.label} (${r.period.zone}) · as of ${r.asOf}`, '', `**${summaryLine(r)}**`, ''];
  const sev = severityRows(r);
  if (sev.length > 0) out.push(markdownTable(SEVERITY_HEAD, sev, SEVERITY_ALIGN));
  const rows = ticketRows(r, opts.all, (s) => (s === 'breached' ? `**${s}**` : s));
  if (rows.length > 0) out.push(`### ${opts.all ? 'Tickets' : 'Breached and pending tickets'}`, '', markdownTable(TICKET_HEAD(r.period.zone), rows));
  if (r.credits.length > 0) out.push('### Credits', '', markdownTable(CREDIT_HEAD, creditRows(r), CREDIT_ALIGN));
  out.push(totalLine(r, opts.hasCreditModels), '', rowsLine(r), '', '### Assumptions', '', ...r.assumptions.map((a) => `- **${a.id}**: ${a.text}`));
  return out.join('\n') + '\n';
}

const metricCells = (m: MetricJson | undefined): Cell[] => (m ? [m.target, m.dueAt, m.respondedAt, m.elapsedSeconds, m.status] : [null, null, null, null, null]);

/** One row per ticket. */
export function ticketsCsv(r: Report): string {
  const metricHead = (p: string) => [`${p}_target`, `${p}_due_at`, `${p}_responded_at`, `${p}_elapsed_seconds`, `${p}_status`];
  const head = ['id', 'priority', 'effective_priority', 'created_at', 'status', ...metricHead('first_response'), ...metricHead('ongoing_response'), ...metricHead('resolution'), 'reasons'];
  const rows = r.tickets.map((t): Cell[] => [
    t.id,
    t.priority,
    t.effectivePriority,
    t.createdAt,
    t.status,
    ...metricCells(t.firstResponse),
    ...metricCells(t.ongoingResponse as MetricJson | undefined),
    ...metricCells(t.resolution as MetricJson | undefined),
    t.reasons.map((x) => x.text).join('; '),
  ]);
  return csvTable(head, rows);
}

/** One row per credit line: what finance needs. */
export function creditsCsv(r: Report): string {
  const head = ['period', 'policy', 'tier', 'rule', 'percent', 'amount', 'currency', 'eligible', 'claim_by', 'evidence', 'reason'];
  const rows = r.credits.map((c): Cell[] => [
    r.period.label,
    r.policy.id,
    r.policy.tier,
    c.rule,
    c.percent,
    c.amount,
    c.currency,
    c.eligible,
    c.claimBy,
    ((c.basis.tickets as Array<{ id: string }> | undefined) ?? []).map((t) => t.id).join(' '),
    c.reason,
  ]);
  rows.push([r.period.label, r.policy.id, r.policy.tier, 'total', r.creditTotal.percent, r.creditTotal.amount, r.creditTotal.currency, null, null, r.creditTotal.capped ? 'capped' : '', 'sum of eligible lines, capped as the policy says']);
  return csvTable(head, rows);
}
