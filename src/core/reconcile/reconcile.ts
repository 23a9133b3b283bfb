import { failureOf, openOf, ticketCredits } from '../credits/ticket-credits.js';
import type { CreditLine, OpenTicket, TicketEvidence } from '../credits/credit-line.js';
import type { SettledCredits } from '../credits/credit-history.js';
import type { Finding } from '../issues.js';
import type { Period } from '../period.js';
import { PolicyClocks } from '../policy/clocks.js';
import { isTicketModel, type Policy } from '../policy/model.js';
import type { IncidentCheck } from '../tickets/effective-priority.js';
import { evaluateTicket, type MetricResult, type TicketResult } from '../tickets/evaluate.js';
import { variantsOf } from './conventions.js';
import {
  VENDOR_METRICS,
  type CauseCount,
  type Coverage,
  type CrossCell,
  type MoneyImpact,
  type ReconcileRow,
  type Reconciliation,
  type TicketFacts,
  type Verdict,
  type VendorFigure,
} from './model.js';

export interface ReconcileInput {
  policy: Policy;
  tier: string;
  period: Period;
  asOf: number;
  feeMinor: number | null;
  currency: string;
  /** Our evaluation of the period's tickets, in input order. */
  results: readonly TicketResult[];
  /** The vendor's figures by ticket id. */
  figures: ReadonlyMap<string, readonly VendorFigure[]>;
  facts: ReadonlyMap<string, TicketFacts>;
  /** Ids of ours in other periods of the run: a vendor figure for one of them is not "only theirs". */
  elsewhere: ReadonlySet<string>;
  toleranceMs: number;
  inputZone: string | null;
  associated?: IncidentCheck;
  /**
   * The period's credits as the audit settled them (escalation, the yearly cap, expiry), and the same
   * settlement of the period with `lines` (the ticket models' lines by the vendor's verdicts) in place of ours.
   */
  settled: { ours: Settled; theirs(lines: readonly CreditLine[]): Settled };
}

/** Whole-minute rounding: a tool that counts whole minutes, or an export whose times are to the minute, is at most a minute off. */
const MINUTE = 60_000;
const SAMPLE = 5;

/**
 * Our figures against the vendor's for one period: coverage, per metric a verdict cross-tab, per
 * ticket and metric the difference, and for each difference beyond the tolerance the conventions
 * that close it, tried one at a time on a copy of the policy or the ticket (or none: unexplained).
 * Durations in ms; the tolerance is inclusive.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  const clocks = new Map<string, PolicyClocks>([['', new PolicyClocks(input.policy)]]);
  const rows: ReconcileRow[] = [];
  const ours = new Set<string>();
  const onlyOurs: string[] = [];
  let both = 0;
  for (const r of input.results) {
    ours.add(r.ticket.id);
    const figures = input.figures.get(r.ticket.id);
    if (figures === undefined) {
      if (onlyOurs.push(r.ticket.id) > SAMPLE) onlyOurs.length = SAMPLE;
      continue;
    }
    both++;
    for (const metric of VENDOR_METRICS) {
      const f = figures.find((x) => x.metric === metric);
      if (f) rows.push(compare(r, f, input, clocks));
    }
  }
  const onlyTheirs = [...input.figures.keys()].filter((id) => !ours.has(id) && !input.elsewhere.has(id));
  const coverage: Coverage = {
    both,
    onlyOurs: input.results.length - both,
    onlyTheirs: onlyTheirs.length,
    onlyOursSample: onlyOurs,
    onlyTheirsSample: onlyTheirs.slice(0, SAMPLE),
  };
  const differing = rows.filter((r) => r.status === 'differ');
  return {
    period: input.period.label,
    toleranceMs: input.toleranceMs,
    coverage,
    crossTab: crossTab(rows),
    rows,
    differences: differing.length,
    unexplained: differing.filter((r) => r.causes.length === 0).length,
    notCompared: rows.filter((r) => r.status === 'not-compared').length,
    byCause: byCause(differing),
    money: money(input, clocks.get('')!),
  };
}

/** A period's settled credits: its lines (escalated, capped, expired or not) and its total. */
type Settled = Pick<SettledCredits, 'lines' | 'total'>;

