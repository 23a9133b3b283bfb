import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError, type FindingArgs } from '../../core/issues.js';
import type { Policy } from '../../core/policy/model.js';
import { decodePolicy } from './decode-policy.js';
import { YamlReader } from './yaml-reader.js';

/** The policies shipped with the package (../../../policies from src/ or dist/). */
export const BUNDLED_POLICY_DIR = fileURLToPath(new URL('../../../policies/', import.meta.url));

/** Decode policy text; throws InputError with every problem found. */
export function parsePolicy(text: string, file: string): Policy {
  const reader = new YamlReader(file, text, 'POLICY');
  const policy = reader.parsed ? decodePolicy(reader) : undefined;
  if (!policy || reader.issues.length > 0) throw new InputError(reader.issues);
  return policy;
}

const MAX_YAML_BYTES = 4 * 1024 * 1024;

/** Read a file (relative to `cwd`) as UTF-8 text, turning a missing or unreadable file into an input error. */
export function readTextFile(file: string, what: string, cwd = '.'): string {
  const path = resolve(cwd, file);
  const unreadable = (code: string, args: FindingArgs, hint = 'check the path') =>
    new InputError([{ code, file, args: { what, ...args }, hint }]);
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch {
    // Reported by the read below, with its cause.
  }
  // /dev/zero or a FIFO would be read for ever; no policy, contract or map is megabytes long.
  if (st && !st.isFile() && !st.isDirectory()) throw unreadable('FILE_NOT_REGULAR', {}, 'give the path of a YAML file');
  if (st && st.size > MAX_YAML_BYTES)
    throw unreadable(
      'FILE_TOO_LARGE',
      { bytes: st.size, maxMiB: MAX_YAML_BYTES / 1024 / 1024 },
      'check that this is the right file',
    );
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw unreadable('FILE_UNREADABLE', { error: code ?? 'error' });
  }
}

export function loadPolicyFile(file: string, cwd?: string): Policy {
  return parsePolicy(readTextFile(file, 'policy file', cwd), file);
}

/** Ids of the bundled policies, sorted. */
export function bundledPolicyIds(): string[] {
  return readdirSync(BUNDLED_POLICY_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

export function bundledPolicyPath(id: string): string {
  return join(BUNDLED_POLICY_DIR, `${id}.yaml`);
}

/** A bundled policy by id, or a policy file by path (relative to `cwd`). */
export function resolvePolicy(idOrPath: string, cwd?: string): Policy {
  if (bundledPolicyIds().includes(idOrPath)) return loadPolicyFile(bundledPolicyPath(idOrPath));
  if (/[\\/]|\.ya?ml$/i.test(idOrPath)) return loadPolicyFile(idOrPath, cwd);
  throw new UsageError(
    `unknown policy "${idOrPath}" (expected one of ${bundledPolicyIds().join(', ')}, or a path to a YAML policy file) — run \`sla-audit policies list\``,
  );
}
