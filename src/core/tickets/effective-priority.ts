import type { Policy, RuleCondition } from '../policy/model.js';
import { isProduction, type Ticket } from './ticket.js';

export interface PriorityReason {
  code:
    | 'PRIORITY_DEFAULTED'
    | 'PRIORITY_RECLASSIFIED'
    | 'PRIORITY_DOWNGRADED_NO_INCIDENT'
    | 'PRIORITY_NON_PRODUCTION'
    | 'PRIORITY_BY_RULE';
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
export function effectivePriority(
  ticket: Ticket,
  policy: Policy,
  associated: IncidentCheck = hasIncidentField,
): EffectivePriority {
  const reasons: PriorityReason[] = [];
  let p = ticket.priority;
  if (ticket.rawPriority === null) reasons.push({ code: 'PRIORITY_DEFAULTED', from: null, to: p });
  if (ticket.reclassifiedPriority !== null && ticket.reclassifiedPriority !== p) {
    reasons.push({ code: 'PRIORITY_RECLASSIFIED', from: p, to: ticket.reclassifiedPriority });
    p = ticket.reclassifiedPriority;
  }
  for (const rule of policy.rules) {
    if (!rule.from.includes(p) || !holds(rule.when, ticket, associated)) continue;
    reasons.push(reasonOf(rule.when, p, rule.to, ticket));
    p = rule.to;
  }
  return { priority: p, reasons };
}

function holds(c: RuleCondition, ticket: Ticket, associated: IncidentCheck): boolean {
  switch (c.kind) {
    case 'no-incident':
      return !associated(ticket);
    case 'incident':
      return associated(ticket);
    case 'non-production':
      return !isProduction(ticket.environment);
    case 'production':
      return isProduction(ticket.environment);
    case 'field': {
      const v = (ticket[c.field] ?? '').trim().toLowerCase();
      return c.values.includes(v);
    }
  }
}

/** The seed vendors' two rules keep their reason codes; any other condition is a rule of the policy's. */
function reasonOf(c: RuleCondition, from: string, to: string, ticket: Ticket): PriorityReason {
  if (c.kind === 'no-incident') return { code: 'PRIORITY_DOWNGRADED_NO_INCIDENT', from, to };
  if (c.kind === 'non-production')
    return { code: 'PRIORITY_NON_PRODUCTION', from, to, detail: ticket.environment ?? '' };
  return { code: 'PRIORITY_BY_RULE', from, to, detail: conditionText(c) };
}

/** A rule's condition in words. */
export function conditionText(c: RuleCondition): string {
  switch (c.kind) {
    case 'no-incident':
      return 'without an associated unavailability incident';
    case 'incident':
      return 'associated with an unavailability incident';
    case 'non-production':
      return 'on a non-production environment';
    case 'production':
      return 'on production';
    case 'field':
      return `with ${c.field} ${c.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  }
}
