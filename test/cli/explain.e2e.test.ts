import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
