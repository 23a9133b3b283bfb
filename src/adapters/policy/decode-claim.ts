import type { Node } from 'yaml';
import { CLAIM_ITEMS, type ClaimItem, type ClaimProcedure } from '../../core/policy/model.js';
import { join, type YamlReader } from './yaml-reader.js';

const CLAIM_KEYS = ['via', 'to', 'subject', 'requires', 'perService', 'says'] as const;
const VIAS: ReadonlyArray<ClaimProcedure['via']> = ['support-case', 'email', 'portal'];

/**
 * claim: how the vendor takes a credit claim — `via` a support case, an e-mail or a portal, `to`
 * where, the `subject` it asks for, the contract items it `requires`, one request per service or
 * not, and what it `says` a claim must hold.
 */
export function decodeClaim(r: YamlReader, node: Node | undefined): ClaimProcedure | null {
  if (node === undefined || r.isNull(node)) return null;
  const f = r.fields(node, 'claim', CLAIM_KEYS);
  const viaNode = r.required(f, 'via', node, 'claim', VIAS.join(', '));
  const via = r.string(viaNode, 'claim.via');
  if (via !== undefined && !VIAS.includes(via as ClaimProcedure['via']))
    r.report(
      viaNode,
      'claim.via',
      'BAD_CLAIM_VIA',
      {},
      {
        expected: VIAS.join(', '),
        got: JSON.stringify(via),
      },
    );
  const subject = r.string(
    r.required(f, 'subject', node, 'claim', 'the subject line the vendor asks for'),
    'claim.subject',
  );
  const requires: ClaimItem[] = [];
  if (f.has('requires')) {
    const list = f.get('requires');
    for (const [i, item] of r.stringList(list, 'claim.requires').entries()) {
      if ((CLAIM_ITEMS as readonly string[]).includes(item)) requires.push(item as ClaimItem);
      else
        r.report(
          list,
          join('claim.requires', i),
          'BAD_CLAIM_ITEM',
          {},
          {
            expected: CLAIM_ITEMS.join(', '),
            got: JSON.stringify(item),
          },
        );
    }
  }
  const text = (key: 'to' | 'says') => (f.has(key) ? (r.string(f.get(key), join('claim', key)) ?? null) : null);
  return {
    via: (via ?? 'support-case') as ClaimProcedure['via'],
    to: text('to'),
    subject: subject ?? '',
    requires,
    perService: f.has('perService') ? r.boolean(f.get('perService'), 'claim.perService') === true : false,
    says: text('says'),
  };
}
