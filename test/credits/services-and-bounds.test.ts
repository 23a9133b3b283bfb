import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

// A policy with a 50% cap and one band (50% below 99.9%); October 2026 (UTC) has 44 640 minutes.
write(
  'capped.yaml',
  `version: sla-policy/v1
id: capped
name: Capped test policy
currency: USD
billingZone: UTC
availability: { target: 99.9 }
tiers:
  t: { calendar: 24x7, targets: {} }
credits:
  cap: 50
  models:
    - { id: uptime, type: availability-tiers, bands: [{ below: 99.9, percent: 50 }] }
`,
);
const LOG = write(
  'ab.csv',
  'start,end,service\n2026-10-07T02:00:00Z,2026-10-07T04:00:00Z,a\n2026-10-09T02:00:00Z,2026-10-09T04:00:00Z,b\n',
);
const contract = (name: string, services: string, fee = '') =>
  write(name, `version: sla-contract/v1\npolicy: capped.yaml\ntier: t\n${fee}services:\n${services}`);
const audit = async (config: string, more: string[] = []) => {
  const r = await runCli(
    [
      'uptime',
      LOG,
      '--config',
      config,
      '--month',
      '2026-10',
      '--as-of',
      '2026-12-01T00:00:00Z',
      '--format',
      'json',
      ...more,
    ],
    { cwd: dir },
  );
  return { r, report: r.code === 0 ? parseReport(r.stdout) : null };
};

