import { claimsOf, type Claim, type ClaimLine, type Readiness } from '../credits/claim-packet.js';
import type { ClaimParties } from '../contract.js';
import type { AuditReport } from '../report.js';
import { creditGaps, type PeriodGap } from './period-gaps.js';

/** One contract audited for the portfolio: its reports (one per period, in order) and who claims from whom. */
export interface ContractRun {
  /** As shown (relative to the working folder where inside it). */
  file: string;
  /** Absolute: what a ledger entry naming the file is matched with. */
  path: string;
  /** The contract's vendor name, else the policy's name. */
  vendor: string;
  reference: string | null;
  currency: string;
  /** The availability services of its trend: the contract's services, else `all`. */
  services: readonly string[];
  reports: readonly AuditReport[];
  parties: ClaimParties;
}

/**
 * One claim the vendor takes (a contract's period, or one service of it where the vendor takes one
 * request per service), with the ledger's record of it: every amount in minor units of `currency`.
 */
export interface ClaimAccount {
  run: number;
  period: string;
  service: string | null;
  currency: string;
  readiness: Readiness;
  /** What the credits come to, claimable or past the deadline; null without a fee. */
  owedMinor: number | null;
  claimedMinor: number;
  receivedMinor: number;
  /** What was claimed and refused (less what was paid of it). */
  deniedMinor: number;
  /** Owed, not claimed (or claimed too late), and the deadline has passed: lost. */
  expiredMinor: number;
  /** Owed, not yet claimed, and still claimable. */
  unclaimedMinor: number;
  claimBy: number | null;
  daysLeft: number | null;
  /**
   * The rule ids of its lines, each with whether it is owed (or was, before its deadline); null: the
   * evidence cannot decide it (`eligible: null`) — neither owed nor not owed, and in no amount.
   */
  lines: ReadonlyMap<string, boolean | null>;
  /**
   * Its lines still claimable that the evidence cannot decide, and one more where the period leaves its
   * credits open with no line to show it (`gaps`): what `owedMinor` may yet grow by.
   */
  undecidedLines: number;
  /** What the period leaves open beyond its lines (not over, tickets not covered, …): a claim beyond owed is undecided. */
  gaps: readonly PeriodGap[];
}

/**
 * The claims a contract's periods make (claimsOf: one per period, or per service), each with what it
 * owes. An expired claim asks for nothing at as-of, yet a claim sent before its deadline still stands:
 * its owed amount is what its lines came to — the period's capped total, or the service's lines.
 */
export function claimAccounts(run: number, c: ContractRun): ClaimAccount[] {
  const out: ClaimAccount[] = [];
  for (const report of c.reports)
    for (const claim of claimsOf(report, c.parties)) {
      // A service's request answers for its own lines; the period's (or the one beside services) for all of them.
      const gaps = creditGaps(report, claim.service, claim.service === null ? null : claim.lines.map((l) => l.credit));
      out.push({
        run,
        period: report.period.label,
        service: claim.service,
        currency: report.currency,
        readiness: claim.readiness,
        owedMinor: owedOf(claim),
        claimedMinor: 0,
        receivedMinor: 0,
        deniedMinor: 0,
        expiredMinor: 0,
        unclaimedMinor: 0,
        claimBy: claim.claimBy,
        daysLeft: claim.daysLeft,
        lines: new Map(claim.lines.map((l) => [l.credit.rule, owes(l)])),
        // As audit's --fail-on credit counts them: a line past its deadline asks for nothing more. A period
        // left open counts once: it has no line to count, and "owed 0.00" alone would read as settled.
        undecidedLines:
          claim.lines.filter((l) => l.credit.eligible === null && l.credit.expired !== true).length +
          (gaps.length > 0 ? 1 : 0),
        gaps,
      });
    }
  return out;
}

/**
 * Whether a line owes: an undecided one (availability unknown reads "at least 0%") is null, not false —
 * a claim resting on it is unsettled, not claimed for nothing.
 */
function owes(l: ClaimLine): boolean | null {
  if (l.readiness === 'not applicable' || l.credit.eligible === false) return false;
  if (l.credit.eligible === null) return null;
  return l.credit.percent > 0;
}

function owedOf(claim: Claim): number | null {
  if (claim.readiness === 'not applicable') return 0;
  if (claim.readiness !== 'expired') return claim.amountMinor;
  if (claim.service === null) return claim.report.creditTotal.expired?.amountMinor ?? null;
  const expired = claim.lines.filter((l) => l.readiness === 'expired' && l.credit.eligible === true);
  let sum: number | null = 0;
  for (const l of expired) sum = sum === null || l.credit.amountMinor === null ? null : sum + l.credit.amountMinor;
  return sum;
}
