import { runPortfolio, type Portfolio } from '../../audit/portfolio.js';
import type { ColorMode } from '../../adapters/render/colors.js';
import { formatIssues } from '../../adapters/render/format-issues.js';
import { UsageError } from '../../core/issues.js';
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
  const fails =
    flags.failOn === 'mismatch'
      ? p.mismatches.length > 0
      : flags.failOn === 'breach'
        ? p.trend.some((t) => t.states.some((s) => s.state === 'breached'))
        : false;
  if (fails)
    io.stderr.write(
      `sla-audit: --fail-on ${flags.failOn}: ${flags.failOn === 'mismatch' ? `${p.mismatches.length} mismatch(es) between the ledger and the credits` : 'a breach was found'}\n`,
    );
  return fails ? 1 : 0;
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
