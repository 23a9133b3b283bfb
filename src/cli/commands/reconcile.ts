import { runReconcile, type ReconcileRun } from '../../audit/reconcile.js';
import { filesRead, loadRequest } from '../../audit/request.js';
import { inputPath } from '../../audit/request-values.js';
import { formatIssues } from '../../adapters/render/format-issues.js';
import { printable, UsageError } from '../../core/issues.js';
import type { Io } from '../io.js';
import { chooseReportFormat, destination, tableWidth, writeReport } from '../output.js';
import type { AuditFlags, Clock } from './audit.js';

export interface ReconcileFlags extends AuditFlags {
  vendor?: string;
  tolerance?: string;
}

const UNIT_MS = new Map([
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
]);

/** `--tolerance 5m`: a duration in seconds, minutes or hours; 0 alone needs no unit. */
export function parseTolerance(text: string): number {
  if (text.trim() === '0') return 0;
  const m = /^(\d+(?:\.\d+)?)\s*([smh])$/.exec(text.trim());
  if (!m) throw new UsageError(`--tolerance must be a duration such as 30s, 5m or 1h (got: "${printable(text, 60)}")`);
  return Math.round(Number(m[1]) * UNIT_MS.get(m[2]!)!);
}

/**
 * `reconcile`: the audit, then our figures against the vendor's — coverage, a verdict cross-tab per
 * metric, per ticket the difference and the convention that explains it, the money either way; or,
 * for a vendor's availability statement, per service and period our downtime against theirs and the
 * rule of the downtime definition that explains the difference.
 * `--fail-on mismatch` exits 1 while a difference stays unexplained, else 4 while a figure cannot be
 * compared on our evidence.
 */
export async function reconcileCommand(
  inputs: { tickets?: string[]; uptime?: string[] },
  flags: ReconcileFlags,
  io: Io,
  clock: Clock,
): Promise<number> {
  if (flags.failOn !== undefined && flags.failOn !== 'mismatch')
    throw new UsageError(`--fail-on must be mismatch (got: "${printable(flags.failOn, 60)}")`);
  const toleranceMs = parseTolerance(flags.tolerance ?? '0');
  const request = loadRequest(
    { ...flags, vendorAgents: flags.vendorAgent ?? [], ...inputs },
    { cwd: io.cwd, now: clock.now, stdin: io.stdin },
  );
  if (request.tickets.length === 0 && request.uptime.length === 0)
    throw new UsageError(
      "reconcile needs --tickets <file…>, or --uptime <file…> with the vendor's availability statement as --vendor (or a contract listing them under inputs:)",
    );
  const format = chooseReportFormat(flags.format, flags.output, io);
  const own = filesRead(request);
  if (flags.vendor !== undefined) own.push(flags.vendor);
  destination(flags.output, io, own);
  // Named, and read, as the inputs are: relative to the contract's folder (the working folder without one).
  const vendor = flags.vendor === undefined ? null : inputPath(flags.vendor, io.cwd, request.cwd);
  const run = await runReconcile(request, { vendor, toleranceMs });
  if (!flags.quiet)
    for (const w of new Set(run.reports.flatMap((r) => formatIssues(r.warnings)))) io.stderr.write(`warning: ${w}\n`);
  const head = {
    policy: request.policy.id,
    tier: request.tier.id,
    asOf: new Date(request.asOf).toISOString().replace('.000Z', 'Z'),
    vendor: run.vendor,
  };
  let text: string;
  if (format === 'json')
    text = (await import('../../adapters/render/reconcile-data.js')).reconcileJson(
      head,
      run.reconciliations,
      run.availability,
    );
  else if (format === 'csv')
    text =
      run.availability !== null
        ? (await import('../../adapters/render/reconcile-data.js')).availabilityCsv(run.availability)
        : (await import('../../adapters/render/reconcile-data.js')).reconcileCsv(run.reconciliations);
  else
    text = (await import('../../adapters/render/reconcile-text.js')).reconcileText(
      head,
      run.reconciliations,
      run.availability,
      {
        markdown: format === 'markdown',
        all: flags.all === true,
        ...(tableWidth(io, flags.output) !== undefined ? { width: tableWidth(io, flags.output)! } : {}),
      },
    );
  await writeReport(text, flags.output, io, own);
  const unexplained = run.reconciliations.flatMap((r) =>
    r.rows.filter((x) => x.status === 'differ' && x.causes.length === 0).map((x) => `${x.id} ${x.metric}`),
  );
  for (const x of run.availability?.rows ?? [])
    if (x.status === 'differ' && x.causes.length === 0) unexplained.push(`${x.service} ${x.period}`);
  if (flags.failOn === 'mismatch' && unexplained.length > 0) {
    const shown = unexplained.slice(0, 5).map((s) => printable(s, 80));
    io.stderr.write(
      `sla-audit: --fail-on mismatch: ${unexplained.length} difference(s) with the vendor's figures unexplained (${shown.join(', ')}${unexplained.length > 5 ? ', …' : ''})\n`,
    );
    return 1;
  }
  if (flags.failOn === 'mismatch') return undecidedExit(run, io);
  return 0;
}

/**
 * With no difference unexplained, `--fail-on mismatch` is 0 only where every figure was compared on our
 * evidence: a metric we could not measure, a service our logs say nothing of, or cover too little of
 * (our downtime a lower bound), or leave downtime open in (ours a range), is undecided — exit 4, named on stderr.
 */
function undecidedExit(run: ReconcileRun, io: Io): number {
  const open = run.reconciliations.flatMap((r) =>
    r.rows
      .filter((x) => x.status === 'not-compared' && x.ours.status === 'not-measured')
      .map((x) => `${x.id} ${x.metric}`),
  );
  for (const x of run.availability?.rows ?? [])
    if (x.status === 'ours-incomplete' || x.status === 'not-compared') open.push(`${x.service} ${x.period}`);
  if (open.length === 0) return 0;
  const shown = open.slice(0, 5).map((s) => printable(s, 80));
  io.stderr.write(
    `sla-audit: --fail-on mismatch: none unexplained, but ${open.length} figure(s) our evidence cannot compare (not measured, logs short of the minimum coverage, or downtime they leave open: ${shown.join(', ')}${open.length > 5 ? ', …' : ''})\n`,
  );
  return 4;
}
