import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// A period before the ticket export's first ticket has no credit line because no evidence covers it,
// not because nothing is owed. By hand: the export starts 2026-10-05 (W-1), so September is not covered;
// websoft9 credits per failed request (a ticket model), so September's ticket credits are undecided.
const dir = mkdtempSync(join(tmpdir(), 'sla-claim-not-covered-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'w.csv'),
  'id,created_at,priority,first_response_at\nW-1,2026-10-05T10:00:00Z,general,2026-10-05T10:05:00Z\nW-5,2026-10-31T23:00:00Z,general,\n',
);
const ARGS = ['--policy', 'websoft9', '--tier', 'premium', '--as-of', '2026-11-01T00:30:00Z', '--fee', '1000'];

describe('claim: a period the ticket export does not cover', () => {
  it('September: needs review naming the period and the first ticket — not "not applicable"', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const r = await runCli(
      ['claim', '--tickets', 'w.csv', ...ARGS, '--month', '2026-09', '--format', 'json', '-q', '-o', out],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const claims = JSON.parse(r.stdout).claims;
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ readiness: 'needs review', amount: 0 });
    expect(claims[0].needs).toEqual([
      { code: 'CLAIM_TICKETS_NOT_COVERED', args: { period: '2026-09', firstTicket: '2026-10-05T10:00:00Z' } },
    ]);
  });

  it('September, in words: the need is said under "Before sending"', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const r = await runCli(['claim', '--tickets', 'w.csv', ...ARGS, '--month', '2026-09', '-o', out], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'the ticket export does not cover 2026-09 (its first ticket was created at 2026-10-05T10:00:00Z)',
    );
  });

  it('October is covered: W-5 pending keeps it under review for its own line, with no not-covered need', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const r = await runCli(
      ['claim', '--tickets', 'w.csv', ...ARGS, '--month', '2026-10', '--format', 'json', '-q', '-o', out],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const needs = JSON.parse(r.stdout).claims[0].needs as { code: string }[];
    expect(needs.map((n) => n.code)).not.toContain('CLAIM_TICKETS_NOT_COVERED');
  });
});