const measuredElapsed = (m: MetricResult | undefined): number | null =>
  m !== undefined && m.respondedAt !== null && m.elapsedMs !== null ? m.elapsedMs : null;

function compare(
  r: TicketResult,
  f: VendorFigure,
  input: ReconcileInput,
  clocks: Map<string, PolicyClocks>,
): ReconcileRow {
  const m = r.metrics[f.metric];
  const status = m?.status ?? 'no-target';
  const target = m?.target ?? null;
  const elapsedMs = measuredElapsed(m);
  const verdict: Verdict | null =
    f.verdict ?? (f.elapsedMs !== null && target !== null ? (f.elapsedMs <= target.ms ? 'met' : 'breached') : null);
  const differenceMs = f.elapsedMs !== null && elapsedMs !== null ? f.elapsedMs - elapsedMs : null;
  const row: ReconcileRow = {
    id: r.ticket.id,
    metric: f.metric,
    ours: { status, elapsedMs, targetMs: target?.ms ?? null, target: target?.text ?? null },
    theirs: { elapsedMs: f.elapsedMs, verdict, stated: f.verdict !== null, source: f.source },
    differenceMs,
    status: 'agree',
    causes: [],
  };
  const comparable =
    (status === 'met' || status === 'breached' || status === 'pending') && (differenceMs !== null || verdict !== null);
  if (!comparable) return { ...row, status: 'not-compared' };
  const within = differenceMs !== null && Math.abs(differenceMs) <= input.toleranceMs;
  // A verdict the vendor states is compared as stated; one derived from its figure is the figure's.
  const sameVerdict = !row.theirs.stated || verdict === status;
  if (differenceMs !== null ? within && sameVerdict : verdict === status) return row;
  row.status = 'differ';
  if (within) {
    // The same time judged otherwise: the vendor's target for this ticket is not ours.
    row.causes.push({
      code: 'RECONCILE_TARGET_DIFFERS',
      args: { target: target?.text ?? '', verdict: verdict ?? '' },
    });
    return row;
  }
  row.causes = explain(r, f, verdict, input, clocks);
  if (differenceMs !== null && Math.abs(differenceMs) <= input.toleranceMs + MINUTE)
    row.causes.push({ code: 'RECONCILE_ROUNDING', args: {} });
  return row;
}

/** Each convention whose re-evaluation brings our figure within the tolerance of theirs (or, without a figure, to their verdict). */
function explain(
  r: TicketResult,
  f: VendorFigure,
  verdict: Verdict | null,
  input: ReconcileInput,
  clocks: Map<string, PolicyClocks>,
): Finding[] {
  const target = r.metrics[f.metric]?.target;
  if (!target) return [];
  const variants = variantsOf({
    policy: input.policy,
    tier: input.tier,
    ticket: r.ticket,
    priority: r.effectivePriority,
    metric: f.metric,
    target,
    facts: input.facts.get(r.ticket.id),
    inputZone: input.inputZone,
  });
  const causes: Finding[] = [];
  for (const v of variants) {
    let c = clocks.get(v.key);
    if (c === undefined) clocks.set(v.key, (c = new PolicyClocks(v.policy)));
    let m: MetricResult | undefined;
    try {
      m = evaluateTicket(v.ticket, {
        policy: v.policy,
        clocks: c,
        tier: input.tier,
        asOf: input.asOf,
        ...(input.associated ? { associated: input.associated } : {}),
      }).metrics[f.metric];
    } catch {
      // A convention that moves a due time past the supported range explains nothing.
      continue;
    }
    const elapsed = measuredElapsed(m);
    const closes =
      f.elapsedMs !== null
        ? elapsed !== null && Math.abs(f.elapsedMs - elapsed) <= input.toleranceMs
        : m !== undefined && m.status === verdict;
    if (closes) causes.push(v.cause);
  }
  return causes;
}

