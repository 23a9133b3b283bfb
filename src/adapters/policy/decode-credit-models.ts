import type { Node } from 'yaml';
import { METRICS, type CreditModel, type MetricId, type StepRounding } from '../../core/policy/model.js';
import { fixedDuration, hasSixDecimals, percentValue, positiveInt } from './decode-values.js';
import { join, type YamlReader } from './yaml-reader.js';

const MODEL_KEYS = [
  'id',
  'type',
  'metrics',
  'priorities',
  'percent',
  'atLeast',
  'bands',
  'eligibility',
  'per',
  'max',
  'multiple',
  'monthlyHours',
  'step',
  'rounding',
  'escalation',
] as const;
/** The keys that belong to some model types only (every key but the id, the type and escalation). */
const TYPED_KEYS = MODEL_KEYS.filter((k) => k !== 'id' && k !== 'type' && k !== 'escalation');
const MODEL_TYPES =
  'per-breach, threshold-count, availability-tiers, days-of-service, per-downtime, downtime-multiple or hourly-rate';
const ROUNDINGS: readonly StepRounding[] = ['up', 'down', 'nearest'];

export type CheckPriority = (node: Node | undefined, path: string) => string | undefined;

/** One entry of credits.models; `firstId` is shared by the policy's models so an id is defined once. */
export function decodeModel(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  checkPriority: CheckPriority,
  firstId: Map<string, { line?: number; path: string }>,
): CreditModel | undefined {
  const f = r.fields(node, path, MODEL_KEYS);
  const id = r.string(r.required(f, 'id', node, path, 'a model id'), join(path, 'id'));
  if (id !== undefined) {
    const first = firstId.get(id);
    if (first === undefined) firstId.set(id, { ...r.position(f.get('id')), path: join(path, 'id') });
    else {
      r.report(
        f.get('id'),
        join(path, 'id'),
        'DUPLICATE_ID',
        { id, ...(first.line !== undefined ? { line: first.line } : {}), path: first.path },
        {
          expected: 'an id no other model of the policy has',
          got: JSON.stringify(id),
          hint: 'give each model its own id: contracts and reports name a model by it',
        },
      );
    }
  }
  const type = r.string(r.required(f, 'type', node, path, MODEL_TYPES), join(path, 'type'));
  let metrics: MetricId[] = [...METRICS];
  if (f.has('metrics')) {
    metrics = [];
    for (const [j, m] of r.stringList(f.get('metrics'), join(path, 'metrics')).entries()) {
      if ((METRICS as readonly string[]).includes(m)) metrics.push(m as MetricId);
      else
        r.report(
          f.get('metrics'),
          join(join(path, 'metrics'), j),
          'UNKNOWN_METRIC',
          { metric: m },
          {
            expected: METRICS.join(', '),
            got: JSON.stringify(m),
          },
        );
    }
  }
  // Which priorities' failures a ticket model counts (an MSP's credits for P1 breaches only).
  let priorities: string[] | null = null;
  if (f.has('priorities')) {
    priorities = r
      .list(f.get('priorities'), join(path, 'priorities'))
      .flatMap((n, j) => checkPriority(n, join(join(path, 'priorities'), j)) ?? []);
  }
  const onlyFor = (kinds: string[]) => {
    for (const key of TYPED_KEYS) {
      if (f.has(key) && !kinds.includes(key))
        r.report(
          f.get(key),
          join(path, key),
          'NOT_FOR_TYPE',
          { key, type: String(type) },
          {
            hint: 'remove it, or choose the model type it belongs to',
          },
        );
    }
  };
  if (id === undefined) return undefined;
  const escalation = f.has('escalation') ? decodeEscalation(r, f.get('escalation'), join(path, 'escalation')) : null;
  if (type === 'per-breach' || type === 'threshold-count') {
    onlyFor(['metrics', 'priorities', 'percent', 'atLeast']);
    const percent = percentValue(r, r.required(f, 'percent', node, path, 'a percentage'), join(path, 'percent'));
    if (type === 'per-breach')
      return percent === undefined ? undefined : { id, kind: type, metrics, priorities, percent, escalation };
    const atLeast = positiveInt(r, r.required(f, 'atLeast', node, path, 'a count'), join(path, 'atLeast'));
    return percent === undefined || atLeast === undefined
      ? undefined
      : { id, kind: type, metrics, priorities, atLeast, percent, escalation };
  }
  if (type === 'per-downtime') {
    onlyFor(['percent', 'per', 'max']);
    const percentPer = percentValue(
      r,
      r.required(f, 'percent', node, path, 'a percentage per step'),
      join(path, 'percent'),
    );
    const perMs = fixedDuration(
      r,
      r.required(f, 'per', node, path, 'a duration such as 30m'),
      join(path, 'per'),
      '30m',
    );
    const maxPercent = f.has('max') ? (percentValue(r, f.get('max'), join(path, 'max')) ?? null) : null;
    return percentPer === undefined || perMs === undefined
      ? undefined
      : { id, kind: type, percentPer, perMs, maxPercent, escalation };
  }
  if (type === 'downtime-multiple') {
    onlyFor(['multiple']);
    // Its amount is exact pro rata of the downtime; a further factor belongs in `multiple`.
    if (f.has('escalation'))
      r.report(
        f.get('escalation'),
        join(path, 'escalation'),
        'ESCALATION_NOT_FOR_MULTIPLE',
        {},
        { hint: 'its credit already grows with the downtime; raise multiple instead' },
      );
    const multiple = r.number(
      r.required(f, 'multiple', node, path, 'how many times the fee for the downtime, e.g. 10'),
      join(path, 'multiple'),
    );
    // At most 6 decimals: the amount is computed from it exactly, in millionths.
    if (multiple !== undefined && !(multiple > 0 && multiple <= 1000 && hasSixDecimals(multiple)))
      return r.report(f.get('multiple'), join(path, 'multiple'), 'BAD_MULTIPLE', {}, { got: String(multiple) });
    return multiple === undefined ? undefined : { id, kind: type, multiple, escalation: null };
  }
  if (type === 'availability-tiers') {
    onlyFor(['bands', 'eligibility']);
    const bands = decodeBands(
      r,
      r.required(f, 'bands', node, path, 'a list of {below | atOrBelow, percent}'),
      join(path, 'bands'),
      'percent',
    ).map(({ value, ...b }) => ({ ...b, percent: value }));
    let consecutiveMonths: number | null = null;
    let nthFailingMonthInYear: number | null = null;
    if (f.has('eligibility')) {
      const epath = join(path, 'eligibility');
      const g = r.fields(f.get('eligibility'), epath, ['consecutiveMonths', 'nthFailingMonthInYear']);
      if (g.has('consecutiveMonths'))
        consecutiveMonths = positiveInt(r, g.get('consecutiveMonths'), join(epath, 'consecutiveMonths')) ?? null;
      if (g.has('nthFailingMonthInYear'))
        nthFailingMonthInYear =
          positiveInt(r, g.get('nthFailingMonthInYear'), join(epath, 'nthFailingMonthInYear')) ?? null;
    }
    return { id, kind: type, bands, consecutiveMonths, nthFailingMonthInYear, escalation };
  }
  if (type === 'days-of-service' || type === 'hourly-rate') {
    // Their amounts are exact shares of the fee (days of the period, hours it buys); a factor applied to a rounded percentage would not be.
    if (f.has('escalation'))
      r.report(
        f.get('escalation'),
        join(path, 'escalation'),
        'ESCALATION_NOT_FOR_TYPE',
        { type },
        { hint: type === 'hourly-rate' ? 'raise multiple instead' : 'state the days of each band' },
      );
  }
  if (type === 'days-of-service') {
    onlyFor(['bands']);
    const bands = decodeBands(
      r,
      r.required(f, 'bands', node, path, 'a list of {below | atOrBelow, days}'),
      join(path, 'bands'),
      'days',
    ).map(({ value, ...b }) => ({ ...b, days: value }));
    return { id, kind: type, bands, escalation: null };
  }
  if (type === 'hourly-rate') {
    onlyFor(['monthlyHours', 'step', 'rounding', 'multiple']);
    const hoursNode = r.required(f, 'monthlyHours', node, path, "the hours a month's fee buys, such as 672");
    const monthlyHours = r.number(hoursNode, join(path, 'monthlyHours'), 'a whole number of hours, 1 to 744');
    if (monthlyHours !== undefined && !(Number.isInteger(monthlyHours) && monthlyHours >= 1 && monthlyHours <= 744))
      r.report(
        hoursNode,
        join(path, 'monthlyHours'),
        'BAD_MONTHLY_HOURS',
        {},
        {
          expected: 'a whole number from 1 to 744 (31 days)',
          got: String(monthlyHours),
        },
      );
    const stepMs = fixedDuration(
      r,
      r.required(f, 'step', node, path, 'a duration such as 5m'),
      join(path, 'step'),
      '5m',
    );
    const roundingNode = r.required(f, 'rounding', node, path, 'up, down or nearest');
    const rounding = r.string(roundingNode, join(path, 'rounding'));
    if (rounding !== undefined && !(ROUNDINGS as readonly string[]).includes(rounding))
      r.report(
        roundingNode,
        join(path, 'rounding'),
        'BAD_ROUNDING',
        {},
        {
          expected: 'up (each started step counts), down (whole steps only) or nearest',
          got: JSON.stringify(rounding),
        },
      );
    const multiple = f.has('multiple') ? factor(r, f.get('multiple'), join(path, 'multiple')) : 1;
    const ok =
      monthlyHours !== undefined &&
      Number.isInteger(monthlyHours) &&
      monthlyHours >= 1 &&
      monthlyHours <= 744 &&
      stepMs !== undefined &&
      (ROUNDINGS as readonly string[]).includes(rounding ?? '') &&
      multiple !== undefined;
    return ok
      ? { id, kind: type, monthlyHours, stepMs, rounding: rounding as StepRounding, multiple, escalation: null }
      : undefined;
  }
  if (type !== undefined) {
    r.report(
      f.get('type'),
      join(path, 'type'),
      'UNKNOWN_MODEL',
      { type },
      {
        expected: MODEL_TYPES,
        got: JSON.stringify(type),
      },
    );
  }
  return undefined;
}

