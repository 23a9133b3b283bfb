import { auditAvailability, type AvailabilityAuditInput } from '../availability/audit-availability.js';
import type { AvailabilityRow, NoDataHandling } from '../availability/availability.js';
import type { DowntimeDefinition } from '../availability/downtime.js';
import type { Finding } from '../issues.js';
import { total, union } from '../time/spans.js';
import type {
  AvailabilityReconcileRow,
  AvailabilityReconciliation,
  AvailabilityRule,
  RuleEffect,
  StatementFigure,
} from './availability-model.js';
import type { CauseCount } from './model.js';

/** One period as the audit saw it: the input its availability was computed from, and the rows it gave. */
export interface AuditedPeriod {
  input: AvailabilityAuditInput;
  rows: readonly AvailabilityRow[];
}

/** A rule of the downtime definition, lifted on a copy of the audit's input; null where the input has no such rule. */
interface Lift {
  rule: AvailabilityRule;
  lift(input: AvailabilityAuditInput): { input: AvailabilityAuditInput; finding: Finding } | null;
}

const SAMPLE = 5;
const HUNDRED_PERCENT = 100_000_000n;

/** Every downtime definition in force: the policy's, and each contract service's own. */
function definitions(input: AvailabilityAuditInput): DowntimeDefinition[] {
  const own = (input.serviceDefs ?? []).flatMap((d) => (d.downtime ? [d.downtime] : []));
  return [input.policy.availability.downtime, ...own];
}

/** The input with `change` made to every downtime definition in force. */
function withDefinition(
  input: AvailabilityAuditInput,
  change: (d: DowntimeDefinition) => DowntimeDefinition,
): AvailabilityAuditInput {
  const { policy } = input;
  return {
    ...input,
    policy: { ...policy, availability: { ...policy.availability, downtime: change(policy.availability.downtime) } },
    ...(input.serviceDefs
      ? { serviceDefs: input.serviceDefs.map((d) => (d.downtime ? { ...d, downtime: change(d.downtime) } : d)) }
      : {}),
  };
}

/** The first value a definition in force sets, for the wording (services may refine the policy's). */
const firstSet = <T>(input: AvailabilityAuditInput, get: (d: DowntimeDefinition) => T | null): T | null =>
  definitions(input)
    .map(get)
    .find((v) => v !== null) ?? null;

const LIFTS: readonly Lift[] = [
  {
    rule: 'maintenance',
    // Maintenance no longer set apart: an outage inside a window or a logged maintenance counts; the window itself is no outage.
    lift: (input) => {
      const { policy } = input;
      if (policy.availability.maintenance.length === 0 && input.evidence.every((e) => e.maintenance.length === 0))
        return null;
      return {
        input: {
          ...input,
          policy: { ...policy, availability: { ...policy.availability, maintenance: [] } },
          evidence: input.evidence.map((e) => ({ ...e, maintenance: [] })),
        },
        finding: { code: 'RECONCILE_RULE_MAINTENANCE', args: {} },
      };
    },
  },
  {
    rule: 'minimumOutage',
    lift: (input) => {
      const ms = firstSet(input, (d) => d.minimumOutageMs);
      if (ms === null) return null;
      return {
        input: withDefinition(input, (d) => ({ ...d, minimumOutageMs: null })),
        finding: { code: 'RECONCILE_RULE_MINIMUM_OUTAGE', args: { minimumSeconds: ms / 1000 } },
      };
    },
  },
  {
    rule: 'zones',
    lift: (input) => {
      const k = firstSet(input, (d) => (d.servicesDown > 1 ? d.servicesDown : null));
      if (k === null) return null;
      return {
        input: withDefinition(input, (d) => ({ ...d, servicesDown: 1 })),
        finding: { code: 'RECONCILE_RULE_ZONES', args: { servicesDown: k } },
      };
    },
  },
  {
    rule: 'buckets',
    lift: (input) => {
      const ms = firstSet(input, (d) => d.bucketMs);
      if (ms === null) return null;
      return {
        // Without buckets there is no bucket rule (as refineDowntime drops it).
        input: withDefinition(input, (d) => ({ ...d, bucketMs: null, bucketDown: 'any' })),
        finding: { code: 'RECONCILE_RULE_BUCKETS', args: { bucketSeconds: ms / 1000 } },
      };
    },
  },
  {
    rule: 'noData',
    // Time without data counted as down where ours is not, else excluded: the two readings a statement may take.
    lift: (input) => {
      const { policy } = input;
      const ours = policy.availability.noData;
      const theirs = ours === 'down' ? 'exclude' : 'down';
      return {
        input: { ...input, policy: { ...policy, availability: { ...policy.availability, noData: theirs } } },
        finding: { code: 'RECONCILE_RULE_NO_DATA', args: { ours, theirs } },
      };
    },
  },
];

