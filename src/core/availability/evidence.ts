import type { Span } from '../time/spans.js';

/**
 * What an uptime log says about one service: when it was down, when it was
 * in scheduled maintenance, and which time the log speaks for at all.
 * Outside `covered`, availability is unknown (no data), never up.
 */
/** A logged outage and the record it was read from. */
export interface OutageOrigin {
  start: number;
  end: number;
  at: string;
}

export interface ServiceEvidence {
  service: string;
  outages: Span[];
  maintenance: Span[];
  covered: Span[];
  /** Where it was read: the log files, and the contract where it states the coverage. */
  sources?: readonly string[];
  /** Where each logged outage was read ("file:line"), when asked for: the evidence a claim cites. */
  origins?: readonly OutageOrigin[];
  /**
   * Daily downtime totals (Upptime): per UTC day (its start, epoch ms), the time it was down — not when in
   * the day, so never among `outages` (instants known); each listed day is in `covered`.
   */
  dailyTotals?: ReadonlyArray<{ day: number; downMs: number }>;
}
