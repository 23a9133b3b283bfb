import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { ROOT } from './run-cli.js';

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')),
);

/** Parse a JSON report and hold it to the published schema. */
export function parseReport(stdout: string) {
  const report = JSON.parse(stdout);
  const ok = validate(report);
  expect(validate.errors ?? [], 'the report must match schema/report.schema.json').toEqual([]);
  expect(ok).toBe(true);
  return report;
}
