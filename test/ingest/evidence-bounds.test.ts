import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUptime, type ReadUptimeOptions } from '../../src/adapters/ingest/read-uptime.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T = (iso: string) => Date.parse(iso);
const OPTS: ReadUptimeOptions = {
  preset: null,
  inputTz: 'UTC',
  maxSampleGapMs: 300_000,
  billingZone: 'UTC',
  asOf: T('2026-11-05T00:00:00Z'),
  skipInvalid: false,
};
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('what evidence speaks for, and no further', () => {
  it('samples of one instant that disagree are no data for that instant, whatever the row order, and a warning counts them', async () => {
    const rows = (first: string, second: string) =>
      `timestamp,status,service\n2026-10-10T00:00:00Z,up,api\n2026-10-10T00:05:00Z,${first},api\n2026-10-10T00:05:00Z,${second},api\n2026-10-10T00:10:00Z,up,api\n`;
    for (const [a, b] of [
      ['down', 'up'],
      ['up', 'down'],
    ]) {
      const r = await readUptime([file(`p-${a}.csv`, rows(a!, b!))], OPTS);
      // 00:00 stands for 5 min, 00:05 (up and down at once) for nothing, 00:10 (the last) for 5 min.
      expect(r.evidence[0]).toMatchObject({
        outages: [],
        covered: [
          [T('2026-10-10T00:00:00Z'), T('2026-10-10T00:05:00Z')],
          [T('2026-10-10T00:10:00Z'), T('2026-10-10T00:15:00Z')],
        ],
      });
      expect(r.warnings).toMatchObject([
        { code: 'UPTIME_CONFLICTING_SAMPLES', args: { service: 'api', count: 1, first: '2026-10-10T00:05:00Z' } },
      ]);
    }
    // Samples of one instant that agree are one sample.
    const same = await readUptime([file('p-same.csv', rows('down', 'down'))], OPTS);
    expect(same.warnings).toEqual([]);
    expect(same.evidence[0]!.outages).toEqual([[T('2026-10-10T00:05:00Z'), T('2026-10-10T00:10:00Z')]]);
  });

  it('a list of outages covers its records’ whole months only up to --as-of: the rest of the month is yet to come', async () => {
    const list = file('o.csv', 'start,end,service\n2026-10-10T00:00:00Z,2026-10-10T00:10:00Z,api\n');
    const midMonth = await readUptime([list], { ...OPTS, asOf: T('2026-10-15T00:00:00Z') });
    expect(midMonth.evidence[0]!.covered).toEqual([[T('2026-10-01T00:00:00Z'), T('2026-10-15T00:00:00Z')]]);
    const after = await readUptime([list], OPTS);
    expect(after.evidence[0]!.covered).toEqual([[T('2026-10-01T00:00:00Z'), T('2026-11-01T00:00:00Z')]]);
  });
});

describe('an outage that runs into the next month', () => {
  it('covers its own span there, not the rest of that month', async () => {
    const list = file('spill.csv', 'start,end,service\n2026-10-31T22:00:00Z,2026-11-01T02:00:00Z,api\n');
    const r = await readUptime([list], { ...OPTS, asOf: T('2026-12-05T00:00:00Z') });
    expect(r.evidence[0]).toMatchObject({
      outages: [[T('2026-10-31T22:00:00Z'), T('2026-11-01T02:00:00Z')]],
      covered: [[T('2026-10-01T00:00:00Z'), T('2026-11-01T02:00:00Z')]],
    });
  });
});

describe('a state log held over a whole month', () => {
  it('says so when its last state is taken to hold through a whole billing month without a line; not when the month has one', async () => {
    const healthchecks = (last: string) =>
      file(
        `flips-${last.slice(0, 10)}.json`,
        JSON.stringify({
          flips: [
            { timestamp: '2026-08-01T00:00:00+00:00', up: 1 },
            { timestamp: last, up: 1 },
          ],
        }),
      );
    const stale = await readUptime([healthchecks('2026-09-01T00:00:00+00:00')], {
      ...OPTS,
      asOf: T('2026-12-05T00:00:00Z'),
    });
    expect(stale.warnings).toMatchObject([
      {
        code: 'UPTIME_STATE_HELD',
        args: { last: '2026-09-01T00:00:00Z', up: true, asOf: '2026-12-05T00:00:00Z', month: '2026-10' },
      },
    ]);
    // Up until --as-of all the same: a state log's state holds until the next line.
    expect(stale.evidence[0]!.covered).toEqual([[T('2026-08-01T00:00:00Z'), T('2026-12-05T00:00:00Z')]]);
    const fresh = await readUptime([healthchecks('2026-10-20T00:00:00+00:00')], {
      ...OPTS,
      asOf: T('2026-11-05T00:00:00Z'),
    });
    expect(fresh.warnings).toEqual([]);
  });
});
