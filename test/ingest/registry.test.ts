import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_PRESETS } from '../../src/adapters/ingest/event-mapping.js';
import { TICKET_PRESETS } from '../../src/adapters/ingest/presets.js';
import {
  PRESET_HELP,
  PRESET_NAMES,
  REGISTRY,
  presetNamed,
  presetNames,
  uptimeReaders,
} from '../../src/adapters/ingest/registry.js';
import { ROOT, runCli } from '../support/run-cli.js';

/** The first cells of the README's preset tables (those whose header starts "| preset |" or "| event preset |"). */
function readmePresets(): string[] {
  const names: string[] = [];
  let inTable = false;
  for (const line of readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n')) {
    if (/^\| (event )?preset \|/.test(line)) inTable = true;
    else if (!line.startsWith('|')) inTable = false;
    else if (inTable) {
      const m = /^\| `([a-z0-9-]+)` \|/.exec(line);
      if (m) names.push(m[1]!);
    }
  }
  return names;
}

describe('one registry of readers', () => {
  it("holds each kind's readers: the ticket and event presets' data, and the uptime readers it loads", async () => {
    expect(presetNames('tickets')).toEqual([...TICKET_PRESETS.keys()]);
    for (const [name, mapping] of TICKET_PRESETS) expect(mapping.name).toBe(name);
    expect(presetNames('events')).toEqual([...EVENT_PRESETS.keys()]);
    for (const [name, mapping] of EVENT_PRESETS) expect(mapping.name).toBe(name);
    const uptime = await uptimeReaders();
    expect(uptime.map((u) => u.reader.name)).toEqual(REGISTRY.filter((r) => r.kind === 'uptime').map((r) => r.name));
    expect(uptime.filter((u) => u.preset).map((u) => u.reader.name)).toEqual(presetNames('uptime'));
  });

  it('names are unique, and looked up without the prototype (no preset is called "constructor")', () => {
    expect(new Set(REGISTRY.map((r) => r.name)).size).toBe(REGISTRY.length);
    expect(PRESET_NAMES).toEqual([...presetNames('tickets'), ...presetNames('events'), ...presetNames('uptime')]);
    expect(presetNamed('constructor')).toBeUndefined();
    expect(presetNamed('__proto__')).toBeUndefined();
    expect(presetNamed('ZenDesk')?.kind).toBe('tickets');
    // A reader asked without a preset is not one.
    expect(presetNamed('probes')).toBeUndefined();
  });

  it('gives the --preset help and the README tables', async () => {
    const help = await runCli(['tickets', '--help'], { cwd: ROOT });
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(PRESET_HELP);
    expect(PRESET_HELP).toBe(
      `export format (repeatable): ${presetNames('tickets').join(', ')}; events: ${presetNames('events').join(', ')}; uptime: ${presetNames('uptime').join(', ')}`,
    );
    expect(readmePresets().sort()).toEqual([...PRESET_NAMES].sort());
  });

  it('is what --preset is checked against', async () => {
    const r = await runCli(
      [
        'tickets',
        'x.csv',
        '--preset',
        'constructor',
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        '--month',
        '2026-10',
      ],
      {
        cwd: ROOT,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--preset must be one of ${PRESET_NAMES.join(', ')} (got: "constructor")`);
  });
});
