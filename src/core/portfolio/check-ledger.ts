import type { FindingArgs, Issue } from '../issues.js';
import { decimalText, minorDigits } from '../money.js';
import { formatIsoDate } from '../time/civil.js';
import { localDay } from '../time/zone.js';
import type { ClaimAccount, ContractRun } from './accounts.js';
import type { Ledger, LedgerEntry, LedgerPlace } from './ledger.js';
import { creditGaps } from './period-gaps.js';

export interface LedgerCheck {
  /** Entries that cannot be checked (an unknown contract, a period never audited, …): the ledger's to fix. */
  errors: Issue[];
  /** Where the ledger and the computed credits disagree. */
  mismatches: Issue[];
  /** Claims that rest on credit lines the evidence cannot decide yet: neither agreeing nor disagreeing. */
  undecided: Issue[];
  /** Entries of contracts that failed to load or audit: not checked. */
  skipped: number;
  /** The accounts given, then one for each claim of a service the audit owes nothing for. */
  accounts: ClaimAccount[];
}

const at = (p: LedgerPlace) => ({
  file: p.file,
  path: p.path,
  ...(p.line !== undefined ? { line: p.line } : {}),
  ...(p.col !== undefined ? { col: p.col } : {}),
});

/**
 * The ledger against the claims the audits make: each entry finds its claim (contract, period, and
 * service where the vendor takes one per service) and fills in what was claimed, paid and refused;
 * then every claim says what is owed and unclaimed, or lost to its deadline. `failed`: the absolute
 * paths of contracts that did not load or audit (their entries are skipped, not errors).
 */
export function checkLedger(
  runs: readonly ContractRun[],
  accounts: readonly ClaimAccount[],
  ledger: Ledger | null,
  failed: readonly string[],
): LedgerCheck {
  const errors: Issue[] = [];
  const mismatches: Issue[] = [];
  const undecided: Issue[] = [];
  let skipped = 0;
  const byKey = new Map<string, ClaimAccount>();
  for (const a of accounts) byKey.set(key(a.run, a.period, a.service), a);
  const entryOf = new Map<ClaimAccount, LedgerEntry>();
  const all = [...accounts];
  const byRef = new Map<string, number>();
  const byPath = new Map<string, number>();
  const reports = runs.map((r) => new Map(r.reports.map((p) => [p.period.label, p])));
  runs.forEach((r, i) => {
    if (r.reference !== null && !byRef.has(r.reference)) byRef.set(r.reference, i);
    byPath.set(r.path, i);
  });
  for (const e of ledger?.entries ?? []) {
    const run = byRef.get(e.contract) ?? byPath.get(e.contractPath) ?? null;
    if (run === null) {
      if (failed.length > 0) skipped++;
      else
        errors.push({
          code: 'LEDGER_UNKNOWN_CONTRACT',
          args: { contract: e.contract, known: runs.map((r) => r.reference ?? r.file) },
          ...at(e.contractAt),
          hint: "name a contract of this run by its reference, or its file relative to the ledger's folder",
        });
      continue;
    }
    const c = runs[run]!;
    const report = reports[run]!.get(e.period);
    if (!report) {
      errors.push({
        code: 'LEDGER_PERIOD_NOT_AUDITED',
        args: { contract: c.reference ?? c.file, period: e.period, audited: c.reports.map((r) => r.period.label) },
        ...at(e.periodAt),
        hint: 'audit that period too (--month, or --from/--to covering it), or check the label',
      });
      continue;
    }
    if (e.currency !== report.currency) {
      errors.push({
        code: 'LEDGER_CURRENCY_MISMATCH',
        args: { currency: e.currency, expected: report.currency, contract: c.reference ?? c.file },
        ...at(e.currencyAt),
      });
      continue;
    }
    // What the ledger says happened after --as-of was not known at it: the run judges as-of, and an entry ahead of
    // it would read both as claimed (late) and as not claimed yet.
    const today = localDay(report.asOf, report.policy.billingZone);
    const ahead = [e.claimedOn, e.received?.on, e.denied?.on].find((d) => d !== undefined && d > today);
    if (ahead !== undefined) {
      errors.push({
        code: 'LEDGER_AFTER_AS_OF',
        args: { date: formatIsoDate(ahead), asOf: formatIsoDate(today) },
        ...at(e.at),
        hint: 'give an --as-of on or after it, or correct the date',
      });
      continue;
    }
    const perService = report.policy.claim?.perService === true;
    if (perService !== (e.service !== null)) {
      errors.push({
        code: perService ? 'LEDGER_SERVICE_NEEDED' : 'LEDGER_SERVICE_NOT_APART',
        args: { contract: c.reference ?? c.file, services: [...c.services] },
        ...at(e.service === null ? e.at : e.serviceAt),
      });
      continue;
    }
    const k = key(run, e.period, e.service);
    let account = byKey.get(k);
    if (!account) {
      // A service the audit owes nothing for: the claim is checked against nothing owed.
      account = { ...emptyAccount(run, e, report.currency), gaps: creditGaps(report, e.service, []) };
      if (account.gaps.length > 0) account.undecidedLines = 1;
      byKey.set(k, account);
      all.push(account);
    }
    const first = entryOf.get(account);
    if (first) {
      errors.push({
        code: 'LEDGER_CLAIM_TWICE',
        args: { period: e.period, contract: c.reference ?? c.file, firstLine: first.at.line ?? 0 },
        ...at(e.at),
        hint: 'keep one entry per claim sent; a second payment goes under received of the first',
      });
      continue;
    }
    entryOf.set(account, e);
  }
  for (const a of all) settle(a, entryOf.get(a), runs[a.run]!, { mismatches, undecided });
  return { errors, mismatches, undecided, skipped, accounts: all };
}