describe('services and fees: one rule for each fee, the cap on the whole', () => {
  it('services without fees of their own: the credit is read from the combined row, on the contract fee, once', async () => {
    const { report } = await audit(contract('nofees.yaml', '  a: {}\n  b: {}\n', 'fee: { monthly: 100.00 }\n'));
    expect(report!.credits).toEqual([
      expect.objectContaining({ percent: 50, amount: 50, basis: expect.objectContaining({ service: 'all' }) }),
    ]);
    expect(report!.creditTotal).toMatchObject({ amount: 50, percent: 50 });
  });

  it('services with fees and a contract fee (the whole bill): each capped on its fee, the total capped on the bill; the report fee is the bill', async () => {
    // a and b each 2 h down: 99.731%, 50% of their own 100.00 = 50.00 each; the total 100.00 is capped at 50% of the 150.00 bill = 75.00.
    const { report } = await audit(
      contract('fees.yaml', '  a: { fee: 100.00 }\n  b: { fee: 100.00 }\n', 'fee: { monthly: 150.00 }\n'),
    );
    expect(report!.fee).toBe(150);
    expect(report!.credits.map((c: { amount: number }) => c.amount)).toEqual([50, 50]);
    expect(report!.creditTotal).toEqual({ percent: 50, amount: 75, currency: 'USD', capped: true, undecidedLines: 0 });
  });

  it('some services with a fee and some without is an error in the contract', async () => {
    const { r } = await audit(contract('mixed.yaml', '  a: { fee: 100.00 }\n  b: {}\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('services: 1 of 2 services have a fee of their own');
  });

  it('a component the logs spell in another case is that component, said; one no log names is said', async () => {
    const { r } = await audit(contract('typo.yaml', '  a: { components: [A] }\n'));
    expect(r.stderr).toContain('services named alike but for case (A, a) are read as one service, A');
    expect(r.stderr).not.toContain('is in no uptime log');
    const missing = await audit(contract('missing.yaml', '  a: { components: [c] }\n'));
    expect(missing.r.stderr).toContain('service a: "c" is in no uptime log (the logs name "a", "b")');
  });
});

describe('bounds', () => {
  it("a minimum payable in the policy's currency is not compared with another currency's amounts", async () => {
    const r = await runCli(
      [
        'uptime',
        join(ROOT, 'fixtures/real-slas/aws-two-zones.csv'),
        '--policy',
        join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml'),
        '--tier',
        'region',
        '--month',
        '2026-10',
        '--currency',
        'JPY',
        '--fee',
        '1000',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'policy aws-ec2-region does not pay credits under a minimum in USD; this audit is in JPY',
    );
  });

  it('an outage of both zones across the month end is measured as logged: 70 s ≥ 1 min counts in both months', async () => {
    const log = write(
      'edge.csv',
      'start,end,service\n2026-10-31T23:59:30Z,2026-11-01T00:00:40Z,europe-west1-b\n2026-10-31T23:59:30Z,2026-11-01T00:00:40Z,europe-west1-c\n',
    );
    const row = async (month: string) => {
      const r = await runCli(
        [
          'uptime',
          log,
          '--policy',
          join(ROOT, 'fixtures/policies/real/gce-multi-zone.yaml'),
          '--tier',
          'project',
          '--month',
          month,
          '--as-of',
          '2026-12-05T00:00:00Z',
          '--format',
          'json',
        ],
        { cwd: dir },
      );
      return parseReport(r.stdout).availability.find((a: { service: string }) => a.service === 'all').downtimeSeconds;
    };
    expect(await row('2026-10')).toBe(30);
    expect(await row('2026-11')).toBe(40);
  });

  it('an inclusive band above the target does not pay a month that met it above the band', async () => {
    const p = write(
      'above.yaml',
      `version: sla-policy/v1\nid: above\nname: Above\ncurrency: USD\nbillingZone: UTC\navailability: { target: 99.9 }\ntiers:\n  t: { calendar: 24x7, targets: {} }\ncredits:\n  models:\n    - { id: uptime, type: availability-tiers, bands: [{ atOrBelow: 99.95, percent: 10 }] }\n`,
    );
    // 31 min of 44 640 = 99.9306%: met (≥ 99.9), though under 99.95.
    const log = write('31min.csv', 'start,end,service\n2026-10-07T02:00:00Z,2026-10-07T02:31:00Z,s\n');
    const r = await runCli(
      [
        'uptime',
        log,
        '--policy',
        p,
        '--tier',
        't',
        '--month',
        '2026-10',
        '--as-of',
        '2026-12-01T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(parseReport(r.stdout).credits).toEqual([]);
  });

  it('a downtime multiple above 1000 is refused by the validator', async () => {
    const p = write(
      'huge.yaml',
      `version: sla-policy/v1\nid: huge\nname: Huge\ncurrency: USD\nbillingZone: UTC\ntiers:\n  t: { calendar: 24x7, targets: {} }\ncredits:\n  models:\n    - { id: m, type: downtime-multiple, multiple: 1e308 }\n`,
    );
    const r = await runCli(['policies', 'validate', p], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('credits.models[0].multiple: must be more than 0 and at most 1000');
  });
});

describe('metrics of replies need events that can tell replies', () => {
  it('status changes alone leave update cadence not measured, never breached', async () => {
    const tickets = write(
      'rh.csv',
      'id,created_at,priority,first_response_at,resolved_at\nC-9,2026-10-05T10:00:00Z,2,2026-10-05T10:30:00Z,2026-10-05T20:00:00Z\n',
    );
    const events = write('status.csv', 'ticket_id,at,type,status\nC-9,2026-10-05T12:00:00Z,status,in-progress\n');
    const r = await runCli(
      [
        'tickets',
        tickets,
        '--events',
        events,
        '--policy',
        join(ROOT, 'fixtures/policies/real/redhat-openshift-premium.yaml'),
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '--as-of',
        '2026-10-06T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).tickets[0].updateCadence.status).toBe('not-measured');
  });
});

describe('each service with its own downtime definition and credit schedule (fixtures/real-slas/service-schedules*)', () => {
  const run = (config: string) =>
    runCli(
      [
        'uptime',
        'fixtures/real-slas/service-schedules.csv',
        '--config',
        config,
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );

  it("api (5-min minimum outage): 40 min counted, the three 3-min blips not → 99.9104%, met, nothing owed; web (its own 99.5% and 5% per hour or part): 250 min → 5 × 5% of 500.00 = 125.00, not the api bands' 10%", async () => {
    const r = await run('fixtures/real-slas/service-schedules-contract.yaml');
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    const rows = Object.fromEntries(report.availability.map((a: { service: string }) => [a.service, a]));
    expect(rows.api).toMatchObject({ downtimeSeconds: 40 * 60, met: true });
    expect(rows.web).toMatchObject({ downtimeSeconds: 250 * 60, met: false });
    // The combined row keeps the policy's definition: 40 + 3 × 3 + 250 min.
    expect(rows.all).toMatchObject({ downtimeSeconds: 299 * 60 });
    expect(report.credits).toEqual([
      expect.objectContaining({
        rule: 'web-hours',
        percent: 25,
        amount: 125,
        basis: expect.objectContaining({ service: 'web' }),
      }),
    ]);
    expect(report.creditTotal).toMatchObject({ amount: 125 });
  });

  it('without its own definition, api would count the blips: 49 min → 99.8902% → 10% of 1000.00', async () => {
    const text = readFileSync(join(ROOT, 'fixtures/real-slas/service-schedules-contract.yaml'), 'utf8')
      .replace(', downtime: { minimumOutage: 5m }', '')
      .replace('policy: ../policies/', `policy: ${join(ROOT, 'fixtures/policies')}/`);
    const r = await run(join(dir, write('as-logged.yaml', text)));
    expect(parseReport(r.stdout).credits.map((c: { rule: string; amount: number }) => [c.rule, c.amount])).toEqual([
      ['api-bands', 100],
      ['web-hours', 125],
    ]);
  });

  it('a model the policy does not have, or per-service credits without per-service fees, is a contract error at its line', async () => {
    const unknown = write(
      'unknown-model.yaml',
      `version: sla-contract/v1\npolicy: ${join(ROOT, 'fixtures/policies/service-schedules.yaml')}\ntier: t\nservices:\n  api: { fee: 1.00, credits: [api-band] }\n`,
    );
    const r = await runCli(['policies', 'validate', unknown], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown-model.yaml:5:');
    expect(r.stderr).toContain('has no availability credit model "api-band" (expected one of api-bands, web-hours');
    const nofee = write(
      'no-fee.yaml',
      `version: sla-contract/v1\npolicy: ${join(ROOT, 'fixtures/policies/service-schedules.yaml')}\ntier: t\nservices:\n  api: { credits: [api-bands] }\n`,
    );
    const n = await runCli(['policies', 'validate', nofee], { cwd: dir });
    expect(n.code).toBe(2);
    expect(n.stderr).toContain("credit models per service are owed on each service's fee");
  });
});

describe('a service owed on its share of the contract fee', () => {
  const policy = join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml');
  const services =
    '  us-east-1: { components: [us-east-1a, us-east-1b], share: 60 }\n  eu-west-1: { components: [eu-west-1a, eu-west-1b], share: 40 }\n';

  it("us-east-1 at 60% of 2000.00 = 1200.00 owes 10% of it = 120.00; the report's fee is the contract's", async () => {
    const config = write(
      'shares.yaml',
      `version: sla-contract/v1\npolicy: ${policy}\ntier: region\ncurrency: USD\nfee: { monthly: 2000.00 }\nservices:\n${services}`,
    );
    const r = await runCli(
      [
        'uptime',
        join(ROOT, 'fixtures/real-slas/aws-two-regions.csv'),
        '--config',
        config,
        '--month',
        '2026-10',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.fee).toBe(2000);
    expect(report.credits).toEqual([
      expect.objectContaining({ percent: 10, amount: 120, basis: expect.objectContaining({ service: 'us-east-1' }) }),
    ]);
    expect(report.creditTotal).toMatchObject({ percent: 6, amount: 120 });
  });

  it('shares without a contract fee, or adding up to more than 100%, are errors', async () => {
    const nofee = write(
      'shares-nofee.yaml',
      `version: sla-contract/v1\npolicy: ${policy}\ntier: region\ncurrency: USD\nservices:\n${services}`,
    );
    const r = await runCli(
      ['uptime', join(ROOT, 'fixtures/real-slas/aws-two-regions.csv'), '--config', nofee, '--month', '2026-10'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("services.us-east-1.share is a share of the contract's fee, and none is given");
    const over = write(
      'shares-over.yaml',
      `version: sla-contract/v1\npolicy: ${policy}\ntier: region\nfee: { monthly: 10 }\nservices:\n${services.replace('share: 40', 'share: 50')}`,
    );
    const v = await runCli(['policies', 'validate', over], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toContain("the services' shares of the fee add up to 110%");
  });
});

describe('contract services at their edges', () => {
  const policy = join(ROOT, 'fixtures/policies/service-schedules.yaml');
  const run = (name: string, services: string, fee = '') =>
    runCli(
      [
        'uptime',
        join(ROOT, 'fixtures/real-slas/service-schedules.csv'),
        '--config',
        write(name, `version: sla-contract/v1\npolicy: ${policy}\ntier: t\n${fee}services:\n${services}`),
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );

  it("a service's own servicesDown above its components is an input error at its line: it could never be down", async () => {
    const r = await run('own-k.yaml', '  api: { fee: 10.00, downtime: { servicesDown: 3 } }\n  web: { fee: 10.00 }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'own-k.yaml:5:32: services.api.downtime.servicesDown: its downtime definition counts the service down only while 3 of its components are, and it has 1: it could never be down (expected servicesDown at most 1, got 3)',
    );
  });

  it('credits owed on services priced above the whole bill (a bundle) are at most the bill', async () => {
    // web owes 25% of 500.00 = 125.00 on its own fee; the contract's bill is 100.00.
    const r = await run(
      'bundle.yaml',
      '  api: { fee: 1000.00 }\n  web: { fee: 500.00, target: 99.5 }\n',
      'fee: { monthly: 100.00 }\n',
    );
    expect(parseReport(r.stdout).creditTotal).toMatchObject({ amount: 100, percent: 100, capped: true });
  });

  it('shares of 0.2 + 83.9 + 15.9 are 100%, and a component named twice is refused', async () => {
    const shares = await runCli(
      [
        'policies',
        'validate',
        write(
          'float.yaml',
          `version: sla-contract/v1\npolicy: ${policy}\ntier: t\nfee: { monthly: 100 }\nservices:\n  a: { share: 0.2 }\n  b: { share: 83.9 }\n  c: { share: 15.9 }\n`,
        ),
      ],
      { cwd: dir },
    );
    expect(shares.code, shares.stderr).toBe(0);
    const twice = await runCli(
      [
        'policies',
        'validate',
        write(
          'twice.yaml',
          `version: sla-contract/v1\npolicy: ${policy}\ntier: t\nservices:\n  api: { components: [api-1, api-1] }\n`,
        ),
      ],
      { cwd: dir },
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('services.api.components[1]: "api-1" is named twice');
  });
});
