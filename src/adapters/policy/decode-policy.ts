import { MONTHLY, type BillingPeriod } from '../../core/period.js';
import { AS_LOGGED, type DowntimeDefinition } from '../../core/availability/downtime.js';
import type { Node } from 'yaml';
import {
  ALWAYS,
  METRICS,
  type Assumption,
  type AvailabilitySpec,
  type CalendarSpec,
  type CreditModel,
  type CreditSpec,
  type MetricId,
  type MetricTargets,
  type Policy,
  type PriorityDef,
  type PriorityRule,
  type RecurringWindow,
  type Target,
  type TierDef,
  RULE_FIELDS,
  type RuleCondition,
  type RuleField,
} from '../../core/policy/model.js';
import { decodeCalendar, decodeDays, decodeHours } from './decode-calendar.js';
import { DURATION_EXPECTED, fixedMs, parseDuration } from './duration.js';
import { minorDigits, parseAmount } from '../../core/money.js';
import { describe, join, type YamlReader } from './yaml-reader.js';

export const POLICY_VERSION = 'sla-policy/v1';

const TOP_KEYS = [
  'version', 'id', 'name', 'source', 'currency', 'billingZone', 'billingPeriod', 'fiscalYearStart', 'calendars', 'regionCalendars', 'priorities', 'defaultPriority',
  'tiers', 'rules', 'exclusions', 'pauseStatuses', 'availability', 'credits', 'assumptions',
] as const;

/** Decode a parsed policy document; problems are left in `r.issues`. */
export function decodePolicy(r: YamlReader): Policy | undefined {
  const root = r.root;
  if (!r.isMapping(root)) {
    r.report(root, '', 'WRONG_TYPE', 'a policy file must be a YAML mapping', { expected: `a mapping starting with "version: ${POLICY_VERSION}"`, got: describe(root) });
    return undefined;
  }
  const f = r.fields(root, '', TOP_KEYS);
  const version = r.string(r.required(f, 'version', root, '', POLICY_VERSION), 'version');
  if (version !== undefined && version !== POLICY_VERSION) {
    r.report(f.get('version'), 'version', 'UNSUPPORTED_VERSION', 'unsupported policy version', {
      expected: JSON.stringify(POLICY_VERSION),
      got: JSON.stringify(version),
      hint: `this release reads ${POLICY_VERSION}`,
    });
    return undefined;
  }
  const id = r.string(r.required(f, 'id', root, '', 'a policy id'), 'id');
  const name = r.string(r.required(f, 'name', root, '', 'a display name'), 'name');
  const source = f.has('source') ? r.string(f.get('source'), 'source') : '';
  const currency = currencyCode(r, r.required(f, 'currency', root, '', 'an ISO 4217 code'), 'currency');
  const billingZone = r.zone(r.required(f, 'billingZone', root, '', 'an IANA zone'), 'billingZone');

  const calendars = new Map<string, CalendarSpec>([[ALWAYS, { id: ALWAYS, kind: 'always' }]]);
  let calendarsOk = true;
  if (f.has('calendars')) {
    for (const [cid, node] of r.entries(f.get('calendars'), 'calendars')) {
      const spec = decodeCalendar(r, cid, node, join('calendars', cid));
      if (spec) calendars.set(cid, spec);
      else calendarsOk = false;
    }
  }

  // A policy for availability only names no priorities (its tiers then have no ticket targets).
  const priorities = f.has('priorities') ? decodePriorities(r, f.get('priorities')) : [];
  const priorityIds = new Set(priorities.map((p) => p.id));
  const checkPriority = (node: Node | undefined, path: string): string | undefined => {
    const p = r.string(node, path, 'a priority id');
    if (p !== undefined && priorities.length > 0 && !priorityIds.has(p)) {
      return r.report(node, path, 'UNKNOWN_PRIORITY', `"${p}" is not a priority of this policy`, { expected: `one of ${[...priorityIds].join(', ')}`, got: JSON.stringify(p) });
    }
    return p;
  };

  const defaultPriority = f.has('defaultPriority') ? (checkPriority(f.get('defaultPriority'), 'defaultPriority') ?? null) : null;
  const availability = decodeAvailability(r, f.get('availability'), billingZone);
  const ctx: TierContext = { r, calendars, calendarsOk, checkPriority, defaultAvailability: availability.target };
  const tiers = decodeTiers(r, r.required(f, 'tiers', root, '', 'a mapping of tier ids'), ctx);
  const rules = f.has('rules') ? decodeRules(r, f.get('rules'), checkPriority) : [];
  const exclusions = new Map<string, string>();
  if (f.has('exclusions')) {
    for (const [reason, node] of r.entries(f.get('exclusions'), 'exclusions', undefined, 'a mapping of reason → description')) {
      const text = r.string(node, join('exclusions', reason));
      if (text !== undefined) exclusions.set(reason, text);
    }
  }
  const pauseStatuses = f.has('pauseStatuses') ? r.stringList(f.get('pauseStatuses'), 'pauseStatuses') : [];
  const billingPeriod = decodeBillingPeriod(r, f);
  const regionCalendars = f.has('regionCalendars') ? decodeRegionCalendars(r, f.get('regionCalendars'), calendars) : new Map<string, Map<string, string>>();
  const credits = decodeCredits(r, f.get('credits'), currency, checkPriority);
  // A monthly bill has a fiscal year only for its cap per year.
  if (f.has('fiscalYearStart') && billingPeriod.kind === 'month' && credits.capPerYearPercent === null) {
    r.report(f.get('fiscalYearStart'), 'fiscalYearStart', 'NOT_FOR_PERIOD', 'a fiscal year start applies to quarters and to credits.capPerYear', { hint: 'add billingPeriod: quarter, or remove fiscalYearStart' });
  }
  // Eligibility counts months of a calendar year: it has no meaning for quarters.
  for (const [i, m] of credits.models.entries()) {
    if (billingPeriod.kind === 'quarter' && m.kind === 'availability-tiers' && (m.consecutiveMonths !== null || m.nthFailingMonthInYear !== null)) {
      r.report(f.get('credits'), join(join('credits.models', i), 'eligibility'), 'NOT_FOR_PERIOD', 'eligibility counts failing months: it does not apply to a policy billed by quarter', { hint: 'remove eligibility, or bill by month' });
    }
  }
  const assumptions = decodeAssumptions(r, f.get('assumptions'));

  if (r.issues.length > 0) return undefined;
  return {
    id: id!, name: name!, source: source ?? '', currency: currency!, billingZone: billingZone!, billingPeriod, regionCalendars, calendars, priorities,
    defaultPriority, tiers, rules, exclusions, pauseStatuses, availability, credits, assumptions,
  };
}

