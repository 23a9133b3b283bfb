import type { Node } from 'yaml';
import { type CreditModel, type CreditSpec } from '../../core/policy/model.js';
import { minorDigits, parseAmount } from '../../core/money.js';
import { checkAmount } from './decode-amount.js';
import { decodeModel, type CheckPriority } from './decode-credit-models.js';
import { percentValue, positiveInt } from './decode-values.js';
import { join, type YamlReader } from './yaml-reader.js';

const CREDIT_KEYS = ['cap', 'capPerYear', 'claimWindowDays', 'claimBy', 'minimumPayable', 'models'] as const;
const CLAIM_RULES = {
  daysAfter: 'days-after',
  endOfBillingCycle: 'end-of-billing-cycle',
  monthsAfter: 'months-after',
} as const;
/**
 * The longest claim windows: ten years (of days, of months; of billing cycles, which may be quarters).
 * A deadline is a date of the report, and dates are of the years 1900–2199: a million months would
 * write "85360-02-29". Longer windows are no deadline in practice: leave claimBy out instead.
 */
const CLAIM_LIMITS = { daysAfter: 3660, endOfBillingCycle: 40, monthsAfter: 120 } as const;
const CLAIM_WHY = 'a deadline is at most ten years after the period; for no deadline, leave claimBy out';

export function decodeCredits(
  r: YamlReader,
  node: Node | undefined,
  currency: string | undefined,
  checkPriority: CheckPriority,
): CreditSpec {
  const spec: CreditSpec = {
    models: [],
    capPercent: null,
    capPerYearPercent: null,
    contractCapPercent: null,
    claimBy: null,
    minimumPayableMinor: null,
  };
  if (node === undefined) return spec;
  const f = r.fields(node, 'credits', CREDIT_KEYS);
  if (f.has('cap') && !r.isNull(f.get('cap'))) spec.capPercent = percentValue(r, f.get('cap'), 'credits.cap') ?? null;
  if (f.has('capPerYear') && !r.isNull(f.get('capPerYear')))
    spec.capPerYearPercent = percentValue(r, f.get('capPerYear'), 'credits.capPerYear') ?? null;
  // claimWindowDays: N is claimBy: {daysAfter: N}.
  if (f.has('claimWindowDays') && !r.isNull(f.get('claimWindowDays'))) {
    const n = positiveInt(r, f.get('claimWindowDays'), 'credits.claimWindowDays', CLAIM_LIMITS.daysAfter, CLAIM_WHY);
    if (n !== undefined) spec.claimBy = { kind: 'days-after', n };
  }
  if (f.has('claimBy') && !r.isNull(f.get('claimBy'))) {
    if (f.has('claimWindowDays'))
      r.report(
        f.get('claimBy'),
        'credits.claimBy',
        'CONFLICT',
        {},
        {
          hint: 'claimWindowDays: N is claimBy: {daysAfter: N}',
        },
      );
    const g = r.fields(f.get('claimBy'), 'credits.claimBy', Object.keys(CLAIM_RULES));
    if (g.size !== 1)
      r.report(
        f.get('claimBy'),
        'credits.claimBy',
        'BAD_CLAIM_DEADLINE',
        {},
        {
          expected: 'daysAfter: N, endOfBillingCycle: N or monthsAfter: N',
        },
      );
    for (const [key, kind] of Object.entries(CLAIM_RULES)) {
      if (!g.has(key)) continue;
      const n = positiveInt(
        r,
        g.get(key),
        join('credits.claimBy', key),
        CLAIM_LIMITS[key as keyof typeof CLAIM_LIMITS],
        CLAIM_WHY,
      );
      if (n !== undefined) spec.claimBy = { kind, n };
    }
  }
  if (f.has('minimumPayable') && !r.isNull(f.get('minimumPayable')) && currency !== undefined) {
    const node = f.get('minimumPayable');
    const text = r.source(node, 'credits.minimumPayable', 'an amount such as 1.00');
    const at = { node, path: 'credits.minimumPayable', text: text ?? '' };
    if (
      text !== undefined &&
      checkAmount(r, at, currency, { whole: '1', tooLargeHint: 'check the amount and its currency' })
    )
      spec.minimumPayableMinor = parseAmount(text, minorDigits(currency));
  }
  const models: CreditModel[] = [];
  // Contracts (services.*.credits), escalation and reports find a model by its id: two models with one id would
  // silently take each other's place.
  const firstId = new Map<string, { line?: number; path: string }>();
  for (const [i, item] of (f.has('models') ? r.list(f.get('models'), 'credits.models') : []).entries()) {
    const model = decodeModel(r, item, join('credits.models', i), checkPriority, firstId);
    if (model) models.push(model);
  }
  spec.models = models;
  return spec;
}
