import type { Period } from '../period.js';
import { clip, firstEndingAfter, intersect, normalize, subtract, total, union, type Span } from '../time/spans.js';
import {
  AS_LOGGED,
  atLeast,
  bucketDowntime,
  longOutages,
  outagesAcrossNoData,
  type DowntimeDefinition,
} from './downtime.js';
import { combineDayTotals, dailyDowntime, dayTotalsOf, withLoggedDays, type DayTotals } from './daily-totals.js';
import type { OutageOrigin, ServiceEvidence } from './evidence.js';

export type NoDataHandling = 'exclude' | 'down' | 'up';

export interface AvailabilityRow {
  service: string;
  period: Period;
  /** Period length less maintenance (and no-data time, when excluded), ms. */
  eligibleMs: number;
  downtimeMs: number;
  maintenanceMs: number;
  noDataMs: number;
  /** Not rounded; null when nothing is eligible. */
  availabilityPercent: number | null;
  targetPercent: number | null;
  /**
   * Exact comparison: exactly the target meets it. null without a target or
   * data, and when the evidence covers less than the minimum coverage —
   * unless the known downtime alone already misses the target (false).
   */
  met: boolean | null;
  /** Time the evidence covers: the period less maintenance less no data (ms). */
  coveredMs: number;
  /** coveredMs as a share of the period less maintenance; null when all of it is maintenance. */
  coveragePercent: number | null;
  /** Availability with the uncovered time counted as down, and as up: what the truth lies between. */
  bounds: { noDataAsDown: number | null; noDataAsUp: number | null };
  /** The evidence covers less than the minimum coverage: no verdict rests on it alone. */
  coverageShort: boolean;
  /**
   * The least favourable reading of what the evidence leaves open, where the verdict or a credit may rest on
   * it: with thin logs, the time without data down; else outages interrupted by no data taken as one with
   * the silence down (they may reach the minimum outage), where that misses the target. null or absent: none.
   */
  worstCase?: { upMs: number; eligibleMs: number } | null;
  /** Time that is downtime only if outages interrupted by no data reached the minimum outage across it (absent: none). */
  undecided?: Span[];
  /**
   * Time that is downtime only if daily totals' minutes fell in the period (and, with a minimum outage, were
   * long enough), in the worst case's reading: where in a UTC day they fell is not known (absent: none).
   */
  dailyUndecided?: Span[];
  /** The downtime itself, for evidence. */
  downtime: Span[];
  /** The time without evidence. */
  noData: Span[];
  /** Where the evidence came from: the log files (and the contract, where it states the coverage). */
  sources: string[];
  /** Where each logged outage was read, when the request asked (a claim's evidence). */
  origins?: readonly OutageOrigin[];
}

interface ServiceState {
  down: Span[];
  maintenance: Span[];
  noData: Span[];
  /** The service's outages as logged, not clipped to the period: how long an outage is. */
  outages: Span[];
  /** The outages as logged, none dropped by the minimum outage. */
  logged: Span[];
  /** Those merged with the time no evidence covers, unclipped (empty without a minimum outage). */
  mayBeDown: Span[];
  /** The period's time that is downtime only if the silence was down: see outagesAcrossNoData. */
  undecided: Span[];
  /** `down` without the daily totals' part (the platform combines those by day). */
  logDown: Span[];
  /** Daily totals by UTC day (none: empty), what the evidence covers unclipped, and what they may add to `down`. */
  days: DayTotals;
  watched: Span[];
  dailyOpen: Span[];
  sources: readonly string[];
  origins?: readonly OutageOrigin[];
}

/** All the time an instant can name: what no evidence covers is this less what it covers. */
const ALL_TIME: Span = [-8.64e15, 8.64e15];

/**
 * Outages that reach the minimum only with the silence around them down, in [from, to) less maintenance:
 * none without a minimum outage (every logged outage counts whatever interrupts it).
 */
