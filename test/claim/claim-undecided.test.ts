import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// A claim never says "ready" while a line the evidence cannot decide may still owe. By hand:
//   websoft9 premium, 2500.00 USD: W-1 50 min late (10 min target) = 5% = 125.00 owed; W-2 pending = 125.00 undecided.
//   olt-ems enterprise, 1000.00 USD: 2 late + 1 pending of the 3 needed = 10% = 100.00 undecided, nothing owed yet.
const dir = mkdtempSync(join(tmpdir(), 'sla-claim-undecided-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function claim(csv: string, args: string[]) {
  writeFileSync(join(dir, 't.csv'), csv);
  const out = mkdtempSync(join(dir, 'out-'));
  const r = await runCli(['claim', '--tickets', 't.csv', ...args, '--format', 'json', '-q', '-o', out], { cwd: dir });
  expect(r.code).toBe(0);
  return { claims: JSON.parse(r.stdout).claims, folders: readdirSync(out) };
}

describe('a ticket pending or not measured keeps the claim under review', () => {
  it('websoft9: 125.00 asked for, W-2 listed for review (CLAIM_UNDECIDED): needs review', async () => {
    const { claims } = await claim(
      'id,created_at,priority,incident,first_response_at\nW-1,2026-10-05T09:00:00Z,high,INC-1,2026-10-05T10:00:00Z\nW-2,2026-10-31T23:00:00Z,normal,,\n',
      ['--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '--fee', '2500'].concat([
        '--as-of',
        '2026-11-01T00:00:00Z',
      ]),
    );
    expect(claims[0]).toMatchObject({ readiness: 'needs review', amount: 125 });
    expect(claims[0].needs).toEqual([{ code: 'CLAIM_UNDECIDED', args: { rule: 'per-failed-request' } }]);
  });

  it('olt-ems: the threshold may be reached by O-3: needs review, nothing asked for yet — not "not applicable"', async () => {
    const { claims } = await claim(
      `id,created_at,priority,first_response_at
O-1,2026-10-05T09:00:00+08:00,P1,2026-10-06T09:00:00+08:00
O-2,2026-10-05T09:00:00+08:00,P1,2026-10-06T09:00:00+08:00
O-3,2026-10-30T17:00:00+08:00,P1,
`,
      ['--policy', 'olt-ems', '--tier', 'enterprise', '--month', '2026-10', '--fee', '1000'].concat([
        '--as-of',
        '2026-11-01T10:00:00+08:00',
      ]),
    );
    expect(claims[0]).toMatchObject({ readiness: 'needs review', amount: 0, claimBy: '2026-11-30' });
    expect(claims[0].needs).toContainEqual({ code: 'CLAIM_UNDECIDED', args: { rule: 'response-failures' } });
  });
});
