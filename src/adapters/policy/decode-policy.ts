import type { Node } from 'yaml';
import { MONTHLY, type BillingPeriod } from '../../core/period.js';
import { ALWAYS, type Assumption, type CalendarSpec, type Policy, type PriorityDef } from '../../core/policy/model.js';
import { decodeAvailability } from './decode-availability.js';
import { decodeCalendar } from './decode-calendar.js';
import { decodeClaim } from './decode-claim.js';
import { decodeCredits } from './decode-credits.js';
import { decodeRules } from './decode-rules.js';
import { decodeTiers, type TierContext } from './decode-tiers.js';
import { describe, join, type YamlReader } from './yaml-reader.js';

// The contract decoder reads a service's downtime and maintenance windows with the policy's own decoders.
export { decodeDowntime, decodeWindow } from './decode-availability.js';

export const POLICY_VERSION = 'sla-policy/v1';

const TOP_KEYS = [
  'version',
  'id',
  'name',
  'source',
  'currency',
  'billingZone',
  'billingPeriod',
  'fiscalYearStart',
  'fiscalYearNamedBy',
  'calendars',
  'regionCalendars',
  'priorities',
  'defaultPriority',
  'tiers',
  'rules',
  'exclusions',
  'pauseStatuses',
  'resolvedStatuses',
  'availability',
  'credits',
  'assumptions',
  'claim',
] as const;

/** Decode a parsed policy document; problems are left in `r.issues`. */
export function decodePolicy(r: YamlReader): Policy | undefined {
  const root = r.root;
  if (!r.isMapping(root)) {
    r.report(
      root,
      '',
      'NOT_A_MAPPING',
      {},
      {
        expected: `a mapping starting with "version: ${POLICY_VERSION}"`,
        got: describe(root),
      },
    );
    return undefined;
  }
  const f = r.fields(root, '', TOP_KEYS);
  const version = r.string(r.required(f, 'version', root, '', POLICY_VERSION), 'version');
  if (version !== undefined && version !== POLICY_VERSION) {
    r.report(
      f.get('version'),
      'version',
      'UNSUPPORTED_VERSION',
      { document: 'policy' },
      {
        expected: JSON.stringify(POLICY_VERSION),
        got: JSON.stringify(version),
        hint: `this release reads ${POLICY_VERSION}`,
      },
    );
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
      return r.report(
        node,
        path,
        'UNKNOWN_PRIORITY',
        { priority: p },
        {
          expected: `one of ${[...priorityIds].join(', ')}`,
          got: JSON.stringify(p),
        },
      );
    }
    return p;
  };

  const defaultPriority = f.has('defaultPriority')
    ? (checkPriority(f.get('defaultPriority'), 'defaultPriority') ?? null)
    : null;
  const availability = decodeAvailability(r, f.get('availability'), billingZone);
  const ctx: TierContext = { r, calendars, calendarsOk, checkPriority, defaultAvailability: availability.target };
  const tiers = decodeTiers(r, r.required(f, 'tiers', root, '', 'a mapping of tier ids'), ctx);
  const rules = f.has('rules') ? decodeRules(r, f.get('rules'), checkPriority) : [];
  const exclusions = new Map<string, string>();
  if (f.has('exclusions')) {
    for (const [reason, node] of r.entries(
      f.get('exclusions'),
      'exclusions',
      undefined,
      'a mapping of reason → description',
    )) {
      const text = r.string(node, join('exclusions', reason));
      if (text !== undefined) exclusions.set(reason, text);
    }
  }
  const pauseStatuses = f.has('pauseStatuses') ? r.stringList(f.get('pauseStatuses'), 'pauseStatuses') : [];
  const resolvedStatuses = f.has('resolvedStatuses') ? r.stringList(f.get('resolvedStatuses'), 'resolvedStatuses') : [];
  const billingPeriod = decodeBillingPeriod(r, f);
  const regionCalendars = f.has('regionCalendars')
    ? decodeRegionCalendars(r, f.get('regionCalendars'), calendars)
    : new Map<string, Map<string, string>>();
  const credits = decodeCredits(r, f.get('credits'), currency, checkPriority);
  // A monthly bill has a fiscal year only for its cap per year.
  if (f.has('fiscalYearStart') && billingPeriod.kind === 'month' && credits.capPerYearPercent === null) {
    r.report(
      f.get('fiscalYearStart'),
      'fiscalYearStart',
      'FISCAL_YEAR_NOT_FOR_PERIOD',
      {},
      { hint: 'add billingPeriod: quarter, or remove fiscalYearStart' },
    );
  }
  // Eligibility counts months of a calendar year: it has no meaning for quarters.
  for (const [i, m] of credits.models.entries()) {
    if (
      billingPeriod.kind === 'quarter' &&
      m.kind === 'availability-tiers' &&
      (m.consecutiveMonths !== null || m.nthFailingMonthInYear !== null)
    ) {
      r.report(
        f.get('credits'),
        join(join('credits.models', i), 'eligibility'),
        'ELIGIBILITY_NOT_FOR_PERIOD',
        {},
        { hint: 'remove eligibility, or bill by month' },
      );
    }
  }
  const assumptions = decodeAssumptions(r, f.get('assumptions'));
  const claim = decodeClaim(r, f.get('claim'));

  if (r.issues.length > 0) return undefined;
  return {
    id: id!,
    name: name!,
    source: source ?? '',
    currency: currency!,
    billingZone: billingZone!,
    billingPeriod,
    regionCalendars,
    calendars,
    priorities,
    defaultPriority,
    tiers,
    rules,
    exclusions,
    pauseStatuses,
    resolvedStatuses,
    availability,
    credits,
    assumptions,
    claim,
  };
}

