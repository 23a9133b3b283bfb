import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-upptime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
const POLICY = join(ROOT, 'fixtures/policies/bands-inclusive.yaml');
/** A contract that states the months the summary speaks for. */
const stating = (coverage: string) =>
  write(
    `coverage-${coverage.length}.yaml`,
    `version: sla-contract/v1\npolicy: ${POLICY}\ntier: t\navailability:\n  coverage: ${coverage}\n`,
  );

// fixtures/samples/ClouDesire_status__history_summary.json: a real Upptime status repository's summary
// (MIT code, ODbL data): the minutes each site was down per UTC day. The bands-inclusive test policy
// bills in UTC with a 99.95% target.
const args = (month: string) => [
  'uptime',
  'fixtures/samples/ClouDesire_status__history_summary.json',
  '--policy',
  'fixtures/policies/bands-inclusive.yaml',
  '--tier',
  't',
  '--month',
  month,
  '--as-of',
  '2026-07-01T00:00:00Z',
  '--format',
  'json',
];
const rows = async (month: string, extra: string[] = []) => {
  const r = await runCli([...args(month), ...extra], { cwd: ROOT });
  expect(r.code).toBe(0);
  return {
    stderr: r.stderr,
    byService: Object.fromEntries(parseReport(r.stdout).availability.map((a: { service: string }) => [a.service, a])),
  };
};

