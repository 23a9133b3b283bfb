import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { InputError } from '../../src/core/issues.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import { issueText } from '../../src/adapters/render/format-issues.js';

const policy = (calendar: string) =>
  parsePolicy(
    `version: sla-policy/v1
id: ph
name: Public holidays test
currency: USD
billingZone: America/Los_Angeles
calendars:
  office:
    zone: America/Los_Angeles
    hours: { mon-fri: "09:00-17:00" }
${calendar}
priorities:
  P1: { name: Any }
tiers:
  t:
    calendar: office
    targets:
      P1: { firstResponse: 4 business hours }
`,
    'ph.yaml',
  );
const due = (calendar: string, created: string) =>
  new Date(
    new PolicyClocks(policy(calendar)).calendar('office').dueAt(Date.parse(created), 4 * 3_600_000),
  ).toISOString();

describe('public holidays from the holiday library', () => {
  // Wednesday 2026-11-25 16:00 PST (00:00Z on the 26th): 1 h that day, then 3 h on the next open day.
  const created = '2026-11-26T00:00:00Z';

  it('without them, Thanksgiving is a working day: due Thursday 12:00 PST', () => {
    expect(due('', created)).toBe('2026-11-26T20:00:00.000Z');
  });

  it('US-CA closes Thanksgiving and the day after: due Monday 30 November 12:00 PST', () => {
    expect(due('    publicHolidays: US-CA', created)).toBe('2026-11-30T20:00:00.000Z');
  });

  it('notHolidays opens a public holiday after all; holidays adds a closed day', () => {
    expect(due('    publicHolidays: US-CA\n    notHolidays: [2026-11-27]', created)).toBe('2026-11-27T20:00:00.000Z');
    expect(due('    publicHolidays: US-CA\n    holidays: [2026-11-30]', created)).toBe('2026-12-01T20:00:00.000Z');
  });

  it('an unknown code is an error with its position and the codes there are', () => {
    try {
      policy('    publicHolidays: US-XX');
      expect.unreachable();
    } catch (err) {
      const issue = (err as InputError).issues[0]!;
      expect(issue).toMatchObject({
        code: 'POLICY_UNKNOWN_HOLIDAY_STATE',
        args: expect.objectContaining({ state: 'XX', country: 'US' }),
        line: 10,
        path: 'calendars.office.publicHolidays',
      });
      expect(issueText(issue)).toContain('"XX" is not a state or province of US (');
    }
  });
});

describe("a contract sets a calendar's zone and public holidays: business hours of the customer's region", () => {
  it("a Singapore ticket on Deepavali (observed Monday 9 November 2026): breached on the policy's UTC hours, met on Singapore's", async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli, ROOT } = await import('../support/run-cli.js');
    const { parseReport } = await import('../support/report-schema.js');
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-region-'));
    try {
      // Created Monday 09:00 SGT (01:00Z), answered Tuesday 11:00 SGT (03:00Z); 4 business hours on Mon–Fri 09:00–17:00.
      writeFileSync(
        join(dir, 'tickets.csv'),
        'id,created_at,priority,first_response_at\nSG-1,2026-11-09T01:00:00Z,P1,2026-11-10T03:00:00Z\n',
      );
      writeFileSync(
        join(dir, 'sg.yaml'),
        `version: sla-contract/v1\npolicy: ${join(ROOT, 'fixtures/policies/office-test.yaml')}\ntier: t\ncalendars:\n  office:\n    zone: Asia/Singapore\n    publicHolidays: SG\n`,
      );
      const args = [
        'tickets',
        'tickets.csv',
        '--month',
        '2026-11',
        '--as-of',
        '2026-12-01T00:00:00Z',
        '--format',
        'json',
      ];
      // The policy's office is UTC: Monday 09:00Z + 4 h = 13:00Z Monday.
      const utc = parseReport(
        (
          await runCli([...args, '--policy', join(ROOT, 'fixtures/policies/office-test.yaml'), '--tier', 't'], {
            cwd: dir,
          })
        ).stdout,
      ).tickets[0];
      expect(utc.firstResponse).toMatchObject({ dueAt: '2026-11-09T13:00:00Z', status: 'breached' });
      // Singapore's: Monday is Deepavali's observed day; Tuesday 09:00 SGT + 4 h = 13:00 SGT = 05:00Z.
      const sg = parseReport((await runCli([...args, '--config', 'sg.yaml'], { cwd: dir })).stdout).tickets[0];
      expect(sg.firstResponse).toMatchObject({ dueAt: '2026-11-10T05:00:00Z', status: 'met' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a calendar per ticket by its region (regionCalendars)', () => {
  it("runs each ticket's targets on its region's business hours and holidays; an unknown region is an error naming the known ones", async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../support/run-cli.js');
    const { parseReport } = await import('../support/report-schema.js');
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-regions-'));
    try {
      writeFileSync(
        join(dir, 'regions.yaml'),
        `version: sla-policy/v1
id: regions
name: Regions test
currency: EUR
billingZone: UTC
calendars:
  emea: { zone: Europe/Berlin, hours: { mon-fri: "09:00-17:00" }, publicHolidays: DE }
  apac: { zone: Asia/Singapore, hours: { mon-fri: "09:00-17:00" }, publicHolidays: SG }
regionCalendars:
  emea: { emea: emea, apac: apac }
priorities:
  P1: { name: Any }
tiers:
  t:
    calendar: emea
    targets:
      P1: { firstResponse: 4 business hours }
`,
      );
      // Both created Monday 9 November 2026 01:00Z, answered Tuesday 03:00Z.
      writeFileSync(
        join(dir, 't.csv'),
        'id,created_at,priority,first_response_at,region\nE-1,2026-11-09T01:00:00Z,P1,2026-11-10T03:00:00Z,EMEA\nA-1,2026-11-09T01:00:00Z,P1,2026-11-10T03:00:00Z,APAC\nN-1,2026-11-09T01:00:00Z,P1,2026-11-10T03:00:00Z,\n',
      );
      const r = await runCli(
        [
          'tickets',
          't.csv',
          '--policy',
          'regions.yaml',
          '--tier',
          't',
          '--month',
          '2026-11',
          '--as-of',
          '2026-12-01T00:00:00Z',
          '--format',
          'json',
        ],
        { cwd: dir },
      );
      expect(r.code).toBe(0);
      const [e, a, n] = parseReport(r.stdout).tickets;
      // Berlin (CET, +01:00): Monday 09:00 = 08:00Z + 4 h → 12:00Z Monday: answered a day late.
      expect(e.firstResponse).toMatchObject({ calendar: 'emea', dueAt: '2026-11-09T12:00:00Z', status: 'breached' });
      // Singapore: Monday is Deepavali's observed day; Tuesday 09:00 SGT + 4 h = 05:00Z: met.
      expect(a.firstResponse).toMatchObject({ calendar: 'apac', dueAt: '2026-11-10T05:00:00Z', status: 'met' });
      // No region: the tier's calendar.
      expect(n.firstResponse).toMatchObject({ calendar: 'emea' });
      writeFileSync(join(dir, 'mars.csv'), 'id,created_at,priority,region\nM-1,2026-11-09T01:00:00Z,P1,Mars\n');
      const bad = await runCli(
        ['tickets', 'mars.csv', '--policy', 'regions.yaml', '--tier', 't', '--month', '2026-11'],
        { cwd: dir },
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(
        'mars.csv:2: region: "Mars" is not a region policy regions has calendars for (expected one of emea, apac)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
