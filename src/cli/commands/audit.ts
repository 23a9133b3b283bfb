import { streamTickets, type RowCounts } from '../../adapters/ingest/read-tickets.js';
import { readUptime } from '../../adapters/ingest/read-uptime.js';
import { availabilityCsv } from '../../adapters/render/availability-report.js';
import { colorLevel, makeChalk, type ColorMode } from '../../adapters/render/colors.js';
import { buildReport, type Report, type ReportInput } from '../../adapters/render/report.js';
import { creditsCsv, renderReportMarkdown, renderReportTable, type Sections } from '../../adapters/render/report-text.js';
import { ticketsCsv } from '../../adapters/render/tickets-report.js';
import { TicketAuditor } from '../../core/audit.js';
import { auditAvailability, incidentCheck, outagesInScope } from '../../core/availability/audit-availability.js';
import type { ServiceEvidence } from '../../core/availability/evidence.js';
import { creditTotal } from '../../core/credits/ticket-credits.js';
import { InputError, UsageError, formatIssue, type Issue } from '../../core/issues.js';
import type { Period } from '../../core/period.js';
import type { TicketResult } from '../../core/tickets/evaluate.js';
import type { Span } from '../../core/time/spans.js';
import type { Io } from '../io.js';
import { resolveSettings, type AuditFlags } from '../options.js';
import { auditorInput, ticketReadOptions, uptimeReadOptions, type AuditSettings } from '../settings.js';
import { chooseReportFormat, writeReport } from '../output.js';
import { OutsideCounter } from '../outside-counter.js';
import { progressFor } from '../progress.js';
import { ReportStream } from '../report-stream.js';
import { auditInParts, ticketParts } from '../ticket-parts.js';
import { VERSION } from '../version.js';

export interface Clock {
  now(): number;
}

export type AuditCommand = 'tickets' | 'uptime' | 'audit';

