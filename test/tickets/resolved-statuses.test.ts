import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// A helpdesk's own word for resolved ("Fechado", Portuguese for closed) is not one of the usual words: unnamed,
// a status event of it after the resolution is a reopen; named by the policy's resolvedStatuses, a resolution.
const dir = mkdtempSync(join(tmpdir(), 'sla-resolved-statuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const policy = (name: string, extra: string) =>
  file(
    name,
    `version: sla-policy/v1
id: ${name.replace('.yaml', '')}
name: Test policy for resolved statuses
currency: EUR
billingZone: UTC
priorities:
  P1: { name: Normal }
${extra}tiers:
  t:
    calendar: 24x7
    targets:
      P1: { firstResponse: 1h, resolution: 8h }
`,
  );
const NAMED = policy('named.yaml', 'resolvedStatuses: [fechado]\n');
const PLAIN = policy('plain.yaml', '');
// created 08:00, resolved 10:00 (2 h of 8), then moved to Fechado at 20:00.
// Fechado with no resolution time.
const TICKETS = file(
  't.csv',
  'id,created_at,priority,status,first_response_at,resolved_at\n' +
    'A-1,2026-10-05T08:00:00Z,P1,Fechado,2026-10-05T08:30:00Z,2026-10-05T10:00:00Z\n' +
    'A-2,2026-10-06T08:00:00Z,P1,Fechado,2026-10-06T08:30:00Z,\n',
);
const EVENTS = file(
  'e.csv',
  'ticket_id,at,actor,type,status,public\n' +
    'A-1,2026-10-05T08:30:00Z,vendor,reply,,true\n' +
    'A-1,2026-10-05T10:00:00Z,vendor,status,resolved,\n' +
    'A-1,2026-10-05T20:00:00Z,vendor,status,Fechado,\n',
);

async function resolutions(policyFile: string) {
  const r = await runCli(
    ['tickets', TICKETS, '--events', EVENTS, '--policy', policyFile, '--tier', 't', '--month', '2026-10'].concat([
      '--as-of',
      '2026-11-10T00:00:00Z',
      '--format',
      'json',
    ]),
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  const report = parseReport(r.stdout);
  return {
    tickets: report.tickets.map((t: { id: string; resolution: { status: string } }) => [t.id, t.resolution.status]),
    codes: report.warnings.map((w: { code: string }) => w.code),
  };
}

describe("resolvedStatuses: the helpdesk's own words for resolved", () => {
  it('named (any case), Fechado after a resolution is no reopen: met in 2 h of 8; Fechado with no time is not measured', async () => {
    const named = await resolutions(NAMED);
    expect(named.tickets).toEqual([
      ['A-1', 'met'],
      ['A-2', 'not-measured'],
    ]);
    expect(named.codes).not.toContain('TICKETS_REOPENED');
  });

  it('unnamed, Fechado reads as a reopen (not measured, said) and a status of no known word: never met', async () => {
    const plain = await resolutions(PLAIN);
    expect(plain.tickets).toEqual([
      ['A-1', 'not-measured'],
      ['A-2', 'breached'],
    ]);
    expect(plain.codes).toContain('TICKETS_REOPENED');
  });

  it('a resolvedStatuses that is not a list of strings is a policy error at its line', async () => {
    const bad = policy('bad.yaml', 'resolvedStatuses: fechado\n');
    const r = await runCli(['policies', 'validate', bad], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:8(:\d+)?: resolvedStatuses/);
  });
});
