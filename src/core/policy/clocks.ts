import { MetricClock } from '../tickets/metric-clock.js';
import { AlwaysOpenCalendar, ScheduleCalendar, type Calendar } from '../time/calendar.js';
import { ALWAYS, type CalendarSpec, type MetricId, type Policy, type Target } from './model.js';

/** The closed dates of a calendar: the listed holidays and its public holidays, less the dates said not to be. */
function holidaySet(spec: Extract<CalendarSpec, { kind: 'weekly' }>): { has(day: number): boolean } {
  const listed = new Set(spec.holidays);
  const not = new Set(spec.notHolidays);
  const pub = spec.publicHolidays;
  return { has: (day) => !not.has(day) && (listed.has(day) || (pub !== null && pub.has(day))) };
}

/** A runnable clock for a calendar spec. */
export function buildCalendar(spec: CalendarSpec): Calendar {
  if (spec.kind === 'always') return new AlwaysOpenCalendar(spec.id);
  return new ScheduleCalendar(spec.id, {
    zone: spec.zone,
    week: spec.week,
    holidays: holidaySet(spec),
    extraWorkdays: spec.extraWorkdays,
  });
}

/**
 * The compiled calendars of one policy, built once and shared by every
 * ticket (compilation is the only costly step).
 */
export class PolicyClocks {
  private readonly built = new Map<string, Calendar>();
  private readonly unpaused = new Map<string, MetricClock>();

  constructor(private readonly policy: Policy) {}

  calendar(id: string): Calendar {
    let cal = this.built.get(id);
    if (!cal) {
      const spec = id === ALWAYS ? ({ id, kind: 'always' } as const) : this.policy.calendars.get(id);
      if (!spec) throw new Error(`policy ${this.policy.id} has no calendar ${id}`);
      this.built.set(id, (cal = buildCalendar(spec)));
    }
    return cal;
  }

  /** A metric clock on a calendar, shared when it has no pauses. */
  clock(calendarId: string, pauses: ReadonlyArray<readonly [number, number]>): MetricClock {
    if (pauses.length > 0) return new MetricClock(this.calendar(calendarId), pauses);
    let c = this.unpaused.get(calendarId);
    if (!c) this.unpaused.set(calendarId, (c = new MetricClock(this.calendar(calendarId))));
    return c;
  }

  /** The target of a metric for a priority in a tier, or null when there is none. */
  target(tierId: string, priorityId: string, metric: MetricId): Target | null {
    const tier = this.policy.tiers.find((t) => t.id === tierId);
    return tier?.targets.get(priorityId)?.[metric] ?? null;
  }

  /** When `target` falls due for a clock started at `start` (epoch ms). */
  dueAt(start: number, target: Target): number {
    return this.calendar(target.calendar).dueAt(start, target.ms);
  }
}
