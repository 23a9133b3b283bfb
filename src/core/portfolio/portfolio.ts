import type { Issue } from '../issues.js';
import { claimAccounts, type ClaimAccount, type ContractRun } from './accounts.js';
import { checkLedger } from './check-ledger.js';
import type { Ledger } from './ledger.js';
import { trendRows, type TrendRow } from './trend.js';

export type { ClaimAccount, ContractRun } from './accounts.js';
export type { PeriodState, TrendRow } from './trend.js';

/** Money columns of a row or a total, minor units; owed is null when an amount is unknown (no fee). */
export interface Amounts {
  owedMinor: number | null;
  claimedMinor: number;
  receivedMinor: number;
  deniedMinor: number;
  expiredMinor: number;
  unclaimedMinor: number;
  /** The earliest deadline of what is still unclaimed (a local day number), and the days left to it. */
  claimBy: number | null;
  daysLeft: number | null;
  /** Credit lines still claimable that the evidence cannot decide: in no amount, never "owed 0". */
  undecidedLines: number;
}

/** A contract's claims for one service (null: the whole contract) summed over the periods. */
export interface CreditRow extends Amounts {
  run: number;
  service: string | null;
  currency: string;
}

export interface CurrencyTotal extends Amounts {
  currency: string;
}

/** A contract that could not be loaded or audited: its path and every problem, the others audited all the same. */
export interface FailedContract {
  file: string;
  issues: Issue[];
}

export interface Portfolio {
  asOf: number;
  /** Every period label audited, in order. */
  periods: string[];
  /** The contracts audited, by vendor (then as given). */
  runs: ContractRun[];
  trend: TrendRow[];
  /** One per claim the vendors take, per period: what was owed, claimed, paid, refused, lost, unclaimed. */
  accounts: ClaimAccount[];
  credits: CreditRow[];
  /** Per currency in the order they first appear: amounts of one currency are never added to another's. */
  totals: CurrencyTotal[];
  /** Where the ledger and the computed credits disagree (every claim checked, a ledger or not). */
  mismatches: Issue[];
  /** Claims of the ledger that rest on credit lines the evidence cannot decide: not checked, not clean. */
  undecided: Issue[];
  failed: FailedContract[];
  ledger: { file: string; entries: number; skipped: number } | null;
}

/**
 * Several contracts' audits as one view: per vendor and service the trend and repeated breaches, the
 * claims checked against the ledger, and totals per currency. The ledger's own problems (an entry for a
 * contract or period not audited) come back as `errors`, at their lines. `failed`: contracts that did
 * not load or audit (their absolute `paths`, for the ledger: their entries are skipped).
 */
export function buildPortfolio(
  given: readonly ContractRun[],
  failed: readonly FailedContract[],
  failedPaths: readonly string[],
  ledger: Ledger | null,
  asOf: number,
): { portfolio: Portfolio; errors: Issue[] } {
  const runs = given.map((r, i) => ({ r, i }));
  runs.sort((a, b) => (a.r.vendor < b.r.vendor ? -1 : a.r.vendor > b.r.vendor ? 1 : a.i - b.i));
  const sorted = runs.map((x) => x.r);
  const periods: string[] = [];
  const seen = new Set<string>();
  const trend: TrendRow[] = [];
  const owed: ClaimAccount[] = [];
  sorted.forEach((c, run) => {
    for (const r of c.reports)
      if (!seen.has(r.period.label)) {
        seen.add(r.period.label);
        periods.push(r.period.label);
      }
    for (const row of trendRows(run, c.services, c.reports)) trend.push(row);
    for (const a of claimAccounts(run, c)) owed.push(a);
  });
  const check = checkLedger(sorted, owed, ledger, failedPaths);
  const credits = new Map<string, CreditRow>();
  const totals = new Map<string, CurrencyTotal>();
  for (const a of check.accounts) {
    const k = `${a.run}\u0000${a.service ?? ''}`;
    let row = credits.get(k);
    if (!row) credits.set(k, (row = { run: a.run, service: a.service, currency: a.currency, ...zero() }));
    add(row, a);
    let total = totals.get(a.currency);
    if (!total) totals.set(a.currency, (total = { currency: a.currency, ...zero() }));
    add(total, a);
  }
  const rows = [...credits.values()].sort((a, b) => a.run - b.run);
  return {
    portfolio: {
      asOf,
      periods,
      runs: sorted,
      trend,
      // A claim of a service the audit owes nothing for (added by the ledger) beside its contract's.
      accounts: check.accounts
        .map((a, i) => ({ a, i }))
        .sort((x, y) => x.a.run - y.a.run || x.i - y.i)
        .map((x) => x.a),
      credits: rows,
      totals: [...totals.values()],
      mismatches: check.mismatches,
      undecided: check.undecided,
      failed: [...failed],
      ledger: ledger ? { file: ledger.file, entries: ledger.entries.length, skipped: check.skipped } : null,
    },
    errors: check.errors,
  };
}

function zero(): Amounts {
  return {
    owedMinor: 0,
    claimedMinor: 0,
    receivedMinor: 0,
    deniedMinor: 0,
    expiredMinor: 0,
    unclaimedMinor: 0,
    claimBy: null,
    daysLeft: null,
    undecidedLines: 0,
  };
}

/** Adds a claim's amounts; its deadline counts while something of it is still unclaimed. */
function add(t: Amounts, a: ClaimAccount): void {
  t.owedMinor = t.owedMinor === null || a.owedMinor === null ? null : t.owedMinor + a.owedMinor;
  t.claimedMinor += a.claimedMinor;
  t.receivedMinor += a.receivedMinor;
  t.deniedMinor += a.deniedMinor;
  t.expiredMinor += a.expiredMinor;
  t.unclaimedMinor += a.unclaimedMinor;
  t.undecidedLines += a.undecidedLines;
  const claimable = a.readiness === 'ready' || a.readiness === 'needs review';
  const open = a.unclaimedMinor > 0 || (a.owedMinor === null && claimable && a.claimedMinor === 0);
  if (open && a.claimBy !== null && (t.claimBy === null || a.claimBy < t.claimBy)) {
    t.claimBy = a.claimBy;
    t.daysLeft = a.daysLeft;
  }
}
