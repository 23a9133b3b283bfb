import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { octoberUptime } from '../support/october-uptime.js';

// A Prometheus query_range value of `up` is one scrape's, found within the 5-minute lookback delta: a
// sample never speaks for more of its step than that, nor for more than the policy's maxSampleGap.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-prom-step-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

const policy = (extra = '') =>
  write(
    `p${extra.length}.yaml`,
    `version: sla-policy/v1
id: prom-step
name: prom step
currency: USD
billingZone: UTC
availability:
  target: 99.9
${extra}tiers:
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

const OCT = Date.parse('2026-10-01T00:00:00Z') / 1000;
const MONTH = 31 * 86_400;
/** An all-up `up` series of October, one value every `stepS` seconds from its start. */
const series = (name: string, stepS: number, from = OCT, to = OCT + MONTH) => {
  const values: Array<[number, string]> = [];
  for (let t = from; t < to; t += stepS) values.push([t, '1']);
  return write(
    name,
    JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: { __name__: 'up', instance: 'api' }, values }] },
    }),
  );
};

const audit = async (file: string, pol = policy()) => {
  const { r, report } = await octoberUptime([file, '--preset', 'prometheus', '--policy', pol, '--tier', 't'], dir);
  const all = report.availability.find((a: { service: string }) => a.service === 'all');
  const codes = report.warnings.map((w: { code: string }) => w.code);
  return { r, report, all, codes };
};

describe('Prometheus query_range: a sample stands for at most the lookback delta and maxSampleGap', () => {
  it('two samples 15 days apart cover 2 × 5 min, not the month: no verdict, and LOW_COVERAGE', async () => {
    const { all, codes } = await audit(
      write(
        'two.json',
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { __name__: 'up', instance: 'api' },
                values: [
                  [OCT, '1'],
                  [OCT + 15 * 86_400, '1'],
                ],
              },
            ],
          },
        }),
      ),
    );
    // 600 s of October's 2 678 400 s.
    expect(all.coveredSeconds).toBe(600);
    expect(all.coveragePercent).toBeCloseTo((600 / 2_678_400) * 100, 12);
    expect(all.met).toBeNull();
    expect(all.bounds).toEqual({ noDataAsDown: (600 / 2_678_400) * 100, noDataAsUp: 100 });
    expect(codes).toContain('LOW_COVERAGE');
  });

  it('daily samples cover 31 × 5 min: no verdict', async () => {
    const { all, codes } = await audit(series('daily.json', 86_400));
    expect(all.coveredSeconds).toBe(31 * 300);
    expect(all.met).toBeNull();
    expect(codes).toContain('LOW_COVERAGE');
  });

  it('at the boundary: a 5-minute step covers the month, a 6-minute step 5/6 of it', async () => {
    const five = await audit(series('five.json', 300));
    expect(five.all.coveredSeconds).toBe(MONTH);
    expect(five.all.met).toBe(true);
    expect(five.codes).not.toContain('LOW_COVERAGE');
    // 7 440 samples, each 300 s of its 360: 2 232 000 s = 83.33…% < 90%.
    const six = await audit(series('six.json', 360));
    expect(six.all.coveredSeconds).toBe(7_440 * 300);
    expect(six.all.coveragePercent).toBeCloseTo((5 / 6) * 100, 12);
    expect(six.all.met).toBeNull();
    expect(six.codes).toContain('LOW_COVERAGE');
  });

  it("a policy's maxSampleGap shorter than the step bounds each sample as for any probe", async () => {
    // 5-minute step, maxSampleGap 60 s: each sample 60 s of 300 → 20% covered.
    const { all } = await audit(series('five-gap.json', 300), policy('  maxSampleGap: 60s\n'));
    expect(all.coveredSeconds).toBe(8_928 * 60);
    expect(all.met).toBeNull();
  });

  it('a maxSampleGap longer than the lookback does not stretch a sample past it', async () => {
    // 10-minute step, maxSampleGap 10 min: still 5 min of each 10 → 50%.
    const { all } = await audit(series('ten.json', 600), policy('  maxSampleGap: 10m\n'));
    expect(all.coveredSeconds).toBe(4_464 * 300);
    expect(all.met).toBeNull();
  });

  it('a step shorter than the lookback stays the bound: missing samples are no data', async () => {
    // 60-second step from 1 October, with the samples of 10:00–11:00 on 1 October missing: the last before
    // the hole (09:59) stands for its 60 s, so 3 600 s are no data — 99.87% covered, verdict on the rest.
    const values: Array<[number, string]> = [];
    for (let t = OCT; t < OCT + MONTH; t += 60) if (t < OCT + 36_000 || t >= OCT + 39_600) values.push([t, '1']);
    const { all } = await audit(
      write(
        'hole.json',
        JSON.stringify({
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: { __name__: 'up', instance: 'api' }, values }] },
        }),
      ),
    );
    expect(all.noDataSeconds).toBe(3_600);
    expect(all.met).toBe(true);
  });
});
