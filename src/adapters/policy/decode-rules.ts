import type { Node } from 'yaml';
import { RULE_FIELDS, type PriorityRule, type RuleCondition, type RuleField } from '../../core/policy/model.js';
import { join, type YamlReader } from './yaml-reader.js';

type CheckPriority = (node: Node | undefined, path: string) => string | undefined;

/** rules: reclassifications applied in order, each to the priority the previous ones left. */
export function decodeRules(r: YamlReader, node: Node | undefined, checkPriority: CheckPriority): PriorityRule[] {
  const rules: PriorityRule[] = [];
  const TYPES = 'reclassify, downgrade-unless-incident or non-production';
  for (const [i, item] of r.list(node, 'rules').entries()) {
    const path = join('rules', i);
    const f = r.fields(item, path, ['type', 'from', 'to', 'when']);
    const type = r.string(r.required(f, 'type', item, path, TYPES), join(path, 'type'));
    const to = checkPriority(r.required(f, 'to', item, path, 'a priority id'), join(path, 'to'));
    const fromNode = r.required(f, 'from', item, path, 'a priority id or a list of them');
    const list = r.isList(fromNode) ? r.list(fromNode, join(path, 'from')) : [fromNode];
    const from = list.map((n, j) =>
      checkPriority(n, r.isList(fromNode) ? join(join(path, 'from'), j) : join(path, 'from')),
    );
    // The seed vendors' rules are two spellings of reclassify.
    let when: RuleCondition | undefined;
    if (type === 'downgrade-unless-incident') when = { kind: 'no-incident' };
    else if (type === 'non-production') when = { kind: 'non-production' };
    else if (type === 'reclassify')
      when = decodeCondition(
        r,
        r.required(f, 'when', item, path, 'no-incident, incident, production, non-production, or {field: value}'),
        join(path, 'when'),
      );
    else if (type !== undefined)
      r.report(
        f.get('type'),
        join(path, 'type'),
        'UNKNOWN_RULE',
        { type },
        {
          expected: TYPES,
          got: JSON.stringify(type),
        },
      );
    if (type !== 'reclassify' && f.has('when'))
      r.report(
        f.get('when'),
        join(path, 'when'),
        'CONDITION_BUILT_IN',
        { type: String(type) },
        {
          hint: 'use type: reclassify with when: for another condition',
        },
      );
    if (when !== undefined && to !== undefined && from.every((p) => p !== undefined))
      rules.push({ kind: 'reclassify', from: from as string[], to, when });
  }
  return rules;
}

/** when: no-incident | incident | production | non-production, or {status: [values]} (a ticket field, any case). */
function decodeCondition(r: YamlReader, node: Node | undefined, path: string): RuleCondition | undefined {
  if (r.isMapping(node)) {
    const entries = r.entries(node, path, RULE_FIELDS);
    if (entries.length !== 1)
      return (
        r.report(
          node,
          path,
          'CONDITION_FIELDS',
          {},
          {
            expected: `one of ${RULE_FIELDS.join(', ')} with its values`,
          },
        ) ?? undefined
      );
    const [field, value] = entries[0]!;
    const values = (
      r.isList(value) ? r.stringList(value, join(path, field)) : [r.string(value, join(path, field)) ?? '']
    ).map((v) => v.trim().toLowerCase());
    return { kind: 'field', field: field as RuleField, values };
  }
  const v = r.string(node, path);
  if (v === 'no-incident' || v === 'incident' || v === 'production' || v === 'non-production') return { kind: v };
  if (v !== undefined)
    r.report(
      node,
      path,
      'BAD_CONDITION',
      {},
      {
        expected: 'no-incident, incident, production, non-production, or {status: [values]}',
        got: JSON.stringify(v),
      },
    );
  return undefined;
}