/** regionCalendars: {business: {emea: business-emea, apac: business-apac}} — each a business calendar of the policy. */
function decodeRegionCalendars(r: YamlReader, node: Node | undefined, calendars: ReadonlyMap<string, CalendarSpec>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const weekly = (id: string) => calendars.get(id)?.kind === 'weekly';
  const known = () => [...calendars.values()].filter((c) => c.kind === 'weekly').map((c) => c.id).join(', ') || '(none)';
  for (const [cal, byRegion] of r.entries(node, 'regionCalendars')) {
    const at = join('regionCalendars', cal);
    if (!weekly(cal)) r.report(byRegion, at, 'UNKNOWN_CALENDAR', `"${cal}" is not a business calendar of this policy`, { expected: `one of ${known()}` });
    const m = new Map<string, string>();
    for (const [region, value] of r.entries(byRegion, at)) {
      const id = r.string(value, join(at, region), 'a calendar id');
      if (id !== undefined && !weekly(id)) r.report(value, join(at, region), 'UNKNOWN_CALENDAR', `"${id}" is not a business calendar of this policy`, { expected: `one of ${known()}` });
      else if (id !== undefined) m.set(region.trim().toLowerCase(), id);
    }
    out.set(cal, m);
  }
  return out;
}

/** billingPeriod: month (default) or quarter; fiscalYearStart: the month (1–12) quarters count from. */
function decodeBillingPeriod(r: YamlReader, f: Map<string, Node | undefined>): BillingPeriod {
  const out: BillingPeriod = { ...MONTHLY };
  if (f.has('billingPeriod')) {
    const v = r.string(f.get('billingPeriod'), 'billingPeriod');
    if (v === 'month' || v === 'quarter') out.kind = v;
    else if (v !== undefined) r.report(f.get('billingPeriod'), 'billingPeriod', 'BAD_VALUE', 'not a billing period', { expected: 'month or quarter', got: JSON.stringify(v) });
  }
  if (f.has('fiscalYearStart')) {
    const n = r.number(f.get('fiscalYearStart'), 'fiscalYearStart', 'a month number, 1–12');
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 12)) r.report(f.get('fiscalYearStart'), 'fiscalYearStart', 'OUT_OF_RANGE', 'not a month number', { expected: '1 (January) to 12', got: String(n) });
    else if (n !== undefined) {
      out.fiscalYearStart = n;
    }
  }
  return out;
}

