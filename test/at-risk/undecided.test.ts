import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

/**
 * What at-risk cannot decide is said, never read as "nothing at risk": a period the ticket export does
 * not cover has a claim deadline all the same, and a log that stopped leaves its silent days open.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sla-at-risk-undecided-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a claim deadline of a period the ticket export does not cover', () => {
  // msp-template: Europe/Berlin months, P1 first response 1 h, 5% per late P1, claims within a month of the
  // month's end. The export starts on 1 July: June has no ticket line at all. As-of 20 July 02:00 Berlin:
  // June's deadline is 31 July, 11 days on; May's (30 June) has passed.
  const run = (...more: string[]) => {
    writeFileSync(
      join(dir, 'tickets.csv'),
      'id,created_at,priority,first_response_at\n' +
        'M-0,2026-07-01T09:00:00+02:00,P3,2026-07-01T10:00:00+02:00\n' +
        'M-J,2026-07-14T03:00:00+02:00,P1,2026-07-14T03:40:00+02:00\n',
    );
    return runCli(
      ['at-risk', '--policy', join(ROOT, 'fixtures/policies/real/msp-template.yaml'), '--tier', 'standard'].concat([
        '--tickets',
        'tickets.csv',
        '--fee',
        '2000',
        '--as-of',
        '2026-07-20T00:00:00Z',
        ...more,
      ]),
      { cwd: dir },
    );
  };

  it('is listed as undecided, its amount unknown, with its deadline and days left', async () => {
    const r = await run('--deadlines', '11d', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).deadlines).toEqual([
      {
        code: 'AT_RISK_CLAIM_DEADLINE',
        period: '2026-06',
        claimBy: '2026-07-31',
        daysLeft: 11,
        // Only what the lines there are come to: none, so nothing proved; the flag says the rest is unknown.
        percent: 0,
        amount: 0,
        currency: 'EUR',
        undecidedLines: 0,
        ticketsNotCovered: true,
      },
    ]);
    // 10 days ahead does not reach 31 July.
    expect(JSON.parse((await run('--deadlines', '10d', '--format', 'json')).stdout).deadlines).toEqual([]);
  });

  it('the table says the amount is unknown, never 0.00; --fail-on deadline exits 12 naming it', async () => {
    const table = await run('--deadlines', '30d', '--format', 'table');
    expect(table.stdout).toContain('Claim deadlines within 30 days: 1');
    expect(table.stdout).toMatch(/2026-06 +│ 2026-07-31 │ +11 │ unknown: the ticket export does not cover it/);
    expect(table.stdout).not.toContain('0.00');
    const r = await run('--deadlines', '30d', '--fail-on', 'deadline', '--format', 'json');
    expect(r.code).toBe(12);
    expect(r.stderr).toContain(
      'the credit of 2026-06 (undecided: the ticket export does not cover it) must be claimed by 2026-07-31 (11 days left)',
    );
  });
});

describe('a downtime budget on a log that stopped', () => {
  // fixtures/at-risk: target 99.9%, bands "< 99.9%" and "≤ 99%", Sunday 02:00–04:00 UTC maintenance. Probes
  // every 5 min from 1 October 00:00Z to 9 October 23:55Z, then nothing; as-of 20 October 00:00Z.
  // October: 2 678 400 000 ms, less the Sundays 4 and 25 (the 11th and 18th are in the silence) = 2 664 000 000
  // measurable; the silence 10 Oct → 20 Oct = 864 000 000; left out, as the contract leaves no data,
  // 1 800 000 000 eligible. 99.9% allows 1 800 000 ms of that, 2 664 000 ms of the measurable time.
  const probes = (down: (t: number) => boolean) => {
    const rows = ['timestamp,service,status'];
    for (let t = Date.UTC(2026, 9, 1); t < Date.UTC(2026, 9, 10); t += 300_000)
      rows.push(`${new Date(t).toISOString().replace('.000', '')},api,${down(t) ? 'down' : 'up'}`);
    writeFileSync(join(dir, 'probes.csv'), `${rows.join('\n')}\n`);
  };
  const run = (...more: string[]) =>
    runCli(
      [
        'at-risk',
        '--policy',
        join(ROOT, 'fixtures/at-risk/policy.yaml'),
        '--tier',
        't',
        '--uptime',
        'probes.csv',
      ].concat(['--as-of', '2026-10-20T00:00:00Z', ...more]),
      { cwd: dir },
    );

  it('counts the silent days against what is left: 0 left, not 30 min; 44 min 24 s if they were up', async () => {
    probes(() => false);
    const r = await run('--format', 'json');
    const all = JSON.parse(r.stdout).availability.find((a: { service: string }) => a.service === 'all');
    expect(all).toMatchObject({
      coverageShort: true,
      downtimeMs: 0,
      undecidedMs: 864_000_000,
      eligibleMs: 1_800_000_000,
    });
    expect(
      all.thresholds.map((t: Record<string, unknown>) => [t.percent, t.allowedMs, t.leftMs, t.leftAtMostMs, t.crossed]),
    ).toEqual([
      [99.9, 1_800_000, 0, 2_664_000, false],
      [99.9, 1_800_000, 0, 2_664_000, false],
      // "≤ 99%": 1% less one ms, of each.
      [99, 17_999_999, 0, 26_639_999, false],
    ]);
  });

  it('--fail-on availability exits 4, undecided, not 0: the silence may hold the whole allowance', async () => {
    probes(() => false);
    const r = await run('--within', '1m', '--fail-on', 'availability', '--format', 'json');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      'sla-audit: --fail-on availability: undecided: 2 findings (api: 0s more downtime in 2026-10 misses its 99.9% target if the 240h 00m the evidence leaves open was down, 44m if none of it was',
    );
    // A ticket or deadline found still exits with its own code: 12, September's deadline (30 Oct) in 10 days.
    expect((await run('--within', '1m', '--fail-on', 'any', '--format', 'json')).code).toBe(12);
  });

  it('downtime past the target in every reading is found (11), thin log or not', async () => {
    // Down 5 October 10:00–10:45Z: 2 700 000 ms, past 2 664 000 even with the silence up.
    probes((t) => t >= Date.UTC(2026, 9, 5, 10) && t < Date.UTC(2026, 9, 5, 10, 45));
    const r = await run('--within', '1m', '--fail-on', 'availability', '--format', 'json');
    const all = JSON.parse(r.stdout).availability.find((a: { service: string }) => a.service === 'all');
    expect(all.downtimeMs).toBe(2_700_000);
    expect(all.thresholds[0]).toMatchObject({ leftMs: 0, leftAtMostMs: 0, crossed: true });
    expect(r.code).toBe(11);
    expect(r.stderr).toContain('api: 2026-10 has missed its 99.9% target already');
  });
});