describe('Upptime daily downtime totals (found by their shape, not taken for StatusCake)', () => {
  it('October 2025 (44 640 min), the months stated in the contract: vc2 down 21 min on the 28th → 99.952957%; marketplace 17 min → 99.961918%; staging 536 + 2 × 1440 min', async () => {
    const { byService, stderr } = await rows('2025-10', ['--config', stating('{ from: 2025-07, to: 2026-06 }')]);
    expect(byService['https://vc2.cloudeng.it']).toMatchObject({
      downtimeSeconds: 21 * 60,
      met: true,
      coveragePercent: 100,
    });
    expect(byService['https://vc2.cloudeng.it'].availabilityPercent).toBeCloseTo(((44640 - 21) / 44640) * 100, 12);
    expect(byService['https://marketplace.cloudeng.it'].availabilityPercent).toBeCloseTo(
      ((44640 - 17) / 44640) * 100,
      12,
    );
    expect(byService['https://backend-staging-eng.cloudesire.com']).toMatchObject({
      downtimeSeconds: (536 + 2 * 1440) * 60,
      met: false,
    });
    // The file says how much, not when: the report says so.
    expect(stderr).toContain('the log gives minutes down per UTC day');
    expect(stderr).not.toContain('availability.coverage');
  });

  it('October 2025 without a stated coverage: only the days listed are known — vc2 (1 of 31 days) has no verdict, staging (536 + 2 × 1440 min known) misses; the warning names the key', async () => {
    const { byService, stderr } = await rows('2025-10');
    // The 28th alone: (1440 − 21) / 1440 = 98.541667% of 3.2258% of the month; 21 min alone does not miss 99.95% (22.32 min allowed).
    expect(byService['https://vc2.cloudeng.it']).toMatchObject({ downtimeSeconds: 21 * 60, met: null });
    expect(byService['https://vc2.cloudeng.it'].coveragePercent).toBeCloseTo((1 / 31) * 100, 12);
    expect(byService['https://backend-staging-eng.cloudesire.com']).toMatchObject({
      downtimeSeconds: (536 + 2 * 1440) * 60,
      met: false,
    });
    expect(stderr).toContain(
      'does not say since when each service was watched, so outside the days it lists availability is unknown for "https://marketplace.cloudeng.it", "https://backend-staging-eng.cloudesire.com", "https://vc2.cloudeng.it" unless the contract states availability.coverage',
    );
  });

  it("coverage per service: vc2 stated from 2025-11 is not covered in October 2025 by the others' months (only its own 28th); marketplace is, from the stated 2025-07", async () => {
    const config = stating(
      '{ from: 2025-07, to: 2026-06, services: { "https://vc2.cloudeng.it": { from: 2025-11 } } }',
    );
    const { byService, stderr } = await rows('2025-10', ['--config', config]);
    // vc2's one listed day of October (the 28th, 21 min down): 1 / 31 of the month known, no verdict.
    expect(byService['https://vc2.cloudeng.it']).toMatchObject({ downtimeSeconds: 21 * 60, met: null });
    expect(byService['https://vc2.cloudeng.it'].coveragePercent).toBeCloseTo((1 / 31) * 100, 12);
    // marketplace: 17 of 44 640 min → 99.961918%, met.
    expect(byService['https://marketplace.cloudeng.it']).toMatchObject({
      downtimeSeconds: 17 * 60,
      met: true,
      coveragePercent: 100,
    });
    expect(stderr).not.toContain('unless the contract states availability.coverage');
    // From its stated month on, vc2 is covered: November, no minute down, 100%.
    const nov = await rows('2025-11', ['--config', config]);
    expect(nov.byService['https://vc2.cloudeng.it']).toMatchObject({
      availabilityPercent: 100,
      met: true,
      coveragePercent: 100,
    });
  });

  it('November 2025: the staging site down every day (1440 min each) is 0% — every day listed, so covered without a stated coverage', async () => {
    const { byService } = await rows('2025-11');
    expect(byService['https://backend-staging-eng.cloudesire.com']).toMatchObject({
      availabilityPercent: 0,
      met: false,
    });
  });

  it('a named preset that does not fit is an error, not another shape', async () => {
    const r = await runCli(
      [
        'uptime',
        'fixtures/samples/DreamItGetIT_statuscake__fixtures_tests_detail_ok.json',
        '--preset',
        'upptime',
        ...args('2025-10').slice(2),
      ],
      { cwd: ROOT },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not what --preset upptime reads');
  });
});

describe('outage-only summaries never invent coverage, never drop a service (SPEC 2)', () => {
  // Two sites: "old" down 20 min on 2026-03-10, "new" never down (an empty dailyMinutesDown).
  const summary = write(
    'summary.json',
    JSON.stringify(
      [
        { name: 'old', slug: 'old', dailyMinutesDown: { '2026-03-10': 20 } },
        { name: 'new', slug: 'new', dailyMinutesDown: {} },
      ],
      null,
      2,
    ),
  );
  const run = (month: string, extra: string[] = []) =>
    runCli(
      [
        'uptime',
        summary,
        '--policy',
        POLICY,
        '--tier',
        't',
        '--month',
        month,
        '--as-of',
        '2026-07-01T00:00:00Z',
        '--format',
        'json',
        ...extra,
      ],
      { cwd: dir },
    );

  it('a site never down is reported, unknown without a stated coverage; an earlier month is unknown, not "100%, met" from the other site\'s days', async () => {
    const r = await run('2026-03');
    const report = parseReport(r.stdout);
    const by = new Map(report.availability.map((a: { service: string }) => [a.service, a]));
    expect([...by.keys()]).toEqual(['new', 'old', 'all']);
    expect(by.get('new')).toMatchObject({ availabilityPercent: null, met: null, coveragePercent: 0 });
    // old: its 10th known, 20 of 1440 min down, 1 / 31 of March covered: no verdict (20 min alone
    // do not miss 99.95% of March, 22.32 min allowed).
    expect(by.get('old')).toMatchObject({ downtimeSeconds: 1200, met: null });
    expect(report.warnings.find((w: { code: string }) => w.code === 'UPTIME_COVERAGE_NOT_STATED').message).toContain(
      '"old", "new" unless the contract states availability.coverage',
    );
    // February: before the file's first day, nothing is known (before: 100% and met, from the months of any site's outages).
    const feb = parseReport((await run('2026-02')).stdout).availability.find(
      (a: { service: string }) => a.service === 'old',
    );
    expect(feb).toMatchObject({ availabilityPercent: null, met: null });
  });

  it('with coverage stated, the site never down is 100% and met; old: (44 640 − 20) / 44 640 = 99.955197% → met', async () => {
    const config = write(
      'both.yaml',
      `version: sla-contract/v1\npolicy: ${POLICY}\ntier: t\navailability:\n  coverage: { from: 2026-03, to: 2026-03 }\n`,
    );
    const r = await run('2026-03', ['--config', config]);
    const by = new Map(parseReport(r.stdout).availability.map((a: { service: string }) => [a.service, a]));
    expect(by.get('new')).toMatchObject({ availabilityPercent: 100, met: true, coveragePercent: 100 });
    expect(by.get('old')).toMatchObject({ downtimeSeconds: 1200, met: true, coveragePercent: 100 });
    expect((by.get('old') as { availabilityPercent: number }).availabilityPercent).toBeCloseTo(
      ((44640 - 20) / 44640) * 100,
      12,
    );
  });
});