function currencyCode(r: YamlReader, node: Node | undefined, path: string): string | undefined {
  const c = r.string(node, path);
  if (c !== undefined && !/^[A-Z]{3}$/.test(c)) return r.report(node, path, 'BAD_CURRENCY', 'not a currency code', { expected: 'three capital letters such as "USD"', got: JSON.stringify(c) });
  return c;
}

function percentValue(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const n = r.number(node, path, 'a percentage from 0 to 100');
  if (n !== undefined && (n < 0 || n > 100)) return r.report(node, path, 'OUT_OF_RANGE', 'percentage out of range', { expected: 'a number from 0 to 100', got: String(n) });
  return n;
}

function positiveInt(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const n = r.number(node, path, 'a whole number ≥ 1');
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) return r.report(node, path, 'OUT_OF_RANGE', 'must be a whole number ≥ 1', { got: String(n) });
  return n;
}

function decodePriorities(r: YamlReader, node: Node | undefined): PriorityDef[] {
  const out: PriorityDef[] = [];
  const seen = new Map<string, string>();
  for (const [id, value] of r.entries(node, 'priorities')) {
    const path = join('priorities', id);
    const f = r.fields(value, path, ['name', 'aliases']);
    const name = f.has('name') ? r.string(f.get('name'), join(path, 'name')) : id;
    const aliases = f.has('aliases') ? r.stringList(f.get('aliases'), join(path, 'aliases')) : [];
    for (const word of [id, ...aliases]) {
      const key = word.toLowerCase();
      const owner = seen.get(key);
      if (owner !== undefined && owner !== id) {
        r.report(f.get('aliases') ?? value, join(path, 'aliases'), 'DUPLICATE_ALIAS', `"${word}" already means ${owner}`, { hint: 'an alias may name one priority only' });
      }
      seen.set(key, id);
    }
    out.push({ id, name: name ?? id, aliases });
  }
  return out;
}

interface TierContext {
  r: YamlReader;
  calendars: ReadonlyMap<string, CalendarSpec>;
  calendarsOk: boolean;
  checkPriority: (node: Node | undefined, path: string) => string | undefined;
  /** The policy's availability target for tiers that do not state their own. */
  defaultAvailability: number | null;
}

const TIER_KEYS = ['level', 'aliases', 'calendar', 'targets', 'availability', 'note'] as const;

function decodeTiers(r: YamlReader, node: Node | undefined, ctx: TierContext): TierDef[] {
  const tiers: TierDef[] = [];
  const names = new Map<string, string>();
  for (const [id, value] of r.entries(node, 'tiers')) {
    const path = join('tiers', id);
    const f = r.fields(value, path, TIER_KEYS);
    const aliases = f.has('aliases') ? r.stringList(f.get('aliases'), join(path, 'aliases')) : [];
    for (const word of [id, ...aliases]) {
      const owner = names.get(word.toLowerCase());
      if (owner !== undefined) r.report(f.get('aliases') ?? value, join(path, 'aliases'), 'DUPLICATE_ALIAS', `"${word}" already names tier ${owner}`, { hint: 'a tier name or alias may name one tier only' });
      names.set(word.toLowerCase(), id);
    }
    // null: the tier names a calendar that is not usable (reported already): its targets say nothing more.
    const calendar = f.has('calendar') ? (calendarRef(ctx, f.get('calendar'), join(path, 'calendar')) ?? null) : undefined;
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
      availabilityTarget = r.isNull(f.get('availability')) ? null : (percentValue(r, f.get('availability'), join(path, 'availability')) ?? null);
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
    return ctx.r.report(node, path, 'UNKNOWN_CALENDAR', `calendar "${id}" is not defined`, {
      expected: `one of ${[...ctx.calendars.keys()].join(', ')}`,
      got: JSON.stringify(id),
      hint: 'define it under calendars: or use 24x7',
    });
  }
  return id;
}

