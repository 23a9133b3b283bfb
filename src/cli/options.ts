import { Command, Option } from 'commander';
import { PRESET_HELP } from '../audit/presets.js';

/*
 * The options the commands share, each defined once: what every command that reads exports takes,
 * the period and fee, and the audit's report options.
 */

export const formatOption = () =>
  new Option('--format <format>', 'output format (default: table on a terminal, json otherwise)').choices([
    'table',
    'json',
  ]);

/** What every command that reads exports takes (SPEC 1): the contract, the model, the inputs, where the report goes. Events only where there are tickets. */
export function inputOptions(cmd: Command, tickets = true): Command {
  cmd
    .option('--config <file>', 'contract file (default: ./sla-audit.yaml when present)')
    .option('--policy <id|file>', 'bundled policy id (see `policies list`) or a path to a policy file')
    .option('--tier <name>', 'the support tier or plan bought')
    .option('--as-of <timestamp>', 'instant at which open tickets are judged, ISO 8601 with offset (default: now)')
    .option('--input-tz <zone>', 'IANA zone for input timestamps without an offset');
  if (tickets) {
    cmd
      .option(
        '--events <file...>',
        'comments, conversations, journal entries or status changes, joined to the tickets by id: they give the first response where no column does, ongoing response and pauses',
      )
      .option(
        '--vendor-agent <who>',
        "who speaks for the vendor in the events (repeatable): an id, user name, e-mail or @domain (added to the contract's vendorAgents)",
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      );
  }
  return cmd
    .option('--preset <name>', PRESET_HELP, (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option(
      '--map <file>',
      'YAML map: columns (or JSON paths), per-field zone and format, timestampFormat, zone, nullValues, delimiter, encoding, priorities, duplicates; events: and uptime: blocks',
    )
    .option('-o, --output <file>', 'write the report to a file (atomically)')
    .addOption(new Option('--color <when>', 'colour in tables').choices(['auto', 'always', 'never']).default('auto'))
    .option('--skip-invalid', 'skip bad input rows (each reported as a warning) instead of failing')
    .option('-q, --quiet', 'no warnings on stderr');
}

/** The billing period and the fee: what the audit and the claim commands take besides the inputs. */
export function periodOptions(cmd: Command): Command {
  return cmd
    .option(
      '--month <YYYY-MM>',
      "billing period (default: the last complete one before --as-of); a quarterly policy's as 2026-Q4 (or FY2026-Q1)",
    )
    .option('--from <YYYY-MM>', 'with --to: audit each month of the range (inclusive), one report per month')
    .option('--to <YYYY-MM>', 'the last month of --from')
    .option('--fee <amount>', "monthly fee, for credit amounts (a quarter's is three months')")
    .option('--annual-fee <amount>', "annual fee; a month's is one twelfth, a quarter's one quarter")
    .option('--currency <code>', "ISO 4217 currency (default: the policy's)");
}

/** What the audit commands add: the period, the fee, the report's shape and the exit condition. */
export function auditOptions(cmd: Command, tickets = true): Command {
  periodOptions(inputOptions(cmd, tickets))
    .addOption(
      new Option(
        '--format <format>',
        'table, json, csv, markdown or openmetrics (Prometheus textfile collector) (default: from -o, else table on a terminal, json otherwise)',
      ).choices(['table', 'json', 'csv', 'markdown', 'openmetrics']),
    )
    .addOption(
      new Option(
        '--csv <table>',
        'with --format csv: credits, tickets or availability (default: what the command reports)',
      ).choices(['credits', 'tickets', 'availability']),
    );
  if (tickets) cmd.option('--all', 'list every ticket in tables, not only breached and pending ones');
  return cmd.addOption(
    new Option(
      '--fail-on <condition>',
      'exit 1 when any breach / any credit is found, 4 when the evidence cannot decide; the reason on stderr',
    ).choices(['breach', 'credit']),
  );
}
