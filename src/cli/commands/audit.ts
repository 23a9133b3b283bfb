import { readTickets } from '../../adapters/ingest/read-tickets.js';
import { readUptime } from '../../adapters/ingest/read-uptime.js';
import { availabilityCsv } from '../../adapters/render/availability-report.js';
import { colorLevel, makeChalk, type ColorMode } from '../../adapters/render/colors.js';
import { buildReport, type Report } from '../../adapters/render/report.js';
import { creditsCsv, renderReportMarkdown, renderReportTable, type Sections } from '../../adapters/render/report-text.js';
import { ticketsCsv } from '../../adapters/render/tickets-report.js';
import { auditTickets, type TicketAudit } from '../../core/audit.js';
import { auditAvailability, incidentCheckFromOutages, type AvailabilityAudit } from '../../core/availability/audit-availability.js';
import { creditTotal } from '../../core/credits/ticket-credits.js';
import { InputError, UsageError, formatIssue, type Issue } from '../../core/issues.js';
import type { Io } from '../io.js';
import { resolveSettings, type AuditFlags } from '../options.js';
import { chooseReportFormat, writeReport } from '../output.js';
import { progressFor } from '../progress.js';
import { VERSION } from '../version.js';

export interface Clock {
  now(): number;
}

export type AuditCommand = 'tickets' | 'uptime' | 'audit';

/** `tickets <file…>`, `uptime <file…>` and `audit --tickets … --uptime …`: one report. */
export async function runAudit(command: AuditCommand, inputs: { tickets: string[]; uptime: string[] }, flags: AuditFlags, io: Io, clock: Clock): Promise<number> {
  if (command !== 'audit' && inputs.tickets.length + inputs.uptime.length === 0) throw new UsageError(`${command} needs at least one file (or - for stdin)`);
  const s = resolveSettings(flags, clock.now, io.cwd);
  if (command === 'audit' && inputs.tickets.length + inputs.uptime.length === 0 && s.contract) {
    inputs = { tickets: [...s.contract.tickets], uptime: [...s.contract.uptime] };
  }
  if (inputs.tickets.length + inputs.uptime.length === 0) throw new UsageError('audit needs --tickets <file…>, --uptime <file…> or both (or a contract file listing them under inputs:)');
  const format = chooseReportFormat(flags.format, flags.output, io);
  const skipInvalid = flags.skipInvalid === true;
  const progress = progressFor([...inputs.tickets, ...inputs.uptime], io, flags.quiet === true);
  const issues: Issue[] = [];
  const warnings: Issue[] = [];

  let availability: AvailabilityAudit | null = null;
  let associated;
  if (inputs.uptime.length > 0) {
    const up = await readUptime(inputs.uptime, { preset: s.uptimePreset, inputTz: s.inputTz, maxSampleGapMs: s.policy.availability.maxSampleGapMs, billingZone: s.period.zone, asOf: s.asOf, skipInvalid, ...(progress.onBytes ? { onBytes: progress.onBytes } : {}) });
    issues.push(...up.issues);
    warnings.push(...up.warnings);
    if (up.issues.length === 0 || skipInvalid) {
      const services = s.services ?? undefined;
      availability = auditAvailability({ policy: s.policy, tier: s.tier, period: s.period, evidence: up.evidence, feeMinor: s.feeMinor, history: s.history, ...(services ? { services } : {}) });
      associated = incidentCheckFromOutages(up.evidence, services);
      if (s.tier.availabilityTarget === null) warnings.push({ code: 'NO_AVAILABILITY_TARGET', file: inputs.uptime.join(', '), message: `tier ${s.tier.id} of ${s.policy.id} has no availability target: availability is reported without a verdict` });
    }
  }

  let tickets: TicketAudit | null = null;
  let rows = null;
  if (inputs.tickets.length > 0) {
    const read = await readTickets(inputs.tickets, { mapping: s.mapping, inputTz: s.inputTz, policy: s.policy, skipInvalid, ...(progress.onBytes ? { onBytes: progress.onBytes } : {}) });
    issues.push(...read.issues);
    warnings.push(...read.warnings);
    rows = read.rows;
    tickets = auditTickets({ policy: s.policy, tier: s.tier.id, period: s.period, asOf: s.asOf, tickets: read.tickets, feeMinor: s.feeMinor, ...(associated ? { associated } : {}) });
    if (tickets.outsidePeriod.size > 0) {
      const months = [...tickets.outsidePeriod].sort().map(([m, n]) => `${m}: ${n}`).join(', ');
      const n = [...tickets.outsidePeriod.values()].reduce((a, b) => a + b, 0);
      warnings.push({ code: 'TICKETS_OUTSIDE_PERIOD', file: inputs.tickets.join(', '), message: `${n} ticket(s) were created outside ${s.period.label} and are not in this report (${months}); pass --month to audit another month` });
    }
  }
  progress.done();
  if (issues.length > 0 && !skipInvalid) throw new InputError(issues);
  for (const row of availability?.rows ?? []) {
    if (row.availabilityPercent === null) warnings.push({ code: 'NO_ELIGIBLE_TIME', file: inputs.uptime.join(', '), message: `${row.service}: no eligible time in ${s.period.label} (the logs do not cover it): availability is unknown` });
  }

  const credits = [...(tickets?.credits ?? []), ...(availability?.credits ?? [])];
  const report = buildReport({
    version: VERSION,
    policy: s.policy,
    tier: s.tier.id,
    period: s.period,
    asOf: s.asOf,
    currency: s.currency,
    feeMinor: s.feeMinor,
    tickets,
    rows,
    availability: availability?.rows ?? null,
    credits,
    creditTotal: creditTotal(credits, s.policy.credits, s.feeMinor),
    warnings,
  });
  const sections: Sections = { tickets: tickets !== null, availability: availability !== null, hasCreditModels: s.policy.credits.models.length > 0 };
  const text = render(report, format, command, sections, flags, io);
  if (!flags.quiet) for (const w of warnings) io.stderr.write(`warning: ${formatIssue(w)}\n`);
  writeReport(text, flags.output, io);
  if (s.failOn === 'breach' && (report.summary.breached > 0 || report.availability.some((a) => a.met === false))) return 1;
  if (s.failOn === 'credit' && report.creditTotal.percent > 0) return 1;
  return 0;
}

function render(report: Report, format: string, command: AuditCommand, sections: Sections, flags: AuditFlags, io: Io): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'csv': {
      const table = flags.csv ?? (command === 'tickets' ? 'tickets' : command === 'uptime' ? 'availability' : 'credits');
      if (table === 'tickets') return ticketsCsv(report);
      if (table === 'availability') return availabilityCsv(report);
      return creditsCsv(report);
    }
    case 'markdown':
      return renderReportMarkdown(report, { ...sections, all: flags.all === true });
    default: {
      const level = colorLevel((flags.color ?? 'auto') as ColorMode, flags.output === undefined && io.stdout.isTTY === true, io.env);
      return renderReportTable(report, { ...sections, chalk: makeChalk(level), all: flags.all === true });
    }
  }
}