/** "4h" (on the tier's calendar) or {within: "4h", calendar: id}. */
function decodeTarget(ctx: TierContext, node: Node | undefined, path: string, tierCalendar: string | undefined | null): Target | undefined {
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
    return r.report(textNode, path, 'BAD_DURATION', 'not a target duration', {
      expected: DURATION_EXPECTED,
      got: JSON.stringify(text),
      hint: 'write a positive number and one of those units',
    });
  }
  if (d.unit === 'calendarDays') {
    if (explicitCalendar && calendar !== ALWAYS) {
      return r.report(node, path, 'CALENDAR_MISMATCH', 'calendar days are counted round the clock', { hint: 'drop the calendar or use 24x7' });
    }
    calendar = ALWAYS;
  }
  if (calendar === undefined) {
    if (tierCalendar === null && !explicitCalendar) return undefined;
    return r.report(node, path, 'MISSING_CALENDAR', 'the target has no calendar', { hint: 'set the tier\'s calendar: or write {within: ..., calendar: ...}' });
  }
  const spec = ctx.calendars.get(calendar);
  if (!spec) return undefined;
  if ((d.businessHours || d.unit === 'businessDays') && spec.kind === 'always') {
    return r.report(node, path, 'CALENDAR_MISMATCH', `"${text}" needs a business calendar, but the target runs on 24x7`, { hint: 'give a calendar with business hours' });
  }
  let ms = fixedMs(d);
  if (d.unit === 'businessDays') {
    const day = spec.kind === 'weekly' ? spec.businessDayMs : null;
    if (day === null) {
      return r.report(node, path, 'NO_BUSINESS_DAY', `calendar "${calendar}" has no business-day length`, { hint: `set calendars.${calendar}.businessDay (e.g. "9h")` });
    }
    ms = Math.round(d.amount * day);
  }
  // Response and resolution targets are hours or days; one beyond a year of working time is a typo, and its due times could pass 2199.
  if (ms! > MAX_TARGET_MS) return r.report(textNode, path, 'OUT_OF_RANGE', 'a target longer than a year', { expected: 'at most 365 days (8 760 hours) of working time', got: JSON.stringify(text) });
  return { amount: d.amount, unit: d.unit, calendar, ms: ms!, text };
}

const MAX_TARGET_MS = 365 * 86_400_000;

function decodeRules(r: YamlReader, node: Node | undefined, checkPriority: TierContext['checkPriority']): PriorityRule[] {
  const rules: PriorityRule[] = [];
  const TYPES = 'reclassify, downgrade-unless-incident or non-production';
  for (const [i, item] of r.list(node, 'rules').entries()) {
    const path = join('rules', i);
    const f = r.fields(item, path, ['type', 'from', 'to', 'when']);
    const type = r.string(r.required(f, 'type', item, path, TYPES), join(path, 'type'));
    const to = checkPriority(r.required(f, 'to', item, path, 'a priority id'), join(path, 'to'));
    const fromNode = r.required(f, 'from', item, path, 'a priority id or a list of them');
    const list = r.isList(fromNode) ? r.list(fromNode, join(path, 'from')) : [fromNode];
    const from = list.map((n, j) => checkPriority(n, r.isList(fromNode) ? join(join(path, 'from'), j) : join(path, 'from')));
    // The seed vendors' rules are two spellings of reclassify.
    let when: RuleCondition | undefined;
    if (type === 'downgrade-unless-incident') when = { kind: 'no-incident' };
    else if (type === 'non-production') when = { kind: 'non-production' };
    else if (type === 'reclassify') when = decodeCondition(r, r.required(f, 'when', item, path, 'no-incident, incident, production, non-production, or {field: value}'), join(path, 'when'));
    else if (type !== undefined) r.report(f.get('type'), join(path, 'type'), 'UNKNOWN_RULE', `unknown rule type "${type}"`, { expected: TYPES, got: JSON.stringify(type) });
    if (type !== 'reclassify' && f.has('when')) r.report(f.get('when'), join(path, 'when'), 'NOT_FOR_TYPE', `${type} has its condition built in`, { hint: 'use type: reclassify with when: for another condition' });
    if (when !== undefined && to !== undefined && from.every((p) => p !== undefined)) rules.push({ kind: 'reclassify', from: from as string[], to, when });
  }
  return rules;
}

/** when: no-incident | incident | production | non-production, or {status: [values]} (a ticket field, any case). */
function decodeCondition(r: YamlReader, node: Node | undefined, path: string): RuleCondition | undefined {
  if (r.isMapping(node)) {
    const entries = r.entries(node, path, RULE_FIELDS);
    if (entries.length !== 1) return r.report(node, path, 'BAD_VALUE', 'one field per condition', { expected: `one of ${RULE_FIELDS.join(', ')} with its values` }) ?? undefined;
    const [field, value] = entries[0]!;
    const values = (r.isList(value) ? r.stringList(value, join(path, field)) : [r.string(value, join(path, field)) ?? '']).map((v) => v.trim().toLowerCase());
    return { kind: 'field', field: field as RuleField, values };
  }
  const v = r.string(node, path);
  if (v === 'no-incident' || v === 'incident' || v === 'production' || v === 'non-production') return { kind: v };
  if (v !== undefined) r.report(node, path, 'BAD_VALUE', 'not a rule condition', { expected: 'no-incident, incident, production, non-production, or {status: [values]}', got: JSON.stringify(v) });
  return undefined;
}

