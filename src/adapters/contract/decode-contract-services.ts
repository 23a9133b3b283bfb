import type { Node } from 'yaml';
import type { ContractService } from '../../core/contract.js';
import { sumPercents } from '../../core/money.js';
import { sixDecimals } from '../policy/decode-values.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';
import { decodeServiceDowntime } from './decode-availability.js';
import { ids } from './decode-contract-parties.js';

export interface ContractServices {
  /** The log services in scope. */
  services: string[] | null;
  /** The contract's own services, when `services:` is a mapping. */
  serviceDefs: ContractService[] | null;
  /** Each service's `credits:` node, checked against the policy's models. */
  creditNodes: Map<string, Node | undefined>;
  /** Each service's node and its `downtime:` node, for problems found against the policy. */
  serviceNodes: Map<string, { service: Node | undefined; downtime: Node | undefined }>;
}

/** Reads an amount at its node (reporting what is wrong with it): its text as written, or null. */
export type ReadAmount = (node: Node | undefined, path: string, expected: string, whole: string) => string | null;

/**
 * A contract's `services:` section. A list names the log services in scope; a mapping defines the
 * contract's services, each of log services (components), with its own target and fee:
 * {us-east-1: {components: [...], fee: 1234.60}}.
 */
export function decodeContractServices(r: YamlReader, node: Node | undefined, amount: ReadAmount): ContractServices {
  let services: string[] | null = null;
  let serviceDefs: ContractService[] | null = null;
  const creditNodes = new Map<string, Node | undefined>();
  const serviceNodes = new Map<string, { service: Node | undefined; downtime: Node | undefined }>();
  if (r.isMapping(node)) {
    serviceDefs = r.entries(node, 'services').map(([name, value, pair]): ContractService => {
      const at = join('services', name);
      if (name === 'all')
        r.report(
          value,
          at,
          'RESERVED_SERVICE',
          {},
          {
            hint: 'name the service otherwise',
          },
        );
      const g = r.fields(value, at, ['components', 'target', 'fee', 'share', 'downtime', 'credits', 'resources']);
      const components = g.has('components') ? r.stringList(g.get('components'), join(at, 'components')) : [name];
      const again = components.findIndex((c, i) => components.indexOf(c) !== i);
      if (again >= 0)
        r.report(
          r.list(g.get('components'), join(at, 'components'))[again],
          join(join(at, 'components'), again),
          'DUPLICATE',
          { name: components[again]! },
          { hint: 'name each log service once' },
        );
      const all = g.has('components') ? components.findIndex((c) => c.toLowerCase() === 'all') : -1;
      if (all >= 0)
        r.report(
          r.list(g.get('components'), join(at, 'components'))[all],
          join(join(at, 'components'), all),
          'RESERVED_COMPONENT',
          {},
          { hint: 'name the log services the service is made of' },
        );
      if (g.has('components') && components.length === 0)
        r.report(
          g.get('components'),
          join(at, 'components'),
          'EMPTY_LIST',
          {},
          { hint: 'name the services of the uptime logs it is made of' },
        );
      const target = g.has('target') ? r.number(g.get('target'), join(at, 'target'), 'a percentage') : undefined;
      if (target !== undefined && target >= 0 && target <= 100)
        sixDecimals(r, g.get('target'), join(at, 'target'), target);
      else if (target !== undefined && (target < 0 || target > 100))
        r.report(
          g.get('target'),
          join(at, 'target'),
          'BAD_PERCENT',
          {},
          {
            expected: 'a number from 0 to 100',
            got: String(target),
          },
        );
      let fee: string | null = null;
      if (g.has('fee'))
        fee = amount(g.get('fee'), join(at, 'fee'), 'the monthly fee of this service, such as 1234.60', '1234');
      // Or its share of the contract's fee, in percent.
      let share: number | null = null;
      if (g.has('share')) {
        const v = r.number(g.get('share'), join(at, 'share'), 'a percentage of the contract fee');
        if (g.has('fee')) r.report(g.get('share'), join(at, 'share'), 'FEE_OR_SHARE', {});
        else if (v !== undefined && !(v > 0 && v <= 100))
          r.report(
            g.get('share'),
            join(at, 'share'),
            'BAD_SHARE',
            {},
            {
              expected: 'a percentage more than 0, at most 100',
              got: String(v),
            },
          );
        else if (v !== undefined && sixDecimals(r, g.get('share'), join(at, 'share'), v, 'a share of the fee'))
          share = v;
      }
      // Key by key over the policy's definition: what the service does not state stays the policy's.
      const downtime = g.has('downtime') ? decodeServiceDowntime(r, g.get('downtime'), join(at, 'downtime')) : null;
      const creditModels = g.has('credits') ? r.stringList(g.get('credits'), join(at, 'credits')) : null;
      if (g.has('credits')) creditNodes.set(name, g.get('credits'));
      // What a claim for this service names: its instance ids, cluster names or project ids.
      const resourceIds = g.has('resources')
        ? ids(r, g.get('resources'), join(at, 'resources'), 'a list of instance ids, cluster names or project ids')
        : [];
      serviceNodes.set(name, { service: pair.key as Node, downtime: g.get('downtime') });
      return {
        name,
        components,
        targetPercent: target ?? null,
        monthlyFee: fee,
        feeShare: share,
        downtime,
        creditModels,
        resourceIds,
      };
    });
    services = [...new Set(serviceDefs.flatMap((d) => d.components))];
    // Credits are owed per service on its own fee, or on the whole: not some of each.
    const withFee = serviceDefs.filter((d) => d.monthlyFee !== null || d.feeShare !== null).length;
    // Summed to the millionth of a percent: 0.2 + 83.9 + 15.9 is 100, not 100.00000000000001.
    const shares = sumPercents(serviceDefs.map((d) => d.feeShare ?? 0));
    if (shares > 100)
      r.report(
        node,
        'services',
        'SHARES_OVER_100',
        { shares },
        {
          expected: 'at most 100%',
        },
      );
    if (withFee > 0 && withFee < serviceDefs.length) {
      r.report(
        node,
        'services',
        'MIXED_FEES',
        { withFee, services: serviceDefs.length },
        {
          hint: 'give every service its fee or share (credits per service), or none (credits on the combined row, on the contract fee)',
        },
      );
    }
    // A service's own credit models are owed on its own fee.
    if (withFee === 0) {
      for (const [name, n] of creditNodes)
        r.report(n, join(join('services', name), 'credits'), 'NEEDS_FEE', {}, { hint: 'give every service its fee' });
    }
  } else {
    services = r.stringList(node, 'services');
    const all = services.findIndex((s) => s.toLowerCase() === 'all');
    if (all >= 0)
      r.report(
        r.list(node, 'services')[all],
        join('services', all),
        'RESERVED_SERVICE',
        {},
        { hint: 'leave it out: the combined row is always reported' },
      );
  }
  return { services, serviceDefs, creditNodes, serviceNodes };
}
