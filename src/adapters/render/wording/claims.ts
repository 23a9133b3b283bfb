import { items, list, type Wording } from './args.js';

/** What each contract item is called where a claim lacks it, and where the contract gives it. */
const ITEMS = new Map<string, string>([
  ['reference', 'the contract reference (reference: in the contract)'],
  ['customer', "the customer's name (customer: in the contract)"],
  ['accounts', 'account ids (accounts: in the contract)'],
  ['resources', "resource ids (resources: under the contract's services)"],
]);

/** Why a claim is not ready, each naming what to settle before sending it; and what keeps a claim from being made. */
export const CLAIM_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  CLAIM_MISSING_ITEM: (a) => `the vendor requires ${ITEMS.get(String(a.item)) ?? String(a.item)}`,
  CLAIM_UNDECIDED: (a) => `credit line ${a.rule} cannot be decided from the evidence yet: it is listed, not asked for`,
  CLAIM_YEAR_CAP_UNKNOWN: (a) =>
    `the yearly cap may cut this claim, and ${items(a.periods).map(String).join(', ')} of the billing year have no evidence: give the earlier exports`,
  CLAIM_TICKETS_NOT_COVERED: (a) =>
    `the ticket export does not cover ${a.period} (${a.pages !== undefined ? `${list(a.pages)} say(s) more pages follow` : a.firstTicket === undefined ? 'it holds no ticket' : `its first ticket was created at ${a.firstTicket}`}): ticket credits of ${a.period} cannot be decided — give the export that covers it`,
  CLAIM_NO_FEE: () => 'no fee was given: the amount cannot be computed (pass --fee, or fee: in the contract)',
  CLAIM_PERIOD_OPEN: (a) => `${a.period} had not ended at as-of: more may be owed, or less`,
  CLAIM_ROWS_SKIPPED: (a) =>
    `${a.rows} input row(s) were skipped as invalid (--skip-invalid): the evidence is incomplete`,
  CLAIM_NO_PROCEDURE: (a) =>
    `policy ${a.policy} does not say how the vendor takes claims (add a claim: block): check the SLA`,
  CLAIM_CAPPED_ACROSS_SERVICES: (a) =>
    `the credit total across ${a.services} services is capped: agree with the vendor how the capped total is split between the requests`,
});
