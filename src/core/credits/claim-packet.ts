import type { ClaimParties } from '../contract.js';
import type { ClaimItem, ClaimProcedure } from '../policy/model.js';
import { ticketCreditsNotCovered, type AuditReport } from '../report.js';
import { isoInstant } from '../time/local-time.js';
import type { CreditLine } from './credit-line.js';

/**
 * What a credit claim needs to be sent: `ready`; `needs review` (an item the
 * vendor requires is missing, or the evidence cannot decide the line yet);
 * `not applicable` (nothing owed); `expired` (the deadline has passed).
 */
export type Readiness = 'ready' | 'needs review' | 'not applicable' | 'expired';

/** Why a line or a claim is not ready, as data (worded in render). */
export type ClaimNeed =
  | { code: 'CLAIM_MISSING_ITEM'; args: { item: ClaimItem } }
  | { code: 'CLAIM_UNDECIDED'; args: { rule: string } }
  | { code: 'CLAIM_YEAR_CAP_UNKNOWN'; args: { periods: string[] } }
  | { code: 'CLAIM_TICKETS_NOT_COVERED'; args: { period: string; firstTicket?: string; pages?: string[] } }
  | { code: 'CLAIM_NO_FEE'; args: Record<string, never> }
  | { code: 'CLAIM_PERIOD_OPEN'; args: { period: string } }
  | { code: 'CLAIM_ROWS_SKIPPED'; args: { rows: number } }
  | { code: 'CLAIM_NO_PROCEDURE'; args: { policy: string } }
  | { code: 'CLAIM_CAPPED_ACROSS_SERVICES'; args: { services: number } };

/** A file a claim rests on, with its checksum: anyone holding the same bytes re-runs the claim to the same packet. */
export type { FileDigest } from '../report.js';

export interface ClaimLine {
  credit: CreditLine;
  readiness: Readiness;
  needs: ClaimNeed[];
}

export interface Claim {
  report: AuditReport;
  /** The service this request is for, where the vendor takes one request per service; else null. */
  service: string | null;
  lines: ClaimLine[];
  readiness: Readiness;
  /** Every reason the claim is not ready, each once. */
  needs: ClaimNeed[];
  /** What this request asks for: the lines that are owed (ready or to review), in minor units; null without a fee. */
  amountMinor: number | null;
  percent: number;
  /** The fee the percent is of: the service's own, for a service's request; else the period's. */
  feeMinor: number | null;
  /** The earliest deadline of its owed lines (a day number), and the whole days left to it at as-of. */
  claimBy: number | null;
  daysLeft: number | null;
  procedure: ClaimProcedure | null;
  parties: ClaimParties;
}

const OWED: ReadonlySet<Readiness> = new Set<Readiness>(['ready', 'needs review']);

/**
 * The claims a period's report makes: one, or one per service where the
 * vendor takes a request per service. Nothing favourable is assumed: a line
 * the evidence cannot decide, a period not over at as-of, rows skipped as
 * invalid, a missing fee or a contract item the vendor requires each make
 * the claim `needs review`, naming why.
 */
export function claimsOf(report: AuditReport, parties: ClaimParties): Claim[] {
  const procedure = report.policy.claim;
  const common: ClaimNeed[] = [];
  if (procedure === null) common.push({ code: 'CLAIM_NO_PROCEDURE', args: { policy: report.policy.id } });
  if (report.asOf < report.period.end)
    common.push({ code: 'CLAIM_PERIOD_OPEN', args: { period: report.period.label } });
  if (report.rows.skipped > 0) common.push({ code: 'CLAIM_ROWS_SKIPPED', args: { rows: report.rows.skipped } });
  const byService = procedure?.perService === true ? groupByService(report.credits) : new Map([[null, report.credits]]);
  // The period's caps (on the whole fee, per year) cut the sum of the services' lines: what each service's request
  // may ask is not its own lines' sum, and how the cut shares out among them the contract does not say.
  const cut = byService.size > 1 && capsCut(report);
  if (cut) common.push({ code: 'CLAIM_CAPPED_ACROSS_SERVICES', args: { services: byService.size } });
  const uncovered = notCovered(report);
  const claims: Claim[] = [];
  for (const [service, credits] of byService) {
    const missing = missingItems(procedure?.requires ?? [], parties, service, credits);
    const lines = credits.map((credit) => lineOf(credit, [...common, ...missing]));
    claims.push(claimOf(report, service, lines, procedure, parties, uncovered === null ? [] : [uncovered]));
  }
  return claims;
}

