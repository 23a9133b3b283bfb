import { existsSync } from 'node:fs';
import type { Node } from 'yaml';
import type { Contract } from '../../core/contract.js';
import { PRESET_NAMES } from '../ingest/registry.js';
import { expandPattern, isPattern } from '../ingest/records.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';

const INPUTS = ['tickets', 'uptime', 'events', 'presets', 'map', 'inputTz'] as const;

export type ContractInputs = Pick<Contract, 'tickets' | 'uptime' | 'events' | 'presets' | 'mapFile' | 'inputTz'> & {
  /** The map file's node, when the file exists: the request loader reads it, with the policy. */
  mapNode: Node | undefined;
};

/** What a contract without `inputs:` states: fresh lists, so that no two contracts share one. */
export function noInputs(): ContractInputs {
  return { tickets: [], uptime: [], events: [], presets: [], mapFile: null, inputTz: null, mapNode: undefined };
}

/**
 * A contract's `inputs:` section: the files to audit and how to read them. `path` resolves a path as
 * written against the contract file's folder.
 */
export function decodeContractInputs(
  r: YamlReader,
  node: Node | undefined,
  path: (p: string) => string,
): ContractInputs {
  let tickets: string[] = [];
  let uptime: string[] = [];
  let events: string[] = [];
  let presets: string[] = [];
  let mapFile: string | null = null;
  let inputTz: string | null = null;
  let mapNode: Node | undefined;
  const g = r.fields(node, 'inputs', INPUTS);
  const files = (key: string) =>
    r.isList(g.get(key))
      ? r.stringList(g.get(key), join('inputs', key))
      : [r.string(g.get(key), join('inputs', key), 'a file or a list of files')].filter(
          (x): x is string => x !== undefined,
        );
  if (g.has('tickets')) tickets = files('tickets').map(path);
  if (g.has('uptime')) uptime = files('uptime').map(path);
  if (g.has('events')) events = files('events').map(path);
  // Checked as the audit reads them, so that `policies validate` does not pass a contract the audit refuses.
  let stdin = 0;
  for (const [key, list] of [
    ['tickets', tickets],
    ['uptime', uptime],
    ['events', events],
  ] as const) {
    const node = g.get(key);
    const items = r.isList(node) ? r.list(node, join('inputs', key)) : [node];
    list.forEach((p, i) => {
      if (p === '-' && ++stdin === 2)
        r.report(
          items[i] ?? node,
          r.isList(node) ? join(join('inputs', key), i) : join('inputs', key),
          'STDIN_TWICE',
          {},
          { hint: 'give it for one input only, and the others as files' },
        );
      if (p === '-' || (isPattern(p) ? expandPattern(p).length > 0 : existsSync(p))) return;
      r.report(
        items[i] ?? node,
        r.isList(node) ? join(join('inputs', key), i) : join('inputs', key),
        isPattern(p) ? 'NO_FILE_MATCHES' : 'INPUT_NOT_FOUND',
        isPattern(p) ? { pattern: p } : { file: p },
        {
          hint: `paths are relative to the contract file${isPattern(p) ? '; * and ? may be used in the file name only' : ''}`,
        },
      );
    });
  }
  if (g.has('presets')) {
    presets = files('presets');
    const known = PRESET_NAMES;
    const items = r.isList(g.get('presets')) ? r.list(g.get('presets'), 'inputs.presets') : [g.get('presets')];
    presets.forEach((name, i) => {
      if (!known.includes(name.toLowerCase()))
        r.report(
          items[i],
          r.isList(g.get('presets')) ? join('inputs.presets', i) : 'inputs.presets',
          'UNKNOWN_PRESET',
          { name },
          { expected: `one of ${known.join(', ')}` },
        );
    });
  }
  if (g.has('map')) {
    mapFile = path(r.string(g.get('map'), 'inputs.map', 'a map file') ?? '');
    if (!existsSync(mapFile))
      r.report(
        g.get('map'),
        'inputs.map',
        'INPUT_NOT_FOUND',
        { file: mapFile },
        {
          hint: 'paths are relative to the contract file',
        },
      );
    else mapNode = g.get('map');
  }
  if (g.has('inputTz')) inputTz = r.zone(g.get('inputTz'), 'inputs.inputTz') ?? null;
  return { tickets, uptime, events, presets, mapFile, inputTz, mapNode };
}
