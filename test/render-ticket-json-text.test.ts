import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CANONICAL } from '../src/adapters/ingest/mapping.js';
import { PRESETS } from '../src/adapters/ingest/presets.js';
import { readTickets } from '../src/adapters/ingest/read-tickets.js';
import { resolvePolicy } from '../src/adapters/policy/load-policy.js';
import { ticketJson } from '../src/adapters/render/report.js';
import { writeTicketJson, type ByteSink } from '../src/adapters/render/ticket-json-bytes.js';
import { ticketJsonText } from '../src/adapters/render/ticket-json-text.js';
import { TicketAuditor } from '../src/core/audit.js';
import { monthPeriod } from '../src/core/period.js';
import type { TicketResult } from '../src/core/tickets/evaluate.js';
import { fixtureCommands } from './support/fixture-commands.js';

/** Every ticket of every fixture audit, evaluated as the CLI does. */
async function fixtureResults(): Promise<TicketResult[]> {
  const all: TicketResult[] = [];
  for (const { dir, flag, ticketFile } of fixtureCommands()) {
    if (ticketFile === null) continue;
    const policy = resolvePolicy(flag('--policy')!);
    const preset = flag('--preset');
    const read = await readTickets([join(dir, ticketFile)], { mapping: preset ? PRESETS[preset]! : CANONICAL, inputTz: flag('--input-tz') ?? null, policy, skipInvalid: false });
    const [year, month] = flag('--month')!.split('-').map(Number) as [number, number];
    const auditor = new TicketAuditor({ policy, tier: flag('--tier')!, period: monthPeriod(year, month, policy.billingZone), asOf: Date.parse(flag('--as-of')!), feeMinor: null });
    for (const t of read.tickets) auditor.add(t);
    all.push(...auditor.finish().results);
  }
  return all;
}

describe('ticketJsonText', () => {
  it('is JSON.stringify(ticketJson(r)) for every fixture ticket', async () => {
    const results = await fixtureResults();
    expect(results.length).toBeGreaterThan(40);
    const kinds = new Set(results.flatMap((r) => [r.status, ...Object.keys(r.metrics)]));
    // The fixtures reach these shapes; no bundled policy has a resolution target (see below).
    for (const k of ['met', 'breached', 'pending', 'excluded', 'firstResponse', 'ongoingResponse']) expect(kinds).toContain(k);
    for (const r of results) expect(ticketJsonText(r)).toBe(JSON.stringify(ticketJson(r)));
  });

  it('escapes what JSON escapes, and nothing else', async () => {
    const [base] = await fixtureResults();
    const odd = ['quote " and backslash \\', 'line\nbreak\ttab', 'control \u0001', 'ünïcode ✓ 😀', 'lone \ud800 surrogate', '</script>', ''];
    for (const text of odd) {
      const r: TicketResult = { ...base!, exclusion: text, ticket: { ...base!.ticket, id: text, rawPriority: text } };
      expect(ticketJsonText(r)).toBe(JSON.stringify(ticketJson(r)));
      expect(JSON.parse(ticketJsonText(r))).toEqual(ticketJson(r));
    }
    const noPriority: TicketResult = { ...base!, ticket: { ...base!.ticket, rawPriority: null } };
    expect(ticketJsonText(noPriority)).toBe(JSON.stringify(ticketJson(noPriority)));
  });

  it('writes resolution, a paused clock and a metric without a target as ticketJson does', async () => {
    const [base] = await fixtureResults();
    const first = base!.metrics.firstResponse!;
    const shapes: TicketResult[] = [
      { ...base!, metrics: { ...base!.metrics, resolution: { ...first, metric: 'resolution', respondedAt: null, elapsedMs: 1_500 } } },
      { ...base!, metrics: { firstResponse: { ...first, dueAt: Infinity, status: 'pending' } } },
      { ...base!, status: 'no-target', metrics: { firstResponse: { ...first, target: null, dueAt: null, elapsedMs: null, status: 'no-target' } } },
      { ...base!, metrics: {} },
    ];
    for (const r of shapes) expect(ticketJsonText(r)).toBe(JSON.stringify(ticketJson(r)));
  });
});

