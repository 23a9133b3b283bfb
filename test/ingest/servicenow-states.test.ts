import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// ServiceNow's Table API and XML unload write an incident's state as a code (2 In Progress, 6 Resolved),
// as the real samples do. Read as their words, a state contradicting resolved_at is caught as it is for
// a list CSV's words: INC001 is resolved at 12:00 but still in progress (reopened since), INC002 is
// resolved with no resolution time. Policy: P1 resolution 8 h, 24x7; as-of long after.
const dir = mkdtempSync(join(tmpdir(), 'sla-servicenow-states-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const POLICY = file(
  'policy.yaml',
  `version: sla-policy/v1
id: sn-states
name: Test policy for ServiceNow states
currency: USD
billingZone: UTC
priorities:
  P1: { name: Critical, aliases: ["1"] }
tiers:
  t:
    calendar: 24x7
    targets:
      P1: { firstResponse: 1h, resolution: 8h }
`,
);
const incident = (n: string, state: string, resolved: string) =>
  `{"number":"INC00${n}","sys_id":"a${n}","opened_at":"2026-10-05 10:00:00","priority":"1","state":"${state}","resolved_at":"${resolved}"}`;
const journal = (n: string) =>
  `{"element_id":"a${n}","element":"comments","sys_created_on":"2026-10-05 10:30:00","sys_created_by":"agent.one","value":"on it"}`;

async function resolutions(states: [string, string, string]) {
  const tickets = file(
    `inc-${states.join('-')}.json`,
    `{"result":[${incident('1', states[0], '2026-10-05 12:00:00')},${incident('2', states[1], '')},${incident('3', states[2], '2026-10-05 12:00:00')}]}`,
  );
  const events = file('journal.json', `{"result":[${['1', '2', '3'].map(journal).join(',')}]}`);
  const r = await runCli(
    ['tickets', tickets, '--preset', 'servicenow', '--events', events, '--preset', 'servicenow-journal'].concat(
      ['--input-tz', 'UTC', '--vendor-agent', 'agent.one', '--policy', POLICY, '--tier', 't', '--month', '2026-10'],
      ['--as-of', '2026-11-15T00:00:00Z', '--format', 'json'],
    ),
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  return parseReport(r.stdout).tickets.map((t: { id: string; resolution: { status: string } }) => [
    t.id,
    t.resolution.status,
  ]);
}

describe('ServiceNow incident states as codes', () => {
  it('2 (In Progress) with a resolution time, 6 (Resolved) with none: not measured, as the words are', async () => {
    const expected = [
      ['INC001', 'not-measured'],
      ['INC002', 'not-measured'],
      ['INC003', 'met'],
    ];
    expect(await resolutions(['2', '6', '7'])).toEqual(expected);
    expect(await resolutions(['In Progress', 'Resolved', 'Closed'])).toEqual(expected);
  });
});
