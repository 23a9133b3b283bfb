import type { MetricResult, TicketResult } from '../../core/tickets/evaluate.js';
import { unmeasuredCause } from '../../core/tickets/unmeasured.js';
import { isoUtc } from './iso.js';
import { METRIC_NAMES } from './wording.js';

/**
 * Why a metric is not measured, in words: the one place its causes (flags the core sets on the metric, and
 * an undecided priority) become a sentence, for explain and the tickets table and CSV alike. A reader who is
 * told "not measured" and not why cannot tell missing evidence from a reading the evidence leaves open.
 */
export function notMeasuredText(r: TicketResult, m: MetricResult): string {
  const t = r.ticket;
  const cause = unmeasuredCause(t, m);
  // The kind after the metric ("resolution:status" → "status"); a metric alone is what the export lacks, below.
  switch (cause.slice(cause.indexOf(':') + 1)) {
    case 'missing':
      return "the export says it left out some of the ticket's events (a page of its comments or changelog, or of the event export), and those may decide it";
    case 'visibility':
      return 'it rests on a reply the export does not say is public or internal (export the visibility of the events)';
    case 'reopened':
      return 'the ticket was reopened after its resolution, and the readings of the reopen disagree (the time it sat resolved holding the clock, or counted)';
    case 'deleted':
      return 'the helpdesk deleted the ticket (status "deleted"): its conversation is gone from the export, so nothing of it stands (spam, or a ticket hidden)';
    case 'resolved':
      return 'resolved before its first response fell due, with no reply the export shows: whether the resolution answered the customer the evidence cannot tell';
    case 'pauses':
      return "late only if no pause held its clock: the policy pauses on statuses, and no source of the ticket's events shows a status change (give the events export with the status changes)";
    case 'paused':
      return 'the pauses the events show can be read two ways, and the readings disagree: the customer wrote during a pause whose status did not change (held, or ended by their message), or status changes share one instant (either may be the last)';
    case 'status':
      return t.resolvedAt === null || t.resolvedAt === undefined
        ? `its status ("${t.status ?? ''}") says it is resolved, but the export gives no resolution time`
        : `its status ("${t.status ?? ''}") says it is not resolved, but its resolution cell says resolved at ${isoUtc(t.resolvedAt)}`;
  }
  const missing = noEvidence(r, m);
  if (missing !== null) return missing;
  // Evidence there, no flag: the priorities the ticket may have disagree on it (evaluate.ts agreed()).
  const rules = r.priorityReasons.filter((p) => p.code === 'PRIORITY_UNDECIDED');
  if (rules.length > 0)
    return `its priority is undecided, and the priorities disagree on it: ${rules.map((p) => `${p.from} ${p.detail ?? ''} may or may not be ${p.to}`).join('; ')} (a rule the export cannot decide)`;
  return 'the evidence cannot settle it';
}

/** Null where the export holds the evidence the metric needs; else what is missing. */
function noEvidence(r: TicketResult, m: MetricResult): string | null {
  const t = r.ticket;
  switch (m.metric) {
    case 'firstResponse':
      return t.firstResponseAt === undefined ? 'no evidence: no first-response column and no events' : null;
    case 'resolution':
      return t.resolvedAt === undefined ? 'no evidence: no resolution column' : null;
    default:
      if (t.events === null) return `no evidence: no events to read the ${METRIC_NAMES[m.metric]} from`;
      if (t.repliesKnown === false) return 'no evidence: the events are status changes only, and tell no replies';
      if (m.metric === 'updateCadence' && t.updatesKnown === false)
        return "no evidence: the events hold the vendor's answers to the customer's messages only (Zendesk's reply-time metric), not every update";
      if (t.firstResponseAt !== null && t.firstResponseAt !== undefined && !t.events.some((e) => e.type === 'reply'))
        return 'no evidence: the ticket was answered, but its events hold no reply';
      return null;
  }
}
