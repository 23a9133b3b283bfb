import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// StatusCake documents no zone for its legacy periods' "Start"/"End" (its legacy API writes human-readable
// times "converted to the timezone of the account"): a time without an offset needs --input-tz. The epoch
// seconds beside them (Start_Unix, End_Unix) are exact.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-statuscake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

// Down 02:00–04:00 on 1 October in Chicago (CDT, UTC−5) is 07:00–09:00Z, in SMA's October (billed in
// America/Chicago from 05:00Z): 7 200 s down against 2 678.4 s allowed (99.9% of 744 h). Read as UTC it
// would fall on 30 September in Chicago, and October would be 100%.
const NAIVE = [
  { Status: 'Up', Start: '2026-09-25 00:00:00', End: '2026-10-01 02:00:00' },
  { Status: 'Down', Start: '2026-10-01 02:00:00', End: '2026-10-01 04:00:00' },
  { Status: 'Up', Start: '2026-10-01 04:00:00', End: '2026-11-05 00:00:00' },
];
const run = (file: string, extra: string[] = []) =>
  runCli(
    [
      'uptime',
      file,
      '--preset',
      'statuscake',
      '--policy',
      'sma-opcon',
      '--tier',
      'managed-operations',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-20T00:00:00Z',
      '--annual-fee',
      '60000',
      '--format',
      'json',
      ...extra,
    ],
    { cwd: dir },
  );
const allRow = (stdout: string) =>
  parseReport(stdout).availability.find((a: { service: string }) => a.service === 'all');

describe('StatusCake periods: no zone is guessed', () => {
  it('naive Start/End without --input-tz: an input error that asks for the zone, no verdict', async () => {
    const r = await run(write('naive.json', JSON.stringify(NAIVE)));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('naive.json:1: period: timestamp has no UTC offset');
    expect(r.stderr).toContain('--input-tz');
  });

  it('with --input-tz America/Chicago: 7 200 s down in October, missed', async () => {
    const r = await run(write('naive2.json', JSON.stringify(NAIVE)), ['--input-tz', 'America/Chicago']);
    expect(r.code).toBe(0);
    expect(allRow(r.stdout)).toMatchObject({ downtimeSeconds: 7200, met: false });
  });

  it('Start_Unix/End_Unix are exact and win over the text, without --input-tz', async () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    const exact = NAIVE.map((p, i) => ({
      ...p,
      Start_Unix: at(['2026-09-25T05:00:00Z', '2026-10-01T07:00:00Z', '2026-10-01T09:00:00Z'][i]!),
      End_Unix: at(['2026-10-01T07:00:00Z', '2026-10-01T09:00:00Z', '2026-11-05T05:00:00Z'][i]!),
    }));
    const r = await run(write('unix.json', JSON.stringify(exact)));
    expect(r.code).toBe(0);
    expect(allRow(r.stdout)).toMatchObject({ downtimeSeconds: 7200, met: false });
    expect(allRow(r.stdout).downtime).toEqual([
      { start: '2026-10-01T07:00:00Z', end: '2026-10-01T09:00:00Z', seconds: 7200 },
    ]);
  });

  it('times with an offset need no zone (v1 created_at)', async () => {
    const v1 = {
      data: [
        { status: 'up', created_at: '2026-09-25T05:00:00Z', ended_at: '2026-10-01T07:00:00Z' },
        { status: 'down', created_at: '2026-10-01T07:00:00Z', ended_at: '2026-10-01T07:44:38Z' },
        { status: 'up', created_at: '2026-10-01T07:44:38Z', ended_at: '2026-11-05T05:00:00Z' },
      ],
    };
    const r = await run(write('v1.json', JSON.stringify(v1)));
    expect(r.code).toBe(0);
    // 2 678 s down of 2 678 400 s: exactly at the 99.9% boundary's safe side (2 678.4 s allowed), met.
    expect(allRow(r.stdout)).toMatchObject({ downtimeSeconds: 2678, met: true });
  });
});
