import { publicHolidays } from './public-holidays.js';
import type { Node } from 'yaml';
import { ALWAYS, type CalendarSpec, type PublicHolidays } from '../../core/policy/model.js';
import { derivedBusinessDay, uniformHours, type DayHours } from '../../core/time/calendar.js';
import { parseIsoDate } from '../../core/time/civil.js';
import { fixedMs, parseDuration } from './duration.js';
import { describe, join, type YamlReader } from './yaml-reader.js';
import { append } from '../../core/lists.js';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_KEY = /^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?$/;
const HOURS = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const HOURS_EXPECTED = '"HH:MM-HH:MM" (e.g. "09:00-18:00"; "24:00" ends a day) or a list of them';

/** Weekday indexes named by "mon", "mon-fri", or a list of such. */
export function decodeDays(r: YamlReader, node: Node | undefined, path: string): number[] | undefined {
  const texts = r.isList(node) ? r.stringList(node, path) : [r.string(node, path, 'a day such as "sun" or "mon-fri"')];
  const days: number[] = [];
  for (const text of texts) {
    if (text === undefined) return undefined;
    const range = dayRange(text);
    if (!range) {
      return r.report(
        node,
        path,
        'BAD_DAY',
        {},
        {
          expected: '"mon" … "sun" or a range such as "mon-fri"',
          got: JSON.stringify(text),
        },
      );
    }
    append(days, range);
  }
  return days;
}

function dayRange(key: string): number[] | null {
  const m = DAY_KEY.exec(key.toLowerCase());
  if (!m) return null;
  const from = DAY_NAMES.indexOf(m[1] as (typeof DAY_NAMES)[number]);
  const to = m[2] ? DAY_NAMES.indexOf(m[2] as (typeof DAY_NAMES)[number]) : from;
  if (to < from) return null;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** One day's open hours: "09:00-18:00" or a list of such, sorted, not overlapping. */
export function decodeHours(r: YamlReader, node: Node | undefined, path: string): DayHours | undefined {
  const items = r.isList(node) ? r.list(node, path) : [node];
  const spans: Array<[number, number]> = [];
  for (const [i, item] of items.entries()) {
    const itemPath = r.isList(node) ? join(path, i) : path;
    const text = r.string(item, itemPath, HOURS_EXPECTED);
    if (text === undefined) return undefined;
    const m = HOURS.exec(text.trim());
    const start = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    const end = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
    if (!m || Number(m[2]) > 59 || Number(m[4]) > 59 || start >= 1440 || end > 1440 || end <= start) {
      return r.report(
        item,
        itemPath,
        'BAD_HOURS',
        {},
        {
          expected: HOURS_EXPECTED + ', start before end',
          got: JSON.stringify(text),
        },
      );
    }
    spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) {
      return r.report(node, path, 'HOURS_OVERLAP', {}, { hint: 'merge them into one span' });
    }
  }
  return spans;
}

export function decodeWeek(r: YamlReader, node: Node | undefined, path: string): DayHours[] | undefined {
  const week: Array<DayHours | undefined> = Array.from({ length: 7 }, () => undefined);
  let ok = true;
  for (const [key, value, pair] of r.entries(
    node,
    path,
    undefined,
    'a mapping of days to hours, e.g. {mon-fri: "09:00-18:00"}',
  )) {
    const days = dayRange(key);
    if (!days) {
      r.report(
        pair.key as Node,
        join(path, key),
        'BAD_DAY_RANGE',
        { key },
        {
          expected: '"mon" … "sun" or a range such as "mon-fri"',
          got: JSON.stringify(key),
        },
      );
      ok = false;
      continue;
    }
    const hours = decodeHours(r, value, join(path, key));
    if (!hours) {
      ok = false;
      continue;
    }
    for (const d of days) {
      if (week[d]) {
        r.report(
          pair.key as Node,
          join(path, key),
          'DAY_TWICE',
          { day: DAY_NAMES[d]! },
          {
            hint: 'name each day in one key only',
          },
        );
        ok = false;
      }
      week[d] = hours;
    }
  }
  if (!ok) return undefined;
  const full = week.map((d) => d ?? []);
  if (full.every((d) => d.length === 0)) {
    return r.report(
      node,
      path,
      'NEVER_OPEN',
      {},
      {
        hint: 'give the opening hours of at least one day',
      },
    );
  }
  return full;
}

const CALENDAR_KEYS = [
  'zone',
  'hours',
  'businessDay',
  'holidays',
  'publicHolidays',
  'notHolidays',
  'extraWorkdays',
] as const;