/**
 * Fills in an account from its entry (or none) and says where they disagree — or, for a claim that
 * rests on a line the evidence cannot decide, that it cannot be checked yet.
 */
function settle(
  a: ClaimAccount,
  e: LedgerEntry | undefined,
  c: ContractRun,
  found: { mismatches: Issue[]; undecided: Issue[] },
): void {
  const out = found.mismatches;
  const digits = minorDigits(a.currency);
  const money = (minor: number) => decimalText(minor, digits);
  const base: FindingArgs = {
    contract: c.reference ?? c.file,
    period: a.period,
    currency: a.currency,
    ...(a.service !== null ? { service: a.service } : {}),
  };
  const open = a.readiness === 'ready' || a.readiness === 'needs review';
  const deadline: FindingArgs = a.claimBy === null ? {} : { claimBy: formatIsoDate(a.claimBy) };
  const owed = a.owedMinor;
  if (!e) {
    if (open && owed !== 0) {
      if (owed !== null) a.unclaimedMinor = owed;
      out.push({
        code: 'PORTFOLIO_OWED_NOT_CLAIMED',
        args: {
          ...base,
          ...(owed !== null ? { owed: money(owed), unclaimed: money(owed) } : {}),
          claimed: money(0),
          ...deadline,
        },
        file: c.file,
      });
    } else if (a.readiness === 'expired' && owed !== null && owed > 0) {
      a.expiredMinor = owed;
      out.push({
        code: 'PORTFOLIO_EXPIRED_UNCLAIMED',
        args: { ...base, owed: money(owed), lost: money(owed), ...deadline },
        file: c.file,
      });
    }
    return;
  }
  const place = at(e.at);
  a.claimedMinor = e.amountMinor;
  a.receivedMinor = e.received?.amountMinor ?? 0;
  if (e.denied) a.deniedMinor = Math.max(e.amountMinor - a.receivedMinor, 0);
  const late = a.claimBy !== null && e.claimedOn > a.claimBy;
  if (late)
    out.push({
      code: 'PORTFOLIO_CLAIMED_LATE',
      args: { ...base, claimed: formatIsoDate(e.claimedOn), ...deadline },
      ...place,
    });
  // A line the period has not (yet) written, where it leaves its credits open, may still be owed: undecided.
  const pending = (rule: string) => a.lines.get(rule) === null || (a.gaps.length > 0 && !a.lines.has(rule));
  e.lines.forEach((rule, i) => {
    // An undecided line is not "not owed": the claim's undecided finding names it.
    if (a.lines.get(rule) !== true && !pending(rule))
      out.push({
        code: 'PORTFOLIO_LINE_NOT_OWED',
        args: { ...base, rule, owedLines: [...a.lines].filter(([, o]) => o === true).map(([r]) => r) },
        ...at(e.linesAt[i] ?? e.at),
      });
  });
  // The lines it claims (all of the claim's where it names none) that the evidence cannot decide.
  const claimed = e.lines.length > 0 ? e.lines : [...a.lines.keys()];
  const rests = [...new Set(claimed.filter(pending))];
  const excess = owed !== null && e.amountMinor > owed;
  // Named outright, or needed for what it asks beyond the decided lines — or beyond what a period left open
  // (not over, not covered by the evidence) has decided so far: whether it is owed is not known yet.
  const unsettled =
    (rests.length > 0 && (excess || e.lines.some((r) => rests.includes(r)))) || (a.gaps.length > 0 && excess);
  if (unsettled) {
    const onlyTime = rests.length === 0 && a.gaps.every((g) => g === 'not-over' || g === 'not-begun');
    found.undecided.push({
      code: 'PORTFOLIO_CLAIMED_UNDECIDED',
      args: {
        ...base,
        claimed: money(e.amountMinor),
        ...(owed !== null ? { owed: money(owed) } : {}),
        rules: rests,
        ...(a.gaps.length > 0 ? { gaps: [...a.gaps] } : {}),
      },
      ...(e.lines.length > 0 && rests.length > 0 ? at(e.linesAt[e.lines.indexOf(rests[0]!)] ?? e.at) : place),
      hint: onlyTime
        ? 'check it again once the period is over (--as-of after its end)'
        : "give the evidence that decides those lines (logs covering the period, the tickets' figures)",
    });
  }
  if (owed !== null) {
    if (excess && !unsettled)
      out.push({
        code: 'PORTFOLIO_CLAIMED_NOT_OWED',
        args: { ...base, claimed: money(e.amountMinor), owed: money(owed), excess: money(e.amountMinor - owed) },
        ...place,
      });
    const inTime = late ? 0 : e.amountMinor;
    if (inTime < owed) {
      const rest = owed - inTime;
      if (open) a.unclaimedMinor = rest;
      else a.expiredMinor = rest;
      out.push({
        code: open ? 'PORTFOLIO_OWED_NOT_CLAIMED' : 'PORTFOLIO_EXPIRED_UNCLAIMED',
        args: {
          ...base,
          owed: money(owed),
          claimed: money(inTime),
          ...(open ? { unclaimed: money(rest) } : { lost: money(rest) }),
          ...deadline,
        },
        ...place,
      });
    }
  }
  if (!e.denied && a.receivedMinor < e.amountMinor && e.received)
    out.push({
      code: 'PORTFOLIO_SHORT_PAID',
      args: {
        ...base,
        claimed: money(e.amountMinor),
        received: money(a.receivedMinor),
        short: money(e.amountMinor - a.receivedMinor),
      },
      ...place,
    });
  // More paid than claimed: a credit given twice, or under another claim — said, never counted as settling this one.
  if (e.received && a.receivedMinor > e.amountMinor)
    out.push({
      code: 'PORTFOLIO_PAID_MORE',
      args: {
        ...base,
        claimed: money(e.amountMinor),
        received: money(a.receivedMinor),
        more: money(a.receivedMinor - e.amountMinor),
      },
      ...place,
    });
}

const key = (run: number, period: string, service: string | null) => `${run}\u0000${period}\u0000${service ?? ''}`;

function emptyAccount(run: number, e: LedgerEntry, currency: string): ClaimAccount {
  return {
    run,
    period: e.period,
    service: e.service,
    currency,
    readiness: 'not applicable',
    owedMinor: 0,
    claimedMinor: 0,
    receivedMinor: 0,
    deniedMinor: 0,
    expiredMinor: 0,
    unclaimedMinor: 0,
    claimBy: null,
    daysLeft: null,
    lines: new Map(),
    undecidedLines: 0,
    gaps: [],
  };
}
