import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atRiskFindings } from '../../src/adapters/render/at-risk-data.js';
import { renderAtRiskTable } from '../../src/adapters/render/at-risk-table.js';
import { findingText } from '../../src/adapters/render/wording.js';
import { loadPolicyFile } from '../../src/adapters/policy/load-policy.js';
import { runAtRisk } from '../../src/audit/at-risk.js';
import { loadRequest } from '../../src/audit/request.js';
import { allowedDowntime } from '../../src/core/at-risk/budget.js';
import { auditAvailability } from '../../src/core/availability/audit-availability.js';
import { monthPeriod } from '../../src/core/period.js';
import { ROOT, runCli } from '../support/run-cli.js';

/**
 * fixtures/at-risk: Mon–Fri 09:00–17:00 America/New_York (EDT, UTC−4 in October 2026), Monday
 * 2026-10-12 a holiday; P2 first response 4 business hours, P1 1 h round the clock; a Sunday
 * 02:00–04:00 UTC maintenance window; target 99.9%, bands "< 99.9%" 10% and "≤ 99%" 25%; claims
 * within 30 days of the period. As-of: Friday 2026-10-09 16:00 EDT = 20:00Z.
 */
const DIR = join(ROOT, 'fixtures/at-risk');
const AS_OF = '2026-10-09T16:00:00-04:00';
const H = 3_600_000;
const args = (...more: string[]) => [
  'at-risk',
  '--policy',
  'policy.yaml',
  '--tier',
  't',
  '--tickets',
  'tickets.json',
  '--uptime',
  'uptime.csv',
  '--as-of',
  AS_OF,
  '--fee',
  '1000',
  ...more,
];

async function atRisk(within = 4 * 24 * H, deadlineDays = 14) {
  const request = loadRequest(
    { policy: 'policy.yaml', tier: 't', tickets: ['tickets.json'], uptime: ['uptime.csv'], asOf: AS_OF, fee: '1000' },
    { cwd: DIR, now: () => 0 },
  );
  return runAtRisk(request, { withinMs: within, deadlineDays });
}

describe('at-risk tickets, hand-computed', () => {
  it('a Friday 15:00 ticket of 4 business hours: due Tuesday 11:00 EDT, past the weekend and the Monday holiday', async () => {
    const r = await atRisk();
    const a = r.tickets.find((t) => t.id === 'A-weekend-holiday')!;
    // Fri 15:00–17:00 counts 2 h; Sat, Sun and the holiday Mon 12th count nothing; Tue 09:00 + 2 h = 11:00 EDT.
    expect(new Date(a.dueAt).toISOString()).toBe('2026-10-13T15:00:00.000Z');
    // At Fri 16:00, 1 h of the 4 has run: 3 business hours left; on the clock Fri 20:00Z → Tue 15:00Z = 91 h.
    expect(a).toMatchObject({ metric: 'firstResponse', calendar: 'office', leftMs: 3 * H, wallLeftMs: 91 * H });
  });

  it('the earliest pending metric is the one shown: the P1 first response (24x7), not its resolution', async () => {
    const r = await atRisk();
    expect(r.tickets.map((t) => [t.id, t.metric, t.leftMs, t.wallLeftMs])).toEqual([
      ['C-urgent', 'firstResponse', 0.5 * H, 0.5 * H],
      ['A-weekend-holiday', 'firstResponse', 3 * H, 91 * H],
    ]);
  });

  it('a window of 4 h keeps the ticket due in 30 min and leaves out the one due Tuesday', async () => {
    const r = await atRisk(4 * H);
    expect(r.tickets.map((t) => t.id)).toEqual(['C-urgent']);
  });

  it('a paused ticket is listed apart, with the business time it will have when resumed', async () => {
    const r = await atRisk();
    // Created Thu 10:00 EDT, paused at 12:00: 2 h of 4 ran, 2 h left whenever it resumes.
    expect(r.paused).toEqual([
      expect.objectContaining({
        id: 'B-paused',
        metric: 'firstResponse',
        pausedSince: Date.parse('2026-10-08T16:00:00Z'),
        leftMs: 2 * H,
      }),
    ]);
    expect(r.tickets.some((t) => t.id === 'B-paused' || t.id === 'D-answered')).toBe(false);
  });
});

