import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, locate, runCli } from '../support/run-cli.js';

const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-audit-contract-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const SAMPLE = join(ROOT, 'fixtures/example/websoft9-tickets.csv');
const WHEN = ['--month', '2026-10', '--as-of', '2026-11-01T00:00:00Z'];

describe('contract file', () => {
  it('init → edit → audit --config: the starter validates once its export is there, and an edited copy drives the audit', async () => {
    const dir = fresh();
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    const file = join(dir, 'sla-audit.yaml');
    // validate checks the contract as the audit would: the export it names must exist.
    const missing = await runCli(['policies', 'validate', file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /sla-audit\.yaml:\d+:\d+: inputs\.tickets\[0\]: .*tickets\.csv not found — paths are relative to the contract file/,
    );
    copyFileSync(SAMPLE, join(dir, 'tickets.csv'));
    expect((await runCli(['policies', 'validate', file])).stdout).toContain(
      'valid contract (policy websoft9, tier premium)',
    );
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('monthly: 1000.00', 'monthly: 2500.00')
        .replace('tier: premium', 'tier: advanced'),
    );
    // Run from elsewhere: the contract's paths are relative to the contract.
    const r = await runCli(['audit', '--config', file, ...WHEN, '--format', 'json'], { cwd: tmpdir() });
    expect(r.code, r.stderr).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.policy).toMatchObject({ id: 'websoft9', tier: 'advanced' });
    expect(report.fee).toBe(2500);
    expect(report.summary.tickets).toBe(320);
  });

  it('is found in the working directory, and flags override it', async () => {
    const dir = fresh();
    await runCli(['init', '--tier', 'premium'], { cwd: dir });
    copyFileSync(SAMPLE, join(dir, 'tickets.csv'));
    const fromContract = parseReport((await runCli(['audit', ...WHEN, '--format', 'json'], { cwd: dir })).stdout);
    expect(fromContract.policy.tier).toBe('premium');
    expect(fromContract.fee).toBe(1000);
    const overridden = parseReport(
      (
        await runCli(['audit', ...WHEN, '--tier', 'standard', '--annual-fee', '24000', '--format', 'json'], {
          cwd: dir,
        })
      ).stdout,
    );
    expect(overridden.policy.tier).toBe('standard');
    expect(overridden.fee).toBe(2000);
    expect(overridden.summary.breached).toBeLessThan(fromContract.summary.breached);
  });

  it('init refuses to overwrite without --force', async () => {
    const dir = fresh();
    await runCli(['init'], { cwd: dir });
    const again = await runCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('sla-audit.yaml already exists — edit it, or pass --force to replace it');
    expect((await runCli(['init', '--force', '--policy', 'connectsoft', '--tier', 'premium'], { cwd: dir })).code).toBe(
      0,
    );
    expect(readFileSync(join(dir, 'sla-audit.yaml'), 'utf8')).toContain('policy: connectsoft');
  });

  it('init --config - prints the starter contract and writes no file named "-"; a directory is refused by name', async () => {
    const dir = fresh();
    const out = await runCli(['init', '--config', '-'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('version: sla-contract/v1');
    expect(readdirSync(dir)).toEqual([]);
    mkdirSync(join(dir, 'sla-audit.yaml'));
    const onDir = await runCli(['init', '--force'], { cwd: dir });
    expect(onDir.code).toBe(2);
    expect(onDir.stderr).toContain('--config sla-audit.yaml is a directory — name the contract file');
  });

  it('a contract naming an unknown policy or tier is an input error at its line and column', async () => {
    const dir = fresh();
    const text = 'version: sla-contract/v1\npolicy: acme\ntier: gold\n';
    writeFileSync(join(dir, 'sla-audit.yaml'), text);
    const r = await runCli(['policies', 'validate', 'sla-audit.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    const at = locate(text, 'acme');
    expect(r.stderr).toContain(`sla-audit.yaml:${at.line}:${at.col}: policy: unknown policy "acme"`);
    writeFileSync(
      join(dir, 'sla-audit.yaml'),
      'version: sla-contract/v1\npolicy: sma-opcon\ntier: gold\ncalendars:\n  office: { holidays: [2026-12-25] }\n',
    );
    const t = await runCli(['audit', ...WHEN], { cwd: dir });
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('sla-audit.yaml:3:7: tier: policy sma-opcon has no tier "gold"');
    expect(t.stderr).toContain(
      'calendars.office: policy sma-opcon has no business calendar "office" (expected one of business)',
    );
  });

  it("overrides a policy's assumed business hours and adds holidays (TeleStax at 08:00–18:00, 13 Oct off)", async () => {
    // P2, 1 business day. Created Mon 12 Oct 08:30 EDT (12:30Z).
    // Policy default 09:00–17:00 (8 h): Mon 09:00 + 8 h → Mon 17:00 EDT = 21:00Z.
    // Contract 08:00–18:00 (10 h business day), Tue 13 Oct a holiday: 9.5 h Mon + 0.5 h Wed → Wed 08:30 EDT = 12:30Z.
    const dir = fresh();
    writeFileSync(
      join(dir, 't.csv'),
      'id,created_at,priority,first_response_at\nT-1,2026-10-12T12:30:00Z,P2,2026-10-14T12:00:00Z\n',
    );
    const args = [
      'tickets',
      't.csv',
      '--policy',
      'telestax-restcomm',
      '--tier',
      'standard',
      ...WHEN,
      '--format',
      'json',
    ];
    expect(parseReport((await runCli(args, { cwd: dir })).stdout).tickets[0].firstResponse).toMatchObject({
      targetSeconds: 28_800,
      dueAt: '2026-10-12T21:00:00Z',
      status: 'breached',
    });
    writeFileSync(
      join(dir, 'sla-audit.yaml'),
      'version: sla-contract/v1\ncalendars:\n  business:\n    hours: { mon-fri: "08:00-18:00" }\n    holidays: [2026-10-13]\n',
    );
    expect(parseReport((await runCli(args, { cwd: dir })).stdout).tickets[0].firstResponse).toMatchObject({
      targetSeconds: 36_000,
      dueAt: '2026-10-14T12:30:00Z',
      status: 'met',
    });
  });

  it("the sample SMA contract's history decides eligibility that the October log alone cannot", async () => {
    const r = await runCli([
      'audit',
      '--config',
      join(ROOT, 'fixtures/example/sma-opcon.yaml'),
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--format',
      'json',
    ]);
    const report = parseReport(r.stdout);
    expect(report.fee).toBe(5000);
    expect(report.availability.map((a: { service: string }) => a.service)).toEqual(['api', 'scheduler', 'all']);
    expect(report.credits).toMatchObject([{ rule: 'availability', percent: 10, amount: 500, eligible: true }]);
    expect(report.credits[0].basis.months.filter((m: { source: string }) => m.source === 'history').length).toBe(9);
  });
});
