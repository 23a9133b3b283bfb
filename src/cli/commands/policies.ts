import { bundledPolicies, resolvePolicy, validateFile } from '../../audit/policies.js';
import { policyJson, policyListJson, renderPolicy, renderPolicyList } from '../../adapters/render/policy-render.js';
import { chooseReportFormat, tableWidth, writeStdout } from '../output.js';
import type { Io } from '../io.js';
import type { Clock } from './audit.js';

export interface FormatOptions {
  format?: string;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

export async function policiesList(options: FormatOptions, io: Io): Promise<number> {
  const policies = bundledPolicies();
  const format = chooseReportFormat(options.format, undefined, io, ['table', 'json']);
  await writeStdout(
    io,
    format === 'json' ? json(policyListJson(policies)) : renderPolicyList(policies, tableWidth(io)),
  );
  return 0;
}

export async function policiesShow(idOrPath: string, options: FormatOptions, io: Io): Promise<number> {
  const policy = resolvePolicy(idOrPath, io.cwd);
  const format = chooseReportFormat(options.format, undefined, io, ['table', 'json']);
  await writeStdout(io, format === 'json' ? json(policyJson(policy)) : renderPolicy(policy, tableWidth(io)));
  return 0;
}

/** Validates a policy, or a contract as an audit loads it (without reading its inputs); problems are thrown as an InputError (exit 2). */
export async function policiesValidate(file: string, _options: FormatOptions, io: Io, clock: Clock): Promise<number> {
  const v = validateFile(file, { cwd: io.cwd, now: clock.now });
  if (v.kind === 'contract') {
    const c = v.contract;
    await writeStdout(
      io,
      `${file}: valid contract (policy ${c.policy ?? '(from --policy)'}, tier ${c.tier ?? '(from --tier)'})\n`,
    );
    return 0;
  }
  const p = v.policy;
  await writeStdout(
    io,
    `${file}: valid policy "${p.id}" (${p.tiers.length} tiers, ${p.priorities.length} priorities, ${p.assumptions.length} assumptions)\n`,
  );
  return 0;
}
