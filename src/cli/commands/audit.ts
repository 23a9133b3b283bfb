import { resolve } from 'node:path';
import { filesRead, loadRequest, type RequestOptions } from '../../audit/request.js';
import { failOnReasons, runAudit, type TicketSink } from '../../audit/run-audit.js';
import type { ColorMode } from '../../adapters/render/colors.js';
import { JsonBytes } from '../../adapters/render/json-bytes.js';
import { ReportJsonWriter } from '../../adapters/render/report-json.js';
import { printable, UsageError } from '../../core/issues.js';
import { formatIssues } from '../../adapters/render/format-issues.js';
import type { AuditReport, FailOn } from '../../core/report.js';
import type { Io } from '../io.js';
import { chooseReportFormat, destination, ReportFile, writeReport, type ReportFormat, tableWidth } from '../output.js';
import { progressFor } from '../progress.js';
import { inputName, stdinIsDirectory } from '../../audit/inputs.js';

export interface Clock {
  now(): number;
}

/** Flags of the audit commands, as commander hands them over. */
export interface AuditFlags extends Omit<RequestOptions, 'tickets' | 'uptime' | 'vendorAgents'> {
  /** --vendor-agent, repeatable. */
  vendorAgent?: string[];
  format?: string;
  output?: string;
  color?: string;
  failOn?: string;
  all?: boolean;
  quiet?: boolean;
  csv?: string;
  debug?: boolean;
}

export type AuditCommand = 'tickets' | 'uptime' | 'audit';

/** `tickets <file…>`, `uptime <file…>` and `audit --tickets … --uptime …`: flags → request → audit → render → write → exit code. */
export async function auditCommand(
  command: AuditCommand,
  inputs: { tickets?: string[]; uptime?: string[]; events?: string[] },
  flags: AuditFlags,
  io: Io,
  clock: Clock,
): Promise<number> {
  if (flags.failOn !== undefined && flags.failOn !== 'breach' && flags.failOn !== 'credit')
    throw new UsageError(`--fail-on must be breach or credit (got: "${flags.failOn}")`);
  const request = loadRequest(
    { ...flags, vendorAgents: flags.vendorAgent ?? [], ...inputs },
    { cwd: io.cwd, now: clock.now, stdin: io.stdin },
  );
  if (request.tickets.length + request.uptime.length === 0) {
    throw new UsageError(
      command === 'audit'
        ? 'audit needs --tickets <file…>, --uptime <file…> or both (or a contract file listing them under inputs:)'
        : `${command} needs at least one file (or - for stdin), or a contract file listing them under inputs:${
            (flags.events ?? []).length > 1
              ? ` (--events takes every file after it: ${(flags.events ?? []).join(', ')} — give the ticket files before --events)`
              : ''
          }`,
    );
  }
  if ((request.events ?? []).length > 0 && request.tickets.length === 0)
    throw new UsageError(
      '--events are joined to tickets: give the ticket export too (--tickets, or the tickets command)',
    );
  // A CSV of what the run does not report would be a header alone.
  if (flags.csv === 'tickets' && request.tickets.length === 0)
    throw new UsageError(`--csv tickets: this ${command} run reads no tickets — --csv availability or credits`);
  if (flags.csv === 'availability' && request.uptime.length === 0)
    throw new UsageError(`--csv availability: this ${command} run reads no uptime logs — --csv tickets or credits`);
  const inputFiles = [...request.tickets, ...request.uptime, ...(request.events ?? [])];
  if (io.stdin === process.stdin && inputFiles.some((s) => inputName(s) === '-') && stdinIsDirectory()) {
    throw new UsageError(
      '- reads stdin, and stdin is a directory: redirect a file into it (< export.csv) or give the file instead of -',
    );
  }
  const format = chooseReportFormat(flags.format, flags.output, io, [
    'table',
    'json',
    'csv',
    'markdown',
    'openmetrics',
  ]);
  // -o is checked before the audit, not after it: it must not be one of the run's own files.
  const ownFiles = filesRead(request);
  destination(flags.output, io, ownFiles);
  // Input paths are relative to the request's folder (the contract's).
  const absolute = inputFiles.map((s) => (typeof s === 'string' && s !== '-' ? resolve(request.cwd, s) : s));
  const progress = progressFor(absolute, io, flags.quiet === true);
  if (progress.onBytes) request.onBytes = progress.onBytes;

  // One JSON report, or one period's tickets CSV, is streamed to its file as the tickets are audited, so that
  // memory does not grow with them.
  const ticketRows = format === 'csv' && csvTableOf(command, flags) === 'tickets' && request.periods.length === 1;
  const file = format === 'json' || ticketRows ? new ReportFile(flags.output, io, ownFiles) : null;
  try {
    let reports: AuditReport[];
    if (file && ticketRows) {
      const { TICKETS_CSV_HEADER, ticketCsvLine } = await import('../../adapters/render/tickets-report.js');
      const out = new JsonBytes(file.write);
      out.text(TICKETS_CSV_HEADER);
      reports = await runAudit(request, { ticket: (r) => out.text(ticketCsvLine(r)) });
      out.flush();
    } else if (file && request.periods.length === 1) {
      const out = new JsonBytes(file.write);
      const json = new ReportJsonWriter(out);
      const sink: TicketSink = { begin: (heads) => json.begin(heads[0]!), ticket: (r) => json.ticket(r) };
      reports = await runAudit(request, sink);
      json.end(reports[0]!);
      out.text('\n');
      out.flush();
    } else {
      reports = await runAudit(request);
      if (file) {
        const out = new JsonBytes(file.write);
        new ReportJsonWriter(out).write(reports);
        out.flush();
      }
    }
    progress.done();
    if (!flags.quiet) {
      const c = request.contract;
      if (c)
        io.stderr.write(
          `note: contract ${printable(c.file, 300)} applied${c.found ? ' (found in the working folder; --config names another)' : ''}\n`,
        );
      for (const w of distinctWarnings(reports)) io.stderr.write(`warning: ${w}\n`);
    }
    if (file) await file.commit();
    else await writeReport(await render(reports, format, command, flags, io), flags.output, io, ownFiles);
    return failOnExit((flags.failOn ?? null) as FailOn | null, reports, io);
  } finally {
    progress.done();
    file?.abort();
  }
}

