import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// reconcile's money is the audit's, settled (escalation, the yearly cap, expiry), and its availability rows never
// "agree" where our evidence leaves the downtime open. Every figure below is worked by hand.
const dir = mkdtempSync(join(tmpdir(), 'sla-reconcile-settled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, text: string) => writeFileSync(join(dir, name), text);
const json = async (args: string[]) => {
  const r = await runCli([...args, '--format', 'json'], { cwd: dir });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

// msp-template: P1 first response within 1 h (24x7), 5% per late P1 ticket, ×1, ×2, ×3 for the months in a row
// owing it, at most 15% a month and 2.5% of the year's fees (2000 EUR a month: 600 EUR a year).
const POLICY = join(ROOT, 'fixtures/policies/real/msp-template.yaml');
put(
  'msp.csv',
  [
    'id,created_at,priority,first_response_at',
    'M-0,2026-07-01T09:00:00+02:00,P3,2026-07-01T10:00:00+02:00',
    'M-J,2026-07-14T03:00:00+02:00,P1,2026-07-14T03:40:00+02:00',
    'M-A,2026-08-09T23:30:00+02:00,P1,2026-08-10T01:00:00+02:00',
    'M-S1,2026-09-02T14:00:00+02:00,P1,2026-09-02T15:00:00+02:00',
    'M-S2,2026-09-12T06:00:00+02:00,P1,2026-09-12T07:00:01+02:00',
    'M-S3,2026-09-28T20:00:00+02:00,P1,2026-09-29T08:00:00+02:00',
    'M-1,2026-10-05T08:00:00+02:00,P1,2026-10-05T10:00:00+02:00',
    'M-2,2026-10-05T10:00:00+02:00,P3,2026-10-08T10:00:00+02:00',
    'M-3,2026-10-06T09:00:00+02:00,P1,2026-10-06T09:30:00+02:00',
    'M-4,2026-10-25T02:30:00+01:00,P1,2026-10-25T03:20:00+01:00',
    '',
  ].join('\n'),
);
const VENDOR = 'id,first reply time in minutes within business hours\n';
put('agree.csv', `${VENDOR}M-1,120\nM-3,30\nM-4,50\n`);
put('m1-met.csv', `${VENDOR}M-1,60\nM-3,30\nM-4,50\n`);
const october = (vendor: string, asOf = '2026-11-10T00:00:00Z') =>
  json(
    ['reconcile', '--tickets', 'msp.csv', '--policy', POLICY, '--tier', 'standard', '--fee', '2000'].concat([
      '--vendor',
      vendor,
      '--month',
      '2026-10',
      '--as-of',
      asOf,
    ]),
  );

describe('reconcile money: escalation and the yearly cap, as the audit settles them', () => {
  // August owes 5% (M-A, 90 min: ×1) = 100; September M-S2 and M-S3 are late, ×2: 2 × 10% = 20%, cut to the 15%
  // cap = 300; October's M-1 (120 min) is the third month in a row, ×3 = 15% = 300, cut to what the year leaves:
  // 600 − 400 = 200 EUR (10%). The vendor agrees on every ticket: 200 by theirs too (not the 5%, 100, unsettled).
  it('by our verdicts and by theirs alike: 200.00 EUR, ×3 and cut by the yearly cap', async () => {
    const rec = await october('agree.csv');
    expect(rec.periods[0].money).toEqual({
      currency: 'EUR',
      ours: { percent: 10, amount: 200, undecidedLines: 0 },
      theirs: { percent: 10, amount: 200, undecidedLines: 0 },
    });
    const text = await runCli(
      ['reconcile', '--tickets', 'msp.csv', '--policy', POLICY, '--tier', 'standard', '--fee', '2000'].concat([
        '--vendor',
        'agree.csv',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-10T00:00:00Z',
        '--format',
        'table',
      ]),
      { cwd: dir },
    );
    expect(text.stdout).toContain('Credits: by our verdicts 200.00 EUR (10%); by theirs 200.00 EUR (10%)');
  });

  it('the audit says the same 200.00 EUR', async () => {
    const audit = await json(
      ['audit', '--tickets', 'msp.csv', '--policy', POLICY, '--tier', 'standard'].concat([
        '--fee',
        '2000',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-10T00:00:00Z',
      ]),
    );
    expect(audit.creditTotal).toMatchObject({ percent: 10, amount: 200, undecidedLines: 0 });
  });

  // The vendor's M-1 in 60 min is in time: October owes nothing by theirs, whatever the run before it.
  it('a vendor that has M-1 in time owes 0 by its verdicts, settled all the same', async () => {
    const rec = await october('m1-met.csv');
    expect(rec.periods[0].money.ours).toEqual({ percent: 10, amount: 200, undecidedLines: 0 });
    expect(rec.periods[0].money.theirs).toEqual({ percent: 0, amount: 0, undecidedLines: 0 });
  });

  // October's claims are due by 30 November: on 5 December the line has expired on both sides — owed by neither.
  it('an expired line is owed by neither side, and said', async () => {
    const rec = await october('agree.csv', '2026-12-05T00:00:00Z');
    expect(rec.periods[0].money.ours).toEqual({ percent: 0, amount: 0, undecidedLines: 0 });
    expect(rec.periods[0].money.theirs).toEqual({ percent: 0, amount: 0, undecidedLines: 0 });
    const text = await runCli(
      ['reconcile', '--tickets', 'msp.csv', '--policy', POLICY, '--tier', 'standard', '--fee', '2000'].concat([
        '--vendor',
        'agree.csv',
        '--month',
        '2026-10',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'table',
      ]),
      { cwd: dir },
    );
    expect(text.stdout).toContain(
      'Credits: by our verdicts 0.00 EUR (0%) + 1 expired line, not owed; by theirs 0.00 EUR (0%) + 1 expired line, not owed',
    );
  });
});

describe('reconcile money: a line the yearly cap may cut is undecided, as in the audit', () => {
  // An export that starts on 9 November: no earlier month of the year has evidence. N-3 (08:00 UTC, no reply) was
  // due at 09:00 and is late at 09:40: 5%, but the unknown months may have used the year's cap — undecided. N-1
  // (09:00 UTC) is due at 10:00, not yet: undecided. Ours: 0 owed + 2 undecided (the unsettled sum said 100.00).
  // The vendor has all three in time (20, 30, 50 min): no line at all.
  put(
    'nt.csv',
    'id,created_at,priority,first_response_at\nN-1,2026-11-10T09:00:00Z,P1,\nN-2,2026-11-09T09:00:00Z,P1,2026-11-09T09:30:00Z\nN-3,2026-11-09T08:00:00Z,P1,\n',
  );
  put('nv.csv', `${VENDOR}N-1,20\nN-2,30\nN-3,50\n`);
  it('0.00 EUR + 2 undecided lines by ours; 0.00 EUR by theirs', async () => {
    const args = ['reconcile', '--tickets', 'nt.csv', '--policy', POLICY, '--tier', 'standard', '--fee', '2000'].concat(
      ['--vendor', 'nv.csv', '--month', '2026-11', '--as-of', '2026-11-10T09:40:00Z'],
    );
    const rec = await json(args);
    expect(rec.periods[0].money).toEqual({
      currency: 'EUR',
      ours: { percent: 0, amount: 0, undecidedLines: 2 },
      theirs: { percent: 0, amount: 0, undecidedLines: 0 },
    });
  });
});

// Availability: api probed every 30 s through October 2026 (maxSampleGap 30 s), down at 10:00:00 and 10:05:00 on
// the 14th with no sample between. Each down sample stands for 30 s, under the 1-minute minimum outage: 0 counted.
// Taken as one with the silence, 10:00:00–10:05:30 is one outage of 330 s (5.5 min) — more than the 107 s 99.996%
// allows — so the audit has no verdict, and our downtime is 0–5.5 min. Coverage: 2 678 130 of 2 678 400 s (99.99%).
const START = Date.parse('2026-10-01T00:00:00Z');
const rows = ['timestamp,service,status'];
for (let t = START; t < Date.parse('2026-11-01T00:00:00Z'); t += 30_000) {
  const iso = new Date(t).toISOString().replace('.000Z', 'Z');
  if (iso > '2026-10-14T10:00:00Z' && iso < '2026-10-14T10:05:00Z') continue;
  rows.push(`${iso},api,${iso === '2026-10-14T10:00:00Z' || iso === '2026-10-14T10:05:00Z' ? 'down' : 'up'}`);
}
put('probes.csv', `${rows.join('\n')}\n`);
put(
  'pol.yaml',
  `version: sla-policy/v1
id: downtime-gce
name: minimum outage of 1 minute
currency: USD
billingZone: UTC
calendars:
  office: { zone: UTC, hours: { mon-fri: "09:00-17:00" } }
priorities:
  P1: { name: Normal }
availability:
  target: 99.996
  downtime: { minimumOutage: 1m }
  maxSampleGap: 30s
tiers:
  t:
    calendar: office
    targets:
      P1: { firstResponse: 4h }
`,
);
const statement = (name: string, seconds: number) =>
  put(name, `service,month,downtime_seconds\napi,2026-10,${seconds}\n`);
const availability = (vendor: string, format: string) =>
  runCli(
    ['reconcile', '--policy', 'pol.yaml', '--tier', 't', '--uptime', 'probes.csv', '--vendor', vendor].concat([
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--fail-on',
      'mismatch',
      '--format',
      format,
    ]),
    { cwd: dir },
  );

describe('reconcile availability: downtime our evidence leaves open is no figure to agree with', () => {
  it.each([
    ['0 minutes, the least', 0],
    ['5.5 minutes, the most', 330],
  ])('a vendor stating %s is undecided (exit 4), never "agree"', async (_name, seconds) => {
    statement(`s${seconds}.csv`, seconds);
    const r = await availability(`s${seconds}.csv`, 'json');
    expect(r.code).toBe(4);
    const row = JSON.parse(r.stdout).availability.rows[0];
    expect(row).toMatchObject({ service: 'api', status: 'ours-incomplete', cause: null });
    expect(row.ours).toMatchObject({ downtimeSeconds: 0, undecidedSeconds: 330, coverageShort: false });
    expect(row.undecided).toMatchObject({
      code: 'RECONCILE_OURS_UNDECIDED',
      args: { leastMs: 0, mostMs: 330_000, acrossNoData: true, dailyTotals: false },
    });
    const text = await availability(`s${seconds}.csv`, 'table');
    expect(text.stdout).toContain(
      'undecided: ours is 0–5.5 min: outages interrupted by no data may be one that reaches the minimum outage',
    );
    expect(text.stderr).toContain('1 figure(s) our evidence cannot compare');
  });

  // 10 minutes is more than the most the evidence allows (5.5): a difference whatever the silence held.
  it('a vendor stating more than our most differs', async () => {
    statement('s600.csv', 600);
    const r = await availability('s600.csv', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).availability.rows[0]).toMatchObject({ status: 'differ', differenceSeconds: 600 });
  });
});
