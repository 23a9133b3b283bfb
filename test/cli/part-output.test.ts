import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CANONICAL } from '../../src/adapters/ingest/mapping.js';
import { readTickets } from '../../src/adapters/ingest/read-tickets.js';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { ticketJson } from '../../src/adapters/render/report.js';
import { PartOutput } from '../../src/cli/audit-part.js';
import { processIo } from '../../src/cli/io.js';
import { ReportStream } from '../../src/cli/report-stream.js';
import { TicketAuditor } from '../../src/core/audit.js';
import { monthPeriod } from '../../src/core/period.js';
import { ROOT } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-move-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function results() {
  const policy = resolvePolicy('websoft9');
  const read = await readTickets([join(ROOT, 'fixtures/example/websoft9-tickets.csv')], { mapping: CANONICAL, inputTz: null, policy, skipInvalid: false });
  const auditor = new TicketAuditor({ policy, tier: 'premium', period: monthPeriod(2026, 10, policy.billingZone), asOf: Date.parse('2026-11-01T00:00:00Z'), feeMinor: null });
  for (const t of read.tickets) auditor.add(t);
  return auditor.finish().results;
}

// The second half's worker writes to its part file until the first half has
// ended, then moves into the report while the main thread copies what it
// wrote so far: whatever the moment, the report holds the tickets in order.
describe('a second half moved into the report as it is written', () => {
  const cases = [
    { first: 3, before: 2, after: 4 },
    { first: 0, before: 2, after: 4 },
    { first: 3, before: 0, after: 4 },
    { first: 0, before: 0, after: 4 },
    { first: 0, before: 0, after: 0 },
    { first: 2, before: 3, after: 0 },
  ];
  it.each(cases)('first half $first tickets, second half $before before the move and $after after', async ({ first, before, after }) => {
    const all = (await results()).slice(0, first + before + after);
    const target = join(dir, `report-${first}-${before}-${after}.json`);
    const stream = new ReportStream(target, processIo());
    const shape = JSON.stringify({ schemaVersion: 1, tickets: [], tail: true }, null, 2);
    stream.head(shape);
    const lent = stream.lend();
    const part = stream.part();
    const mine = new PartOutput(lent.fd, lent.position, lent.comma);
    const theirs = new PartOutput(part.fd, 0, true);
    for (const r of all.slice(0, first)) mine.ticket(r);
    mine.flush();
    for (const r of all.slice(first, first + before)) theirs.ticket(r);
    const precede = lent.comma || mine.count > 0;
    const written = theirs.moveTo(lent.fd, mine.position, precede);
    stream.copyPart(part.path, precede ? 0 : Math.min(1, written), written, mine.position);
    for (const r of all.slice(first + before)) theirs.ticket(r);
    theirs.flush();
    stream.continueAt(mine.position, mine.count);
    stream.continueAt(theirs.position, theirs.count);
    stream.dropPart(part.path);
    await stream.end(shape);
    const report = JSON.parse(readFileSync(target, 'utf8')) as { tickets: unknown[]; tail: boolean };
    expect(report.tickets).toEqual(all.map((r) => JSON.parse(JSON.stringify(ticketJson(r)))));
    expect(report.tail).toBe(true);
  });
});