/**
 * bands: [{below | atOrBelow: X, percent | days: N}], sorted by boundary, highest first. "< 99.9%" is below;
 * "≤ 99.9%" (GitHub, AWS "less than or equal") is atOrBelow.
 */
function decodeBands(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  valueKey: 'percent' | 'days',
): Array<{ below: number; inclusive: boolean; value: number }> {
  const example = valueKey === 'percent' ? 'percent: 10' : 'days: 3';
  const bands = r.list(node, path).flatMap((b, j) => {
    const bpath = join(path, j);
    const g = r.fields(b, bpath, ['below', 'atOrBelow', valueKey]);
    if (g.has('below') === g.has('atOrBelow'))
      r.report(
        b,
        bpath,
        'BAD_BAND_BOUNDARY',
        {},
        {
          expected: `{below: 99.9, ${example}} or {atOrBelow: 99.9, ${example}}`,
        },
      );
    const inclusive = g.has('atOrBelow');
    const boundary = percentValue(
      r,
      g.get(inclusive ? 'atOrBelow' : 'below'),
      join(bpath, inclusive ? 'atOrBelow' : 'below'),
    );
    const valueNode = r.required(
      g,
      valueKey,
      b,
      bpath,
      valueKey === 'percent' ? 'a percentage' : 'a whole number of days',
    );
    const value =
      valueKey === 'percent'
        ? percentValue(r, valueNode, join(bpath, valueKey))
        : wholeDays(r, valueNode, join(bpath, valueKey));
    return boundary === undefined || value === undefined ? [] : [{ below: boundary, inclusive, value }];
  });
  return bands.sort((a, b) => b.below - a.below);
}

