import { readTickets, type RowCounts } from '../../adapters/ingest/read-tickets.js';
import { readUptime } from '../../adapters/ingest/read-uptime.js';
import { availabilityCsv } from '../../adapters/render/availability-report.js';
import { colorLevel, makeChalk, type ColorMode } from '../../adapters/render/colors.js';
import { buildReport, type Report } from '../../adapters/render/report.js';
import { creditsCsv, renderReportMarkdown, renderReportTable, type Sections } from '../../adapters/render/report-text.js';
import { ticketsCsv } from '../../adapters/render/tickets-report.js';
import { auditTickets } from '../../core/audit.js';
import { auditAvailability, incidentCheckFromOutages } from '../../core/availability/audit-availability.js';
import type { ServiceEvidence } from '../../core/availability/evidence.js';
import { creditTotal } from '../../core/credits/ticket-credits.js';
import { InputError, UsageError, formatIssue, type Issue } from '../../core/issues.js';
import { monthLabel, monthOf, type Period } from '../../core/period.js';
import type { IncidentCheck } from '../../core/tickets/effective-priority.js';
import type { Ticket } from '../../core/tickets/ticket.js';
import { ZoneOffsets } from '../../core/time/zone.js';
import type { Io } from '../io.js';
import { resolveSettings, type AuditFlags, type AuditSettings } from '../options.js';
import { chooseReportFormat, writeReport } from '../output.js';
import { progressFor } from '../progress.js';
import { VERSION } from '../version.js';

export interface Clock {
  now(): number;
}

export type AuditCommand = 'tickets' | 'uptime' | 'audit';

interface Evidence {
  tickets: Ticket[] | null;
  rows: RowCounts | null;
  uptime: ServiceEvidence[] | null;
  associated?: IncidentCheck;
}

/** `tickets <file…>`, `uptime <file…>` and `audit --tickets … --uptime …`: one report per period. */
export async function runAudit(command: AuditCommand, inputs: { tickets: string[]; uptime: string[] }, flags: AuditFlags, io: Io, clock: Clock): Promise<number> {
  if (command !== 'audit' && inputs.tickets.length + inputs.uptime.length === 0) throw new UsageError(`${command} needs at least one file (or - for stdin)`);
  const s = resolveSettings(flags, clock.now, io.cwd);
  if (command === 'audit' && inputs.tickets.length + inputs.uptime.length === 0 && s.contract) {
    inputs = { tickets: [...s.contract.tickets], uptime: [...s.contract.uptime] };
  }
  if (inputs.tickets.length + inputs.uptime.length === 0) throw new UsageError('audit needs --tickets <file…>, --uptime <file…> or both (or a contract file listing them under inputs:)');
  const format = chooseReportFormat(flags.format, flags.output, io);
  const { evidence, warnings } = await readInputs(inputs, s, flags, io);

  if (evidence.tickets) warnings.push(...outsideWarning(evidence.tickets, s.periods, inputs.tickets));
  const results = s.periods.map((period) => reportFor(period, evidence, s, inputs, warnings));
  const final = results.map((r) => r.report);
  const all = [...warnings, ...results.flatMap((r) => r.periodWarnings)];
  const sections: Sections = { tickets: evidence.tickets !== null, availability: evidence.uptime !== null, hasCreditModels: s.policy.credits.models.length > 0 };
  const text = render(final, format, command, sections, flags, io);
  if (!flags.quiet) for (const w of all) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  writeReport(text, flags.output, io);
  if (s.failOn === 'breach' && final.some((r) => r.summary.breached > 0 || r.availability.some((a) => a.met === false))) return 1;
  if (s.failOn === 'credit' && final.some((r) => r.creditTotal.percent > 0)) return 1;
  return 0;
}

/** Read every input once; every problem is collected before anything is reported. */
async function readInputs(inputs: { tickets: string[]; uptime: string[] }, s: AuditSettings, flags: AuditFlags, io: Io): Promise<{ evidence: Evidence; warnings: Issue[] }> {
  const skipInvalid = flags.skipInvalid === true;
  const progress = progressFor([...inputs.tickets, ...inputs.uptime], io, flags.quiet === true);
  const onBytes = progress.onBytes ? { onBytes: progress.onBytes } : {};
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const evidence: Evidence = { tickets: null, rows: null, uptime: null };
  if (inputs.uptime.length > 0) {
    const up = await readUptime(inputs.uptime, { preset: s.uptimePreset, inputTz: s.inputTz, maxSampleGapMs: s.policy.availability.maxSampleGapMs, billingZone: s.period.zone, asOf: s.asOf, skipInvalid, ...onBytes });
    issues.push(...up.issues);
    warnings.push(...up.warnings);
    evidence.uptime = up.evidence;
    evidence.associated = incidentCheckFromOutages(up.evidence, s.services ?? undefined);
    if (s.tier.availabilityTarget === null) warnings.push({ code: 'NO_AVAILABILITY_TARGET', file: inputs.uptime.join(', '), message: `tier ${s.tier.id} of ${s.policy.id} has no availability target: availability is reported without a verdict` });
  }
  if (inputs.tickets.length > 0) {
    const read = await readTickets(inputs.tickets, { mapping: s.mapping, inputTz: s.inputTz, policy: s.policy, skipInvalid, ...onBytes });
    issues.push(...read.issues);
    warnings.push(...read.warnings);
    evidence.tickets = read.tickets;
    evidence.rows = read.rows;
  }
  progress.done();
  if (issues.length > 0 && !skipInvalid) throw new InputError(issues);
  return { evidence, warnings };
}