/** A sink over a small buffer, growing by text: what a report stream does, without the file. */
class MemorySink implements ByteSink {
  buf = new Uint8Array(1 << 16);
  used = 0;
  /** Tickets written as text rather than bytes. */
  texts = 0;
  private readonly chunks: Buffer[] = [];
  room(n: number): void {
    if (this.used + n > this.buf.length) this.drain();
  }
  write(text: string): void {
    this.texts++;
    this.drain();
    this.chunks.push(Buffer.from(text));
  }
  bytes(): Buffer {
    this.drain();
    return Buffer.concat(this.chunks);
  }
  private drain(): void {
    this.chunks.push(Buffer.from(this.buf.subarray(0, this.used)));
    this.used = 0;
  }
}

const expected = (results: TicketResult[]) => Buffer.from(results.map((r, i) => `${i === 0 ? '\n    ' : ',\n    '}${JSON.stringify(ticketJson(r))}`).join(''));

function written(results: TicketResult[], texts?: (n: number) => void): Buffer {
  const sink = new MemorySink();
  results.forEach((r, i) => writeTicketJson(sink, r, i === 0));
  texts?.(sink.texts);
  return sink.bytes();
}

/** A fixture ticket of the usual kind: no reasons, no exclusion, no ongoing response. */
const usual = async () => (await fixtureResults()).find((r) => r.priorityReasons.length === 0 && r.exclusion === null && !r.metrics.ongoingResponse && r.metrics.firstResponse)!;

describe('writeTicketJson', () => {
  it('writes the UTF-8 of JSON.stringify(ticketJson(r)) for every fixture ticket, as bytes or as text', async () => {
    const results = await fixtureResults();
    let texts = 0;
    expect(written(results, (n) => (texts = n)).toString()).toBe(expected(results).toString());
    // Both ways are taken.
    expect(texts).toBeGreaterThan(0);
    expect(texts).toBeLessThan(results.length / 2);
  });

  it('falls back to text for names JSON escapes or that are not ASCII, and years beyond four digits', async () => {
    const base = await usual();
    const first = base!.metrics.firstResponse!;
    const odd: TicketResult[] = [
      ...['quote "', 'back\\slash', 'tab\t', 'ünïcode', '😀', 'lone \ud800'].map((id) => ({ ...base!, ticket: { ...base!.ticket, id } })),
      { ...base!, ticket: { ...base!.ticket, createdAt: Date.UTC(2026, 9, 5, 1, 2, 3, 45) } },
      { ...base!, ticket: { ...base!.ticket, createdAt: Date.UTC(10000, 0, 1) } },
      { ...base!, ticket: { ...base!.ticket, rawPriority: null, line: 0 } },
      { ...base!, metrics: { firstResponse: { ...first, dueAt: Date.UTC(2026, 9, 5, 0, 0, 0, 7), respondedAt: null, elapsedMs: 999 } } },
      { ...base!, metrics: { firstResponse: { ...first, target: null, dueAt: null, elapsedMs: null, status: 'no-target' } } },
      { ...base!, metrics: { firstResponse: first, resolution: { ...first, metric: 'resolution', elapsedMs: 1e15 } } },
      { ...base!, metrics: {} },
    ];
    expect(written(odd).toString()).toBe(expected(odd).toString());
  });

  it('writes any instant of 1900–2199 and any whole number as JSON.stringify does (property)', async () => {
    const base = await usual();
    const first = base!.metrics.firstResponse!;
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31, 23, 59, 59, 999) });
    fc.assert(
      fc.property(instant, instant, fc.option(instant), fc.nat({ max: 2 ** 40 }), fc.nat(), (created, due, responded, elapsedMs, line) => {
        const r: TicketResult = { ...base!, ticket: { ...base!.ticket, createdAt: created, line }, metrics: { firstResponse: { ...first, dueAt: due, respondedAt: responded, elapsedMs } } };
        expect(written([r], (texts) => expect(texts).toBe(0)).equals(expected([r]))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
