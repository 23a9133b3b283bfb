import { duration } from '../duration.js';
import type { Wording } from './args.js';

const METRIC = new Map([
  ['firstResponse', 'first response'],
  ['ongoingResponse', 'ongoing response'],
  ['updateCadence', 'update cadence'],
  ['resolution', 'resolution'],
]);
const metric = (m: unknown) => METRIC.get(String(m)) ?? String(m);
/** Time on a business calendar is said to be so: "3h 00m business" on a Friday evening reads right. */
const left = (seconds: unknown, business: unknown) =>
  `${duration(Number(seconds) * 1000)}${business === true ? ' of business time' : ''}`;

/** A ticket whose priority the export cannot decide names the reading it is due under. */
const ticket = (a: Record<string, unknown>) =>
  a.undecided === undefined
    ? `ticket ${a.ticket}`
    : `ticket ${a.ticket} (as ${a.priority}; its priority may be ${a.undecided})`;

/**
 * Downtime the evidence leaves open is counted as down, said first (a truncated line keeps it), then what
 * is left if none of it is: the time left lies between the two.
 */
const openLeft = (a: Record<string, unknown>) =>
  `${duration(Number(a.leftMs))} more downtime in ${a.period} misses its ${a.targetPercent}% target if the ${duration(Number(a.undecidedMs))} the evidence leaves open was down, ${duration(Number(a.leftAtMostMs))} if none of it was (${duration(Number(a.downtimeMs))} down so far${a.thin === true ? '; too little logged for a verdict' : ''})`;

/** What `sla-audit at-risk` finds: one sentence per kind of finding, each naming what runs out and when. */
export const AT_RISK_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  AT_RISK_TICKET_DUE: (a) =>
    `${ticket(a)}: ${metric(a.metric)} due ${a.dueAt}, ${left(a.leftSeconds, a.business)} left (${duration(Number(a.wallLeftSeconds) * 1000)} on the clock)`,
  AT_RISK_TICKET_PAUSED: (a) =>
    `${ticket(a)} is paused since ${a.pausedSince}: ${metric(a.metric)} will have ${left(a.leftSeconds, a.business)} left when it resumes`,
  AT_RISK_AVAILABILITY: (a) =>
    a.crossed === true
      ? `${a.service}: ${a.period} has missed its ${a.targetPercent}% target already (${duration(Number(a.downtimeMs))} down so far)`
      : a.undecidedMs !== undefined
        ? `${a.service}: ${openLeft(a)}`
        : `${a.service}: ${duration(Number(a.leftMs))} more downtime in ${a.period} misses its ${a.targetPercent}% target (${duration(Number(a.downtimeMs))} down so far)`,
  AT_RISK_CLAIM_DEADLINE: (a) =>
    `the credit of ${a.period}${a.notCovered === true ? ' (undecided: the ticket export does not cover it)' : ''} must be claimed by ${a.claimBy} (${a.daysLeft === 0 ? 'today is the last day' : `${a.daysLeft} day${a.daysLeft === 1 ? '' : 's'} left`})`,
});
