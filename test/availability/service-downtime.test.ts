import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-service-downtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const run = (args: string[]) =>
  runCli([...args, '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--format', 'json'], { cwd: dir });

describe("a contract service's downtime refines the policy's, key by key (SPEC 3.8)", () => {
  // The policy counts only outages of at least a minute; 1% of the fee per 10 minutes down or part.
  write(
    'blips.yaml',
    `version: sla-policy/v1
id: blips
name: Test policy, outages under a minute not counted
currency: USD
billingZone: UTC
availability:
  target: 99.9
  downtime: { minimumOutage: 1m }
tiers:
  t: { calendar: 24x7, targets: {} }
credits:
  models:
    - { id: per-ten, type: per-downtime, percent: 1, per: 10m, max: 50 }
`,
  );
  // api-a: a 30-second blip on the 5th and a 50-minute outage on the 12th.
  write(
    'api.csv',
    'start,end,service\n2026-10-05T10:00:00Z,2026-10-05T10:00:30Z,api-a\n2026-10-12T08:00:00Z,2026-10-12T08:50:00Z,api-a\n',
  );
  const contract = (downtime: string) =>
    write(
      `c-${downtime.length}.yaml`,
      `version: sla-contract/v1\npolicy: blips.yaml\ntier: t\nservices:\n  api: { components: [api-a], fee: 1000.00, downtime: ${downtime} }\n`,
    );

  it("a service stating only servicesDown keeps the policy's minimum outage: the 30 s blip is no downtime → 50 min, 5 × 1% of 1000.00 = 50.00 (not 60.00)", async () => {
    const r = await run(['uptime', 'api.csv', '--config', contract('{ servicesDown: 1 }')]);
    expect(r.code, r.stderr).toBe(0);
    const report = parseReport(r.stdout);
    // October: 44 640 min; 50 down → (44 640 − 50) / 44 640 = 99.887993%.
    const api = report.availability.find((a: { service: string }) => a.service === 'api');
    expect(api.downtimeSeconds).toBe(50 * 60);
    expect(api.availabilityPercent).toBeCloseTo(((44640 - 50) / 44640) * 100, 9);
    expect(report.credits).toHaveLength(1);
    expect(report.credits[0]).toMatchObject({ percent: 5, amount: 50 });
    // The basis shows the definition in force: the policy's minimum outage with the service's servicesDown.
    expect(report.credits[0].basis.downtimeDefinition).toEqual({
      minimumOutageSeconds: 60,
      bucketSeconds: null,
      bucketDown: 'any',
      servicesDown: 1,
      statedByService: ['servicesDown'],
    });
  });

  it("dropping the policy's minimum outage needs saying so (minimumOutage: none): 50.5 min → 6 × 1% = 60.00", async () => {
    const r = await run(['uptime', 'api.csv', '--config', contract('{ minimumOutage: none }')]);
    expect(r.code, r.stderr).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.availability.find((a: { service: string }) => a.service === 'api').downtimeSeconds).toBe(
      50 * 60 + 30,
    );
    expect(report.credits[0]).toMatchObject({ percent: 6, amount: 60 });
    expect(report.credits[0].basis.downtimeDefinition).toMatchObject({
      minimumOutageSeconds: null,
      statedByService: ['minimumOutage'],
    });
  });

  it('a minimum outage that is neither a duration nor none is an error at its position', async () => {
    const r = await runCli(['policies', 'validate', contract('{ minimumOutage: never }')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'services.api.downtime.minimumOutage: not a fixed duration (expected a duration such as "1m", got "never")',
    );
  });
});

describe('a zones-down rule on a service of one instance (SPEC 3.8): an input error, never 100% up', () => {
  // Region-level rule: down only while 2 zones are; target 99.99%, 10% below it.
  write(
    'zones.yaml',
    `version: sla-policy/v1
id: zones
name: Test policy, down while two zones are
currency: USD
billingZone: UTC
availability:
  target: 99.99
  downtime: { servicesDown: 2 }
tiers:
  region: { calendar: 24x7, targets: {} }
credits:
  models:
    - id: region-uptime
      type: availability-tiers
      bands:
        - { below: 99.99, percent: 10 }
        - { below: 99.0, percent: 30 }
`,
  );
  // db-1a, its only instance, down 5 hours on the 7th; web in two zones, never down.
  write(
    'zones.csv',
    'start,end,service\n2026-10-07T01:00:00Z,2026-10-07T06:00:00Z,db-1a\n2026-10-20T00:00:00Z,2026-10-20T00:00:00Z,web-1a\n2026-10-20T00:00:00Z,2026-10-20T00:00:00Z,web-1b\n',
  );
  const services = (db: string) =>
    `services:\n  web: { components: [web-1a, web-1b], fee: 100.00 }\n  db: { components: [db-1a], fee: 73.00${db} }\n`;

  it("validate refuses it at the service's line, naming the rule and the fix", async () => {
    const c = write('one-zone.yaml', `version: sla-contract/v1\npolicy: zones.yaml\ntier: region\n${services('')}`);
    const r = await runCli(['policies', 'validate', c], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "one-zone.yaml:6:3: services.db: policy zones's availability.downtime counts the service down only while 2 of its components are, and it has 1: it could never be down (expected servicesDown at most 1, got 2) — a single instance is down while it is: state downtime: { servicesDown: 1 } for the service",
    );
  });

  it('the audit refuses it too when the policy comes from --policy (the contract names none)', async () => {
    const c = write('no-policy.yaml', `version: sla-contract/v1\ntier: region\n${services('')}`);
    const r = await run(['uptime', 'zones.csv', '--config', c, '--policy', 'zones.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      "no-policy.yaml:5:3: services.db: policy zones's availability.downtime counts the service down only while 2",
    );
  });

  it('stated for the service (servicesDown: 1), the 5-hour outage counts: (744 − 5) / 744 = 99.327957% → 10% of 73.00 = 7.30', async () => {
    const c = write(
      'one-zone-stated.yaml',
      `version: sla-contract/v1\npolicy: zones.yaml\ntier: region\n${services(', downtime: { servicesDown: 1 }')}`,
    );
    const r = await run(['uptime', 'zones.csv', '--config', c]);
    expect(r.code, r.stderr).toBe(0);
    const report = parseReport(r.stdout);
    const db = report.availability.find((a: { service: string }) => a.service === 'db');
    expect(db).toMatchObject({ downtimeSeconds: 5 * 3600, met: false });
    expect(db.availabilityPercent).toBeCloseTo(((744 - 5) / 744) * 100, 9);
    expect(report.credits).toEqual([
      expect.objectContaining({ percent: 10, amount: 7.3, basis: expect.objectContaining({ service: 'db' }) }),
    ]);
  });
});

describe('a policy rule that could never count downtime on the logs given is refused, never 100% up', () => {
  it('AWS region rule (down while 2 zones are) on a log of one zone: exit 2 naming the rule and what to give', async () => {
    // The log of us-east-1a alone: its 2-hour outage could never make the region down under the rule.
    write('one-zone.csv', 'start,end,service\n2026-10-07T02:00:00Z,2026-10-07T04:00:00Z,us-east-1a\n');
    const policy = join(process.cwd(), 'fixtures/policies/real/aws-ec2-region.yaml');
    const r = await run(['uptime', 'one-zone.csv', '--policy', policy, '--tier', 'region', '--fee', '100']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'one-zone.csv: the logs have 1 service(s) in scope, but policy aws-ec2-region counts the whole down only while 2 are down at once: it could never be down',
    );
    expect(r.stderr).toContain('downtime: { servicesDown: 1 }');
  });
});
