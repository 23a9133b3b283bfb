import { runPortfolio, type Portfolio } from '../../audit/portfolio.js';
import type { ColorMode } from '../../adapters/render/colors.js';
import { formatIssues } from '../../adapters/render/format-issues.js';
import { printable, UsageError } from '../../core/issues.js';
import { failOnReasons } from '../../audit/run-audit.js';
import type { Io } from '../io.js';
import { chooseReportFormat, destination, tableWidth, writeReport, type ReportFormat } from '../output.js';
import type { Clock } from './audit.js';

export interface PortfolioFlags {
  month?: string;
  from?: string;
  to?: string;
  asOf?: string;
  ledger?: string;
  format?: string;
  output?: string;
  color?: string;
  failOn?: string;
  quiet?: boolean;
}

/**
 * `portfolio <contract files or folders>`: every contract audited on its own, merged, and checked
 * against the claims ledger. A contract that could not be audited is listed in the report and on
 * stderr, and the run ends with exit 2 once the others are reported.
 */
export async function portfolioCommand(
  contracts: string[],
  flags: PortfolioFlags,
  io: Io,
  clock: Clock,
): Promise<number> {
  if (flags.failOn !== undefined && flags.failOn !== 'mismatch' && flags.failOn !== 'breach')
    throw new UsageError(`--fail-on must be mismatch or breach (got: "${flags.failOn}")`);
  const format = chooseReportFormat(flags.format, flags.output, io);
  const given = [...contracts, ...(flags.ledger !== undefined ? [flags.ledger] : [])];
  destination(flags.output, io, given);
  const p = await runPortfolio(
    {
      contracts,
      ...(flags.month !== undefined ? { month: flags.month } : {}),
      ...(flags.from !== undefined ? { from: flags.from } : {}),
      ...(flags.to !== undefined ? { to: flags.to } : {}),
      ...(flags.asOf !== undefined ? { asOf: flags.asOf } : {}),
      ...(flags.ledger !== undefined ? { ledger: flags.ledger } : {}),
    },
    { cwd: io.cwd, now: clock.now, stdin: io.stdin },
  );
  if (!flags.quiet) {
    const warnings = new Set(p.runs.flatMap((c) => c.reports.flatMap((r) => formatIssues(r.warnings))));
    for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
  }
  for (const f of p.failed) for (const line of formatIssues(f.issues)) io.stderr.write(`${line}\n`);
  const read = p.runs.flatMap((c) =>
    c.reports.slice(0, 1).flatMap((r) => [c.file, ...r.inputs.tickets, ...r.inputs.events, ...r.inputs.uptime]),
  );
  await writeReport(await render(p, format, flags, io), flags.output, io, [...given, ...read]);
  if (p.failed.length > 0) {
    io.stderr.write(
      `sla-audit: ${p.failed.length} contract${p.failed.length === 1 ? '' : 's'} not audited (listed above); the others are reported\n`,
    );
    return 2;
  }
  if (flags.failOn === 'breach') return failOnBreach(p, io);
  return flags.failOn === 'mismatch' ? failOnMismatch(p, io) : 0;
}

/**
 * `--fail-on mismatch`: 1 where the ledger and the credits disagree, else 4 where a credit line the
 * evidence cannot decide leaves the check open (a claim resting on it, or a credit that may yet be
 * owed and unclaimed), else 0.
 */
function failOnMismatch(p: Portfolio, io: Io): number {
  const open = p.accounts.filter((a) => a.undecidedLines > 0);
  if (p.mismatches.length === 0 && p.undecided.length === 0 && open.length === 0) return 0;
  const reasons: string[] = [];
  if (p.mismatches.length > 0) reasons.push(`${p.mismatches.length} mismatch(es) between the ledger and the credits`);
  if (p.undecided.length > 0) reasons.push(`${p.undecided.length} claim(s) resting on credit lines undecided`);
  if (open.length > 0) {
    const lines = open.reduce((n, a) => n + a.undecidedLines, 0);
    const where = open.slice(0, 5).map((a) => {
      const c = p.runs[a.run]!;
      return `${c.reference ?? c.file} ${a.period}${a.service !== null ? ` (${a.service})` : ''}`;
    });
    reasons.push(`${lines} credit line(s) undecided (${where.join(', ')}${open.length > 5 ? ', …' : ''})`);
  }
  io.stderr.write(`sla-audit: ${printable(`--fail-on mismatch: ${reasons.join('; ')}`, 2000)}\n`);
  return p.mismatches.length > 0 ? 1 : 4;
}

/**
 * `--fail-on breach` as `audit` has it, contract by contract: 1 for a breach found, else 4 where the
 * evidence cannot decide one (availability unknown, a metric not measured, rows skipped), else 0 —
 * a period the trend cannot call met is never a clean run.
 */
async function failOnBreach(p: Portfolio, io: Io): Promise<number> {
  const { failReasonText } = await import('../../adapters/render/fail-on.js');
  const found: string[] = [];
  const undecided: string[] = [];
  for (const c of p.runs) {
    const reasons = failOnReasons(c.reports, 'breach');
    const who = c.reference ?? c.file;
    for (const r of reasons.found) found.push(`${who}: ${failReasonText(r)}`);
    for (const r of reasons.undecided) undecided.push(`${who}: ${failReasonText(r)}`);
  }
  const all = [...found, ...undecided];
  if (all.length > 0) {
    const shown = all.slice(0, 8).join('; ');
    const more = all.length > 8 ? `; and ${all.length - 8} more` : '';
    io.stderr.write(`sla-audit: ${printable(`--fail-on breach: ${shown}${more}`, 2000)}\n`);
  }
  return found.length > 0 ? 1 : undecided.length > 0 ? 4 : 0;
}

async function render(p: Portfolio, format: ReportFormat, flags: PortfolioFlags, io: Io): Promise<string> {
  if (format === 'json') return (await import('../../adapters/render/portfolio-json.js')).portfolioJson(p);
  const text = await import('../../adapters/render/portfolio-text.js');
  if (format === 'csv') return text.portfolioCsv(p);
  if (format === 'markdown') return text.portfolioMarkdown(p);
  const { colorLevel, makeChalk } = await import('../../adapters/render/colors.js');
  const level = colorLevel(
    (flags.color ?? 'auto') as ColorMode,
    flags.output === undefined && io.stdout.isTTY === true,
    io.env,
  );
  return text.portfolioTable(p, makeChalk(level), tableWidth(io, flags.output));
}
