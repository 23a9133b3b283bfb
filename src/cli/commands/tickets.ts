import { readTickets } from '../../adapters/ingest/read-tickets.js';
import { colorLevel, makeChalk, type ColorMode } from '../../adapters/render/colors.js';
import { buildReport, type Report } from '../../adapters/render/report.js';
import { creditsCsv, renderTicketsMarkdown, renderTicketsTable, ticketsCsv } from '../../adapters/render/tickets-report.js';
import { auditTickets } from '../../core/audit.js';
import { creditTotal } from '../../core/credits/ticket-credits.js';
import { InputError, UsageError, formatIssue, type Issue } from '../../core/issues.js';
import type { Io } from '../io.js';
import { resolveSettings, type AuditFlags } from '../options.js';
import { chooseReportFormat, writeReport } from '../output.js';
import { VERSION } from '../version.js';

export interface Clock {
  now(): number;
}

/** `tickets <file…>` and `audit --tickets <file…>`: one ticket report. */
export async function runTicketAudit(command: 'tickets' | 'audit', files: string[], flags: AuditFlags, io: Io, clock: Clock): Promise<number> {
  if (files.length === 0) throw new UsageError(command === 'audit' ? 'audit needs --tickets <file…>' : 'tickets needs at least one file (or - for stdin)');
  const s = resolveSettings(flags, clock.now);
  const format = chooseReportFormat(flags.format, flags.output, io);
  const read = await readTickets(files, { mapping: s.mapping, inputTz: s.inputTz, policy: s.policy, skipInvalid: flags.skipInvalid === true });
  if (read.issues.length > 0 && !flags.skipInvalid) throw new InputError(read.issues);
  if (read.tickets.length === 0 && read.issues.length > 0) throw new InputError(read.issues);

  const audit = auditTickets({ policy: s.policy, tier: s.tier.id, period: s.period, asOf: s.asOf, tickets: read.tickets, feeMinor: s.feeMinor });
  const warnings: Issue[] = [...read.warnings];
  if (audit.outsidePeriod.size > 0) {
    const months = [...audit.outsidePeriod].sort().map(([m, n]) => `${m}: ${n}`).join(', ');
    const n = [...audit.outsidePeriod.values()].reduce((a, b) => a + b, 0);
    warnings.push({ code: 'TICKETS_OUTSIDE_PERIOD', file: files.join(', '), message: `${n} ticket(s) were created outside ${s.period.label} and are not in this report (${months}); pass --month to audit another month` });
  }
  const report = buildReport({
    version: VERSION,
    policy: s.policy,
    tier: s.tier.id,
    period: s.period,
    asOf: s.asOf,
    currency: s.currency,
    feeMinor: s.feeMinor,
    tickets: audit,
    rows: read.rows,
    credits: audit.credits,
    creditTotal: creditTotal(audit.credits, s.policy.credits, s.feeMinor),
    warnings,
  });
  const text = render(report, format, command, flags, io, s.policy.credits.models.length > 0);
  if (!flags.quiet) for (const w of warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  writeReport(text, flags.output, io);
  if (s.failOn === 'breach' && report.summary.breached > 0) return 1;
  if (s.failOn === 'credit' && report.creditTotal.percent > 0) return 1;
  return 0;
}

function render(report: Report, format: string, command: string, flags: AuditFlags, io: Io, hasCreditModels: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'csv':
      if (flags.csv !== undefined && flags.csv !== 'tickets' && flags.csv !== 'credits') throw new UsageError(`--csv must be tickets or credits (got: "${flags.csv}")`);
      return command === 'tickets' || flags.csv === 'tickets' ? ticketsCsv(report) : creditsCsv(report);
    case 'markdown':
      return renderTicketsMarkdown(report, { all: flags.all === true, hasCreditModels });
    default: {
      const level = colorLevel((flags.color ?? 'auto') as ColorMode, flags.output === undefined && io.stdout.isTTY === true, io.env);
      return renderTicketsTable(report, { chalk: makeChalk(level), all: flags.all === true, hasCreditModels });
    }
  }
}
