import type { FindingArg } from '../../../core/issues.js';
import { localTimeFormatter } from '../../../core/time/local-time.js';
import { items, list, type Wording } from './args.js';

/** Why a metric could not be measured, by metric id. */
const UNMEASURED_WHY: ReadonlyMap<FindingArg, string> = new Map([
  ['firstResponse:missing', 'first response (the export left out events that may hold an earlier reply or a pause)'],
  ['ongoingResponse:missing', 'ongoing response (the export left out events that may start or end a wait)'],
  ['updateCadence:missing', 'update cadence (the export left out events that may start or end a silence)'],
  ['resolution:missing', 'resolution (the export left out events that may reopen the ticket or pause its clock)'],
  ['firstResponse', 'first response (no first-response field and no vendor reply among events)'],
  ['ongoingResponse', 'ongoing response (no replies among events)'],
  ['updateCadence', 'update cadence (no replies among events)'],
  ['resolution', 'resolution (no resolved field)'],
  ['firstResponse:visibility', 'first response (in time only if a reply the export does not say is public was)'],
  [
    'ongoingResponse:visibility',
    'ongoing response (a wait ends in time only if a reply of unknown visibility was public)',
  ],
  ['updateCadence:visibility', 'update cadence (an update in time only if a reply of unknown visibility was public)'],
  ['ongoingResponse:reopened', 'ongoing response (reopened: the readings of the reopen disagree)'],
  ['updateCadence:reopened', 'update cadence (reopened: the readings of the reopen disagree)'],
  ['resolution:reopened', 'resolution (reopened: the readings of the reopen disagree)'],
  [
    'firstResponse:paused',
    'first response (the pauses read two ways disagree: a customer’s message inside one, or status changes of one instant)',
  ],
  [
    'ongoingResponse:paused',
    'ongoing response (the pauses read two ways disagree: a customer’s message inside one, or status changes of one instant)',
  ],
  [
    'updateCadence:paused',
    'update cadence (the pauses read two ways disagree: a customer’s message inside one, or status changes of one instant)',
  ],
  ['firstResponse:deleted', 'first response (the helpdesk deleted the ticket)'],
  ['ongoingResponse:deleted', 'ongoing response (the helpdesk deleted the ticket)'],
  ['updateCadence:deleted', 'update cadence (the helpdesk deleted the ticket)'],
  ['resolution:deleted', 'resolution (the helpdesk deleted the ticket)'],
  ['firstResponse:resolved', 'first response (resolved before it fell due, with no reply the export shows)'],
  [
    'updateCadence:answers',
    "update cadence (the events hold the vendor's answers to the customer's messages only, not every update)",
  ],
  ['firstResponse:pauses', 'first response (late only if no pause held it, and the events show no status change)'],
  ['ongoingResponse:pauses', 'ongoing response (late only if no pause held it, and the events show no status change)'],
  ['updateCadence:pauses', 'update cadence (late only if no pause held it, and the events show no status change)'],
  ['resolution:pauses', 'resolution (late only if no pause held it, and the events show no status change)'],
  [
    'resolution:paused',
    'resolution (the pauses read two ways disagree: a customer’s message inside one, or status changes of one instant)',
  ],
  [
    'resolution:status',
    'resolution (the status contradicts the resolution time: open though resolved, or resolved with no time)',
  ],
]);

/** Items of two lists of one order, paired: `name: count`, or `service 99.0%`. */
function pairs(names: FindingArg | undefined, values: FindingArg | undefined, pair: (n: string, v: number) => string) {
  const vs = items(values);
  return items(names).map((n, i) => pair(String(n), Number(vs[i])));
}

const coverage = (a: Parameters<Wording>[0]) =>
  pairs(a.services, a.coverage, (s, c) => `${s} ${c.toFixed(1)}%`).join(', ');

