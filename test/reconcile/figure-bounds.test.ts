import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decimalDurationMs, isFigureDuration, MAX_FIGURE_MS } from '../../src/adapters/ingest/figure-duration.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-figure-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const MINUTE = 60_000;
const HINT = 'a figure is a duration of at most 100 years in its unit, to a thousandth of that unit';

/** A Zendesk UI export of May 2023 (Kolkata times) on the Zendesk support policy, judged at 1 July. */
const ZENDESK_MAY = [
  '--preset',
  'zendesk',
  '--input-tz',
  'Asia/Kolkata',
  '--policy',
  join(ROOT, 'fixtures/reconcile/zendesk-support-policy.yaml'),
  '--tier',
  'support',
  '--month',
  '2023-05',
  '--as-of',
  '2023-07-01T00:00:00Z',
];

const zendesk = (vendor: string) =>
  runCli(
    ['reconcile', '--tickets', join(ROOT, 'fixtures/samples/zendesk-ui__tickets_excerpt.csv')].concat(ZENDESK_MAY, [
      '--vendor',
      vendor,
      '--format',
      'csv',
    ]),
  );

describe('a vendor figure is a duration of at most 100 years, exact to the ms', () => {
  it('decimals of a unit, exactly; past 100 years or past a safe integer, none', () => {
    // 100 years of 365 days: 100 × 365 × 24 × 60 = 52 560 000 minutes = 3 153 600 000 000 ms.
    expect(MAX_FIGURE_MS).toBe(3_153_600_000_000);
    expect(decimalDurationMs('52560000', MINUTE)).toBe(3_153_600_000_000);
    expect(decimalDurationMs('52560000.001', MINUTE)).toBeNull();
    expect(decimalDurationMs('12.5', MINUTE)).toBe(750_000);
    expect(decimalDurationMs('0.001', MINUTE)).toBe(60);
    expect(decimalDurationMs('0', 1000)).toBe(0);
    // 99999999999999999999 min would be 6e24 ms; 9007199254740993 s is 2^53 + 1, which a double cannot hold.
    expect(decimalDurationMs('99999999999999999999', MINUTE)).toBeNull();
    expect(decimalDurationMs('9007199254740993', 1000)).toBeNull();
    // Finer than a thousandth of the unit, or not a plain decimal.
    expect(decimalDurationMs('12.3456', MINUTE)).toBeNull();
    expect(decimalDurationMs('1e3', MINUTE)).toBeNull();
    expect(decimalDurationMs('-5', MINUTE)).toBeNull();
    expect(isFigureDuration(MAX_FIGURE_MS + 1)).toBe(false);
    expect(isFigureDuration(0.5)).toBe(false);
  });

  it('Zendesk: 99999999999999999999 and 9007199254740993 minutes are bad figures at their lines, exit 2', async () => {
    const v = file(
      'huge.csv',
      'Id,Initially assigned at,First reply time in minutes within business hours\n' +
        '700175,2023-05-02 10:00:00,99999999999999999999\n' +
        '700138,2023-05-02 10:00:00,9007199254740993\n' +
        '700249,2023-05-02 10:00:00,15\n',
    );
    const r = await zendesk(v);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const col = 'first reply time in minutes within business hours';
    expect(r.stderr).toContain(`${v}:2: ${col}: "99999999999999999999" is not a figure`);
    expect(r.stderr).toContain(`${v}:3: ${col}: "9007199254740993" is not a figure`);
    expect(r.stderr).toContain(HINT);
    expect(r.stderr).not.toContain(`${v}:4:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('ServiceNow: a business_duration past 100 years (36 501 days) is a bad figure; 36 500 days is read', async () => {
    const head = 'task,sla,stage,has_breached,business_duration\n';
    const v = file(
      'task_sla_huge.csv',
      head +
        '700175,Priority 4 resolution (5 day),completed,true,36501 Days\n' +
        '700138,Priority 4 resolution (5 day),completed,true,99999999999999999999 Days\n',
    );
    const r = await zendesk(v);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${v}:2: business_duration: "36501 Days" is not a figure`);
    expect(r.stderr).toContain(`${v}:3: business_duration: "99999999999999999999 Days" is not a figure`);
    expect(r.stderr).not.toContain('in no unit sla-audit knows');
    const ok = await zendesk(
      file('task_sla_max.csv', head + '700175,Priority 4 resolution (5 day),completed,true,36500 Days\n'),
    );
    expect(ok.stderr).not.toContain('is not a figure');
  });

  it('an availability statement past 100 years of downtime minutes is a bad figure with the hint', async () => {
    const v = file('statement.csv', 'service,month,downtime_minutes\nall,2026-10,52560001\n');
    const r = await runCli([
      'reconcile',
      '--policy',
      join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml'),
      '--tier',
      'region',
      '--uptime',
      join(ROOT, 'fixtures/real-slas/aws-two-zones.csv'),
      '--vendor',
      v,
      '--month',
      '2026-10',
      '--as-of',
      '2026-12-15T00:00:00Z',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${v}:2: downtime_minutes: "52560001" is not a figure`);
    expect(r.stderr).toContain(HINT);
  });

  it("an export's own figure past 100 years, negative or finer than a thousandth is no figure of that ticket", async () => {
    const head = 'Id,Priority,Created at,First reply time in minutes within business hours\n';
    const t = file(
      'own.csv',
      head +
        'A,Low,2023-05-02 10:00:00,99999999999999999999\nB,Low,2023-05-02 10:00:00,-5\nC,Low,2023-05-02 10:00:00,15\n',
    );
    const r = await runCli(['tickets', t].concat(ZENDESK_MAY, ['--format', 'json', '-q']));
    const figures = (JSON.parse(r.stdout) as { tickets: { id: string; vendorReported?: unknown }[] }).tickets.map(
      (x) => [x.id, x.vendorReported ?? null],
    );
    expect(figures).toEqual([
      ['A', null],
      ['B', null],
      ['C', { firstResponseBusinessMinutes: 15 }],
    ]);
  });
});