/**
 * A period the ticket export does not cover, where a ticket model credits its tickets: no credit line is no
 * evidence that nothing is owed, so the claim needs review naming the period — never "nothing to claim".
 */
function notCovered(report: AuditReport): ClaimNeed | null {
  if (!ticketCreditsNotCovered(report)) return null;
  const { firstTicket: first, pages } = report.ticketsNotCovered!;
  return {
    code: 'CLAIM_TICKETS_NOT_COVERED',
    // An export of one page of more: its first ticket says nothing of what the other pages hold.
    args:
      pages !== undefined
        ? { period: report.period.label, pages }
        : first === null
          ? { period: report.period.label }
          : { period: report.period.label, firstTicket: isoInstant(first) },
  };
}

function lineOf(credit: CreditLine, common: readonly ClaimNeed[]): ClaimLine {
  if (credit.expired === true) return { credit, readiness: 'expired', needs: [] };
  // An undecided line at 0% (availability unknown: at least nothing) may yet owe: it is reviewed, not dropped.
  if (credit.eligible === false || (credit.percent === 0 && credit.eligible === true))
    return { credit, readiness: 'not applicable', needs: [] };
  const needs = [...common];
  if (credit.eligible === null) needs.push({ code: 'CLAIM_UNDECIDED', args: { rule: credit.rule } });
  // Earlier periods of the billing year without evidence may have used up what the yearly cap leaves: name them.
  const yearUnknown = credit.basis['yearCapUnknown'];
  if (Array.isArray(yearUnknown))
    needs.push({ code: 'CLAIM_YEAR_CAP_UNKNOWN', args: { periods: yearUnknown.map(String) } });
  if (credit.amountMinor === null) needs.push({ code: 'CLAIM_NO_FEE', args: {} });
  return { credit, readiness: needs.length > 0 ? 'needs review' : 'ready', needs };
}

function claimOf(
  report: AuditReport,
  service: string | null,
  lines: ClaimLine[],
  procedure: ClaimProcedure | null,
  parties: ClaimParties,
  periodNeeds: readonly ClaimNeed[],
): Claim {
  const owed = lines.filter((l) => OWED.has(l.readiness));
  const needs = new Map<string, ClaimNeed>();
  for (const l of owed) for (const n of l.needs) needs.set(JSON.stringify(n), n);
  // What the period itself leaves undecided (tickets no export covers) may owe with no line to show it.
  for (const n of periodNeeds) needs.set(JSON.stringify(n), n);
  // One request for the period, or for its only service, asks for the period's total, caps applied; a service's
  // request among several asks for its own lines (where the caps cut their sum, it needs review, above).
  const alone = service === null || report.credits.every((c) => c.service === service);
  const asked = alone ? wholeTotal(report, owed) : sumOf(owed.map((l) => l.credit));
  // A total under the policy's minimum is not paid: there is nothing to claim, though the lines stay as evidence.
  // Nor is a total the yearly cap cut to nothing: decided lines asking for 0 are a claim of nothing.
  const nothing =
    report.creditTotal.belowMinimum === true ||
    (owed.length > 0 &&
      owed.every((l) => l.credit.eligible === true) &&
      asked.percent === 0 &&
      (asked.amountMinor ?? 0) === 0);
  const readiness: Readiness =
    owed.length === 0 || nothing
      ? lines.some((l) => l.readiness === 'expired') && !nothing
        ? 'expired'
        : periodNeeds.length > 0
          ? 'needs review'
          : 'not applicable'
      : needs.size > 0
        ? 'needs review'
        : 'ready';
  const open = readiness === 'ready' || readiness === 'needs review';
  // An expired claim keeps the deadline it missed; nothing to claim has none.
  const dated = (open ? owed : readiness === 'expired' ? lines.filter((l) => l.readiness === 'expired') : []).filter(
    (l) => l.credit.claimBy !== null,
  );
  const first = dated.reduce<ClaimLine | null>(
    (a, l) => (a === null || l.credit.claimBy! < a.credit.claimBy! ? l : a),
    null,
  );
  const { amountMinor, percent } = asked;
  return {
    report,
    service,
    lines,
    readiness,
    needs: open ? [...needs.values()] : [],
    amountMinor: open ? amountMinor : 0,
    feeMinor:
      service === null
        ? report.feeMinor
        : (lines.find((l) => l.credit.feeMinor !== undefined)?.credit.feeMinor ?? report.feeMinor),
    percent: open ? percent : 0,
    claimBy: first?.credit.claimBy ?? null,
    daysLeft: open ? (first?.credit.daysLeft ?? null) : null,
    procedure,
    parties,
  };
}

