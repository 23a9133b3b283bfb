import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueText } from '../../src/adapters/render/format-issues.js';
import { readUptime } from '../../src/adapters/ingest/read-uptime.js';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// A stated coverage (contract availability.coverage) is for evidence that cannot show quiet time:
// outage lists and daily downtime totals. Probe samples cover what they sample (SPEC 2).

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-stated-coverage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's own contract example, as a user copies it. */
function readmeContract(): string {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => /^version: sla-contract\/v1\b/m.test(b) && /^\s+coverage:/m.test(b));
  expect(block, 'the README has a contract example with availability.coverage').toBeDefined();
  return block!;
}

/** Probes every 5 minutes, all up, for `api` and `scheduler`, from `start` for `hours`. */
function probes(start: string, hours: number): string {
  const rows = ['timestamp,status,service'];
  const t0 = Date.parse(start);
  for (let t = t0; t < t0 + hours * 3_600_000; t += 300_000) {
    const at = new Date(t).toISOString().replace('.000', '');
    rows.push(`${at},up,api`, `${at},up,scheduler`);
  }
  return `${rows.join('\n')}\n`;
}

describe('a stated coverage never fills the silence of probe samples', () => {
  it("the README's contract example on a probe log of 2 of October's 31 days: no verdict (6.45% covered), a warning naming the silent span", async () => {
    const contract = readmeContract();
    expect(contract).toMatch(/coverage: \{ from: 2026-09, to: 2026-12 \}/);
    mkdirSync(join(dir, 'exports'), { recursive: true });
    writeFileSync(join(dir, 'sla-audit.yaml'), contract);
    // The contract names these inputs: they must exist for it to be valid.
    writeFileSync(join(dir, 'exports/tickets-1.csv'), 'number,opened_at,priority\n');
    // Chicago's October 2026 begins 2026-10-01T05:00Z; the probes cover its first two days, 48 h.
    writeFileSync(join(dir, 'exports/probes.csv'), probes('2026-10-01T05:00:00Z', 48));
    const r = await runCli(
      [
        'uptime',
        'exports/probes.csv',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--format',
        'json',
        '--fail-on',
        'breach',
      ],
      { cwd: dir },
    );
    const report = parseReport(r.stdout);
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    // October in Chicago: 31 × 24 = 744 h (its Sunday maintenance windows fall where there is no
    // data, so none is subtracted); the probes cover 48 h of it: 48 / 744 = 6.452%.
    expect(all.coveragePercent).toBeCloseTo((48 / 744) * 100, 9);
    expect(all).toMatchObject({ met: null, availabilityPercent: 100 });
    // Not enough evidence is no "no breach": --fail-on breach exits 4, undecided (before the fix: 100% covered, met, exit 0).
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      'sla-audit: --fail-on breach: availability of api, scheduler, all undecided in 2026-10\n',
    );
    const codes = report.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('LOW_COVERAGE');
    const silent = report.warnings.find((w: { code: string }) => w.code === 'UPTIME_STATED_COVERAGE_SILENT');
    // Silent in the stated months (Chicago's September to December): before the probes and after them.
    expect(silent.message).toContain('"api", "scheduler" are silent in the stated months');
    expect(silent.message).toContain(
      // The stated months end at --as-of (2026-11-05T00:00Z): what is yet to come is silent in no log.
      'api 2026-09-01 00:00 → 2026-10-01 00:00, api 2026-10-03 00:00 → 2026-11-04 18:00, scheduler 2026-09-01 00:00 → 2026-10-01 00:00, and 1 more (America/Chicago)',
    );
  });
});

