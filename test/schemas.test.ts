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
  it('the report schema (version 2) rejects a report that drifts from it, for one period and for a range', async () => {
    const validate = schema('report.schema.json');
    const args = [
      'audit',
      '--tickets',
      'tickets.csv',
      '--uptime',
      'uptime.csv',
      '--policy',
      'websoft9',
      '--tier',
      'premium',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--format',
      'json',
    ];
    const cwd = join(ROOT, 'fixtures/websoft9-premium-with-uptime');
    const report = JSON.parse((await runCli([...args, '--month', '2026-10'], { cwd })).stdout);
    expect(validate(report)).toBe(true);
    expect(report.schemaVersion).toBe(2);
    expect(validate({ ...report, schemaVersion: 1 })).toBe(false);
    expect(validate({ ...report, extra: true })).toBe(false);
    const { rows: _rows, ...summary } = report.summary;
    expect(validate({ ...report, summary })).toBe(false);
    expect(validate({ ...report, asOf: '2026-11-01 00:00' })).toBe(false);
    expect(validate({ ...report, tickets: [{ ...report.tickets[0], status: 'late' }] })).toBe(false);
    // The run's files and totals are part of one period's report.
    const { files: _files, ...noFiles } = report;
    expect(validate(noFiles)).toBe(false);
    expect(validate({ ...report, files: [{ ...report.files[0], sha256: 'abc' }] })).toBe(false);
    const { undecidedLines: _u, ...creditTotal } = report.creditTotal;
    expect(validate({ ...report, creditTotal })).toBe(false);

    // A range is one object: the run's fields, each period's report (without files and totals), the totals.
    const range = JSON.parse((await runCli([...args, '--from', '2026-09', '--to', '2026-10'], { cwd })).stdout);
    expect(validate(range)).toBe(true);
    expect(Array.isArray(range)).toBe(false);
    expect(range.periods.map((p: { period: { label: string } }) => p.period.label)).toEqual(['2026-09', '2026-10']);
    expect(validate({ ...range, periods: range.periods.slice(1) })).toBe(false);
    expect(validate({ ...range, periods: [{ ...range.periods[0], files: range.files }, range.periods[1]] })).toBe(
      false,
    );
    expect(validate(range.periods)).toBe(false);
    const { totals: _totals, ...noTotals } = range;
    expect(validate(noTotals)).toBe(false);
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
