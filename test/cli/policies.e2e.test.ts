import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, locate, runCli } from '../support/run-cli.js';

const IDS = ['connectsoft', 'olt-ems', 'sma-opcon', 'telestax-restcomm', 'websoft9'];
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-policies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sla-audit policies', () => {
  it.each(IDS)('validate policies/%s.yaml exits 0', async (id) => {
    const r = await runCli(['policies', 'validate', `policies/${id}.yaml`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`valid policy "${id}"`);
  });

  const olt = readFileSync(join(ROOT, 'policies/olt-ems.yaml'), 'utf8');
  const broken = [
    {
      name: 'unknown key',
      from: '    calendar: business\n    targets: &standard',
      to: '    calender: business\n    targets: &standard',
      at: 'calender',
      message: 'tiers.starter.calender: unknown key "calender"',
    },
    {
      name: 'syntax error',
      from: 'name: OLT EMS Solutions — support SLA',
      to: 'name: "OLT EMS Solutions — support SLA',
      at: null,
      message: 'YAML syntax error',
    },
    {
      name: 'wrong type',
      from: 'claimWindowDays: 30 ',
      to: 'claimWindowDays: thirty ',
      at: 'thirty',
      message: 'credits.claimWindowDays: must be a number',
    },
  ];

  it.each(broken)(
    'validate on a copy with a $name exits 2 naming the line and column',
    async ({ from, to, at, message }) => {
      expect(olt).toContain(from);
      const text = olt.replace(from, to);
      const file = join(dir, 'broken.yaml');
      writeFileSync(file, text);
      const r = await runCli(['policies', 'validate', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      const first = r.stderr.split('\n')[0]!;
      if (at) {
        const { line, col } = locate(text, at);
        expect(first.startsWith(`${file}:${line}:${col}: `)).toBe(true);
      } else {
        expect(first).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
      }
    },
  );

  it('validate on a missing file exits 2 with the path', async () => {
    const r = await runCli(['policies', 'validate', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml: policy or contract file not found');
  });

  it('list prints JSON off a terminal and a table when asked', async () => {
    const json = await runCli(['policies', 'list']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((p: { id: string }) => p.id)).toEqual(IDS);
    const table = await runCli(['policies', 'list', '--format', 'table']);
    expect(table.stdout).toContain('Asia/Shanghai');
    expect(table.stdout).not.toMatch(/\u001b\[/); // no escape codes
  });

  it('show prints targets per tier', async () => {
    const r = await runCli(['policies', 'show', 'olt-ems', '--format', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/P4 Low\s+│ 1 business day/);
    const json = JSON.parse((await runCli(['policies', 'show', 'sma-opcon'])).stdout);
    expect(json.tiers[1].targets.P1.firstResponse).toMatchObject({ ms: 3_600_000, calendar: '24x7' });
  });

  it('an unknown policy id is a usage error (exit 2)', async () => {
    const r = await runCli(['policies', 'show', 'acme']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown policy "acme"');
  });

  it('--help and --version exit 0; an unknown command exits 2', async () => {
    expect((await runCli(['--help'])).stdout).toContain('policies');
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const bad = await runCli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown command 'frobnicate'");
  });
});
