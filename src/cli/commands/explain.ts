import { filesRead, loadRequest, ticketReadOptions, uptimeReadOptions } from '../../audit/request.js';
import { inputName } from '../../adapters/ingest/records.js';
import { readTickets } from '../../adapters/ingest/read-tickets.js';
import { readUptime } from '../../adapters/ingest/read-uptime.js';
import { explainJson, renderExplain } from '../../adapters/render/explain-render.js';
import { incidentCheckFromOutages } from '../../core/availability/audit-availability.js';
import { InputError, UsageError } from '../../core/issues.js';
import { PolicyClocks } from '../../core/policy/clocks.js';
import { BeyondSupportedRange } from '../../core/time/calendar.js';
import type { IncidentCheck } from '../../core/tickets/effective-priority.js';
import { evaluateTicket } from '../../core/tickets/evaluate.js';
import { explainTicket } from '../../core/tickets/explain.js';
import type { Io } from '../io.js';
import { chooseReportFormat, destination, writeReport } from '../output.js';
import type { AuditFlags, Clock } from './audit.js';

/** `explain <ticket-id> --tickets …`: how one ticket's due time and verdict were reached. */
export async function explainCommand(id: string, inputs: { tickets?: string[]; uptime?: string[] }, flags: AuditFlags, io: Io, clock: Clock): Promise<number> {
  // The period and the fee play no part in one ticket's timeline (SPEC 3.12).
  const { month: _month, from: _from, to: _to, fee: _fee, annualFee: _annualFee, currency: _currency, ...own } = flags;
  const request = loadRequest({ ...own, vendorAgents: flags.vendorAgent ?? [], ...inputs }, { cwd: io.cwd, now: clock.now, stdin: io.stdin });
  const { policy, tier, asOf } = request;
  if (request.tickets.length === 0) throw new UsageError('explain needs --tickets <file…> holding the ticket (or a contract file listing them)');
  const format = chooseReportFormat(flags.format, flags.output, io, ['table', 'json']);
  const ownFiles = filesRead(request);
  destination(flags.output, io, ownFiles);
  const tickets = await readTickets(request.tickets, ticketReadOptions(request));
  if (tickets.fatal.length > 0 || (tickets.issues.length > 0 && !request.skipInvalid)) throw new InputError(request.skipInvalid ? tickets.fatal : tickets.issues);
  const ticket = tickets.tickets.find((t) => t.id === id);
  if (!ticket) throw new UsageError(`ticket "${id}" is not in ${request.tickets.map(inputName).join(', ')} (${tickets.tickets.length} tickets read) — check the id, which is matched exactly`);
  // With uptime data, association with an incident follows the outages, as in an audit (SPEC 4, websoft9).
  let associated: IncidentCheck | undefined;
  if (request.uptime.length > 0) {
    const up = await readUptime(request.uptime, uptimeReadOptions(request));
    if (up.fatal.length > 0 || (up.issues.length > 0 && !request.skipInvalid)) throw new InputError(request.skipInvalid ? up.fatal : up.issues);
    associated = incidentCheckFromOutages(up.evidence, request.services ?? undefined);
  }
  const clocks = new PolicyClocks(policy);
  let result: ReturnType<typeof evaluateTicket>;
  let timelines: ReturnType<typeof explainTicket>;
  try {
    result = evaluateTicket(ticket, { policy, clocks, tier: tier.id, asOf, ...(associated ? { associated } : {}) });
    timelines = explainTicket(result, clocks, asOf);
  } catch (err) {
    if (!(err instanceof BeyondSupportedRange)) throw err;
    // As in an audit: what the ticket is owed cannot be known, and that is its input's problem, not a crash.
    throw new InputError([{ code: 'TICKET_DUE_OUT_OF_RANGE', file: ticket.file ?? request.tickets.map(inputName).join(', '), line: ticket.line, message: `ticket ${ticket.id}: a due time falls after 2199, the last year sla-audit supports`, hint: "check its created time and the policy's targets" }]);
  }
  await writeReport(format === 'json' ? JSON.stringify(explainJson(result, timelines), null, 2) + '\n' : renderExplain(result, timelines, policy, tier.id), flags.output, io, ownFiles);
  return 0;
}
