import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRequest, runAudit, type AuditReport } from '../../src/index.js';
import { ROOT } from '../support/run-cli.js';

/**
 * Metamorphic laws over the whole audit (loadRequest → runAudit, in memory), on generated evidence:
 * - removing evidence in the vendor's favour (a vendor reply, a response or resolution cell, a
 *   pause, a reopened ticket's later solve, an event's type or visibility cell, an up sample) never turns a verdict into met, and removing any sample never raises
 *   coverage;
 * - adding downtime never lowers a credit;
 * - renaming services, or shifting every instant by whole weeks where no DST or holiday falls,
 *   changes nothing but names and instants;
 * - every record of a ticket export is accounted for.
 * Evidence against the vendor (a customer's message, a down sample, a status that ends a pause) may
 * of course settle a verdict either way when it goes: what it proved goes with it.
 */
const now = () => Date.parse('2026-12-01T00:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const source = (name: string, text: string) => ({ name, stream: Readable.from([Buffer.from(text)]) });

async function audit(options: Record<string, unknown>): Promise<AuditReport> {
  const request = loadRequest({ asOf: '2026-12-01T00:00:00Z', skipInvalid: true, ...options }, { cwd: ROOT, now });
  const [report] = await runAudit(request);
  return report!;
}

// ---- tickets: fixtures/policies/promises-test.yaml, tier all (office hours in Berlin; 4 h first and
// ongoing response, 8 h update cadence; waiting-on-customer pauses), November 2026 (no DST change).

interface Ev {
  at: number;
  actor: 'vendor' | 'customer';
  type: 'reply' | 'status';
  status?: string;
  /** A cell left empty in the export: the type, or the visibility (else "true"). */
  blank?: 'type' | 'public';
}
interface GenTicket {
  id: string;
  created: number;
  events: Ev[];
  /** The first-response cell as exported: the first vendor reply's instant, or empty (null). */
  responseCell: number | null;
  resolved: number | null;
}

const NOV_2 = Date.parse('2026-11-02T00:00:00Z');
const event = fc.record({
  after: fc.integer({ min: 1, max: 3000 }),
  kind: fc.constantFrom('vendor', 'vendor', 'customer', 'waiting', 'open', 'solved'),
});
const ticketGen = fc.record({
  created: fc.integer({ min: 0, max: 13 * 24 * 60 }),
  events: fc.array(event, { maxLength: 6 }),
  responseCell: fc.boolean(),
  resolvedAfter: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: null }),
  // The resolution cell at the first solve: the events after it may reopen the ticket and solve it again.
  resolvedAtSolve: fc.boolean(),
});
const ticketsGen = fc.array(ticketGen, { minLength: 1, maxLength: 4 }).map((ts) =>
  ts.map((t, i): GenTicket => {
    const created = NOV_2 + t.created * MIN;
    const events = t.events
      .map((e): Ev => {
        const at = created + e.after * MIN;
        if (e.kind === 'vendor' || e.kind === 'customer') return { at, actor: e.kind, type: 'reply' };
        const status = e.kind === 'waiting' ? 'waiting-on-customer' : e.kind;
        return { at, actor: 'vendor', type: 'status', status };
      })
      .sort((a, b) => a.at - b.at);
    const last = events.length > 0 ? events[events.length - 1]!.at : created;
    const firstVendor = events.find((e) => e.type === 'reply' && e.actor === 'vendor')?.at ?? null;
    const solve = t.resolvedAtSolve ? events.find((e) => e.status === 'solved')?.at : undefined;
    return {
      id: `T-${i + 1}`,
      created,
      events,
      responseCell: t.responseCell ? firstVendor : null,
      resolved: solve ?? (t.resolvedAfter === null ? null : last + t.resolvedAfter * MIN),
    };
  }),
);

/** The export as CSV (with or without a first-response column) and its events, every instant `shift` later. */
function ticketFiles(tickets: readonly GenTicket[], withColumn: boolean, shift = 0) {
  const t = (ms: number) => iso(ms + shift);
  const rows = tickets.map((x) =>
    [
      x.id,
      t(x.created),
      'P1',
      ...(withColumn ? [x.responseCell === null ? '' : t(x.responseCell)] : []),
      x.resolved === null ? '' : t(x.resolved),
    ].join(','),
  );
  const head = ['id', 'created_at', 'priority', ...(withColumn ? ['first_response_at'] : []), 'resolved_at'].join(',');
  const events = tickets.flatMap((x) =>
    x.events.map((e) =>
      [
        x.id,
        t(e.at),
        e.actor,
        e.blank === 'type' ? '' : e.type,
        e.status ?? '',
        e.blank === 'public' ? '' : 'true',
      ].join(','),
    ),
  );
  // No events at all is no event export (an empty one is an input error).
  return {
    tickets: `${head}\n${rows.join('\n')}\n`,
    events: events.length === 0 ? null : `ticket_id,at,actor,type,status,public\n${events.join('\n')}\n`,
  };
}

