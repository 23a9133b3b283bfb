import { describe, expect, it } from 'vitest';
import { reviewFixture } from '../support/review-fixture.js';
import { runCli } from '../support/run-cli.js';

// A ticket not measured is listed by the metric not measured, with why — not by a met first response and
// an empty why (the defect: S1's row showed its met first response, 4h due 10-09 14:00, done 10:30).
const fx = reviewFixture();
const audit = async (format: string, ...more: string[]) => {
  const r = await runCli(['audit', ...fx.args, '--month', '2026-10', '--format', format, '--all', ...more], {
    cwd: fx.dir,
  });
  expect(r.code).toBe(0);
  return r.stdout;
};
const S1_WHY =
  'resolution not measured: its status ("open") says it is not resolved, but its resolution cell says resolved at 2026-10-09T12:00:00Z';
const U1_WHY =
  'first response not measured: its priority is undecided, and the priorities disagree on it: P1 on a non-production environment may or may not be P2 (a rule the export cannot decide)';

describe('the tickets of a report, not measured', () => {
  it('markdown: S1 by its resolution (24h, no due, resolved 10-09 12:00), U1 by its first response, each with why', async () => {
    const md = await audit('markdown');
    expect(md).toContain(`| S1 | P2 | 2026-10-09 10:00 | 24h | — | 2026-10-09 12:00 | not-measured | ${S1_WHY} |`);
    expect(md).toContain(`| U1 | P1 → P2 | 2026-10-06 10:00 | 4h | — | 2026-10-06 12:00 | not-measured | ${U1_WHY}`);
    // A breached ticket is listed as before: its breached metric, named.
    expect(md).toContain(
      '| R1 | P2 | 2026-10-08 10:00 | 24h | 2026-10-10 10:00 | 2026-10-10 12:00 | **breached** | resolution |',
    );
  });

  it('table: the same why', async () => {
    expect(await audit('table')).toContain('│ not-measured │ resolution not measured: its status ("open") says it');
  });

  it('CSV: the reasons say which metric is not measured and why, before the priority’s reasons', async () => {
    const csv = (await audit('csv', '--csv', 'tickets')).split('\r\n');
    const s1 = csv.find((l) => l.startsWith('S1,'))!;
    expect(s1).toContain(`,24h,,2026-10-09T12:00:00Z,,not-measured,"${S1_WHY.replaceAll('"', '""')}",`);
    const u1 = csv.find((l) => l.startsWith('U1,'))!;
    expect(u1).toContain(`"${U1_WHY}; P1 on a non-production environment is P2, but the export cannot tell`);
  });
});
