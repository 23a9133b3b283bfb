import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquetBytes } from '../../src/adapters/ingest/parquet-table.js';
import { InputError } from '../../src/core/issues.js';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// fixtures/parquet/*.parquet were written by DuckDB 1.5.6 from the CSV fixtures named in fixtures/parquet/README.md.
// fixtures/policies/pause-test.yaml: Mon–Fri 09:00–17:00 UTC, first response 4 h; 2026-10-05 is a Monday.
const policy = [
  '--policy',
  'fixtures/policies/pause-test.yaml',
  '--tier',
  't',
  '--month',
  '2026-10',
  '--as-of',
  '2026-10-05T14:00:00Z',
  '--format',
  'json',
];
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tickets and events from Parquet (a warehouse unload)', () => {
  it('a tickets table with an events table: the verdicts checked by hand for the same rows as CSV (test/ingest/events.test.ts)', async () => {
    const r = await runCli(
      [
        'tickets',
        'fixtures/parquet/tickets.parquet',
        '--events',
        'fixtures/parquet/events.parquet',
        '--vendor-agent',
        '@vendor.example',
        ...policy,
      ],
      { cwd: ROOT },
    );
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const [t1, t2, t3] = parseReport(r.stdout).tickets;
    // T-1: created 09:00; the 10:00 reply is an internal note (public false); the public reply at 13:00 is 09:00 + 4 h, exactly at due.
    // A record's line is its row: row 3 of events.parquet.
    expect(t1).toMatchObject({
      id: 'T-1',
      firstResponseFrom: 'fixtures/parquet/events.parquet:3',
      firstResponse: {
        status: 'met',
        dueAt: '2026-10-05T13:00:00Z',
        respondedAt: '2026-10-05T13:00:00Z',
        elapsedSeconds: 14400,
      },
    });
    // T-2: on hold 09:30–11:30 moves the due time 2 h to 15:00; the reply at 15:00:01 (row 6) is one second late.
    expect(t2).toMatchObject({
      id: 'T-2',
      firstResponseFrom: 'fixtures/parquet/events.parquet:6',
      firstResponse: {
        status: 'breached',
        dueAt: '2026-10-05T15:00:00Z',
        respondedAt: '2026-10-05T15:00:01Z',
        elapsedSeconds: 14401,
      },
    });
    // T-3: no event; at 14:00 it is 5 h after creation, an hour past due.
    expect(t3).toMatchObject({
      id: 'T-3',
      firstResponse: { status: 'breached', respondedAt: null, elapsedSeconds: 18000 },
    });
  });

  it('a list column of structs is the inline events of each ticket, as a JSON array is', async () => {
    const r = await runCli(['tickets', 'fixtures/parquet/tickets-nested-events.parquet', ...policy], { cwd: ROOT });
    expect(r.stderr).not.toMatch(/error/);
    const [t1, t2, t3] = parseReport(r.stdout).tickets;
    expect(t1).toMatchObject({ id: 'T-1', firstResponse: { status: 'met', respondedAt: '2026-10-05T13:00:00Z' } });
    expect(t2).toMatchObject({
      id: 'T-2',
      firstResponse: { status: 'breached', dueAt: '2026-10-05T15:00:00Z', respondedAt: '2026-10-05T15:00:01Z' },
    });
    // T-3's events cell is null (no event joined): no evidence, as "events": null in JSON, so not measured rather than breached.
    expect(t3).toMatchObject({ id: 'T-3', firstResponse: { status: 'not-measured', respondedAt: null } });
  });

  it('64-bit ids past 2^53 keep every digit: 2^53 + 1 and 2^53 are two tickets', async () => {
    const r = await runCli(['tickets', 'fixtures/parquet/big-ids.parquet', ...policy], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(
      parseReport(r.stdout)
        .tickets.map((t: { id: string }) => t.id)
        .sort(),
    ).toEqual(['9007199254740992', '9007199254740993']);
  });

  it('is known by its magic bytes, whatever its name', async () => {
    copyFileSync(join(ROOT, 'fixtures/parquet/tickets.parquet'), join(dir, 'tickets.export'));
    const r = await runCli(['tickets', join(dir, 'tickets.export'), ...policy], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).tickets).toHaveLength(3);
  });
});

