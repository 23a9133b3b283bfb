import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-reconcile-availability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

/** A reconcile run of one real SLA's policy and tier over October 2026 (November for Atlassian's). */
const run = (policy: string, tier: string, uptime: string, vendor: string, extra: string[] = []) =>
  runCli([
    'reconcile',
    '--policy',
    join(ROOT, `fixtures/policies/real/${policy}.yaml`),
    '--tier',
    tier,
    '--uptime',
    uptime.startsWith('/') ? uptime : join(ROOT, 'fixtures/real-slas', uptime),
    '--vendor',
    vendor,
    '--as-of',
    '2026-12-15T00:00:00Z',
    ...(extra.includes('--format') ? [] : ['--format', 'json']),
    ...extra,
  ]);

interface Row {
  period: string;
  service: string;
  status: string;
  ours: { downtimeSeconds: number };
  theirs: { downtimeSeconds: number | null; source: string };
  differenceSeconds: number | null;
  rules: Array<{ rule: string; removedSeconds: number; code: string }>;
  cause: { code: string; args: unknown; rule?: string; removedSeconds?: number; text: string } | null;
}
const rowsOf = (stdout: string): Row[] => (JSON.parse(stdout) as { availability: { rows: Row[] } }).availability.rows;
const row = (rows: Row[], service: string) => rows.find((r) => r.service === service)!;

