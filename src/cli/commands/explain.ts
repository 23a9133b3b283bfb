import { readTickets } from '../../adapters/ingest/read-tickets.js';
import { readUptime } from '../../adapters/ingest/read-uptime.js';
import { incidentCheckFromOutages } from '../../core/availability/audit-availability.js';
import type { IncidentCheck } from '../../core/tickets/effective-priority.js';
import { explainJson, renderExplain } from '../../adapters/render/explain-render.js';
import { InputError, UsageError } from '../../core/issues.js';
import { PolicyClocks } from '../../core/policy/clocks.js';
import { evaluateTicket } from '../../core/tickets/evaluate.js';
import { explainTicket } from '../../core/tickets/explain.js';
import type { Io } from '../io.js';
import { resolveSettings, type AuditFlags } from '../options.js';
import { ticketReadOptions, uptimeReadOptions } from '../settings.js';
import { chooseReportFormat, writeReport } from '../output.js';
import type { Clock } from './audit.js';

/** `explain <ticket-id> --tickets …`: how one ticket's due time and verdict were reached. */
export async function explainCommand(id: string, files: string[], uptime: string[], flags: AuditFlags, io: Io, clock: Clock): Promise<number> {
  const s = resolveSettings(flags, clock.now, io.cwd);
  if (files.length === 0 && s.contract) files = [...s.contract.tickets];
  if (uptime.length === 0 && s.contract) uptime = [...s.contract.uptime];
  if (files.length === 0) throw new UsageError('explain needs --tickets <file…> holding the ticket (or a contract file listing them)');
  const format = chooseReportFormat(flags.format, flags.output, io, ['table', 'json']);
  const read = await readTickets(files, ticketReadOptions(s, flags.skipInvalid === true));
  if (read.issues.length > 0 && !flags.skipInvalid) throw new InputError(read.issues);
  const ticket = read.tickets.find((t) => t.id === id);
  if (!ticket) throw new UsageError(`ticket "${id}" is not in ${files.join(', ')} (${read.tickets.length} tickets read) — check the id, which is matched exactly`);
  // With uptime data, association with an incident follows the outages, as in an audit (SPEC 4, websoft9).
  let associated: IncidentCheck | undefined;
  if (uptime.length > 0) {
    const up = await readUptime(uptime, uptimeReadOptions(s, flags.skipInvalid === true));
    if (up.issues.length > 0 && !flags.skipInvalid) throw new InputError(up.issues);
    associated = incidentCheckFromOutages(up.evidence, s.services ?? undefined);
  }
  const clocks = new PolicyClocks(s.policy);
  const result = evaluateTicket(ticket, { policy: s.policy, clocks, tier: s.tier.id, asOf: s.asOf, ...(associated ? { associated } : {}) });
  const timelines = explainTicket(result, clocks, s.asOf);
  const text = format === 'json' ? JSON.stringify(explainJson(result, timelines), null, 2) + '\n' : renderExplain(result, timelines, s.policy, s.tier.id);
  writeReport(text, flags.output, io);
  return 0;
}
