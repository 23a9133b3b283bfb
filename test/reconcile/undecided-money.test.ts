import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

// The money line never says 0 owed of a ticket neither side has decided. By hand: the support policy pays 5% per
// late resolution (Low: 330 h of 09:00–21:00 IST). Z-1, opened Wed 10 May 2023 10:00 IST and not solved, is due
// 27.5 working days later (well after 1 June): pending by our clock, and Zendesk states no figure for it.
const HEAD =
  'Id,Requester id,Group,Status,Priority,Via,Created at,Updated at,Assigned at,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Reopens,Replies,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,Manual Tagging of Categories [list]';
const dir = mkdtempSync(join(tmpdir(), 'sla-reconcile-undecided-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'z.csv'),
  `${HEAD}\nZ-1,1,Support,Open,Low,Mail,2023-05-10 10:00:00,2023-05-10 10:00:00,,,,,,0,0,,,,,,,,-\n`,
);
const args = (format: string) =>
  ['reconcile', '--tickets', join(dir, 'z.csv'), '--preset', 'zendesk', '--input-tz', 'Asia/Kolkata'].concat([
    '--policy',
    'fixtures/reconcile/zendesk-support-policy.yaml',
    '--tier',
    'support',
    '--month',
    '2023-05',
    '--as-of',
    '2023-06-01T00:00:00Z',
    '--fee',
    '1000',
    '--format',
    format,
  ]);

describe('reconcile: a ticket pending on both sides is an undecided credit, not 0 owed', () => {
  it('by our verdicts and by theirs: 0.00 INR decided, and 1 undecided line not counted', async () => {
    const text = await runCli(args('table'), { cwd: ROOT });
    expect(text.stdout).toContain(
      'Credits: by our verdicts 0.00 INR (0%) + 1 undecided line, not counted; by theirs 0.00 INR (0%) + 1 undecided line, not counted',
    );
    const json = JSON.parse((await runCli(args('json'), { cwd: ROOT })).stdout);
    expect(json.periods[0].money).toEqual({
      currency: 'INR',
      ours: { percent: 0, amount: 0, undecidedLines: 1 },
      theirs: { percent: 0, amount: 0, undecidedLines: 1 },
    });
  });
});
