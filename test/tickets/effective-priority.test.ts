import { describe, expect, it } from 'vitest';
import { incidentCheckFromOutages } from '../../src/core/availability/audit-availability.js';
import { parsePolicy, resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { priorityReasonText } from '../../src/adapters/render/wording.js';
import { lastCompleteMonth } from '../../src/core/period.js';
import { effectivePriority } from '../../src/core/tickets/effective-priority.js';
import { isProduction } from '../../src/core/tickets/ticket.js';
import { evaluateTicket } from '../../src/core/tickets/evaluate.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import type { Policy } from '../../src/core/policy/model.js';
import { ticketOf } from '../support/ticket.js';

const ticket = ticketOf;

describe('effective priority, in SPEC 3.5 order', () => {
  const telestax = resolvePolicy('telestax-restcomm');
  const websoft9 = resolvePolicy('websoft9');

  it('reclassification comes before the rules: P3 reclassified to P1 on staging ends P3, with both reasons', () => {
    const r = effectivePriority(
      ticket({ rawPriority: 'P3', priority: 'P3', reclassifiedPriority: 'P1', environment: 'Staging' }),
      telestax,
    );
    expect(r.priority).toBe('P3');
    expect(r.reasons.map((x) => x.code)).toEqual(['PRIORITY_RECLASSIFIED', 'PRIORITY_NON_PRODUCTION']);
  });

  it('"prod", "Production" and empty are production', () => {
    for (const environment of ['prod', 'Production', '', null])
      expect(effectivePriority(ticket({ environment }), telestax).priority).toBe('P1');
  });

  it('a vendor may raise a priority: P3 reclassified to P1 in production stays P1', () => {
    expect(
      effectivePriority(ticket({ rawPriority: 'P3', priority: 'P3', reclassifiedPriority: 'P1' }), telestax),
    ).toMatchObject({ priority: 'P1', reasons: [{ code: 'PRIORITY_RECLASSIFIED', from: 'P3', to: 'P1' }] });
  });

  it('websoft9: high needs an incident; a reclassification to high is judged the same way', () => {
    expect(
      effectivePriority(ticket({ rawPriority: 'high', priority: 'high', incident: 'INC-1' }), websoft9).priority,
    ).toBe('high');
    expect(
      effectivePriority(ticket({ rawPriority: 'general', priority: 'general', reclassifiedPriority: 'high' }), websoft9)
        .priority,
    ).toBe('general');
    expect(effectivePriority(ticket({ rawPriority: null, priority: 'general' }), websoft9).reasons).toEqual([
      { code: 'PRIORITY_DEFAULTED', from: null, to: 'general' },
    ]);
  });
});

describe('the default period: the last complete month before --as-of, in the billing zone', () => {
  it('1 Nov 03:00Z is still 31 Oct in Chicago, so the last complete month is September', () => {
    expect(lastCompleteMonth(Date.parse('2026-11-01T03:00:00Z'), 'America/Chicago').label).toBe('2026-09');
    expect(lastCompleteMonth(Date.parse('2026-11-01T05:00:00Z'), 'America/Chicago').label).toBe('2026-10');
  });

  it('in Shanghai the month turns eight hours before UTC; January looks back to December', () => {
    expect(lastCompleteMonth(Date.parse('2026-10-31T16:00:00Z'), 'Asia/Shanghai').label).toBe('2026-10');
    expect(lastCompleteMonth(Date.parse('2026-10-31T15:59:59Z'), 'Asia/Shanghai').label).toBe('2026-09');
    expect(lastCompleteMonth(Date.parse('2027-01-15T00:00:00Z'), 'UTC').label).toBe('2026-12');
  });
});

describe('reclassify rules with a condition on a field', () => {
  const policy = parsePolicy(
    `version: sla-policy/v1\nid: vip\nname: VIP\ncurrency: USD\nbillingZone: UTC\npriorities:\n  P2: { name: High }\n  P3: { name: Normal }\nrules:\n  - { type: reclassify, from: [P3], to: P2, when: { status: [vip, gold] } }\ntiers:\n  t: { calendar: 24x7, targets: {} }\n`,
    'vip.yaml',
  );

  it('a P3 ticket whose status is " VIP " is P2 by the policy\'s rule, and says why', () => {
    const r = effectivePriority(ticket({ rawPriority: 'P3', priority: 'P3', status: ' VIP ' }), policy);
    expect(r.priority).toBe('P2');
    expect(priorityReasonText(r.reasons[0]!)).toBe('P3 with status "vip" or "gold" is P2 by the policy\'s rule');
  });

  it('another status, or no status, keeps P3', () => {
    expect(effectivePriority(ticket({ rawPriority: 'P3', priority: 'P3', status: 'open' }), policy).priority).toBe(
      'P3',
    );
    expect(effectivePriority(ticket({ rawPriority: 'P3', priority: 'P3', status: null }), policy).priority).toBe('P3');
  });
});

describe('a rule the export cannot decide: never the favourable reading', () => {
  const telestax = resolvePolicy('telestax-restcomm');
  const websoft9 = resolvePolicy('websoft9');
  const clocks = (p: Policy) => new PolicyClocks(p);

  it('environments: production and non-production names are known (any case, with a suffix); any other value is undecided', () => {
    for (const v of ['production', 'Prod', 'PRD', 'live', 'Production (EU)', '', null, undefined])
      expect([v, isProduction(v)]).toEqual([v, true]);
    for (const v of [
      'staging',
      'Stage',
      'stg',
      'dev',
      'Development',
      'test',
      'QA',
      'UAT',
      'sandbox',
      'pre-prod',
      'non-production',
    ])
      expect([v, isProduction(v)]).toEqual([v, false]);
    for (const v of ['hotfix', 'customer A', 'eu-west']) expect([v, isProduction(v)]).toEqual([v, null]);
  });

  it('an environment no list names: P1 follows the rule (P3) and keeps P1 aside, with the reason', () => {
    expect(effectivePriority(ticket({ environment: 'eu-west' }), telestax)).toEqual({
      priority: 'P3',
      alternatives: ['P1'],
      reasons: [{ code: 'PRIORITY_UNDECIDED', from: 'P1', to: 'P3', detail: 'on a non-production environment' }],
    });
  });

  it('websoft9 without an incident column (and no uptime logs): high may be general or high', () => {
    const t = ticket({ rawPriority: 'high', priority: 'high', incident: undefined });
    expect(effectivePriority(t, websoft9)).toMatchObject({ priority: 'general', alternatives: ['high'] });
    // An empty cell of an incident column says "none": general, decided.
    expect(effectivePriority({ ...t, incident: null }, websoft9)).toMatchObject({
      priority: 'general',
      alternatives: [],
    });
  });

  it('an incident cell that says no in words is none; "unknown" is unknown; an incident number or yes is one', () => {
    const t = (incident: string) => ticket({ rawPriority: 'high', priority: 'high', incident });
    for (const no of ['no', 'No', 'false', 'N/A', 'na', '0', '-', ' none '])
      expect(effectivePriority(t(no), websoft9), no).toMatchObject({ priority: 'general', alternatives: [] });
    for (const unknown of ['unknown', '?', 'TBD'])
      expect(effectivePriority(t(unknown), websoft9), unknown).toMatchObject({
        priority: 'general',
        alternatives: ['high'],
      });
    for (const yes of ['INC-1', 'yes', 'true'])
      expect(effectivePriority(t(yes), websoft9), yes).toMatchObject({ priority: 'high', alternatives: [] });
  });

  it('the metric stands where both priorities agree, and is not measured where they do not (high 10 min, general 2 h)', () => {
    const at = Date.parse('2026-10-05T10:00:00Z');
    const ctx = {
      policy: websoft9,
      clocks: clocks(websoft9),
      tier: 'premium',
      asOf: Date.parse('2026-11-01T00:00:00Z'),
    };
    const answered = (minutes: number) =>
      evaluateTicket(
        ticket({
          rawPriority: 'high',
          priority: 'high',
          incident: undefined,
          createdAt: at,
          firstResponseAt: at + minutes * 60_000,
        }),
        ctx,
      );
    // 5 min: met at both; 60 min: met at general, breached at high; 240 min: breached at both.
    expect([5, 60, 240].map((m) => answered(m).metrics.firstResponse?.status)).toEqual([
      'met',
      'not-measured',
      'breached',
    ]);
    expect(answered(60).status).toBe('not-measured');
  });
});

describe('exclusion', () => {
  it('a reason excludes a ticket; a cell that says no in words (no, none, false, N/A, 0, -) excludes nothing', () => {
    const websoft9 = resolvePolicy('websoft9');
    const ctx = {
      policy: websoft9,
      clocks: new PolicyClocks(websoft9),
      tier: 'premium',
      asOf: Date.parse('2026-11-01T00:00:00Z'),
    };
    const at = Date.parse('2026-10-05T10:00:00Z');
    // A general ticket answered after 3 h: breached (2 h), unless excluded.
    const status = (exclusion: string | null) =>
      evaluateTicket(
        ticket({
          rawPriority: 'general',
          priority: 'general',
          createdAt: at,
          firstResponseAt: at + 3 * 3_600_000,
          exclusion,
        }),
        ctx,
      ).status;
    for (const reason of ['force-majeure', 'customer-environment', 'yes'])
      expect([reason, status(reason)]).toEqual([reason, 'excluded']);
    for (const no of ['no', 'None', 'FALSE', 'N/A', 'n/a', '0', '-', ' ', null])
      expect([no, status(no)]).toEqual([no, 'breached']);
  });
});

describe('incident association from uptime logs', () => {
  const T = (iso: string) => Date.parse(iso);
  const evidence = [
    {
      service: 'api',
      outages: [[T('2026-10-02T01:00:00Z'), T('2026-10-02T02:00:00Z')] as [number, number]],
      maintenance: [],
      covered: [[T('2026-10-01T00:00:00Z'), T('2026-10-06T00:00:00Z')] as [number, number]],
      sources: ['up.csv'],
    },
  ];
  const check = incidentCheckFromOutages(evidence);
  const at = (iso: string, incident?: string | null) => check(ticket({ createdAt: T(iso), incident }));

  it('during an outage: associated; watched and up: not; where the logs are silent: unknown, unless the incident column says', () => {
    expect(at('2026-10-02T01:30:00Z')).toBe(true);
    expect(at('2026-10-03T00:00:00Z')).toBe(false);
    expect(at('2026-10-20T10:00:00Z')).toBeNull();
    expect(at('2026-10-20T10:00:00Z', null)).toBe(false);
    expect(at('2026-10-20T10:00:00Z', 'INC-7')).toBe(true);
  });

  it('with two services in scope, "not associated" needs both watched', () => {
    const two = incidentCheckFromOutages([
      ...evidence,
      {
        service: 'db',
        outages: [],
        maintenance: [],
        covered: [[T('2026-10-01T00:00:00Z'), T('2026-10-03T00:00:00Z')] as [number, number]],
        sources: ['db.csv'],
      },
    ]);
    expect(two(ticket({ createdAt: T('2026-10-02T12:00:00Z'), incident: undefined }))).toBe(false);
    expect(two(ticket({ createdAt: T('2026-10-04T12:00:00Z'), incident: undefined }))).toBeNull();
  });
});
