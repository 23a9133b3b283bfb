import { refineDowntime, type DowntimeDefinition } from '../core/availability/downtime.js';
import type { ServiceDef } from '../core/availability/audit-availability.js';
import type { Contract, ContractService } from '../core/contract.js';
import { UsageError } from '../core/issues.js';
import { minorDigits, percentOf, readAmount } from '../core/money.js';
import type { Policy } from '../core/policy/model.js';
import { amountProblem } from './request-values.js';

/**
 * The contract's services as the audit reads them. Each one's downtime definition is the policy's
 * refined by its own; that it can apply to the service was checked with the contract, against the
 * policy of the run (the contract may name no policy, or --policy may name another than it does).
 */
export function serviceDefs(
  contract: Contract,
  policy: Policy,
  currency: string,
  months: number,
  feeMinor: number | null,
): ServiceDef[] {
  return (contract.serviceDefs ?? []).map((d) => serviceDef(d, contract, policy, currency, months, feeMinor));
}

/** A contract service with its fee for the period in minor units: its own, or its share of the contract's (half-up). */
function serviceDef(
  d: ContractService,
  contract: Contract,
  policy: Policy,
  currency: string,
  months: number,
  contractFeeMinor: number | null,
): ServiceDef {
  let feeMinor: number | null = null;
  if (d.feeShare !== null) {
    if (contractFeeMinor === null)
      throw new UsageError(
        `${contract.file}: services.${d.name}.share is a share of the contract's fee, and none is given — add fee: {monthly: …} to the contract, or pass --fee`,
      );
    feeMinor = percentOf(contractFeeMinor, d.feeShare);
  }
  if (d.monthlyFee !== null) {
    const read = readAmount(d.monthlyFee, minorDigits(currency));
    if (!('minor' in read))
      throw new UsageError(
        amountProblem(`${contract.file}: services.${d.name}.fee`, read.problem, d.monthlyFee, currency),
      );
    feeMinor = read.minor * months;
  }
  // What the service does not state stays the policy's: its own minimumOutage never drops the policy's buckets, nor its servicesDown the minimum outage.
  const downtime = d.downtime ? refineDowntime(policy.availability.downtime, d.downtime) : null;
  const stated = d.downtime ? (Object.keys(d.downtime) as Array<keyof DowntimeDefinition>) : [];
  return {
    name: d.name,
    components: d.components,
    targetPercent: d.targetPercent,
    feeMinor,
    downtime,
    ...(stated.length > 0 ? { downtimeStated: stated } : {}),
    creditModels: d.creditModels,
  };
}