export function decodeCalendar(
  r: YamlReader,
  id: string,
  node: Node | undefined,
  path: string,
): CalendarSpec | undefined {
  if (id === ALWAYS) {
    return r.report(
      node,
      path,
      'RESERVED_ID',
      {},
      {
        hint: 'use another id for this calendar',
      },
    );
  }
  const f = r.fields(node, path, CALENDAR_KEYS);
  const zoneNode = r.required(f, 'zone', node, path, 'an IANA zone such as "America/Chicago"');
  const zone = zoneNode && r.zone(zoneNode, join(path, 'zone'));
  const hoursNode = r.required(f, 'hours', node, path, 'a mapping of days to hours');
  const week = hoursNode ? decodeWeek(r, hoursNode, join(path, 'hours')) : undefined;

  const holidays = f.has('holidays') ? dates(r, f.get('holidays'), join(path, 'holidays')) : [];
  const notHolidays = f.has('notHolidays') ? dates(r, f.get('notHolidays'), join(path, 'notHolidays')) : [];
  const publicHolidays = f.has('publicHolidays')
    ? decodePublicHolidays(r, f.get('publicHolidays'), join(path, 'publicHolidays'))
    : null;
  const extraWorkdays = new Map<number, DayHours>();
  if (f.has('extraWorkdays')) {
    for (const [i, item] of r.list(f.get('extraWorkdays'), join(path, 'extraWorkdays')).entries()) {
      const itemPath = join(join(path, 'extraWorkdays'), i);
      if (r.isMapping(item)) {
        const g = r.fields(item, itemPath, ['date', 'hours']);
        const day = isoDate(r, r.required(g, 'date', item, itemPath, 'YYYY-MM-DD'), join(itemPath, 'date'));
        const hours = decodeHours(r, r.required(g, 'hours', item, itemPath, HOURS_EXPECTED), join(itemPath, 'hours'));
        if (day !== undefined && hours) extraWorkdays.set(day, hours);
        continue;
      }
      const day = isoDate(r, item, itemPath);
      const hours = week && uniformHours(week);
      if (day !== undefined && week && !hours) {
        r.report(
          item,
          itemPath,
          'AMBIGUOUS_HOURS',
          {},
          {
            hint: 'write it as {date: YYYY-MM-DD, hours: "09:00-18:00"}',
          },
        );
      } else if (day !== undefined && hours) extraWorkdays.set(day, hours);
    }
  }

  let businessDayMs: number | null = null;
  if (f.has('businessDay')) {
    const text = r.string(f.get('businessDay'), join(path, 'businessDay'));
    const d = text === undefined ? null : parseDuration(text);
    const ms = d && !d.businessHours ? fixedMs(d) : null;
    if (text !== undefined && (ms === null || ms <= 0 || ms > 86_400_000)) {
      r.report(
        f.get('businessDay'),
        join(path, 'businessDay'),
        'BAD_BUSINESS_DAY',
        {},
        {
          expected: 'hours such as "9h"',
          got: JSON.stringify(text),
        },
      );
    } else businessDayMs = ms;
  } else if (week) {
    // Derived, so a contract that changes the hours changes the day with them.
    businessDayMs = derivedBusinessDay(week);
  }

  if (zone === undefined || !week) return undefined;
  return { id, kind: 'weekly', zone, week, holidays, publicHolidays, notHolidays, extraWorkdays, businessDayMs };
}

/** A list of dates (YYYY-MM-DD). */
export function dates(r: YamlReader, node: Node | undefined, path: string): number[] {
  return r.list(node, path).flatMap((item, i) => isoDate(r, item, join(path, i)) ?? []);
}

/** `publicHolidays: US-CA`: a country, state and region code of the holiday library. */
export function decodePublicHolidays(r: YamlReader, node: Node | undefined, path: string): PublicHolidays | null {
  const code = r.string(node, path, 'a country code such as "US", "DE-BY" or "GB-ENG"');
  if (code === undefined) return null;
  const found = publicHolidays(code);
  if ('problem' in found)
    return (
      r.report(node, path, found.problem, found.args, {
        hint: 'country, then state or province, then region, joined by "-" (ISO 3166 codes)',
      }) ?? null
    );
  return found;
}

export function isoDate(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const text = r.string(node, path, 'a date YYYY-MM-DD');
  if (text === undefined) return undefined;
  const day = parseIsoDate(text);
  if (day === null) {
    return r.report(
      node,
      path,
      'BAD_DATE',
      {},
      {
        expected: 'YYYY-MM-DD',
        got: describe(node),
      },
    );
  }
  return day;
}
