/** Where a ledger entry (or one of its fields) sits in its file: what an error about it names. */
export interface LedgerPlace {
  file: string;
  line?: number;
  col?: number;
  /** Dotted key path (`claims[2].period`). */
  path: string;
}

/** What the vendor did with a claim: paid (perhaps less than asked), or refused (perhaps the rest of a part payment). */
export interface LedgerAnswer {
  /** Local date (day number). */
  on: number;
  /** Paid, in minor units of the claim's currency; null for a refusal. */
  amountMinor: number | null;
  reason: string | null;
}

/**
 * One claim as the customer sent it (`claims.yaml`, `sla-claims/v1`): for which contract, period (and
 * service, where the vendor takes one request per service), which credit lines, how much, and what came
 * back. Amounts are minor units of `currency`.
 */
export interface LedgerEntry {
  at: LedgerPlace;
  /** The contract's reference, or its file (relative to the ledger's folder). */
  contract: string;
  /** The same read as a path: resolved from the ledger's folder (absolute), for matching a contract file. */
  contractPath: string;
  contractAt: LedgerPlace;
  /** A period label as reports give it: 2026-10, 2026-Q4, FY2027-Q1. */
  period: string;
  periodAt: LedgerPlace;
  service: string | null;
  serviceAt: LedgerPlace;
  /** The credit models (rule ids) claimed; empty: the whole period's (or service's) credit. */
  lines: readonly string[];
  linesAt: readonly LedgerPlace[];
  /** The day it was sent (day number). */
  claimedOn: number;
  amountMinor: number;
  currency: string;
  currencyAt: LedgerPlace;
  received: LedgerAnswer | null;
  denied: LedgerAnswer | null;
}

export interface Ledger {
  file: string;
  entries: readonly LedgerEntry[];
}