/** `tickets <file…>`, `uptime <file…>` and `audit --tickets … --uptime …`: one report per period. */
export async function runAudit(command: AuditCommand, inputs: { tickets: string[]; uptime: string[] }, flags: AuditFlags, io: Io, clock: Clock): Promise<number> {
  if (command !== 'audit' && inputs.tickets.length + inputs.uptime.length === 0) throw new UsageError(`${command} needs at least one file (or - for stdin)`);
  const s = resolveSettings(flags, clock.now, io.cwd);
  if (command === 'audit' && inputs.tickets.length + inputs.uptime.length === 0 && s.contract) {
    inputs = { tickets: [...s.contract.tickets], uptime: [...s.contract.uptime] };
  }
  if (inputs.tickets.length + inputs.uptime.length === 0) throw new UsageError('audit needs --tickets <file…>, --uptime <file…> or both (or a contract file listing them under inputs:)');
  const format = chooseReportFormat(flags.format, flags.output, io);
  // One JSON report is streamed, so that memory does not grow with the tickets.
  const stream = format === 'json' && s.periods.length === 1 ? new ReportStream(flags.output, io) : null;
  try {
    const { reports, warnings } = await audit(inputs, s, flags, io, stream);
    if (!flags.quiet) for (const w of warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
    if (stream) await stream.end(JSON.stringify(reports[0], null, 2) + '\n');
    else {
      const sections: Sections = { tickets: inputs.tickets.length > 0, availability: inputs.uptime.length > 0, hasCreditModels: s.policy.credits.models.length > 0 };
      writeReport(render(reports, format, command, sections, flags, io), flags.output, io);
    }
    if (s.failOn === 'breach' && reports.some((r) => r.summary.breached > 0 || r.availability.some((a) => a.met === false))) return 1;
    if (s.failOn === 'credit' && reports.some((r) => r.creditTotal.percent > 0)) return 1;
    return 0;
  } catch (err) {
    stream?.abort();
    throw err;
  }
}

/** Read every input once (uptime first: it decides incident association), auditing each period as tickets stream by. */
async function audit(inputs: { tickets: string[]; uptime: string[] }, s: AuditSettings, flags: AuditFlags, io: Io, stream: ReportStream | null): Promise<{ reports: Report[]; warnings: Issue[] }> {
  const skipInvalid = flags.skipInvalid === true;
  const progress = progressFor([...inputs.tickets, ...inputs.uptime], io, flags.quiet === true);
  const onBytes = progress.onBytes ? { onBytes: progress.onBytes } : {};
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const services = s.services ?? undefined;

  let evidence: ServiceEvidence[] | null = null;
  let outages: Span[] | null = null;
  if (inputs.uptime.length > 0) {
    const up = await readUptime(inputs.uptime, { ...uptimeReadOptions(s, skipInvalid), ...onBytes });
    issues.push(...up.issues);
    warnings.push(...up.warnings);
    evidence = up.evidence;
    outages = outagesInScope(up.evidence, services);
    if (s.tier.availabilityTarget === null) warnings.push({ code: 'NO_AVAILABILITY_TARGET', file: inputs.uptime.join(', '), message: `tier ${s.tier.id} of ${s.policy.id} has no availability target: availability is reported without a verdict` });
  }

  const base = (period: Period) => ({ version: VERSION, policy: s.policy, tier: s.tier.id, period, asOf: s.asOf, currency: s.currency, feeMinor: s.feeMinor });
  let auditors: TicketAuditor[] | null = null;
  let rows: RowCounts | null = null;
  if (inputs.tickets.length > 0) {
    const onResult = stream ? (r: TicketResult) => stream.ticket(r) : undefined;
    const associated = outages ? incidentCheck(outages) : undefined;
    auditors = s.periods.map((period) => new TicketAuditor(auditorInput(s, period, associated), { keepResults: stream === null, ...(onResult ? { onResult } : {}) }));
    stream?.head(JSON.stringify(emptyReport(base(s.period)), null, 2));
    const outside = new OutsideCounter(s.periods);
    // A large CSV file streamed to JSON is read in two parts at once; any problem, and it is read in one go.
    const parts = stream ? ticketParts(inputs.tickets, s, io.env) : null;
    const inParts = parts && (await auditInParts(s, { file: inputs.tickets[0]!, outages }, parts, { auditor: auditors[0]!, outside, stream: stream!, onBytes: progress.onBytes }));
    if (parts && flags.debug) io.stderr.write(`debug: ${inputs.tickets[0]} ${inParts ? 'read in 2 parts at once (the main thread and a worker thread)' : 'read again in one go (a row with a problem, or an id that may repeat)'}\n`);
    const read =
      inParts ??
      (await streamTickets(inputs.tickets, { ...ticketReadOptions(s, skipInvalid), ...onBytes }, (t) => {
        outside.add(t);
        for (const a of auditors!) a.add(t);
      }));
    issues.push(...read.issues);
    warnings.push(...read.warnings, ...outside.warnings(inputs.tickets));
    rows = read.rows;
  } else stream?.head(JSON.stringify(emptyReport(base(s.period)), null, 2));
  progress.done();
  if (issues.length > 0 && !skipInvalid) throw new InputError(issues);

  const periodWarnings: Issue[] = [];
  const reports = s.periods.map((period, i) => {
    const tickets = auditors ? auditors[i]!.finish() : null;
    const availability = evidence ? auditAvailability({ policy: s.policy, tier: s.tier, period, evidence, feeMinor: s.feeMinor, history: s.history, ...(services ? { services } : {}) }) : null;
    const own: Issue[] = (availability?.rows ?? [])
      .filter((row) => row.availabilityPercent === null)
      .map((row) => ({ code: 'NO_ELIGIBLE_TIME', file: inputs.uptime.join(', '), message: `${row.service}: no eligible time in ${period.label} (the logs do not cover it): availability is unknown` }));
    periodWarnings.push(...own);
    const credits = [...(tickets?.credits ?? []), ...(availability?.credits ?? [])];
    return buildReport({ ...base(period), tickets, rows, availability: availability?.rows ?? null, credits, creditTotal: creditTotal(credits, s.policy.credits, s.feeMinor), warnings: [...warnings, ...own] });
  });
  return { reports, warnings: [...warnings, ...periodWarnings] };
}

function emptyReport(base: Omit<ReportInput, 'tickets' | 'rows' | 'availability' | 'credits' | 'creditTotal' | 'warnings'>): Report {
  return buildReport({ ...base, tickets: null, rows: null, availability: null, credits: [], creditTotal: { percent: 0, amountMinor: null, capped: false }, warnings: [] });
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
      // One header: later months' tables start after theirs.
      return reports
        .map((r, i) => {
          const table = one(r);
          return i === 0 ? table : table.slice(table.indexOf('\r\n') + 2);
        })
        .join('');
    }
    case 'markdown':
      return reports.map((r) => renderReportMarkdown(r, { ...sections, all: flags.all === true })).join('\n');
    default: {
      const level = colorLevel((flags.color ?? 'auto') as ColorMode, flags.output === undefined && io.stdout.isTTY === true, io.env);
      return reports.map((r) => renderReportTable(r, { ...sections, chalk: makeChalk(level), all: flags.all === true })).join('\n');
    }
  }
}
