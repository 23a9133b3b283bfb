import type { DowntimeDefinition } from './availability/downtime.js';
import type { DayHours } from './time/calendar.js';
import type { PublicHolidays, RecurringWindow } from './policy/model.js';

/**
 * A customer's contract with one vendor: which policy and tier, the fee,
 * where the evidence is, and what the contract says beyond the policy
 * (hours, holidays, maintenance windows, services in scope, history).
 * Every field is optional: flags fill or override it.
 */
export interface CalendarOverride {
  /** The zone the calendar's hours are in (the customer's region). */
  zone?: string;
  week?: readonly DayHours[];
  /** Added to the policy's holidays. */
  holidays: readonly number[];
  /** Replaces the policy's public holidays (null: none). */
  publicHolidays?: PublicHolidays | null;
  /** Dates that are no holiday after all. */
  notHolidays: readonly number[];
  extraWorkdays: ReadonlyMap<number, DayHours>;
  businessDayMs?: number;
}

/**
 * A service's own downtime definition as the contract states it: it refines the policy's key by
 * key. A key given replaces the policy's; null drops it (`minimumOutage: none`, `bucket: none`);
 * a key not given is the policy's.
 */
export type DowntimeRefinement = { readonly [K in keyof DowntimeDefinition]?: DowntimeDefinition[K] };

/** A service of the contract: made of log services, with its own target and monthly fee (as written). */
export interface ContractService {
  name: string;
  components: readonly string[];
  targetPercent: number | null;
  monthlyFee: string | null;
  /** Its share of the contract's fee (percent), instead of a fee of its own. */
  feeShare: number | null;
  /** What its downtime definition changes of the policy's; null: the policy's definition as it is. */
  downtime: DowntimeRefinement | null;
  /** The policy's availability credit models it is owed by (ids); null: every one. */
  creditModels: readonly string[] | null;
  /** Its instance ids, cluster names or project ids, as a claim must name them (YAML `resources:`); [] when none are given. */
  resourceIds: readonly string[];
}

export interface Contract {
  file: string;
  /** The contract or agreement number the vendor knows it by. */
  reference: string | null;
  /** Who claims: the customer's legal name. */
  customer: string | null;
  /** Who is claimed from, and where it takes claims (an e-mail, its support portal's URL, or a phone). */
  vendor: { name: string | null; claimsContact: string | null } | null;
  /** The account, project or subscription ids a claim must name (YAML `accounts:`); [] when none are given. */
  accountIds: readonly string[];
  policy: string | null;
  tier: string | null;
  /** Fee amounts as written (parsed once the currency is known). */
  monthlyFee: string | null;
  annualFee: string | null;
  currency: string | null;
  billingZone: string | null;
  tickets: readonly string[];
  uptime: readonly string[];
  /** Comments, conversations, journals or status changes, joined to the tickets. */
  events: readonly string[];
  /** Who speaks for the vendor in them: ids, user names, e-mails, "@domain". */
  vendorAgents: readonly string[];
  presets: readonly string[];
  mapFile: string | null;
  inputTz: string | null;
  calendars: ReadonlyMap<string, CalendarOverride>;
  maintenance: readonly RecurringWindow[];
  /** The log services in scope (every component of the services below, when they are given). */
  services: readonly string[] | null;
  /** The contract's services with their own components, targets and fees; null: credits read the combined row. */
  serviceDefs: readonly ContractService[] | null;
  noData: 'exclude' | 'down' | 'up' | null;
  minimumCoverage: number | null;
  /** Monthly availability known from before the logs: "YYYY-MM" → percent. */
  history: ReadonlyMap<string, number>;
  /** The contract's own caps: on a period's whole bill, and on a billing year (percent of the year's fees). */
  creditCap: number | null;
  creditCapPerYear: number | null;
  /**
   * The months (inclusive) outage lists and daily downtime totals speak for, outages or not, for
   * every service; never applied to probe samples, heartbeats or state logs.
   */
  coverage: { from: string; to: string } | null;
  /** The same per log service, where services start at different dates (wins over `coverage`). */
  coverageByService?: ReadonlyMap<string, { from: string; to: string }>;
}

/** What a credit claim names besides the numbers: the agreement, who claims, from whom, for which accounts. */
export type ContractParties = Pick<Contract, 'reference' | 'customer' | 'vendor' | 'accountIds'>;

/** Who claims from whom, from the contract: what a vendor needs to find the account and the services. */
export interface ClaimParties {
  reference: string | null;
  customer: string | null;
  vendor: { name: string | null; claimsContact: string | null } | null;
  accountIds: readonly string[];
  /** A contract service's resource ids (instances, projects), by service name. */
  resourceIds: ReadonlyMap<string, readonly string[]>;
}

/** What a contract says of who claims from whom (nothing, without a contract). */
export function partiesOf(contract: Contract | null): ClaimParties {
  return {
    reference: contract?.reference ?? null,
    customer: contract?.customer ?? null,
    vendor: contract?.vendor ?? null,
    accountIds: contract?.accountIds ?? [],
    resourceIds: new Map((contract?.serviceDefs ?? []).map((s) => [s.name, s.resourceIds])),
  };
}
