import { isContractText, parseContract } from '../../adapters/contract/load-contract.js';
import { bundledPolicyIds, parsePolicy, readTextFile, resolvePolicy } from '../../adapters/policy/load-policy.js';
import { policyJson, policyListJson, renderPolicy, renderPolicyList } from '../../adapters/render/policy-render.js';
import { chooseReportFormat, tableWidth, writeStdout } from '../output.js';
import type { Io } from '../io.js';

export interface FormatOptions {
  format?: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export async function policiesList(options: FormatOptions, io: Io): Promise<number> {
  const policies = bundledPolicyIds().map((id) => resolvePolicy(id));
  const format = chooseReportFormat(options.format, undefined, io, ['table', 'json']);
  await writeStdout(io, format === 'json' ? json(policyListJson(policies)) : renderPolicyList(policies, tableWidth(io)));
  return 0;
}

export async function policiesShow(idOrPath: string, options: FormatOptions, io: Io): Promise<number> {
  const policy = resolvePolicy(idOrPath, io.cwd);
  const format = chooseReportFormat(options.format, undefined, io, ['table', 'json']);
  await writeStdout(io, format === 'json' ? json(policyJson(policy)) : renderPolicy(policy, tableWidth(io)));
  return 0;
}

/** Validates a policy or a contract file; problems are thrown as an InputError (exit 2). */
export async function policiesValidate(file: string, _options: FormatOptions, io: Io): Promise<number> {
  const text = readTextFile(file, 'policy or contract file', io.cwd);
  if (isContractText(text)) {
    const c = parseContract(text, file, io.cwd);
    await writeStdout(io, `${file}: valid contract (policy ${c.policy ?? '(from --policy)'}, tier ${c.tier ?? '(from --tier)'})\n`);
    return 0;
  }
  const p = parsePolicy(text, file);
  await writeStdout(io, `${file}: valid policy "${p.id}" (${p.tiers.length} tiers, ${p.priorities.length} priorities, ${p.assumptions.length} assumptions)\n`);
  return 0;
}
