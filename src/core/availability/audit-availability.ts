import type { CreditLine } from '../credits/credit-line.js';
import { availabilityCredits, type MonthAvailability } from '../credits/availability-credits.js';
import { monthPeriod, parseMonthLabel, type Period } from '../period.js';
import type { Policy, TierDef } from '../policy/model.js';
import type { IncidentCheck } from '../tickets/effective-priority.js';
import { hasIncidentField } from '../tickets/effective-priority.js';
import { union, type Span } from '../time/spans.js';
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
}

export interface AvailabilityAudit {
  rows: AvailabilityRow[];
  credits: CreditLine[];
}

function rowsFor(input: AvailabilityAuditInput, period: Period): AvailabilityRow[] {
  const { policy, tier } = input;
  return availabilityRows({
    evidence: input.evidence,
    period,
    recurringMaintenance: expandWindows(policy.availability.maintenance, period.start, period.end),
    noData: policy.availability.noData,
    minimumCoveragePercent: policy.availability.minimumCoveragePercent,
    targetPercent: tier.availabilityTarget,
    downtime: policy.availability.downtime,
    ...(input.services ? { services: input.services } : {}),
  });
}

/** A month's availability as eligibility sees it: from the logs, else the history, else unknown. */
function monthStatus(input: AvailabilityAuditInput, label: string): MonthAvailability {
  const { year, month } = parseMonthLabel(label)!;
  const all = rowsFor(input, monthPeriod(year, month, input.period.zone)).find((r) => r.service === 'all')!;
  if (all.availabilityPercent !== null && all.noDataMs === 0) return { label, availabilityPercent: all.availabilityPercent, failing: all.met === false, source: 'log' };
  const known = input.history?.get(label);
  const target = input.tier.availabilityTarget;
  if (known !== undefined && target !== null) return { label, availabilityPercent: known, failing: known < target, source: 'history' };
  if (all.availabilityPercent !== null) return { label, availabilityPercent: all.availabilityPercent, failing: all.met === false, source: 'log' };
  return { label, availabilityPercent: null, failing: null, source: 'unknown' };
}

/** SPEC 3.8 and the availability credit of SPEC 4 for one period. */
export function auditAvailability(input: AvailabilityAuditInput): AvailabilityAudit {
  const rows = rowsFor(input, input.period);
  const all = rows.find((r) => r.service === 'all')!;
  const cache = new Map<string, MonthAvailability>();
  const history = (label: string) => {
    let m = cache.get(label);
    if (!m) cache.set(label, (m = monthStatus(input, label)));
    return m;
  };
  const credits = availabilityCredits(all, input.policy.credits, input.period, input.feeMinor, history);
  return { rows, credits };
}


/**
 * websoft9's association rule with uptime data: a ticket is associated with
 * an unavailability incident when its incident field is set or it was
 * created during an outage of an audited service.
 */
export function incidentCheckFromOutages(evidence: readonly ServiceEvidence[], services?: readonly string[]): IncidentCheck {
  return incidentCheck(outagesInScope(evidence, services));
}

/** The outages of the services in scope, merged. */
export function outagesInScope(evidence: readonly ServiceEvidence[], services?: readonly string[]): Span[] {
  const scoped = services ? evidence.filter((e) => services.includes(e.service)) : evidence;
  return union(...scoped.map((e) => e.outages));
}

/** A ticket is associated with an incident when it says so, or was created during one of `outages` (sorted, disjoint). */
export function incidentCheck(outages: readonly Span[]): IncidentCheck {
  return (ticket) => {
    if (hasIncidentField(ticket)) return true;
    const t = ticket.createdAt;
    let lo = 0;
    let hi = outages.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (outages[mid]![1] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo < outages.length && outages[lo]![0] <= t;
  };
}