/**
 * Our downtime against the vendor's statement, per period and service (`all` too): the difference,
 * and each rule of the downtime definition (maintenance, minimum outage, zones, buckets, no data)
 * lifted alone on a copy of the audit's input, giving the minutes it removed on our side; the rules
 * whose minutes close the difference within the tolerance (inclusive, ms) are its causes, or none
 * (unexplained). A statement's percentage is the downtime it means over the eligible time of the
 * reading it is compared with. Statement lines of a service or period we did not audit are only theirs.
 */
export function reconcileAvailability(
  audited: readonly AuditedPeriod[],
  statement: readonly StatementFigure[],
  toleranceMs: number,
): AvailabilityReconciliation {
  const figures = new Map<string, StatementFigure>();
  const stated = new Set<string>();
  for (const f of statement) {
    figures.set(key(f.period, f.service), f);
    stated.add(f.period);
  }
  const rows: AvailabilityReconcileRow[] = [];
  const matched = new Set<string>();
  const onlyOurs: string[] = [];
  let ourCount = 0;
  for (const period of audited) {
    const label = period.input.period.label;
    const lifted: Array<{ rule: AvailabilityRule; finding: Finding; rows: Map<string, AvailabilityRow> }> = [];
    // A period the statement does not speak of is not recomputed: its rows are only ours.
    for (const l of stated.has(label) ? LIFTS : []) {
      const done = l.lift(period.input);
      if (done)
        lifted.push({ rule: l.rule, finding: done.finding, rows: byService(auditAvailability(done.input).rows) });
    }
    for (const ours of byService(period.rows).values()) {
      ourCount++;
      const f = figures.get(key(label, ours.service));
      if (f === undefined) {
        if (onlyOurs.length < SAMPLE) onlyOurs.push(`${ours.service} ${label}`);
        continue;
      }
      matched.add(key(label, ours.service));
      rows.push(compare(label, ours, f, lifted, toleranceMs, period.input.policy.availability.noData));
    }
  }
  const onlyTheirs = statement.filter((f) => !matched.has(key(f.period, f.service)));
  const differing = rows.filter((r) => r.status === 'differ');
  return {
    toleranceMs,
    coverage: {
      both: matched.size,
      onlyOurs: ourCount - matched.size,
      onlyTheirs: onlyTheirs.length,
      onlyOursSample: onlyOurs,
      onlyTheirsSample: onlyTheirs.slice(0, SAMPLE).map((f) => `${f.service} ${f.period}`),
    },
    rows,
    differences: differing.length,
    unexplained: differing.filter((r) => r.causes.length === 0).length,
    notCompared: rows.filter((r) => r.status === 'not-compared').length,
    oursIncomplete: rows.filter((r) => r.status === 'ours-incomplete').length,
    byCause: byCause(differing),
  };
}

// A service and a period, as one Map key: a service name may hold any text but no NUL.
const key = (period: string, service: string) => `${period}\u0000${service}`;

/** Rows by service, the first of a name kept (a log service that is a component of two contract services is one row). */
function byService(rows: readonly AvailabilityRow[]): Map<string, AvailabilityRow> {
  const out = new Map<string, AvailabilityRow>();
  for (const r of rows) if (!out.has(r.service)) out.set(r.service, r);
  return out;
}

/** The downtime a percentage means over `eligibleMs`, in ms, half up: exact in integers. */
function impliedMs(eligibleMs: number, percentMicros: number): number {
  const down = BigInt(eligibleMs) * (HUNDRED_PERCENT - BigInt(percentMicros));
  return Number((down * 2n + HUNDRED_PERCENT) / (2n * HUNDRED_PERCENT));
}

/** The vendor's downtime read against one of our rows: as stated, or its percentage over the row's eligible time. */
function theirsAgainst(f: StatementFigure, row: AvailabilityRow): number | null {
  if (f.downtimeMs !== null) return f.downtimeMs;
  return row.eligibleMs > 0 ? impliedMs(row.eligibleMs, f.percentMicros!) : null;
}

/**
 * The downtime our evidence leaves open beyond the counted (ms): outages interrupted by no data that may reach
 * the minimum outage, daily totals' minutes that may fall in the period — the row's downtime lies between its
 * downtimeMs and this more. A row whose verdict is open with no such span (none is known) is open without bound.
 */
function openDowntime(row: AvailabilityRow, noData: NoDataHandling): { ms: number; bounded: boolean } | null {
  // A contract that counts no data as down or up has decided what an outage across it is (as the row's verdict does).
  const across = noData === 'exclude' ? (row.undecided ?? []) : [];
  const ms = total(union(row.downtime, across, row.dailyUndecided ?? [])) - row.downtimeMs;
  if (ms > 0) return { ms, bounded: true };
  return row.met === null && row.targetPercent !== null && row.eligibleMs > 0 ? { ms: 0, bounded: false } : null;
}