/** SPEC 3.8: below 90% of the measurable time covered by evidence, a month gets no verdict from it. */
const DEFAULT_MINIMUM_COVERAGE = 90;

const AVAILABILITY_KEYS = ['target', 'maxSampleGap', 'noData', 'minimumCoverage', 'maintenance', 'downtime'] as const;
const DOWNTIME_KEYS = ['minimumOutage', 'bucket', 'bucketDown', 'servicesDown'] as const;

/** A fixed duration (s, m, h; not business time, not calendar days), or undefined with the problem reported. */
function fixedDuration(r: YamlReader, node: Node | undefined, path: string, example: string): number | undefined {
  const text = r.string(node, path);
  const d = text === undefined ? null : parseDuration(text);
  const ms = d && !d.businessHours && d.unit !== 'calendarDays' ? fixedMs(d) : null;
  if (text !== undefined && (ms === null || ms <= 0)) {
    r.report(node, path, 'BAD_DURATION', 'not a fixed duration', { expected: `a duration such as "${example}"`, got: JSON.stringify(text) });
    return undefined;
  }
  return ms ?? undefined;
}

/** availability.downtime (or a contract service's downtime): how the logs' outages become downtime (SPEC 3.8). */
export function decodeDowntime(r: YamlReader, node: Node | undefined, path = 'availability.downtime'): DowntimeDefinition {
  const f = r.fields(node, path, DOWNTIME_KEYS);
  const def: DowntimeDefinition = { ...AS_LOGGED };
  if (f.has('minimumOutage')) def.minimumOutageMs = fixedDuration(r, f.get('minimumOutage'), join(path, 'minimumOutage'), '1m') ?? null;
  if (f.has('bucket')) def.bucketMs = fixedDuration(r, f.get('bucket'), join(path, 'bucket'), '1m') ?? null;
  if (f.has('bucketDown')) {
    const node = f.get('bucketDown');
    const at = join(path, 'bucketDown');
    if (!f.has('bucket')) r.report(node, at, 'MISSING_KEY', 'bucketDown needs bucket: the length of the buckets', { hint: 'add bucket: 1m (or the contract\'s interval)' });
    if (r.isMapping(node)) {
      const g = r.fields(node, at, ['shareAbove']);
      const share = percentValue(r, r.required(g, 'shareAbove', node, at, 'a percentage such as 5'), join(at, 'shareAbove'));
      if (share !== undefined) def.bucketDown = { shareAbovePercent: share };
    } else {
      const v = r.string(node, at);
      if (v === 'any' || v === 'all') def.bucketDown = v;
      else if (v !== undefined) r.report(node, at, 'BAD_VALUE', 'not a bucket rule', { expected: 'any, all, or {shareAbove: <percent>}', got: JSON.stringify(v) });
    }
  }
  if (f.has('servicesDown')) {
    const n = r.number(f.get('servicesDown'), join(path, 'servicesDown'), 'a whole number of services, 1 or more');
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 1000)) r.report(f.get('servicesDown'), join(path, 'servicesDown'), 'OUT_OF_RANGE', 'not a number of services', { expected: 'a whole number from 1 to 1000', got: String(n) });
    else if (n !== undefined) def.servicesDown = n;
  }
  return def;
}

function decodeAvailability(r: YamlReader, node: Node | undefined, billingZone: string | undefined): AvailabilitySpec {
  const spec: AvailabilitySpec = { target: null, maxSampleGapMs: 300_000, noData: 'exclude', minimumCoveragePercent: DEFAULT_MINIMUM_COVERAGE, maintenance: [], downtime: AS_LOGGED };
  if (node === undefined) return spec;
  const f = r.fields(node, 'availability', AVAILABILITY_KEYS);
  if (f.has('target') && !r.isNull(f.get('target'))) spec.target = percentValue(r, f.get('target'), 'availability.target') ?? null;
  if (f.has('maxSampleGap')) spec.maxSampleGapMs = fixedDuration(r, f.get('maxSampleGap'), 'availability.maxSampleGap', '300s') ?? spec.maxSampleGapMs;
  if (f.has('noData')) {
    const v = r.string(f.get('noData'), 'availability.noData');
    if (v === 'exclude' || v === 'down' || v === 'up') spec.noData = v;
    else if (v !== undefined) r.report(f.get('noData'), 'availability.noData', 'BAD_VALUE', 'unknown no-data handling', { expected: 'exclude, down or up', got: JSON.stringify(v) });
  }
  if (f.has('downtime')) spec.downtime = decodeDowntime(r, f.get('downtime'));
  if (f.has('minimumCoverage')) spec.minimumCoveragePercent = percentValue(r, f.get('minimumCoverage'), 'availability.minimumCoverage') ?? spec.minimumCoveragePercent;
  if (f.has('maintenance')) {
    spec.maintenance = r.list(f.get('maintenance'), 'availability.maintenance').flatMap((item, i) => {
      const w = decodeWindow(r, item, join('availability.maintenance', i), billingZone);
      return w ? [w] : [];
    });
  }
  return spec;
}

