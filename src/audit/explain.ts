import { readTickets } from '../adapters/ingest/read-tickets.js';
import { inputName } from '../adapters/ingest/records.js';
import { incidentCheckFromOutages } from '../core/availability/audit-availability.js';
import { InputError, UsageError } from '../core/issues.js';
import { PolicyClocks } from '../core/policy/clocks.js';
import { BeyondSupportedRange } from '../core/time/calendar.js';
import type { IncidentCheck } from '../core/tickets/effective-priority.js';
import { evaluateTicket, type TicketResult } from '../core/tickets/evaluate.js';
import { explainTicket as timelinesOf, type MetricTimeline } from '../core/tickets/explain.js';
import { ticketReadOptions, type AuditRequest } from './request.js';
import { readEvidence } from './uptime-evidence.js';

/** One ticket's evaluation and, per metric, the covered time counted towards its due instant. */
export interface TicketExplanation {
  result: TicketResult;
  timelines: MetricTimeline[];
}

/**
 * How one ticket's due times and verdicts were reached, as data: the request's ticket exports are read
 * as an audit reads them, and its uptime logs, when given, decide association with an outage (SPEC 4).
 * The period and the fee play no part (SPEC 3.12). Throws a UsageError when no ticket has the id.
 */
export async function explainTicket(request: AuditRequest, id: string): Promise<TicketExplanation> {
  const { policy, tier, asOf } = request;
  const tickets = await readTickets(request.tickets, ticketReadOptions(request));
  if (tickets.fatal.length > 0 || (tickets.issues.length > 0 && !request.skipInvalid))
    throw new InputError(request.skipInvalid ? tickets.fatal : tickets.issues);
  const ticket = tickets.tickets.find((t) => t.id === id);
  if (!ticket)
    throw new UsageError(
      `ticket "${id}" is not in ${request.tickets.map(inputName).join(', ')} (${tickets.tickets.length} tickets read) — check the id, which is matched exactly`,
    );
  let associated: IncidentCheck | undefined;
  if (request.uptime.length > 0) {
    const up = await readEvidence(request);
    if (up.fatal.length > 0 || (up.issues.length > 0 && !request.skipInvalid))
      throw new InputError(request.skipInvalid ? up.fatal : up.issues);
    associated = incidentCheckFromOutages(up.evidence, request.services ?? undefined);
  }
  const clocks = new PolicyClocks(policy);
  try {
    const result = evaluateTicket(ticket, {
      policy,
      clocks,
      tier: tier.id,
      asOf,
      ...(associated ? { associated } : {}),
    });
    return { result, timelines: timelinesOf(result, clocks, asOf) };
  } catch (err) {
    if (!(err instanceof BeyondSupportedRange)) throw err;
    // As in an audit: what the ticket is owed cannot be known, and that is its input's problem, not a crash.
    throw new InputError([
      {
        code: 'TICKET_DUE_OUT_OF_RANGE',
        file: ticket.file ?? request.tickets.map(inputName).join(', '),
        line: ticket.line,
        args: { ticket: ticket.id },
        hint: "check its created time and the policy's targets",
      },
    ]);
  }
}