function undecidedIn(
  logged: readonly Span[],
  mayBeDown: readonly Span[],
  definition: DowntimeDefinition,
  from: number,
  to: number,
  maintenance: readonly Span[],
): Span[] {
  if (definition.minimumOutageMs === null) return [];
  return subtract(clip(outagesAcrossNoData(logged, mayBeDown, definition.minimumOutageMs), from, to), maintenance);
}

/**
 * One service's state in a period: maintenance wins over an outage; no data
 * outside coverage; downtime as the contract defines it.
 */
function stateOf(
  e: ServiceEvidence,
  period: Period,
  recurring: readonly Span[],
  definition: DowntimeDefinition,
): ServiceState {
  const whole: Span[] = [[period.start, period.end]];
  // Reports may overlap (two monitors, two exports): merge before measuring.
  const allCovered = normalize(e.covered);
  const covered = clip(allCovered, period.start, period.end);
  const noData = subtract(whole, covered);
  const maintenance = subtract(union(clip(normalize(e.maintenance), period.start, period.end), recurring), noData);
  // An outage's length is the logged one, not its part in this period.
  const logged = normalize(e.outages);
  let outages = logged;
  if (definition.minimumOutageMs !== null) outages = longOutages(logged, definition.minimumOutageMs);
  // An outage the probes lost sight of may have gone on through the silence: with it, one long outage.
  const mayBeDown = definition.minimumOutageMs === null ? [] : union(logged, subtract([ALL_TIME], allCovered));
  const undecided = undecidedIn(logged, mayBeDown, definition, period.start, period.end, maintenance);
  // Daily totals are no instants: the least they must put in the period is down, the most they may is open.
  const days = dayTotalsOf(e.dailyTotals);
  const logDownRaw = subtract(subtract(clip(outages, period.start, period.end), maintenance), noData);
  const daily = dailyDowntime(days, allCovered, subtract(covered, maintenance), definition.minimumOutageMs, logDownRaw);
  const bucketed = (spans: Span[]) =>
    definition.bucketMs === null
      ? spans
      : bucketDowntime(
          spans,
          union(maintenance, noData),
          period.start,
          period.end,
          definition.bucketMs,
          definition.bucketDown,
        );
  const logDown = bucketed(logDownRaw);
  const down = days.size > 0 ? bucketed(union(logDown, daily.down)) : logDown;
  return {
    down,
    logDown,
    maintenance,
    noData,
    outages,
    logged,
    mayBeDown,
    undecided,
    days,
    watched: allCovered,
    dailyOpen: subtract(daily.open, down),
    sources: e.sources ?? [],
    ...(e.origins ? { origins: e.origins } : {}),
  };
}

/**
 * The platform: down when at least `servicesDown` services are (1: any), for
 * at least the minimum outage; else no data when any has none; else
 * maintenance when any is in it.
 */
