import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  createReadStream,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT, runCli } from '../support/run-cli.js';

const base = mkdtempSync(join(tmpdir(), 'sla-audit-output-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
/** A folder with the websoft9 fixture's tickets in it. */
function workdir(): string {
  const dir = join(base, String(n++));
  mkdirSync(dir);
  copyFileSync(join(ROOT, 'fixtures/websoft9-premium/tickets.csv'), join(dir, 'tickets.csv'));
  return dir;
}
const ARGS = [
  'tickets',
  'tickets.csv',
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:30:00Z',
  '--quiet',
];

describe('-o, where the report goes (SPEC 1)', () => {
  it('refuses one of the run’s inputs — the export, the contract — and leaves it as it was', async () => {
    const dir = workdir();
    const before = readFileSync(join(dir, 'tickets.csv'));
    for (const format of ['json', 'csv']) {
      const r = await runCli([...ARGS, '--format', format, '-o', 'tickets.csv'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("-o tickets.csv is one of this run's inputs (tickets.csv)");
      expect(readFileSync(join(dir, 'tickets.csv'))).toEqual(before);
    }
    writeFileSync(
      join(dir, 'sla-audit.yaml'),
      'version: sla-contract/v1\npolicy: websoft9\ntier: premium\ninputs:\n  tickets: tickets.csv\n',
    );
    const contract = readFileSync(join(dir, 'sla-audit.yaml'));
    const r = await runCli(
      ['audit', '--month', '2026-10', '--as-of', '2026-11-01T00:30:00Z', '-o', 'sla-audit.yaml', '--format', 'json'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("-o sla-audit.yaml is one of this run's inputs");
    expect(readFileSync(join(dir, 'sla-audit.yaml'))).toEqual(contract);
    expect(readdirSync(dir).sort()).toEqual(['sla-audit.yaml', 'tickets.csv']);
  });

  it.each([
    ['a directory', (dir: string) => dir, 'is a directory — give a file name'],
    ['a name ending in /', () => 'new-folder/', 'is a directory — give a file name'],
    ['an empty name', () => '', '-o needs a file name'],
    ['a name too long for the file system', () => `${'x'.repeat(300)}.json`, 'the name is too long (ENAMETOOLONG)'],
    ['a folder that does not exist', () => 'nowhere/report.json', 'no such file or directory (ENOENT)'],
    ['a full device', () => '/dev/full', 'cannot write /dev/full: no space left on the device (ENOSPC)'],
  ])('%s: exit 2 with the path and the cause, nothing left behind', async (_name, target, message) => {
    const dir = workdir();
    for (const format of ['json', 'csv']) {
      const r = await runCli([...ARGS, '--format', format, '-o', target(dir)], { cwd: dir });
      expect(r.stderr).toContain(message);
      expect(r.code).toBe(2);
      expect(readdirSync(dir)).toEqual(['tickets.csv']);
    }
  });

  it('replaces a symlink’s target, not the link', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'old.json'), 'old');
    symlinkSync('old.json', join(dir, 'report.json'));
    expect((await runCli([...ARGS, '-o', 'report.json'], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'report.json'))).toBe('old.json');
    expect(JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8')).schemaVersion).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['old.json', 'report.json', 'tickets.csv']);
  });

  it('streams into a FIFO and a character device, which stay what they are', async () => {
    const dir = workdir();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const chunks: Buffer[] = [];
    const reader = new Promise<void>((resolve) =>
      createReadStream(join(dir, 'pipe'))
        .on('data', (c) => chunks.push(Buffer.from(c)))
        .on('end', () => resolve()),
    );
    const r = await runCli([...ARGS, '--format', 'csv', '-o', 'pipe'], { cwd: dir });
    await reader;
    expect(r.code).toBe(0);
    expect(Buffer.concat(chunks).toString()).toMatch(/^id,priority,effective_priority/);
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect((await runCli([...ARGS, '-o', '/dev/null'], { cwd: dir })).code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['pipe', 'tickets.csv']);
  });

  it('a stdout that cannot take the report (disk full) is exit 2, not a crash', async () => {
    const dir = workdir();
    for (const format of ['json', 'csv']) {
      let stderr = '';
      const full = Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' });
      const code = await main([...ARGS, '--format', format], {
        stdout: { write: (_c, done) => (done?.(full), false) },
        stderr: { write: (t) => (stderr += t) },
        stdin: (async function* () {})(),
        env: {},
        cwd: dir,
      });
      expect(code).toBe(2);
      expect(stderr).toBe('sla-audit: cannot write stdout: no space left on the device (ENOSPC)\n');
    }
  });
});
