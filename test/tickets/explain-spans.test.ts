import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/adapters/policy/load-policy.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import { evaluateTicket } from '../../src/core/tickets/evaluate.js';
import { explainTicket } from '../../src/core/tickets/explain.js';
import type { Ticket, TicketEvent } from '../../src/core/tickets/ticket.js';
import { ROOT } from '../support/run-cli.js';
import { ticketOf } from '../support/ticket.js';

const policy = loadPolicyFile(join(ROOT, 'fixtures/policies/pause-test.yaml'));
const clocks = new PolicyClocks(policy);
const T = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const status = (at: string, s: string): TicketEvent => ({ at: T(at), actor: 'vendor', type: 'status', status: s });
const asOf = T('2026-10-31T00:00:00Z');

const ticket = (over: Partial<Ticket>): Ticket => ticketOf({ createdAt: T('2026-10-05T09:00:00Z'), ...over });

const timeline = (t: Ticket) => explainTicket(evaluateTicket(t, { policy, clocks, tier: 't', asOf }), clocks, asOf);
const spansOf = (tl: ReturnType<typeof timeline>[number]) =>
  tl.spans.map((s) => [
    new Date(s.start).toISOString().slice(5, 16),
    new Date(s.end).toISOString().slice(11, 16),
    s.total / H,
  ]);

describe('explain: open spans minus pauses (Mon–Fri 09:00–17:00 UTC, first response 4 h, resolution 8 h)', () => {
  // Created Mon 2026-10-05 09:00. Paused Mon 10:00–12:00, and Mon 16:00 to Tue 09:30 (a pause
  // across the night, so it cuts two open spans). Answered Mon 14:00, resolved Tue 13:00.
  const t = ticket({
    firstResponseAt: T('2026-10-05T14:00:00Z'),
    resolvedAt: T('2026-10-06T13:00:00Z'),
    events: [
      status('2026-10-05T10:00:00Z', 'waiting-on-customer'),
      status('2026-10-05T12:00:00Z', 'open'),
      status('2026-10-05T16:00:00Z', 'on-hold'),
      status('2026-10-06T09:30:00Z', 'open'),
    ],
  });
  const [first, resolution] = timeline(t);

  it('first response: Mon 09–10 (1 h) and 12–15 (3 h more) reach the 4 h target at Mon 15:00', () => {
    expect(first!.result.dueAt).toBe(T('2026-10-05T15:00:00Z'));
    expect(spansOf(first!)).toEqual([
      ['10-05T09:00', '10:00', 1],
      ['10-05T12:00', '15:00', 4],
    ]);
    expect(first!.lateBy).toBeNull();
  });

  it('resolution: Mon 5 h, then Tue 09:30 + 3 h is due Tue 12:30; resolved 13:00 is 0.5 h late', () => {
    // Mon 09–10 (1 h) + 12–16 (4 h) = 5 h; Tue 09:00–09:30 paused; 09:30–12:30 = 3 h → 8 h at 12:30;
    // the span past the due instant is its own row: 12:30–13:00, 8.5 h.
    expect(resolution!.result.dueAt).toBe(T('2026-10-06T12:30:00Z'));
    expect(spansOf(resolution!)).toEqual([
      ['10-05T09:00', '10:00', 1],
      ['10-05T12:00', '16:00', 5],
      ['10-06T09:30', '12:30', 8],
      ['10-06T12:30', '13:00', 8.5],
    ]);
    expect(resolution!.lateBy).toBe(0.5 * H);
    expect(resolution!.truncated).toBe(false);
  });

  it('many short pauses: every other minute paused from Mon 09:00 leaves 1-minute spans, 60 listed then truncated', () => {
    // 1 920 status events from Mon 09:00, one a minute, alternating open / waiting: paused
    // 09:01–09:02, 09:03–09:04, … up to the resolution (Tue 16:59 is 09:00 + 1 919 min). They once ran
    // on to 09:00 + 1 999 min, but an "open" after the resolution is a reopen (reopen.ts): cut there.
    // Mon 09:00–17:00 is 480 min, half paused → 240 min counted; Tue needs 240 more counted
    // minutes, every other minute: 09:00–09:01, 09:02–09:03, …, so the 240th ends at 09:00 + 479 min = 16:59.
    const events: TicketEvent[] = [];
    for (let i = 0; i < 1920; i++) {
      events.push({
        at: T('2026-10-05T09:00:00Z') + i * 60_000,
        actor: 'vendor',
        type: 'status',
        status: i % 2 ? 'waiting-on-customer' : 'open',
      });
    }
    // Tue's first open minute 09:00–09:01: event i = 1 440 + 0 is at Tue 09:00 ('open', i even).
    const [, res] = timeline(ticket({ resolvedAt: T('2026-10-06T16:59:00Z'), events }));
    expect(res!.result.dueAt).toBe(T('2026-10-06T16:59:00Z'));
    expect(res!.result.status).toBe('met');
    expect(res!.spans).toHaveLength(60);
    expect(res!.truncated).toBe(true);
    expect(spansOf(res!).slice(0, 3)).toEqual([
      ['10-05T09:00', '09:01', 1 / 60],
      ['10-05T09:02', '09:03', 2 / 60],
      ['10-05T09:04', '09:05', 3 / 60],
    ]);
  });
});
