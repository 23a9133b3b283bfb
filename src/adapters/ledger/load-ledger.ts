import type { Issue } from '../../core/issues.js';
import type { Ledger } from '../../core/portfolio/ledger.js';
import { readTextFile } from '../policy/load-policy.js';
import { YamlReader } from '../policy/yaml-reader.js';
import { decodeLedger } from './decode-ledger.js';

/**
 * A claims ledger read and decoded: the entries that decode, and every problem of the others as
 * file:line:col — said together with what checking those entries finds, so that every problem of the
 * ledger is said at once. `file` is relative to `cwd`.
 */
export function loadLedger(file: string, cwd: string): { ledger: Ledger; issues: Issue[] } {
  const reader = new YamlReader(file, readTextFile(file, 'claims ledger', cwd), 'LEDGER');
  const entries = reader.parsed ? decodeLedger(reader, cwd) : undefined;
  return { ledger: { file, entries: entries ?? [] }, issues: reader.issues };
}
