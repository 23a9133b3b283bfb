import type { Policy } from '../policy/model.js';
import { isProduction, type Ticket } from './ticket.js';

export interface PriorityReason {
  code: 'PRIORITY_DEFAULTED' | 'PRIORITY_RECLASSIFIED' | 'PRIORITY_DOWNGRADED_NO_INCIDENT' | 'PRIORITY_NON_PRODUCTION';
  from: string | null;
  to: string;
  detail?: string;
}

export interface EffectivePriority {
  priority: string;
  reasons: PriorityReason[];
}

/** Whether the ticket is associated with an unavailability incident. */
export type IncidentCheck = (ticket: Ticket) => boolean;

export const hasIncidentField: IncidentCheck = (t) => t.incident !== null && t.incident.trim() !== '';

/**
 * SPEC 3.5: raw → aliases (or the default) → reclassification replaces it →
 * the policy's rules in order. Each step that changes it leaves a reason.
 */
export function effectivePriority(ticket: Ticket, policy: Policy, associated: IncidentCheck = hasIncidentField): EffectivePriority {
  const reasons: PriorityReason[] = [];
  let p = ticket.priority;
  if (ticket.rawPriority === null) reasons.push({ code: 'PRIORITY_DEFAULTED', from: null, to: p });
  if (ticket.reclassifiedPriority !== null && ticket.reclassifiedPriority !== p) {
    reasons.push({ code: 'PRIORITY_RECLASSIFIED', from: p, to: ticket.reclassifiedPriority });
    p = ticket.reclassifiedPriority;
  }
  for (const rule of policy.rules) {
    if (rule.kind === 'downgrade-unless-incident') {
      if (p === rule.from && !associated(ticket)) {
        reasons.push({ code: 'PRIORITY_DOWNGRADED_NO_INCIDENT', from: p, to: rule.to });
        p = rule.to;
      }
    } else if (rule.from.includes(p) && !isProduction(ticket.environment)) {
      reasons.push({ code: 'PRIORITY_NON_PRODUCTION', from: p, to: rule.to, detail: ticket.environment ?? '' });
      p = rule.to;
    }
  }
  return { priority: p, reasons };
}
