import type { TicketMapping } from '../adapters/ingest/mapping.js';
import type { ReadTicketsOptions } from '../adapters/ingest/read-tickets.js';
import type { ReadUptimeOptions, UptimePreset } from '../adapters/ingest/read-uptime.js';
import type { TicketAuditInput } from '../core/audit.js';
import type { Contract } from '../core/contract.js';
import type { Period } from '../core/period.js';
import type { Policy, TierDef } from '../core/policy/model.js';
import type { IncidentCheck } from '../core/tickets/effective-priority.js';

/*
 * The resolved settings and what each reader and auditor takes from them.
 * Plain data, imported by a worker thread without the policy and contract
 * loaders: a worker is handed the settings as they are.
 */

/** The flags checked and resolved once, at the boundary. */
export interface AuditSettings {
  policy: Policy;
  tier: TierDef;
  period: Period;
  /** One period per month of --from … --to, else just `period`. */
  periods: Period[];
  asOf: number;
  currency: string;
  feeMinor: number | null;
  inputTz: string | null;
  mapping: TicketMapping;
  uptimePreset: UptimePreset | null;
  /** The contract in force, if any (its inputs fill in for missing --tickets / --uptime). */
  contract: Contract | null;
  services: readonly string[] | null;
  history: ReadonlyMap<string, number>;
  failOn: 'breach' | 'credit' | null;
}

/** How the tickets are read, the same for every command (explain must read them as the audit does). */
export function ticketReadOptions(s: AuditSettings, skipInvalid: boolean): ReadTicketsOptions {
  return { mapping: s.mapping, inputTz: s.inputTz, policy: s.policy, skipInvalid };
}

/** How the uptime logs are read, the same for every command. */
export function uptimeReadOptions(s: AuditSettings, skipInvalid: boolean): ReadUptimeOptions {
  return { preset: s.uptimePreset, inputTz: s.inputTz, maxSampleGapMs: s.policy.availability.maxSampleGapMs, billingZone: s.period.zone, asOf: s.asOf, skipInvalid };
}

/** What every period's ticket auditor is built from, in the main thread and in a worker alike. */
export function auditorInput(s: AuditSettings, period: Period, associated?: IncidentCheck): TicketAuditInput {
  return { policy: s.policy, tier: s.tier.id, period, asOf: s.asOf, feeMinor: s.feeMinor, ...(associated ? { associated } : {}) };
}
