import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

// Claim packets for two real SLAs of fixtures/policies/real/, on the scenarios test/credits/real-slas.test.ts
// computes by hand: AWS's region-level availability (123.46 USD) and a managed-service template's P1 tickets
// (200.00 EUR after escalation and the yearly cap).

const R = 'fixtures/real-slas/';
const made: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-claim-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, file)))
    .digest('hex');

async function claim(args: string[], out: string) {
  return runCli(['claim', ...args, '-o', out], { cwd: ROOT });
}

describe('AWS region-level availability: a packet ready to send', () => {
  const args = [
    '--config',
    `${R}aws-two-regions-claim-contract.yaml`,
    '--month',
    '2026-10',
    '--as-of',
    '2026-11-05T00:00:00Z',
  ];

  it('us-east-1 down 20 min (both zones) → 10% of 1234.60 = 123.46 USD, by 2026-12-31, 56 days left: every item the vendor requires is in the contract', async () => {
    const out = folder();
    const r = await claim(args, out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `2026-10  ready  123.46 USD  claim by 2026-12-31 (56 days left)  ${join(out, 'amazon-web-services-2026-10')}\n`,
    );
    const dir = join(out, 'amazon-web-services-2026-10');
    expect(readdirSync(dir).sort()).toEqual(['calculation.json', 'claim.html', 'evidence.csv', 'request.txt']);

    const calc = JSON.parse(read(dir, 'calculation.json'));
    // The period's audit, as the audit's JSON report writes it.
    checkReport(calc.report);
    expect(calc.claim).toMatchObject({
      period: '2026-10',
      readiness: 'ready',
      needs: [],
      amount: 123.46,
      currency: 'USD',
      claimBy: '2026-12-31',
      daysLeft: 56,
      parties: { reference: 'AWS-EA-2026-0042', accounts: ['012345678901'] },
    });
    expect(calc.report.creditTotal).toMatchObject({ amount: 123.46 });
    // Named as the contract names them: relative to its folder.
    expect(calc.files).toEqual([
      {
        role: 'uptime',
        path: 'aws-two-regions.csv',
        sha256: sha256(`${R}aws-two-regions.csv`),
        bytes: 230,
        records: { read: 4, skipped: 0 },
      },
      {
        role: 'policy',
        path: '../policies/real/aws-ec2-region.yaml',
        sha256: sha256('fixtures/policies/real/aws-ec2-region.yaml'),
        bytes: readFileSync(join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml')).length,
      },
      expect.objectContaining({
        role: 'contract',
        path: 'aws-two-regions-claim-contract.yaml',
        sha256: sha256(`${R}aws-two-regions-claim-contract.yaml`),
      }),
    ]);

    // 2026-10-07: us-east-1a down 02:00–04:00, us-east-1b 03:40–04:10 → the region 03:40–04:00, 1200 s.
    const csv = read(dir, 'evidence.csv').split('\r\n');
    expect(csv[1]).toBe(
      'downtime,region-uptime,us-east-1,,,,,,,,,,,2026-10-07T03:40:00Z,2026-10-07 03:40:00 +00:00,2026-10-07T04:00:00Z,2026-10-07 04:00:00 +00:00,1200,aws-two-regions.csv:2; aws-two-regions.csv:3,',
    );
    expect(csv).toHaveLength(3); // header, one span, the final CRLF

    const request = read(dir, 'request.txt');
    expect(request).toContain('To: AWS Support Center (account 012345678901)\n');
    expect(request).toContain('Subject: SLA Credit Request — 2026-10 — contract AWS-EA-2026-0042\n');
    expect(request).toContain('Resources: us-east-1: i-0a1b2c3d4e5f60001, i-0a1b2c3d4e5f60002');
    expect(request).toContain('- us-east-1 down 2026-10-07T03:40:00Z to 2026-10-07T04:00:00Z (20m)');
    expect(request).not.toContain('Before sending');
  });

  it("re-running calculation.json's command gives the same bytes in every file", async () => {
    const first = folder();
    await claim(args, first);
    const dir = join(first, 'amazon-web-services-2026-10');
    const calc = JSON.parse(read(dir, 'calculation.json'));
    // The command recorded leaves out -o (where the packet goes), so it runs again anywhere.
    expect(calc.command).not.toContain('-o');
    const second = folder();
    const again = await runCli([...calc.command, '-o', second], { cwd: ROOT });
    expect(again.code).toBe(0);
    for (const f of ['calculation.json', 'claim.html', 'evidence.csv', 'request.txt'])
      expect(read(join(second, 'amazon-web-services-2026-10'), f)).toBe(read(dir, f));
  });

  it('without resource ids in the contract the claim needs review, naming them; --fail-on review exits 1 and says why', async () => {
    const base = [
      '--uptime',
      `${R}aws-two-regions.csv`,
      '--config',
      `${R}aws-two-regions-contract.yaml`,
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
    ];
    const r = await claim(base, folder());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2026-10  needs review  123.46 USD');
    expect(r.stdout).toContain("  - the vendor requires resource ids (resources: under the contract's services)\n");
    const failing = await claim([...base, '--fail-on', 'review'], folder());
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('--fail-on review: 1 claim needs review');
  });
});

describe('a ticket-based SLA: P1 misses with escalation and a yearly cap', () => {
  it('October: M-1 answered an hour late, ×3 in the third month in a row = 15%, the yearly cap leaves 200.00 EUR; the evidence in UTC and Berlin time, with its row', async () => {
    const out = folder();
    const r = await claim(
      ['--config', `${R}msp-claim-contract.yaml`, '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z'],
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2026-10  ready  200.00 EUR  claim by 2026-11-30 (25 days left)');
    const dir = join(out, 'example-managed-services-2026-10');
    const calc = JSON.parse(read(dir, 'calculation.json'));
    expect(calc.claim).toMatchObject({ readiness: 'ready', amount: 200, percent: 10, claimBy: '2026-11-30' });
    expect(calc.report.credits).toEqual([
      expect.objectContaining({
        rule: 'p1-late',
        percent: 15,
        amount: 300,
        basis: expect.objectContaining({ escalation: { periodsInARow: 3, factor: 3 } }),
      }),
    ]);
    // M-1: created 08:00 +02:00, due an hour later (24x7), answered 10:00 +02:00: 3600 s late; row 8 of the export.
    const csv = read(dir, 'evidence.csv').split('\r\n');
    expect(csv[1]).toBe(
      'ticket,p1-late,,M-1,firstResponse,P1,2026-10-05T06:00:00Z,2026-10-05 08:00:00 +02:00,2026-10-05T07:00:00Z,2026-10-05 09:00:00 +02:00,2026-10-05T08:00:00Z,2026-10-05 10:00:00 +02:00,3600,,,,,,msp-tickets.csv:8,',
    );
    const html = read(dir, 'claim.html');
    expect(html).toContain('escalated ×3: 3 periods in a row');
    expect(html).toContain('The yearly cap is 2.5% of the year');
    expect(read(dir, 'request.txt')).toContain(
      'To: servicedesk@msp.example\nSubject: Service credit request — 2026-10 — contract MSA-2025-117\n',
    );
  });

  it('a month with nothing owed writes no packet and says so', async () => {
    const out = folder();
    const r = await claim(
      ['--config', `${R}msp-claim-contract.yaml`, '--month', '2026-07', '--as-of', '2026-08-05T00:00:00Z'],
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2026-07  not applicable  0.00 EUR  nothing to claim  no packet\n');
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('a packet is whole or absent', () => {
  const args = [
    '--config',
    `${R}aws-two-regions-claim-contract.yaml`,
    '--month',
    '2026-10',
    '--as-of',
    '2026-11-05T00:00:00Z',
  ];

  it('an -o that cannot be a folder (under a file) → exit 2 naming the cause, nothing written', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'file'), 'x');
    const r = await claim(args, join(dir, 'file', 'claims'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /cannot write the claim packets to .*: a part of the path is not a directory \(ENOTDIR\) — nothing was written/,
    );
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('an -o whose parent refuses a folder (/proc) is an error, not a spin; missing parents are made one level at a time', async () => {
    const r = await claim(args, '/proc/sla-audit-claims');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the claim packets to \/proc\/sla-audit-claims: .* — nothing was written/);
    // A level that cannot be made (a name past the file system's limit) leaves none of the levels made before it.
    const long = folder();
    const tooLong = await claim(args, join(long, 'made', 'a', 'x'.repeat(300), 'claims'));
    expect(tooLong.code).toBe(2);
    expect(readdirSync(long)).toEqual([]);
    // Missing parents are made, each level in turn.
    const dir = folder();
    const deep = join(dir, 'a', 'b', 'claims');
    const made = await claim(args, deep);
    expect(made.code).toBe(0);
    expect(readdirSync(join(dir, 'a', 'b', 'claims')).length).toBeGreaterThan(0);
  });

  it('an -o that is a file, or empty, is refused before anything is written', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'file'), 'x');
    const r = await claim(args, join(dir, 'file'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file: claim writes its packets into a folder');
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('x');
    const empty = await runCli(['claim', ...args, '-o', ''], { cwd: ROOT });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('-o needs a folder name (got an empty one)');
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('a packet already there is never replaced: exit 2, the old one untouched', async () => {
    const out = folder();
    expect((await claim(args, out)).code).toBe(0);
    const before = read(join(out, 'amazon-web-services-2026-10'), 'claim.html');
    const r = await claim(args, out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('amazon-web-services-2026-10 exists: a claim packet is never replaced');
    expect(read(join(out, 'amazon-web-services-2026-10'), 'claim.html')).toBe(before);
    expect(readdirSync(out)).toEqual(['amazon-web-services-2026-10']);
  });

  it('stdin is refused: a claim names the checksum of every input', async () => {
    const r = await runCli(
      [
        'claim',
        '--uptime',
        '-',
        '--policy',
        'fixtures/policies/real/aws-ec2-region.yaml',
        '--tier',
        'region',
        '--month',
        '2026-10',
        '-o',
        folder(),
      ],
      { cwd: ROOT, input: 'start,end,service\n' },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a claim names the checksum of every input: give files, not -');
  });

  it("a line break in the policy's subject or the contract's contact never starts another header of request.txt", async () => {
    const dir = folder();
    const policy = readFileSync(join(ROOT, 'fixtures/policies/real/msp-template.yaml'), 'utf8').replace(
      'subject: Service credit request',
      'subject: "Service credit request\\nBcc: someone@example.com"',
    );
    writeFileSync(join(dir, 'policy.yaml'), policy);
    const r = await runCli(
      ['claim', '--tickets', `${R}msp-tickets.csv`, '--policy', join(dir, 'policy.yaml'), '--tier', 'standard'].concat([
        '--month',
        '2026-10',
        '--fee',
        '2000',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '-o',
        join(dir, 'out'),
      ]),
      { cwd: ROOT },
    );
    expect(r.code).toBe(0);
    const request = read(join(dir, 'out', 'msp-template-2026-10'), 'request.txt');
    expect(request).toContain('Subject: Service credit request Bcc: someone@example.com — 2026-10\n');
    expect(request.split('\n').filter((l) => l.startsWith('Bcc:'))).toEqual([]);
  });
});

describe('--fail-on credit or review with nothing to send', () => {
  it('exits 4, not 0, when rows were skipped as invalid: the skipped row could be the third breach of a "3 or more" threshold', async () => {
    const dir = folder();
    // olt-ems: 3 or more P1 first responses missed in a month give 10%; O-1 and O-2 missed, O-3's time is unreadable.
    writeFileSync(
      join(dir, 't.csv'),
      'id,created_at,priority,first_response_at\nO-1,2026-10-05T10:00:00+08:00,P1,2026-10-07T10:00:00+08:00\nO-2,2026-10-06T10:00:00+08:00,P1,2026-10-08T10:00:00+08:00\nO-3,2026-10-07T10:00:00+08:00,P1,2026-10-09T10:00:00+08:00X\n',
    );
    const args = [
      '--policy',
      'olt-ems',
      '--tier',
      'enterprise',
      '--tickets',
      join(dir, 't.csv'),
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-10T00:00:00Z',
      '--fee',
      '1000',
      '--skip-invalid',
    ];
    for (const failOn of ['credit', 'review']) {
      const r = await claim([...args, '--fail-on', failOn], join(dir, `out-${failOn}`));
      expect([failOn, r.code]).toEqual([failOn, 4]);
      expect(r.stderr).toContain('1 input row skipped as invalid');
    }
  });

  it('a packet of 0.00 to review is nothing to send: --fail-on credit exits 4 for its undecided line, and says review when asked for review', async () => {
    const dir = folder();
    // websoft9 premium, general 2 h: W-1 answered in 5 min; W-5 created 23:00 on 31 October, due 01:00, pending at 00:30.
    writeFileSync(
      join(dir, 'w.csv'),
      'id,created_at,priority,first_response_at\nW-1,2026-10-05T10:00:00Z,general,2026-10-05T10:05:00Z\nW-5,2026-10-31T23:00:00Z,general,\n',
    );
    const args = [
      '--tickets',
      join(dir, 'w.csv'),
      '--policy',
      'websoft9',
      '--tier',
      'premium',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:30:00Z',
      '--fee',
      '1000',
    ];
    const credit = await claim([...args, '--fail-on', 'credit'], join(dir, 'out-credit'));
    expect(credit.code).toBe(4);
    expect(credit.stderr).toContain('sla-audit: --fail-on credit: 1 credit line undecided in 2026-10');
    const review = await claim([...args, '--fail-on', 'review'], join(dir, 'out-review'));
    expect(review.code).toBe(1);
    expect(review.stderr).toContain('--fail-on review: 1 claim needs review');
  });
});
