import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-json-values-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ARGS = ['--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z'];

describe('a JSON list or object where a ticket field holds a value', () => {
  it('is an error at the record, never an empty field (no exclusion, no response, the default priority)', async () => {
    const base = { created_at: '2026-10-01T00:00:00Z', priority: 'general', first_response_at: '2026-10-01T05:05:00Z' };
    const tickets = [
      { id: 'C', ...base, exclusion: { reason: 'force-majeure' } },
      { id: 'D', ...base, priority: ['high'] },
      { id: 'E', ...base, first_response_at: { at: '2026-10-01T00:05:00Z' } },
      { id: { x: 1 }, ...base },
      // A ServiceNow reference ({value, display_value}) is a value.
      { id: 'F', ...base, priority: { value: 'general', display_value: 'General' } },
    ];
    const file = join(dir, 'typed.json');
    writeFileSync(file, JSON.stringify(tickets, null, 1));
    const r = await runCli(['tickets', file, ...ARGS, '--format', 'json']);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.includes('not a value'));
    expect(lines).toHaveLength(4);
    expect(r.stderr).toContain('exclusion: an object, not a value (expected a string or a number)');
    expect(r.stderr).toContain('priority: a list, not a value');
    expect(r.stderr).toContain('first_response_at: an object, not a value');
    expect(r.stderr).toContain('id: an object, not a value');
    expect(r.stderr).not.toContain('the ticket has no id');
  });
});
