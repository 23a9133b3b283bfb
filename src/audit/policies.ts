import { DEFAULT_CONTRACT, isContractText } from '../adapters/contract/load-contract.js';
import { bundledPolicyIds, parsePolicy, readTextFile, resolvePolicy } from '../adapters/policy/load-policy.js';
import type { Policy } from '../core/policy/model.js';
import { validateContract, type RequestEnv, type ValidContract } from './request.js';

export { DEFAULT_CONTRACT, bundledPolicyIds, resolvePolicy };

/** Every bundled policy, loaded. */
export function bundledPolicies(): Policy[] {
  return bundledPolicyIds().map((id) => resolvePolicy(id));
}

export type Validated = ({ kind: 'contract' } & ValidContract) | { kind: 'policy'; policy: Policy };

/**
 * `validate <file>`: a policy, or a contract checked by the audit's own request loader (which reads
 * its policy and map file, and no input row). The file is read once. Problems are thrown as an InputError.
 */
export function validateFile(file: string, env: RequestEnv): Validated {
  const text = readTextFile(file, 'policy or contract file', env.cwd);
  if (isContractText(text)) return { kind: 'contract', ...validateContract(file, text, env) };
  return { kind: 'policy', policy: parsePolicy(text, file) };
}
