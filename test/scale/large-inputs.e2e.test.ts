import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// Sizes past the ~125 000 arguments a spread into one call can take on Node's
// default stack: each case crashed with "Maximum call stack size exceeded"
// (exit 3) while every list of rows, issues or spans was spread into push().
const ROWS = 130_000;
const SKIPPED = 130_000;

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, header: string, n: number, row: (i: number) => string): string {
  const path = join(dir, name);
  const lines = new Array<string>(n + 1);
  lines[0] = header;
  for (let i = 0; i < n; i++) lines[i + 1] = row(i);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const TICKET_ARGS = [
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:00:00Z',
];

function expectInputError(
  r: { code: number; stdout: string; stderr: string },
  path: string,
  message: RegExp,
  more: number,
): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.split('\n')[0]).toMatch(message);
  expect(r.stderr.startsWith(`${path}:2: `)).toBe(true);
  expect(r.stderr).toContain(`… and ${more} more with the same problem`);
}

describe('large inputs: every problem of every row reported, never a stack overflow', () => {
  it(`${ROWS} tickets with naive timestamps and no --input-tz: exit 2 naming the first rows and --input-tz`, async () => {
    const path = file(
      'naive.csv',
      'id,created_at,priority,first_response_at,resolved_at',
      ROWS,
      (i) => `T-${i},2026-10-05 10:00:00,general,,`,
    );
    const r = await runCli(['tickets', path, ...TICKET_ARGS]);
    expectInputError(r, path, /created_at: timestamp has no UTC offset .*— pass --input-tz/, ROWS - 3);
  });

  it(`a probe log of ${ROWS} naive samples: exit 2`, async () => {
    const path = file(
      'probes.csv',
      'timestamp,status,service',
      ROWS,
      (i) =>
        `2026-10-01 ${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},up,api`,
    );
    const r = await runCli(['uptime', path, ...TICKET_ARGS]);
    expectInputError(r, path, /timestamp has no UTC offset/, ROWS - 3);
  });

  it(`an event export of ${ROWS} naive events: exit 2`, async () => {
    const tickets = file('tickets.csv', 'id,created_at,priority,resolved_at', 1, () => 'T-1,2026-10-05T09:00:00Z,P1,');
    const path = file(
      'events.csv',
      'ticket_id,at,author,public,type,status',
      ROWS,
      () => 'T-1,2026-10-05 09:00:00,bob@vendor.example,true,reply,',
    );
    const r = await runCli([
      'tickets',
      tickets,
      '--events',
      path,
      '--policy',
      'fixtures/policies/pause-test.yaml',
      '--tier',
      't',
      '--month',
      '2026-10',
      '--as-of',
      '2026-10-05T14:00:00Z',
    ]);
    expectInputError(r, path, /timestamp has no UTC offset/, ROWS - 3);
  });

  it(`--skip-invalid over ${SKIPPED} bad rows: exit 0, the good row audited, the skipped rows counted`, async () => {
    const path = file('bad.csv', 'id,created_at,priority,first_response_at,resolved_at', SKIPPED + 1, (i) =>
      i === 0 ? 'OK-1,2026-10-05T10:00:00Z,general,2026-10-05T10:30:00Z,' : `B-${i},bad,general,,`,
    );
    const r = await runCli(['tickets', path, ...TICKET_ARGS, '--skip-invalid', '--format', 'json']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: { rows: { read: number; skipped: number } };
      warnings: Array<{ code: string; message: string }>;
    };
    expect(report.summary.rows).toMatchObject({ read: SKIPPED + 1, skipped: SKIPPED });
    expect(report.warnings.find((w) => w.code === 'ROWS_SKIPPED')?.message).toMatch(
      new RegExp(`^${SKIPPED} row\\(s\\) skipped`),
    );
  });
});

describe('a valid outage log of many intervals', () => {
  it('120 000 intervals: exit 0, every second of them counted down', async () => {
    // 10 s down every 20 s from 2026-10-01T06:00Z: 27.8 days of October, 1 200 000 s down.
    const start = Date.UTC(2026, 9, 1, 6);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const path = file(
      'outages.csv',
      'start,end,service',
      120_000,
      (i) => `${iso(start + i * 20_000)},${iso(start + i * 20_000 + 10_000)},api`,
    );
    // A policy whose credit needs no earlier month: the months before October are not audited too.
    const policy = join(ROOT, 'fixtures/policies/bands-inclusive.yaml');
    const r = await runCli([
      'uptime',
      path,
      '--policy',
      policy,
      '--tier',
      't',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--format',
      'json',
    ]);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { availability: Array<{ service: string; downtimeSeconds: number }> };
    expect(report.availability.find((row) => row.service === 'api')).toMatchObject({ downtimeSeconds: 1_200_000 });
  });
});
