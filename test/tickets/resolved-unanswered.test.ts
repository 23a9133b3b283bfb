import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/adapters/policy/load-policy.js';
import { notMeasuredText } from '../../src/adapters/render/not-measured.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import { evaluateTicket } from '../../src/core/tickets/evaluate.js';
import type { Ticket } from '../../src/core/tickets/ticket.js';
import { ROOT } from '../support/run-cli.js';
import { ticketOf } from '../support/ticket.js';

// Office hours Mon–Fri 09:00–17:00 UTC, no pauses; first response 4 h: created Monday 09:00, due 13:00.
const policy = loadPolicyFile(join(ROOT, 'fixtures/policies/office-test.yaml'));
const clocks = new PolicyClocks(policy);
const T = (hm: string) => Date.parse(`2026-10-05T${hm}:00Z`);
const ticket = (over: Partial<Ticket>): Ticket => ticketOf({ id: 'R', createdAt: T('09:00'), ...over });
const first = (over: Partial<Ticket>) =>
  evaluateTicket(ticket(over), { policy, clocks, tier: 't', asOf: Date.parse('2026-10-31T00:00:00Z') });

describe('resolved with no reply the export shows', () => {
  it('before the first response fell due (10:45, and exactly at 13:00): not measured, never a breach', () => {
    for (const at of ['10:45', '13:00']) {
      const r = first({ resolvedAt: T(at) });
      expect(r.metrics.firstResponse, at).toMatchObject({ status: 'not-measured', resolvedFirst: true });
      expect(notMeasuredText(r, r.metrics.firstResponse!)).toContain('resolved before its first response fell due');
    }
  });

  it('after it fell due (13:00:01): the ticket sat unanswered past 13:00, a breach', () => {
    const r = first({ resolvedAt: T('13:00') + 1000 });
    expect(r.metrics.firstResponse).toMatchObject({ status: 'breached', dueAt: T('13:00') });
  });

  it('a reply in time is met whatever the resolution', () => {
    expect(
      first({ firstResponseAt: T('12:00'), resolvedAt: T('10:45') + 3 * 3_600_000 }).metrics.firstResponse,
    ).toMatchObject({
      status: 'met',
      elapsedMs: 3 * 3_600_000,
    });
  });
});

describe('a ticket the helpdesk deleted (Zendesk status "deleted")', () => {
  it('is not measured, met or late: its conversation is gone from the export', () => {
    for (const firstResponseAt of [null, T('10:00')]) {
      const r = first({ status: 'Deleted', firstResponseAt });
      expect(r.status).toBe('not-measured');
      expect(r.metrics.firstResponse).toMatchObject({ status: 'not-measured', deleted: true });
    }
    // Open at 10:00 (due 13:00): due for nothing, so at-risk lists no deleted ticket.
    const open = evaluateTicket(ticket({ status: 'deleted' }), { policy, clocks, tier: 't', asOf: T('10:00') });
    expect(open.metrics.firstResponse).toMatchObject({ status: 'not-measured', dueAt: null });
  });
});