/** {days: "sun", hours: "02:00-04:00", zone?: IANA} — a weekly maintenance window. */
export function decodeWindow(r: YamlReader, node: Node | undefined, path: string, defaultZone: string | undefined): RecurringWindow | undefined {
  const f = r.fields(node, path, ['days', 'hours', 'zone']);
  const days = decodeDays(r, r.required(f, 'days', node, path, 'a day or day range'), join(path, 'days'));
  const hours = decodeHours(r, r.required(f, 'hours', node, path, '"HH:MM-HH:MM"'), join(path, 'hours'));
  const zone = f.has('zone') ? r.zone(f.get('zone'), join(path, 'zone')) : defaultZone;
  if (!days || !hours || hours.length !== 1 || zone === undefined) return undefined;
  const [[startMinute, endMinute]] = hours as [[number, number]];
  return { days, startMinute, endMinute, zone };
}

const CREDIT_KEYS = ['cap', 'capPerYear', 'claimWindowDays', 'claimBy', 'minimumPayable', 'models'] as const;
const MODEL_KEYS = ['id', 'type', 'metrics', 'priorities', 'percent', 'atLeast', 'bands', 'eligibility', 'per', 'max', 'multiple', 'escalation'] as const;
const MODEL_TYPES = 'per-breach, threshold-count, availability-tiers, per-downtime or downtime-multiple';
const CLAIM_RULES = { daysAfter: 'days-after', endOfBillingCycle: 'end-of-billing-cycle', monthsAfter: 'months-after' } as const;

function decodeCredits(r: YamlReader, node: Node | undefined, currency: string | undefined, checkPriority: CheckPriority): CreditSpec {
  const spec: CreditSpec = { models: [], capPercent: null, capPerYearPercent: null, contractCapPercent: null, claimBy: null, minimumPayableMinor: null };
  if (node === undefined) return spec;
  const f = r.fields(node, 'credits', CREDIT_KEYS);
  if (f.has('cap') && !r.isNull(f.get('cap'))) spec.capPercent = percentValue(r, f.get('cap'), 'credits.cap') ?? null;
  if (f.has('capPerYear') && !r.isNull(f.get('capPerYear'))) spec.capPerYearPercent = percentValue(r, f.get('capPerYear'), 'credits.capPerYear') ?? null;
  // claimWindowDays: N is claimBy: {daysAfter: N}.
  if (f.has('claimWindowDays') && !r.isNull(f.get('claimWindowDays'))) {
    const n = positiveInt(r, f.get('claimWindowDays'), 'credits.claimWindowDays');
    if (n !== undefined) spec.claimBy = { kind: 'days-after', n };
  }
  if (f.has('claimBy') && !r.isNull(f.get('claimBy'))) {
    if (f.has('claimWindowDays')) r.report(f.get('claimBy'), 'credits.claimBy', 'CONFLICT', 'give claimBy or claimWindowDays, not both', { hint: 'claimWindowDays: N is claimBy: {daysAfter: N}' });
    const g = r.fields(f.get('claimBy'), 'credits.claimBy', Object.keys(CLAIM_RULES));
    if (g.size !== 1) r.report(f.get('claimBy'), 'credits.claimBy', 'BAD_VALUE', 'name one deadline rule', { expected: 'daysAfter: N, endOfBillingCycle: N or monthsAfter: N' });
    for (const [key, kind] of Object.entries(CLAIM_RULES)) {
      if (!g.has(key)) continue;
      const n = positiveInt(r, g.get(key), join('credits.claimBy', key));
      if (n !== undefined) spec.claimBy = { kind, n };
    }
  }
  if (f.has('minimumPayable') && !r.isNull(f.get('minimumPayable')) && currency !== undefined) {
    const text = r.string(f.get('minimumPayable'), 'credits.minimumPayable', 'an amount such as 1.00');
    const minor = text === undefined ? null : parseAmount(text, minorDigits(currency));
    if (text !== undefined && minor === null) r.report(f.get('minimumPayable'), 'credits.minimumPayable', 'BAD_AMOUNT', 'not an amount', { expected: `an amount in ${currency} such as "1.00"`, got: JSON.stringify(text) });
    else if (minor !== null) spec.minimumPayableMinor = minor;
  }
  const models: CreditModel[] = [];
  for (const [i, item] of (f.has('models') ? r.list(f.get('models'), 'credits.models') : []).entries()) {
    const model = decodeModel(r, item, join('credits.models', i), checkPriority);
    if (model) models.push(model);
  }
  spec.models = models;
  return spec;
}