function compare(
  period: string,
  ours: AvailabilityRow,
  f: StatementFigure,
  lifted: ReadonlyArray<{ rule: AvailabilityRule; finding: Finding; rows: Map<string, AvailabilityRow> }>,
  toleranceMs: number,
  noData: NoDataHandling,
): AvailabilityReconcileRow {
  const theirs = theirsAgainst(f, ours);
  const row: AvailabilityReconcileRow = {
    period,
    service: ours.service,
    ours: {
      downtimeMs: ours.downtimeMs,
      eligibleMs: ours.eligibleMs,
      availabilityPercent: ours.availabilityPercent,
      coveragePercent: ours.coveragePercent,
      coverageShort: ours.coverageShort,
      undecidedMs: 0,
    },
    theirs: { unit: f.unit, downtimeMs: theirs, percentMicros: f.percentMicros, source: f.source },
    differenceMs: null,
    status: 'not-compared',
    rules: [],
    causes: [],
  };
  // Logs silent on the service all period: our zero minutes would be no measure at all.
  if (ours.coveredMs === 0 || theirs === null) return row;
  row.differenceMs = theirs - ours.downtimeMs;
  for (const l of lifted) {
    const other = l.rows.get(ours.service);
    // A rule that moves no minute here may still move the eligible time a percentage is read over.
    if (other === undefined || (other.downtimeMs === ours.downtimeMs && other.eligibleMs === ours.eligibleMs)) continue;
    const effect: RuleEffect = { rule: l.rule, removedMs: other.downtimeMs - ours.downtimeMs, finding: l.finding };
    row.rules.push(effect);
    const against = theirsAgainst(f, other);
    if (against !== null && Math.abs(against - other.downtimeMs) <= toleranceMs) row.causes.push(effect);
  }
  // Below the minimum coverage our downtime is what the logs saw, the least there was: the vendor's
  // figure at or above it may be right (the silence may hold the rest), so equal is not "agree" and more
  // is no proved difference. Less than our logs saw is one all the same.
  const open = ours.coverageShort ? null : openDowntime(ours, noData);
  if (open) row.ours.undecidedMs = open.ms;
  if (ours.coverageShort && row.differenceMs >= -toleranceMs) {
    row.status = 'ours-incomplete';
    row.causes = [];
  } else if (open && within(f, ours, theirs, open, toleranceMs)) {
    // Our downtime is not one figure but a range (the verdict itself may be open): a vendor figure inside it may be
    // right, so it neither agrees nor is shown to differ. Outside the range, the difference is proved all the same.
    row.status = 'ours-incomplete';
    row.causes = [];
    row.undecided = {
      code: 'RECONCILE_OURS_UNDECIDED',
      args: {
        leastMs: ours.downtimeMs,
        // No most where the verdict is open and no span says by how much.
        ...(open.bounded ? { mostMs: ours.downtimeMs + open.ms } : {}),
        acrossNoData: noData === 'exclude' && (ours.undecided ?? []).length > 0,
        dailyTotals: (ours.dailyUndecided ?? []).length > 0,
      },
    };
  } else if (Math.abs(row.differenceMs) <= toleranceMs) {
    row.status = 'agree';
    row.causes = [];
  } else row.status = 'differ';
  return row;
}

/**
 * Whether the vendor's figure lies within our open range, the tolerance either side. A percentage means more
 * minutes over the worst case's eligible time (no data taken in): the least reading is held to the range's top,
 * the most to its bottom, so a figure either reading may match is never called a difference.
 */
function within(
  f: StatementFigure,
  ours: AvailabilityRow,
  theirs: number,
  open: { ms: number; bounded: boolean },
  toleranceMs: number,
): boolean {
  const widest =
    f.percentMicros !== null && ours.worstCase ? impliedMs(ours.worstCase.eligibleMs, f.percentMicros) : theirs;
  if (Math.max(theirs, widest) < ours.downtimeMs - toleranceMs) return false;
  return !open.bounded || Math.min(theirs, widest) <= ours.downtimeMs + open.ms + toleranceMs;
}

/** The named cause of each difference (its first), counted by rule, most first. */
function byCause(differing: readonly AvailabilityReconcileRow[]): CauseCount[] {
  const counts = new Map<AvailabilityRule, CauseCount>();
  for (const r of differing) {
    const cause = r.causes[0];
    if (cause === undefined) continue;
    const c = counts.get(cause.rule);
    if (c) c.differences++;
    else counts.set(cause.rule, { cause: cause.finding, differences: 1 });
  }
  return [...counts.values()].sort((a, b) => b.differences - a.differences);
}
