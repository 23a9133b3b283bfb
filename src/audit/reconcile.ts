import { inputName } from '../adapters/ingest/records.js';
import { readVendorFile, type VendorFigures } from '../adapters/ingest/vendor-figures-csv.js';
import { reportedFigures } from '../adapters/ingest/vendor-figures-reported.js';
import type { CreditLine } from '../core/credits/credit-line.js';
import type { PeriodCredits } from '../core/credits/credit-history.js';
import { InputError, UsageError } from '../core/issues.js';
import { isTicketModel } from '../core/policy/model.js';
import type { AvailabilityReconciliation } from '../core/reconcile/availability-model.js';
import type { TicketFacts, Reconciliation, VendorFigure } from '../core/reconcile/model.js';
import { reconcile } from '../core/reconcile/reconcile.js';
import type { AuditReport } from '../core/report.js';
import { reconcileStatement } from './reconcile-availability.js';
import type { AuditRequest } from './request.js';
import { runAudit, settleRun } from './run-audit.js';

export interface ReconcileOptions {
  /** The vendor's own file (a Zendesk export, a ServiceNow task_sla list, an availability statement); null: the figures the ticket export carries. */
  vendor: string | null;
  /** A difference up to this (ms, inclusive) is agreement. */
  toleranceMs: number;
}

export interface ReconcileRun {
  reports: AuditReport[];
  /** The tickets' side, one per period, in order; none for an availability statement. */
  reconciliations: Reconciliation[];
  /** Our downtime against the vendor's availability statement; null when the vendor's figures are of tickets. */
  availability: AvailabilityReconciliation | null;
  /** Where the vendor's figures came from: the file and its format, or the ticket export's own columns. */
  vendor: { file: string; format: string };
}

const SAMPLE = 5;

/**
 * The audit, then our figures against the vendor's, per period: an availability statement given as
 * `--vendor` against the uptime logs (reconcile-availability.ts); else ticket figures read from
 * `--vendor`, or from the ticket export itself — a vendor export the ticket file is (Zendesk's UI export, with its business-hours
 * figures), or the `vendorReported` columns its preset reads. A vendor file that names none of our
 * tickets is an input error naming both files and ids of each: a reconciliation of nothing is no result.
 */