type CheckPriority = (node: Node | undefined, path: string) => string | undefined;

function decodeModel(r: YamlReader, node: Node | undefined, path: string, checkPriority: CheckPriority): CreditModel | undefined {
  const f = r.fields(node, path, MODEL_KEYS);
  const id = r.string(r.required(f, 'id', node, path, 'a model id'), join(path, 'id'));
  const type = r.string(r.required(f, 'type', node, path, MODEL_TYPES), join(path, 'type'));
  let metrics: MetricId[] = [...METRICS];
  if (f.has('metrics')) {
    metrics = [];
    for (const [j, m] of r.stringList(f.get('metrics'), join(path, 'metrics')).entries()) {
      if ((METRICS as readonly string[]).includes(m)) metrics.push(m as MetricId);
      else r.report(f.get('metrics'), join(join(path, 'metrics'), j), 'BAD_VALUE', `unknown metric "${m}"`, { expected: METRICS.join(', '), got: JSON.stringify(m) });
    }
  }
  // Which priorities' failures a ticket model counts (an MSP's credits for P1 breaches only).
  let priorities: string[] | null = null;
  if (f.has('priorities')) {
    priorities = r.list(f.get('priorities'), join(path, 'priorities')).flatMap((n, j) => checkPriority(n, join(join(path, 'priorities'), j)) ?? []);
  }
  const onlyFor = (kinds: string[]) => {
    for (const key of ['metrics', 'priorities', 'percent', 'atLeast', 'bands', 'eligibility', 'per', 'max', 'multiple'] as const) {
      if (f.has(key) && !kinds.includes(key)) r.report(f.get(key), join(path, key), 'NOT_FOR_TYPE', `${key} does not apply to a ${type} model`, { hint: 'remove it, or choose the model type it belongs to' });
    }
  };
  if (id === undefined) return undefined;
  const escalation = f.has('escalation') ? decodeEscalation(r, f.get('escalation'), join(path, 'escalation')) : null;
  if (type === 'per-breach' || type === 'threshold-count') {
    onlyFor(['metrics', 'priorities', 'percent', 'atLeast']);
    const percent = percentValue(r, r.required(f, 'percent', node, path, 'a percentage'), join(path, 'percent'));
    if (type === 'per-breach') return percent === undefined ? undefined : { id, kind: type, metrics, priorities, percent, escalation };
    const atLeast = positiveInt(r, r.required(f, 'atLeast', node, path, 'a count'), join(path, 'atLeast'));
    return percent === undefined || atLeast === undefined ? undefined : { id, kind: type, metrics, priorities, atLeast, percent, escalation };
  }
  if (type === 'per-downtime') {
    onlyFor(['percent', 'per', 'max']);
    const percentPer = percentValue(r, r.required(f, 'percent', node, path, 'a percentage per step'), join(path, 'percent'));
    const perMs = fixedDuration(r, r.required(f, 'per', node, path, 'a duration such as 30m'), join(path, 'per'), '30m');
    const maxPercent = f.has('max') ? (percentValue(r, f.get('max'), join(path, 'max')) ?? null) : null;
    return percentPer === undefined || perMs === undefined ? undefined : { id, kind: type, percentPer, perMs, maxPercent, escalation };
  }
  if (type === 'downtime-multiple') {
    onlyFor(['multiple']);
    // Its amount is exact pro rata of the downtime; a further factor belongs in `multiple`.
    if (f.has('escalation')) r.report(f.get('escalation'), join(path, 'escalation'), 'NOT_FOR_TYPE', 'escalation does not apply to a downtime-multiple model', { hint: 'its credit already grows with the downtime; raise multiple instead' });
    const multiple = r.number(r.required(f, 'multiple', node, path, 'how many times the fee for the downtime, e.g. 10'), join(path, 'multiple'));
    if (multiple !== undefined && !(multiple > 0 && multiple <= 1000)) return r.report(f.get('multiple'), join(path, 'multiple'), 'OUT_OF_RANGE', 'must be more than 0 and at most 1000', { got: String(multiple) });
    return multiple === undefined ? undefined : { id, kind: type, multiple, escalation: null };
  }
  if (type === 'availability-tiers') {
    onlyFor(['bands', 'eligibility']);
    const bands = r.list(r.required(f, 'bands', node, path, 'a list of {below | atOrBelow, percent}'), join(path, 'bands')).flatMap((b, j) => {
      const bpath = join(join(path, 'bands'), j);
      const g = r.fields(b, bpath, ['below', 'atOrBelow', 'percent']);
      // "< 99.9%" is below; "≤ 99.9%" (GitHub, AWS "less than or equal") is atOrBelow.
      if (g.has('below') === g.has('atOrBelow')) r.report(b, bpath, 'BAD_VALUE', 'give the boundary as below or atOrBelow, one of them', { expected: '{below: 99.9, percent: 10} or {atOrBelow: 99.9, percent: 10}' });
      const inclusive = g.has('atOrBelow');
      const boundary = percentValue(r, g.get(inclusive ? 'atOrBelow' : 'below'), join(bpath, inclusive ? 'atOrBelow' : 'below'));
      const percent = percentValue(r, r.required(g, 'percent', b, bpath, 'a percentage'), join(bpath, 'percent'));
      return boundary === undefined || percent === undefined ? [] : [{ below: boundary, inclusive, percent }];
    });
    bands.sort((a, b) => b.below - a.below);
    let consecutiveMonths: number | null = null;
    let nthFailingMonthInYear: number | null = null;
    if (f.has('eligibility')) {
      const epath = join(path, 'eligibility');
      const g = r.fields(f.get('eligibility'), epath, ['consecutiveMonths', 'nthFailingMonthInYear']);
      if (g.has('consecutiveMonths')) consecutiveMonths = positiveInt(r, g.get('consecutiveMonths'), join(epath, 'consecutiveMonths')) ?? null;
      if (g.has('nthFailingMonthInYear')) nthFailingMonthInYear = positiveInt(r, g.get('nthFailingMonthInYear'), join(epath, 'nthFailingMonthInYear')) ?? null;
    }
    return { id, kind: type, bands, consecutiveMonths, nthFailingMonthInYear, escalation };
  }
  if (type !== undefined) {
    r.report(f.get('type'), join(path, 'type'), 'UNKNOWN_MODEL', `unknown credit model "${type}"`, { expected: MODEL_TYPES, got: JSON.stringify(type) });
  }
  return undefined;
}

