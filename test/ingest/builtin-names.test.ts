import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// Values named like JavaScript built-ins are ordinary text: looked up in a plain object they found
// Object.prototype's members, so a 12-hour outage of kind "constructor" counted as up, a duration
// "5 constructor" dropped the outage, --preset __proto__ crashed and region DE-BY-constructor passed.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-builtins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const UPTIME = [
  '--policy',
  'sma-opcon',
  '--tier',
  'managed-operations',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:00:00Z',
];

describe('built-in names are data, never keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'an interval of kind %s is an unknown kind at its line, not up',
    async (kind) => {
      const path = file(
        `kind-${kind}.csv`,
        `start,end,service,kind\n2026-10-05T00:00:00Z,2026-10-05T12:00:00Z,api,${kind}\n`,
      );
      const r = await runCli(['uptime', path, ...UPTIME]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(
        `${path}:2: kind: unknown interval kind "${kind.toLowerCase()}" (expected outage or maintenance (emergency maintenance is an outage))`,
      );
    },
  );

  it.each(['5 constructor', '5 hasownproperty', '1 hrs, 5 valueOf'])(
    'an UptimeRobot duration "%s" is no duration, reported at its line',
    async (duration) => {
      const path = file('uptimerobot.csv', `Down,"api","10-05-2026 10:00:00",Timeout,"${duration}"\n`);
      const r = await runCli(['uptime', path, '--preset', 'uptimerobot', '--input-tz', 'UTC', ...UPTIME]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: Duration: not a duration`),
      );
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'valueOf'])(
    '--preset %s is a usage error listing the presets',
    async (preset) => {
      const r = await runCli([
        'tickets',
        'fixtures/events/tickets.csv',
        '--preset',
        preset,
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        '--month',
        '2026-10',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).toContain(`--preset must be one of zendesk,`);
      expect(r.stderr).toContain(`(got: "${preset}")`);
    },
  );

  it.each([
    'US-CA-__proto__',
    'DE-BY-constructor',
    'US-constructor',
    'DE-__proto__',
    'constructor',
    'US-CA-hasOwnProperty',
  ])('publicHolidays: %s is refused by validate at its line', async (code) => {
    const path = file(
      'holidays.yaml',
      `version: sla-policy/v1\nid: ph\nname: Holidays\ncurrency: USD\nbillingZone: UTC\ncalendars:\n  office:\n    zone: UTC\n    hours: { mon-fri: "09:00-17:00" }\n    publicHolidays: ${code}\npriorities:\n  P1: { name: Any }\ntiers:\n  t:\n    calendar: office\n    targets:\n      P1: { firstResponse: 4 business hours }\n`,
    );
    const r = await runCli(['policies', 'validate', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:\\d+: .*is not a`));
  });
});
