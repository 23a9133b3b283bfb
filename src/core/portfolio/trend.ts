import type { AuditReport } from '../report.js';

/**
 * A service's standing in one period: met, breached, a due time still ahead (`pending`), not decidable
 * from the evidence (`unknown`), under no target, or (tickets) none to judge: only the first two are findings.
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

function availabilityState(r: AuditReport, service: string): PeriodState {
  const row = r.availability.find((a) => a.service === service);
  if (!row || row.targetPercent === null) return row ? 'no-target' : 'unknown';
  return row.met === true ? 'met' : row.met === false ? 'breached' : 'unknown';
}

/**
 * The worst ticket status of the period, in the tickets' own order (breached > pending > not measured >
 * met): a period with a ticket still due is not met yet, and one with no ticket to judge (none, or only
 * excluded ones) proves nothing kept. A period the ticket export does not cover (before its first ticket)
 * is `unknown`: its empty list is no evidence that there were none, so never "no tickets".
 */
function ticketState(r: AuditReport): PeriodState {
  if (r.ticketsNotCovered !== undefined) return 'unknown';
  const s = r.summary;
  if (s.breached > 0) return 'breached';
  if (s.pending > 0) return 'pending';
  if (s.notMeasured > 0) return 'unknown';
  if (s.met > 0) return 'met';
  return s.noTarget > 0 ? 'no-target' : 'no-tickets';
}
