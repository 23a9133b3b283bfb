import { InputError } from '../../core/issues.js';
import type { Ledger } from '../../core/portfolio/ledger.js';
import { readTextFile } from '../policy/load-policy.js';
import { YamlReader } from '../policy/yaml-reader.js';
import { decodeLedger } from './decode-ledger.js';

/** A claims ledger read and decoded; every problem in it at once, as file:line:col. `file` is relative to `cwd`. */
export function loadLedger(file: string, cwd: string): Ledger {
  return parseLedger(readTextFile(file, 'claims ledger', cwd), file, cwd);
}

function parseLedger(text: string, file: string, cwd = '.'): Ledger {
  const reader = new YamlReader(file, text, 'LEDGER');
  const entries = reader.parsed ? decodeLedger(reader, cwd) : undefined;
  if (!entries || reader.issues.length > 0) throw new InputError(reader.issues);
  return { file, entries };
}
