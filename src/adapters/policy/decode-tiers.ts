import type { Node } from 'yaml';
import {
  ALWAYS,
  METRICS,
  type CalendarSpec,
  type MetricId,
  type MetricTargets,
  type Target,
  type TierDef,
} from '../../core/policy/model.js';
import { percentValue } from './decode-values.js';
import { DURATION_EXPECTED, fixedMs, parseDuration } from './duration.js';
import { join, type YamlReader } from './yaml-reader.js';

/** What a tier's targets are checked against: the policy's calendars and priorities, decoded before the tiers. */
export interface TierContext {
  r: YamlReader;
  calendars: ReadonlyMap<string, CalendarSpec>;
  calendarsOk: boolean;
  checkPriority: (node: Node | undefined, path: string) => string | undefined;
  /** The policy's availability target for tiers that do not state their own. */
  defaultAvailability: number | null;
}

const TIER_KEYS = ['level', 'aliases', 'calendar', 'targets', 'availability', 'note'] as const;

export function decodeTiers(r: YamlReader, node: Node | undefined, ctx: TierContext): TierDef[] {
  const tiers: TierDef[] = [];
  const names = new Map<string, string>();
  for (const [id, value] of r.entries(node, 'tiers')) {
    const path = join('tiers', id);
    const f = r.fields(value, path, TIER_KEYS);
    const aliases = f.has('aliases') ? r.stringList(f.get('aliases'), join(path, 'aliases')) : [];
    for (const word of [id, ...aliases]) {
      const owner = names.get(word.toLowerCase());
      if (owner !== undefined)
        r.report(
          f.get('aliases') ?? value,
          join(path, 'aliases'),
          'DUPLICATE_ALIAS',
          { word, owner },
          { hint: 'a tier name or alias may name one tier only' },
        );
      names.set(word.toLowerCase(), id);
    }
    // null: the tier names a calendar that is not usable (reported already): its targets say nothing more.
    const calendar = f.has('calendar')
      ? (calendarRef(ctx, f.get('calendar'), join(path, 'calendar')) ?? null)
      : undefined;
    const targets = new Map<string, MetricTargets>();
    if (f.has('targets')) {
      for (const [pid, tnode, pair] of r.entries(f.get('targets'), join(path, 'targets'))) {
        const tpath = join(join(path, 'targets'), pid);
        if (ctx.checkPriority(pair.key as Node, tpath) === undefined) continue;
        if (r.isNull(tnode)) continue; // explicitly no target for this priority
        const metrics: MetricTargets = {};
        for (const [metric, mnode] of r.entries(tnode, tpath, METRICS)) {
          const t = decodeTarget(ctx, mnode, join(tpath, metric), calendar);
          if (t) metrics[metric as MetricId] = t;
        }
        targets.set(pid, metrics);
      }
    }
    let availabilityTarget = ctx.defaultAvailability;
    if (f.has('availability')) {
      // `availability: null` says the tier has no availability promise.
      availabilityTarget = r.isNull(f.get('availability'))
        ? null
        : (percentValue(r, f.get('availability'), join(path, 'availability')) ?? null);
    }
    const level = f.has('level') ? (r.string(f.get('level'), join(path, 'level')) ?? null) : null;
    const note = f.has('note') ? (r.string(f.get('note'), join(path, 'note')) ?? null) : null;
    tiers.push({ id, level, aliases, targets, availabilityTarget, note });
  }
  return tiers;
}

function calendarRef(ctx: TierContext, node: Node | undefined, path: string): string | undefined {
  const id = ctx.r.string(node, path, 'a calendar id');
  if (id !== undefined && !ctx.calendars.has(id)) {
    if (!ctx.calendarsOk) return undefined; // the calendar itself was reported already
    return ctx.r.report(
      node,
      path,
      'UNKNOWN_CALENDAR',
      { id },
      {
        expected: `one of ${[...ctx.calendars.keys()].join(', ')}`,
        got: JSON.stringify(id),
        hint: 'define it under calendars: or use 24x7',
      },
    );
  }
  return id;
}

/** "4h" (on the tier's calendar) or {within: "4h", calendar: id}. */
function decodeTarget(
  ctx: TierContext,
  node: Node | undefined,
  path: string,
  tierCalendar: string | undefined | null,
): Target | undefined {
  const { r } = ctx;
  let textNode = node;
  let calendar = tierCalendar ?? undefined;
  let explicitCalendar = false;
  if (r.isMapping(node)) {
    const f = r.fields(node, path, ['within', 'calendar']);
    textNode = r.required(f, 'within', node, path, DURATION_EXPECTED);
    if (f.has('calendar')) {
      calendar = calendarRef(ctx, f.get('calendar'), join(path, 'calendar'));
      explicitCalendar = true;
      if (calendar === undefined) return undefined;
    }
  }
  const text = r.string(textNode, path, DURATION_EXPECTED);
  if (text === undefined) return undefined;
  const d = parseDuration(text);
  if (!d || d.amount <= 0 || d.unit === 'seconds') {
    return r.report(
      textNode,
      path,
      'BAD_DURATION',
      {},
      {
        expected: DURATION_EXPECTED,
        got: JSON.stringify(text),
        hint: 'write a positive number and one of those units',
      },
    );
  }
  if (d.unit === 'calendarDays') {
    if (explicitCalendar && calendar !== ALWAYS) {
      return r.report(
        node,
        path,
        'DAYS_ROUND_THE_CLOCK',
        {},
        {
          hint: 'drop the calendar or use 24x7',
        },
      );
    }
    calendar = ALWAYS;
  }
  if (calendar === undefined) {
    if (tierCalendar === null && !explicitCalendar) return undefined;
    return r.report(
      node,
      path,
      'MISSING_CALENDAR',
      {},
      {
        hint: "set the tier's calendar: or write {within: ..., calendar: ...}",
      },
    );
  }
  const spec = ctx.calendars.get(calendar);
  if (!spec) return undefined;
  if ((d.businessHours || d.unit === 'businessDays') && spec.kind === 'always') {
    return r.report(node, path, 'CALENDAR_MISMATCH', { target: text }, { hint: 'give a calendar with business hours' });
  }
  let ms = fixedMs(d);
  if (d.unit === 'businessDays') {
    const day = spec.kind === 'weekly' ? spec.businessDayMs : null;
    if (day === null) {
      return r.report(
        node,
        path,
        'NO_BUSINESS_DAY',
        { calendar },
        {
          hint: `set calendars.${calendar}.businessDay (e.g. "9h")`,
        },
      );
    }
    ms = Math.round(d.amount * day);
  }
  // Any length is a target (Znuny's own tests hold a 730-day one): a due time past 2199 is the ticket's input error
  // (TICKET_DUE_OUT_OF_RANGE), not the policy's. Only a number too large to be one (1e400 hours) is refused.
  if (!Number.isFinite(ms))
    return r.report(
      textNode,
      path,
      'TARGET_TOO_LONG',
      {},
      {
        expected: 'a number of hours or days written in fewer than 300 digits',
        got: JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text),
      },
    );
  return { amount: d.amount, unit: d.unit, calendar, ms: ms!, text };
}
