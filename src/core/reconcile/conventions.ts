import type { Finding } from '../issues.js';
import { ALWAYS, type CalendarSpec, type MetricTargets, type Policy, type Target } from '../policy/model.js';
import type { Ticket } from '../tickets/ticket.js';
import type { TicketFacts, VendorMetric } from './model.js';

/**
 * One alternative convention for one ticket: the policy and the ticket as a tool that follows it
 * would see them. `key` names the policy's variant, so its calendars are compiled once for every
 * ticket that tries it.
 */
export interface Variant {
  cause: Finding;
  key: string;
  policy: Policy;
  ticket: Ticket;
}

export interface ConventionInput {
  policy: Policy;
  tier: string;
  ticket: Ticket;
  /** The ticket's priority after the policy's rules: whose target the metric runs against. */
  priority: string;
  metric: VendorMetric;
  target: Target;
  facts: TicketFacts | undefined;
  /** The zone the export's naive times were read in: a helpdesk's schedule is often in it. */
  inputZone: string | null;
}

/**
 * The conventions that make two correct tools disagree (SPEC 7: calendar, holidays, zone, pauses,
 * public vs internal replies, agent-opened tickets, priority at creation, clock start), each as a
 * change to the policy or the ticket, in that order; whole-minute rounding needs no re-evaluation
 * and is tried by the caller. A convention that cannot apply to this ticket (no holidays to drop,
 * no reclassification, no assignment known) gives no variant.
 */
export function variantsOf(input: ConventionInput): Variant[] {
  const { policy, ticket, metric, target } = input;
  const out: Variant[] = [];
  const keep = (cause: Finding, key: string, p: Policy, t: Ticket = ticket) =>
    out.push({ cause, key, policy: p, ticket: t });

  // The calendar: the target counted on another of the policy's calendars, or round the clock.
  const others = [...new Set([ALWAYS, ...policy.calendars.keys()])].filter((id) => id !== target.calendar);
  for (const id of others)
    keep(
      { code: 'RECONCILE_CALENDAR', args: { ours: target.calendar, theirs: id } },
      `calendar:${input.tier}:${metric}:${id}`,
      onCalendar(policy, input.tier, metric, id),
    );

  const spec = policy.calendars.get(target.calendar);
  if (spec?.kind === 'weekly') {
    if (spec.holidays.length > 0 || spec.publicHolidays !== null)
      keep(
        { code: 'RECONCILE_HOLIDAYS', args: { calendar: spec.id } },
        `holidays:${spec.id}`,
        withCalendar(policy, { ...spec, holidays: [], publicHolidays: null, notHolidays: [] }),
      );
    for (const zone of new Set([input.inputZone ?? 'UTC', 'UTC']))
      if (zone !== spec.zone)
        keep(
          { code: 'RECONCILE_ZONE', args: { calendar: spec.id, ours: spec.zone, theirs: zone } },
          `zone:${spec.id}:${zone}`,
          withCalendar(policy, { ...spec, zone }),
        );
  }

  // Pauses: ours not counted by the vendor, or a status of the ticket's that the vendor pauses in.
  if (policy.pauseStatuses.length > 0)
    keep({ code: 'RECONCILE_NO_PAUSES', args: { statuses: policy.pauseStatuses } }, 'pauses:none', {
      ...policy,
      pauseStatuses: [],
    });
  const pausing = new Set(policy.pauseStatuses.map((s) => s.toLowerCase()));
  const statuses = new Set<string>();
  for (const e of ticket.events ?? [])
    if (e.type === 'status' && e.status !== undefined && !pausing.has(e.status.toLowerCase())) statuses.add(e.status);
  for (const status of statuses)
    keep({ code: 'RECONCILE_PAUSE_STATUS', args: { status } }, `pauses:${status}`, {
      ...policy,
      pauseStatuses: [status],
    });

  if (metric === 'firstResponse') {
    const answered = ticket.firstResponseAt ?? Infinity;
    const internal = input.facts?.firstInternalReplyAt;
    if (internal !== undefined && internal < answered)
      keep({ code: 'RECONCILE_INTERNAL_REPLY', args: {} }, '', policy, { ...ticket, firstResponseAt: internal });
    if (answered !== ticket.createdAt)
      keep({ code: 'RECONCILE_OPENING_COMMENT', args: {} }, '', policy, {
        ...ticket,
        firstResponseAt: ticket.createdAt,
      });
  }

  if (ticket.reclassifiedPriority !== null && ticket.reclassifiedPriority !== ticket.priority)
    keep(
      {
        code: 'RECONCILE_PRIORITY_AT_CREATION',
        args: { ours: input.priority, theirs: ticket.priority },
      },
      '',
      policy,
      { ...ticket, reclassifiedPriority: null },
    );

  const assigned = input.facts?.assignedAt;
  if (assigned !== undefined && assigned > ticket.createdAt)
    keep({ code: 'RECONCILE_CLOCK_AT_ASSIGNMENT', args: {} }, '', policy, { ...ticket, createdAt: assigned });
  return out;
}

/** The policy with one calendar replaced. */
function withCalendar(policy: Policy, spec: CalendarSpec): Policy {
  const calendars = new Map(policy.calendars);
  calendars.set(spec.id, spec);
  return { ...policy, calendars };
}

/** The policy with the tier's targets of one metric counted on another calendar, every priority alike. */
function onCalendar(policy: Policy, tier: string, metric: VendorMetric, calendar: string): Policy {
  const tiers = policy.tiers.map((t) => {
    if (t.id !== tier) return t;
    const targets = new Map<string, MetricTargets>();
    for (const [priority, metrics] of t.targets) {
      const m = metrics[metric];
      targets.set(priority, m === undefined ? metrics : { ...metrics, [metric]: { ...m, calendar } });
    }
    return { ...t, targets };
  });
  return { ...policy, tiers };
}
