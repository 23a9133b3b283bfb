import { classesFound, classesUndecided, parseWindow, runAtRisk, type AtRiskClass } from '../../audit/at-risk.js';
import { filesRead, loadRequest } from '../../audit/request.js';
import { printable, UsageError } from '../../core/issues.js';
import { formatIssues } from '../../adapters/render/format-issues.js';
import type { Io } from '../io.js';
import { chooseReportFormat, destination, tableWidth, writeReport } from '../output.js';
import type { AuditFlags, Clock } from './audit.js';

export interface AtRiskFlags extends AuditFlags {
  within?: string;
  deadlines?: string;
}

/**
 * Under `--fail-on`, the exit code of each class of finding, the most urgent first: a ticket due
 * within the window, then a service whose downtime left before its target is less than the window,
 * then a claim deadline within the days asked for. Apart from 1–3 (and from the audit's codes), so a
 * cron job can tell what to do from the code alone; several classes found exit with the first.
 * Where none is found but the evidence cannot tell (a budget only the time it leaves open may put
 * under the window), the exit is 4, as for `audit`: never 0, "nothing at risk", on evidence that cannot say so.
 */
export const AT_RISK_EXIT: ReadonlyMap<AtRiskClass, number> = new Map([
  ['ticket', 10],
  ['availability', 11],
  ['deadline', 12],
]);
const UNDECIDED_EXIT = 4;
const CLASSES = [...AT_RISK_EXIT.keys()];

/** `--fail-on ticket,deadline` (or `any`): the classes whose findings end the run with their code. */
export function parseFailOn(text: string | undefined): AtRiskClass[] {
  if (text === undefined) return [];
  const names = text.split(',').map((s) => s.trim().toLowerCase());
  if (names.includes('any')) return CLASSES;
  const bad = names.find((n) => !(CLASSES as string[]).includes(n));
  if (bad !== undefined)
    throw new UsageError(
      `--fail-on must be any, or a comma list of ${CLASSES.join(', ')} (got: "${printable(bad, 60)}")`,
    );
  return CLASSES.filter((c) => names.includes(c));
}

/**
 * `at-risk`: at --as-of, the open tickets due within --within and those a pause holds, each
 * service's downtime budget for the period so far, and claim deadlines within --deadlines.
 */
export async function atRiskCommand(
  inputs: { tickets?: string[]; uptime?: string[] },
  flags: AtRiskFlags,
  io: Io,
  clock: Clock,
): Promise<number> {
  const failOn = parseFailOn(flags.failOn);
  if (flags.month !== undefined || flags.from !== undefined || flags.to !== undefined)
    throw new UsageError(
      'at-risk looks at the billing period holding --as-of: give --as-of instead of --month, --from or --to',
    );
  const withinMs = parseWindow('--within', flags.within ?? '4h');
  const deadlineMs = parseWindow('--deadlines', flags.deadlines ?? '14d');
  if (deadlineMs % 86_400_000 !== 0)
    throw new UsageError(
      `--deadlines counts whole days, as claim deadlines are dates: 14d or 2w (got: "${flags.deadlines}")`,
    );
  const request = loadRequest(
    { ...flags, vendorAgents: flags.vendorAgent ?? [], ...inputs },
    { cwd: io.cwd, now: clock.now, stdin: io.stdin },
  );
  if (request.tickets.length + request.uptime.length === 0)
    throw new UsageError('at-risk needs --tickets <file…>, --uptime <file…> or both (or a contract listing them)');
  const format =
    flags.format === 'ndjson' ? 'ndjson' : chooseReportFormat(flags.format, flags.output, io, ['table', 'json']);
  const own = filesRead(request);
  destination(flags.output, io, own);
  const report = await runAtRisk(request, { withinMs, deadlineDays: deadlineMs / 86_400_000 });
  if (!flags.quiet) for (const w of new Set(formatIssues(report.warnings))) io.stderr.write(`warning: ${w}\n`);
  const data = await import('../../adapters/render/at-risk-data.js');
  const text =
    format === 'json'
      ? data.atRiskJson(report)
      : format === 'ndjson'
        ? data.atRiskNdjson(report)
        : (await import('../../adapters/render/at-risk-table.js')).renderAtRiskTable(
            report,
            tableWidth(io, flags.output),
          );
  await writeReport(text, flags.output, io, own);
  const found = classesFound(report).filter((c) => failOn.includes(c));
  // What is found comes first; what the evidence leaves open is said only where nothing is.
  const standing = found.length > 0 ? 'found' : 'undecided';
  const named = found.length > 0 ? found : classesUndecided(report).filter((c) => failOn.includes(c));
  if (named.length === 0) return 0;
  const said = data.findingSentences(report, named, standing);
  io.stderr.write(
    `sla-audit: --fail-on ${named.join(',')}: ${standing === 'undecided' ? 'undecided: ' : ''}${said.length} finding${said.length === 1 ? '' : 's'} (${said
      .slice(0, 3)
      .map((s) => printable(s, 160))
      .join('; ')}${said.length > 3 ? '; …' : ''})\n`,
  );
  return standing === 'found' ? AT_RISK_EXIT.get(found[0]!)! : UNDECIDED_EXIT;
}
