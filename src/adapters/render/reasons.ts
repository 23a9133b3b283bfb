import type { TicketResult } from '../../core/tickets/evaluate.js';
import { priorityReasonText } from './wording.js';

/** Why a ticket's priority or status is what it is, in words. */
export function reasonsOf(r: TicketResult): Array<{ code: string; text: string }> {
  if (r.priorityReasons.length === 0 && r.exclusion === null && r.metrics.firstResponse?.dueAt !== Infinity) return [];
  const reasons = r.priorityReasons.map((p) => ({ code: p.code as string, text: priorityReasonText(p) }));
  if (r.exclusion !== null) reasons.push({ code: 'TICKET_EXCLUDED', text: `excluded from the SLA: ${r.exclusion}` });
  if (r.metrics.firstResponse?.dueAt === Infinity)
    reasons.push({ code: 'CLOCK_PAUSED', text: 'the clock is paused at as-of (a pause status is still open)' });
  return reasons;
}