function combine(states: readonly ServiceState[], definition: DowntimeDefinition, period: Period): ServiceState {
  // Spans of many services merged without spreading them as arguments (100 000 hosts would overflow the stack).
  const together = (sets: ReadonlyArray<readonly Span[]>) =>
    definition.servicesDown <= 1 ? normalize(sets.flat()) : atLeast(sets, definition.servicesDown);
  // Daily totals are combined by day, not as the spans placed for each service: where in the day each
  // service was down is not known, so how much they overlap is bounded apart (combineDayTotals).
  let down = together(states.map((s) => s.logDown));
  // The platform's own outages are held to the minimum too — measured as logged, not as cut at the
  // period's edge: two zones down together for 30 s are no downtime period; for 70 s across midnight
  // on the 31st, they are one, in both months.
  // A down span (whole buckets, where the definition has them) stays when it meets such an outage.
  if (definition.minimumOutageMs !== null) {
    const long = longOutages(together(states.map((s) => s.outages)), definition.minimumOutageMs);
    down = down.filter(([a, b]) => {
      const i = firstEndingAfter(long, a);
      return i < long.length && long[i]![0] < b;
    });
  }
  const noData = subtract(normalize(states.flatMap((s) => s.noData)), down);
  const maintenance = subtract(subtract(normalize(states.flatMap((s) => s.maintenance)), down), noData);
  // Where k ≥ 2 services must be down together, a service's logged outages on a day others give as totals count
  // with those totals: their overlap is no better known.
  const listed = new Set(states.flatMap((s) => [...s.days.keys()]));
  const days = combineDayTotals(
    states.map((s) =>
      definition.servicesDown > 1 && listed.size > 0 ? withLoggedDays(s.days, s.logDown, listed) : s.days,
    ),
    definition.servicesDown,
  );
  // A day neighbouring a listed one was up only where every service's evidence covers it.
  const watched =
    states.reduce<Span[] | null>((w, s) => (w === null ? s.watched : intersect(w, s.watched)), null) ?? [];
  const free = subtract(subtract([[period.start, period.end]], maintenance), noData);
  // Beside the platform's logged downtime: the days' least on it first, their most apart from it.
  const daily = dailyDowntime(days, watched, free, definition.minimumOutageMs, down);
  down = union(down, daily.down);
  // The platform's outages across silence, as a service's: one service's silence may hide another's outage going on.
  const logged = together(states.map((s) => s.logged));
  const mayBeDown = definition.minimumOutageMs === null ? [] : together(states.map((s) => s.mayBeDown));
  const undecided = undecidedIn(logged, mayBeDown, definition, period.start, period.end, maintenance);
  const sources = [...new Set(states.flatMap((s) => s.sources))];
  const origins = states.some((s) => s.origins) ? states.flatMap((s) => s.origins ?? []) : null;
  return {
    down,
    maintenance,
    noData,
    outages: together(states.map((s) => s.outages)),
    logDown: down,
    logged,
    mayBeDown,
    undecided,
    days,
    watched,
    dailyOpen: subtract(daily.open, down),
    sources,
    ...(origins ? { origins } : {}),
  };
}

/**
 * SPEC 3.8: (eligible − downtime) / eligible, where eligible is the period
 * less maintenance and, by default, less no-data time.
 */
function row(
  service: string,
  period: Period,
  s: ServiceState,
  noData: NoDataHandling,
  target: number | null,
  minimumCoverage: number,
): AvailabilityRow {
  const length = period.end - period.start;
  const maintenanceMs = total(s.maintenance);
  const noDataMs = total(s.noData);
  const measurableMs = length - maintenanceMs;
  const knownDownMs = total(s.down);
  const coveredMs = measurableMs - noDataMs;
  let downtime = s.down;
  let eligibleMs = coveredMs;
  if (noData !== 'exclude') {
    eligibleMs = measurableMs;
    // The silence down: an outage it interrupts is one, which may reach the minimum its parts do not.
    if (noData === 'down') downtime = union(downtime, s.noData, s.undecided);
  }
  const downtimeMs = total(downtime);
  const availabilityPercent = eligibleMs > 0 ? ((eligibleMs - downtimeMs) / eligibleMs) * 100 : null;
  const percentOf = (upMs: number) => (measurableMs > 0 ? (upMs / measurableMs) * 100 : null);
  let met = target === null || eligibleMs <= 0 ? null : meets(eligibleMs - downtimeMs, eligibleMs, target);
  // Evidence for a few days of a month says nothing of the rest (a contract that counts no data as
  // down or up has decided what it means): no verdict, unless the known downtime alone misses the target.
  const short = noData === 'exclude' && measurableMs > 0 && !meets(coveredMs, measurableMs, minimumCoverage);
  if (short && target !== null) met = meets(measurableMs - knownDownMs, measurableMs, target) ? null : false;
  // No data as down merges it with the outages before the minimum applies: their parts may be one outage.
  // Daily totals' minutes may lie in the period, and count, as much as they can.
  const allDownMs = total(union(s.down, s.noData, s.undecided, s.dailyOpen));
  let worstCase = short ? { upMs: measurableMs - allDownMs, eligibleMs: measurableMs } : null;
  const across = noData === 'exclude' ? s.undecided : [];
  if (!short && target !== null && met !== null && (across.length > 0 || s.dailyOpen.length > 0)) {
    // Outages interrupted by no data may be one that reaches the minimum (the silence down) or short ones
    // (it up); a day's minutes may fall in the period or out of it: a verdict stands only where both readings agree.
    const eligible = eligibleMs + total(intersect(across, s.noData));
    const up = eligible - total(union(downtime, across, s.dailyOpen));
    if (!meets(up, eligible, target)) {
      worstCase = { upMs: up, eligibleMs: eligible };
      if (met) met = null;
    }
  }
  return {
    service,
    period,
    eligibleMs,
    downtimeMs,
    maintenanceMs,
    noDataMs,
    availabilityPercent,
    targetPercent: target,
    met,
    coveredMs,
    coveragePercent: percentOf(coveredMs),
    bounds: { noDataAsDown: percentOf(measurableMs - allDownMs), noDataAsUp: percentOf(measurableMs - knownDownMs) },
    coverageShort: short,
    worstCase,
    undecided: s.undecided,
    ...(s.dailyOpen.length > 0 ? { dailyUndecided: s.dailyOpen } : {}),
    downtime,
    noData: s.noData,
    sources: [...s.sources],
    ...(s.origins ? { origins: s.origins } : {}),
  };
}

