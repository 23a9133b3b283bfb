import { METRICS, type MetricId, type Policy } from '../policy/model.js';
import type { MetricResult } from './evaluate.js';
import { resolutionAsStatusSays } from './status-words.js';
import type { Ticket } from './ticket.js';

// Events the export itself says it left out: a Jira issue whose `fields.comment` or `changelog` gives fewer
// items than its `total` (cut at maxResults), or an event export that says more pages follow. What those
// events would decide is not known, and a promise is never read as kept on what is known to be a part.

/** What the export says may be missing among a ticket's events (Ticket.eventsMissing). */
export interface EventsMissing {
  /** Replies may be missing: a customer's message (a wait), a vendor's reply (an earlier first response, a wait ended), a reopen. */
  replies: boolean;
  /** Status changes may be missing: a pause, the end of one, a reopen or a solve. */
  statuses: boolean;
  /** The first response is read from the events (no column gives it). */
  firstResponse: boolean;
}

/** A metric not measured because the export left out events that may decide it (counted apart in the warning). */
export interface MissingEventsFlag {
  eventsMissing?: true;
  /** Breached only if no pause held it, and no source of the ticket's events can show a status change. */
  pausesUnseen?: true;
  /** No reply before its due time, but resolved by then: whether the resolution answered the customer is not known. */
  resolvedFirst?: true;
  /** The helpdesk deleted the ticket (Zendesk's status "deleted"): what it held is gone from the export. */
  deleted?: true;
}

/**
 * The metrics as the ticket's own evidence lets them stand: its status against its resolution cell
 * (status-words.ts; not for a reopened ticket, measured to the resolution its events show), then what the
 * events the export left out may change.
 */
export function asEvidenceStands(
  ticket: Ticket,
  metrics: Partial<Record<MetricId, MetricResult>>,
  policy: Policy,
  reopened: boolean,
): Partial<Record<MetricId, MetricResult>> {
  // A deleted ticket (spam, a duplicate, or a ticket hidden) keeps no conversation in the export: nothing stands.
  if (ticket.status?.trim().toLowerCase() === 'deleted') {
    for (const m of METRICS) if (metrics[m] !== undefined) metrics[m] = unknown(metrics[m]!, 'deleted');
    return metrics;
  }
  if (!reopened && metrics.resolution) metrics.resolution = resolutionAsStatusSays(ticket, metrics.resolution, policy);
  // Resolved before its first response fell due, with no reply the export shows: the clock was not running when it
  // fell due, and whether the resolution (a solved mail, a fix) answered the customer is not known. Never a breach.
  const first = metrics.firstResponse;
  if (
    first?.status === 'breached' &&
    first.respondedAt === null &&
    first.dueAt !== null &&
    ticket.resolvedAt != null &&
    ticket.resolvedAt <= first.dueAt
  )
    metrics.firstResponse = unknown(first, 'resolvedFirst');
  // A policy that pauses on statuses, and evidence that cannot show a status change (no events, or replies
  // alone): a pause may have held any clock, so a breach is not proved. Met stands: a pause only shortens.
  if (policy.pauseStatuses.length > 0 && ticket.statusesKnown === false)
    for (const m of METRICS) if (metrics[m]?.status === 'breached') metrics[m] = unknown(metrics[m]!, 'pausesUnseen');
  const missing = ticket.eventsMissing;
  if (missing === undefined || (!missing.replies && !missing.statuses)) return metrics;
  // A status change left out may start a pause or end one the events show: every clock's due time is then unknown.
  const pausesUnknown = missing.statuses && policy.pauseStatuses.length > 0;
  const { firstResponse, ongoingResponse, updateCadence, resolution } = metrics;
  // A reply left out can only be earlier than the one that proves a first response in time, never later than
  // it: a met first response stands while the pauses are known. Late or not yet: an earlier reply may be missing.
  if (firstResponse && ((missing.firstResponse && missing.replies && firstResponse.status !== 'met') || pausesUnknown))
    metrics.firstResponse = unknown(firstResponse);
  // Each wait and silence: a customer's message left out starts one, a vendor's reply left out ends one.
  if (ongoingResponse) metrics.ongoingResponse = unknown(ongoingResponse);
  if (updateCadence) metrics.updateCadence = unknown(updateCadence);
  // A customer's message or a status change after the resolution may reopen the ticket: a resolution in time
  // may not have held. A late one stays late (a reopen only ends it later), an open one is open.
  if (resolution && (pausesUnknown || (resolution.status === 'met' && ticket.resolvedAt != null)))
    metrics.resolution = unknown(resolution);
  return metrics;
}

/** Not measured, for the events left out (or unseen pauses); a due time still ahead is kept for at-risk to list the ticket by. */
function unknown(m: MetricResult, flag: keyof MissingEventsFlag = 'eventsMissing'): MetricResult {
  if (m.status === 'not-measured' || m.status === 'no-target') return m;
  return {
    metric: m.metric,
    status: 'not-measured',
    target: m.target,
    // A deleted ticket is due for nothing: at-risk lists no such ticket.
    dueAt: m.status === 'pending' && flag !== 'deleted' ? m.dueAt : null,
    respondedAt: m.respondedAt,
    elapsedMs: null,
    [flag]: true,
  };
}
