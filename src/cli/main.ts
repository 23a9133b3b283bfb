import { Command, CommanderError, Option } from 'commander';
import { InputError, UsageError, printable } from '../core/issues.js';
import type { Clock } from './commands/audit.js';
import { auditOptions, formatOption, inputOptions, periodOptions } from './options.js';
import { lostOutput, processIo, type Io } from './io.js';
import { cause, OutputClosed } from './output.js';
import { VERSION } from '../version.js';

/**
 * 0 done, 1 the --fail-on condition was met, 2 usage, policy or input
 * error, 3 a bug, 4 --fail-on could not tell: the evidence cannot decide
 * (or rows were skipped as invalid). 141 (128 + SIGPIPE, as a shell reports
 * a command that a closed pipe stopped): the reader of stdout went away
 * (`| head`) — neither a finding nor a bug.
 */
export const EXIT = { ok: 0, condition: 1, invalid: 2, internal: 3, undecided: 4, closed: 141 } as const;

function buildProgram(io: Io, setExit: (code: number) => void, clock: Clock, argv: readonly string[]): Command {
  const program = new Command('sla-audit')
    .description(
      'Audit vendor SLAs from your own evidence: helpdesk exports and uptime logs in, breaches and service credits out.',
    )
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces for internal errors, and how large inputs are read')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .hook('preAction', (_program, command) => onceEach(command, argv));

  const run = (fn: () => Promise<number>) => async () => setExit(await fn());

  const policies = program.command('policies').description('the bundled vendor policies: list, show, validate');
  policies
    .command('list')
    .description('list the bundled vendor policies')
    .addOption(formatOption())
    .action((opts) => run(async () => (await import('./commands/policies.js')).policiesList(opts, io))());
  policies
    .command('show <policy>')
    .description('show a policy (bundled id or path): calendars, targets per tier and priority, credits, assumptions')
    .addOption(formatOption())
    .action((id, opts) => run(async () => (await import('./commands/policies.js')).policiesShow(id, opts, io))());
  policies
    .command('validate <file>')
    .description('validate a policy or a contract file; every problem is reported as file:line:col')
    .action((file, opts) =>
      run(async () => (await import('./commands/policies.js')).policiesValidate(file, opts, io, clock))(),
    );
  auditOptions(
    program
      .command('tickets [file...]')
      .description(
        'per-ticket response and resolution results for one billing month, with ticket credits (- reads stdin)',
      ),
  ).action((files, opts) =>
    run(async () =>
      (await import('./commands/audit.js')).auditCommand(
        'tickets',
        files.length > 0 ? { tickets: files, uptime: [] } : { uptime: [] },
        { ...opts, ...program.opts() },
        io,
        clock,
      ),
    )(),
  );
  auditOptions(
    program
      .command('uptime [file...]')
      .description(
        'monthly availability per service and the availability credits (probe samples, outage intervals, monitoring exports)',
      ),
    false,
  ).action((files, opts) =>
    run(async () =>
      (await import('./commands/audit.js')).auditCommand(
        'uptime',
        files.length > 0 ? { tickets: [], events: [], uptime: files } : { tickets: [], events: [] },
        { ...opts, ...program.opts() },
        io,
        clock,
      ),
    )(),
  );
  auditOptions(
    program.command('audit').description('the monthly audit: tickets, availability and credits in one report'),
  )
    .option('--tickets <file...>', 'helpdesk exports (CSV, JSON, NDJSON; - reads stdin)')
    .option('--uptime <file...>', 'uptime logs: probe samples, outage intervals or monitoring exports')
    .action((opts) => {
      // Inputs on the command line replace the contract's; none, and the contract's are read.
      const given = opts.tickets !== undefined || opts.uptime !== undefined;
      const inputs = given ? { tickets: opts.tickets ?? [], uptime: opts.uptime ?? [] } : {};
      return run(async () =>
        (await import('./commands/audit.js')).auditCommand('audit', inputs, { ...opts, ...program.opts() }, io, clock),
      )();
    });
  periodOptions(
    inputOptions(
      program
        .command('claim')
        .description(
          'the credit claim: per vendor and period, a packet to send (claim.html, evidence.csv, calculation.json, request.txt) and its state',
        ),
    ),
  )
    .option('--tickets <file...>', 'helpdesk exports (CSV, JSON, NDJSON)')
    .option('--uptime <file...>', 'uptime logs: probe samples, outage intervals or monitoring exports')
    .addOption(
      new Option('--format <format>', 'the summary on stdout: table or json (default: table)').choices([
        'table',
        'json',
      ]),
    )
    .addOption(
      new Option(
        '--fail-on <condition>',
        'exit 1 when a claim needs review / there is a claim to send / any breach is found',
      ).choices(['review', 'credit', 'breach']),
    )
    .action((opts) => {
      const given = opts.tickets !== undefined || opts.uptime !== undefined;
      const inputs = given ? { tickets: opts.tickets ?? [], uptime: opts.uptime ?? [] } : {};
      return run(async () =>
        (await import('./commands/claim.js')).claimCommand(inputs, { ...opts, ...program.opts() }, io, clock, argv),
      )();
    });
  periodOptions(
    inputOptions(
      program
        .command('at-risk')
        .description(
          'what is about to go wrong at --as-of: open tickets due within --within, paused ones, the downtime each service may still have this period, claim deadlines within --deadlines',
        ),
    ),
  )
    .option('--tickets <file...>', 'helpdesk exports (CSV, JSON, NDJSON; - reads stdin)')
    .option('--uptime <file...>', 'uptime logs: probe samples, outage intervals or monitoring exports')
    .option('--within <duration>', 'tickets due within this much wall-clock time: 30m, 4h, 2d (default: 4h)')
    .option('--deadlines <duration>', 'claim deadlines within this many days: 14d, 2w (default: 14d)')
    .addOption(
      new Option(
        '--format <format>',
        'table, json, or ndjson (one line per finding) (default: table on a terminal, json otherwise)',
      ).choices(['table', 'json', 'ndjson']),
    )
    .option(
      '--fail-on <classes>',
      'exit 10 (a ticket due), 11 (availability budget under --within) or 12 (a claim deadline) when found, 4 when the evidence cannot tell: any, or a comma list of ticket, availability, deadline',
    )
    .action((opts) => {
      const given = opts.tickets !== undefined || opts.uptime !== undefined;
      const inputs = given ? { tickets: opts.tickets ?? [], uptime: opts.uptime ?? [] } : {};
      return run(async () =>
        (await import('./commands/at-risk.js')).atRiskCommand(inputs, { ...opts, ...program.opts() }, io, clock),
      )();
    });
  periodOptions(
    inputOptions(
      program
        .command('reconcile')
        .description(
          "our figures against the vendor's (the export's own columns, or --vendor): coverage, verdicts, differences and the convention that explains each, credits either way",
        ),
    ),
  )
    .option('--tickets <file...>', 'helpdesk exports (CSV, JSON, NDJSON)')
    .option('--uptime <file...>', "uptime logs, to reconcile with the vendor's availability statement")
    .option('--vendor <file>', "the vendor's figures: a Zendesk or ServiceNow export, an availability statement")
    .option('--tolerance <duration>', 'a difference up to this is agreement: 30s, 5m, 1h (default: 0)')
    .option('--all', 'list every ticket in tables, not only those that differ')
    .addOption(
      new Option(
        '--format <format>',
        'table, json, csv or markdown (default: from -o, else table on a terminal, json otherwise)',
      ).choices(['table', 'json', 'csv', 'markdown']),
    )
    .addOption(
      new Option(
        '--fail-on <condition>',
        "exit 1 when a difference with the vendor's figures stays unexplained",
      ).choices(['mismatch']),
    )
    .action((opts) => {
      const given = opts.tickets !== undefined || opts.uptime !== undefined;
      const inputs = given ? { tickets: opts.tickets ?? [], uptime: opts.uptime ?? [] } : {};
      return run(async () =>
        (await import('./commands/reconcile.js')).reconcileCommand(inputs, { ...opts, ...program.opts() }, io, clock),
      )();
    });
  program
    .command('portfolio <contracts...>')
    .description(
      'several contracts (files, or folders of them) audited each with its own policy and inputs: per vendor and service the trend, repeated breaches, credits owed, claimed, received, denied and expired against --ledger, totals per currency',
    )
    .option('--month <YYYY-MM>', 'billing period (default: the last complete one before --as-of)')
    .option('--from <YYYY-MM>', 'with --to: audit each month of the range (inclusive)')
    .option('--to <YYYY-MM>', 'the last month of --from')
    .option('--as-of <timestamp>', 'instant every contract is judged at, ISO 8601 with offset (default: now)')
    .option(
      '--ledger <file>',
      'claims.yaml (sla-claims/v1): the claims sent and what came back, checked against the credits',
    )
    .addOption(
      new Option(
        '--format <format>',
        'table, json, csv or markdown (default: from -o, else table on a terminal, json otherwise)',
      ).choices(['table', 'json', 'csv', 'markdown']),
    )
    .option('-o, --output <file>', 'write the report to a file (atomically)')
    .addOption(new Option('--color <when>', 'colour in tables').choices(['auto', 'always', 'never']).default('auto'))
    .addOption(
      new Option(
        '--fail-on <condition>',
        'exit 1 when the ledger and the credits disagree / when any breach is found',
      ).choices(['mismatch', 'breach']),
    )
    .option('-q, --quiet', 'no warnings on stderr')
    .action((contracts, opts) =>
      run(async () =>
        (await import('./commands/portfolio.js')).portfolioCommand(
          contracts,
          { ...opts, ...program.opts() },
          io,
          clock,
        ),
      )(),
    );
  inputOptions(
    program
      .command('explain <ticket-id>')
      .description("one ticket's timeline: priority and why, the covered time counted, the due instant, the verdict"),
  )
    .addOption(
      new Option('--format <format>', 'table or json (default: table on a terminal, json otherwise)').choices([
        'table',
        'json',
      ]),
    )
    // SPEC 3.12: explain ignores the period; an audit's command line pasted here still runs.
    .addOption(new Option('--month <YYYY-MM>').hideHelp())
    .addOption(new Option('--from <YYYY-MM>').hideHelp())
    .addOption(new Option('--to <YYYY-MM>').hideHelp())
    .addOption(new Option('--fee <amount>').hideHelp())
    .addOption(new Option('--annual-fee <amount>').hideHelp())
    .addOption(new Option('--currency <code>').hideHelp())
    .option('--tickets <file...>', 'the export holding the ticket')
    .option('--uptime <file...>', 'uptime logs, for rules on association with an outage')
    .action((id, opts) =>
      run(async () =>
        (await import('./commands/explain.js')).explainCommand(
          id,
          { tickets: opts.tickets, uptime: opts.uptime },
          { ...opts, ...program.opts() },
          io,
          clock,
        ),
      )(),
    );
  program
    .command('init')
    .description(`write a commented starter contract (${'sla-audit.yaml'}); refuses to overwrite one without --force`)
    .option('--config <file>', 'where to write it (default: ./sla-audit.yaml)')
    .option('--policy <id|file>', 'the policy to start from (default: websoft9)')
    .option('--tier <name>', 'the tier bought')
    .option('--force', 'replace an existing file')
    .action((opts) => run(async () => (await import('./commands/init.js')).initCommand(opts, io))());
  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(
  argv: string[],
  io: Io = processIo(),
  clock: Clock = { now: () => Date.now() },
): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c), clock, argv);
  let result: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    result = code;
  } catch (err) {
    result = await reportError(err, io, argv.includes('--debug'));
  }
  return result === EXIT.ok ? lost(io) : result;
}

