import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// msp-template: 5% per late P1, ×1, ×2, ×3 for months in a row, at most 15% a month, 2.5% of the contract year's
// fees (from July) — 2000.00 a month: 300.00 a month, 600.00 a year. By hand, with the whole year's export:
//   July J-1 late: 5% = 100.00; August ×2: 20% → 15% = 300.00; September S-1, S-2 ×3: 30% → 15%, and
//   600 − 400 leaves 200.00; October O-1 ×3 = 15% = 300.00, and the year leaves 0.00.
// With September and October only, July and August are unknown: October's 10% (×2) = 200.00 may be cut to nothing.
const dir = mkdtempSync(join(tmpdir(), 'sla-claim-year-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FULL = `id,created_at,priority,first_response_at
J-1,2026-07-14T03:00:00+02:00,P1,2026-07-14T05:00:00+02:00
A-1,2026-08-09T23:30:00+02:00,P1,2026-08-10T01:00:00+02:00
A-2,2026-08-10T10:00:00+02:00,P1,2026-08-10T12:00:00+02:00
S-1,2026-09-02T14:00:00+02:00,P1,2026-09-02T16:00:00+02:00
S-2,2026-09-12T06:00:00+02:00,P1,2026-09-12T08:00:00+02:00
O-1,2026-10-05T08:00:00+02:00,P1,2026-10-05T10:00:00+02:00
`;
writeFileSync(join(dir, 'full.csv'), FULL);
writeFileSync(
  join(dir, 'partial.csv'),
  FULL.split('\n')
    .filter((l) => !l.startsWith('J-') && !l.startsWith('A-'))
    .join('\n'),
);
writeFileSync(
  join(dir, 'contract.yaml'),
  `version: sla-contract/v1
policy: ${join(ROOT, 'fixtures/policies/real/msp-template.yaml')}
tier: standard
fee: { monthly: 2000.00 }
reference: MSA-2025-117
customer: Example Logistics AG
vendor: { name: Example Managed Services, claimsContact: servicedesk@msp.example }
`,
);

async function claim(tickets: string) {
  const out = mkdtempSync(join(dir, 'out-'));
  const r = await runCli(
    ['claim', '--config', 'contract.yaml', '--tickets', tickets, '--month', '2026-10'].concat([
      '--as-of',
      '2026-11-02T00:00:00Z',
      '--format',
      'json',
      '-q',
      '-o',
      out,
    ]),
    { cwd: dir },
  );
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).claims[0];
}

describe('the yearly cap with earlier periods of the year not covered', () => {
  it('July and August unknown: October’s 200.00 may be cut — needs review, naming them (was "ready 200.00 EUR")', async () => {
    const c = await claim('partial.csv');
    expect(c).toMatchObject({ readiness: 'needs review', amount: 0 });
    expect(c.needs).toEqual([
      { code: 'CLAIM_UNDECIDED', args: { rule: 'p1-late' } },
      { code: 'CLAIM_YEAR_CAP_UNKNOWN', args: { periods: ['2026-07', '2026-08', '2026-09'] } },
    ]);
    const audit = await runCli(
      ['audit', '--config', 'contract.yaml', '--tickets', 'partial.csv', '--month', '2026-10'].concat([
        '--as-of',
        '2026-11-02T00:00:00Z',
        '--fail-on',
        'credit',
        '--format',
        'json',
      ]),
      { cwd: dir },
    );
    expect(audit.code).toBe(4);
    expect(JSON.parse(audit.stdout).credits[0]).toMatchObject({ eligible: null, percent: 10, amount: 200 });
  });

  it('the whole year: what July to September took (100 + 300 + 200) leaves October nothing — not applicable, not "ready 0.00"', async () => {
    const c = await claim('full.csv');
    expect(c).toMatchObject({ readiness: 'not applicable', amount: 0, needs: [] });
  });
});
