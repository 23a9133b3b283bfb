import { explainTicket } from '../../audit/explain.js';
import { filesRead, loadRequest } from '../../audit/request.js';
import { explainJson, renderExplain } from '../../adapters/render/explain-render.js';
import { UsageError } from '../../core/issues.js';
import type { Io } from '../io.js';
import { chooseReportFormat, destination, writeReport } from '../output.js';
import type { AuditFlags, Clock } from './audit.js';

/** `explain <ticket-id> --tickets …`: how one ticket's due time and verdict were reached. */
export async function explainCommand(
  id: string,
  inputs: { tickets?: string[]; uptime?: string[] },
  flags: AuditFlags,
  io: Io,
  clock: Clock,
): Promise<number> {
  // The period and the fee play no part in one ticket's timeline (SPEC 3.12).
  const { month: _month, from: _from, to: _to, fee: _fee, annualFee: _annualFee, currency: _currency, ...own } = flags;
  const request = loadRequest(
    { ...own, vendorAgents: flags.vendorAgent ?? [], ...inputs },
    { cwd: io.cwd, now: clock.now, stdin: io.stdin },
  );
  if (request.tickets.length === 0)
    throw new UsageError('explain needs --tickets <file…> holding the ticket (or a contract file listing them)');
  const format = chooseReportFormat(flags.format, flags.output, io, ['table', 'json']);
  const ownFiles = filesRead(request);
  destination(flags.output, io, ownFiles);
  const { result, timelines } = await explainTicket(request, id);
  await writeReport(
    format === 'json'
      ? JSON.stringify(explainJson(result, timelines), null, 2) + '\n'
      : renderExplain(result, timelines, request.policy, request.tier.id),
    flags.output,
    io,
    ownFiles,
  );
  return 0;
}
