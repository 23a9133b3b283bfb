import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { octoberUptime } from '../support/october-uptime.js';

// UptimeRobot's dashboard log is a state log: each event's state holds until the monitor's next event.
// Its Duration ("0 hrs, 44 mins") is cut down to whole minutes: it checks that end, it is not the end.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-uptimerobot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

// UTC, target 99.9% (October 2026: 2 678 400 s, 2 678.4 s allowed), < 99.9% → 10%, < 99% → 25%.
const POLICY = write(
  'p.yaml',
  `version: sla-policy/v1
id: ur
name: ur
currency: USD
billingZone: UTC
availability:
  target: 99.9
tiers:
  t: { calendar: 24x7, targets: {} }
credits:
  models:
    - id: bands
      type: availability-tiers
      bands:
        - { below: 99.9, percent: 10 }
        - { below: 99, percent: 25 }
`,
);
const HEADER = 'Event,Monitor,Date-Time,Reason,Duration\n';
const MONTH = 2_678_400;

/** One outage at 10-15 12:00:00 written "0 hrs, 44 mins", the monitor's next event at `upAt`. */
const outage = (name: string, upAt: string) =>
  write(
    name,
    HEADER +
      `Up,"api",10-15-2026 ${upAt},OK,"411 hrs, 15 mins"\n` +
      'Down,"api",10-15-2026 12:00:00,Connection Timeout,"0 hrs, 44 mins"\n' +
      'Up,"api",10-01-2026 00:00:00,OK,"348 hrs, 0 mins"\n',
  );

const run = async (file: string, extra: string[] = []) => {
  const { r, report } = await octoberUptime(
    [file, '--preset', 'uptimerobot', '--input-tz', 'UTC', '--policy', POLICY, '--tier', 't'].concat(extra),
    dir,
  );
  return { ...r, report };
};
const all = (report: { availability: { service: string }[] }) =>
  report.availability.find((a) => a.service === 'all') as Record<string, unknown>;

describe('UptimeRobot dashboard log: each state until the next event, its Duration cut to minutes', () => {
  it('down 12:00:00 → up 12:44:59 ("0 hrs, 44 mins"): 2 699 s down, not 2 640 — 99.899231%, misses 99.9%, 10% of 1 000.00', async () => {
    const { code, report } = await run(outage('urmin.csv', '12:44:59'));
    expect(code).toBe(0);
    expect(all(report)).toMatchObject({ downtimeSeconds: 2699, noDataSeconds: 0, met: false });
    expect(all(report).availabilityPercent).toBeCloseTo(((MONTH - 2699) / MONTH) * 100, 10);
    expect(report.credits).toMatchObject([{ percent: 10, amount: 100, eligible: true }]);
  });

  it('the next event 44 min 0 s after (exactly the Duration): 2 640 s down, 99.901434%, met', async () => {
    const { report } = await run(outage('exact.csv', '12:44:00'));
    expect(all(report)).toMatchObject({ downtimeSeconds: 2640, noDataSeconds: 0, met: true });
  });

  it('the next event 45 min 0 s after (a minute more than "44 mins" can be): 2 640 s down and 60 s no data, never up', async () => {
    const { report } = await run(outage('gap.csv', '12:45:00'));
    expect(all(report)).toMatchObject({ downtimeSeconds: 2640, noDataSeconds: 60 });
    expect(all(report).downtime).toEqual([
      { start: '2026-10-15T12:00:00Z', end: '2026-10-15T12:44:00Z', seconds: 2640 },
    ]);
  });

  it('the next event 43 min 59 s after, before "44 mins" ends: the log contradicts itself — a problem naming the row', async () => {
    const file = outage('short.csv', '12:43:59');
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `short.csv:3: Duration "0 hrs, 44 mins" runs past the monitor's next event (2026-10-15T12:43:59Z): the log contradicts itself, so this row's time is no data`,
    );
    // Passed over, its time is no data: 2 639 s of the outage are not counted as up, they are unknown.
    const skipped = await run(file, ['--skip-invalid']);
    expect(all(skipped.report)).toMatchObject({ downtimeSeconds: 0, noDataSeconds: 2639 });
  });

  it('60 outages of 50 s, each "0 hrs, 0 mins": 3 000 s down (99.887993%), not 100%', async () => {
    let rows = '';
    for (let day = 31; day >= 1; day--) {
      const d = `10-${String(day).padStart(2, '0')}-2026`;
      if (day !== 1) rows += `Up,"api",${d} 00:00:50,OK,"${day === 31 ? 23 : 11} hrs, 59 mins"\n`;
      if (day !== 1) rows += `Down,"api",${d} 00:00:00,Connection Timeout,"0 hrs, 0 mins"\n`;
      rows += `Up,"api",${d} 12:00:50,OK,"11 hrs, 59 mins"\n`;
      rows += `Down,"api",${d} 12:00:00,Connection Timeout,"0 hrs, 0 mins"\n`;
      if (day === 1) rows += `Up,"api",${d} 00:00:00,OK,"12 hrs, 0 mins"\n`;
    }
    // 31 outages at noon and 30 at midnight (2nd to 31st): 61 × 50 s; the last Up ends 10-31 23:59:50.
    const { report } = await run(write('urdash.csv', HEADER + rows.split('\n').slice(2).join('\n')));
    expect(all(report)).toMatchObject({ downtimeSeconds: 60 * 50, met: false });
  });
});
