import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

const cwd = join(ROOT, 'fixtures/example');
const args = ['audit', '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z', '--format', 'json'];

describe('a run names the contract file it applied, found or given', () => {
  it('found in the working folder: a note on stderr and contract.found in JSON', async () => {
    const r = await runCli(args, { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(
      'note: contract sla-audit.yaml applied (found in the working folder; --config names another)',
    );
    expect(parseReport(r.stdout).contract).toEqual({
      file: 'sla-audit.yaml',
      found: true,
      reference: 'WS9-2026-0042',
      customer: 'Example Ltd',
      vendor: { name: 'Websoft9', claimsContact: 'https://www.websoft9.com/ticket' },
    });
  });

  it('given with --config: named as given, relative to the working folder', async () => {
    const r = await runCli([...args, '--config', join(cwd, 'sla-audit.yaml')], { cwd: ROOT });
    expect(r.stderr.split('\n')[0]).toBe('note: contract fixtures/example/sla-audit.yaml applied');
    expect(parseReport(r.stdout).contract).toEqual({
      file: 'fixtures/example/sla-audit.yaml',
      found: false,
      reference: 'WS9-2026-0042',
      customer: 'Example Ltd',
      vendor: { name: 'Websoft9', claimsContact: 'https://www.websoft9.com/ticket' },
    });
  });

  it('none: contract is null, and --quiet says nothing', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/example/websoft9-tickets.csv',
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        ...args.slice(1),
        '--quiet',
      ],
      { cwd: ROOT },
    );
    expect(r.stderr).toBe('');
    expect(parseReport(r.stdout).contract).toBeNull();
    const q = await runCli([...args, '--quiet'], { cwd });
    expect(q.stderr).toBe('');
  });
});
