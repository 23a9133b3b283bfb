import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewFixture } from '../support/review-fixture.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = join(ROOT, 'fixtures/telestax-restcomm-standard-dst');
const ARGS = [
  '--tickets',
  'tickets.csv',
  '--policy',
  'telestax-restcomm',
  '--tier',
  'standard',
  '--as-of',
  '2026-04-01T12:00:00Z',
];

describe('sla-audit explain', () => {
  it('walks a breached ticket across a weekend and the DST change', async () => {
    const r = await runCli(['explain', 'T-2', ...ARGS, '--format', 'table'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Ticket T-2 — telestax-restcomm, tier standard (input line 3)');
    expect(r.stdout).toContain('Created:   2026-03-06T21:00:00Z = Fri 2026-03-06 16:00 EST');
    expect(r.stdout).toContain(
      'First response: target 1 business day = 8h 00m of covered time on calendar business (America/New_York)',
    );
    // Fri 16:00–17:00 EST, closed over the weekend (64 h less the DST hour), Mon from 09:00 EDT.
    expect(r.stdout).toMatch(/Fri 2026-03-06 16:00 EST → 17:00 +1h 00m {3}total 1h 00m\n/);
    expect(r.stdout).toContain('… closed 63h 00m (not counted)');
    expect(r.stdout).toMatch(/Mon 2026-03-09 09:00 EDT → 16:00 +7h 00m {3}total 8h 00m {2}← target reached\n/);
    expect(r.stdout).toMatch(/Mon 2026-03-09 16:00 EDT → 16:30 +30m {3}total 8h 30m\n/);
    expect(r.stdout).toContain('Due:       2026-03-09T20:00:00Z = Mon 2026-03-09 16:00 EDT');
    expect(r.stdout).toContain('Responded: 2026-03-09T20:30:00Z = Mon 2026-03-09 16:30 EDT — 30m of covered time late');
    expect(r.stdout).toContain('Verdict:   BREACHED (8h 30m counted)');
    expect(r.stdout).toContain('Ticket status: breached');
  });

  it('says why the priority changed, and gives the same facts as JSON', async () => {
    const text = (await runCli(['explain', 'T-6', ...ARGS, '--format', 'table'], { cwd: dir })).stdout;
    expect(text).toContain('Priority:  raw "P3" → effective P1');
    expect(text).toContain('reclassified by the vendor from P3 to P1');
    const json = JSON.parse((await runCli(['explain', 'T-6', ...ARGS, '--format', 'json'], { cwd: dir })).stdout);
    expect(json.metrics[0]).toMatchObject({
      metric: 'firstResponse',
      target: '1 calendar day',
      calendar: '24x7',
      dueAt: '2026-03-21T22:00:00Z',
      status: 'breached',
    });
    expect(json.metrics[0].spans[0]).toMatchObject({
      start: '2026-03-20T22:00:00Z',
      end: '2026-03-21T22:00:00Z',
      countedSeconds: 86400,
      totalSeconds: 86400,
    });
  });

  it('with --uptime, a high ticket created during an outage keeps its priority, as in the audit', async () => {
    const cwd = join(ROOT, 'fixtures/websoft9-premium-with-uptime');
    const base = [
      'explain',
      'U-3',
      '--tickets',
      'tickets.csv',
      '--policy',
      'websoft9',
      '--tier',
      'premium',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--format',
      'json',
    ];
    expect(JSON.parse((await runCli(base, { cwd })).stdout)).toMatchObject({
      effectivePriority: 'general',
      reasons: [{ code: 'PRIORITY_DOWNGRADED_NO_INCIDENT' }],
    });
    const withUptime = JSON.parse((await runCli([...base, '--uptime', 'uptime.csv'], { cwd })).stdout);
    expect(withUptime).toMatchObject({
      effectivePriority: 'high',
      reasons: [],
      status: 'breached',
      metrics: [{ dueAt: '2026-10-05T10:40:00Z' }],
    });
  });

  it('an unknown ticket id is a usage error', async () => {
    const r = await runCli(['explain', 'NOPE', ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ticket "NOPE" is not in tickets.csv (8 tickets read)');
  });
});

describe('explain agrees with the audit on reopened and not-measured tickets', () => {
  const fx = reviewFixture();
  const explain = async (id: string, format: 'table' | 'json') => {
    const r = await runCli(['explain', id, ...fx.args, '--format', format], { cwd: fx.dir });
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('R1: the day it sat resolved is held, not counted, so the spans add up to the 26 h of the verdict', async () => {
    // The defect: 10-08 10:00 → 10-10 12:00 shown as 48 h + 2 h = 50 h counted while the verdict said 26 h.
    // Held 10-08 12:00 → 10-09 12:00 (resolved at t.csv:3, reopened at e.csv:4): 2 h + 22 h reach the 24 h
    // target at 10-10 10:00, and 2 h more to the last resolution 10-10 12:00 (e.csv:5) = 26 h.
    const text = await explain('R1', 'table');
    expect(text).toContain(
      'Held:      2026-10-08T12:00:00Z → 2026-10-09T12:00:00Z: the ticket sat resolved (t.csv:3) until reopened (e.csv:4), not counted',
    );
    expect(text).toMatch(/Thu 2026-10-08 10:00 UTC → 12:00 +2h 00m {3}total 2h 00m\n/);
    expect(text).toContain('… held 24h 00m (not counted)');
    expect(text).toMatch(/Fri 2026-10-09 12:00 UTC → 10:00 +22h 00m {3}total 24h 00m {2}← target reached\n/);
    expect(text).toMatch(/Sat 2026-10-10 10:00 UTC → 12:00 +2h 00m {3}total 26h 00m\n/);
    expect(text).toContain('Due:       2026-10-10T10:00:00Z = Sat 2026-10-10 10:00 UTC');
    expect(text).toContain('(the last resolution, e.csv:5) — 2h 00m of covered time late');
    expect(text).toContain('Verdict:   BREACHED (26h 00m counted)');

    const json = JSON.parse(await explain('R1', 'json'));
    const resolution = json.metrics.find((m: { metric: string }) => m.metric === 'resolution');
    expect(resolution.spans.at(-1).totalSeconds).toBe(26 * 3600);
    expect(resolution).toMatchObject({
      held: [{ start: '2026-10-08T12:00:00Z', end: '2026-10-09T12:00:00Z', startFrom: 't.csv:3', endFrom: 'e.csv:4' }],
      dueAt: '2026-10-10T10:00:00Z',
      respondedAt: '2026-10-10T12:00:00Z',
      respondedFrom: 'e.csv:5',
      lateBySeconds: 7200,
      status: 'breached',
    });
  });

  it('U1 and S1: the metric not measured is shown, with why, and no reading of it passes for a verdict', async () => {
    // U1: P1 → P2 by a rule the export cannot decide; answered 2 h after creation: late for P1 (1 h),
    // in time for P2 (4 h). S1: resolved 12:00 by its cell, "open" by its status.
    const u1 = await explain('U1', 'table');
    expect(u1).toContain(
      'First response: target 4h = 4h 00m of covered time on calendar 24x7\n  Verdict:   NOT-MEASURED — its priority is undecided, and the priorities disagree on it: P1 on a non-production environment may or may not be P2 (a rule the export cannot decide)\n',
    );
    const s1 = await explain('S1', 'table');
    expect(s1).toContain(
      'Resolution: target 24h = 24h 00m of covered time on calendar 24x7\n  Verdict:   NOT-MEASURED — its status ("open") says it is not resolved, but its resolution cell says resolved at 2026-10-09T12:00:00Z\n',
    );
    const json = JSON.parse(await explain('S1', 'json'));
    expect(json.metrics[1]).toMatchObject({ metric: 'resolution', spans: [], dueAt: null, status: 'not-measured' });
    expect(json.metrics[1].why).toContain('its status ("open") says it is not resolved');
  });
});

describe('explain: a response a second after its due time, when the clock was stopped', () => {
  it('shows the second, and says how late on the wall clock, not "0s late" beside "breached"', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sla-explain-second-'));
    try {
      // Office hours Mon–Fri 09:00–17:00 UTC, first response 4 h: created Monday 13:00, due 17:00, answered 17:00:01.
      writeFileSync(
        join(tmp, 't.csv'),
        'id,created_at,priority,first_response_at\nS-1,2026-10-05T13:00:00Z,P1,2026-10-05T17:00:01Z\n',
      );
      const r = await runCli(
        ['explain', 'S-1', '--tickets', 't.csv', '--policy', join(ROOT, 'fixtures/policies/office-test.yaml')].concat([
          '--tier',
          't',
          '--as-of',
          '2026-10-31T00:00:00Z',
          '--format',
          'table',
        ]),
        { cwd: tmp },
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        'Responded: 2026-10-05T17:00:01Z = Mon 2026-10-05 17:00:01 UTC — 1s after the due time, while the clock was stopped (0s of covered time late)',
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
