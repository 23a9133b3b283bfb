import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

describe('a reader that closes stdout early (`| head`)', () => {
  it.each(['json', 'csv'])('ends the run quietly with exit 141, leaving no temporary file (%s)', async (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-closed-'));
    try {
      const rows = Array.from({ length: 20_000 }, (_, i) => `T${i},2026-10-05T10:00:00Z,general,2026-10-05T10:30:00Z`);
      writeFileSync(join(dir, 'big.csv'), `id,created_at,priority,first_response_at\n${rows.join('\n')}\n`);
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'bin/sla-audit.js'),
          'tickets',
          'big.csv',
          '--policy',
          'websoft9',
          '--tier',
          'premium',
          '--month',
          '2026-10',
          '--as-of',
          '2026-11-01T00:00:00Z',
          '--format',
          format,
          '--csv',
          'tickets',
        ],
        {
          cwd: dir,
          // The report goes through a temporary file in TMPDIR: here, so that a leftover would show.
          env: { PATH: process.env.PATH ?? '', TZ: 'UTC', TMPDIR: dir },
        },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Read 100 bytes, then close the pipe, as `head -c 100` does.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(stderr).toBe('');
      expect(code).toBe(141);
      expect(readdirSync(dir)).toEqual(['big.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('-o naming the process’s own streams', () => {
  const ARGS = [
    '--policy',
    'websoft9',
    '--tier',
    'premium',
    '--month',
    '2026-10',
    '--as-of',
    '2026-11-01T00:00:00Z',
    '--quiet',
  ];

  it('-o /dev/stdout appends to the file a shell redirected stdout to, never replaces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-devstdout-'));
    try {
      writeFileSync(join(dir, 'log.txt'), 'PRECIOUS\n');
      const r = spawnSync(
        'sh',
        [
          '-c',
          `"${process.execPath}" "${join(ROOT, 'bin/sla-audit.js')}" tickets "${join(ROOT, 'fixtures/websoft9-premium/tickets.csv')}" ${ARGS.join(' ')} --format csv -o /dev/stdout >> log.txt`,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.status).toBe(0);
      const log = readFileSync(join(dir, 'log.txt'), 'utf8');
      expect(log.startsWith('PRECIOUS\nid,priority,')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('-o naming the file that stdin is read from is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-stdin-'));
    try {
      const csv = readFileSync(join(ROOT, 'fixtures/websoft9-premium/tickets.csv'));
      writeFileSync(join(dir, 't.csv'), csv);
      const r = spawnSync(
        'sh',
        [
          '-c',
          `"${process.execPath}" "${join(ROOT, 'bin/sla-audit.js')}" tickets - ${ARGS.join(' ')} -o t.csv < t.csv`,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("-o t.csv is one of this run's inputs (-)");
      expect(readFileSync(join(dir, 't.csv'))).toEqual(csv);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inputs that can be read only once', () => {
  const ARGS = [
    '--policy',
    'websoft9',
    '--tier',
    'premium',
    '--month',
    '2026-10',
    '--as-of',
    '2026-11-01T00:00:00Z',
    '--quiet',
    '--format',
    'json',
  ];

  it('NDJSON through a pipe given by path (<(…)) is read whole, not split between a scan and the read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-pipe-'));
    try {
      const lines = Array.from({ length: 30_000 }, (_, i) =>
        JSON.stringify({
          id: `P-${i}`,
          created_at: '2026-10-05T10:00:00Z',
          priority: 'general',
          first_response_at: '2026-10-05T10:30:00Z',
        }),
      );
      writeFileSync(join(dir, 'big.ndjson'), lines.join('\n') + '\n');
      const r = spawnSync(
        'bash',
        ['-c', `"${process.execPath}" "${join(ROOT, 'bin/sla-audit.js')}" tickets <(cat big.ndjson) ${ARGS.join(' ')}`],
        { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).summary).toMatchObject({ tickets: 30_000, met: 30_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a directory on stdin is said to be one, not read as an empty file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-stdin-dir-'));
    try {
      const r = spawnSync(
        'sh',
        ['-c', `"${process.execPath}" "${join(ROOT, 'bin/sla-audit.js')}" tickets - ${ARGS.join(' ')} < .`],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        'sla-audit: - reads stdin, and stdin is a directory: redirect a file into it (< export.csv) or give the file instead of -\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
