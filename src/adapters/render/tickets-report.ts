import type { ChalkInstance } from 'chalk';
import type { Cell } from './csv.js';
import { csvTable } from './csv.js';
import { localTimeFormatter } from './local-time.js';
import type { Report } from './report.js';

type TicketJson = Report['tickets'][number];
type MetricJson = TicketJson['firstResponse'];

const parse = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export function statusColor(c: ChalkInstance, status: string): string {
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

export function severityRows(r: Report): string[][] {
  return Object.entries(r.summary.bySeverity)
    .filter(([, c]) => c.tickets > 0)
    .map(([p, c]) => [p, String(c.tickets), String(c.met), String(c.breached), String(c.pending), String(c.excluded), String(c.noTarget)]);
}
export const SEVERITY_HEAD = ['priority', 'tickets', 'met', 'breached', 'pending', 'excluded', 'no target'];
export const SEVERITY_ALIGN: Array<'left' | 'right'> = ['left', 'right', 'right', 'right', 'right', 'right', 'right'];

export function ticketRows(r: Report, all: boolean, color: (status: string) => string): string[][] {
  const local = localTimeFormatter(r.period.zone);
  return r.tickets
    .filter((t) => all || t.status === 'breached' || t.status === 'pending')
    .map((t) => {
      const [name, m] = decisive(t);
      const note = [t.status === 'breached' || t.status === 'pending' ? name : '', ...t.reasons.map((x) => x.text)].filter(Boolean).join('; ');
      return [t.id, priorityText(t), local(parse(t.createdAt)), m.target ?? '—', local(parse(m.dueAt)), local(parse(m.respondedAt)), color(t.status), note];
    });
}
export const TICKET_HEAD = (zone: string) => ['id', 'priority', `created (${zone})`, 'target', 'due', 'responded', 'status', 'why'];

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

