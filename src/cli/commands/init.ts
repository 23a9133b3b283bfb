import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONTRACT, resolvePolicy } from '../../audit/policies.js';
import { UsageError } from '../../core/issues.js';
import type { Io } from '../io.js';
import { resolveTier } from '../../audit/request.js';
import { writeReport } from '../output.js';

export interface InitOptions {
  config?: string;
  policy?: string;
  tier?: string;
  force?: boolean;
}

/** `init`: a commented starter contract that passes validation; never overwrites without --force. */
export async function initCommand(opts: InitOptions, io: Io): Promise<number> {
  const target = opts.config ?? DEFAULT_CONTRACT;
  // - is standard output, as for reports: the starter contract printed, no file named "-".
  const toStdout = target === '-';
  const file = toStdout ? '-' : isAbsolute(target) ? target : join(io.cwd, target);
  if (!toStdout && statSync(file, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(
      `--config ${target} is a directory — name the contract file, e.g. --config ${join(target, DEFAULT_CONTRACT)}`,
    );
  if (!toStdout && existsSync(file) && !opts.force)
    throw new UsageError(`${target} already exists — edit it, or pass --force to replace it`);
  const policy = resolvePolicy(opts.policy ?? 'websoft9', io.cwd);
  const tier = resolveTier(policy, opts.tier ?? policy.tiers[policy.tiers.length - 1]!.id);
  const calendar = [...policy.calendars.values()].find((c) => c.kind === 'weekly');
  // The schema this installation ships, relative to the contract: an editor finds it wherever sla-audit is installed.
  const schema = relative(
    dirname(file),
    fileURLToPath(new URL('../../../schema/contract.schema.json', import.meta.url)),
  )
    .split(sep)
    .join('/');
  await writeReport(
    starter(opts.policy ?? policy.id, tier.id, policy.currency, calendar?.id ?? null, schema),
    toStdout ? undefined : file,
    io,
  );
  if (!toStdout) io.stderr.write(`wrote ${target}: edit the fee and the input files, then run \`sla-audit audit\`\n`);
  return 0;
}

function starter(policy: string, tier: string, currency: string, calendar: string | null, schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# sla-audit contract: what you bought from one vendor, and where the evidence is.
# \`sla-audit audit\` reads it from the working directory (or --config); any flag
# overrides the value here. Paths are relative to this file.
# Check it with: sla-audit policies validate ${DEFAULT_CONTRACT}
version: sla-contract/v1

policy: ${policy}           # a bundled policy (sla-audit policies list) or a path to your own
tier: ${tier}             # the support tier or plan you pay for

# What a credit claim names (the vendor may refuse a claim without them):
# reference: MSA-2026-0142  # the contract or agreement number, as the vendor knows it
# customer: Example Ltd     # who claims: your legal name
# vendor: { name: Example Vendor Inc., claimsContact: billing@vendor.example }  # e-mail, portal URL or phone
# accounts: ["012345678901"]  # account, project or subscription ids

fee:
  monthly: 1000.00         # or  annual: 12000.00  (the monthly fee is one twelfth, rounded half up)
currency: ${currency}

inputs:
  tickets: [tickets.csv]   # helpdesk exports: CSV, JSON or NDJSON
  # uptime: [uptime.csv]   # probe samples (timestamp,status) or outage intervals (start,end)
  # presets: [zendesk]     # zendesk, jira, freshdesk, servicenow; uptimerobot, prometheus, …
  # map: map.yaml          # column map for anything else
  # inputTz: Europe/London # zone of timestamps written without an offset

# billingZone: UTC         # billing months are calendar months in this zone (default: the policy's)
${
  calendar
    ? `
# calendars:               # amend the policy's business hours and add your holidays
#   ${calendar}:
#     hours: { mon-fri: "09:00-18:00" }
#     holidays: [2026-12-25, 2026-12-26]
#     extraWorkdays: [{ date: 2026-12-27, hours: "09:00-18:00" }]
`
    : ''
}
# maintenance:             # maintenance windows agreed in the contract (not counted as downtime)
#   - { days: sun, hours: "02:00-04:00" }

# services: [api, web]     # services in scope for availability (default: every service in the logs)
# services:                # … or services of your own; resources: the ids a claim for each names
#   api: { components: [api-eu, api-us], fee: 600.00, resources: [i-0abc12345def67890] }
#   web: { fee: 400.00 }

# availability:
#   noData: exclude        # time the logs do not cover: exclude (default), down or up
#   history:               # availability of months before your logs, for credit eligibility
#     "2026-09": 99.95

# credits:                 # caps you negotiated, besides the policy's (the lower applies)
#   cap: 20                # a month's credits at most 20% of the whole bill
#   capPerYear: 5          # a year's credits at most 5% of the year's fees
`;
}