/** regionCalendars: {business: {emea: business-emea, apac: business-apac}} — each a business calendar of the policy. */
function decodeRegionCalendars(
  r: YamlReader,
  node: Node | undefined,
  calendars: ReadonlyMap<string, CalendarSpec>,
): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const weekly = (id: string) => calendars.get(id)?.kind === 'weekly';
  const known = () =>
    [...calendars.values()]
      .filter((c) => c.kind === 'weekly')
      .map((c) => c.id)
      .join(', ') || '(none)';
  for (const [cal, byRegion] of r.entries(node, 'regionCalendars')) {
    const at = join('regionCalendars', cal);
    if (!weekly(cal))
      r.report(
        byRegion,
        at,
        'NOT_A_BUSINESS_CALENDAR',
        { calendar: cal },
        {
          expected: `one of ${known()}`,
        },
      );
    const m = new Map<string, string>();
    for (const [region, value] of r.entries(byRegion, at)) {
      const id = r.string(value, join(at, region), 'a calendar id');
      if (id !== undefined && !weekly(id))
        r.report(
          value,
          join(at, region),
          'NOT_A_BUSINESS_CALENDAR',
          { calendar: id },
          {
            expected: `one of ${known()}`,
          },
        );
      else if (id !== undefined) m.set(region.trim().toLowerCase(), id);
    }
    out.set(cal, m);
  }
  return out;
}

/**
 * billingPeriod: month (default) or quarter; fiscalYearStart: the month (1–12) quarters count from;
 * fiscalYearNamedBy: end (default, as most vendors name their fiscal years) or start.
 */
function decodeBillingPeriod(r: YamlReader, f: Map<string, Node | undefined>): BillingPeriod {
  const out: BillingPeriod = { ...MONTHLY };
  if (f.has('billingPeriod')) {
    const v = r.string(f.get('billingPeriod'), 'billingPeriod');
    if (v === 'month' || v === 'quarter') out.kind = v;
    else if (v !== undefined)
      r.report(
        f.get('billingPeriod'),
        'billingPeriod',
        'BAD_BILLING_PERIOD',
        {},
        {
          expected: 'month or quarter',
          got: JSON.stringify(v),
        },
      );
  }
  if (f.has('fiscalYearStart')) {
    const n = r.number(f.get('fiscalYearStart'), 'fiscalYearStart', 'a month number, 1–12');
    if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > 12))
      r.report(
        f.get('fiscalYearStart'),
        'fiscalYearStart',
        'BAD_MONTH_NUMBER',
        {},
        {
          expected: '1 (January) to 12',
          got: String(n),
        },
      );
    else if (n !== undefined) {
      out.fiscalYearStart = n;
    }
  }
  if (f.has('fiscalYearNamedBy')) {
    const node = f.get('fiscalYearNamedBy');
    const v = r.string(node, 'fiscalYearNamedBy');
    if (v === 'end' || v === 'start') out.fiscalYearNamedBy = v;
    else if (v !== undefined)
      r.report(
        node,
        'fiscalYearNamedBy',
        'BAD_FISCAL_NAMING',
        {},
        {
          expected: 'end (FY2027 runs from February 2026 to January 2027, as most vendors name it) or start (FY2026)',
          got: JSON.stringify(v),
        },
      );
    // Only fiscal quarters carry a fiscal year's name: elsewhere the key would say something that changes nothing.
    if (v !== undefined && (out.kind !== 'quarter' || out.fiscalYearStart === 1)) {
      r.report(
        node,
        'fiscalYearNamedBy',
        'NOT_FOR_PERIOD',
        {},
        { hint: 'remove it, or bill by quarter with a fiscalYearStart other than 1' },
      );
    }
  }
  return out;
}

function currencyCode(r: YamlReader, node: Node | undefined, path: string): string | undefined {
  const c = r.string(node, path);
  if (c !== undefined && !/^[A-Z]{3}$/.test(c))
    return r.report(
      node,
      path,
      'BAD_CURRENCY',
      {},
      {
        expected: 'three capital letters such as "USD"',
        got: JSON.stringify(c),
      },
    );
  return c;
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
        r.report(
          f.get('aliases') ?? value,
          join(path, 'aliases'),
          'ALIAS_TAKEN',
          { word, owner },
          { hint: 'an alias may name one priority only' },
        );
      }
      seen.set(key, id);
    }
    out.push({ id, name: name ?? id, aliases });
  }
  return out;
}

function decodeAssumptions(r: YamlReader, node: Node | undefined): Assumption[] {
  if (node === undefined) return [];
  const seen = new Set<string>();
  return r.list(node, 'assumptions').flatMap((item, i) => {
    const path = join('assumptions', i);
    const f = r.fields(item, path, ['id', 'text']);
    const id = r.string(r.required(f, 'id', item, path, 'an assumption id'), join(path, 'id'));
    const text = r.string(r.required(f, 'text', item, path, 'what was assumed and why'), join(path, 'text'));
    if (id !== undefined && seen.has(id))
      r.report(
        f.get('id'),
        join(path, 'id'),
        'DUPLICATE_ASSUMPTION',
        { id },
        {
          hint: 'give each assumption its own id',
        },
      );
    if (id !== undefined) seen.add(id);
    return id === undefined || text === undefined ? [] : [{ id, text }];
  });
}