describe('reconcile an availability statement: each rule of the downtime definition, lifted alone', () => {
  it('zones (AWS, region down only while both zones are): a down 02:00–04:00, b 03:40–04:10', async () => {
    // Ours: the region 03:40–04:00 = 20 min; zone a 120 min, zone b 30 min.
    // Zones lifted (servicesDown 1): the region down while either is, 02:00–04:10 = 130 min: +110 min.
    const v = file(
      'aws.csv',
      [
        'service,month,downtime_minutes',
        'all,2026-10,130', // the zones rule: +110
        'us-east-1a,2026-10,120', // agrees
        'us-east-1b,2026-10,45', // 15 min more than ours, and no rule moves a single zone: unexplained
        'us-east-1c,2026-10,5', // a zone we have no log of: only theirs
        'all,2026-09,0', // a month we did not audit: only theirs
        '',
      ].join('\n'),
    );
    const r = await run('aws-ec2-region', 'region', 'aws-two-zones.csv', v, ['--month', '2026-10']);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { vendor: { format: string }; availability: Record<string, unknown> };
    expect(doc.vendor.format).toBe('availability statement');
    expect(doc.availability.coverage).toEqual({
      both: 3,
      onlyOurs: 0,
      onlyTheirs: 2,
      onlyOursSample: [],
      onlyTheirsSample: ['us-east-1c 2026-10', 'all 2026-09'],
    });
    const rows = rowsOf(r.stdout);
    const all = row(rows, 'all');
    expect(all).toMatchObject({
      status: 'differ',
      ours: { downtimeSeconds: 20 * 60 },
      theirs: { downtimeSeconds: 130 * 60, source: `${v}:2` },
      differenceSeconds: 110 * 60,
      cause: { code: 'RECONCILE_RULE_ZONES', args: { servicesDown: 2 }, rule: 'zones', removedSeconds: 110 * 60 },
    });
    expect(all.rules.map((x) => [x.rule, x.removedSeconds])).toEqual([['zones', 110 * 60]]);
    expect(row(rows, 'us-east-1a')).toMatchObject({ status: 'agree', differenceSeconds: 0, cause: null });
    expect(row(rows, 'us-east-1b')).toMatchObject({
      status: 'differ',
      ours: { downtimeSeconds: 30 * 60 },
      differenceSeconds: 15 * 60,
      rules: [],
      cause: { code: 'RECONCILE_UNEXPLAINED' },
    });
    // --fail-on mismatch: the unexplained zone is one.
    const failing = await run('aws-ec2-region', 'region', 'aws-two-zones.csv', v, [
      '--month',
      '2026-10',
      '--fail-on',
      'mismatch',
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain("1 difference(s) with the vendor's figures unexplained (us-east-1b 2026-10)");
  });

  it('minimum outage and buckets (DigitalOcean: outages of 5 min or more, in whole 5-min buckets)', async () => {
    // Outages 02:03:00–05:41:30 (218.5 min) and 10:00–10:04 (4 min, under the minimum).
    // Ours: buckets 02:00–05:45 = 225 min. Minimum lifted: the 4-min outage's bucket 10:00–10:05 counts, 230 (+5).
    // Buckets lifted: 218.5 min as logged (−6.5), the short outage still under the minimum.
    const minimum = file('do-minutes.csv', 'service,month,downtime_minutes\ndroplets,2026-10,230\n');
    const r = await run('digitalocean-droplets', 'droplet', 'digitalocean-october.csv', minimum, [
      '--month',
      '2026-10',
    ]);
    expect(r.code).toBe(0);
    const droplets = row(rowsOf(r.stdout), 'droplets');
    expect(droplets).toMatchObject({
      status: 'differ',
      ours: { downtimeSeconds: 225 * 60 },
      differenceSeconds: 5 * 60,
      cause: { code: 'RECONCILE_RULE_MINIMUM_OUTAGE', args: { minimumSeconds: 300 }, removedSeconds: 5 * 60 },
    });
    expect(droplets.rules.map((x) => [x.rule, x.removedSeconds])).toEqual([
      ['minimumOutage', 5 * 60],
      ['buckets', -6.5 * 60],
    ]);
    // The same in seconds as logged: 218.5 min = 13 110 s, the buckets rule.
    const seconds = file('do-seconds.csv', 'service,month,downtime_seconds\ndroplets,2026-10,13110\n');
    const s = await run('digitalocean-droplets', 'droplet', 'digitalocean-october.csv', seconds, [
      '--month',
      '2026-10',
    ]);
    expect(row(rowsOf(s.stdout), 'droplets')).toMatchObject({
      differenceSeconds: -6.5 * 60,
      cause: { code: 'RECONCILE_RULE_BUCKETS', args: { bucketSeconds: 300 }, removedSeconds: -6.5 * 60 },
    });
  });

  it('buckets (Atlassian: a minute is down when over 5% of it fails): 60 failing 5-second spans and one of 3', async () => {
    // Ours: 60 whole minutes (5/60 > 5%; 3/60 is exactly 5%, not above). As logged: 60 × 5 + 3 = 303 s.
    const v = file('atlassian.csv', 'service,month,downtime_seconds\njira,2026-11,303\n');
    const r = await run('atlassian-cloud-premium', 'premium', 'atlassian-failing-seconds.csv', v, [
      '--month',
      '2026-11',
    ]);
    expect(r.code).toBe(0);
    expect(row(rowsOf(r.stdout), 'jira')).toMatchObject({
      ours: { downtimeSeconds: 3600 },
      differenceSeconds: 303 - 3600,
      cause: { code: 'RECONCILE_RULE_BUCKETS', args: { bucketSeconds: 60 }, removedSeconds: 303 - 3600 },
    });
  });

  it('maintenance (Rackspace): an outage 02:00–03:05 of which 02:00–03:00 is logged maintenance', async () => {
    // Ours: maintenance wins over the outage, 5 min down. The vendor counts the whole outage: 65 (+60).
    const log = file(
      'rackspace-maintenance.csv',
      'start,end,service,kind\n2026-10-07T02:00:00Z,2026-10-07T03:05:00Z,server,outage\n2026-10-07T02:00:00Z,2026-10-07T03:00:00Z,server,maintenance\n',
    );
    const v = file('rackspace.csv', 'service,month,downtime_minutes\nserver,2026-10,65\n');
    const r = await run('rackspace-managed-cloud', 'server', log, v, ['--month', '2026-10']);
    expect(r.code).toBe(0);
    expect(row(rowsOf(r.stdout), 'server')).toMatchObject({
      ours: { downtimeSeconds: 5 * 60 },
      differenceSeconds: 60 * 60,
      cause: { code: 'RECONCILE_RULE_MAINTENANCE', removedSeconds: 60 * 60 },
    });
  });

  it('no data (probe samples every 5 min with an hour of silence): counted as down by the vendor', async () => {
    // Samples every 5 min over October (UTC). None from 01:05 to 02:00 on the 10th: the 01:00 sample stands
    // for 5 min (maxSampleGap), 55 min are no data. One down sample on the 12th at 00:00: 5 min down.
    // Ours (no data left out): 5 min. No data counted as down: 60 min (+55).
    const lines = ['timestamp,status,service'];
    const start = Date.UTC(2026, 9, 1);
    const gapFrom = Date.UTC(2026, 9, 10, 1, 5);
    const gapTo = Date.UTC(2026, 9, 10, 2, 0);
    const down = Date.UTC(2026, 9, 12);
    for (let t = start; t < Date.UTC(2026, 10, 1); t += 300_000)
      if (t < gapFrom || t >= gapTo) lines.push(`${new Date(t).toISOString()},${t === down ? 'down' : 'up'},server`);
    const log = file('probes.csv', `${lines.join('\n')}\n`);
    const v = file('probes-statement.csv', 'service,month,downtime_minutes\nserver,2026-10,60\n');
    const r = await run('rackspace-managed-cloud', 'server', log, v, ['--month', '2026-10']);
    expect(r.code).toBe(0);
    expect(row(rowsOf(r.stdout), 'server')).toMatchObject({
      ours: { downtimeSeconds: 5 * 60 },
      differenceSeconds: 55 * 60,
      cause: { code: 'RECONCILE_RULE_NO_DATA', args: { ours: 'exclude', theirs: 'down' }, removedSeconds: 55 * 60 },
    });
  });

  it("a percentage is the downtime it means over the reading's eligible time (AWS region, 99.7088%)", async () => {
    // 31 days = 44 640 eligible minutes; 0.2912% of them is 129.99168 min, within 1 min of the 130 the zones rule gives.
    const v = file('aws-percent.csv', 'service,month,availability_percent\nall,2026-10,99.7088\n');
    const r = await run('aws-ec2-region', 'region', 'aws-two-zones.csv', v, [
      '--month',
      '2026-10',
      '--tolerance',
      '1m',
    ]);
    expect(r.code).toBe(0);
    expect(row(rowsOf(r.stdout), 'all')).toMatchObject({
      theirs: { downtimeSeconds: 7799.501 },
      differenceSeconds: 7799.501 - 1200,
      cause: { code: 'RECONCILE_RULE_ZONES' },
    });
  });

  it('a table for a person: every row, the rules and their minutes, the cause', async () => {
    const v = file('aws-table.csv', 'service,month,downtime_minutes\nall,2026-10,130\nus-east-1a,2026-10,120\n');
    const r = await run('aws-ec2-region', 'region', 'aws-two-zones.csv', v, [
      '--month',
      '2026-10',
      '--format',
      'markdown',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Services and periods in both: 2; only ours: 1 (us-east-1b 2026-10…); only theirs: 0');
    expect(r.stdout).toContain(
      '| 2026-10 | all | 20 | 130 | +110 | zones +110 | the vendor counts downtime while any one service is down, not only while 2 are at once (+110 min) |',
    );
    expect(r.stdout).toContain('| 2026-10 | us-east-1a | 120 | 120 | 0 | — | agree |');
  });

  it('CSV: one row per service and period, each rule in its own column', async () => {
    const v = file('aws-csv.csv', 'service,month,downtime_minutes\nall,2026-10,130\n');
    const r = await run('aws-ec2-region', 'region', 'aws-two-zones.csv', v, ['--month', '2026-10', '--format', 'csv']);
    const [head, first] = r.stdout.split('\n');
    expect(head).toContain('period,service,status,our_downtime_seconds');
    expect(first).toMatch(/^2026-10,all,differ,1200,[\d.]+,minutes,7800,,6600,,,6600,,,RECONCILE_RULE_ZONES,/);
  });
});

describe('bad statements', () => {
  const aws = (v: string) => run('aws-ec2-region', 'region', 'aws-two-zones.csv', v, ['--month', '2026-10']);

  it('a figure column in no stated unit: exit 2 naming it, never read as minutes', async () => {
    const v = file('unitless.csv', 'service,month,downtime\nall,2026-10,130\n');
    const r = await aws(v);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${v}:1: column "downtime" holds a computed time in a unit it does not state`);
  });

  it('two figure columns, a bad month, a line stated twice', async () => {
    const two = await aws(file('two.csv', 'service,month,downtime_minutes,availability_percent\nall,2026-10,1,99\n'));
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('gives exactly one of downtime_minutes, downtime_seconds or availability_percent');
    const v = file('lines.csv', 'service,month,downtime_minutes\nall,Oct 2026,1\nall,2026-10,2\nall,2026-10,3\n');
    const bad = await aws(v);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${v}:2: month: "Oct 2026" is not a figure`);
    expect(bad.stderr).toContain(`${v}:4: all 2026-10 is stated twice (first on line 3)`);
  });

  it('a JSON statement is read as the CSV is; one naming none of our services is exit 2 naming both sides', async () => {
    const json = file('statement.json', JSON.stringify([{ service: 'all', month: '2026-10', downtime_minutes: 130 }]));
    const ok = await aws(json);
    expect(row(rowsOf(ok.stdout), 'all')).toMatchObject({ cause: { code: 'RECONCILE_RULE_ZONES' } });
    const none = await aws(file('none.csv', 'service,month,downtime_minutes\neu-west-1a,2026-10,1\n'));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('names no service and period of');
    expect(none.stderr).toContain('ours are us-east-1a, us-east-1b, all, theirs eu-west-1a 2026-10');
  });

  it('a statement without uptime logs is a usage error, whatever tickets are given', async () => {
    const v = file('alone.csv', 'service,month,downtime_minutes\nall,2023-05,1\n');
    const r = await runCli([
      'reconcile',
      '--tickets',
      join(ROOT, 'fixtures/samples/zendesk-ui__tickets_excerpt.csv'),
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
      '--vendor',
      v,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${v} is an availability statement: give the uptime logs`);
  });
});
