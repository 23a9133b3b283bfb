import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Three tickets a review found mis-explained, on a 24x7 clock (every instant UTC, checked by hand):
// U1 a P1 on an environment no list names (its priority undecided by the non-production rule), R1 resolved
// 10-08 12:00, reopened by the customer 10-09 12:00 and solved again 10-10 12:00 (e.csv line 5), S1
// resolved at 12:00 by its cell but "open" by its status.
const POLICY = `version: sla-policy/v1
id: rev
name: Review policy
currency: USD
billingZone: UTC
priorities: { P1: { name: Critical }, P2: { name: Normal } }
defaultPriority: P2
tiers:
  gold:
    calendar: 24x7
    targets:
      P1: { firstResponse: 1h, resolution: 8h }
      P2: { firstResponse: 4h, resolution: 24h }
rules:
  - { type: non-production, from: [P1], to: P2 }
credits:
  models:
    - { id: late, type: per-breach, percent: 5, metrics: [firstResponse, resolution] }
`;
const TICKETS = `id,created_at,priority,environment,first_response_at,resolved_at,status
U1,2026-10-06T10:00:00Z,P1,perf-env,2026-10-06T12:00:00Z,2026-10-06T15:00:00Z,solved
R1,2026-10-08T10:00:00Z,P2,,2026-10-08T10:30:00Z,2026-10-08T12:00:00Z,solved
S1,2026-10-09T10:00:00Z,P2,,2026-10-09T10:30:00Z,2026-10-09T12:00:00Z,open
`;
const EVENTS = `ticket_id,at,actor,public,type,status
R1,2026-10-08T10:30:00Z,vendor,true,reply,
R1,2026-10-08T12:00:00Z,vendor,true,status,solved
R1,2026-10-09T12:00:00Z,customer,true,reply,
R1,2026-10-10T12:00:00Z,vendor,true,status,solved
`;

/**
 * A directory holding rev.yaml, t.csv and e.csv, and the arguments that read them; removed after the file's
 * (or describe block's) tests, so call it where afterAll may be registered.
 */
export function reviewFixture(): { dir: string; args: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'sla-review-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'rev.yaml'), POLICY);
  writeFileSync(join(dir, 't.csv'), TICKETS);
  writeFileSync(join(dir, 'e.csv'), EVENTS);
  const args = ['--tickets', 't.csv', '--events', 'e.csv', '--policy', 'rev.yaml', '--tier', 'gold'];
  return { dir, args: [...args, '--as-of', '2026-11-01T02:00:00Z'] };
}
