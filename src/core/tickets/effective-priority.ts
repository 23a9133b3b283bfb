import type { Policy, RuleCondition } from '../policy/model.js';
import { unlessNo } from './cell-words.js';
import { isProduction, type Ticket } from './ticket.js';

export interface PriorityReason {
  code:
    | 'PRIORITY_DEFAULTED'
    | 'PRIORITY_RECLASSIFIED'
    | 'PRIORITY_DOWNGRADED_NO_INCIDENT'
    | 'PRIORITY_NON_PRODUCTION'
    | 'PRIORITY_BY_RULE'
    | 'PRIORITY_UNDECIDED';
  from: string | null;
  to: string;
  detail?: string;
}

export interface EffectivePriority {
  priority: string;
  reasons: PriorityReason[];
  /**
   * The other priorities the ticket may have, where a rule's condition cannot be decided from the
   * evidence (an environment no list names, no incident column and no uptime logs): the ticket is met
   * or breached only where every one of them agrees.
   */
  alternatives: string[];
}

/** Whether the ticket is associated with an unavailability incident; null when the evidence cannot tell. */
export type IncidentCheck = (ticket: Ticket) => boolean | null;

/** An incident cell that says it is not known: neither an incident nor none. */
const UNKNOWN = /^(unknown|\?|tbd|n\/k)$/i;

/**
 * The export's incident column: empty or no in words ("no", "false", "N/A", "0", "-") is none, "unknown"
 * is unknown, anything else (an incident number, "yes") an incident; without one (and without uptime
 * logs), association is unknown.
 */
export const hasIncidentField: IncidentCheck = (t) => {
  if (t.incident === undefined) return null;
  const v = unlessNo(t.incident);
  return v === null ? false : UNKNOWN.test(v) ? null : true;
};

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
  // Where a condition is unknown, the rule is followed as written and the path without it kept aside.
  let others: string[] = [];
  for (const rule of policy.rules) {
    others = others.map((o) => (rule.from.includes(o) && holds(rule.when, ticket, associated) !== false ? rule.to : o));
    if (!rule.from.includes(p)) continue;
    const truth = holds(rule.when, ticket, associated);
    if (truth === false) continue;
    if (truth === null) {
      others.push(p);
      reasons.push({ code: 'PRIORITY_UNDECIDED', from: p, to: rule.to, detail: conditionText(rule.when) });
    } else reasons.push(reasonOf(rule.when, p, rule.to, ticket));
    p = rule.to;
  }
  return { priority: p, reasons, alternatives: [...new Set(others)].filter((o) => o !== p) };
}

function holds(c: RuleCondition, ticket: Ticket, associated: IncidentCheck): boolean | null {
  switch (c.kind) {
    case 'no-incident': {
      const a = associated(ticket);
      return a === null ? null : !a;
    }
    case 'incident':
      return associated(ticket);
    case 'non-production': {
      const production = isProduction(ticket.environment);
      return production === null ? null : !production;
    }
    case 'production':
      return isProduction(ticket.environment);
    case 'field': {
      const raw = ticket[c.field];
      if (raw === undefined) return null; // no such column: the evidence cannot say
      const v = (raw ?? '').trim().toLowerCase();
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
