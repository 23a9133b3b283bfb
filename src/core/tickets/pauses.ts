import type { Ticket, TicketEvent } from './ticket.js';

export type Spans = ReadonlyArray<readonly [number, number]>;

const NO_PAUSES: Spans = Object.freeze([]);

/**
 * Spans during which the ticket sat in a pause status, from its status events: from an event whose status
 * pauses until the next status event that does not. One still open ends at the ticket's resolution where it
 * has one (a resolved ticket's clocks are not held at as-of), else has no end (the clock is held).
 */
export function pauseSpans(ticket: Ticket, pauseStatuses: readonly string[]): Spans {
  if (pauseStatuses.length === 0 || ticket.events === null) return NO_PAUSES;
  return spansOf(ticket.events, pausingSet(pauseStatuses), ticket.resolvedAt ?? null);
}

const pausingSet = (pauseStatuses: readonly string[]) => new Set(pauseStatuses.map((s) => s.toLowerCase()));

function spansOf(events: readonly TicketEvent[], pausing: ReadonlySet<string>, resolved: number | null): Spans {
  const spans: Array<[number, number]> = [];
  let since: number | null = null;
  for (const e of events) {
    if (e.type !== 'status') continue;
    const paused = pausing.has((e.status ?? '').toLowerCase());
    if (paused && since === null) since = e.at;
    else if (!paused && since !== null) {
      if (e.at > since) spans.push([since, e.at]);
      since = null;
    }
  }
  if (since !== null) spans.push([since, resolved !== null && resolved > since ? resolved : Infinity]);
  return spans;
}

/**
 * The other readings of a ticket's pauses, each where it differs from `pauses`: a pause the customer answered
 * ended at their message (pausesAnswered), and status changes of one instant taken in the other order (an
 * export's row order is no evidence of which came last). A metric stands only where every reading agrees.
 */
export function otherPauses(ticket: Ticket, pauseStatuses: readonly string[], pauses: Spans): Spans[] {
  const out: Spans[] = [];
  const answered = pausesAnswered(ticket, pauses);
  if (answered !== null) out.push(answered);
  const tied = tiesReversed(ticket, pauseStatuses);
  if (tied !== null && !sameSpans(tied, pauses)) out.push(tied);
  return out;
}

/** The pauses with each run of status changes at one instant in reverse order; null where no instant has two. */
function tiesReversed(ticket: Ticket, pauseStatuses: readonly string[]): Spans | null {
  if (pauseStatuses.length === 0 || ticket.events === null) return null;
  const statuses = ticket.events.filter((e) => e.type === 'status');
  let tied = false;
  for (let i = 1; i < statuses.length && !tied; i++) tied = statuses[i]!.at === statuses[i - 1]!.at;
  if (!tied) return null;
  const reversed: TicketEvent[] = [];
  for (let i = 0; i < statuses.length;) {
    let j = i;
    while (j + 1 < statuses.length && statuses[j + 1]!.at === statuses[i]!.at) j++;
    for (let k = j; k >= i; k--) reversed.push(statuses[k]!);
    i = j + 1;
  }
  return spansOf(reversed, pausingSet(pauseStatuses), ticket.resolvedAt ?? null);
}

const sameSpans = (a: Spans, b: Spans) =>
  a.length === b.length && a.every((s, i) => s[0] === b[i]![0] && s[1] === b[i]![1]);

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
