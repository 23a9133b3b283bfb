import { runClaims } from '../../audit/claim.js';
import { loadRequest } from '../../audit/request.js';
import type { Claim } from '../../core/credits/claim-packet.js';
import { UsageError } from '../../core/issues.js';
import { formatIssues } from '../../adapters/render/format-issues.js';
import type { Io } from '../io.js';
import { writeReport } from '../output.js';
import { packetFolder, writePackets, type Packet } from '../packet-folder.js';
import { quantity } from '../../adapters/render/quantity.js';
import { failOnExit, type AuditFlags, type Clock } from './audit.js';

/** What `--fail-on` may name for a claim: a claim to review, anything to claim, or any breach. */
const CLAIM_FAIL_ON = ['review', 'credit', 'breach'] as const;

/** Options that change where and how the summary is shown, never a packet: left out of the command a packet records. */
const NOT_RECORDED = new Set(['-o', '--output', '--format', '--color', '-q', '--quiet', '--debug']);
const NO_VALUE = new Set(['-q', '--quiet', '--debug']);

/**
 * `claim`: the audit, then one packet per vendor, period (and service, where
 * the vendor takes one request per service) with something to claim —
 * claim.html, evidence.csv, calculation.json, request.txt — written whole or
 * not at all under -o (default ./claims); a summary of every claim on stdout.
 */
export async function claimCommand(
  inputs: { tickets?: string[]; uptime?: string[] },
  flags: AuditFlags,
  io: Io,
  clock: Clock,
  argv: readonly string[],
): Promise<number> {
  const failOn = flags.failOn;
  if (failOn !== undefined && !(CLAIM_FAIL_ON as readonly string[]).includes(failOn))
    throw new UsageError(`--fail-on must be ${CLAIM_FAIL_ON.join(', ')} (got: "${failOn}")`);
  const request = loadRequest(
    { ...flags, vendorAgents: flags.vendorAgent ?? [], ...inputs },
    { cwd: io.cwd, now: clock.now, stdin: io.stdin },
  );
  if (request.tickets.length + request.uptime.length === 0)
    throw new UsageError('claim needs --tickets <file…>, --uptime <file…> or both (or a contract listing them)');
  packetFolder(flags.output ?? 'claims', io.cwd);
  const run = await runClaims(request);
  const { claimHtml } = await import('../../adapters/render/claim-html.js');
  const { evidenceCsv } = await import('../../adapters/render/claim-evidence.js');
  const { claimCalculationJson } = await import('../../adapters/render/claim-calculation.js');
  const { requestText } = await import('../../adapters/render/claim-text.js');
  const command = recordedCommand(argv, request.asOf);
  const toSend = run.claims.filter((c) => c.readiness === 'ready' || c.readiness === 'needs review');
  const names = folderNames(toSend);
  const packets: Packet[] = toSend.map((c, i) => ({
    name: names[i]!,
    files: [
      ['claim.html', claimHtml(c, run.files, c.report.generator.version)],
      ['evidence.csv', evidenceCsv(c)],
      ['calculation.json', claimCalculationJson(c, run.files, command)],
      ['request.txt', requestText(c)],
    ],
  }));
  const folders = await writePackets(flags.output ?? 'claims', packets, io.cwd);
  if (!flags.quiet)
    for (const w of new Set(run.reports.flatMap((r) => formatIssues(r.warnings)))) io.stderr.write(`warning: ${w}\n`);
  const where = new Map(toSend.map((c, i) => [c, folders[i]!]));
  const { claimSummary } = await import('../../adapters/render/claim-summary.js');
  await writeReport(claimSummary(run.claims, where, flags.format === 'json'), undefined, io);
  // A breach is the audit's condition, with its reasons and exit codes (4: the evidence cannot decide).
  if (failOn === 'breach') return failOnExit('breach', run.reports, io);
  const fails =
    failOn === 'review'
      ? run.claims.some((c) => c.readiness === 'needs review')
      : failOn === 'credit'
        ? toSend.some(owes)
        : false;
  if (fails) {
    io.stderr.write(`sla-audit: --fail-on ${failOn}: ${failReason(failOn!, run.claims)}\n`);
    return 1;
  }
  // Nothing to send or review holds only where the evidence decides it: rows skipped, an undecided line — 4. An
  // owed credit is something to send, not to review: under review it is no failure.
  return failOn === 'credit' || failOn === 'review'
    ? failOnExit('credit', run.reports, io, failOn, failOn === 'review')
    : 0;
}

/** A claim with something to send: an amount, or a share of the fee where no fee was given (a packet of 0.00 to review is not). */
const owes = (c: Claim): boolean => (c.amountMinor === null ? c.percent > 0 : c.amountMinor > 0);

function failReason(failOn: string, claims: readonly Claim[]): string {
  const n = claims.filter((c) => (failOn === 'review' ? c.readiness === 'needs review' : owes(c))).length;
  return failOn === 'review'
    ? `${quantity(n, 'claim')} need${n === 1 ? 's' : ''} review`
    : `${quantity(n, 'claim')} to send`;
}

/** The command as run, without what only shows the result, and with the instant it was judged at: it gives the same packet again. */
function recordedCommand(argv: readonly string[], asOf: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [name] = a.split('=', 1);
    if (NOT_RECORDED.has(name!)) {
      if (!a.includes('=') && !NO_VALUE.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  if (!out.some((a) => a === '--as-of' || a.startsWith('--as-of=')))
    out.push('--as-of', new Date(asOf).toISOString().replace('.000Z', 'Z'));
  return out;
}

/** vendor-period[-service], lower case and file-name safe; a name met twice gets a number. */
function folderNames(claims: readonly Claim[]): string[] {
  const seen = new Map<string, number>();
  return claims.map((c) => {
    const vendor = c.parties.vendor?.name ?? c.report.policy.id;
    const base = [vendor, c.report.period.label, c.service ?? '']
      .filter((s) => s !== '')
      .map(slug)
      .join('-');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60) || 'claim';
