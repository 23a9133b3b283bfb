import type { BillingPeriod } from '../period.js';
import type { DowntimeDefinition } from '../availability/downtime.js';
import type { DayHours } from '../time/calendar.js';

/**
 * The validated meaning of a vendor SLA policy. The on-disk YAML spec is
 * decoded into this by src/adapters/policy; nothing here knows about YAML.
 * Durations are milliseconds, percentages are on a 0–100 scale.
 */
export interface Policy {
  id: string;
  name: string;
  /** Where the numbers come from: the vendor's public document, by title and section or URL. */
  source: string;
  currency: string;
  /** Zone whose calendar months are the billing periods. */
  billingZone: string;
  /** Months (the default) or quarters, from the fiscal year's first month. */
  billingPeriod: BillingPeriod;
  /**
   * The calendar a ticket's region runs a calendar's targets on: calendar id → region (lower case) →
   * calendar id ("business hours of the customer's region"). Empty: every ticket on the tier's calendars.
   */
  regionCalendars: ReadonlyMap<string, ReadonlyMap<string, string>>;
  calendars: ReadonlyMap<string, CalendarSpec>;
  priorities: readonly PriorityDef[];
  defaultPriority: string | null;
  tiers: readonly TierDef[];
  /** Applied in order after aliases and reclassification. */
  rules: readonly PriorityRule[];
  /** Known exclusion reasons (any non-empty `exclusion` excludes a ticket). */
  exclusions: ReadonlyMap<string, string>;
  /** Statuses during which a metric's clock pauses. */
  pauseStatuses: readonly string[];
  /** Statuses of the helpdesk's own that mean resolved, beyond the usual ones (status-words.ts). */
  resolvedStatuses: readonly string[];
  availability: AvailabilitySpec;
  credits: CreditSpec;
  assumptions: readonly Assumption[];
  /** How the vendor takes a credit claim; null: the policy does not say. */
  claim: ClaimProcedure | null;
}

/** What a claim must name that only the contract knows: a claim missing one can be refused. */
export const CLAIM_ITEMS = ['reference', 'customer', 'accounts', 'resources'] as const;
export type ClaimItem = (typeof CLAIM_ITEMS)[number];

/** How a vendor takes credit claims, as its SLA says: what `sla-audit claim` writes the request from. */
export interface ClaimProcedure {
  via: 'support-case' | 'email' | 'portal';
  /** Where the claim goes, in the vendor's words (a console, an address); the contract's vendor claims contact wins. */
  to: string | null;
  /** The subject line the vendor asks for ("SLA Credit Request"). */
  subject: string;
  requires: readonly ClaimItem[];
  /** One request per service (Atlassian: one per product). */
  perService: boolean;
  /** What the SLA says a claim must hold, in its own words. */
  says: string | null;
}

/** The built-in round-the-clock calendar id. */
export const ALWAYS = '24x7';

export type CalendarSpec =
  | { id: string; kind: 'always' }
  | {
      id: string;
      kind: 'weekly';
      zone: string;
      /** Monday first. */
      week: readonly DayHours[];
      holidays: readonly number[];
      /** A country's (or state's) public holidays, from a holiday library; null: none but the listed ones. */
      publicHolidays: PublicHolidays | null;
      /** Dates that are no holiday after all (open with the regular hours), though a holiday list says so. */
      notHolidays: readonly number[];
      extraWorkdays: ReadonlyMap<number, DayHours>;
      /** Length of one business day, for targets in business days. */
      businessDayMs: number | null;
    };

/** Public holidays of a place ("US-CA"): which local dates are closed. */
export interface PublicHolidays {
  code: string;
  has(day: number): boolean;
}

export interface PriorityDef {
  id: string;
  name: string;
  /** Raw helpdesk values that mean this priority, compared case-insensitively. */
  aliases: readonly string[];
}

export type MetricId = 'firstResponse' | 'ongoingResponse' | 'updateCadence' | 'resolution';
export const METRICS: readonly MetricId[] = ['firstResponse', 'ongoingResponse', 'updateCadence', 'resolution'];

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'businessDays' | 'calendarDays';

/** A target as the policy states it, and what it means on a clock. */
export interface Target {
  amount: number;
  unit: DurationUnit;
  /** The calendar the clock runs on (`24x7` for calendar days). */
  calendar: string;
  /** Covered milliseconds to reach the target. */
  ms: number;
  /** The policy's own wording, e.g. "4 business hours". */
  text: string;
}

export type MetricTargets = Partial<Record<MetricId, Target>>;

export interface TierDef {
  id: string;
  /** The vendor's name for the service level, when it differs from the id. */
  level: string | null;
  aliases: readonly string[];
  /** Per priority id; a priority absent here has no target in this tier. */
  targets: ReadonlyMap<string, MetricTargets>;
  /** Monthly availability target in percent, or null when the tier has none. */
  availabilityTarget: number | null;
  /** Information shown with `no-target` tickets (e.g. "typically 2–3 business days"). */
  note: string | null;
}

/**
 * A priority rule: tickets of `from` become `to` when the condition holds — associated with an
 * availability incident or not, on a production environment or not, or with a field's value.
 * (`downgrade-unless-incident` and `non-production`, the seed vendors' rules, are two of them.)
 */
export interface PriorityRule {
  kind: 'reclassify';
  from: readonly string[];
  to: string;
  when: RuleCondition;
}