describe('uptime from Parquet', () => {
  const args = (file: string, ...more: string[]) => [
    'uptime',
    file,
    '--policy',
    'sma-opcon',
    '--tier',
    'managed-operations',
    '--month',
    '2026-10',
    '--as-of',
    '2026-11-05T00:00:00Z',
    '--annual-fee',
    '60000',
    '--format',
    'json',
    ...more,
  ];

  it('a probe log with wall-time nanosecond timestamps reads as the same log in CSV, given the zone', async () => {
    const csv = await runCli(args('fixtures/example/sma-opcon-probes.csv'), { cwd: ROOT });
    const parquet = await runCli(args('fixtures/parquet/probes.parquet', '--input-tz', 'UTC'), { cwd: ROOT });
    expect(parquet.stderr).toBe(csv.stderr);
    expect(parquet.code).toBe(csv.code);
    // The same report but for the log's name and its own bytes (the run's files: each file's checksum and size).
    const strip = (out: string) => {
      const { files, ...report } = JSON.parse(
        out
          .replaceAll('fixtures/parquet/probes.parquet', 'LOG')
          .replaceAll('fixtures/example/sma-opcon-probes.csv', 'LOG'),
      );
      return { report, files: files.map((f: { sha256: string; bytes: number }) => ({ ...f, sha256: '', bytes: 0 })) };
    };
    expect(strip(parquet.stdout)).toEqual(strip(csv.stdout));
  });

  it('without a zone, wall times are the usual input error, at their row', async () => {
    const r = await runCli(args('fixtures/parquet/probes.parquet'), { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fixtures/parquet/probes.parquet:1: timestamp: timestamp has no UTC offset');
    expect(r.stderr).toContain('--input-tz');
  });
});

describe('a Parquet file that cannot be read is exit 2 naming the file, never a crash', () => {
  const run = (file: string) => runCli(['tickets', file, ...policy], { cwd: ROOT });

  it('cut off (no footer)', async () => {
    const bytes = readFileSync(join(ROOT, 'fixtures/parquet/tickets.parquet'));
    writeFileSync(join(dir, 'cut.parquet'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await run(join(dir, 'cut.parquet'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'cut.parquet')}: not a readable Parquet file`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('corrupt in the middle (a page overwritten)', async () => {
    const bytes = Buffer.from(readFileSync(join(ROOT, 'fixtures/parquet/events.parquet')));
    bytes.fill(0xff, 4, 200);
    writeFileSync(join(dir, 'corrupt.parquet'), bytes);
    const r = await run(join(dir, 'corrupt.parquet'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'corrupt.parquet'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('named .parquet but text', async () => {
    writeFileSync(join(dir, 'text.parquet'), 'id,created_at,priority\n');
    const r = await run(join(dir, 'text.parquet'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'text.parquet: named .parquet, but not a Parquet file (expected the bytes "PAR1" at its start, got "id,creat")',
    );
  });

  it('compressed with a codec not read (ZSTD: Arrow2, hyparquet test file duckdb5533.parquet)', async () => {
    const r = await run('fixtures/parquet/duckdb5533.parquet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'fixtures/parquet/duckdb5533.parquet: the Parquet file is compressed with ZSTD, which is not read',
    );
    expect(r.stderr).toContain('SNAPPY');
  });
});

describe('a Parquet file is read whole, at most 256 MiB, like a JSON document', () => {
  it('past 256 MiB: an input error suggesting smaller unloads or CSV (one 16 MiB buffer given 17 times: nothing is copied before the limit)', async () => {
    const piece = Buffer.alloc(16 * 1024 * 1024);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 17; i++) yield piece;
    }
    const err = await readParquetBytes('big.parquet', chunks()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues[0]).toMatchObject({ code: 'INPUT_PARQUET_TOO_LARGE', file: 'big.parquet' });
    expect((err as InputError).issues[0]!.hint).toContain('CSV');
  });
});
