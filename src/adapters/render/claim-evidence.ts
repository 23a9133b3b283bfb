import type { Claim } from '../../core/credits/claim-packet.js';
import type { AvailabilityRow } from '../../core/availability/availability.js';
import type { AuditReport } from '../../core/report.js';
import type { TicketResult } from '../../core/tickets/evaluate.js';
import type { MetricId } from '../../core/policy/model.js';
import { localTimeFormatter } from './local-time.js';
import { csvTable, type Cell } from './csv.js';
import { isoUtc, seconds } from './iso.js';

/**
 * One piece of evidence behind a claim: a breached ticket metric, or a span
 * of downtime, with where it was read. The same rows make evidence.csv and
 * the evidence table of claim.html.
 */
export type EvidenceRow =
  | {
      kind: 'ticket';
      rules: string[];
      ticket: string;
      metric: MetricId;
      priority: string | null;
      createdAt: number | null;
      dueAt: number;
      respondedAt: number | null;
      /** How late: to the response, or to as-of while there is none. */
      lateMs: number;
      source: string | null;
      respondedFrom: string | null;
    }
  | {
      kind: 'downtime';
      rules: string[];
      service: string;
      start: number;
      end: number;
      source: string | null;
    };

/** The evidence of a claim's lines, each ticket metric and span once (lines of two models share it). */
export function evidenceRows(claim: Claim): EvidenceRow[] {
  const report = claim.report;
  const tickets = ticketsById(report);
  const rows = new Map<string, EvidenceRow>();
  for (const { credit } of claim.lines) {
    for (const t of credit.basis.tickets ?? []) {
      const key = JSON.stringify(['t', t.id, t.metric]);
      const seen = rows.get(key);
      if (seen) {
        if (!seen.rules.includes(credit.rule)) seen.rules.push(credit.rule);
        continue;
      }
      const result = tickets.get(t.id);
      rows.set(key, {
        kind: 'ticket',
        rules: [credit.rule],
        ticket: t.id,
        metric: t.metric,
        priority: result?.effectivePriority ?? null,
        createdAt: result?.ticket.createdAt ?? null,
        dueAt: t.dueAt,
        respondedAt: t.respondedAt,
        lateMs: (t.respondedAt ?? report.asOf) - t.dueAt,
        source: t.source ?? null,
        // A response read from the ticket's own row has no other place to name.
        respondedFrom: t.respondedFrom !== undefined && t.respondedFrom !== t.source ? t.respondedFrom : null,
      });
    }
    const service = typeof credit.basis['service'] === 'string' ? credit.basis['service'] : 'all';
    const spans = credit.basis['downtime'];
    if (!Array.isArray(spans)) continue;
    const row = report.availability.find((a) => a.service === service);
    for (const [start, end] of spans as Array<[number, number]>) {
      const key = JSON.stringify(['d', service, start, end]);
      const seen = rows.get(key);
      if (seen) {
        if (!seen.rules.includes(credit.rule)) seen.rules.push(credit.rule);
        continue;
      }
      rows.set(key, { kind: 'downtime', rules: [credit.rule], service, start, end, source: sourceOf(row, start, end) });
    }
  }
  return [...rows.values()];
}

/**
 * The records a downtime span rests on: each logged outage that overlaps it ("file:line"); a span
 * made from probe samples has no record of its own, so its log files are named.
 */
function sourceOf(row: AvailabilityRow | undefined, start: number, end: number): string | null {
  if (!row) return null;
  const records = (row.origins ?? []).filter((o) => o.start < end && o.end > start).map((o) => o.at);
  return (records.length > 0 ? [...new Set(records)] : row.sources).join('; ') || null;
}

function ticketsById(report: AuditReport): Map<string, TicketResult> {
  const out = new Map<string, TicketResult>();
  for (const t of report.tickets) if (!out.has(t.ticket.id)) out.set(t.ticket.id, t);
  return out;
}

const HEAD = [
  'kind',
  'credit_lines',
  'service',
  'ticket',
  'metric',
  'priority',
  'created_utc',
  'created_local',
  'due_utc',
  'due_local',
  'responded_utc',
  'responded_local',
  'late_seconds',
  'start_utc',
  'start_local',
  'end_utc',
  'end_local',
  'duration_seconds',
  'source',
  'responded_from',
];

const utc = (ms: number | null): Cell => (ms === null || !Number.isFinite(ms) ? null : isoUtc(ms));

/** evidence.csv: one row per breached ticket metric or downtime span, in UTC and the contract's zone, with its source. */
export function evidenceCsv(claim: Claim): string {
  const local = localTimeFormatter(claim.report.period.zone, { seconds: true });
  const rows = evidenceRows(claim).map((e): Cell[] =>
    e.kind === 'ticket'
      ? [
          'ticket',
          e.rules.join(' '),
          null,
          e.ticket,
          e.metric,
          e.priority,
          utc(e.createdAt),
          local(e.createdAt),
          utc(e.dueAt),
          local(e.dueAt),
          utc(e.respondedAt),
          local(e.respondedAt),
          seconds(e.lateMs),
          null,
          null,
          null,
          null,
          null,
          e.source,
          e.respondedFrom,
        ]
      : [
          'downtime',
          e.rules.join(' '),
          e.service,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          utc(e.start),
          local(e.start),
          utc(e.end),
          local(e.end),
          seconds(e.end - e.start),
          e.source,
          null,
        ],
  );
  return csvTable(HEAD, rows);
}