/** One request for the whole period asks for the period's total: caps, escalation and the year's cap already applied. */
function wholeTotal(report: AuditReport, owed: readonly ClaimLine[]): { amountMinor: number | null; percent: number } {
  // The total counts decided lines only: a line the evidence cannot decide is listed for review, not asked for.
  if (owed.length === 0) return { amountMinor: 0, percent: 0 };
  return { amountMinor: report.creditTotal.amountMinor, percent: report.creditTotal.percent };
}

/** A service's own request: the sum of its decided lines (each already capped on its fee). */
function sumOf(owed: readonly CreditLine[]): { amountMinor: number | null; percent: number } {
  let amount: number | null = 0;
  let percent = 0;
  for (const l of owed) {
    if (l.eligible !== true) continue;
    amount = amount === null || l.amountMinor === null ? null : amount + l.amountMinor;
    percent += l.percent;
  }
  return { amountMinor: amount, percent };
}

/** Whether the period's caps (the whole fee's, the year's) cut the sum of its decided, unexpired lines. */
function capsCut(report: AuditReport): boolean {
  const lines = sumOf(report.credits.filter((c) => c.expired !== true));
  return report.creditTotal.capped || lines.amountMinor !== report.creditTotal.amountMinor;
}

function groupByService(credits: readonly CreditLine[]): Map<string | null, CreditLine[]> {
  const out = new Map<string | null, CreditLine[]>();
  for (const c of credits) {
    const key = c.service ?? serviceOfBasis(c);
    const list = out.get(key);
    if (list) list.push(c);
    else out.set(key, [c]);
  }
  if (out.size === 0) out.set(null, []);
  return out;
}

/** An availability line names its service in its basis ("all": the combined row, no service of its own). */
function serviceOfBasis(c: CreditLine): string | null {
  const s = c.basis['service'];
  return typeof s === 'string' && s !== 'all' ? s : null;
}

/** The contract items the vendor requires that the contract does not give (resources: for each service claimed for). */
function missingItems(
  requires: readonly ClaimItem[],
  parties: ClaimParties,
  service: string | null,
  credits: readonly CreditLine[],
): ClaimNeed[] {
  const out: ClaimNeed[] = [];
  for (const item of requires) {
    const present =
      item === 'reference'
        ? parties.reference !== null
        : item === 'customer'
          ? parties.customer !== null
          : item === 'accounts'
            ? parties.accountIds.length > 0
            : resourcesGiven(parties, service, credits);
    if (!present) out.push({ code: 'CLAIM_MISSING_ITEM', args: { item } });
  }
  return out;
}

function resourcesGiven(parties: ClaimParties, service: string | null, credits: readonly CreditLine[]): boolean {
  const services = new Set<string>();
  if (service !== null) services.add(service);
  for (const c of credits) {
    const s = c.service ?? serviceOfBasis(c);
    if (s !== null) services.add(s);
  }
  // A claim for the whole deployment (no service named) needs at least one resource listed.
  if (services.size === 0) {
    for (const ids of parties.resourceIds.values()) if (ids.length > 0) return true;
    return false;
  }
  for (const s of services) if ((parties.resourceIds.get(s) ?? []).length === 0) return false;
  return true;
}