describe('availability budget, to the millisecond', () => {
  // October 2026 in UTC: 31 days = 2 678 400 s, less four Sundays' 2 h of maintenance (8 h) = 2 649 600 s eligible.
  const E = 2_649_600_000;

  it('allowances on the whole month less maintenance, less the 30 min down so far', async () => {
    const r = await atRisk();
    const all = r.availability.find((s) => s.service === 'all')!;
    expect(all.eligibleMs).toBe(E);
    expect(all.downtimeMs).toBe(1_800_000);
    // So far: 1 Oct 00:00 → 9 Oct 20:00 = 212 h less Sun 4 Oct's 2 h = 210 h eligible, 30 min down.
    expect(all.availabilityPercent).toBeCloseTo((1 - 0.5 / 210) * 100, 12);
    expect(all.thresholds.map((t) => [t.kind, t.percent, t.inclusive, t.allowedMs, t.leftMs, t.crossed])).toEqual([
      // 0.1% of 2 649 600 000 ms = 2 649 600 ms (44 min 9.6 s): exactly 99.9% still meets the target.
      ['target', 99.9, false, 2_649_600, 849_600, false],
      ['band', 99.9, false, 2_649_600, 849_600, false],
      // "≤ 99%": exactly 99% (26 496 000 ms down) is in the band, so one ms less is all that is allowed.
      ['band', 99, true, 26_495_999, 24_695_999, false],
    ]);
  });

  it("at each boundary the audit's own credit agrees: the allowance pays nothing more, one ms beyond does", () => {
    const policy = loadPolicyFile(join(DIR, 'policy.yaml'));
    const tier = policy.tiers[0]!;
    const OCT = monthPeriod(2026, 10, 'UTC');
    const creditAt = (downMs: number) => {
      const start = Date.parse('2026-10-06T00:00:00Z');
      const { credits } = auditAvailability({
        policy,
        tier,
        period: OCT,
        feeMinor: 100_000,
        evidence: [
          { service: 'api', covered: [[OCT.start, OCT.end]], maintenance: [], outages: [[start, start + downMs]] },
        ],
      });
      return credits.map((c) => c.percent);
    };
    const below999 = allowedDowntime(E, 99.9, false);
    const atOrBelow99 = allowedDowntime(E, 99, true);
    expect(creditAt(below999)).toEqual([]);
    expect(creditAt(below999 + 1)).toEqual([10]);
    expect(creditAt(atOrBelow99)).toEqual([10]);
    expect(creditAt(atOrBelow99 + 1)).toEqual([25]);
  });
});

describe('claim deadlines', () => {
  it("September's credit (2 h down: < 99.9%, 10% of 1000.00) is due by 30 October: 21 days from 9 October", async () => {
    expect((await atRisk(4 * H, 21)).deadlines).toEqual([
      {
        period: '2026-09',
        claimBy: expect.any(Number),
        daysLeft: 21,
        percent: 10,
        amountMinor: 10_000,
        currency: 'USD',
        undecidedLines: 0,
        ticketsNotCovered: false,
      },
    ]);
    expect((await atRisk(4 * H, 20)).deadlines).toEqual([]);
  });
});

