import { feeArgs, type CreditLine } from '../credits/credit-line.js';
import { availabilityCredits, type MonthAvailability } from '../credits/availability-credits.js';
import { monthPeriod, parseMonthLabel, type Period } from '../period.js';
import type { Policy, TierDef } from '../policy/model.js';
import type { DowntimeDefinition } from './downtime.js';
import type { IncidentCheck } from '../tickets/effective-priority.js';
import { hasIncidentField } from '../tickets/effective-priority.js';
import { append } from '../lists.js';
import { MS_PER_DAY } from '../time/civil.js';
import { firstEndingAfter, intersect, normalize, subtract, type Span } from '../time/spans.js';
import { availabilityRows, type AvailabilityRow } from './availability.js';
import type { ServiceEvidence } from './evidence.js';
import { expandWindows } from './maintenance.js';

export interface AvailabilityAuditInput {
  policy: Policy;
  tier: TierDef;
  period: Period;
  evidence: readonly ServiceEvidence[];
  feeMinor: number | null;
  /** Monthly availability known from elsewhere (a contract's history): label → percent. */
  history?: ReadonlyMap<string, number>;
  /** Services in scope; default: every service in the logs. */
  services?: readonly string[];
  /**
   * The contract's services, each made of log services (its components), with its own target
   * and fee: each gets its own row and its own credit on that fee (AWS: "the charges for the
   * Included Service in the affected region"). Without them, credits read the `all` row.
   */
  serviceDefs?: readonly ServiceDef[];
}

export interface ServiceDef {
  name: string;
  /** The log services it is made of; [name] for a log service of its own. */
  components: readonly string[];
  /** Its availability target, where the contract gives one; else the tier's. */
  targetPercent: number | null;
  /** Its fee for the period in minor units; null: the contract's fee. */
  feeMinor: number | null;
  /** What counts as its downtime (the policy's refined by the contract's, key by key); null: the policy's definition. */
  downtime: DowntimeDefinition | null;
  /** The keys of `downtime` the contract states for the service (the others are the policy's): its credits' basis shows the definition. */
  downtimeStated?: readonly (keyof DowntimeDefinition)[];
  /** The policy's availability credit models it is owed by; null: every one. */
  creditModels: readonly string[] | null;
}

export interface AvailabilityAudit {
  rows: AvailabilityRow[];
  credits: CreditLine[];
}

export function rowsFor(
  input: AvailabilityAuditInput,
  period: Period,
  services = input.services,
  targetPercent = input.tier.availabilityTarget,
  downtime = input.policy.availability.downtime,
): AvailabilityRow[] {
  const { policy } = input;
  return availabilityRows({
    evidence: input.evidence,
    period,
    recurringMaintenance: expandWindows(policy.availability.maintenance, period.start, period.end),
    noData: policy.availability.noData,
    minimumCoveragePercent: policy.availability.minimumCoveragePercent,
    targetPercent,
    downtime,
    ...(services ? { services } : {}),
  });
}

/** A service's row: its components combined, as the `all` row of them alone, under its own name. */
export function serviceRow(
  input: AvailabilityAuditInput,
  period: Period,
  def: ServiceDef,
): { row: AvailabilityRow; components: AvailabilityRow[] } {
  const rows = rowsFor(
    input,
    period,
    def.components,
    def.targetPercent ?? input.tier.availabilityTarget,
    def.downtime ?? input.policy.availability.downtime,
  );
  const all = rows.find((r) => r.service === 'all')!;
  const own = def.components.length === 1 && def.components[0] === def.name;
  return { row: { ...all, service: def.name }, components: own ? [] : rows.filter((r) => r.service !== 'all') };
}

/** A month's availability as eligibility sees it: from the logs, else the history, else unknown. */
function monthStatus(input: AvailabilityAuditInput, label: string, def?: ServiceDef): MonthAvailability {
  const { year, month } = parseMonthLabel(label)!;
  const period = monthPeriod(year, month, input.period.zone);
  const row = def ? serviceRow(input, period, def).row : rowsFor(input, period).find((r) => r.service === 'all')!;
  // A month the logs say nothing of is unknown, whatever the contract counts no data as: counting the months
  // before monitoring began as down (or up) would be a verdict on no evidence at all.
  const all = row.coveredMs === 0 ? { ...row, availabilityPercent: null, met: null } : row;
  // The contract's history is of the whole: a service is judged on its own logs, against its own target.
  if (def)
    return all.availabilityPercent === null
      ? { label, availabilityPercent: null, failing: null, source: 'unknown' }
      : {
          label,
          availabilityPercent: all.availabilityPercent,
          failing: all.met === null ? null : !all.met,
          source: 'log',
        };
  if (all.availabilityPercent !== null && all.noDataMs === 0)
    return {
      label,
      availabilityPercent: all.availabilityPercent,
      failing: all.met === null ? null : !all.met,
      source: 'log',
    };
  const known = input.history?.get(label);
  const target = input.tier.availabilityTarget;
  if (known !== undefined && target !== null)
    return { label, availabilityPercent: known, failing: known < target, source: 'history' };
  if (all.availabilityPercent !== null)
    return {
      label,
      availabilityPercent: all.availabilityPercent,
      failing: all.met === null ? null : !all.met,
      source: 'log',
    };
  return { label, availabilityPercent: null, failing: null, source: 'unknown' };
}