function crossTab(rows: readonly ReconcileRow[]): CrossCell[] {
  const cells = new Map<string, CrossCell>();
  for (const r of rows) {
    const theirs = r.theirs.verdict ?? 'unknown';
    const key = `${r.metric} ${r.ours.status} ${theirs}`;
    const cell = cells.get(key);
    if (cell) cell.tickets++;
    else cells.set(key, { metric: r.metric, ours: r.ours.status, theirs, tickets: 1 });
  }
  return [...cells.values()];
}

/** The named cause of each difference (its first), counted, most first; unexplained ones are counted apart. */
function byCause(differing: readonly ReconcileRow[]): CauseCount[] {
  const counts = new Map<string, CauseCount>();
  for (const r of differing) {
    const cause = r.causes[0];
    if (cause === undefined) continue;
    const key = JSON.stringify([cause.code, cause.args]);
    const c = counts.get(key);
    if (c) c.differences++;
    else counts.set(key, { cause, differences: 1 });
  }
  return [...counts.values()].sort((a, b) => b.differences - a.differences);
}

/**
 * The period's credits by our verdicts — the audit's own settled figures, availability lines included — and by
 * the vendor's: each metric it judges takes its verdict, the others keep ours, and the ticket lines so made go
 * through the same settlement (escalation, the yearly cap, expiry), else the two would differ by rules the
 * vendor does not dispute. A line neither side has decided (a ticket pending or not measured, a credit the
 * yearly cap may cut) is counted apart: a total of 0 with lines undecided is not "nothing owed".
 */
function money(input: ReconcileInput, clocks: PolicyClocks): MoneyImpact {
  const { policy, period, feeMinor } = input;
  const models = policy.credits.models.filter(isTicketModel);
  const failures = new Map<string, TicketEvidence[]>(models.map((m) => [m.id, []]));
  const open = new Map<string, OpenTicket[]>(models.map((m) => [m.id, []]));
  for (const r of input.results) {
    const judged = theirResult(r, input.figures.get(r.ticket.id), clocks);
    for (const model of models) {
      if (model.priorities !== null && !model.priorities.includes(r.effectivePriority)) continue;
      // As the audit collects them (core/audit.ts): a failure, else a metric still open that may yet owe. The
      // overall status is ours, not theirs: openOf reads the metrics themselves.
      const f = failureOf(judged, model.metrics);
      if (f) failures.get(model.id)!.push(f);
      else {
        const o = openOf(judged, model.metrics);
        if (o) open.get(model.id)!.push(o);
      }
    }
  }
  const ours = input.settled.ours;
  const theirs = input.settled.theirs(ticketCredits(failures, policy.credits, period, feeMinor, open));
  // Undecided and not expired: an expired line is owed by neither reading (the total says what it came to).
  const undecided = (s: Settled) => s.lines.filter((l) => l.eligible === null && l.expired !== true).length;
  return {
    ours: ours.total,
    theirs: theirs.total,
    undecidedLines: { ours: undecided(ours), theirs: undecided(theirs) },
    currency: input.currency,
  };
}

/** Our result with the vendor's verdicts in place of ours, where it gives one and we have a clock to hold it to. */
function theirResult(
  r: TicketResult,
  figures: readonly VendorFigure[] | undefined,
  clocks: PolicyClocks,
): TicketResult {
  if (figures === undefined) return r;
  const metrics = { ...r.metrics };
  for (const f of figures) {
    const m = metrics[f.metric];
    if (m === undefined || m.target === null) continue;
    const verdict = f.verdict ?? (f.elapsedMs !== null ? (f.elapsedMs <= m.target.ms ? 'met' : 'breached') : null);
    if (verdict === null) continue;
    // A breach needs a due instant for its evidence: where we measured none, the target's from creation on its calendar.
    const dueAt = m.dueAt ?? clocks.dueAt(r.ticket.createdAt, m.target);
    metrics[f.metric] = { ...m, status: verdict, dueAt };
  }
  return { ...r, metrics };
}
