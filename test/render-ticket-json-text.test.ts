import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANONICAL } from '../src/adapters/ingest/mapping.js';
import { PRESETS } from '../src/adapters/ingest/presets.js';
import { readTickets } from '../src/adapters/ingest/read-tickets.js';
import { resolvePolicy } from '../src/adapters/policy/load-policy.js';
import { ticketJson } from '../src/adapters/render/report.js';
import { ticketJsonText } from '../src/adapters/render/ticket-json-text.js';
import { TicketAuditor } from '../src/core/audit.js';
import { monthPeriod } from '../src/core/period.js';
import type { TicketResult } from '../src/core/tickets/evaluate.js';
import { ROOT } from './support/run-cli.js';

/** Every ticket of every fixture audit, evaluated as the CLI does. */
async function fixtureResults(): Promise<TicketResult[]> {
  const all: TicketResult[] = [];
  for (const dir of readdirSync(join(ROOT, 'fixtures'))) {
    let args: string[];
    try {
      args = (JSON.parse(readFileSync(join(ROOT, 'fixtures', dir, 'cmd.json'), 'utf8')) as { args: string[] }).args;
    } catch {
      continue;
    }
    const arg = (name: string) => args[args.indexOf(name) + 1]!;
    const file = args[0] === 'tickets' ? args[1]! : args.includes('--tickets') ? arg('--tickets') : null;
    if (file === null) continue;
    const policy = resolvePolicy(arg('--policy'));
    const mapping = args.includes('--preset') ? PRESETS[arg('--preset')]! : CANONICAL;
    const read = await readTickets([join(ROOT, 'fixtures', dir, file)], { mapping, inputTz: args.includes('--input-tz') ? arg('--input-tz') : null, policy, skipInvalid: false });
    const [year, month] = arg('--month').split('-').map(Number) as [number, number];
    const auditor = new TicketAuditor({ policy, tier: arg('--tier'), period: monthPeriod(year, month, policy.billingZone), asOf: Date.parse(arg('--as-of')), feeMinor: null });
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
