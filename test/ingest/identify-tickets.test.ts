import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueText } from '../../src/adapters/render/format-issues.js';
import { CANONICAL } from '../../src/adapters/ingest/mapping.js';
import { TICKET_PRESETS } from '../../src/adapters/ingest/presets.js';
import { readTickets, type ReadTicketsOptions } from '../../src/adapters/ingest/read-tickets.js';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { ROOT } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-identify-tickets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const sample = (name: string) => join(ROOT, 'fixtures/samples', name);
const opts = (over: Partial<ReadTicketsOptions> = {}): ReadTicketsOptions => ({
  mapping: null,
  inputTz: 'UTC',
  policy: resolvePolicy('connectsoft'),
  skipInvalid: false,
  ...over,
});

describe('a ticket file no preset or map decides is read by the one reader that reads it', () => {
  it('a file with the canonical columns is canonical, as it always was (a preset knowing them too does not matter)', async () => {
    // Zendesk's warehouse table has id and created_at: the zendesk preset would read it too.
    const file = sample('fivetran_dbt_zendesk__ticket_data.csv');
    const policy = resolvePolicy('websoft9');
    const asked = await readTickets([file], opts({ policy }));
    const canonical = await readTickets([file], opts({ policy, mapping: CANONICAL }));
    expect(asked).toEqual(canonical);
    expect(asked.tickets.length + asked.issues.length).toBeGreaterThan(0);
  });

  it('a Jira REST search is read by the jira preset (Redmine, whose list is also "issues", refuses: no created_on)', async () => {
    const file = sample('apache_incubator-devlake__jira_issue_EE-19.json');
    const asked = await readTickets([file], opts());
    const preset = await readTickets([file], opts({ mapping: TICKET_PRESETS.get('jira')! }));
    expect(asked.issues).toEqual([]);
    expect(asked).toEqual(preset);
    expect(asked.tickets.map((t) => t.id)).toEqual(['EE-19']);
  });

  it("Redmine's single-issue response is read by the redmine preset", async () => {
    const file = write(
      'issue.json',
      JSON.stringify({ issue: { id: 7, created_on: '2026-10-05T09:00:00Z', priority: { name: 'High' } } }),
    );
    const asked = await readTickets([file], opts());
    expect(asked.issues).toEqual([]);
    expect(asked.tickets).toMatchObject([{ id: '7', createdAt: Date.parse('2026-10-05T09:00:00Z') }]);
  });

  it('two presets reading a file is an error naming both, and --preset decides', async () => {
    const file = sample('priya-roy_snow-assignment-group-predict__incident.csv');
    const asked = await readTickets([file], opts({ policy: resolvePolicy('olt-ems') }));
    expect(asked.fatal).toEqual([
      {
        code: 'TICKETS_AMBIGUOUS',
        file,
        line: 1,
        args: { readers: ['servicenow', 'servicenow-event-log'] },
        hint: 'name the export with --preset (servicenow or servicenow-event-log)',
      },
    ]);
    const decided = await readTickets(
      [file],
      opts({ policy: resolvePolicy('olt-ems'), mapping: TICKET_PRESETS.get('servicenow')! }),
    );
    expect(decided.fatal).toEqual([]);
  });

  it("no reader reading a file is the canonical columns' error and why each preset refused", async () => {
    const file = write('odd.csv', 'ticket,opened,priority\nA,2026-10-05T10:00:00Z,high\n');
    const r = await readTickets([file], opts());
    expect(r.fatal.map((i) => i.code)).toEqual([
      'INPUT_MISSING_COLUMN',
      'INPUT_MISSING_COLUMN',
      'TICKETS_UNKNOWN_FORMAT',
    ]);
    const none = issueText(r.fatal[2]!);
    expect(none).toMatch(/^no ticket preset reads this file either — zendesk: /);
    for (const name of TICKET_PRESETS.keys()) expect(none).toContain(`${name}: no column for the required field`);
    expect(none).toContain(
      'jira: no column for the required field "id" (expected one of "issue key", "clave de incidencia", "key", "id")',
    );
    // Decided, the canonical reader says only its own.
    const decided = await readTickets([file], opts({ mapping: CANONICAL }));
    expect(decided.fatal.map((i) => i.code)).toEqual(['INPUT_MISSING_COLUMN', 'INPUT_MISSING_COLUMN']);
  });

  it('a document of records no reader knows says why each refused', async () => {
    const file = write('odd.json', JSON.stringify({ rows: [{ ref: 1 }] }));
    const r = await readTickets([file], opts());
    expect(r.fatal.map((i) => i.code)).toEqual(['INPUT_NO_TICKET_LIST', 'TICKETS_UNKNOWN_FORMAT']);
    expect(issueText(r.fatal[1]!)).toContain('redmine: no list of tickets in this JSON object');
  });

  it('a broken file is not shown to the presets: its own error, as before', async () => {
    const file = write('dup.csv', 'id,id,created_at\n1,1,2026-10-05T10:00:00Z\n');
    const r = await readTickets([file], opts());
    expect(r.fatal.map((i) => i.code)).toEqual(['INPUT_DUPLICATE_COLUMN']);
  });
});
