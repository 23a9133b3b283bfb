import { describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// fixtures/samples/ClouDesire_status__history_summary.json: a real Upptime status repository's summary
// (MIT code, ODbL data): the minutes each site was down per UTC day. The bands-inclusive test policy
// bills in UTC with a 99.95% target.
const args = (month: string) => ['uptime', 'fixtures/samples/ClouDesire_status__history_summary.json', '--policy', 'fixtures/policies/bands-inclusive.yaml', '--tier', 't', '--month', month, '--as-of', '2026-07-01T00:00:00Z', '--format', 'json'];
const rows = async (month: string) => {
  const r = await runCli(args(month), { cwd: ROOT });
  expect(r.code).toBe(0);
  return { stderr: r.stderr, byService: Object.fromEntries(parseReport(r.stdout).availability.map((a: { service: string }) => [a.service, a])) };
};

describe('Upptime daily downtime totals (found by their shape, not taken for StatusCake)', () => {
  it('October 2025 (44 640 min): vc2 down 21 min on the 28th → 99.952957%; marketplace 17 min → 99.961918%; staging 536 + 2 × 1440 min', async () => {
    const { byService, stderr } = await rows('2025-10');
    expect(byService['https://vc2.cloudeng.it']).toMatchObject({ downtimeSeconds: 21 * 60, met: true, coveragePercent: 100 });
    expect(byService['https://vc2.cloudeng.it'].availabilityPercent).toBeCloseTo(((44640 - 21) / 44640) * 100, 12);
    expect(byService['https://marketplace.cloudeng.it'].availabilityPercent).toBeCloseTo(((44640 - 17) / 44640) * 100, 12);
    expect(byService['https://backend-staging-eng.cloudesire.com']).toMatchObject({ downtimeSeconds: (536 + 2 * 1440) * 60, met: false });
    // The file says how much, not when: the report says so.
    expect(stderr).toContain('the log gives minutes down per UTC day');
  });

  it('November 2025: the staging site down every day (1440 min each) is 0%', async () => {
    const { byService } = await rows('2025-11');
    expect(byService['https://backend-staging-eng.cloudesire.com']).toMatchObject({ availabilityPercent: 0, met: false });
  });

  it('a named preset that does not fit is an error, not another shape', async () => {
    const r = await runCli(['uptime', 'fixtures/samples/DreamItGetIT_statuscake__fixtures_tests_detail_ok.json', '--preset', 'upptime', ...args('2025-10').slice(2)], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not what --preset upptime reads');
  });
});