/** The sentences of what an audit warns of (or refuses) about a period, a ticket or the logs. */
export const AUDIT_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  TICKETS_NOT_MEASURED: (a) =>
    `${a.tickets} ticket(s) of ${a.period} are not measured, so none of them counts as met: the evidence cannot check what their tier promises — ${pairs(a.metrics, a.counts, (m, n) => `${UNMEASURED_WHY.get(m)}: ${n}`).join('; ')}`,
  TICKETS_PRIORITY_UNDECIDED: (a) =>
    `${a.tickets} ticket(s) of ${a.period} are not measured: a rule of the policy changes their priority when they are ${list(a.conditions)}, which the export cannot tell, and their targets are met at one priority and not at the other`,
  TICKETS_REOPENED: (a) =>
    `${a.tickets} ticket(s) of ${a.period} were reopened after the resolution their export gives (the customer wrote, or the status left the resolved ones, after it): their waits, silences and resolution run to the last resolution their events show, each metric stands only where the time they sat resolved does not decide it${Number(a.unresolved) > 0 ? `; ${a.unresolved} show no resolution after the reopen, so only what was late either way stands` : ''}`,
  TICKETS_PERIOD_NOT_COVERED: (a) =>
    a.pages !== undefined
      ? `the ticket export does not cover ${a.period} in full: ${list(a.pages)} say(s) it is one page of more, so tickets of ${a.period} may be on the pages not given — the counts and credits of ${a.period} are undecided (the tickets given are audited as they are)`
      : `the ticket export does not cover ${a.period}: ${a.firstTicket === undefined ? 'it holds no ticket' : `its first ticket was created at ${a.firstTicket}`}, so no ticket of ${a.period} is no evidence that there were none — its tickets and their credits are undecided`,
  CREDIT_HISTORY_UNKNOWN: (a) =>
    `the credits of ${a.period} depend on ${list(a.periods)}, whose credits the evidence does not settle: ${[
      a.escalation ? 'a run of periods owing a credit stops at them (a credit may be higher)' : '',
      a.yearCap ? 'the yearly cap counts only what they are known to owe (the total may be lower)' : '',
    ]
      .filter((e) => e !== '')
      .join('; ')}`,
  LOW_COVERAGE: (a) => {
    const local = localTimeFormatter(String(a.zone));
    const to = items(a.noDataTo);
    const spans =
      items(a.noDataFrom)
        .map((from, i) => `${local(Date.parse(String(from)))} → ${local(Date.parse(String(to[i])))}`)
        .join(', ') + (Number(a.moreNoData) > 0 ? `, and ${a.moreNoData} more` : '');
    return `the logs cover too little of ${a.period} for a verdict (minimum ${a.minimum}%: ${coverage(a)}); no data ${spans} (${a.zone})`;
  },
  OUTAGES_ACROSS_NO_DATA: (a) => {
    const local = localTimeFormatter(String(a.zone));
    const to = items(a.to);
    const worst = items(a.worst);
    const spans =
      items(a.from)
        .map((from, i) => `${local(Date.parse(String(from)))} → ${local(Date.parse(String(to[i])))}`)
        .join(', ') + (Number(a.more) > 0 ? `, and ${a.more} more` : '');
    const low = items(a.services)
      .map((s, i) => `${s} ${Number(worst[i]).toFixed(3)}%`)
      .join(', ');
    return `outages of ${a.period} shorter than the minimum outage were interrupted by no data: taken as one with the silence, they reach it and miss the target (${low}), so the verdict (or the credit's band) cannot be decided; ${spans} (${a.zone})`;
  },
  NO_DATA_COUNTED_AS_STATED: (a) =>
    `the logs cover less than ${a.minimum}% of ${a.period} (${coverage(a)}): the rest is counted as ${a.noData}, as the contract states (availability.noData: ${a.noData}), so the verdict rests on that statement, not on the logs`,
  PERIOD_IN_FUTURE: (a) => `${a.period} has not begun at ${a.asOf}: the report has no evidence for it yet`,
  PERIOD_NOT_OVER: (a) =>
    `${a.period} is not over at ${a.asOf}: pending tickets, availability and credits may still change`,
  CLAIM_DEADLINE_PASSED: (a) =>
    `the claim deadline (${list(a.deadlines)}) of ${a.lines} credit line(s) of ${a.period} has passed at ${a.asOf}: they are expired, shown apart and not in the total`,
  NO_ELIGIBLE_TIME: (a) =>
    `${a.service}: no eligible time in ${a.period} (the logs do not cover it): availability is unknown`,
  TICKETS_OUTSIDE_PERIOD: (a) =>
    `${a.tickets} ticket(s) were created outside ${a.from === a.to ? a.from : `${a.from} to ${a.to}`} and are not in this report (${pairs(a.months, a.counts, (m, n) => `${m}: ${n}`).join(', ')}); pass --month to audit another month`,
  NO_AVAILABILITY_TARGET: (a) =>
    `tier ${a.tier} of ${a.policy} has no availability target: availability is reported without a verdict`,
  TICKET_DUE_OUT_OF_RANGE: (a) => `ticket ${a.ticket}: a due time falls after 2199, the last year sla-audit supports`,
  SERVICE_NOT_IN_LOGS: (a) => {
    const quoted = (v: FindingArg | undefined) => items(v).map((m) => JSON.stringify(m));
    const missing = quoted(a.missing);
    return `service ${a.service}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} in no uptime log (the logs name ${quoted(a.logged).join(', ') || 'no service'})`;
  },
  SERVICES_DOWN_UNREACHABLE: (a) =>
    `the logs have ${a.services} service(s) in scope, but policy ${a.policy} counts the whole down only while ${a.servicesDown} are down at once: it could never be down`,
});
