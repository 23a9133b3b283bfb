import { dirname, isAbsolute, resolve } from 'node:path';
import type { Node } from 'yaml';
import type { CalendarOverride, Contract } from '../../core/contract.js';
import type { PublicHolidays } from '../../core/policy/model.js';
import type { ContractPlaces } from './contract-policy.js';
import type { DayHours } from '../../core/time/calendar.js';
import { dates, decodeHours, decodePublicHolidays, decodeWeek, isoDate } from '../policy/decode-calendar.js';
import { decodeWindow } from '../policy/decode-policy.js';
import { decodeContractAvailability } from './decode-availability.js';
import { decodeContractInputs, noInputs } from './decode-contract-inputs.js';
import { decodeContractServices, type ContractServices } from './decode-contract-services.js';
import { decodeContractParties, PARTY_KEYS } from './decode-contract-parties.js';
import { fixedMs, parseDuration } from '../policy/duration.js';
import { sixDecimals } from '../policy/decode-values.js';
import { isCurrency } from '../../core/money.js';
import { checkAmount, TOO_LARGE_HINT, type Amount } from '../policy/decode-amount.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';

export const CONTRACT_VERSION = 'sla-contract/v1';

const TOP = [
  'version',
  'policy',
  'tier',
  ...PARTY_KEYS,
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
    r.report(
      f.get('version'),
      'version',
      'UNSUPPORTED_VERSION',
      { document: 'contract' },
      {
        expected: JSON.stringify(CONTRACT_VERSION),
        got: JSON.stringify(version),
      },
    );
    return undefined;
  }
  const base = resolve(cwd, dirname(r.file));
  // Bundled policy ids stay ids; anything path-like is relative to the contract file.
  const path = (p: string) => (isAbsolute(p) || /^[a-z0-9-]+$/.test(p) ? p : resolve(base, p));
  const str = (key: string) => (f.has(key) ? (r.string(f.get(key), key) ?? null) : null);
  const zone = (node: Node | undefined, at: string) => r.zone(node, at) ?? null;

  // The currency first: the amounts below are in it, and are checked against it at their lines.
  const currency = str('currency');
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    r.report(
      f.get('currency'),
      'currency',
      'BAD_CURRENCY',
      {},
      {
        expected: 'three capital letters such as "USD"',
        got: JSON.stringify(currency),
      },
    );
  const known = currency !== null && isCurrency(currency) ? currency : null;
  /**
   * The amounts stated, as written. Checked here in the contract's currency; without one, here for their
   * shape and, once the policy (whose currency they are in) is known, by checkAgainstPolicy.
   */
  const amounts: Amount[] = [];
  const amount = (node: Node | undefined, path: string, expected: string, whole: string): string | null => {
    const text = r.source(node, path, expected);
    if (text === undefined) return null;
    const at = { node, path, text };
    if (checkAmount(r, at, known, { whole, tooLargeHint: TOO_LARGE_HINT }) && known === null) amounts.push(at);
    // Kept even when refused (the contract is then refused with it): a fee stated is no fee missing, so that
    // a service's bad fee is not also "a service without a fee".
    return text;
  };
  let monthlyFee: string | null = null;
  let annualFee: string | null = null;
  if (f.has('fee')) {
    const g = r.fields(f.get('fee'), 'fee', ['monthly', 'annual']);
    const fee = (key: string) => amount(g.get(key), join('fee', key), 'an amount such as 2500.00', '2500');
    if (g.has('monthly')) monthlyFee = fee('monthly');
    if (g.has('annual')) annualFee = fee('annual');
    if (g.has('monthly') && g.has('annual'))
      r.report(
        f.get('fee'),
        'fee',
        'MONTHLY_OR_ANNUAL',
        {},
        {
          hint: 'remove one of them',
        },
      );
  }

  const parties = decodeContractParties(r, f);
  const inputs = f.has('inputs') ? decodeContractInputs(r, f.get('inputs'), path) : noInputs();

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
          r.report(
            g.get('businessDay'),
            join(at, 'businessDay'),
            'BAD_BUSINESS_DAY',
            {},
            {
              expected: 'hours such as "9h"',
              got: JSON.stringify(text),
            },
          );
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
  const { services, serviceDefs, creditNodes, serviceNodes }: ContractServices = f.has('services')
    ? decodeContractServices(r, f.get('services'), amount)
    : { services: null, serviceDefs: null, creditNodes: new Map(), serviceNodes: new Map() };

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
          r.report(
            g.get(key),
            join('credits', key),
            'BAD_PERCENT',
            {},
            {
              expected: 'a number from 0 to 100',
              got: String(v),
            },
          ) ?? null
        );
      return v !== undefined && sixDecimals(r, g.get(key), join('credits', key), v) ? v : null;
    };
    if (g.has('cap')) creditCap = percent('cap');
    if (g.has('capPerYear')) creditCapPerYear = percent('capPerYear');
  }

  const policy = str('policy') === null ? null : path(str('policy')!);
  const tier = str('tier');
  const places: ContractPlaces = {
    policy: f.get('policy'),
    tier: f.get('tier'),
    calendars: f.get('calendars'),
    map: inputs.mapNode,
    credits: creditNodes,
    services: serviceNodes,
    amounts,
  };
  const contract: Contract = {
    file: r.file,
    policy,
    tier,
    ...parties,
    monthlyFee,
    annualFee,
    currency,
    billingZone,
    tickets: inputs.tickets,
    uptime: inputs.uptime,
    events: inputs.events,
    vendorAgents,
    presets: inputs.presets,
    mapFile: inputs.mapFile,
    inputTz: inputs.inputTz,
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
