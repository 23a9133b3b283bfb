import type { Ticket } from './ticket.js';

export type Spans = ReadonlyArray<readonly [number, number]>;

const NO_PAUSES: Spans = Object.freeze([]);

/**
 * Spans during which the ticket sat in a pause status, from its status events: from an event whose status
 * pauses until the next status event that does not. One still open ends at the ticket's resolution where it
 * has one (a resolved ticket's clocks are not held at as-of), else has no end (the clock is held).
 */
export function pauseSpans(ticket: Ticket, pauseStatuses: readonly string[]): Spans {
  if (pauseStatuses.length === 0 || ticket.events === null) return NO_PAUSES;
  const pausing = new Set(pauseStatuses.map((s) => s.toLowerCase()));
  const spans: Array<[number, number]> = [];
  let since: number | null = null;
  for (const e of ticket.events) {
    if (e.type !== 'status') continue;
    const paused = pausing.has((e.status ?? '').toLowerCase());
    if (paused && since === null) since = e.at;
    else if (!paused && since !== null) {
      if (e.at > since) spans.push([since, e.at]);
      since = null;
    }
  }
  if (since !== null) {
    const resolved = ticket.resolvedAt ?? null;
    spans.push([since, resolved !== null && resolved > since ? resolved : Infinity]);
  }
  return spans;
}

/**
 * The pauses as a customer's message reads them: a pause (waiting on the customer) the customer answered
 * before its status changed may have ended at the message, though the status says it held — helpdesks
 * that reopen on a reply write the change, exports that leave it out do not. Null where no customer
 * message falls inside a pause, so the pauses are the only reading; else each answered pause cut there.
 */
export function pausesAnswered(ticket: Ticket, pauses: Spans): Spans | null {
  if (pauses.length === 0 || ticket.events === null) return null;
  const out: Array<readonly [number, number]> = [];
  let cut = false;
  let i = 0;
  for (const p of pauses) {
    // Events are in time order, and so are the pauses: one pass over both.
    while (i < ticket.events.length && ticket.events[i]!.at <= p[0]) i++;
    let end = p[1];
    for (let j = i; j < ticket.events.length && ticket.events[j]!.at < p[1]; j++) {
      const e = ticket.events[j]!;
      if (e.type === 'reply' && e.actor === 'customer') {
        end = e.at;
        cut = true;
        break;
      }
    }
    out.push(end === p[1] ? p : [p[0], end]);
  }
  return cut ? out : null;
}