/** up / eligible ≥ target / 100, in exact integer arithmetic (target with up to 6 decimals). */
export function meets(upMs: number, eligibleMs: number, targetPercent: number): boolean {
  const t = BigInt(Math.round(targetPercent * 1_000_000));
  return BigInt(upMs) * 100_000_000n >= t * BigInt(eligibleMs);
}

/** Whether availability is strictly above `percent`, exactly. */
export function above(upMs: number, eligibleMs: number, percent: number): boolean {
  const t = BigInt(Math.round(percent * 1_000_000));
  return BigInt(upMs) * 100_000_000n > t * BigInt(eligibleMs);
}

/** Whether availability is strictly below `percent`, exactly. */
export function below(upMs: number, eligibleMs: number, percent: number): boolean {
  return !meets(upMs, eligibleMs, percent);
}

export interface AvailabilityInput {
  evidence: readonly ServiceEvidence[];
  period: Period;
  /** Recurring maintenance windows already expanded to instants. */
  recurringMaintenance: readonly Span[];
  noData: NoDataHandling;
  targetPercent: number | null;
  /** Percent of the measurable time the evidence must cover for a verdict. */
  minimumCoveragePercent: number;
  /** Services in scope; default: every service in the evidence. */
  services?: readonly string[];
  /** What counts as downtime (default: what the log says). */
  downtime?: DowntimeDefinition;
}

/** A row per in-scope service, sorted by name, then the `all` row. */
export function availabilityRows(input: AvailabilityInput): AvailabilityRow[] {
  const scope = input.services ?? [...new Set(input.evidence.map((e) => e.service))].sort();
  const byService = new Map(input.evidence.map((e) => [e.service, e]));
  const states = scope.map((service) => {
    const e = byService.get(service) ?? { service, outages: [], maintenance: [], covered: [] };
    return [service, stateOf(e, input.period, input.recurringMaintenance, input.downtime ?? AS_LOGGED)] as const;
  });
  const rows = states.map(([service, s]) =>
    row(service, input.period, s, input.noData, input.targetPercent, input.minimumCoveragePercent),
  );
  // No service at all (an empty log): nothing is known of the period, which is no data — never 100%.
  const combined =
    states.length > 0
      ? combine(
          states.map(([, s]) => s),
          input.downtime ?? AS_LOGGED,
          input.period,
        )
      : {
          down: [],
          maintenance: [],
          noData: [[input.period.start, input.period.end] as Span],
          outages: [],
          logDown: [],
          logged: [],
          mayBeDown: [],
          undecided: [],
          days: new Map(),
          watched: [],
          dailyOpen: [],
          sources: [],
        };
  rows.push(row('all', input.period, combined, input.noData, input.targetPercent, input.minimumCoveragePercent));
  return rows;
}
