import type { ChalkInstance } from 'chalk';
import { printable } from '../../core/issues.js';
import type { AuditReport } from '../../core/report.js';
import { METRICS, type Policy, type Target } from '../../core/policy/model.js';
import type { MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import type { Cell } from './csv.js';
import { csvLine, csvTable } from './csv.js';
import { isoOrNull, isoUtc, seconds } from './iso.js';
import { localTimeFormatter } from './local-time.js';
import { quantity } from './quantity.js';
import { notMeasuredText } from './not-measured.js';
import { reasonsOf } from './reasons.js';
import { METRIC_NAMES } from './wording.js';

export function statusColor(c: ChalkInstance, status: string): string {
  if (status === 'breached') return c.red.bold(status);
  if (status === 'pending') return c.yellow(status);
  if (status === 'met') return c.green(status);
  return c.dim(status);
}

/**
 * The metrics a ticket's row shows, in the policy's order: every one whose verdict is the ticket's
 * (breached, pending, or not measured), each with its own target, due and done times — a resolution breach
 * must not hide behind a first response, nor a ticket not measured behind a met one; for any other status,
 * the first response.
 */
function shownMetrics(t: TicketResult): MetricResult[] {
  const { firstResponse, ongoingResponse, updateCadence, resolution } = t.metrics;
  const all = [firstResponse, ongoingResponse, updateCadence, resolution].filter((m) => m !== undefined);
  const open = SHOWN_BY_STATUS.has(t.status) ? all.filter((m) => m.status === t.status) : [];
  return open.length > 0 ? open : [firstResponse!];
}

const SHOWN_BY_STATUS: ReadonlySet<string> = new Set(['breached', 'pending', 'not-measured']);

/** Each metric not measured, and why: a reader told "not measured" must be able to tell what to fix. */
const notMeasuredNotes = (t: TicketResult): string[] =>
  METRICS.flatMap((id) => {
    const m = t.metrics[id];
    return m?.status === 'not-measured' ? [`${METRIC_NAMES[id]} not measured: ${notMeasuredText(t, m)}`] : [];
  });

/**
 * The priority as a person reads it: the exported value, "= P2" where that is another name for the
 * policy's priority (an alias, the helpdesk's scale, the map's priorities, the default for none), and
 * "→ P3" for each change a reclassification or a policy rule made (the why column says which).
 */
function priorityText(t: TicketResult): string {
  const raw = t.ticket.rawPriority;
  const named = t.ticket.priority;
  let text = raw === null ? `(none) = ${named}` : raw.toLowerCase() === named.toLowerCase() ? raw : `${raw} = ${named}`;
  for (const p of t.priorityReasons) if (p.code !== 'PRIORITY_DEFAULTED') text += ` → ${p.to}`;
  return text;
}

/** What the priority column's marks mean, for a table that has any. */
export const PRIORITY_MARKS =
  '= another name for the policy priority · → reclassified, or changed by a policy rule (why says which)';

/** Whether ticket rows mark a priority (an alias or a change): their table then says what the marks mean. */
export const marksPriority = (rows: readonly string[][]): boolean => rows.some((row) => / [=→] /.test(row[1] ?? ''));

/**
 * A target as a person reads it: one counted on a business calendar says so ("4 business h", not
 * "4h": a Friday 16:00 ticket due Monday 11:00 looks wrong otherwise); the policy's own words when
 * they say it already ("8 business hours", "2 business days") or the clock runs round the clock.
 */
export function targetText(t: Target | null, policy: Policy): string {
  if (t === null) return '—';
  if (/business/i.test(t.text) || policy.calendars.get(t.calendar)?.kind !== 'weekly') return t.text;
  const unit = t.unit === 'hours' ? 'h' : t.unit === 'minutes' ? 'min' : t.unit === 'seconds' ? 's' : null;
  return unit === null ? t.text : `${t.amount} business ${unit}`;
}

export function headerLine(r: AuditReport): string {
  return `${r.policy.name} · tier ${r.tier.id}${r.tier.level ? ` (${r.tier.level})` : ''} · period ${r.period.label} (${r.period.zone}) · as of ${isoUtc(r.asOf)}`;
}

export function summaryLine(r: AuditReport): string {
  const s = r.summary;
  const parts = [
    quantity(s.tickets, 'ticket'),
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

/**
 * One row per ticket listed, and one more for each further metric shown (its target, due and done
 * times, blank id and status): a ticket breached on first response and resolution shows both.
 */
export function ticketRows(r: AuditReport, all: boolean, color: (status: string) => string): string[][] {
  const local = localTimeFormatter(r.period.zone);
  const rows: string[][] = [];
  for (const t of r.tickets) {
    if (!all && t.status !== 'breached' && t.status !== 'pending') continue;
    const open = t.status === 'breached' || t.status === 'pending';
    const reasons = reasonsOf(t).map((x) => x.text);
    shownMetrics(t).forEach((m, i) => {
      const what =
        m.status === 'not-measured'
          ? `${METRIC_NAMES[m.metric]} not measured: ${notMeasuredText(t, m)}`
          : open
            ? METRIC_NAMES[m.metric]
            : '';
      const note = [what, ...(i === 0 ? reasons : [])].filter(Boolean).join('; ');
      // A wait (ongoing response, update cadence) has its own due and end: the first one with the metric's verdict.
      const gap = m.dueAt === null ? m.gaps?.find((g) => g.status === m.status) : undefined;
      const times = [
        targetText(m.target, r.policy),
        local(gap ? gap.dueAt : m.dueAt),
        local(gap ? gap.end : m.respondedAt),
      ];
      rows.push(
        i === 0
          ? [
              printable(t.ticket.id, 80),
              printable(priorityText(t), 80),
              local(t.ticket.createdAt),
              ...times,
              color(t.status),
              printable(note, 200),
            ]
          : ['', '', '', ...times, '', printable(note, 200)],
      );
    });
  }
  return rows;
}
export const TICKET_HEAD = (zone: string) => [
  'id',
  'priority',
  `created (${zone})`,
  'target',
  'due',
  'done',
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
  return csvTable(TICKETS_CSV_HEAD, r.tickets.map(ticketCells));
}

/** The tickets CSV's header line, for a run that streams its rows (ticketCsvLine) as the tickets are audited. */
export const TICKETS_CSV_HEADER = csvLine(TICKETS_CSV_HEAD);

/** One ticket's CSV line, as ticketsCsv writes it. */
export const ticketCsvLine = (t: TicketResult): string => csvLine(ticketCells(t));

function ticketCells(t: TicketResult): Cell[] {
  return [
    t.ticket.id,
    t.ticket.rawPriority,
    t.effectivePriority,
    isoUtc(t.ticket.createdAt),
    t.status,
    ...metricCells(t.metrics.firstResponse),
    ...metricCells(t.metrics.ongoingResponse),
    ...metricCells(t.metrics.resolution),
    notMeasuredNotes(t)
      .concat(reasonsOf(t).map((x) => x.text))
      .join('; '),
    t.ticket.firstResponseFrom ?? null,
    t.ticket.vendorReported?.firstResponseBusinessMinutes ?? null,
    t.ticket.vendorReported?.firstResponseSeconds ?? null,
    t.ticket.vendorReported?.firstResponseStatus ?? null,
    ...metricCells(t.metrics.updateCadence),
  ];
}
