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

/**
 * Which state a run of status changes at one instant ends in: as the export orders them, or — the order being
 * no evidence of which came last — the least paused (unpaused if any of them is not a pause status) or the
 * most paused (paused if any of them is one).
 */
type Reading = 'exported' | 'least' | 'most';

function spansOf(
  events: readonly TicketEvent[],
  pausing: ReadonlySet<string>,
  resolved: number | null,
  reading: Reading = 'exported',
): Spans {
  const spans: Array<[number, number]> = [];
  let since: number | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.type !== 'status') continue;
    // The run of status changes at this instant, and the state it ends in under the reading.
    let paused = pausing.has((e.status ?? '').toLowerCase());
    let anyPause = paused;
    let anyOther = !paused;
    while (i + 1 < events.length && events[i + 1]!.at === e.at) {
      const next = events[++i]!;
      if (next.type !== 'status') continue;
      paused = pausing.has((next.status ?? '').toLowerCase());
      anyPause ||= paused;
      anyOther ||= !paused;
    }
    if (reading === 'least') paused = !anyOther;
    else if (reading === 'most') paused = anyPause;
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
 * The other readings of a ticket's pauses, each where it differs from `pauses`: the least paused (status changes
 * of one instant ending unpaused where one of them can, and each pause the customer answered ended at their
 * message: pausesAnswered) and the most paused (such a run ending paused where one of them can). A clock counts
 * less the more it is paused, so these two bound every order and every reading of a message: a metric stands
 * only where they agree.
 */
export function otherPauses(ticket: Ticket, pauseStatuses: readonly string[], pauses: Spans): Spans[] {
  if (pauseStatuses.length === 0 || ticket.events === null) return [];
  const pausing = pausingSet(pauseStatuses);
  const resolved = ticket.resolvedAt ?? null;
  const leastTied = spansOf(ticket.events, pausing, resolved, 'least');
  const least = pausesAnswered(ticket, leastTied) ?? leastTied;
  const most = spansOf(ticket.events, pausing, resolved, 'most');
  return [least, most].filter((s) => !sameSpans(s, pauses));
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