/**
 * `--fail-on`'s exit code, with its reasons on stderr: 1 when the condition is met (a breach, a credit),
 * else 4 when the evidence cannot decide it or is incomplete, else 0.
 */
export async function failOnExit(
  failOn: FailOn | null,
  reports: readonly AuditReport[],
  io: Io,
  /** The flag's value as given, where a command maps its own onto the audit's (claim's review). */
  given: string = failOn ?? '',
  /** Only what the evidence leaves undecided counts (claim's review: an owed credit is no review). */
  undecidedOnly = false,
): Promise<number> {
  if (failOn === null) return 0;
  // Its wording is loaded only when --fail-on is given.
  const { failOnLine } = await import('../../adapters/render/fail-on.js');
  const all = failOnReasons(reports, failOn);
  const reasons = undecidedOnly ? { found: [], undecided: all.undecided } : all;
  const line = failOnLine(given, reasons);
  if (line !== null) io.stderr.write(`sla-audit: ${printable(line, 2000)}\n`);
  return reasons.found.length > 0 ? 1 : reasons.undecided.length > 0 ? 4 : 0;
}

/** Every report repeats the warnings of the inputs; each is shown once. */
function distinctWarnings(reports: readonly AuditReport[]): string[] {
  return [...new Set(reports.flatMap((r) => formatIssues(r.warnings)))];
}

/** Tables, CSV and Markdown; their modules (a table library, colours) are loaded only for them. */
async function render(
  reports: AuditReport[],
  format: ReportFormat,
  command: AuditCommand,
  flags: AuditFlags,
  io: Io,
): Promise<string> {
  const { creditsRangeCsv, renderReportMarkdown, renderReportTable } =
    await import('../../adapters/render/report-text.js');
  const { renderRangeMarkdown, renderRangeTable } = await import('../../adapters/render/finance.js');
  switch (format) {
    case 'csv': {
      const table = csvTableOf(command, flags);
      // Credits under one header, with the range's total per currency after the periods' rows.
      if (table !== 'tickets' && table !== 'availability') return creditsRangeCsv(reports);
      const one =
        table === 'tickets'
          ? (await import('../../adapters/render/tickets-report.js')).ticketsCsv
          : (await import('../../adapters/render/availability-report.js')).availabilityCsv;
      // One header: later months' tables start after theirs.
      return reports
        .map((r, i) => {
          const text = one(r);
          return i === 0 ? text : text.slice(text.indexOf('\r\n') + 2);
        })
        .join('');
    }
    case 'openmetrics':
      return (await import('../../adapters/render/openmetrics.js')).auditOpenMetrics(reports);
    case 'markdown':
      return (
        reports.map((r) => renderReportMarkdown(r, { all: flags.all === true })).join('\n') +
        renderRangeMarkdown(reports)
      );
    default: {
      const { colorLevel, makeChalk } = await import('../../adapters/render/colors.js');
      const level = colorLevel(
        (flags.color ?? 'auto') as ColorMode,
        flags.output === undefined && io.stdout.isTTY === true,
        io.env,
      );
      // On a terminal, tables fit its width; in a file they keep their natural width.
      const width = tableWidth(io, flags.output);
      const chalk = makeChalk(level);
      return (
        reports.map((r) => renderReportTable(r, { chalk, all: flags.all === true, width })).join('\n') +
        renderRangeTable(reports, chalk, width)
      );
    }
  }
}

/** The table a CSV report holds: --csv, else what the command reports. */
const csvTableOf = (command: AuditCommand, flags: AuditFlags): string =>
  flags.csv ?? (command === 'tickets' ? 'tickets' : command === 'uptime' ? 'availability' : 'credits');