/** A success whose output never arrived (help or version into a full or closed stdout) is none. */
async function lost(io: Io): Promise<number> {
  if (io.stdout !== process.stdout) return EXIT.ok;
  await new Promise((next) => setImmediate(next)); // the stream reports a failed write on a later tick
  const err = lostOutput.error;
  if (!err) return EXIT.ok;
  if (err.code === 'EPIPE') return EXIT.closed;
  io.stderr.write(`sla-audit: cannot write stdout: ${cause(err)}\n`);
  return EXIT.invalid;
}

async function reportError(err: unknown, io: Io, debug: boolean): Promise<number> {
  if (err instanceof CommanderError) {
    // Help and version exit through here with code 0; commander printed them.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version')
      return EXIT.ok;
    return EXIT.invalid;
  }
  if (err instanceof InputError) {
    // The wording tables are loaded only when there is something to word: a run that succeeds starts lighter.
    const { formatIssues } = await import('../adapters/render/format-issues.js');
    for (const line of formatIssues(err.issues)) io.stderr.write(`${line}\n`);
    io.stderr.write(
      `sla-audit: ${err.issues.length} problem${err.issues.length === 1 ? '' : 's'} found; nothing was written\n`,
    );
    return EXIT.invalid;
  }
  if (err instanceof OutputClosed) return EXIT.closed;
  if (err instanceof UsageError) {
    // A usage message may quote what the user typed (a ticket id with an ESC in it): never raw to the terminal.
    io.stderr.write(`sla-audit: ${printable(err.message, 2000)}\n`);
    return EXIT.invalid;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr.write(`sla-audit: internal error: ${e.message}\n`);
  io.stderr.write(
    debug && e.stack
      ? `${e.stack}\n`
      : 'This is a bug in sla-audit. Please report it with the command you ran (re-run with --debug for details).\n',
  );
  return EXIT.internal;
}

/**
 * A flag of one value given twice (`--month 2026-10 --month 2026-09`) is refused: the last silently winning
 * would audit another month, fee or policy than the first one written says. Repeatable flags (collected
 * into a list) and lists (`--tickets a b`) are not such flags.
 */
function onceEach(command: Command, argv: readonly string[]): void {
  const end = argv.indexOf('--');
  const args = end === -1 ? argv : argv.slice(0, end);
  for (const option of command.options) {
    if (!(option.required || option.optional) || option.variadic || Array.isArray(option.defaultValue)) continue;
    const given: string[] = [];
    args.forEach((a, i) => {
      if (a === option.long || (option.short !== undefined && a === option.short)) given.push(args[i + 1] ?? '');
      else if (option.long !== undefined && a.startsWith(`${option.long}=`))
        given.push(a.slice(option.long.length + 1));
    });
    if (given.length > 1)
      throw new UsageError(
        `${option.long} is given ${given.length} times (got ${given.map((g) => JSON.stringify(g)).join(', ')}) — give it once`,
      );
  }
}
