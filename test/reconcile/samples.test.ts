import { describe, expect, it } from 'vitest';
import { runReconcile } from '../../src/audit/reconcile.js';
import { loadRequest } from '../../src/audit/request.js';
import type { ReconcileRow } from '../../src/core/reconcile/model.js';
import { ROOT, runCli } from '../support/run-cli.js';

const ZENDESK = 'fixtures/samples/zendesk-ui__tickets_excerpt.csv';
const FRESHDESK = 'fixtures/samples/zyn10_Freshdesk-Ticket-Insights__tickets-February-04-2025.csv';
const MIN = 60_000;

async function reconciled(o: Parameters<typeof loadRequest>[0], toleranceMs: number) {
  const request = loadRequest(o, { cwd: ROOT, now: () => 0 });
  return runReconcile(request, { vendor: null, toleranceMs });
}
const row = (rows: readonly ReconcileRow[], id: string, metric = 'resolution') =>
  rows.find((r) => r.id === id && r.metric === metric)!;

describe('the real Zendesk UI export, against a contract of 09:00–21:00 IST every day, closed on 2023 holidays', () => {
  const run = reconciled(
    {
      policy: 'fixtures/reconcile/zendesk-support-policy.yaml',
      tier: 'support',
      from: '2023-04',
      to: '2023-05',
      asOf: '2023-07-01T00:00:00Z',
      inputTz: 'Asia/Kolkata',
      preset: ['zendesk'],
      tickets: [ZENDESK],
      fee: '1000',
    },
    MIN,
  );

  it('three tickets agree to the minute: no holiday falls in their time to resolution', async () => {
    const [, may] = (await run).reconciliations;
    // 700175: Tue 23 May 17:43 → Tue 6 Jun 14:56 IST; 17:43–21:00 = 197, 24 May–5 Jun 13 days × 720 = 9360,
    // 6 Jun 09:00–14:56 = 356: 9913 minutes, Zendesk's "Full resolution time in minutes within business hours".
    expect(row(may!.rows, '700175')).toMatchObject({ status: 'agree', differenceMs: 0 });
    expect(row(may!.rows, '700175').ours.elapsedMs).toBe(9913 * MIN);
    // 700286: Sun 21 May 11:54 → Wed 14 Jun 17:55: 546 + 23 days × 720 (16 560) + 535 = 17 641, as Zendesk's.
    expect(row(may!.rows, '700286').ours.elapsedMs).toBe(17641 * MIN);
    expect(row(may!.rows, '700286').status).toBe('agree');
    // 700434: Tue 9 May 10:55 → Thu 25 May 09:36: 605 + 15 days × 720 (10 800) + 36 = 11 441, as Zendesk's.
    expect(row(may!.rows, '700434').ours.elapsedMs).toBe(11441 * MIN);
    expect(row(may!.rows, '700434').status).toBe('agree');
  });

  it("three differ by the holidays our calendar closes on and Zendesk's schedule does not", async () => {
    const [april] = (await run).reconciliations;
    const holidays = { code: 'RECONCILE_HOLIDAYS', args: { calendar: 'support' } };
    // 700101: Sat 15 Apr → 21 Jun spans 22 Apr and 5 May: 2 × 720 fewer minutes than Zendesk's 47 978.
    expect(row(april!.rows, '700101')).toMatchObject({ status: 'differ', differenceMs: 1440 * MIN });
    expect(row(april!.rows, '700101').ours.elapsedMs).toBe((47978 - 1440) * MIN);
    expect(row(april!.rows, '700101').causes[0]).toEqual(holidays);
    // 700397: Mon 24 Apr → 14 Jun spans only 5 May: 720 fewer than 36 833.
    expect(row(april!.rows, '700397')).toMatchObject({ status: 'differ', differenceMs: 720 * MIN });
    expect(row(april!.rows, '700397').causes[0]).toEqual(holidays);
    // 700360: 13 Apr → 12 May spans 22 Apr and 5 May: 19 095 minutes, within 330 h (19 800); Zendesk's 20 535 is not.
    const r = row(april!.rows, '700360');
    expect(r).toMatchObject({ status: 'differ', differenceMs: 1440 * MIN, ours: { status: 'met' } });
    expect(r.theirs).toMatchObject({ verdict: 'breached', stated: false });
    expect(r.causes[0]).toEqual(holidays);
    // That verdict is one 5% credit more by theirs: 5 breaches of ours (25%), 6 by theirs (30%) of 1000 INR.
    expect(april!.money.ours).toMatchObject({ percent: 25, amountMinor: 25000 });
    expect(april!.money.theirs).toMatchObject({ percent: 30, amountMinor: 30000 });
    expect(april!.byCause).toEqual([{ cause: holidays, differences: 6 }]);
  });

  it('700249 differs by 155 minutes that no convention explains, and our first replies are not measured (the export has no instant)', async () => {
    const [, may] = (await run).reconciliations;
    expect(row(may!.rows, '700249')).toMatchObject({ status: 'differ', differenceMs: 155 * MIN, causes: [] });
    expect(may!.unexplained).toBe(1);
    expect(row(may!.rows, '700249', 'firstResponse')).toMatchObject({
      status: 'not-compared',
      ours: { status: 'not-measured' },
      theirs: { elapsedMs: 37 * MIN },
    });
    expect(may!.coverage).toMatchObject({ both: 5, onlyOurs: 0, onlyTheirs: 0 });
  });

  it('--fail-on mismatch exits 1 naming the unexplained difference; JSON carries codes and args', async () => {
    const args = [
      'reconcile',
      '--tickets',
      ZENDESK,
      '--preset',
      'zendesk',
      '--input-tz',
      'Asia/Kolkata',
      '--policy',
      'fixtures/reconcile/zendesk-support-policy.yaml',
      '--tier',
      'support',
      '--month',
      '2023-05',
      '--as-of',
      '2023-07-01T00:00:00Z',
      '--tolerance',
      '1m',
      '--format',
      'json',
      '-q',
    ];
    const r = await runCli([...args, '--fail-on', 'mismatch']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--fail-on mismatch: 1 difference(s)');
    expect(r.stderr).toContain('700249 resolution');
    const json = JSON.parse(r.stdout);
    expect(json.periods[0].toleranceSeconds).toBe(60);
    const r138 = json.periods[0].rows.find(
      (x: { id: string; metric: string }) => x.id === '700138' && x.metric === 'resolution',
    );
    // 719 minutes: a holiday's 720, less the minute the export's times lose (Zendesk counts from seconds).
    expect(r138).toMatchObject({ differenceSeconds: 719 * 60, cause: { code: 'RECONCILE_HOLIDAYS' } });
    const csv = await runCli([...args.slice(0, -3), '--format', 'csv', '-q']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'period,ticket,metric,status,our_status,our_seconds,their_verdict,their_verdict_stated,their_seconds,difference_seconds,cause_code,cause,source',
    );
  });
});

describe('the real Freshdesk export with its own "First response time (in hrs)" and "First response status"', () => {
  const run = reconciled(
    {
      policy: 'fixtures/reconcile/freshdesk-support-policy.yaml',
      tier: 'support',
      month: '2025-01',
      asOf: '2025-02-04T12:00:00Z',
      inputTz: 'Europe/London',
      preset: ['freshdesk'],
      tickets: [FRESHDESK],
      fee: '500',
    },
    MIN,
  );
  const first = (rows: readonly ReconcileRow[], id: string) => row(rows, id, 'firstResponse');

  it('three agree within a minute (the export has minutes, Freshdesk seconds)', async () => {
    const [jan] = (await run).reconciliations;
    // 19497: Tue 14 Jan 13:26 → 15:31 = 125 min in hours; Freshdesk 2:05:11 = 125.18, "Within SLA".
    expect(first(jan!.rows, '19497')).toMatchObject({ status: 'agree', differenceMs: 11_000 });
    // 19740: Thu 23 Jan 16:44 → Wed 29 Jan 11:00: 76 + 3 × 480 + 60 = 1576 min; Freshdesk 26:16:27.
    expect(first(jan!.rows, '19740')).toMatchObject({ status: 'agree', differenceMs: 27_000 });
    // 19825: Sat 25 Jan 01:30 → Wed 29 Jan 19:47: Mon, Tue, Wed 10–18 = 1440 min; Freshdesk 24:00:00.
    expect(first(jan!.rows, '19825')).toMatchObject({ status: 'agree', differenceMs: 0 });
  });

  it('three high tickets differ: our contract counts them round the clock, Freshdesk on its business hours', async () => {
    const [jan] = (await run).reconciliations;
    const calendar = { code: 'RECONCILE_CALENDAR', args: { ours: '24x7', theirs: 'business' } };
    // 19757: Thu 23 Jan 21:16 → Fri 24 Jan 11:11 = 835 min of clock; Freshdesk 1:11:57 (10:00 → 11:11:57), "Within SLA".
    expect(first(jan!.rows, '19757')).toMatchObject({
      status: 'differ',
      ours: { status: 'breached', elapsedMs: 835 * MIN },
      theirs: { elapsedMs: 4317_000, verdict: 'met', stated: true },
    });
    expect(first(jan!.rows, '19757').causes[0]).toEqual(calendar);
    // 19750: Thu 23 Jan 20:14 → Tue 28 Jan 13:10 = 6776 min; Freshdesk 19:10:03 (Fri 8 h, Mon 8 h, Tue 3:10), "SLA Violated".
    expect(first(jan!.rows, '19750')).toMatchObject({ status: 'differ', ours: { elapsedMs: 6776 * MIN } });
    expect(first(jan!.rows, '19750').causes[0]).toEqual(calendar);
    // 20086: Tue 28 Jan 21:07 → Sat 1 Feb 01:05 = 4558 min; Freshdesk 24:00:00 (Wed, Thu, Fri 8 h).
    expect(first(jan!.rows, '20086')).toMatchObject({ status: 'differ', differenceMs: (1440 - 4558) * MIN });
    expect(first(jan!.rows, '20086').causes[0]).toEqual(calendar);
  });

  it('19523: the same 64 business hours, "Within SLA" by Freshdesk and breached by our 24 h target: the targets differ', async () => {
    const [jan] = (await run).reconciliations;
    expect(first(jan!.rows, '19523')).toMatchObject({
      status: 'differ',
      differenceMs: 0,
      ours: { status: 'breached' },
    });
    expect(first(jan!.rows, '19523').causes[0]).toMatchObject({ code: 'RECONCILE_TARGET_DIFFERS' });
    // 2% per late reply: ours 19523, 19750, 19757, 20086 … (11 unanswered past due too); theirs met 19523 and 19757.
    expect(jan!.money.ours.percent - jan!.money.theirs.percent).toBe(4);
    expect(jan!.unexplained).toBe(0);
  });
});
