/**
 * A ticket as the core sees it: validated, timestamps as epoch ms, priorities
 * already mapped to the policy's ids by the ingest adapter.
 */
export interface TicketEvent {
  at: number;
  actor: 'customer' | 'vendor';
  type: 'reply' | 'status';
  status?: string;
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
  /** null = not resolved yet; undefined = the export has no such column (resolution is then not measured). */
  resolvedAt: number | null | undefined;
  status: string | null;
  environment: string | null;
  incident: string | null;
  exclusion: string | null;
  /** The customer's region (lower case), where the policy has calendars per region; null otherwise. */
  region?: string | null;
  /** null = the export carries no events. */
  events: readonly TicketEvent[] | null;
  /** false: the events can tell no replies (status changes only), so metrics of replies are not measured from them. */
  repliesKnown?: boolean;
  /** The helpdesk's own figures, as exported: shown beside ours, never used as ours. */
  vendorReported?: VendorReported | undefined;
}

const PRODUCTION = new Set(['', 'production', 'prod']);

/** `production`, `prod` (any case) or empty count as production. */
export function isProduction(environment: string | null): boolean {
  return environment === null || PRODUCTION.has(environment.trim().toLowerCase());
}
