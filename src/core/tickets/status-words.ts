import type { Policy } from '../policy/model.js';
import type { MetricResult } from './evaluate.js';
import type { Ticket } from './ticket.js';

/*
 * What a ticket's own status cell says of its resolution. The status is the export's word at the time it
 * was taken; where it contradicts the resolved_at cell, the resolution the ticket kept is unknown, and it
 * is never read in the vendor's favour.
 */

/** Statuses that mean resolved (any case): Zendesk's solved and closed, Freshdesk's, ServiceNow's, Jira's done, and their usual translations. */
const RESOLVED_STATUSES: ReadonlySet<string> = new Set([
  'solved',
  'resolved',
  'closed',
  'done',
  'canceled',
  'cancelled',
  'completed',
  'resuelto',
  'resuelta',
  'cerrado',
  'cerrada',
  'completado',
  'listo',
  'résolu',
  'fermé',
  'gelöst',
  'geschlossen',
  'erledigt',
]);

/** Statuses that mean still open: new, open, in progress, reopened (a pause status is none of these). */
const OPEN_STATUSES: ReadonlySet<string> = new Set([
  'new',
  'open',
  'reopened',
  're-opened',
  'in progress',
  'in-progress',
  'work in progress',
  'assigned',
  'active',
  'to do',
  'todo',
  'triage',
  'nuevo',
  'abierto',
  'abierta',
  'en curso',
  'en progreso',
  'ouvert',
  'offen',
  'neu',
]);

/** The policy's words for statuses: those that pause its clocks, and the helpdesk's own that mean resolved. */
export type StatusWords = Pick<Policy, 'pauseStatuses' | 'resolvedStatuses'>;

/** Whether a status (trimmed, lower case) means resolved: a usual word, or one the policy's `resolvedStatuses` names. */
export function meansResolved(status: string, words: StatusWords): boolean {
  return RESOLVED_STATUSES.has(status) || words.resolvedStatuses.some((r) => r.trim().toLowerCase() === status);
}

/** Resolved, open, or null: a pause, or a word of the helpdesk's own the policy does not name. */
function statusSays(status: string | null, words: StatusWords): 'resolved' | 'open' | null {
  const s = (status ?? '').trim().toLowerCase();
  return meansResolved(s, words) ? 'resolved' : OPEN_STATUSES.has(s) ? 'open' : null;
}

/**
 * The resolution metric as the status lets it stand: resolved in its cell but open by its status (reopened
 * since), a resolution in time is not kept; resolved by its status with no resolution time, when is not
 * known. Either is not measured, said apart (`resolution:status`); a resolution late either way stays late.
 */
export function resolutionAsStatusSays(
  ticket: Ticket,
  m: MetricResult | undefined,
  words: StatusWords,
): MetricResult | undefined {
  if (m === undefined || ticket.resolvedAt === undefined) return m;
  const says = statusSays(ticket.status, words);
  const contradicted =
    (says === 'open' && ticket.resolvedAt !== null && m.status === 'met') ||
    (says === 'resolved' && ticket.resolvedAt === null && (m.status === 'breached' || m.status === 'pending'));
  if (!contradicted) return m;
  return {
    metric: m.metric,
    status: 'not-measured',
    target: m.target,
    dueAt: null,
    respondedAt: m.respondedAt,
    elapsedMs: null,
    statusUndecided: true,
  };
}
