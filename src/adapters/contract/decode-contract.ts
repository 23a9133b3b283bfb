import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { EVENT_PRESET_NAMES } from '../ingest/event-mapping.js';
import { PRESET_NAMES } from '../ingest/presets.js';
import { UPTIME_PRESETS } from '../ingest/read-uptime.js';
import { expandPattern, isPattern } from '../ingest/records.js';
import type { Node } from 'yaml';
import type { CalendarOverride, Contract, ContractService } from '../../core/contract.js';
import type { PublicHolidays } from '../../core/policy/model.js';
import type { ContractPlaces } from './contract-policy.js';
import type { DayHours } from '../../core/time/calendar.js';
import { dates, decodeHours, decodePublicHolidays, decodeWeek, isoDate } from '../policy/decode-calendar.js';
import { decodeWindow } from '../policy/decode-policy.js';
import { decodeContractAvailability, decodeServiceDowntime } from './decode-availability.js';
import { fixedMs, parseDuration } from '../policy/duration.js';
import { sixDecimals } from '../policy/decode-values.js';
import { isCurrency, maxAmountText, minorDigits, readAmount, sumPercents } from '../../core/money.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';

export const CONTRACT_VERSION = 'sla-contract/v1';

const TOP = [
  'version',
  'policy',
  'tier',
  'fee',
  'currency',
  'billingZone',
  'inputs',
  'vendorAgents',
  'calendars',
  'maintenance',
  'services',
  'availability',
  'credits',
] as const;
const INPUTS = ['tickets', 'uptime', 'events', 'presets', 'map', 'inputTz'] as const;

/**
 * Decode a contract file; paths in it are relative to the file. Problems are left in `r.issues`, and the
 * contract is returned all the same (undefined only for another version), so that what is found once the
 * policy is known (`contract-policy.ts`) is reported with them.
 */
