import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TICKETS = readFileSync(join(ROOT, 'fixtures/example/websoft9-tickets.csv'), 'utf8');
const ARGS = [
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-05T00:00:00Z',
  '--format',
  'json',
];

describe('stdin and -o -', () => {
  it('-o - writes the report to stdout, and no file named "-"', async () => {
    const r = await runCli(['tickets', join(ROOT, 'fixtures/example/websoft9-tickets.csv'), ...ARGS, '-o', '-'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).tickets.length).toBeGreaterThan(0);
    expect(existsSync(join(dir, '-'))).toBe(false);
  });

  it('stdin given twice (--tickets - -, or for tickets and uptime) is refused: the second reader would see nothing', async () => {
    const twice = await runCli(['audit', '--tickets', '-', '-', ...ARGS], { cwd: dir, input: TICKETS });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('- (stdin) can be read once: give it for one input only, and the others as files');
    const both = await runCli(['audit', '--tickets', '-', '--uptime', '-', ...ARGS], { cwd: dir, input: TICKETS });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('- (stdin) can be read once');
  });
});

describe("a contract's inputs", () => {
  const project = join(dir, 'project');
  mkdirSync(join(project, 'exports'), { recursive: true });
  const [header, ...rows] = TICKETS.trim().split('\n');
  const half = Math.ceil(rows.length / 2);
  writeFileSync(join(project, 'exports/tickets-1.csv'), [header, ...rows.slice(0, half)].join('\n') + '\n');
  writeFileSync(join(project, 'exports/tickets-2.csv'), [header, ...rows.slice(half)].join('\n') + '\n');
  copyFileSync(join(ROOT, 'fixtures/example/sma-opcon-probes.csv'), join(project, 'exports/probes.csv'));
  const contract = (name: string, inputs: string) =>
    writeFileSync(join(project, name), `version: sla-contract/v1\npolicy: websoft9\ntier: premium\ninputs:\n${inputs}`);

  it('a pattern expands to its files (in name order), as validate and the audit both read it', async () => {
    contract('sla-audit.yaml', '  tickets: [exports/tickets-*.csv]\n');
    const v = await runCli(['policies', 'validate', 'sla-audit.yaml'], { cwd: project });
    expect(v.code).toBe(0);
    const r = await runCli(['tickets', '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--format', 'json'], {
      cwd: project,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(parseReport(r.stdout).summary.rows.read).toBe(rows.length);
  });

  it('a pattern that matches nothing is the same error in validate and in the audit, at its line', async () => {
    contract('none.yaml', '  tickets: [exports/nothing-*.csv]\n');
    const v = await runCli(['policies', 'validate', 'none.yaml'], { cwd: project });
    const a = await runCli(['audit', '--config', 'none.yaml', '--month', '2026-10'], { cwd: project });
    for (const r of [v, a]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `none.yaml:5:13: inputs.tickets[0]: no file matches ${join(project, 'exports/nothing-*.csv')}`,
      );
    }
  });

  it("an unknown preset is the contract's error at its line, in validate and in the audit", async () => {
    contract('preset.yaml', '  tickets: [exports/tickets-1.csv]\n  presets: [zendsk]\n');
    const v = await runCli(['policies', 'validate', 'preset.yaml'], { cwd: project });
    const a = await runCli(['audit', '--config', 'preset.yaml', '--month', '2026-10'], { cwd: project });
    for (const r of [v, a]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('preset.yaml:6:13: inputs.presets[0]: unknown preset "zendsk"');
    }
  });

  it("tickets and uptime read the contract's inputs when none are given", async () => {
    writeFileSync(
      join(project, 'both.yaml'),
      'version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\ninputs:\n  uptime: [exports/probes.csv]\n',
    );
    const u = await runCli(
      ['uptime', '--config', 'both.yaml', '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--format', 'json'],
      { cwd: project },
    );
    expect(u.code, u.stderr).toBe(0);
    expect(parseReport(u.stdout).availability.map((a: { service: string }) => a.service)).toContain('all');
  });
});

describe('installed as a package', () => {
  it('init writes a $schema path relative to the contract that leads to the schema this installation ships', async () => {
    const where = join(dir, 'deep/er');
    mkdirSync(where, { recursive: true });
    const r = await runCli(['init', '--policy', 'websoft9', '--tier', 'premium'], { cwd: where });
    expect(r.code, r.stderr).toBe(0);
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(
      readFileSync(join(where, 'sla-audit.yaml'), 'utf8'),
    )![1]!;
    expect(schema.startsWith('/')).toBe(false);
    expect(resolve(dirname(join(where, 'sla-audit.yaml')), schema)).toBe(join(ROOT, 'schema/contract.schema.json'));
  });

  it('ships its licence and no source maps pointing at sources it does not ship', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('LICENSE');
    expect(existsSync(join(ROOT, 'LICENSE'))).toBe(true);
    expect(pkg.files).not.toContain('src');
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      compilerOptions: { sourceMap?: boolean; declarationMap?: boolean };
    };
    expect(build.compilerOptions.sourceMap).toBe(false);
    expect(build.compilerOptions.declarationMap ?? false).toBe(false);
    const maps = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? maps(join(d, e.name)) : e.name.endsWith('.map') ? [e.name] : [],
      );
    expect(maps(join(ROOT, 'dist'))).toEqual([]);
  });
});
