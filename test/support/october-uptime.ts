import { parseReport } from './report-schema.js';
import { runCli } from './run-cli.js';

/**
 * `sla-audit uptime <args>` over October 2026, judged at 5 November with a monthly fee of 1000, as its JSON
 * report (null when the run wrote none) with the run itself.
 */
export async function octoberUptime(args: readonly string[], cwd: string) {
  const r = await runCli(
    ['uptime', ...args, '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--fee', '1000', '--format', 'json'],
    { cwd },
  );
  return { r, report: r.stdout.trim() === '' ? null : parseReport(r.stdout) };
}
