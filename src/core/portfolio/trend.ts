import type { AuditReport } from '../report.js';
import { timeGap } from './period-gaps.js';

/**
 * A service's standing in one period: met, breached, a due time still ahead or a period not over
 * (`pending`), not decidable from the evidence (`unknown`), under no target, or (tickets) none to judge
 * in a period over: only the first two are findings.
 */
export type PeriodState = 'met' | 'breached' | 'pending' | 'unknown' | 'no-target' | 'no-tickets';

/** The trend row of the tickets of a contract: the support desk, beside its availability services. */
const TICKETS_ROW = 'tickets';

/** How many of the last periods a repeated breach is counted over, and how many breaches make one. */
const REPEAT_WINDOW = 6;
const REPEAT_MIN = 2;

export interface TrendRow {
  /** Index of the contract in the portfolio's runs. */
  run: number;
  service: string;
  states: Array<{ period: string; state: PeriodState }>;
  /** Breached periods among the last `window` (at most REPEAT_WINDOW), and whether that is a repeated breach. */
  breached: number;
  window: number;
  repeated: boolean;
}

/**
 * One contract's periods per service: each availability service it names (the `all` row where it names
 * none), and its tickets. Evidence first: availability the evidence cannot decide is `unknown`, and
 * tickets are `met` only when one at least was met and none is breached, pending or not measured.
 */
export function trendRows(run: number, services: readonly string[], reports: readonly AuditReport[]): TrendRow[] {
  const rows: TrendRow[] = [];
  const first = reports[0];
  if (!first) return rows;
  const names = first.sections.availability ? [...services] : [];
  if (first.sections.tickets) names.push(TICKETS_ROW);
  for (const service of names) {
    const states = reports.map((r) => ({
      period: r.period.label,
      state: service === TICKETS_ROW ? ticketState(r) : availabilityState(r, service),
    }));
    const last = states.slice(-REPEAT_WINDOW);
    const breached = last.filter((s) => s.state === 'breached').length;
    rows.push({ run, service, states, breached, window: last.length, repeated: breached >= REPEAT_MIN });
  }
  return rows;
}

/**
 * A period not over (or not begun) at as-of is `pending` unless its downtime already misses the target:
 * the time to come may still break it, whatever the logs say so far.
 */
function availabilityState(r: AuditReport, service: string): PeriodState {
  const row = r.availability.find((a) => a.service === service);
  if (!row || row.targetPercent === null) return row ? 'no-target' : 'unknown';
  if (row.met === false) return 'breached';
  if (timeGap(r) !== null) return 'pending';
  return row.met === true ? 'met' : 'unknown';
}

/**
 * The worst ticket status of the period, in the tickets' own order (breached > pending > not measured >
 * met): a period with a ticket still due is not met yet, and one with no ticket to judge (none, or only
 * excluded ones) proves nothing kept. A period the ticket export does not cover (before its first ticket)
 * is `unknown`: its empty list is no evidence that there were none, so never "no tickets". A period not
 * over (or not begun) at as-of is `pending` unless already breached: tickets yet to come may breach it.
 */
function ticketState(r: AuditReport): PeriodState {
  if (r.ticketsNotCovered !== undefined) return 'unknown';
  const s = r.summary;
  if (s.breached > 0) return 'breached';
  if (s.pending > 0 || timeGap(r) !== null) return 'pending';
  if (s.notMeasured > 0) return 'unknown';
  if (s.met > 0) return 'met';
  return s.noTarget > 0 ? 'no-target' : 'no-tickets';
}