describe('at-risk on the command line', () => {
  it('NDJSON: one line per finding, each whole, with its code', async () => {
    const r = await runCli(args('--within', '4h', '--deadlines', '21d', '--format', 'ndjson'), { cwd: DIR });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.class, l.code, l.id ?? l.service ?? l.period])).toEqual([
      ['ticket', 'AT_RISK_TICKET_DUE', 'C-urgent'],
      ['paused', 'AT_RISK_TICKET_PAUSED', 'B-paused'],
      ['availability', 'AT_RISK_AVAILABILITY', 'api'],
      ['availability', 'AT_RISK_AVAILABILITY', 'all'],
      ['deadline', 'AT_RISK_CLAIM_DEADLINE', '2026-09'],
    ]);
    expect(lines[4]).toMatchObject({
      claimBy: '2026-10-30',
      amount: 100,
      currency: 'USD',
      asOf: '2026-10-09T20:00:00Z',
    });
  });

  it('JSON: the same findings by class', async () => {
    const r = await runCli(args('--format', 'json'), { cwd: DIR });
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ atRiskVersion: 1, asOf: '2026-10-09T20:00:00Z', withinSeconds: 14_400 });
    expect(json.tickets.map((t: { id: string }) => t.id)).toEqual(['C-urgent']);
    expect(json.paused[0]).toMatchObject({ id: 'B-paused', leftSeconds: 7200, pausedSince: '2026-10-08T16:00:00Z' });
  });

  it.each([
    { failOn: 'ticket', code: 10 },
    { failOn: 'availability', code: 0 },
    { failOn: 'deadline', code: 12 },
    { failOn: 'deadline,ticket', code: 10 },
  ])('--fail-on $failOn exits $code, naming the findings on stderr', async ({ failOn, code }) => {
    // Within 10 min: C-urgent (30 min left) is not due; 14 min of downtime left is more than 10 min.
    const within = failOn.includes('ticket') ? '1h' : '10m';
    const r = await runCli(args('--within', within, '--deadlines', '30d', '--fail-on', failOn, '--format', 'json'), {
      cwd: DIR,
    });
    expect(r.code).toBe(code);
    if (code !== 0) expect(r.stderr).toMatch(/^sla-audit: --fail-on /m);
  });

  it('availability is at risk once the downtime left before the target is under the window', async () => {
    const r = await runCli(args('--within', '15m', '--fail-on', 'availability', '--format', 'json'), { cwd: DIR });
    expect(r.code).toBe(11);
    expect(r.stderr).toContain('api: 14m more downtime in 2026-10 misses its 99.9% target');
  });

  it('bad flags: a usage error, exit 2, nothing on stdout', async () => {
    for (const more of [
      ['--within', '4 hours'],
      ['--month', '2026-10'],
      ['--fail-on', 'breach'],
      ['--deadlines', '36h'],
    ]) {
      const r = await runCli(args(...more), { cwd: DIR });
      expect(r.code, more.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
    // A window of digits too many is said to be too long, not to be no duration.
    const long = await runCli(args('--within', '99999999999h'), { cwd: DIR });
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('--within is too long (got: "99999999999h") — at most 999999 of its unit');
  });
});