export type RuleCondition =
  | { kind: 'no-incident' }
  | { kind: 'incident' }
  | { kind: 'non-production' }
  | { kind: 'production' }
  /** A ticket field (status, environment, incident, exclusion, region) equal to one of the values, any case. */
  | { kind: 'field'; field: RuleField; values: readonly string[] };

export const RULE_FIELDS = ['status', 'environment', 'incident', 'exclusion', 'region'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export interface RecurringWindow {
  /** ISO weekday indexes, Monday = 0. */
  days: readonly number[];
  startMinute: number;
  endMinute: number;
  zone: string;
}

export interface AvailabilitySpec {
  /** Default monthly availability target (percent) for tiers that state none. */
  target: number | null;
  maxSampleGapMs: number;
  noData: 'exclude' | 'down' | 'up';
  /** Below this share (percent) of the measurable time covered by evidence, no verdict is given from it. */
  minimumCoveragePercent: number;
  maintenance: readonly RecurringWindow[];
  /** What counts as downtime: what the log says, or the contract's own definition. */
  downtime: DowntimeDefinition;
}

export interface CreditBand {
  /** Applies when availability is below this percentage: strictly, or — `inclusive` ("≤ 99.9%") — at it too. */
  below: number;
  inclusive: boolean;
  percent: number;
}

/** A band of days of service: owed when availability is below `below` (or at it too, `inclusive`). */
export interface DaysBand {
  below: number;
  inclusive: boolean;
  /** Whole days of service. */
  days: number;
}

/** Which way a duration is rounded to whole steps: each started step counts (up), only whole ones (down), or the nearer (half up). */
export type StepRounding = 'up' | 'down' | 'nearest';

export type CreditModel = CreditModelShape & {
  /**
   * Escalation across consecutive periods: the model's credit is multiplied
   * by the n-th factor in the n-th period in a row that it owes one (the last
   * factor for longer runs) — "doubled if missed in consecutive months" is
   * [1, 2]. null: no escalation.
   */
  escalation: readonly number[] | null;
};

type CreditModelShape =
  /** `priorities`: the priorities whose failures count (null: all). */
  | {
      id: string;
      kind: 'per-breach';
      metrics: readonly MetricId[];
      priorities: readonly string[] | null;
      percent: number;
    }
  | {
      id: string;
      kind: 'threshold-count';
      metrics: readonly MetricId[];
      priorities: readonly string[] | null;
      atLeast: number;
      percent: number;
    }
  /** X% of the fee per N minutes of downtime or part thereof (Rackspace: 5% per 30 minutes), at most `maxPercent`. */
  | { id: string; kind: 'per-downtime'; percentPer: number; perMs: number; maxPercent: number | null }
  /** N times the fee for the time down, pro rata (Slack: 10× the fees for the downtime). */
  | { id: string; kind: 'downtime-multiple'; multiple: number }
  /**
   * Days of service by availability band (Google Workspace: 3, 7 or 15 days added to the term), worth
   * days / the period's local days of its fee: in a 31-day month 3 days are 3/31 of the fee. Bands sorted highest first.
   */
  | { id: string; kind: 'days-of-service'; bands: readonly DaysBand[] }
  /**
   * The downtime at the hourly price, `multiple` times (DigitalOcean: 100% of the lost time at the hourly rate):
   * the hourly price is the monthly fee / `monthlyHours` (the month's hours of hourly billing, 672 = 4 weeks), the
   * period's downtime is counted in whole steps of `stepMs`, rounded `rounding`; at most the period's fee.
   */
  | { id: string; kind: 'hourly-rate'; monthlyHours: number; stepMs: number; rounding: StepRounding; multiple: number }
  | {
      id: string;
      kind: 'availability-tiers';
      /** Sorted by `below`, highest first. */
      bands: readonly CreditBand[];
      /** Paid only for a failing month whose previous month also failed… */
      consecutiveMonths: number | null;
      /** …or that is at least the n-th failing month of its calendar year. */
      nthFailingMonthInYear: number | null;
    };

export type TicketCreditModel = Extract<CreditModel, { kind: 'per-breach' | 'threshold-count' }>;
export type AvailabilityCreditModel = Exclude<CreditModel, TicketCreditModel>;

/** Whether a model counts tickets' failures (else it reads availability). */
export const isTicketModel = (m: CreditModel): m is TicketCreditModel =>
  m.kind === 'per-breach' || m.kind === 'threshold-count';

export interface CreditSpec {
  models: readonly CreditModel[];
  /** Cap on the month's total credit, percent of the monthly fee; null = none. */
  capPercent: number | null;
  /**
   * Cap on the credits of a billing year (calendar, or fiscal from the
   * policy's fiscalYearStart), percent of the year's fees; null = none.
   */
  capPerYearPercent: number | null;
  /** A contract's own cap on the whole bill's total (besides `capPercent`, which caps each fee's lines); null = none. */
  contractCapPercent: number | null;
  /** When a credit must be claimed by; null = no deadline. */
  claimBy: ClaimRule | null;
  /** A total below this is not paid (AWS: no credit under USD 1), minor units of the policy's currency; null = any. */
  minimumPayableMinor: number | null;
}

/**
 * A claim deadline, the last local date (inclusive) in the billing zone:
 * N days after the period's last date; the end of the N-th billing cycle
 * (period) after it — AWS's "by the end of the second billing cycle after
 * the incident"; or N months after the period's end — Azure's "within two
 * months of the end of the billing month".
 */
export type ClaimRule =
  { kind: 'days-after'; n: number } | { kind: 'end-of-billing-cycle'; n: number } | { kind: 'months-after'; n: number };

export interface Assumption {
  id: string;
  text: string;
}