describe('availability.coverage per service: decoded with positions', () => {
  it('a service without a to, a month that is none, a range backwards: each at its line and column', async () => {
    const text = [
      'version: sla-contract/v1',
      'policy: sma-opcon',
      'tier: managed-operations',
      'availability:',
      '  coverage:',
      '    services:',
      '      api: { from: 2026-06 }',
      '      web: { from: 2026-13, to: 2026-12 }',
      '      db: { from: 2026-12, to: 2026-01 }',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'per-service.yaml'), text);
    const r = await runCli(['policies', 'validate', 'per-service.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'per-service.yaml:7:12: availability.coverage.services.api: missing "to": no to is given for every service either (expected YYYY-MM) — add "to:" here, or to availability.coverage for every service',
    );
    expect(r.stderr).toContain(
      'per-service.yaml:8:20: availability.coverage.services.web.from: not a month (expected YYYY-MM, got "2026-13")',
    );
    expect(r.stderr).toContain(
      'per-service.yaml:9:11: availability.coverage.services.db: from 2026-12 is after to 2026-01 — give the first month, then the last',
    );
  });

  it('a from and to for every service, a service of its own from: valid', async () => {
    writeFileSync(
      join(dir, 'ok.yaml'),
      'version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\navailability:\n  coverage: { from: 2026-01, to: 2026-12, services: { api: { from: 2026-06 } } }\n',
    );
    const r = await runCli(['policies', 'validate', 'ok.yaml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('evidence kinds at assembly: a stated coverage reaches outage lists only', () => {
  it('probes for api and an outage list for db, October stated for both and in scope: api covers its 2 probed hours, db the whole month', async () => {
    const T = (iso: string) => Date.parse(iso);
    writeFileSync(
      join(dir, 'kinds-probes.csv'),
      'timestamp,status,service\n2026-10-10T00:00:00Z,up,api\n2026-10-10T01:00:00Z,down,api\n',
    );
    writeFileSync(join(dir, 'kinds-outages.csv'), 'start,end,service\n2026-10-20T00:00:00Z,2026-10-20T00:10:00Z,db\n');
    const october: [number, number] = [T('2026-10-01T00:00:00Z'), T('2026-11-01T00:00:00Z')];
    const r = await readUptime(['kinds-probes.csv', 'kinds-outages.csv'], {
      preset: null,
      inputTz: 'UTC',
      maxSampleGapMs: 3_600_000,
      billingZone: 'UTC',
      asOf: T('2027-01-01T00:00:00Z'),
      skipInvalid: false,
      cwd: dir,
      coverage: october,
      services: ['api', 'db', 'cache'],
    });
    expect(r.issues).toEqual([]);
    // Each sample stands for at most the 1-hour gap: 00:00–02:00 on the 10th, the second hour down.
    // cache, in scope and in no log, is covered by the outage list's stated months: it had no outage.
    // Each service names where its evidence came from: its log, and the contract where it states the coverage.
    expect(r.evidence).toEqual([
      {
        service: 'api',
        outages: [[T('2026-10-10T01:00:00Z'), T('2026-10-10T02:00:00Z')]],
        maintenance: [],
        covered: [[T('2026-10-10T00:00:00Z'), T('2026-10-10T02:00:00Z')]],
        sources: ['kinds-probes.csv'],
      },
      {
        service: 'cache',
        outages: [],
        maintenance: [],
        covered: [october],
        sources: ['contract: availability.coverage'],
      },
      {
        service: 'db',
        outages: [[T('2026-10-20T00:00:00Z'), T('2026-10-20T00:10:00Z')]],
        maintenance: [],
        covered: [october],
        sources: ['kinds-outages.csv', 'contract: availability.coverage'],
      },
    ]);
    const w = r.warnings.find((i) => i.code === 'UPTIME_STATED_COVERAGE_SILENT')!;
    expect(w.file).toBe('kinds-probes.csv');
    expect(issueText(w)).toContain(
      '"api" is silent in the stated months: 2026-10-01 00:00 → 2026-10-10 00:00, 2026-10-10 02:00 → 2026-11-01 00:00 (UTC)',
    );
  });
});

describe('a service only a stated coverage speaks for', () => {
  it('is named by no log: the components the logs never name are said (a misspelt component reads as up otherwise)', async () => {
    const at = join(dir, 'misnamed');
    mkdirSync(at, { recursive: true });
    writeFileSync(
      join(at, 'up.csv'),
      'start,end,service\n2026-10-07T02:00:00Z,2026-10-07T04:00:00Z,us-east-1a\n2026-10-07T03:40:00Z,2026-10-07T04:10:00Z,us-east-1b\n',
    );
    writeFileSync(
      join(at, 'sla-audit.yaml'),
      [
        'version: sla-contract/v1',
        `policy: ${join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml')}`,
        'tier: region',
        'currency: USD',
        'services:',
        '  us-east-1: { components: [use1-az1, use1-az2], fee: 1234.60 }',
        'availability:',
        '  coverage: { from: 2026-07, to: 2026-10 }',
        'inputs:',
        '  uptime: [up.csv]',
        '',
      ].join('\n'),
    );
    const r = await runCli(['audit', '--month', '2026-10', '--as-of', '2026-11-10T00:00:00Z', '--format', 'json'], {
      cwd: at,
    });
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).warnings).toContainEqual(
      expect.objectContaining({
        code: 'SERVICE_NOT_IN_LOGS',
        args: { service: 'us-east-1', missing: ['use1-az1', 'use1-az2'], logged: ['us-east-1a', 'us-east-1b'] },
      }),
    );
  });
});
