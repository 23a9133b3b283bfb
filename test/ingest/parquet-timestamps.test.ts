import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { readParquet } from '../../src/adapters/ingest/parquet-records.js';
import type { ParquetTable } from '../../src/adapters/ingest/parquet-table.js';
import { ROOT } from '../support/run-cli.js';

// Files written by other writers (fixtures/parquet/README.md): DuckDB 1.5.6, Arrow2 (Rust), Spark 3.4.3 (parquet-mr).
const fixture = (name: string) => join(ROOT, 'fixtures/parquet', name);
const table = (name: string) => readParquet(fixture(name), createReadStream(fixture(name)));
const column = (t: ParquetTable, name: string) => t.columns.find((c) => c.name === name)!.values;

/** The integers the file stores, with no conversion: the numbers the hand arithmetic below is checked against. */
async function raw(name: string): Promise<Array<Record<string, unknown>>> {
  const b = readFileSync(fixture(name));
  const same = (v: unknown) => v;
  return parquetReadObjects({
    file: b.buffer.slice(b.byteOffset, b.byteOffset + b.length),
    parsers: {
      timestampFromMilliseconds: same,
      timestampFromMicroseconds: same,
      timestampFromNanoseconds: same,
      dateFromDays: same,
    },
  });
}

/*
 * Hand arithmetic, days since 1970-01-01:
 *   2026-10-05: 56 years of which 14 leap (1972…2024) = 56·365 + 14 = 20454 days to 2026-01-01,
 *               + 273 (January…September) + 4 = 20731 days; · 86400 = 1 791 158 400 s; + 09:00:00 (32 400 s)
 *               = 1 791 190 800 s.
 *   1969-12-31T23:59:59.999999: one unit before the epoch, -1 in every unit (and DATE -1).
 *   2000-02-29: 30 years of which 7 leap (1972…1996) = 10957 days, + 31 + 28 = 11016 days; · 86400
 *               = 951 782 400 s; + 12:34:56 (45 296 s) = 951 827 696 s.
 */
describe('Parquet timestamps, every unit and zone convention (timestamps.parquet, written by DuckDB 1.5.6)', () => {
  it('the file stores the integers the arithmetic gives', async () => {
    const rows = await raw('timestamps.parquet');
    expect(rows.map((r) => r.utc_micros)).toEqual([1791190800123456n, -1n, 951827696000001n]);
    expect(rows.map((r) => r.wall_micros)).toEqual([1791190800123456n, -1n, 951827696000001n]);
    expect(rows.map((r) => r.wall_millis)).toEqual([1791190800123n, -1n, 951827696001n]);
    expect(rows.map((r) => r.wall_nanos)).toEqual([1791190800123456789n, -1n, 951827696000001001n]);
    expect(rows.map((r) => r.day)).toEqual([20731, -1, 11016]);
  });

  it('isAdjustedToUTC: true (MICROS) is an instant: ISO text with Z and every digit of the unit', async () => {
    const t = await table('timestamps.parquet');
    expect(column(t, 'utc_micros')).toEqual([
      '2026-10-05T09:00:00.123456Z',
      '1969-12-31T23:59:59.999999Z',
      '2000-02-29T12:34:56.000001Z',
    ]);
  });

  it('isAdjustedToUTC: false (MILLIS, MICROS, NANOS) is a wall time: ISO text without an offset, floored before 1970', async () => {
    const t = await table('timestamps.parquet');
    expect(column(t, 'wall_millis')).toEqual([
      '2026-10-05T09:00:00.123',
      '1969-12-31T23:59:59.999',
      '2000-02-29T12:34:56.001',
    ]);
    expect(column(t, 'wall_micros')).toEqual([
      '2026-10-05T09:00:00.123456',
      '1969-12-31T23:59:59.999999',
      '2000-02-29T12:34:56.000001',
    ]);
    // Nanoseconds are kept as text to the last digit; the timestamp reader keeps milliseconds (truncated), as for any ISO fraction.
    expect(column(t, 'wall_nanos')).toEqual([
      '2026-10-05T09:00:00.123456789',
      '1969-12-31T23:59:59.999999999',
      '2000-02-29T12:34:56.000001001',
    ]);
  });

  it('DATE is a date; strings are as written; nulls are empty; 64-bit integers past 2^53 keep every digit as text', async () => {
    const t = await table('timestamps.parquet');
    expect(column(t, 'day')).toEqual(['2026-10-05', '1969-12-31', '2000-02-29']);
    expect(column(t, 'text_with_offset')).toEqual(['2026-10-05T11:00:00+02:00', '1969-12-31T23:59:59Z', null]);
    expect(column(t, 'nothing')).toEqual([null, 7, null]);
    // 2^53 + 1 and its negative would be 2^53 as a number; 2^53 - 1 is exact and stays a number.
    expect(column(t, 'big_id')).toEqual(['9007199254740993', '-9007199254740993', 9007199254740991]);
  });

  it('a list of structs is an array of objects, its timestamps converted like the column', async () => {
    const t = await table('timestamps.parquet');
    const comments = column(t, 'comments');
    expect(JSON.parse(JSON.stringify(comments))).toEqual([
      [
        { at: '2026-10-05T10:00:00.000000Z', body: 'first' },
        { at: '2026-10-05T10:30:00.000000Z', body: 'second' },
      ],
      [],
      null,
    ]);
    // Objects without a prototype: a key from the file is never a property of every object.
    expect(Object.getPrototypeOf((comments[0] as object[])[0])).toBeNull();
  });
});

describe('Parquet timestamps written by other writers', () => {
  it('NANOS with isAdjustedToUTC: true (Arrow2, hyparquet test file duckdb4442.parquet)', async () => {
    // The same file's call_date_epoch column gives 1317939709580 ms. By hand: 2011-10-06 is 41 years (10 leap, 1972…2008)
    // = 14975 days, + 273 + 5 = 15253 days; · 86400 = 1 317 859 200 s; + 22:21:49 (80 509 s) = 1 317 939 709 s, .580.
    const [row] = await raw('duckdb4442.parquet');
    expect(row!.call_date).toBe(1317939709580000000n);
    expect(row!.call_date_epoch).toBe(1317939709580n);
    const t = await table('duckdb4442.parquet');
    expect(column(t, 'call_date')).toEqual(['2011-10-06T22:21:49.580000000Z']);
  });

  it('INT96 (Spark 3.4.3, parquet-testing int96_from_spark.parquet) is a wall time of nanoseconds, as Arrow and DuckDB read it', async () => {
    // The file's README gives the first three as microseconds 1704141296123456, 1704070800000000, 253402225200000000.
    // By hand: 2024-01-01 is 54 years (13 leap, 1972…2020) = 19723 days; · 86400 = 1 704 067 200 s;
    // + 20:34:56 (74 096 s) = 1 704 141 296 s; + 01:00:00 = 1 704 070 800 s. 9999-12-31T03:00 is past 2199: read, then refused by the audit.
    const [a, b, c, , none] = column(await table('int96_from_spark.parquet'), 'a');
    expect([a, b, c, none]).toEqual([
      '2024-01-01T20:34:56.123456000',
      '2024-01-01T01:00:00.000000000',
      '9999-12-31T03:00:00.000000000',
      null,
    ]);
  });
});
