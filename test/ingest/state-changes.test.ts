import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// The bands-inclusive test policy bills in UTC with a 99.95% target.
const POLICY = ['--policy', 'fixtures/policies/bands-inclusive.yaml', '--tier', 't', '--format', 'json'];
const row = async (args: string[], service = 'all') => {
  const r = await runCli([...args, ...POLICY], { cwd: ROOT });
  expect(r.code).toBe(0);
  return parseReport(r.stdout).availability.find((a: { service: string }) => a.service === service);
};

describe('state-change logs: a state holds until the next change, the last until as-of', () => {
  it('a map with kind: state-changes: down 12:00–13:30 on the 10th, up from the 1st to as-of → (44 640 − 90) / 44 640', async () => {
    const all = await row([
      'uptime',
      'fixtures/uptime-formats/state-changes.csv',
      '--map',
      'fixtures/uptime-formats/state-changes-map.yaml',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
    ]);
    expect(all).toMatchObject({ downtimeSeconds: 5400, coveragePercent: 100, met: false });
    expect(all.availabilityPercent).toBeCloseTo(((44640 - 90) / 44640) * 100, 12);
  });

  it("Healthchecks.io flips (the API documentation's example): down 10:17:15–10:18:23, known only from the first flip — too little of March for a verdict", async () => {
    const all = await row([
      'uptime',
      'fixtures/samples/healthchecks__docs_api_flips_example.json',
      '--month',
      '2020-03',
      '--as-of',
      '2020-04-01T00:00:00Z',
    ]);
    // Covered: 2020-03-23T10:16:18Z → 2020-04-01T00:00:00Z = 740 622 s of 2 678 400; 68 s down.
    expect(all).toMatchObject({ downtimeSeconds: 68, coveredSeconds: 740622, met: null });
    expect(all.availabilityPercent).toBeCloseTo(((740622 - 68) / 740622) * 100, 12);
  });
});