export function decodeContract(r: YamlReader, cwd = '.'): { contract: Contract; places: ContractPlaces } | undefined {
  const root = r.root;
  const f = r.fields(root, '', TOP);
  const version = r.string(r.required(f, 'version', root, '', CONTRACT_VERSION), 'version');
  if (version !== undefined && version !== CONTRACT_VERSION) {
    r.report(f.get('version'), 'version', 'UNSUPPORTED_VERSION', 'unsupported contract version', {
      expected: JSON.stringify(CONTRACT_VERSION),
      got: JSON.stringify(version),
    });
    return undefined;
  }
  const base = resolve(cwd, dirname(r.file));
  // Bundled policy ids stay ids; anything path-like is relative to the contract file.
  const path = (p: string) => (isAbsolute(p) || /^[a-z0-9-]+$/.test(p) ? p : resolve(base, p));
  const str = (key: string) => (f.has(key) ? (r.string(f.get(key), key) ?? null) : null);
  const zone = (node: Node | undefined, at: string) => r.zone(node, at) ?? null;

  /** The amounts stated, checked against the largest sla-audit computes once the currency is known. */
  const amounts: Array<{ node: Node | undefined; path: string; text: string }> = [];
  let monthlyFee: string | null = null;
  let annualFee: string | null = null;
  if (f.has('fee')) {
    const g = r.fields(f.get('fee'), 'fee', ['monthly', 'annual']);
    const amount = (key: string) => {
      const n = g.get(key);
      const text = r.string(n, join('fee', key), 'an amount such as 2500.00');
      if (text !== undefined && !/^\d+(\.\d+)?$/.test(text))
        return (
          r.report(n, join('fee', key), 'BAD_AMOUNT', 'not an amount', {
            expected: 'digits with an optional decimal point, e.g. 2500.00',
            got: JSON.stringify(text),
          }) ?? null
        );
      if (text !== undefined) amounts.push({ node: n, path: join('fee', key), text });
      return text ?? null;
    };
    if (g.has('monthly')) monthlyFee = amount('monthly');
    if (g.has('annual')) annualFee = amount('annual');
    if (g.has('monthly') && g.has('annual'))
      r.report(f.get('fee'), 'fee', 'CONFLICT', 'give the monthly or the annual fee, not both', {
        hint: 'remove one of them',
      });
  }
  const currency = str('currency');
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    r.report(f.get('currency'), 'currency', 'BAD_CURRENCY', 'not a currency code', {
      expected: 'three capital letters such as "USD"',
      got: JSON.stringify(currency),
    });
  const digits =
    currency !== null && /^[A-Z]{3}$/.test(currency) && isCurrency(currency) ? minorDigits(currency) : null;

  let tickets: string[] = [];
  let uptime: string[] = [];
  let events: string[] = [];
  let presets: string[] = [];
  let mapFile: string | null = null;
  let inputTz: string | null = null;
  /** The map file's node, when the file exists: the request loader reads it, with the policy. */
  let mapNode: Node | undefined;
  if (f.has('inputs')) {
    const g = r.fields(f.get('inputs'), 'inputs', INPUTS);
    const files = (key: string) =>
      r.isList(g.get(key))
        ? r.stringList(g.get(key), join('inputs', key))
        : [r.string(g.get(key), join('inputs', key), 'a file or a list of files')].filter(
            (x): x is string => x !== undefined,
          );
    if (g.has('tickets')) tickets = files('tickets').map(path);
    if (g.has('uptime')) uptime = files('uptime').map(path);
    if (g.has('events')) events = files('events').map(path);
    // Checked as the audit reads them, so that `policies validate` does not pass a contract the audit refuses.
    let stdin = 0;
    for (const [key, list] of [
      ['tickets', tickets],
      ['uptime', uptime],
      ['events', events],
    ] as const) {
      const node = g.get(key);
      const items = r.isList(node) ? r.list(node, join('inputs', key)) : [node];
      list.forEach((p, i) => {
        if (p === '-' && ++stdin === 2)
          r.report(
            items[i] ?? node,
            r.isList(node) ? join(join('inputs', key), i) : join('inputs', key),
            'STDIN_TWICE',
            '- (stdin) can be read once',
            { hint: 'give it for one input only, and the others as files' },
          );
        if (p === '-' || (isPattern(p) ? expandPattern(p).length > 0 : existsSync(p))) return;
        r.report(
          items[i] ?? node,
          r.isList(node) ? join(join('inputs', key), i) : join('inputs', key),
          'INPUT_NOT_FOUND',
          isPattern(p) ? `no file matches ${p}` : `${p} not found`,
          {
            hint: `paths are relative to the contract file${isPattern(p) ? '; * and ? may be used in the file name only' : ''}`,
          },
        );
      });
    }
    if (g.has('presets')) {
      presets = files('presets');
      const known = [...PRESET_NAMES, ...EVENT_PRESET_NAMES, ...UPTIME_PRESETS];
      const items = r.isList(g.get('presets')) ? r.list(g.get('presets'), 'inputs.presets') : [g.get('presets')];
      presets.forEach((name, i) => {
        if (!known.includes(name.toLowerCase()))
          r.report(
            items[i],
            r.isList(g.get('presets')) ? join('inputs.presets', i) : 'inputs.presets',
            'UNKNOWN_PRESET',
            `unknown preset "${name}"`,
            { expected: `one of ${known.join(', ')}` },
          );
      });
    }
    if (g.has('map')) {
      mapFile = path(r.string(g.get('map'), 'inputs.map', 'a map file') ?? '');
      if (!existsSync(mapFile))
        r.report(g.get('map'), 'inputs.map', 'INPUT_NOT_FOUND', `${mapFile} not found`, {
          hint: 'paths are relative to the contract file',
        });
      else mapNode = g.get('map');
    }
    if (g.has('inputTz')) inputTz = zone(g.get('inputTz'), 'inputs.inputTz');
  }

  // Who speaks for the vendor in comments and journals: ids, user names, e-mails, or "@domain".
  const vendorAgents = f.has('vendorAgents')
    ? r.stringList(f.get('vendorAgents'), 'vendorAgents', 'a list of agent ids, user names, e-mails or @domains')
    : [];

  const calendars = new Map<string, CalendarOverride>();
  if (f.has('calendars')) {
    for (const [id, node] of r.entries(f.get('calendars'), 'calendars')) {
      const at = join('calendars', id);
      const g = r.fields(node, at, [
        'zone',
        'hours',
        'holidays',
        'publicHolidays',
        'notHolidays',
        'extraWorkdays',
        'businessDay',
      ]);
      const override: {
        zone?: string;
        week?: DayHours[];
        holidays: number[];
        publicHolidays?: PublicHolidays | null;
        notHolidays: number[];
        extraWorkdays: Map<number, DayHours>;
        businessDayMs?: number;
      } = {
        holidays: [],
        notHolidays: [],
        extraWorkdays: new Map(),
      };
      // The customer's region decides the hours, the zone and the public holidays the vendor works by.
      if (g.has('zone')) {
        const z = zone(g.get('zone'), join(at, 'zone'));
        if (z !== null) override.zone = z;
      }
      if (g.has('publicHolidays'))
        override.publicHolidays = decodePublicHolidays(r, g.get('publicHolidays'), join(at, 'publicHolidays'));
      if (g.has('notHolidays')) override.notHolidays = dates(r, g.get('notHolidays'), join(at, 'notHolidays'));
      if (g.has('hours')) {
        const week = decodeWeek(r, g.get('hours'), join(at, 'hours'));
        if (week) override.week = week;
      }
      for (const [i, item] of (g.has('holidays') ? r.list(g.get('holidays'), join(at, 'holidays')) : []).entries()) {
        const d = isoDate(r, item, join(join(at, 'holidays'), i));
        if (d !== undefined) override.holidays.push(d);
      }
      for (const [i, item] of (g.has('extraWorkdays')
        ? r.list(g.get('extraWorkdays'), join(at, 'extraWorkdays'))
        : []
      ).entries()) {
        const ip = join(join(at, 'extraWorkdays'), i);
        const h = r.fields(item, ip, ['date', 'hours']);
        const d = isoDate(r, r.required(h, 'date', item, ip, 'YYYY-MM-DD'), join(ip, 'date'));
        const hours = decodeHours(r, r.required(h, 'hours', item, ip, '"HH:MM-HH:MM"'), join(ip, 'hours'));
        if (d !== undefined && hours) override.extraWorkdays.set(d, hours);
      }
      if (g.has('businessDay')) {
        const text = r.string(g.get('businessDay'), join(at, 'businessDay'));
        const d = text === undefined ? null : parseDuration(text);
        const ms = d ? fixedMs(d) : null;
        if (ms === null || ms <= 0)
          r.report(g.get('businessDay'), join(at, 'businessDay'), 'BAD_DURATION', 'not a business-day length', {
            expected: 'hours such as "9h"',
            got: JSON.stringify(text),
          });
        else override.businessDayMs = ms;
      }
      calendars.set(id, override);
    }
  }

  const billingZone = f.has('billingZone') ? zone(f.get('billingZone'), 'billingZone') : null;
  const maintenance = f.has('maintenance')
    ? r.list(f.get('maintenance'), 'maintenance').flatMap((item, i) => {
        // '' = the billing zone in force, filled in when the contract is applied.
        const w = decodeWindow(r, item, join('maintenance', i), billingZone ?? '');
        return w ? [w] : [];
      })
    : [];
  // A list names the log services in scope; a mapping defines the contract's services, each of log
  // services (components), with its own target and fee: {us-east-1: {components: [...], fee: 1234.60}}.
  let services: string[] | null = null;
  let serviceDefs: ContractService[] | null = null;
  /** Each service's `credits:` node, checked against the policy's models. */
  const creditNodes = new Map<string, Node | undefined>();
  /** Each service's node and its `downtime:` node, for problems found against the policy. */
  const serviceNodes = new Map<string, { service: Node | undefined; downtime: Node | undefined }>();
  if (f.has('services')) {
    const node = f.get('services');
    if (r.isMapping(node)) {
      serviceDefs = r.entries(node, 'services').map(([name, value, pair]): ContractService => {
        const at = join('services', name);
        if (name === 'all')
          r.report(value, at, 'RESERVED_SERVICE', '"all" is the name of the combined row of every service', {
            hint: 'name the service otherwise',
          });
        const g = r.fields(value, at, ['components', 'target', 'fee', 'share', 'downtime', 'credits']);
        const components = g.has('components') ? r.stringList(g.get('components'), join(at, 'components')) : [name];
        const again = components.findIndex((c, i) => components.indexOf(c) !== i);
        if (again >= 0)
          r.report(
            r.list(g.get('components'), join(at, 'components'))[again],
            join(join(at, 'components'), again),
            'DUPLICATE',
            `"${components[again]}" is named twice`,
            { hint: 'name each log service once' },
          );
        const all = g.has('components') ? components.findIndex((c) => c.toLowerCase() === 'all') : -1;
        if (all >= 0)
          r.report(
            r.list(g.get('components'), join(at, 'components'))[all],
            join(join(at, 'components'), all),
            'RESERVED_SERVICE',
            '"all" is the name of the combined row of every service, not a log service',
            { hint: 'name the log services the service is made of' },
          );
        if (g.has('components') && components.length === 0)
          r.report(
            g.get('components'),
            join(at, 'components'),
            'EMPTY_LIST',
            'a service is made of at least one log service',
            { hint: 'name the services of the uptime logs it is made of' },
          );
        const target = g.has('target') ? r.number(g.get('target'), join(at, 'target'), 'a percentage') : undefined;
        if (target !== undefined && target >= 0 && target <= 100)
          sixDecimals(r, g.get('target'), join(at, 'target'), target);
        else if (target !== undefined && (target < 0 || target > 100))
          r.report(g.get('target'), join(at, 'target'), 'BAD_PERCENT', 'not a percentage', {
            expected: 'a number from 0 to 100',
            got: String(target),
          });
        let fee: string | null = null;
        if (g.has('fee')) {
          const text = r.string(g.get('fee'), join(at, 'fee'), 'the monthly fee of this service, such as 1234.60');
          if (text !== undefined && !/^\d+(\.\d+)?$/.test(text))
            r.report(g.get('fee'), join(at, 'fee'), 'BAD_AMOUNT', 'not an amount', {
              expected: 'digits with an optional decimal point, e.g. 1234.60',
              got: JSON.stringify(text),
            });
          else {
            fee = text ?? null;
            if (text !== undefined) amounts.push({ node: g.get('fee'), path: join(at, 'fee'), text });
          }
        }
        // Or its share of the contract's fee, in percent.
        let share: number | null = null;
        if (g.has('share')) {
          const v = r.number(g.get('share'), join(at, 'share'), 'a percentage of the contract fee');
          if (g.has('fee'))
            r.report(
              g.get('share'),
              join(at, 'share'),
              'CONFLICT',
              'give the service a fee or a share of the contract fee, not both',
            );
          else if (v !== undefined && !(v > 0 && v <= 100))
            r.report(g.get('share'), join(at, 'share'), 'BAD_PERCENT', 'not a share of the fee', {
              expected: 'a percentage more than 0, at most 100',
              got: String(v),
            });
          else if (v !== undefined && sixDecimals(r, g.get('share'), join(at, 'share'), v, 'a share of the fee'))
            share = v;
        }
        // Key by key over the policy's definition: what the service does not state stays the policy's.
        const downtime = g.has('downtime') ? decodeServiceDowntime(r, g.get('downtime'), join(at, 'downtime')) : null;
        const creditModels = g.has('credits') ? r.stringList(g.get('credits'), join(at, 'credits')) : null;
        if (g.has('credits')) creditNodes.set(name, g.get('credits'));
        serviceNodes.set(name, { service: pair.key as Node, downtime: g.get('downtime') });
        return {
          name,
          components,
          targetPercent: target ?? null,
          monthlyFee: fee,
          feeShare: share,
          downtime,
          creditModels,
        };
      });
      services = [...new Set(serviceDefs.flatMap((d) => d.components))];
      // Credits are owed per service on its own fee, or on the whole: not some of each.
      const withFee = serviceDefs.filter((d) => d.monthlyFee !== null || d.feeShare !== null).length;
      // Summed to the millionth of a percent: 0.2 + 83.9 + 15.9 is 100, not 100.00000000000001.
      const shares = sumPercents(serviceDefs.map((d) => d.feeShare ?? 0));
      if (shares > 100)
        r.report(node, 'services', 'BAD_PERCENT', `the services' shares of the fee add up to ${shares}%`, {
          expected: 'at most 100%',
        });
      if (withFee > 0 && withFee < serviceDefs.length) {
        r.report(
          node,
          'services',
          'MIXED_FEES',
          `${withFee} of ${serviceDefs.length} services have a fee of their own`,
          {
            hint: 'give every service its fee or share (credits per service), or none (credits on the combined row, on the contract fee)',
          },
        );
      }
      // A service's own credit models are owed on its own fee.
      if (withFee === 0) {
        for (const [name, n] of creditNodes)
          r.report(
            n,
            join(join('services', name), 'credits'),
            'NEEDS_FEE',
            "credit models per service are owed on each service's fee",
            { hint: 'give every service its fee' },
          );
      }
    } else {
      services = r.stringList(node, 'services');
      const all = services.findIndex((s) => s.toLowerCase() === 'all');
      if (all >= 0)
        r.report(
          r.list(node, 'services')[all],
          join('services', all),
          'RESERVED_SERVICE',
          '"all" is the name of the combined row of every service',
          { hint: 'leave it out: the combined row is always reported' },
        );
    }
  }

  const availability = f.has('availability')
    ? decodeContractAvailability(r, f.get('availability'))
    : {
        noData: null,
        minimumCoverage: null,
        history: new Map<string, number>(),
        coverage: null,
        coverageByService: new Map(),
      };

  // The contract's own caps, besides the policy's: on the whole bill of a period, and on a billing year.
  let creditCap: number | null = null;
  let creditCapPerYear: number | null = null;
  if (f.has('credits')) {
    const g = r.fields(f.get('credits'), 'credits', ['cap', 'capPerYear']);
    const percent = (key: string) => {
      const v = r.number(g.get(key), join('credits', key), 'a percentage from 0 to 100');
      if (v !== undefined && (v < 0 || v > 100))
        return (
          r.report(g.get(key), join('credits', key), 'BAD_PERCENT', 'not a percentage', {
            expected: 'a number from 0 to 100',
            got: String(v),
          }) ?? null
        );
      return v !== undefined && sixDecimals(r, g.get(key), join('credits', key), v) ? v : null;
    };
    if (g.has('cap')) creditCap = percent('cap');
    if (g.has('capPerYear')) creditCapPerYear = percent('capPerYear');
  }

  for (const a of amounts) tooLarge(r, a.node, a.path, a.text, currency, digits);
  const policy = str('policy') === null ? null : path(str('policy')!);
  const tier = str('tier');
  const places: ContractPlaces = {
    policy: f.get('policy'),
    tier: f.get('tier'),
    calendars: f.get('calendars'),
    map: mapNode,
    credits: creditNodes,
    services: serviceNodes,
  };
  const contract: Contract = {
    file: r.file,
    policy,
    tier,
    monthlyFee,
    annualFee,
    currency,
    billingZone,
    tickets,
    uptime,
    events,
    vendorAgents,
    presets,
    mapFile,
    inputTz,
    calendars,
    maintenance,
    services,
    serviceDefs,
    ...availability,
    creditCap,
    creditCapPerYear,
  };
  return { contract, places };
}

/**
 * An amount over the largest sla-audit computes exactly, at its line: in the contract's currency when it
 * states one; else in whole units (the loosest any currency allows), the request checking it again in
 * the policy's currency.
 */
function tooLarge(
  r: YamlReader,
  node: Node | undefined,
  path: string,
  text: string,
  currency: string | null,
  digits: number | null,
): void {
  const [whole = '0', frac = ''] = text.split('.');
  const read = readAmount(
    `${whole}${frac.length > 0 && digits !== null && digits > 0 ? `.${frac.slice(0, digits)}` : ''}`,
    digits ?? 0,
  );
  if ('problem' in read && read.problem === 'too-large') {
    r.report(node, path, 'OUT_OF_RANGE', 'more than the largest amount sla-audit computes exactly', {
      expected: `at most ${maxAmountText(digits ?? 0)}${digits !== null ? ` ${currency}` : ''}`,
      got: JSON.stringify(text),
      hint: 'check the amount and its currency: is it the fee of one month (or of a year, for fee.annual)?',
    });
  }
}