describe('at-risk on a priority the export cannot decide', () => {
  // websoft9 premium: high 10 min, general 2 h; without an incident column (and no uptime logs) a high
  // ticket may be either. Created 09:00Z, not answered.
  const request = (asOf: string) =>
    loadRequest(
      {
        policy: 'websoft9',
        tier: 'premium',
        tickets: [
          {
            name: 'ar.csv',
            stream: Readable.from([
              Buffer.from('id,created_at,priority,first_response_at\nH-1,2026-10-05T09:00:00Z,high,\n'),
            ]),
          },
        ],
        uptime: [],
        asOf,
      },
      { cwd: ROOT, now: () => 0 },
    );

  it('is listed by the earlier due time while both readings run (09:10 as high), by the one still running after (11:00 as general)', async () => {
    const early = await runAtRisk(request('2026-10-05T09:05:00Z'), { withinMs: H, deadlineDays: 14 });
    expect(early.tickets.map((t) => [t.id, new Date(t.dueAt).toISOString()])).toEqual([
      ['H-1', '2026-10-05T09:10:00.000Z'],
    ]);
    // At 10:00 the high reading is already breached, the general one due at 11:00: listed, never "nothing at risk".
    const late = await runAtRisk(request('2026-10-05T10:00:00Z'), { withinMs: 2 * H, deadlineDays: 14 });
    expect(late.tickets.map((t) => [t.id, new Date(t.dueAt).toISOString()])).toEqual([
      ['H-1', '2026-10-05T11:00:00.000Z'],
    ]);
  });

  it('names the reading each due time is from, and the priorities the ticket may have', async () => {
    const early = await runAtRisk(request('2026-10-05T09:05:00Z'), { withinMs: H, deadlineDays: 14 });
    expect(early.tickets.map((t) => [t.priority, t.priorityUndecided])).toEqual([['high', ['high', 'general']]]);
    const late = await runAtRisk(request('2026-10-05T10:00:00Z'), { withinMs: 2 * H, deadlineDays: 14 });
    expect(late.tickets.map((t) => [t.priority, t.priorityUndecided])).toEqual([['general', ['high', 'general']]]);
    // The finding carries both as args and says them in words.
    const finding = atRiskFindings(late).find((f) => f.code === 'AT_RISK_TICKET_DUE')!;
    expect(finding.args).toMatchObject({ ticket: 'H-1', priority: 'general', undecided: 'high or general' });
    expect(finding.data).toMatchObject({ priority: 'general', priorityUndecided: ['high', 'general'] });
    expect(findingText(finding.code, finding.args)).toBe(
      'ticket H-1 (as general; its priority may be high or general): first response due 2026-10-05T11:00:00Z, 1h 00m left (1h 00m on the clock)',
    );
    expect(renderAtRiskTable(late, 200)).toContain('general or high');
  });
});

describe('at-risk on downtime the evidence leaves open', () => {
  // Upptime's 60 minutes down on UTC day 2026-10-01 may lie in Chicago's October (from 05:00Z) or September:
  // October's 99.9% allows 2 678.4 s; as-of 15 October nothing is proved down, 3 600 s may be.
  it('counts it against what is left (0 s left, not 2 678.4 s), and never as the target crossed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-at-risk-open-'));
    try {
      const daily: Record<string, number> = {};
      for (let t = Date.UTC(2026, 8, 25); t <= Date.UTC(2026, 9, 15); t += 86_400_000)
        daily[new Date(t).toISOString().slice(0, 10)] = t === Date.UTC(2026, 9, 1) ? 60 : 0;
      writeFileSync(join(dir, 'summary.json'), JSON.stringify([{ name: 'api', slug: 'api', dailyMinutesDown: daily }]));
      writeFileSync(
        join(dir, 'policy.yaml'),
        'version: sla-policy/v1\nid: open\nname: open\ncurrency: USD\nbillingZone: America/Chicago\navailability:\n  target: 99.9\n' +
          'tiers:\n  t: { calendar: 24x7, targets: {} }\n',
      );
      writeFileSync(
        join(dir, 'contract.yaml'),
        'version: sla-contract/v1\npolicy: policy.yaml\ntier: t\navailability:\n  coverage: { from: 2026-09, to: 2026-10 }\n',
      );
      const r = await runCli(
        ['at-risk', '--config', 'contract.yaml', '--uptime', 'summary.json', '--preset', 'upptime'].concat([
          '--as-of',
          '2026-10-15T05:00:00Z',
          '--format',
          'json',
        ]),
        { cwd: dir },
      );
      expect(r.code).toBe(0);
      const api = JSON.parse(r.stdout).availability.find((a: { service: string }) => a.service === 'api');
      expect(api).toMatchObject({ downtimeMs: 0, undecidedMs: 3_600_000 });
      expect(api.thresholds[0]).toMatchObject({ allowedMs: 2_678_400, leftMs: 0, crossed: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
