import type { Contract } from '../contract.js';
import { derivedBusinessDay } from '../time/calendar.js';
import type { CalendarSpec, Policy, Target, TierDef } from './model.js';

/**
 * The policy as a contract amends it: calendar hours replaced, holidays and
 * extra workdays added, maintenance windows added, billing zone and no-data
 * handling overridden. Business-day targets on a changed calendar are
 * recomputed from its new business-day length.
 */
export function applyContract(policy: Policy, contract: Contract): Policy {
  const calendars = new Map(policy.calendars);
  for (const [id, o] of contract.calendars) {
    const spec = calendars.get(id);
    if (!spec || spec.kind !== 'weekly') continue; // reported by the caller
    const week = o.week ?? spec.week;
    const businessDayMs = o.businessDayMs ?? (o.week ? derivedBusinessDay(week) : spec.businessDayMs);
    calendars.set(id, {
      ...spec,
      zone: o.zone ?? spec.zone,
      week,
      holidays: [...spec.holidays, ...o.holidays],
      publicHolidays: o.publicHolidays !== undefined ? o.publicHolidays : spec.publicHolidays,
      notHolidays: [...spec.notHolidays, ...o.notHolidays],
      extraWorkdays: new Map([...spec.extraWorkdays, ...o.extraWorkdays]),
      businessDayMs,
    } satisfies CalendarSpec);
  }
  const retarget = (t: Target): Target => {
    if (t.unit !== 'businessDays') return t;
    const c = calendars.get(t.calendar);
    const day = c && c.kind === 'weekly' ? c.businessDayMs : null;
    return day === null ? t : { ...t, ms: Math.round(t.amount * day) };
  };
  const tiers: TierDef[] = policy.tiers.map((tier) => ({
    ...tier,
    targets: new Map(
      [...tier.targets].map(([p, m]) => [p, Object.fromEntries(Object.entries(m).map(([k, t]) => [k, retarget(t!)]))]),
    ),
  }));
  const billingZone = contract.billingZone ?? policy.billingZone;
  return {
    ...policy,
    billingZone,
    calendars,
    tiers,
    availability: {
      ...policy.availability,
      noData: contract.noData ?? policy.availability.noData,
      minimumCoveragePercent: contract.minimumCoverage ?? policy.availability.minimumCoveragePercent,
      maintenance: [
        ...policy.availability.maintenance,
        ...contract.maintenance.map((w) => (w.zone === '' ? { ...w, zone: billingZone } : w)),
      ],
    },
    // A contract's caps add to the policy's: the lower one applies.
    credits: {
      ...policy.credits,
      contractCapPercent: contract.creditCap,
      capPerYearPercent: lower(policy.credits.capPerYearPercent, contract.creditCapPerYear),
    },
  };
}

const lower = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