async function ticketStatuses(
  tickets: readonly GenTicket[],
  withColumn: boolean,
  shift = 0,
  asOf = '2026-12-01T00:00:00Z',
) {
  const files = ticketFiles(tickets, withColumn, shift);
  const report = await audit({
    policy: 'fixtures/policies/promises-test.yaml',
    tier: 'all',
    month: '2026-11',
    asOf,
    tickets: [source('t.csv', files.tickets)],
    events: files.events === null ? [] : [source('e.csv', files.events)],
    uptime: [],
  });
  return report;
}

/** One piece of evidence in the vendor's favour taken away, if the ticket has it. */
type Removal = (t: GenTicket) => GenTicket | null;
const removals: Array<[string, (k: number) => Removal]> = [
  ['a vendor reply', (k) => (t) => dropNth(t, k, (e) => e.type === 'reply' && e.actor === 'vendor')],
  [
    'the start of a pause',
    (k) => (t) => dropNth(t, k, (e) => e.type === 'status' && e.status === 'waiting-on-customer'),
  ],
  // A reopened ticket's later solve: its waits and silences run on, and its resolution with them. (One that
  // ends a pause is evidence against the vendor as well: it is not in the vendor's favour alone.)
  ['a later solve of a reopened ticket', (k) => (t) => dropNth(t, k, (e, i) => resolvesAgain(t, e, i))],
  ['the first-response cell', () => (t) => (t.responseCell !== null ? { ...t, responseCell: null } : null)],
  ['the resolution cell', () => (t) => (t.resolved !== null ? { ...t, resolved: null } : null)],
  // A whole input gone: what only it could measure is not measured, never met.
  ['every event of the ticket', () => (t) => (t.events.length > 0 ? { ...t, events: [] } : null)],
  // A cell emptied: the event says less of what it is, never more in the vendor's favour.
  ['the type cell of an event', (k) => (t) => blankNth(t, k, 'type', () => true)],
  ['the visibility cell of a vendor reply', (k) => (t) => blankNth(t, k, 'public', (e) => e.actor === 'vendor')],
];

/** A solve after the resolution cell that ends no pause (the status before it is not waiting on the customer). */
function resolvesAgain(t: GenTicket, e: Ev, i: number): boolean {
  if (e.type !== 'status' || e.status !== 'solved' || t.resolved === null || e.at <= t.resolved) return false;
  const before = t.events.slice(0, i).filter((x) => x.type === 'status');
  return before[before.length - 1]?.status !== 'waiting-on-customer';
}

function blankNth(t: GenTicket, k: number, blank: 'type' | 'public', which: (e: Ev) => boolean): GenTicket | null {
  const idx = t.events.flatMap((e, i) => (which(e) && e.blank === undefined ? [i] : []));
  if (idx.length === 0) return null;
  const at = idx[k % idx.length]!;
  return { ...t, events: t.events.map((e, i) => (i === at ? { ...e, blank } : e)) };
}

function dropNth(t: GenTicket, k: number, which: (e: Ev, i: number) => boolean): GenTicket | null {
  const idx = t.events.flatMap((e, i) => (which(e, i) ? [i] : []));
  if (idx.length === 0) return null;
  const drop = idx[k % idx.length]!;
  return { ...t, events: t.events.filter((_, i) => i !== drop) };
}

const RUNS = { numRuns: 25 };
/** A month of probes is a larger input: fewer runs keep the suite fast. */
const MONTH_RUNS = { numRuns: 15 };