export async function runReconcile(request: AuditRequest, options: ReconcileOptions): Promise<ReconcileRun> {
  const zone = request.inputTz ?? request.mapping?.zone ?? null;
  let read: VendorFigures | null = null;
  if (options.vendor !== null) {
    const vendor = await readVendorFile(options.vendor, request.cwd, zone);
    if (vendor.kind === 'availability') {
      const run = await reconcileStatement(request, options.vendor, vendor.statement, options.toleranceMs);
      return { ...run, reconciliations: [], vendor: { file: options.vendor, format: 'availability statement' } };
    }
    read = vendor.figures;
  }
  if (request.tickets.length === 0)
    throw new UsageError(
      "reconcile needs --tickets <file…> (or a contract listing them under inputs:), or --uptime with the vendor's availability statement as --vendor",
    );
  let credits: readonly PeriodCredits[] = [];
  const reports = await runAudit(request, {
    credits: (c) => {
      credits = c;
    },
  });
  const ourFile = request.tickets.map(inputName).join(', ');
  if (options.vendor === null) {
    const first = request.tickets[0];
    if (request.tickets.length === 1 && typeof first === 'string') read = await ownFigures(first, request.cwd, zone);
  }
  let figures: VendorFigure[];
  let vendorIds: string[];
  if (read !== null) {
    figures = read.figures;
    vendorIds = read.ids;
  } else {
    const tickets = reports.flatMap((r) => r.tickets.map((t) => t.ticket));
    const reported = reportedFigures(tickets);
    if (reported.issues.length > 0) throw new InputError(reported.issues);
    figures = reported.figures;
    vendorIds = figures.map((f) => f.id);
  }
  const vendorFile = options.vendor ?? ourFile;
  const byId = new Map<string, VendorFigure[]>();
  for (const f of figures) {
    const list = byId.get(f.id);
    if (list) list.push(f);
    else byId.set(f.id, [f]);
  }
  const ours = reports.map((r) => new Set(r.tickets.map((t) => t.ticket.id)));
  // Figures read from the ticket export itself are of our own tickets: those created outside the periods are
  // outside the reconciliation, as they are outside the audit — not tickets "only the vendor" has.
  if (options.vendor === null) for (const id of [...byId.keys()]) if (!ours.some((s) => s.has(id))) byId.delete(id);
  if (options.vendor !== null && !vendorIds.some((id) => ours.some((s) => s.has(id))))
    throw new InputError([
      {
        code: 'RECONCILE_NO_SHARED_IDS',
        file: options.vendor,
        args: {
          ours: ourFile,
          theirs: options.vendor,
          ourIds: reports.flatMap((r) => r.tickets.slice(0, SAMPLE).map((t) => t.ticket.id)).slice(0, SAMPLE),
          theirIds: vendorIds.slice(0, SAMPLE),
          periods: reports.map((r) => r.period.label),
        },
        hint: 'check that both files are of the same helpdesk and period, and that the ids are written alike',
      },
    ]);
  const facts: ReadonlyMap<string, TicketFacts> = read?.facts ?? new Map();
  const theirs = theirSettlement(request, credits, reports.length);
  const reconciliations = reports.map((report, i) =>
    reconcile({
      policy: report.policy,
      tier: report.tier.id,
      period: report.period,
      asOf: report.asOf,
      feeMinor: report.feeMinor,
      currency: report.currency,
      results: report.tickets,
      figures: byId,
      facts,
      elsewhere: new Set(ours.flatMap((s, j) => (j === i ? [] : [...s]))),
      toleranceMs: options.toleranceMs,
      inputZone: zone,
      settled: { ours: { lines: report.credits, total: report.creditTotal }, theirs: theirs(i) },
    }),
  );
  return {
    reports,
    reconciliations,
    availability: null,
    vendor: { file: vendorFile, format: read?.format ?? 'export columns' },
  };
}

/**
 * The settlement of the vendor's verdicts: the audit's own (settleRun), over the same periods, with the ticket
 * models' lines of each reported period up to `i` by their verdicts. The earlier periods escalation and the
 * yearly cap read are not reconciled (the vendor's figures are matched to the reported periods only) and stay
 * as the audit found them; availability lines are not the vendor's tickets' and stay ours. Periods are
 * reconciled in order, so period i settles on the vendor's readings of the reported periods before it.
 */
function theirSettlement(request: AuditRequest, credits: readonly PeriodCredits[], reported: number) {
  const lookback = credits.length - reported;
  const periods = [...credits];
  const ticketModels = new Set(request.policy.credits.models.filter(isTicketModel).map((m) => m.id));
  return (i: number) => (lines: readonly CreditLine[]) => {
    const p = periods[lookback + i]!;
    // The audit's order: ticket lines first, then availability's.
    periods[lookback + i] = { ...p, lines: [...lines, ...p.lines.filter((l) => !ticketModels.has(l.rule))] };
    return settleRun(request, periods.slice(0, lookback + i + 1))[lookback + i]!;
  };
}

/** The ticket export read as the vendor's own when it is one (Zendesk's UI export); null when its format is none of those. */
async function ownFigures(file: string, cwd: string, zone: string | null): Promise<VendorFigures | null> {
  try {
    const own = await readVendorFile(file, cwd, zone);
    return own.kind === 'tickets' ? own.figures : null;
  } catch (err) {
    if (err instanceof InputError && err.issues.every((i) => i.code === 'RECONCILE_VENDOR_FORMAT_UNKNOWN')) return null;
    throw err;
  }
}
