import { asExported, type Lifecycle } from './reopen.js';
import type { Ticket } from './ticket.js';

/** A wait for a vendor reply: from the oldest unanswered customer reply. */
export interface Gap {
  start: number;
  /** The vendor reply or resolution that ended it; null while still open. */
  end: number | null;
  /** Where what began and ended it was read: an event ("events.csv:12"), or the ticket's row for its first-response or resolution cell. */
  startFrom?: string | undefined;
  endFrom?: string | undefined;
}

/**
 * When the ticket was first answered, and where that was read: its first-response field (the event it
 * came from, else the ticket's row), else its first vendor reply; null if neither.
 */
function firstResponseOf(ticket: Ticket): { at: number; from: string | undefined } | null {
  if (ticket.firstResponseAt !== null && ticket.firstResponseAt !== undefined)
    return { at: ticket.firstResponseAt, from: ticket.firstResponseFrom ?? rowOf(ticket) };
  const reply = ticket.events?.find((e) => e.type === 'reply' && e.actor === 'vendor');
  return reply ? { at: reply.at, from: reply.source } : null;
}

/** The ticket's row in its export ("tickets.csv:12"): where its first-response and resolution cells are. */
export const rowOf = (ticket: Ticket): string | undefined =>
  ticket.file === undefined ? undefined : `${ticket.file}:${ticket.line}`;

/**
 * SPEC 3.4. After the first vendor response, a gap starts at the first
 * customer reply after the last vendor reply and ends at the next vendor
 * reply or at resolution, whichever comes first. Events must be in time order.
 * `life`: where resolution ends them — the export's cell, or for a reopened
 * ticket the last resolution its events show, each earlier one ending the
 * waits of its time (reopen.ts).
 */
export function ongoingGaps(ticket: Ticket, life: Lifecycle = asExported(ticket, rowOf(ticket))): Gap[] {
  const events = ticket.events ?? [];
  const firstResponse = firstResponseOf(ticket)?.at ?? null;
  if (firstResponse === null) return [];
  const { resolved, rests, restFrom } = life;
  const gaps: Gap[] = [];
  let waitingSince: number | null = null;
  let from: string | undefined;
  let r = 0;
  for (const e of events) {
    if (e.type !== 'reply' || e.at < firstResponse) continue;
    if (resolved !== null && e.at >= resolved) break;
    // A resolution the ticket did not keep ends the wait of its time; the reopened ticket's begin anew.
    for (; r < rests.length && rests[r]![0] <= e.at; r++) {
      if (waitingSince !== null)
        gaps.push({ start: waitingSince, end: rests[r]![0], startFrom: from, endFrom: restFrom[r]![0] });
      waitingSince = null;
      if (rests[r]![1] > e.at) break;
    }
    // Sitting resolved: nothing said then is waited on.
    if (r < rests.length && rests[r]![0] <= e.at) continue;
    if (e.actor === 'customer' && waitingSince === null) {
      waitingSince = e.at;
      from = e.source;
    } else if (e.actor === 'vendor' && waitingSince !== null) {
      gaps.push({ start: waitingSince, end: e.at, startFrom: from, endFrom: e.source });
      waitingSince = null;
    }
  }
  // A rest after the last reply ends the wait still open (it began before: events inside rests are passed over).
  if (waitingSince !== null && r < rests.length) {
    gaps.push({ start: waitingSince, end: rests[r]![0], startFrom: from, endFrom: restFrom[r]![0] });
    waitingSince = null;
  }
  if (waitingSince !== null)
    gaps.push({ start: waitingSince, end: resolved, startFrom: from, endFrom: life.resolvedFrom });
  return gaps;
}

/**
 * Update cadence: while the ticket is with the vendor — from the first
 * response until resolution — each silence between the vendor's updates (its
 * public replies), and the one after the last update until resolution (or
 * still open). Pauses are the clock's business. Events in time order. For a
 * reopened ticket read in segments, a resolution ends the silence of its time
 * and the reopen starts the next one.
 */
export function cadenceGaps(ticket: Ticket, life: Lifecycle = asExported(ticket, rowOf(ticket))): Gap[] {
  const events = ticket.events ?? [];
  const first = firstResponseOf(ticket);
  if (first === null) return [];
  const { resolved, rests, restFrom } = life;
  const gaps: Gap[] = [];
  let since = first.at;
  let from = first.from;
  let r = 0;
  for (const e of events) {
    if (e.type !== 'reply' || e.actor !== 'vendor' || e.at <= since) continue;
    if (resolved !== null && e.at >= resolved) break;
    while (r < rests.length && rests[r]![0] <= e.at) {
      const [rest, reopen] = rests[r]!;
      if (rest > since) gaps.push({ start: since, end: rest, startFrom: from, endFrom: restFrom[r]![0] });
      if (reopen > since) {
        since = reopen;
        from = restFrom[r]![1];
      }
      r++;
    }
    if (e.at <= since) continue;
    gaps.push({ start: since, end: e.at, startFrom: from, endFrom: e.source });
    since = e.at;
    from = e.source;
  }
  // Rests after the last update: each ends the silence of its time.
  for (; r < rests.length; r++) {
    const [rest, reopen] = rests[r]!;
    if (rest > since) gaps.push({ start: since, end: rest, startFrom: from, endFrom: restFrom[r]![0] });
    if (reopen > since) {
      since = reopen;
      from = restFrom[r]![1];
    }
  }
  if (resolved === null || resolved > since)
    gaps.push({ start: since, end: resolved, startFrom: from, endFrom: life.resolvedFrom });
  return gaps;
}
