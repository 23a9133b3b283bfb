import type { ChalkInstance } from 'chalk';
import { printable } from '../../core/issues.js';
import type { AuditReport } from '../../core/report.js';
import type { MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import type { Cell } from './csv.js';
import { csvTable } from './csv.js';
import { isoOrNull, isoUtc, seconds } from './iso.js';
import { localTimeFormatter } from './local-time.js';
import { reasonsOf } from './reasons.js';
import { METRIC_NAMES } from './wording.js';

export function statusColor(c: ChalkInstance, status: string): string {
  if (status === 'breached') return c.red.bold(status);
  if (status === 'pending') return c.yellow(status);
  if (status === 'met') return c.green(status);
  return c.dim(status);
}

/** The metric that decided the ticket's status (the first breached, else pending, else first response). */
function decisive(t: TicketResult): [string, MetricResult] {
  const metrics: Array<[string, MetricResult | undefined]> = [
    ['first response', t.metrics.firstResponse],
    ['ongoing response', t.metrics.ongoingResponse],
    ['update cadence', t.metrics.updateCadence],
    ['resolution', t.metrics.resolution],
  ];
  for (const want of ['breached', 'pending']) {
    const hit = metrics.find(([, m]) => m?.status === want);
    if (hit) return [hit[0], hit[1]!];
  }
  return ['first response', t.metrics.firstResponse!];
}

function priorityText(t: TicketResult): string {
  const raw = t.ticket.rawPriority;
  return raw === null
    ? `(none) → ${t.effectivePriority}`
    : raw.toLowerCase() === t.effectivePriority.toLowerCase()
      ? raw
      : `${raw} → ${t.effectivePriority}`;
}

export function headerLine(r: AuditReport): string {
  return `${r.policy.name} · tier ${r.tier.id}${r.tier.level ? ` (${r.tier.level})` : ''} · period ${r.period.label} (${r.period.zone}) · as of ${isoUtc(r.asOf)}`;
}

export function summaryLine(r: AuditReport): string {
  const s = r.summary;
  const parts = [
    `${s.tickets} tickets`,
    `${s.met} met`,
    `${s.breached} breached`,
    `${s.pending} pending`,
    `${s.excluded} excluded`,
    `${s.noTarget} no target`,
  ];
  if (s.notMeasured > 0) parts.push(`${s.notMeasured} not measured`);
  return parts.join(' · ');
}

/** The summary by priority; a "not measured" column where any ticket's only targets could not be measured. */
export function severityTable(r: AuditReport): { head: string[]; rows: string[][]; align: Array<'left' | 'right'> } {
  const notMeasured = r.summary.notMeasured > 0;
  const rows = Object.entries(r.summary.bySeverity)
    .filter(([, c]) => c.tickets > 0)
    .map(([p, c]) => [
      p,
      String(c.tickets),
      String(c.met),
      String(c.breached),
      String(c.pending),
      String(c.excluded),
      String(c.noTarget),
      ...(notMeasured ? [String(c.notMeasured)] : []),
    ]);
  const head = [
    'priority',
    'tickets',
    'met',
    'breached',
    'pending',
    'excluded',
    'no target',
    ...(notMeasured ? ['not measured'] : []),
  ];
  return { head, rows, align: head.map((_, i) => (i === 0 ? 'left' : 'right')) };
}

export function ticketRows(r: AuditReport, all: boolean, color: (status: string) => string): string[][] {
  const local = localTimeFormatter(r.period.zone);
  return r.tickets
    .filter((t) => all || t.status === 'breached' || t.status === 'pending')
    .map((t) => {
      const [name, m] = decisive(t);
      // Every metric that breached (or is pending) is named: a resolution breach must not hide behind a met first response.
      const open = [t.metrics.firstResponse, t.metrics.ongoingResponse, t.metrics.updateCadence, t.metrics.resolution]
        .filter((x) => x?.status === t.status)
        .map((x) => METRIC_NAMES[x!.metric]);
      const note = [
        t.status === 'breached' || t.status === 'pending' ? (open.length > 0 ? open.join(', ') : name) : '',
        ...reasonsOf(t).map((x) => x.text),
      ]
        .filter(Boolean)
        .join('; ');
      return [
        printable(t.ticket.id, 80),
        printable(priorityText(t), 80),
        local(t.ticket.createdAt),
        m.target?.text ?? '—',
        local(m.dueAt),
        local(m.respondedAt),
        color(t.status),
        printable(note, 200),
      ];
    });
}
export const TICKET_HEAD = (zone: string) => [
  'id',
  'priority',
  `created (${zone})`,
  'target',
  'due',
  'responded',
  'status',
  'why',
];

const metricCells = (m: MetricResult | undefined): Cell[] =>
  m
    ? [
        m.target?.text ?? null,
        isoOrNull(m.dueAt),
        isoOrNull(m.respondedAt),
        m.elapsedMs === null ? null : seconds(m.elapsedMs),
        m.status,
      ]
    : [null, null, null, null, null];

const TICKETS_CSV_HEAD = (() => {
  const metricHead = (p: string) => [
    `${p}_target`,
    `${p}_due_at`,
    `${p}_responded_at`,
    `${p}_elapsed_seconds`,
    `${p}_status`,
  ];
  // Later columns are added at the end: a spreadsheet that reads columns by place keeps working.
  return [
    'id',
    'priority',
    'effective_priority',
    'created_at',
    'status',
    ...metricHead('first_response'),
    ...metricHead('ongoing_response'),
    ...metricHead('resolution'),
    'reasons',
    'first_response_from',
    'vendor_first_response_business_minutes',
    'vendor_first_response_seconds',
    'vendor_first_response_status',
    ...metricHead('update_cadence'),
  ];
})();

/** One row per ticket. */
export function ticketsCsv(r: AuditReport): string {
  const rows = r.tickets.map((t): Cell[] => [
    t.ticket.id,
    t.ticket.rawPriority,
    t.effectivePriority,
    isoUtc(t.ticket.createdAt),
    t.status,
    ...metricCells(t.metrics.firstResponse),
    ...metricCells(t.metrics.ongoingResponse),
    ...metricCells(t.metrics.resolution),
    reasonsOf(t)
      .map((x) => x.text)
      .join('; '),
    t.ticket.firstResponseFrom ?? null,
    t.ticket.vendorReported?.firstResponseBusinessMinutes ?? null,
    t.ticket.vendorReported?.firstResponseSeconds ?? null,
    t.ticket.vendorReported?.firstResponseStatus ?? null,
    ...metricCells(t.metrics.updateCadence),
  ]);
  return csvTable(TICKETS_CSV_HEAD, rows);
}