/** escalation: [1, 2, 3] — factors for the 1st, 2nd and 3rd-or-later period in a row that owes a credit. */
function decodeEscalation(r: YamlReader, node: Node | undefined, path: string): number[] | null {
  const items = r.list(node, path);
  if (items.length === 0) return r.report(node, path, 'BAD_VALUE', 'no factors', { expected: 'a list of factors, one per period in a row, such as [1, 2]' }) ?? null;
  if (items.length > 24) return r.report(node, path, 'OUT_OF_RANGE', `${items.length} factors`, { expected: 'at most 24 (two years of months in a row)' }) ?? null;
  const factors = items.map((n, j) => {
    const v = r.number(n, join(path, j), 'a factor such as 2');
    if (v !== undefined && !(v > 0 && v <= 100 && Math.abs(Math.round(v * 1e6) - v * 1e6) < 1e-6)) {
      r.report(n, join(path, j), 'OUT_OF_RANGE', 'not a factor of the credit', { expected: 'more than 0, at most 100, with at most 6 decimals', got: String(v) });
      return undefined;
    }
    return v;
  });
  return factors.every((v) => v !== undefined) ? (factors as number[]) : null;
}

function decodeAssumptions(r: YamlReader, node: Node | undefined): Assumption[] {
  if (node === undefined) return [];
  const seen = new Set<string>();
  return r.list(node, 'assumptions').flatMap((item, i) => {
    const path = join('assumptions', i);
    const f = r.fields(item, path, ['id', 'text']);
    const id = r.string(r.required(f, 'id', item, path, 'an assumption id'), join(path, 'id'));
    const text = r.string(r.required(f, 'text', item, path, 'what was assumed and why'), join(path, 'text'));
    if (id !== undefined && seen.has(id)) r.report(f.get('id'), join(path, 'id'), 'DUPLICATE_ID', `assumption "${id}" is listed twice`, { hint: 'give each assumption its own id' });
    if (id !== undefined) seen.add(id);
    return id === undefined || text === undefined ? [] : [{ id, text }];
  });
}
