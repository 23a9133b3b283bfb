import type { EventsMissing } from './missing-events.js';

/**
 * A ticket as the core sees it: validated, timestamps as epoch ms, priorities
 * already mapped to the policy's ids by the ingest adapter.
 */
export interface TicketEvent {
  at: number;
  actor: 'customer' | 'vendor';
  type: 'reply' | 'status';
  status?: string;
  /**
   * A reply the export does not say is public or internal (an empty visibility cell, a Jira CSV comment):
   * it may have answered the customer or not, so no kept promise rests on it alone.
   */
  visibilityUnknown?: true;
  /** Where the event was read ("comments.json:12"), for an explanation. */
  source?: string;
}

/**
 * The helpdesk's own first-response figures, as exported (Zendesk's business
 * minutes, Freshdesk's time and its "Within SLA" verdict, JSM's SLA field as
 * it shows it): evidence to reconcile with, never our answer (SPEC 2).
 */
export interface VendorReported {
  firstResponseBusinessMinutes?: number;
  firstResponseSeconds?: number;
  firstResponseStatus?: string;
}

export interface Ticket {
  id: string;
  /** Line in the input file, for explanations and warnings. */
  line: number;
  /** The input file it was read from (as named in messages): with `line`, where its cells are. */
  file?: string;
  createdAt: number;
  /** The priority as exported (null when the export had none). */
  rawPriority: string | null;
  /** The policy priority the raw value maps to (or the policy's default). */
  priority: string;
  /** The policy priority the vendor reclassified it to, if any. */
  reclassifiedPriority: string | null;
  /** null = no response yet; undefined = the export has no such column. */
  firstResponseAt: number | null | undefined;
  /** Where a first response not read from a column was found: the event's place ("comments.json:12"). */
  firstResponseFrom?: string | undefined;
  /**
   * A vendor reply of unknown visibility among the events before the first response they prove (or with
   * none): the first response may have been it, or not. Undefined where none is.
   */
  firstResponseUnsureAt?: number | undefined;
  /** null = not resolved yet; undefined = the export has no such column (resolution is then not measured). */
  resolvedAt: number | null | undefined;
  status: string | null;
  /** undefined: the export has no such column. */
  environment: string | null | undefined;
  /** undefined: the export has no such column (association is then known only from uptime evidence). */
  incident: string | null | undefined;
  exclusion: string | null;
  /** The customer's region (lower case), where the policy has calendars per region; null otherwise. */
  region?: string | null;
  /** null = the export carries no events. */
  events: readonly TicketEvent[] | null;
  /** false: the events can tell no replies (status changes only), so metrics of replies are not measured from them. */
  repliesKnown?: boolean;
  /** false: the events hold the vendor's answers to the customer's messages only, not every update: update cadence is not measured. */
  updatesKnown?: boolean;
  /** false: no source of its events can show a status change (none at all, or replies alone): a pause is unseen. */
  statusesKnown?: boolean;
  /**
   * Events the export says it left out (a page of a Jira issue's comments or changelog, an event export with
   * pages to follow): what they may be. The metrics they could decide are not measured (missing-events.ts).
   */
  eventsMissing?: EventsMissing | undefined;
  /** The helpdesk's own figures, as exported: shown beside ours, never used as ours. */
  vendorReported?: VendorReported | undefined;
}

const PRODUCTION = /^(prod(uction)?|prd|live)\b/;
const NON_PRODUCTION =
  /^(non-?prod(uction)?|pre-?prod(uction)?|stag(e|ing)|stg|dev(elopment)?|test(ing)?|qa|uat|sandbox|demo|training|integration|lab)\b/;

/**
 * Production: `production`, `prod`, `prd`, `live` (any case, "Production (EU)" too), an empty cell, or no
 * such column. Not: staging, development, test, QA, UAT, sandbox, … A value neither names is null — the
 * evidence cannot say, and a rule that depends on it cannot decide the ticket's priority.
 */
export function isProduction(environment: string | null | undefined): boolean | null {
  const v = (environment ?? '').trim().toLowerCase();
  if (v === '') return true;
  if (NON_PRODUCTION.test(v)) return false;
  return PRODUCTION.test(v) ? true : null;
}
