import type { MetricId } from '../policy/model.js';
import type { MetricResult } from './evaluate.js';
import type { Ticket } from './ticket.js';

/** Why a metric is not measured, for the warning and the words of each row: a flag the evaluation set, or what the export lacks. */
export type Unmeasured =
  | MetricId
  | `${MetricId}:visibility`
  | `${MetricId}:reopened`
  | `${MetricId}:status`
  | `${MetricId}:paused`
  | `${MetricId}:missing`
  | `${MetricId}:pauses`
  | `${MetricId}:deleted`
  | 'updateCadence:answers'
  | 'firstResponse:resolved';

/**
 * The cause of a metric not measured: the flag the evaluation set on it (at most one is: each is set only on
 * a metric the others left measured), else the evidence the export lacks — the metric alone, or, for update
 * cadence, events that hold answers only. One reading for the warning's counts and each row's words.
 */
export function unmeasuredCause(ticket: Ticket, m: MetricResult): Unmeasured {
  const id = m.metric;
  if (m.eventsMissing === true) return `${id}:missing`;
  if (m.deleted === true) return `${id}:deleted`;
  if (m.pausesUnseen === true) return `${id}:pauses`;
  if (m.resolvedFirst === true) return 'firstResponse:resolved';
  if (m.unsureVisibility === true) return `${id}:visibility`;
  if (m.reopenUndecided === true) return `${id}:reopened`;
  if (m.statusUndecided === true) return `${id}:status`;
  if (m.pauseUndecided === true) return `${id}:paused`;
  if (id === 'updateCadence' && ticket.updatesKnown === false) return 'updateCadence:answers';
  return id;
}
