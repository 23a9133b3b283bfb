import { isScalar, type Node } from 'yaml';
import type { ContractParties } from '../../core/contract.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';

/** The contract's keys naming who claims from whom and under which agreement. */
export const PARTY_KEYS = ['reference', 'customer', 'vendor', 'accounts'] as const;

/**
 * Who claims a credit from whom, and what the claim must name: the agreement's reference, the customer's
 * legal name, the vendor and where it takes claims, the accounts covered. A vendor may refuse a claim
 * that lacks one of these, so each is checked here, at its line.
 */
export function decodeContractParties(r: YamlReader, f: Map<string, Node | undefined>): ContractParties {
  const reference = f.has('reference')
    ? asWritten(r, f.get('reference'), 'reference', 'the contract or agreement number, as the vendor knows it')
    : null;
  const customer = f.has('customer')
    ? (r.string(f.get('customer'), 'customer', "the customer's legal name") ?? null)
    : null;
  let vendor: ContractParties['vendor'] = null;
  if (f.has('vendor')) {
    const g = r.fields(f.get('vendor'), 'vendor', ['name', 'claimsContact']);
    vendor = {
      name: g.has('name') ? (r.string(g.get('name'), join('vendor', 'name'), "the vendor's name") ?? null) : null,
      claimsContact: g.has('claimsContact')
        ? (r.string(
            g.get('claimsContact'),
            join('vendor', 'claimsContact'),
            "where the vendor takes claims: an e-mail, its support portal's URL, or a phone",
          ) ?? null)
        : null,
    };
  }
  const accountIds = f.has('accounts')
    ? ids(r, f.get('accounts'), 'accounts', 'a list of the account, project or subscription ids a claim names')
    : [];
  return { reference, customer, vendor, accountIds };
}

/**
 * A list of ids as written, each named once: a claim naming an id twice reads as a copy-and-paste slip.
 */
export function ids(r: YamlReader, node: Node | undefined, path: string, expected: string): string[] {
  const items = r.list(node, path, expected);
  const list = items.flatMap((item, i) => asWritten(r, item, join(path, i), 'an id') ?? []);
  const again = list.findIndex((id, i) => list.indexOf(id) !== i);
  if (again >= 0 && list.length === items.length)
    r.report(
      items[again],
      join(path, again),
      'DUPLICATE',
      { name: list[again]! },
      {
        hint: 'name each id once',
      },
    );
  return list;
}

/**
 * A reference or id as the vendor writes it: YAML reads `012345678901` (an AWS account) as a number and
 * would drop its leading zero, so a number is taken as its source text.
 */
function asWritten(r: YamlReader, node: Node | undefined, path: string, expected: string): string | null {
  if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string') return node.source;
  return r.string(node, path, expected) ?? null;
}
