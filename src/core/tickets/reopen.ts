import type { MetricResult } from './evaluate.js';
import { meansResolved, type StatusWords } from './status-words.js';
import type { Ticket } from './ticket.js';

// A ticket reopened after the resolution its export gives. The export's cell is one resolution, often the
// first: events after it that show the conversation going on (the customer writing, the status leaving
// the resolved ones) mean the vendor owed replies, updates and a resolution again. Nothing after the cell
// may be read as kept on the strength of a resolution the ticket did not keep.

/** How far the waits, silences and resolution of a ticket run, and which spans it sat resolved in between. */
export interface Lifecycle {
  /** The resolution that ends them: the export's cell, or the last the events show; null while open. */
  resolved: number | null;
  /** Where it was read (the ticket's row, or the status event). */
  resolvedFrom: string | undefined;
  /** Spans [resolution, reopen) in which the ticket sat resolved: no wait or silence runs there. Sorted. */
  rests: ReadonlyArray<readonly [number, number]>;
  /** Where each rest began (its resolution) and ended (the event that reopened it). */
  restFrom: ReadonlyArray<readonly [string | undefined, string | undefined]>;
}

/** What a reopened ticket's resolution was measured on (a field of its MetricResult, evaluate.ts). */
export interface MeasuredOn {
  /**
   * The reading whose figures the result keeps: explain must hold the same spans it held (or its time
   * counted does not add up to the verdict's), and a credit must point to the resolution it ended at.
   */
  reading?: Lifecycle;
}

/** A reading's result, with the reading it stands on (none for a ticket not reopened: the export's). */
export function measuredOn(m: MetricResult, life: Lifecycle | undefined): MetricResult {
  if (life !== undefined) m.reading = life;
  return m;
}

export interface Reopened {
  /** Each resolution and reopen, from the export's cell on. */
  rests: Array<[number, number]>;
  restFrom: Array<[string | undefined, string | undefined]>;
  /** The last resolution the events show after the last reopen; null where they show none (reopened, open since). */
  final: number | null;
  finalFrom: string | undefined;
}

/**
 * The reopens the events show after the export's resolution: a customer's message, or a status that is
 * neither resolved nor one the policy pauses on. A pause status alone reopens nothing: it holds the clocks
 * (the vendor waits on the customer), and evidence in the vendor's favour must never make a ticket worse
 * (removing it would make it better). Null where the ticket has no resolution cell or was not reopened.
 * Events in time order.
 */
export function reopenOf(ticket: Ticket, words: StatusWords, row: string | undefined): Reopened | null {
  const r = ticket.resolvedAt;
  if (r === null || r === undefined || ticket.events === null) return null;
  const rests: Array<[number, number]> = [];
  const restFrom: Array<[string | undefined, string | undefined]> = [];
  let restingSince: number | null = r;
  let since: string | undefined = row;
  for (const e of ticket.events) {
    if (e.at <= r) continue;
    const status = e.type === 'status' ? (e.status ?? '').trim().toLowerCase() : '';
    const resolves = meansResolved(status, words);
    const reopens =
      e.type === 'reply'
        ? e.actor === 'customer'
        : status !== '' && !resolves && !words.pauseStatuses.some((p) => p.toLowerCase() === status);
    if (restingSince !== null && reopens) {
      rests.push([restingSince, e.at]);
      restFrom.push([since, e.source]);
      restingSince = null;
    } else if (restingSince === null && resolves) {
      restingSince = e.at;
      since = e.source;
    }
  }
  if (rests.length === 0) return null;
  return { rests, restFrom, final: restingSince, finalFrom: restingSince === null ? undefined : since };
}

/** The export's reading: everything ends at its resolution cell (or runs on while there is none). */
export const asExported = (ticket: Ticket, row: string | undefined): Lifecycle => ({
  resolved: ticket.resolvedAt ?? null,
  resolvedFrom: ticket.resolvedAt === null || ticket.resolvedAt === undefined ? undefined : row,
  rests: [],
  restFrom: [],
});

/**
 * The readings of a reopened ticket. SPEC 3 says nothing of reopens, and helpdesks differ: Zendesk's
 * SLAs stop at a solve and start again at the reopen (the segmented reading), while a resolution that did
 * not hold may as well not have ended anything (the continuous one, to the last resolution). Each is a
 * fair reading of the contract: a metric stands only where they agree. Where the events show no
 * resolution after the last reopen, the export's cell contradicts them (a comment on a solved ticket, a
 * status of another name) and its own reading joins them: nothing is breached on that alone.
 */
export function readingsOf(reopen: Reopened, ticket: Ticket, row: string | undefined): Lifecycle[] {
  const end = { resolved: reopen.final, resolvedFrom: reopen.finalFrom };
  const readings: Lifecycle[] = [
    { ...end, rests: reopen.rests, restFrom: reopen.restFrom },
    { ...end, rests: [], restFrom: [] },
  ];
  if (reopen.final === null) readings.push(asExported(ticket, row));
  return readings;
}

/** The policy's pauses with the spans the ticket sat resolved: both hold a clock. Sorted, disjoint. */
export function withRests(
  pauses: ReadonlyArray<readonly [number, number]>,
  rests: ReadonlyArray<readonly [number, number]>,
): Array<readonly [number, number]> {
  const all = pauses.concat(rests).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of all) {
    const last = out[out.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
