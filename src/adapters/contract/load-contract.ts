import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from '../../core/contract.js';
import { InputError, type Issue } from '../../core/issues.js';
import type { Policy } from '../../core/policy/model.js';
import { readTextFile } from '../policy/load-policy.js';
import { YamlReader } from '../policy/yaml-reader.js';
import { checkAgainstPolicy, contractPolicy, invalidMap, type ContractPlaces } from './contract-policy.js';
import { CONTRACT_VERSION, decodeContract } from './decode-contract.js';

export const DEFAULT_CONTRACT = 'sla-audit.yaml';

/**
 * A contract as read, with every problem found in it so far. What depends on the policy (its tier,
 * calendars, services, map file) is checked by the request loader once it has the policy of the run,
 * and reported here, at the contract's lines: one loader for `validate` and the audit, each file read once.
 */
export class ContractFile {
  private constructor(
    readonly contract: Contract,
    private readonly reader: YamlReader,
    private readonly places: ContractPlaces,
  ) {}

  /** Paths in a contract are relative to the file, itself relative to `cwd`. Throws when the text is no contract of this version. */
  static parse(text: string, file: string, cwd?: string): ContractFile {
    const reader = new YamlReader(file, text, 'CONTRACT');
    const decoded = reader.parsed ? decodeContract(reader, cwd) : undefined;
    if (!decoded) throw new InputError(reader.issues);
    return new ContractFile(decoded.contract, reader, decoded.places);
  }

  get issues(): readonly Issue[] {
    return this.reader.issues;
  }

  /** The policy the contract names, loaded; undefined with the problem at its `policy:` line. */
  policy(): Policy | undefined {
    return this.contract.policy === null ? undefined : contractPolicy(this.reader, this.places, this.contract.policy);
  }

  /** Checks the contract against the policy of the run; its tier only when the run takes the contract's; its amounts in `currency` (--currency) when given. */
  checkAgainst(policy: Policy, tier: boolean, currency?: string): void {
    checkAgainstPolicy(this.reader, this.places, this.contract, policy, tier, currency);
  }

  /** The contract's map file is invalid: one problem at `inputs.map`. */
  mapInvalid(err: InputError): void {
    invalidMap(this.reader, this.places, this.contract.mapFile ?? '', err);
  }

  /** Every problem found so far, as one error. */
  throwIfInvalid(): void {
    if (this.reader.issues.length > 0) throw new InputError(this.reader.issues);
  }
}

/** A contract alone, without the checks against its policy (those are the request loader's). */
export function parseContract(text: string, file: string, cwd?: string): Contract {
  const c = ContractFile.parse(text, file, cwd);
  c.throwIfInvalid();
  return c.contract;
}

/**
 * --config, else ./sla-audit.yaml when present, else none. `text`: the contract's text when the caller
 * has read it already (validate reads a file to tell a contract from a policy), so it is not read twice.
 */
export function findContract(config: string | undefined, cwd: string, text?: string): ContractFile | null {
  const file = config ?? (existsSync(join(cwd, DEFAULT_CONTRACT)) ? join(cwd, DEFAULT_CONTRACT) : undefined);
  if (file === undefined) return null;
  return ContractFile.parse(text ?? readTextFile(file, 'contract file', cwd), file, cwd);
}

/** Whether a YAML text is a contract (by its version line) rather than a policy. */
export function isContractText(text: string): boolean {
  // Any version: a contract of another version is a contract with an unsupported version, not a policy.
  if (/^version:/m.test(text))
    return new RegExp(`^\\s*version:\\s*["']?${CONTRACT_VERSION.split('/')[0]}/`, 'm').test(text);
  // No version line: a file naming its policy, tier, fee or inputs is a contract that lacks it (one error, not a policy's dozen).
  return /^(policy|tier|fee|inputs):/m.test(text);
}
