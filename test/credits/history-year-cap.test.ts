import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

// JPY, Asia/Tokyo, target 99.9%, one band < 99.9% → 10%, escalation [1, 2], cap 15% a month, 2% a year.
// An hour down on the 10th of January and February; December 2025 is known only from the contract's history
// (99.95%, met). Fee 33 333: the year's cap is 2% × 12 × 33 333 = 7 999.92 → 8 000.
// January: 3 600 s of 2 678 400 = 99.8656%, 10% = 3 333 (December met: the run starts here).
// February: the second failing month in a row, 20% = 6 666.6 → 6 667, under the month's 15% cap (5 000)…
// …and the year leaves 8 000 − 3 333 = 4 667: owed 4 667, decided.
const dir = mkdtempSync(join(tmpdir(), 'sla-history-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'policy.yaml'),
  'version: sla-policy/v1\nid: esc\nname: escalation and yearly cap\ncurrency: JPY\nbillingZone: Asia/Tokyo\n' +
    'calendars:\n  always: { zone: Asia/Tokyo, hours: { mon-sun: "00:00-24:00" } }\navailability:\n  target: 99.9\n' +
    'tiers:\n  std: { calendar: always, targets: {} }\ncredits:\n  cap: 15\n  capPerYear: 2\n  models:\n' +
    '    - id: up\n      escalation: [1, 2]\n      type: availability-tiers\n      bands:\n        - { below: 99.9, percent: 10 }\n',
);
writeFileSync(
  join(dir, 'contract.yaml'),
  'version: sla-contract/v1\npolicy: policy.yaml\ntier: std\navailability:\n  history: { "2025-12": 99.95 }\n',
);
writeFileSync(
  join(dir, 'log.csv'),
  'start,end,service\n2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,x\n2026-02-10T00:00:00Z,2026-02-10T01:00:00Z,x\n',
);

describe("an earlier month the contract's history says met", () => {
  it('ends the run and counts nothing for the year: February owes 4 667 JPY, decided (it was undecided)', async () => {
    const r = await runCli(
      [
        'uptime',
        'log.csv',
        '--config',
        'contract.yaml',
        '--month',
        '2026-02',
        '--as-of',
        '2026-06-15T00:00:00Z',
      ].concat(['--fee', '33333', '--format', 'json']),
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.credits).toMatchObject([{ percent: 20, amount: 6667, eligible: true }]);
    expect(report.creditTotal).toMatchObject({ amount: 4667, year: { cap: 8000, earlier: 3333, unknownPeriods: [] } });
    expect(r.stderr).not.toContain('CREDIT_HISTORY_UNKNOWN');
    expect(r.stderr).not.toContain('depend on 2026-01');
  });
});
