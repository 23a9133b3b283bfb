import { decimalAmount } from '../../core/money.js';
import type { Amounts, ClaimAccount, ContractRun, Portfolio } from '../../core/portfolio/portfolio.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { VERSION } from '../../version.js';
import { isoUtc } from './iso.js';
import { warningJson } from './report-json.js';

/** The portfolio JSON's version: it changes only with the shape, published in schema/portfolio.schema.json. */
const PORTFOLIO_SCHEMA_VERSION = 1;

/** Who and what a row is about: the vendor, the contract (its reference, else its file) and the file. */
export function contractOf(c: ContractRun): { vendor: string; contract: string; file: string } {
  return { vendor: c.vendor, contract: c.reference ?? c.file, file: c.file };
}

/** Amounts as decimal numbers of their currency (never summed across currencies); deadlines as local dates. */
function amountsJson(a: Amounts, currency: string) {
  return {
    currency,
    owed: decimalAmount(a.owedMinor, currency),
    claimed: decimalAmount(a.claimedMinor, currency),
    received: decimalAmount(a.receivedMinor, currency),
    denied: decimalAmount(a.deniedMinor, currency),
    expired: decimalAmount(a.expiredMinor, currency),
    unclaimed: decimalAmount(a.unclaimedMinor, currency),
    claimBy: a.claimBy === null ? null : formatIsoDate(a.claimBy),
    daysLeft: a.daysLeft,
    undecidedLines: a.undecidedLines,
  };
}

function claimJson(p: Portfolio, a: ClaimAccount) {
  return {
    ...contractOf(p.runs[a.run]!),
    period: a.period,
    service: a.service,
    readiness: a.readiness,
    ...amountsJson(a, a.currency),
  };
}

/** The portfolio as one JSON object: every figure a dashboard needs, and each finding's code and args. */
export function portfolioJson(p: Portfolio): string {
  const doc = {
    schemaVersion: PORTFOLIO_SCHEMA_VERSION,
    kind: 'portfolio',
    generator: { name: 'sla-audit', version: VERSION },
    asOf: isoUtc(p.asOf),
    periods: p.periods,
    contracts: p.runs.map((c) => ({
      ...contractOf(c),
      policy: c.reports[0]?.policy.id ?? null,
      tier: c.reports[0]?.tier.id ?? null,
      currency: c.currency,
      periods: c.reports.map((r) => r.period.label),
    })),
    trend: p.trend.map((t) => ({
      ...contractOf(p.runs[t.run]!),
      service: t.service,
      periods: t.states,
      breached: t.breached,
      window: t.window,
      repeated: t.repeated,
    })),
    claims: p.accounts.map((a) => claimJson(p, a)),
    credits: p.credits.map((r) => ({
      ...contractOf(p.runs[r.run]!),
      service: r.service,
      ...amountsJson(r, r.currency),
    })),
    totals: p.totals.map((t) => amountsJson(t, t.currency)),
    mismatches: p.mismatches.map(warningJson),
    undecided: p.undecided.map(warningJson),
    failed: p.failed.map((f) => ({ file: f.file, problems: f.issues.map(warningJson) })),
    ledger: p.ledger,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
