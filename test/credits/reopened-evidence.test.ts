import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewFixture } from '../support/review-fixture.js';
import { runCli } from '../support/run-cli.js';

// SPEC: every credit line points to the evidence it stands on, file:line. R1 was resolved at 12:00 by its
// row (t.csv:3), reopened by the customer 10-09 12:00 and solved again 10-10 12:00 (e.csv line 5): its
// resolution breach (due 10-10 10:00 with the day it sat resolved held) stands on that last resolution.
const fx = reviewFixture();

describe('the evidence of a reopened ticket’s resolution breach', () => {
  it('points to the event of its last resolution, not to the row’s first one', async () => {
    const r = await runCli(['audit', ...fx.args, '--month', '2026-10', '--fee', '1000', '--format', 'json'], {
      cwd: fx.dir,
    });
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout).credits.find((c: { reasonCode: string }) => c.reasonCode === 'CREDIT_PER_BREACH');
    // Was respondedFrom "t.csv:3", a row that says resolved 10-08 12:00.
    expect(line.basis.tickets).toEqual([
      {
        id: 'R1',
        metric: 'resolution',
        dueAt: '2026-10-10T10:00:00Z',
        respondedAt: '2026-10-10T12:00:00Z',
        source: 't.csv:3',
        respondedFrom: 'e.csv:5',
      },
    ]);
  });

  it('and the claim packet’s evidence.csv carries it', async () => {
    const out = join(fx.dir, 'claims');
    const r = await runCli(['claim', ...fx.args, '--month', '2026-10', '--fee', '1000', '-o', out], { cwd: fx.dir });
    expect(r.code).toBe(0);
    const csv = readFileSync(join(out, 'rev-2026-10', 'evidence.csv'), 'utf8').split('\r\n');
    const row = csv.find((l) => l.startsWith('ticket,late,,R1,resolution,'));
    expect(row?.endsWith(',t.csv:3,e.csv:5')).toBe(true);
  });
});
