import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRequest, runAudit, type AuditReport } from '../../src/index.js';
import { ROOT } from '../support/run-cli.js';

/**
 * Laws of the policy's priority rules (websoft9: high without an incident is general; telestax: a P1
 * or P2 off production is P3): taking away what a rule reads — the incident column, a known
 * environment name — never turns a ticket into met. October 2026, UTC, 24x7 targets.
 */
const now = () => Date.parse('2026-11-05T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const source = (name: string, text: string) => ({ name, stream: Readable.from([Buffer.from(text)]) });
const START = Date.parse('2026-10-02T00:00:00Z');

async function audit(policy: string, tier: string, csv: string): Promise<AuditReport> {
  const request = loadRequest(
    { policy, tier, month: '2026-10', asOf: '2026-11-05T00:00:00Z', tickets: [source('t.csv', csv)], uptime: [] },
    { cwd: ROOT, now },
  );
  const [report] = await runAudit(request);
  return report!;
}

interface Gen {
  priority: string;
  /** Minutes from creation to the first response. */
  minutes: number;
  value: string;
}
const gen = (priorities: string[], values: string[]) =>
  fc.array(
    fc.record({
      priority: fc.constantFrom(...priorities),
      minutes: fc.integer({ min: 1, max: 24 * 60 }),
      value: fc.constantFrom(...values),
    }),
    { minLength: 1, maxLength: 12 },
  );

function csv(tickets: readonly Gen[], column: string | null, value: (t: Gen) => string = (t) => t.value): string {
  const head = `id,created_at,priority,first_response_at${column ? `,${column}` : ''}`;
  const rows = tickets.map((t, i) => {
    const created = START + i * 3_600_000;
    return `T${i},${iso(created)},${t.priority},${iso(created + t.minutes * 60_000)}${column ? `,${value(t)}` : ''}`;
  });
  return `${head}\n${rows.join('\n')}\n`;
}

/** Every ticket met after the change was met before it. */
function neverNewlyMet(before: AuditReport, after: AuditReport): void {
  after.tickets.forEach((t, i) => {
    if (t.status === 'met') expect([t.ticket.id, before.tickets[i]!.status]).toEqual([t.ticket.id, 'met']);
  });
  expect(after.summary.met).toBeLessThanOrEqual(before.summary.met);
}

describe('laws of priority rules', () => {
  it('websoft9: dropping the incident column never turns a ticket into met', async () => {
    await fc.assert(
      fc.asyncProperty(gen(['high', 'general'], ['', 'INC-1']), async (tickets) => {
        const before = await audit('websoft9', 'premium', csv(tickets, 'incident'));
        const after = await audit('websoft9', 'premium', csv(tickets, null));
        neverNewlyMet(before, after);
      }),
      { numRuns: 25 },
    );
  });

  it('telestax: an environment renamed to a word no list knows never turns a ticket into met', async () => {
    await fc.assert(
      fc.asyncProperty(
        gen(['P1', 'P2', 'P3'], ['production', 'staging', '']),
        fc.constantFrom('eu-west', 'customer A', 'hotfix'),
        async (tickets, unknown) => {
          const before = await audit('telestax-restcomm', 'premium', csv(tickets, 'environment'));
          const after = await audit(
            'telestax-restcomm',
            'premium',
            csv(tickets, 'environment', () => unknown),
          );
          // Against each ticket's own environment: renamed, production or not, it is never met where it was not.
          neverNewlyMet(before, after);
        },
      ),
      { numRuns: 25 },
    );
  });
});