/** Days of service: a whole number from 1 to 366 (a year). */
function wholeDays(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const n = r.number(node, path, 'a whole number of days');
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 366))
    return r.report(
      node,
      path,
      'BAD_DAYS',
      {},
      {
        expected: 'a whole number from 1 to 366',
        got: String(n),
      },
    );
  return n;
}

/** A multiple of a credit: more than 0, at most 1000, with at most 6 decimals (amounts are computed from it exactly). */
function factor(r: YamlReader, node: Node | undefined, path: string): number | undefined {
  const v = r.number(node, path, 'a factor such as 1');
  if (v !== undefined && !(v > 0 && v <= 1000 && hasSixDecimals(v)))
    return r.report(
      node,
      path,
      'BAD_CREDIT_MULTIPLE',
      {},
      {
        expected: 'more than 0, at most 1000, with at most 6 decimals',
        got: String(v),
      },
    );
  return v;
}

/** escalation: [1, 2, 3] — factors for the 1st, 2nd and 3rd-or-later period in a row that owes a credit. */
function decodeEscalation(r: YamlReader, node: Node | undefined, path: string): number[] | null {
  const items = r.list(node, path);
  if (items.length === 0)
    return (
      r.report(
        node,
        path,
        'NO_FACTORS',
        {},
        {
          expected: 'a list of factors, one per period in a row, such as [1, 2]',
        },
      ) ?? null
    );
  if (items.length > 24)
    return (
      r.report(
        node,
        path,
        'TOO_MANY_FACTORS',
        { factors: items.length },
        {
          expected: 'at most 24 (two years of months in a row)',
        },
      ) ?? null
    );
  const factors = items.map((n, j) => {
    const v = r.number(n, join(path, j), 'a factor such as 2');
    if (v !== undefined && !(v > 0 && v <= 100 && hasSixDecimals(v))) {
      r.report(
        n,
        join(path, j),
        'BAD_FACTOR',
        {},
        {
          expected: 'more than 0, at most 100, with at most 6 decimals',
          got: String(v),
        },
      );
      return undefined;
    }
    return v;
  });
  return factors.every((v) => v !== undefined) ? (factors as number[]) : null;
}
