import { printable, type Finding } from '../../core/issues.js';
import { decimalAmount } from '../../core/money.js';
import type { AvailabilityReconciliation, RuleEffect } from '../../core/reconcile/availability-model.js';
import type { ReconcileRow, Reconciliation } from '../../core/reconcile/model.js';
import { csvTable, type Cell } from './csv.js';
import { findingText } from './wording.js';

/** What a reconciliation was made of: the policy and tier, and where the vendor's figures came from. */
export interface ReconcileHead {
  policy: string;
  tier: string;
  asOf: string;
  vendor: { file: string; format: string };
}

/** Whole seconds toward zero: a difference of −90.5 s is −90, as a duration of 90.5 s is 90. */
const secondsOf = (ms: number | null): number | null => (ms === null ? null : Math.trunc(ms / 1000));

const finding = (f: Finding) => ({ code: f.code, args: f.args, text: findingText(f.code, f.args) });

function rowJson(r: ReconcileRow) {
  return {
    id: r.id,
    metric: r.metric,
    status: r.status,
    ours: { status: r.ours.status, elapsedSeconds: secondsOf(r.ours.elapsedMs), target: r.ours.target },
    theirs: {
      elapsedSeconds: secondsOf(r.theirs.elapsedMs),
      verdict: r.theirs.verdict,
      verdictStated: r.theirs.stated,
      source: r.theirs.source,
    },
    differenceSeconds: secondsOf(r.differenceMs),
    cause:
      r.status === 'differ'
        ? r.causes[0]
          ? finding(r.causes[0])
          : finding({ code: 'RECONCILE_UNEXPLAINED', args: {} })
        : null,
    alsoCloses: r.causes.slice(1).map(finding),
  };
}

/**
 * The reconciliation as JSON: durations in whole seconds (an availability statement's to the millisecond,
 * as seconds with decimals), money in decimal amounts, causes as {code, args} with their sentence.
 */
