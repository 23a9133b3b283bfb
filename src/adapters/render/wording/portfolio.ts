import type { FindingArgs } from '../../../core/issues.js';
import { items, list, type Wording } from './args.js';

/** "contract AWS-EA-2026-0042, 2026-10 (us-east-1)": which claim a finding is about. */
function claim(a: FindingArgs): string {
  return `${a.contract} ${a.period}${a.service !== undefined ? ` (${a.service})` : ''}`;
}

const amount = (v: FindingArgs[string] | undefined, a: FindingArgs) =>
  v === undefined ? 'an amount unknown without a fee' : `${v} ${a.currency}`;

/** Why a period's credits are open beyond its lines (`gaps` of PORTFOLIO_CLAIMED_UNDECIDED). */
const GAP: Readonly<Record<string, (period: string) => string>> = {
  'not-over': (p) => `${p} is not over at as-of`,
  'not-begun': (p) => `${p} has not begun at as-of`,
  'tickets-not-covered': (p) => `the ticket export does not cover ${p}`,
  'availability-unknown': (p) => `availability in ${p} is unknown`,
};

/** What a claim rests on that is not decided: its undecided lines, and what its period leaves open. */
function rests(a: FindingArgs): string {
  const lines = items(a.rules).length > 0 ? `it rests on ${list(a.rules)}, which the evidence cannot decide yet` : '';
  const gaps = items(a.gaps).map((g) => GAP[String(g)]?.(String(a.period)) ?? String(g));
  const open = gaps.length > 0 ? `${gaps.join(' and ')}, so what it owes is not known yet` : '';
  return [lines, open].filter((s) => s !== '').join('; ');
}

const deadline = (a: FindingArgs) => (a.claimBy !== undefined ? `claim by ${a.claimBy}` : 'no claim deadline');

/**
 * What `sla-audit portfolio` finds: a contract it could not audit, where the claims ledger and the
 * computed credits disagree, and what in the ledger cannot be checked (`LEDGER_*`, at the entry's line).
 */
export const PORTFOLIO_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  PORTFOLIO_NO_INPUTS: () => 'the contract lists no inputs: nothing to audit',
  PORTFOLIO_CONTRACT_REFUSED: (a) => `not audited: ${a.reason}`,
  PORTFOLIO_OWED_NOT_CLAIMED: (a) =>
    `${claim(a)}: ${amount(a.owed, a)} owed, ${a.claimed} claimed — ${amount(a.unclaimed, a)} not claimed yet (${deadline(a)})`,
  PORTFOLIO_EXPIRED_UNCLAIMED: (a) =>
    `${claim(a)}: ${amount(a.owed, a)} owed, ${a.lost} ${a.currency} of it not claimed by the deadline (${deadline(a)}): lost`,
  PORTFOLIO_CLAIMED_NOT_OWED: (a) =>
    `${claim(a)}: ${a.claimed} ${a.currency} claimed, ${a.owed} owed — ${a.excess} ${a.currency} claimed but not owed`,
  PORTFOLIO_LINE_NOT_OWED: (a) =>
    `${claim(a)}: credit line ${a.rule} is claimed but not owed (owed: ${list(a.owedLines) || 'none'})`,
  PORTFOLIO_CLAIMED_UNDECIDED: (a) =>
    `${claim(a)}: ${a.claimed} ${a.currency} claimed${a.owed !== undefined ? `, ${a.owed} owed on what the evidence decides` : ''} — ${rests(a)}: not checked`,
  PORTFOLIO_SHORT_PAID: (a) =>
    `${claim(a)}: ${a.received} ${a.currency} received of ${a.claimed} claimed — ${a.short} ${a.currency} short`,
  PORTFOLIO_PAID_MORE: (a) =>
    `${claim(a)}: ${a.received} ${a.currency} received of ${a.claimed} claimed — ${a.more} ${a.currency} more than claimed`,
  PORTFOLIO_CLAIMED_LATE: (a) => `${claim(a)}: claimed on ${a.claimed}, after the deadline (${deadline(a)})`,
  LEDGER_UNKNOWN_CONTRACT: (a) =>
    `contract "${a.contract}" is not one this run audited (${list(a.known) || 'none audited'})`,
  LEDGER_PERIOD_NOT_AUDITED: (a) =>
    `${a.period} of ${a.contract} was never audited in this run (audited: ${list(a.audited)}): the claim cannot be checked`,
  LEDGER_CURRENCY_MISMATCH: (a) => `${a.contract}'s credits are in ${a.expected}, not ${a.currency}`,
  LEDGER_SERVICE_NEEDED: (a) =>
    `the vendor of ${a.contract} takes one claim per service: name the service (one of ${list(a.services)})`,
  LEDGER_SERVICE_NOT_APART: (a) =>
    `the vendor of ${a.contract} takes one claim per period for every service: leave service out`,
  LEDGER_AFTER_AS_OF: (a) => `dated ${a.date}, after --as-of (${a.asOf}): not known at as-of`,
  LEDGER_CLAIM_TWICE: (a) => `${a.contract} ${a.period} is claimed twice (first at line ${a.firstLine})`,
  LEDGER_ANSWER_BEFORE_CLAIM: (a) => `${a.answer} before the claim was sent`,
});
