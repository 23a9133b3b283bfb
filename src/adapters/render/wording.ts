import type { CreditLine } from '../../core/credits/credit-line.js';
import type { FindingArgs } from '../../core/issues.js';
import type { PriorityReason } from '../../core/tickets/effective-priority.js';
import { AT_RISK_WORDING } from './wording/at-risk.js';
import { AUDIT_WORDING } from './wording/audit.js';
import { CLAIM_WORDING } from './wording/claims.js';
import { CREDIT_WORDING } from './wording/credits.js';
import { DOCUMENT_PREFIXES, DOCUMENT_WORDING } from './wording/documents.js';
import { INPUT_WORDING } from './wording/inputs.js';
import { PORTFOLIO_WORDING } from './wording/portfolio.js';
import { RECONCILE_WORDING } from './wording/reconcile.js';
import type { Wording } from './wording/args.js';

/** The one place where reason codes become sentences. */
export function priorityReasonText(r: PriorityReason): string {
  switch (r.code) {
    case 'PRIORITY_DEFAULTED':
      return `no priority in the export: the policy's default ${r.to}`;
    case 'PRIORITY_RECLASSIFIED':
      return `reclassified by the vendor from ${r.from} to ${r.to}`;
    case 'PRIORITY_DOWNGRADED_NO_INCIDENT':
      return `${r.from} without an associated unavailability incident is downgraded to ${r.to}`;
    case 'PRIORITY_NON_PRODUCTION':
      return `${r.from} on a non-production environment (${r.detail}) is treated as ${r.to}`;
    case 'PRIORITY_BY_RULE':
      return `${r.from} ${r.detail} is ${r.to} by the policy's rule`;
    case 'PRIORITY_UNDECIDED':
      return `${r.from} ${r.detail} is ${r.to}, but the export cannot tell whether it is: a target is met or breached only where both priorities agree`;
  }
}

export const METRIC_NAMES = {
  firstResponse: 'first response',
  ongoingResponse: 'ongoing response',
  updateCadence: 'update cadence',
  resolution: 'resolution',
} as const;

/**
 * Every finding's sentence by code. The tables of policies, contracts and map files are by the part of the
 * code after its document's prefix: one decoder (a calendar, a percentage) reports into any of the three.
 */
const WORDING: ReadonlyMap<string, Wording> = new Map([
  ...DOCUMENT_PREFIXES.flatMap((prefix) =>
    Object.entries(DOCUMENT_WORDING).map(([code, w]): [string, Wording] => [`${prefix}_${code}`, w]),
  ),
  ...Object.entries(INPUT_WORDING),
  ...Object.entries(AUDIT_WORDING),
  ...Object.entries(CREDIT_WORDING),
  ...Object.entries(CLAIM_WORDING),
  ...Object.entries(RECONCILE_WORDING),
  ...Object.entries(PORTFOLIO_WORDING),
  ...Object.entries(AT_RISK_WORDING),
]);

/** The codes worded here: the documentation's table and the sources are held to it. */
export const WORDED_CODES: readonly string[] = [...WORDING.keys()];

/** The one place a finding becomes a sentence. */
export function findingText(code: string, args: FindingArgs): string {
  const wording = WORDING.get(code);
  // A code without a sentence is a bug (a test holds every code to this table); shown, not thrown, so the problem still reads.
  return wording ? wording(args) : `${code} ${JSON.stringify(args)}`;
}

/** Why a credit line is owed, in words. */
export const creditReason = (c: Pick<CreditLine, 'reason'>): string => findingText(c.reason.code, c.reason.args);
