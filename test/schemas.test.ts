import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './support/run-cli.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', name), 'utf8')));

describe('published JSON Schemas', () => {
  it('the report schema rejects a report that drifts from schemaVersion 1', async () => {
    const validate = schema('report.schema.json');
    const r = await runCli(
      [
        'audit',
        '--tickets',
        'tickets.csv',
        '--uptime',
        'uptime.csv',
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: join(ROOT, 'fixtures/websoft9-premium-with-uptime') },
    );
    const report = JSON.parse(r.stdout);
    expect(validate(report)).toBe(true);
    expect(validate({ ...report, schemaVersion: 2 })).toBe(false);
    expect(validate({ ...report, extra: true })).toBe(false);
    const { rows: _rows, ...summary } = report.summary;
    expect(validate({ ...report, summary })).toBe(false);
    expect(validate({ ...report, asOf: '2026-11-01 00:00' })).toBe(false);
    expect(validate({ ...report, tickets: [{ ...report.tickets[0], status: 'late' }] })).toBe(false);
  });

  it('the contract written by init and the example contracts match the contract schema', async () => {
    const validate = schema('contract.schema.json');
    const dir = mkdtempSync(join(tmpdir(), 'sla-audit-init-'));
    try {
      expect((await runCli(['init', '--policy', 'sma-opcon', '--tier', 'managed-operations'], { cwd: dir })).code).toBe(
        0,
      );
      for (const file of [
        join(dir, 'sla-audit.yaml'),
        join(ROOT, 'fixtures/example/sla-audit.yaml'),
        join(ROOT, 'fixtures/example/sma-opcon.yaml'),
      ]) {
        const ok = validate(parse(readFileSync(file, 'utf8')));
        expect(validate.errors ?? [], file).toEqual([]);
        expect(ok).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(validate({ version: 'sla-contract/v1', fee: { monthly: 1, annual: 12 } })).toBe(false);
  });
});
