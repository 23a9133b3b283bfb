import type { GapResult } from './evaluate.js';
import type { Ticket, TicketEvent } from './ticket.js';

// Replies the export does not say are public or internal (an empty visibility cell, a Jira CSV comment):
// each may have answered the customer, or been a note no customer saw. A promise kept is never read from
// one: what rests on it alone is not measured, and only what is late whichever it was stands as breached.

/**
 * The first response the events prove — the first vendor reply known to be public — and the first vendor
 * reply of unknown visibility before it, which may have been the first response. Events in time order.
 */
export function firstResponseAmong(events: readonly TicketEvent[]): {
  at: number | null;
  from: string | undefined;
  unsureAt: number | undefined;
} {
  let unsureAt: number | undefined;
  for (const e of events) {
    if (e.type !== 'reply' || e.actor !== 'vendor') continue;
    if (e.visibilityUnknown !== true) return { at: e.at, from: e.source ?? 'events', unsureAt };
    unsureAt ??= e.at;
  }
  return { at: null, from: undefined, unsureAt };
}

/**
 * The instants of the vendor's replies of unknown visibility that could end a wait or a silence: from the
 * earliest the first response may have been, before resolution (later ones end nothing the metrics count).
 * `resolved`: where the waits end — for a reopened ticket its last resolution, not the export's cell.
 */
export function unsureReplies(ticket: Ticket, resolved = ticket.resolvedAt ?? Infinity): number[] {
  const out: number[] = [];
  if (ticket.events === null) return out;
  const from = ticket.firstResponseUnsureAt ?? ticket.firstResponseAt ?? -Infinity;
  for (const e of ticket.events)
    if (e.visibilityUnknown === true && e.type === 'reply' && e.actor === 'vendor' && e.at >= from && e.at < resolved)
      out.push(e.at);
  return out;
}

/** The ticket as if none of its vendor replies of unknown visibility was public: the reading least in the vendor's favour. */
export function withoutUnsure(ticket: Ticket): Ticket {
  const events = ticket.events!.filter(
    (e) => !(e.visibilityUnknown === true && e.type === 'reply' && e.actor === 'vendor'),
  );
  return { ...ticket, events, firstResponseUnsureAt: undefined };
}

/**
 * Whether the waits (or silences), read as if no unsure reply was public, settle the metric whichever those
 * were. Once the first response is known, another reading only ends waits and silences earlier (each lies
 * within one of these): met or pending here is so in every reading. A breach stands where a wait is late
 * with no unsure reply from its start to its end: every reading has a wait that begins no later and ends
 * at the same reply (or resolution). Where the first response itself is in doubt, waits that begin before
 * the proved one may count as well: only such a breach settles it.
 */
export function settled(
  ticket: Ticket,
  status: 'met' | 'breached' | 'pending',
  gaps: readonly GapResult[],
  unsure: readonly number[],
): boolean {
  const breach = gaps.some(
    (g) => g.status === 'breached' && !unsure.some((u) => u >= g.start && u < (g.end ?? Infinity)),
  );
  const firstKnown = ticket.firstResponseUnsureAt === undefined && ticket.firstResponseAt != null;
  return status === 'breached' ? breach : firstKnown;
}
