import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')),
);

/** Hold a parsed JSON report (one period's, or a range's) to the published schema. */
export function checkReport(report: unknown): void {
  const ok = validate(report);
  expect(validate.errors ?? [], 'the report must match schema/report.schema.json').toEqual([]);
  expect(ok).toBe(true);
}

/** Parse a JSON report and hold it to the published schema. */
export function parseReport(stdout: string) {
  const report = JSON.parse(stdout);
  checkReport(report);
  return report;
}

/** The commands whose JSON output is a report. */
const REPORT_COMMANDS = new Set(['audit', 'tickets', 'uptime']);

/**
 * Every JSON report a test has the CLI write — on stdout or in `-o` — is held to the schema as it
 * is made (run-cli.ts calls this after each run), so no test can produce one the schema would refuse.
 */
export function checkCliReport(args: readonly string[], result: { code: number; stdout: string }, cwd: string): void {
  if (!REPORT_COMMANDS.has(args[0] ?? '') || ![0, 1, 4].includes(result.code)) return;
  const at = args.findIndex((a) => a === '-o' || a === '--output');
  const given = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--output='))?.slice('--output='.length);
  let text = result.stdout;
  if (given !== undefined && given !== '-') {
    const file = resolve(cwd, given);
    // A FIFO or a device written to is not read back here.
    text = statSync(file, { throwIfNoEntry: false })?.isFile() ? readFileSync(file, 'utf8') : '';
  }
  if (text.trimStart().startsWith('{')) checkReport(JSON.parse(text));
}