describe('laws of ticket evidence', () => {
  it.each(removals)('removing %s never turns a ticket into met', async (_name, removal) => {
    await fc.assert(
      fc.asyncProperty(ticketsGen, fc.nat(), fc.nat(), fc.boolean(), async (tickets, which, k, withColumn) => {
        const i = which % tickets.length;
        const less = removal(k)(tickets[i]!);
        fc.pre(less !== null);
        const before = await ticketStatuses(tickets, withColumn);
        const after = await ticketStatuses(
          tickets.map((t, j) => (j === i ? less! : t)),
          withColumn,
        );
        const was = before.tickets[i]!.status;
        if (after.tickets[i]!.status === 'met') expect(was).toBe('met');
        expect(after.summary.met).toBeLessThanOrEqual(before.summary.met);
      }),
      RUNS,
    );
  });

  it('shifting every instant by whole weeks changes nothing but the instants', async () => {
    await fc.assert(
      fc.asyncProperty(ticketsGen, fc.boolean(), async (tickets, withColumn) => {
        const week = 7 * 24 * 60 * MIN;
        const a = await ticketStatuses(tickets, withColumn);
        const b = await ticketStatuses(tickets, withColumn, week, iso(now() + week));
        expect(b.tickets.map((t) => t.status)).toEqual(a.tickets.map((t) => t.status));
        for (const [x, y] of a.tickets.map((t, i) => [t, b.tickets[i]!] as const)) {
          for (const m of ['firstResponse', 'ongoingResponse', 'updateCadence'] as const) {
            const [p, q] = [x.metrics[m]!, y.metrics[m]!];
            expect(q.status).toBe(p.status);
            expect(q.elapsedMs).toBe(p.elapsedMs);
            expect(q.dueAt === null || !Number.isFinite(q.dueAt) ? q.dueAt : q.dueAt - week).toBe(p.dueAt);
            expect(q.gaps?.map((g) => [g.status, g.elapsedMs, g.dueAt - week])).toEqual(
              p.gaps?.map((g) => [g.status, g.elapsedMs, g.dueAt]),
            );
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('every row of a ticket export is read, and each is used, in another period, skipped or superseded', async () => {
    const BAD_ROWS = [
      ',not a time,P1',
      ',2026-11-31T10:00:00Z,P1',
      ',2026-11-05T10:00:00Z,P9',
      ',2026-11-05T10:00:00',
      '',
    ];
    const row = fc.oneof(
      fc.integer({ min: 0, max: 28 * 24 * 60 }).map((m) => `,${iso(NOV_2 + m * MIN)},P1`),
      fc.integer({ min: 1, max: 90 * 24 * 60 }).map((m) => `,${iso(NOV_2 - m * MIN)},P1`),
      fc.constantFrom(...BAD_ROWS),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
        const lines = rows.map((r, i) => (r === '' ? `X-${i},,` : `X-${i}${r}`));
        const run = audit({
          policy: 'fixtures/policies/promises-test.yaml',
          tier: 'first',
          month: '2026-11',
          inputTz: undefined,
          tickets: [source('t.csv', `id,created_at,priority\n${lines.join('\n')}\n`)],
          uptime: [],
        });
        // An export of which every row was skipped is no evidence: an input error, never an empty report.
        if (rows.every((r) => BAD_ROWS.includes(r))) {
          await expect(run).rejects.toMatchObject({
            issues: expect.arrayContaining([expect.objectContaining({ code: 'INPUT_ALL_SKIPPED' })]),
          });
          return;
        }
        const report = await run;
        const r = report.rows;
        expect(r.read + r.filtered).toBe(rows.length);
        expect(r.used + r.outsidePeriod + r.skipped + r.superseded).toBe(r.read);
        expect(r.used).toBe(report.summary.tickets);
      }),
      RUNS,
    );
  });
});

// ---- availability: fixtures/policies/bands-inclusive.yaml (24x7 UTC; target 99.95%; credit 10% below
// 99.95%, 25% at or below 99.9%; samples stand for 5 minutes; 90% coverage for a verdict), October 2026.

const OCT = Date.parse('2026-10-01T00:00:00Z');
const STEP = 5 * MIN;
/** Runs of probes every 5 minutes: up, down, or no probe at all. */
const samplesGen = fc
  .array(fc.record({ kind: fc.constantFrom('up', 'up', 'up', 'down', 'gap'), n: fc.integer({ min: 1, max: 2500 }) }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((runs) => {
    const out: Array<{ at: number; up: boolean }> = [];
    let slot = 0;
    for (const r of runs) {
      for (let i = 0; i < r.n && slot < 24 * 12 * 24; i++, slot++)
        if (r.kind !== 'gap') out.push({ at: OCT + slot * STEP, up: r.kind === 'up' });
    }
    return out;
  })
  .filter((s) => s.length > 0);

async function availability(
  samples: ReadonlyArray<{ at: number; up: boolean }>,
  name = 'api',
  shift = 0,
  statedCoverage = false,
) {
  const text = `timestamp,service,status\n${samples.map((s) => `${iso(s.at + shift)},${name},${s.up ? 'up' : 'down'}`).join('\n')}\n`;
  const request = loadRequest(
    {
      asOf: '2026-12-01T00:00:00Z',
      skipInvalid: true,
      policy: 'fixtures/policies/bands-inclusive.yaml',
      tier: 't',
      month: '2026-10',
      fee: '1000',
      tickets: [],
      uptime: [source('probes.csv', text)],
    },
    { cwd: ROOT, now },
  );
  // A contract's availability.coverage for the whole of October, as the README's example states one.
  if (statedCoverage) request.coverage = [OCT, Date.parse('2026-11-01T00:00:00Z')];
  const [report] = await runAudit(request);
  const row = report!.availability.find((a) => a.service === 'all')!;
  // The credit the evidence settles (an undecided line's percent is a bound, at least or at most, not a credit).
  let credit = 0;
  for (const c of report!.credits) if (c.eligible === true && c.percent > credit) credit = c.percent;
  return { report: report!, row, credit };
}

describe('laws of availability evidence', () => {
  it('removing any sample never raises coverage; removing an up sample never turns the month into met', async () => {
    await fc.assert(
      fc.asyncProperty(samplesGen, fc.nat(), async (samples, k) => {
        const i = k % samples.length;
        const before = await availability(samples);
        const after = await availability(samples.filter((_, j) => j !== i));
        expect(after.row.coveredMs).toBeLessThanOrEqual(before.row.coveredMs);
        if (samples[i]!.up && after.row.met === true) expect(before.row.met).toBe(true);
      }),
      MONTH_RUNS,
    );
  });

  it('a coverage stated in the contract never raises what probe samples cover, nor turns their month into met', async () => {
    await fc.assert(
      fc.asyncProperty(samplesGen, async (samples) => {
        const plain = await availability(samples);
        const stated = await availability(samples, 'api', 0, true);
        expect(stated.row.coveredMs).toBe(plain.row.coveredMs);
        if (stated.row.met === true) expect(plain.row.met).toBe(true);
      }),
      MONTH_RUNS,
    );
  });

  it('adding downtime (an up sample found down) never lowers availability or the credit it settles', async () => {
    await fc.assert(
      fc.asyncProperty(samplesGen, fc.nat(), async (samples, k) => {
        const ups = samples.flatMap((s, j) => (s.up ? [j] : []));
        fc.pre(ups.length > 0);
        const i = ups[k % ups.length]!;
        const before = await availability(samples);
        const after = await availability(samples.map((s, j) => (j === i ? { ...s, up: false } : s)));
        expect(after.row.downtimeMs).toBeGreaterThanOrEqual(before.row.downtimeMs);
        if (before.row.met === false) expect(after.row.met).toBe(false);
        expect(after.credit).toBeGreaterThanOrEqual(before.credit);
      }),
      MONTH_RUNS,
    );
  });

  it('renaming the service or shifting every sample by a week within the month changes nothing but names', async () => {
    const inFirstWeeks = samplesGen
      .map((s) => s.filter((x) => x.at < OCT + 23 * 24 * 60 * MIN))
      .filter((s) => s.length > 0);
    await fc.assert(
      fc.asyncProperty(
        inFirstWeeks,
        fc.constantFrom('web', 'constructor', '__proto__', 'zone-b 2', 'Ünïcode'),
        async (samples, name) => {
          const a = await availability(samples);
          const b = await availability(samples, name, 7 * 24 * 60 * MIN);
          const numbers = (x: typeof a) => ({
            ...x.row,
            period: x.row.period.label,
            service: undefined,
            downtime: x.row.downtime.map(([s, e]) => e - s),
            noData: undefined,
          });
          expect(numbers(b)).toEqual(numbers(a));
          expect(b.report.availability.map((r) => r.service)).toEqual([name, 'all']);
          expect(b.report.credits.map((c) => [c.percent, c.amountMinor, c.eligible])).toEqual(
            a.report.credits.map((c) => [c.percent, c.amountMinor, c.eligible]),
          );
        },
      ),
      MONTH_RUNS,
    );
  });
});
