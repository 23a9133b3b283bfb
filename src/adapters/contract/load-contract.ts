import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract } from '../../core/contract.js';
import { InputError } from '../../core/issues.js';
import { readTextFile } from '../policy/load-policy.js';
import { YamlReader } from '../policy/yaml-reader.js';
import { CONTRACT_VERSION, decodeContract } from './decode-contract.js';

export const DEFAULT_CONTRACT = 'sla-audit.yaml';

/** Paths in a contract are relative to the file, itself relative to `cwd`. */
export function parseContract(text: string, file: string, cwd?: string): Contract {
  const reader = new YamlReader(file, text, 'CONTRACT');
  const contract = reader.parsed ? decodeContract(reader, cwd) : undefined;
  if (!contract || reader.issues.length > 0) throw new InputError(reader.issues);
  return contract;
}

export function loadContractFile(file: string, cwd?: string): Contract {
  return parseContract(readTextFile(file, 'contract file', cwd), file, cwd);
}

/** --config, else ./sla-audit.yaml when present, else none. */
export function findContract(config: string | undefined, cwd: string): Contract | null {
  if (config !== undefined) return loadContractFile(config, cwd);
  const local = join(cwd, DEFAULT_CONTRACT);
  return existsSync(local) ? loadContractFile(local, cwd) : null;
}

/** Whether a YAML text is a contract (by its version line) rather than a policy. */
export function isContractText(text: string): boolean {
  // Any version: a contract of another version is a contract with an unsupported version, not a policy.
  if (/^version:/m.test(text)) return new RegExp(`^\\s*version:\\s*["']?${CONTRACT_VERSION.split('/')[0]}/`, 'm').test(text);
  // No version line: a file naming its policy, tier, fee or inputs is a contract that lacks it (one error, not a policy's dozen).
  return /^(policy|tier|fee|inputs):/m.test(text);
}
