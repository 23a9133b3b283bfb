import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPolicyIds, loadPolicyFile, resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import { renderExplain } from '../../src/adapters/render/explain-render.js';
import { evaluateTicket } from '../../src/core/tickets/evaluate.js';
import { explainTicket } from '../../src/core/tickets/explain.js';
import type { Ticket, TicketEvent } from '../../src/core/tickets/ticket.js';
import { ROOT } from '../support/run-cli.js';
import { ticketOf } from '../support/ticket.js';

const policy = loadPolicyFile(join(ROOT, 'fixtures/policies/pause-test.yaml'));
const clocks = new PolicyClocks(policy);
const T = (iso: string) => Date.parse(iso);
const status = (at: string, s: string): TicketEvent => ({ at: T(at), actor: 'vendor', type: 'status', status: s });

const ticket = (over: Partial<Ticket>): Ticket =>
  ticketOf({ id: 'P', createdAt: T('2026-10-05T09:00:00Z'), firstResponseAt: T('2026-10-05T09:30:00Z'), ...over });
const evaluate = (t: Ticket, asOf = '2026-10-31T00:00:00Z') =>
  evaluateTicket(t, { policy, clocks, tier: 't', asOf: T(asOf) });

describe('pause statuses (Mon–Fri 09:00–17:00 UTC, resolution 8 h)', () => {
  it('a pause from Mon 10:00 to 12:00 moves the resolution due time by the 2 paused hours', () => {
    // Without the pause: Mon 09:00 + 8 h = Mon 17:00. Paused 2 h → Tue 11:00.
    const r = evaluate(
      ticket({
        resolvedAt: T('2026-10-06T10:30:00Z'),
        events: [status('2026-10-05T10:00:00Z', 'waiting-on-customer'), status('2026-10-05T12:00:00Z', 'open')],
      }),
    );
    expect(r.pauses).toEqual([[T('2026-10-05T10:00:00Z'), T('2026-10-05T12:00:00Z')]]);
    expect(new Date(r.metrics.resolution!.dueAt!).toISOString()).toBe('2026-10-06T11:00:00.000Z');
    // 8 h Mon − 2 h paused + 1.5 h Tue = 7.5 h
    expect(r.metrics.resolution).toMatchObject({ status: 'met', elapsedMs: 7.5 * 3_600_000 });
  });

  it('without the pause the same ticket breaches', () => {
    const r = evaluate(ticket({ resolvedAt: T('2026-10-06T10:30:00Z'), events: [] }));
    expect(r.metrics.resolution).toMatchObject({ status: 'breached', dueAt: T('2026-10-05T17:00:00Z') });
  });

  it('pause statuses are matched case-insensitively and consecutive pause statuses make one pause', () => {
    const r = evaluate(
      ticket({
        events: [
          status('2026-10-05T10:00:00Z', 'Waiting-On-Customer'),
          status('2026-10-05T11:00:00Z', 'on-hold'),
          status('2026-10-05T13:00:00Z', 'open'),
        ],
      }),
    );
    expect(r.pauses).toEqual([[T('2026-10-05T10:00:00Z'), T('2026-10-05T13:00:00Z')]]);
    expect(new Date(r.metrics.resolution!.dueAt!).toISOString()).toBe('2026-10-06T12:00:00.000Z');
  });

  it('a pause still open at as-of holds the clock: pending, never breached', () => {
    const r = evaluate(
      ticket({ events: [status('2026-10-05T10:00:00Z', 'waiting-on-customer')] }),
      '2026-10-20T00:00:00Z',
    );
    expect(r.metrics.resolution).toMatchObject({ status: 'pending', dueAt: Infinity, elapsedMs: 3_600_000 });
    expect(r.status).toBe('pending');
  });

  it('bundled policies declare no pause statuses (SPEC 3.9), so status events never pause them', () => {
    for (const id of bundledPolicyIds()) expect(resolvePolicy(id).pauseStatuses).toEqual([]);
    const websoft9 = resolvePolicy('websoft9');
    const r = evaluateTicket(
      ticket({
        priority: 'general',
        rawPriority: 'general',
        firstResponseAt: null,
        events: [status('2026-10-05T09:10:00Z', 'waiting-on-customer')],
      }),
      {
        policy: websoft9,
        clocks: new PolicyClocks(websoft9),
        tier: 'premium',
        asOf: T('2026-10-05T12:00:00Z'),
      },
    );
    expect(r.pauses).toEqual([]);
    expect(r.metrics.firstResponse).toMatchObject({ status: 'breached', dueAt: T('2026-10-05T11:00:00Z') });
  });
});

describe('explain with a pause after the due time', () => {
  it('says late by the time its own clock counted after due: 4 h, not the 6 h of open hours', () => {
    // Due Mon 17:00 (8 h of Mon 09:00–17:00). Paused Tue 09:00–11:00, resolved Tue 15:00:
    // counted 8 h + (15 − 11) = 12 h against 8 h → 4 h late; the open hours alone would say 6 h.
    const r = evaluate(
      ticket({
        resolvedAt: T('2026-10-06T15:00:00Z'),
        events: [status('2026-10-06T09:00:00Z', 'waiting-on-customer'), status('2026-10-06T11:00:00Z', 'open')],
      }),
    );
    expect(r.metrics.resolution).toMatchObject({
      status: 'breached',
      dueAt: T('2026-10-05T17:00:00Z'),
      elapsedMs: 12 * 3_600_000,
    });
    const resolution = explainTicket(r, clocks, T('2026-10-31T00:00:00Z')).find((tl) => tl.metric === 'resolution')!;
    expect(resolution.lateBy).toBe(4 * 3_600_000);
    expect(renderExplain(r, [resolution], policy, 't')).toContain('— 4h 00m of covered time late');
  });

  it('a response still missing at as-of is late by what the clock counted up to as-of', () => {
    // Due Mon 17:00; paused Tue 09:00–10:00; as-of Tue 12:00 → late by 2 h (10:00–12:00), not 3 h.
    const r = evaluate(
      ticket({
        events: [status('2026-10-06T09:00:00Z', 'waiting-on-customer'), status('2026-10-06T10:00:00Z', 'open')],
      }),
      '2026-10-06T12:00:00Z',
    );
    const resolution = explainTicket(r, clocks, T('2026-10-06T12:00:00Z')).find((tl) => tl.metric === 'resolution')!;
    expect(resolution.result.status).toBe('breached');
    expect(resolution.lateBy).toBe(2 * 3_600_000);
  });
});