/** SPEC 3.8 and the availability credit of SPEC 4 for one period. */
export function auditAvailability(input: AvailabilityAuditInput): AvailabilityAudit {
  const history = (def?: ServiceDef) => {
    const cache = new Map<string, MonthAvailability>();
    return (label: string) => {
      let m = cache.get(label);
      if (!m) cache.set(label, (m = monthStatus(input, label, def)));
      return m;
    };
  };
  if (!input.serviceDefs || input.serviceDefs.length === 0) {
    const rows = rowsFor(input, input.period);
    const all = rows.find((r) => r.service === 'all')!;
    return { rows, credits: availabilityCredits(all, input.policy.credits, input.period, input.feeMinor, history()) };
  }
  // Each service on its own row and target; with fees of their own, its own credit on its fee. Without
  // them, credits are read from the combined row, as for a contract without services.
  const rows: AvailabilityRow[] = [];
  const credits: CreditLine[] = [];
  const ownFees = input.serviceDefs.every((d) => d.feeMinor !== null);
  const all = rowsFor(input, input.period).find((r) => r.service === 'all')!;
  for (const def of input.serviceDefs) {
    const { row, components } = serviceRow(input, input.period, def);
    append(rows, components).push(row);
    if (!ownFees) continue;
    const fee = def.feeMinor === null ? undefined : feeArgs(input.period, def.name);
    // A service owed by some of the policy's models only (its own credit schedule).
    const spec =
      def.creditModels === null
        ? input.policy.credits
        : {
            ...input.policy.credits,
            models: input.policy.credits.models.filter((m) => def.creditModels!.includes(m.id)),
          };
    // A service that states its own downtime keys: the basis shows the definition in force, the policy's keys with its own.
    const shown =
      def.downtime && def.downtimeStated
        ? { downtimeDefinition: definitionBasis(def.downtime, def.downtimeStated) }
        : {};
    for (const c of availabilityCredits(row, spec, input.period, def.feeMinor ?? input.feeMinor, history(def), fee))
      credits.push({
        ...c,
        basis: { ...c.basis, ...shown },
        service: def.name,
        feeMinor: def.feeMinor ?? input.feeMinor,
      });
  }
  rows.push(all);
  if (!ownFees)
    append(credits, availabilityCredits(all, input.policy.credits, input.period, input.feeMinor, history()));
  return { rows, credits };
}

/** A downtime definition as a credit's basis states it: seconds, and which keys the service states (the rest are the policy's). */
function definitionBasis(d: DowntimeDefinition, stated: readonly (keyof DowntimeDefinition)[]) {
  const key = {
    minimumOutageMs: 'minimumOutage',
    bucketMs: 'bucket',
    bucketDown: 'bucketDown',
    servicesDown: 'servicesDown',
  } as const;
  return {
    minimumOutageSeconds: d.minimumOutageMs === null ? null : d.minimumOutageMs / 1000,
    bucketSeconds: d.bucketMs === null ? null : d.bucketMs / 1000,
    bucketDown: d.bucketDown,
    servicesDown: d.servicesDown,
    statedByService: stated.map((k) => key[k]),
  };
}

/**
 * Association with uptime data, for rule conditions: a ticket is associated with
 * an unavailability incident when its incident field is set or it was
 * created during an outage of an audited service; not associated when the
 * logs of every audited service watched its creation and none was down (or
 * its incident field is there and empty); else the evidence cannot tell.
 */
export function incidentCheckFromOutages(
  evidence: readonly ServiceEvidence[],
  services?: readonly string[],
): IncidentCheck {
  const scoped = services ? evidence.filter((e) => services.includes(e.service)) : evidence;
  let watched: Span[] | null = null;
  for (const e of scoped) {
    // A day of a daily total down in part was down at some time of it, not known when: no instant of it was
    // watched without an incident.
    const partDays = (e.dailyTotals ?? [])
      .filter((d) => d.downMs > 0 && d.downMs < MS_PER_DAY)
      .map((d): Span => [d.day, d.day + MS_PER_DAY]);
    const seen = subtract(normalize(e.covered), normalize(partDays));
    watched = watched === null ? seen : intersect(watched, seen);
  }
  return incidentCheck(outagesInScope(evidence, services), watched ?? []);
}

/** The outages of the services in scope, merged: a day of a daily total down whole is an outage all day. */
export function outagesInScope(evidence: readonly ServiceEvidence[], services?: readonly string[]): Span[] {
  const scoped = services ? evidence.filter((e) => services.includes(e.service)) : evidence;
  const wholeDays = (e: ServiceEvidence) =>
    (e.dailyTotals ?? []).filter((d) => d.downMs >= MS_PER_DAY).map((d): Span => [d.day, d.day + MS_PER_DAY]);
  return normalize(scoped.flatMap((e) => [...e.outages, ...wholeDays(e)]));
}

/**
 * A ticket is associated with an incident when it says so, or was created during one of `outages`;
 * not associated when `watched` (sorted, disjoint: what the logs saw) holds its creation or its incident
 * field says none; else unknown.
 */
export function incidentCheck(outages: readonly Span[], watched: readonly Span[]): IncidentCheck {
  return (ticket) => {
    const field = hasIncidentField(ticket);
    if (field === true) return true;
    const t = ticket.createdAt;
    const i = firstEndingAfter(outages, t);
    if (i < outages.length && outages[i]![0] <= t) return true;
    const w = firstEndingAfter(watched, t);
    return w < watched.length && watched[w]![0] <= t ? false : field;
  };
}
