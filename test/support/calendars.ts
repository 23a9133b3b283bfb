import { ScheduleCalendar, type DayHours } from '../../src/core/time/calendar.js';
import { parseIsoDate } from '../../src/core/time/civil.js';
import type { RefSchedule } from './reference-calendar.js';

/** Build the production calendar from the same description the oracle reads. */
export function scheduleCalendar(s: RefSchedule, id = 'test'): ScheduleCalendar {
  const day = (iso: string) => {
    const d = parseIsoDate(iso);
    if (d === null) throw new Error(`bad date ${iso}`);
    return d;
  };
  return new ScheduleCalendar(id, {
    zone: s.zone,
    week: s.week as DayHours[],
    holidays: new Set([...s.holidays].map(day)),
    extraWorkdays: new Map([...s.extraWorkdays].map(([d, h]) => [day(d), h as DayHours])),
  });
}

const h = (hh: number, mm = 0) => hh * 60 + mm;

/** Mon–Fri with the same hours, weekends closed. */
export function weekdays(zone: string, from: string, to: string): RefSchedule {
  const [fh, fm] = from.split(':').map(Number) as [number, number];
  const [th, tm] = to.split(':').map(Number) as [number, number];
  const open: Array<[number, number]> = [[h(fh, fm), h(th, tm)]];
  return { zone, week: [open, open, open, open, open, [], []], holidays: new Set(), extraWorkdays: new Map() };
}
