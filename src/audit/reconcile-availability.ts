import { inputName } from '../adapters/ingest/records.js';
import type { ServiceEvidence } from '../core/availability/evidence.js';
import { InputError, UsageError } from '../core/issues.js';
import { reconcileAvailability } from '../core/reconcile/availability.js';
import type { AvailabilityReconciliation, StatementFigure } from '../core/reconcile/availability-model.js';
import type { AuditReport } from '../core/report.js';
import type { AuditRequest } from './request.js';
import { runAudit } from './run-audit.js';

const SAMPLE = 5;

/**
 * The audit of the uptime logs, then our downtime against the vendor's availability statement, per
 * period and service: the evidence the audit read is kept from its run (the logs are read once) and
 * the rows are recomputed from it with one rule of the downtime definition lifted at a time. The
 * tickets are not this reconciliation's: they are not read. A statement that names none of our
 * services in any audited period is an input error naming both sides.
 */
export async function reconcileStatement(
  request: AuditRequest,
  vendor: string,
  statement: readonly StatementFigure[],
  toleranceMs: number,
): Promise<{ reports: AuditReport[]; availability: AvailabilityReconciliation }> {
  if (request.uptime.length === 0)
    throw new UsageError(
      `${vendor} is an availability statement: give the uptime logs to reconcile it with (--uptime <file…>, or inputs: in the contract)`,
    );
  let evidence: readonly ServiceEvidence[] = [];
  const reports = await runAudit(
    { ...request, tickets: [] },
    {
      // The run reads no tickets: nothing arrives here.
      ticket: () => undefined,
      evidence: (e) => {
        evidence = e;
      },
    },
  );
  const audited = reports.map((r) => ({
    input: {
      policy: request.policy,
      tier: request.tier,
      period: r.period,
      evidence,
      feeMinor: request.feeMinor,
      history: request.history,
      ...(request.services ? { services: request.services } : {}),
      ...(request.serviceDefs ? { serviceDefs: request.serviceDefs } : {}),
    },
    rows: r.availability,
  }));
  const availability = reconcileAvailability(audited, statement, toleranceMs);
  if (availability.coverage.both === 0)
    throw new InputError([
      {
        code: 'RECONCILE_NO_SHARED_SERVICES',
        file: vendor,
        args: {
          ours: request.uptime.map(inputName).join(', '),
          theirs: vendor,
          ourServices: [...new Set(reports.flatMap((r) => r.availability.map((a) => a.service)))].slice(0, SAMPLE),
          theirServices: [...new Set(statement.map((f) => `${f.service} ${f.period}`))].slice(0, SAMPLE),
          periods: reports.map((r) => r.period.label),
        },
        hint: 'check that the statement is of the audited months and names the services as the logs (or the contract) do',
      },
    ]);
  return { reports, availability };
}