/** One month's report, with the warnings that concern that month alone. */
function reportFor(period: Period, e: Evidence, s: AuditSettings, inputs: { uptime: string[] }, shared: readonly Issue[]): { report: Report; periodWarnings: Issue[] } {
  const services = s.services ?? undefined;
  const availability = e.uptime ? auditAvailability({ policy: s.policy, tier: s.tier, period, evidence: e.uptime, feeMinor: s.feeMinor, history: s.history, ...(services ? { services } : {}) }) : null;
  const tickets = e.tickets ? auditTickets({ policy: s.policy, tier: s.tier.id, period, asOf: s.asOf, tickets: e.tickets, feeMinor: s.feeMinor, ...(e.associated ? { associated: e.associated } : {}) }) : null;
  const periodWarnings: Issue[] = (availability?.rows ?? [])
    .filter((row) => row.availabilityPercent === null)
    .map((row) => ({ code: 'NO_ELIGIBLE_TIME', file: inputs.uptime.join(', '), message: `${row.service}: no eligible time in ${period.label} (the logs do not cover it): availability is unknown` }));
  const credits = [...(tickets?.credits ?? []), ...(availability?.credits ?? [])];
  const report = buildReport({
    version: VERSION,
    policy: s.policy,
    tier: s.tier.id,
    period,
    asOf: s.asOf,
    currency: s.currency,
    feeMinor: s.feeMinor,
    tickets,
    rows: e.rows,
    availability: availability?.rows ?? null,
    credits,
    creditTotal: creditTotal(credits, s.policy.credits, s.feeMinor),
    warnings: [...shared, ...periodWarnings],
  });
  return { report, periodWarnings };
}

/** Tickets created outside every audited month are named, never dropped silently. */
function outsideWarning(tickets: readonly Ticket[], periods: readonly Period[], files: readonly string[]): Issue[] {
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  const offsets = new ZoneOffsets(first.zone);
  const months = new Map<string, number>();
  for (const t of tickets) {
    if (t.createdAt >= first.start && t.createdAt < last.end) continue;
    const m = monthOf(t.createdAt, offsets);
    const label = monthLabel(m.year, m.month);
    months.set(label, (months.get(label) ?? 0) + 1);
  }
  if (months.size === 0) return [];
  const n = [...months.values()].reduce((a, b) => a + b, 0);
  const range = periods.length === 1 ? first.label : `${first.label} to ${last.label}`;
  const list = [...months].sort().map(([m, c]) => `${m}: ${c}`).join(', ');
  return [{ code: 'TICKETS_OUTSIDE_PERIOD', file: files.join(', '), message: `${n} ticket(s) were created outside ${range} and are not in this report (${list}); pass --month to audit another month` }];
}

function render(reports: Report[], format: string, command: AuditCommand, sections: Sections, flags: AuditFlags, io: Io): string {
  const range = reports.length > 1;
  switch (format) {
    case 'json':
      // A range is an array of reports, each a schemaVersion 1 report of one month.
      return JSON.stringify(range ? reports : reports[0], null, 2) + '\n';
    case 'csv': {
      const table = flags.csv ?? (command === 'tickets' ? 'tickets' : command === 'uptime' ? 'availability' : 'credits');
      const one = table === 'tickets' ? ticketsCsv : table === 'availability' ? availabilityCsv : creditsCsv;
      return reports.map((r, i) => (i === 0 ? one(r) : one(r).slice(one(r).indexOf('\r\n') + 2))).join('');
    }
    case 'markdown':
      return reports.map((r) => renderReportMarkdown(r, { ...sections, all: flags.all === true })).join('\n');
    default: {
      const level = colorLevel((flags.color ?? 'auto') as ColorMode, flags.output === undefined && io.stdout.isTTY === true, io.env);
      return reports.map((r) => renderReportTable(r, { ...sections, chalk: makeChalk(level), all: flags.all === true })).join('\n');
    }
  }
}