export function reconcileJson(
  head: ReconcileHead,
  recs: readonly Reconciliation[],
  availability: AvailabilityReconciliation | null,
): string {
  const periods = recs.map((r) => ({
    period: r.period,
    toleranceSeconds: secondsOf(r.toleranceMs),
    coverage: r.coverage,
    crossTab: r.crossTab,
    summary: {
      compared: r.rows.length - r.notCompared,
      differences: r.differences,
      unexplained: r.unexplained,
      notCompared: r.notCompared,
      byCause: r.byCause.map((c) => ({ ...finding(c.cause), differences: c.differences })),
    },
    money: {
      currency: r.money.currency,
      ours: {
        percent: r.money.ours.percent,
        amount: decimalAmount(r.money.ours.amountMinor, r.money.currency),
        undecidedLines: r.money.undecidedLines.ours,
      },
      theirs: {
        percent: r.money.theirs.percent,
        amount: decimalAmount(r.money.theirs.amountMinor, r.money.currency),
        undecidedLines: r.money.undecidedLines.theirs,
      },
    },
    rows: r.rows.map(rowJson),
  }));
  const doc = {
    schemaVersion: 1,
    kind: 'reconciliation',
    ...head,
    periods,
    ...(availability ? { availability: availabilityJson(availability) } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const CSV_HEAD = [
  'period',
  'ticket',
  'metric',
  'status',
  'our_status',
  'our_seconds',
  'their_verdict',
  'their_verdict_stated',
  'their_seconds',
  'difference_seconds',
  'cause_code',
  'cause',
  'source',
];

/** One row per ticket and metric the vendor gave a figure for: what a spreadsheet filters by cause. */
export function reconcileCsv(recs: readonly Reconciliation[]): string {
  const rows: Cell[][] = [];
  for (const rec of recs)
    for (const r of rec.rows) {
      const cause = r.causes[0];
      rows.push([
        rec.period,
        r.id,
        r.metric,
        r.status,
        r.ours.status,
        secondsOf(r.ours.elapsedMs),
        r.theirs.verdict,
        r.theirs.stated,
        secondsOf(r.theirs.elapsedMs),
        secondsOf(r.differenceMs),
        r.status !== 'differ' ? null : (cause?.code ?? 'RECONCILE_UNEXPLAINED'),
        r.status !== 'differ' ? null : cause ? printable(findingText(cause.code, cause.args), 500) : 'unexplained',
        r.theirs.source,
      ]);
    }
  return csvTable(CSV_HEAD, rows);
}

/** Milliseconds as seconds, to the millisecond: a statement's 12.5 minutes is 750 s, 1.5 s stays 1.5. */
const exactSeconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

const effectJson = (e: RuleEffect) => ({
  rule: e.rule,
  removedSeconds: exactSeconds(e.removedMs),
  ...finding(e.finding),
});

function availabilityJson(a: AvailabilityReconciliation) {
  return {
    toleranceSeconds: exactSeconds(a.toleranceMs),
    coverage: a.coverage,
    summary: {
      compared: a.rows.length - a.notCompared - a.oursIncomplete,
      differences: a.differences,
      unexplained: a.unexplained,
      notCompared: a.notCompared,
      oursIncomplete: a.oursIncomplete,
      byCause: a.byCause.map((c) => ({ ...finding(c.cause), differences: c.differences })),
    },
    rows: a.rows.map((r) => ({
      period: r.period,
      service: r.service,
      status: r.status,
      ours: {
        downtimeSeconds: exactSeconds(r.ours.downtimeMs),
        eligibleSeconds: exactSeconds(r.ours.eligibleMs),
        availabilityPercent: r.ours.availabilityPercent,
        coveragePercent: r.ours.coveragePercent,
        coverageShort: r.ours.coverageShort,
        undecidedSeconds: exactSeconds(r.ours.undecidedMs),
      },
      theirs: {
        unit: r.theirs.unit,
        downtimeSeconds: exactSeconds(r.theirs.downtimeMs),
        availabilityPercent: r.theirs.percentMicros === null ? null : r.theirs.percentMicros / 1_000_000,
        source: r.theirs.source,
      },
      differenceSeconds: exactSeconds(r.differenceMs),
      rules: r.rules.map(effectJson),
      cause:
        r.status === 'differ'
          ? r.causes[0]
            ? effectJson(r.causes[0])
            : finding({ code: 'RECONCILE_UNEXPLAINED', args: {} })
          : null,
      alsoCloses: r.causes.slice(1).map(effectJson),
      // Why our figure is undecided though the logs cover enough: our least and most downtime.
      undecided: r.undecided ? finding(r.undecided) : null,
    })),
  };
}

const AVAILABILITY_CSV_HEAD = [
  'period',
  'service',
  'status',
  'our_downtime_seconds',
  'our_availability_percent',
  'their_unit',
  'their_downtime_seconds',
  'their_availability_percent',
  'difference_seconds',
  'maintenance_seconds',
  'minimum_outage_seconds',
  'zones_seconds',
  'buckets_seconds',
  'no_data_seconds',
  'cause_code',
  'cause',
  'source',
  // Last, so the columns before keep their places: below the minimum, ours is a lower bound (ours-incomplete).
  'our_coverage_percent',
  // Then the downtime our evidence leaves open beyond ours (ours-incomplete with enough coverage): ours is a range.
  'our_undecided_seconds',
];

/** One row per service and period the statement gives: each rule's minutes in a column of its own, for a spreadsheet. */
export function availabilityCsv(a: AvailabilityReconciliation): string {
  const rows: Cell[][] = a.rows.map((r) => {
    const removed = (rule: RuleEffect['rule']) => exactSeconds(r.rules.find((e) => e.rule === rule)?.removedMs ?? null);
    const cause = r.causes[0];
    return [
      r.period,
      r.service,
      r.status,
      exactSeconds(r.ours.downtimeMs),
      r.ours.availabilityPercent,
      r.theirs.unit,
      exactSeconds(r.theirs.downtimeMs),
      r.theirs.percentMicros === null ? null : r.theirs.percentMicros / 1_000_000,
      exactSeconds(r.differenceMs),
      removed('maintenance'),
      removed('minimumOutage'),
      removed('zones'),
      removed('buckets'),
      removed('noData'),
      r.status !== 'differ' ? null : (cause?.finding.code ?? 'RECONCILE_UNEXPLAINED'),
      r.status !== 'differ'
        ? null
        : cause
          ? printable(findingText(cause.finding.code, cause.finding.args), 500)
          : 'unexplained',
      r.theirs.source,
      r.ours.coveragePercent,
      exactSeconds(r.ours.undecidedMs),
    ];
  });
  return csvTable(AVAILABILITY_CSV_HEAD, rows);
}
