import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadPolicyFile, resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { PolicyClocks } from '../../src/core/policy/clocks.js';
import type { MetricId } from '../../src/core/policy/model.js';
import { ROOT } from '../support/run-cli.js';

/**
 * Hand-computed due times for every tier × priority of the five policies.
 * Comments give the local-time arithmetic; instants are UTC.
 */
interface Row {
  tier: string;
  priority: string;
  metric?: MetricId;
  created: string;
  /** null = the tier has no target for this priority. */
  due: string | null;
  why: string;
}

const H = 3_600_000;

function check(policyId: string, rows: Row[]) {
  const policy = resolvePolicy(policyId);
  const clocks = new PolicyClocks(policy);
  it.each(rows)(`${policyId} $tier $priority: $why`, ({ tier, priority, metric = 'firstResponse', created, due }) => {
    const target = clocks.target(tier, priority, metric);
    if (due === null) {
      expect(target).toBeNull();
      return;
    }
    expect(target).not.toBeNull();
    const start = Date.parse(created);
    const at = clocks.dueAt(start, target!);
    expect(new Date(at).toISOString()).toBe(new Date(due).toISOString());
    expect(clocks.calendar(target!.calendar).elapsed(start, at)).toBe(target!.ms);
  });
}

// Shared creation instants.
const OLT_MON = '2026-10-12T02:00:00Z'; // Mon 10:00 Asia/Shanghai (UTC+8); 8 h left today
const OLT_FRI_EVENING = '2026-10-09T11:30:00Z'; // Fri 19:30 Shanghai: clock starts Mon 09:00

describe('olt-ems (Mon–Fri 09:00–18:00 Asia/Shanghai, business day 9 h)', () => {
  const standard = (tier: string): Row[] => [
    {
      tier,
      priority: 'P1',
      created: OLT_MON,
      due: '2026-10-12T10:00:00Z',
      why: '8 h used up exactly at Mon 18:00 closing',
    },
    {
      tier,
      priority: 'P2',
      created: OLT_MON,
      due: '2026-10-14T08:00:00Z',
      why: '24 h = Mon 8 + Tue 9 + Wed 7 → Wed 16:00',
    },
    { tier, priority: 'P3', created: OLT_MON, due: '2026-10-19T05:00:00Z', why: '48 h = 8 + 9×4 + 4 → next Mon 13:00' },
    {
      tier,
      priority: 'P4',
      created: OLT_MON,
      due: '2026-10-19T02:00:00Z',
      why: '5 business days = 45 h → next Mon 10:00',
    },
  ];
  check('olt-ems', [
    ...standard('starter'),
    ...standard('professional'),
    { tier: 'business', priority: 'P1', created: OLT_MON, due: '2026-10-12T06:00:00Z', why: '4 h → Mon 14:00' },
    { tier: 'business', priority: 'P2', created: OLT_MON, due: '2026-10-12T10:00:00Z', why: '8 h → Mon 18:00 closing' },
    { tier: 'business', priority: 'P3', created: OLT_MON, due: '2026-10-14T08:00:00Z', why: '24 h → Wed 16:00' },
    {
      tier: 'business',
      priority: 'P4',
      created: OLT_MON,
      due: '2026-10-15T02:00:00Z',
      why: '3 business days = 27 h = 8 + 9 + 9 + 1 → Thu 10:00',
    },
    { tier: 'enterprise', priority: 'P1', created: OLT_MON, due: '2026-10-12T04:00:00Z', why: '2 h → Mon 12:00' },
    { tier: 'enterprise', priority: 'P2', created: OLT_MON, due: '2026-10-12T06:00:00Z', why: '4 h → Mon 14:00' },
    { tier: 'enterprise', priority: 'P3', created: OLT_MON, due: '2026-10-12T10:00:00Z', why: '8 h → Mon 18:00' },
    {
      tier: 'enterprise',
      priority: 'P4',
      created: OLT_MON,
      due: '2026-10-13T02:00:00Z',
      why: '1 business day = 9 h = 8 + 1 → Tue 10:00',
    },
    {
      tier: 'enterprise',
      priority: 'P1',
      created: OLT_FRI_EVENING,
      due: '2026-10-12T03:00:00Z',
      why: 'Friday evening: starts Mon 09:00 → Mon 11:00',
    },
    {
      tier: 'starter',
      priority: 'P4',
      created: OLT_FRI_EVENING,
      due: '2026-10-16T10:00:00Z',
      why: 'Friday evening: 45 h from Mon 09:00 ends at Fri 18:00 closing',
    },
  ]);
});

const W9 = '2026-10-12T10:00:00Z';
describe('websoft9 (24x7)', () => {
  check('websoft9', [
    { tier: 'standard', priority: 'general', created: W9, due: '2026-10-12T22:00:00Z', why: '12 h' },
    { tier: 'standard', priority: 'high', created: W9, due: '2026-10-12T13:00:00Z', why: '3 h' },
    { tier: 'advanced', priority: 'general', created: W9, due: '2026-10-12T16:00:00Z', why: '6 h' },
    { tier: 'advanced', priority: 'high', created: W9, due: '2026-10-12T10:30:00Z', why: "30'" },
    { tier: 'premium', priority: 'general', created: W9, due: '2026-10-12T12:00:00Z', why: '2 h' },
    { tier: 'premium', priority: 'high', created: W9, due: '2026-10-12T10:10:00Z', why: "10'" },
    {
      tier: 'premium',
      priority: 'high',
      created: '2026-10-09T19:30:00Z',
      due: '2026-10-09T19:40:00Z',
      why: 'Friday evening counts on 24x7',
    },
    {
      tier: 'standard',
      priority: 'general',
      created: '2026-03-07T20:00:00Z',
      due: '2026-03-08T08:00:00Z',
      why: '24x7 ignores DST: 12 h of absolute time',
    },
  ]);
});

const TS_MON = '2026-10-12T14:00:00Z'; // Mon 10:00 EDT (UTC−4); 7 h left today
describe('telestax-restcomm (Mon–Fri 09:00–17:00 America/New_York, business day 8 h)', () => {
  const both = (row: Row): Row[] => [row, { ...row, metric: 'ongoingResponse', why: `${row.why} (ongoing)` }];
  check('telestax-restcomm', [
    ...both({
      tier: 'standard',
      priority: 'P1',
      created: TS_MON,
      due: '2026-10-13T14:00:00Z',
      why: '1 calendar day = 86 400 s',
    }),
    ...both({
      tier: 'standard',
      priority: 'P2',
      created: TS_MON,
      due: '2026-10-13T14:00:00Z',
      why: '1 business day = 8 h = 7 + 1 → Tue 10:00',
    }),
    ...both({
      tier: 'standard',
      priority: 'P3',
      created: TS_MON,
      due: '2026-10-14T14:00:00Z',
      why: '2 business days = 16 h = 7 + 8 + 1 → Wed 10:00',
    }),
    ...both({ tier: 'premium', priority: 'P1', created: TS_MON, due: '2026-10-12T16:00:00Z', why: '2 h on 24x7' }),
    ...both({
      tier: 'premium',
      priority: 'P2',
      created: TS_MON,
      due: '2026-10-12T18:00:00Z',
      why: '4 business hours → Mon 14:00 EDT',
    }),
    ...both({ tier: 'premium', priority: 'P3', created: TS_MON, due: '2026-10-13T14:00:00Z', why: '1 calendar day' }),
    {
      tier: 'standard',
      priority: 'P2',
      created: '2026-03-06T21:00:00Z',
      due: '2026-03-09T20:00:00Z',
      why: 'US DST: Fri 16:00 EST, 1 h + 7 h on Mon (EDT) → Mon 16:00 EDT',
    },
    {
      tier: 'premium',
      priority: 'P3',
      created: '2026-03-07T17:00:00Z',
      due: '2026-03-08T17:00:00Z',
      why: 'US DST: 1 calendar day is 86 400 s, Sat 12:00 EST → Sun 13:00 EDT',
    },
    {
      tier: 'premium',
      priority: 'P2',
      created: '2026-10-30T20:00:00Z',
      due: '2026-11-02T17:00:00Z',
      why: 'DST ends: Fri 16:00 EDT, 1 h + 3 h on Mon (EST) → Mon 12:00 EST',
    },
  ]);
});

const SMA_MON = '2026-10-12T15:00:00Z'; // Mon 10:00 CDT (UTC−5); 7 h left today
describe('sma-opcon (Mon–Fri 08:00–17:00 America/Chicago, business day 9 h)', () => {
  check('sma-opcon', [
    ...['P1', 'P2', 'P3', 'P4'].map((priority) => ({
      tier: 'support',
      priority,
      created: SMA_MON,
      due: null,
      why: 'the seed has no customer-support table',
    })),
    { tier: 'managed-operations', priority: 'P1', created: SMA_MON, due: '2026-10-12T16:00:00Z', why: '1 h on 24x7' },
    { tier: 'managed-operations', priority: 'P2', created: SMA_MON, due: '2026-10-12T16:00:00Z', why: '1 h on 24x7' },
    {
      tier: 'managed-operations',
      priority: 'P3',
      created: SMA_MON,
      due: '2026-10-12T19:00:00Z',
      why: '4 business hours → Mon 14:00 CDT',
    },
    {
      tier: 'managed-operations',
      priority: 'P4',
      created: SMA_MON,
      due: '2026-10-14T15:00:00Z',
      why: '2 business days = 18 h = 7 + 9 + 2 → Wed 10:00 CDT',
    },
    {
      tier: 'managed-services',
      priority: 'P1',
      created: SMA_MON,
      due: '2026-10-12T16:00:00Z',
      why: '1 business hour → Mon 11:00 CDT',
    },
    { tier: 'managed-services', priority: 'P2', created: SMA_MON, due: null, why: 'not in the managed-services table' },
    { tier: 'managed-services', priority: 'P3', created: SMA_MON, due: null, why: 'not in the managed-services table' },
    {
      tier: 'managed-services',
      priority: 'P4',
      created: SMA_MON,
      due: '2026-10-14T15:00:00Z',
      why: '2 business days → Wed 10:00 CDT',
    },
    {
      tier: 'managed-operations',
      priority: 'P4',
      created: '2026-03-06T21:30:00Z',
      due: '2026-03-10T20:30:00Z',
      why: 'US DST: Fri 15:30 CST, 1.5 + 9 (Mon, CDT) + 7.5 → Tue 15:30 CDT',
    },
    {
      tier: 'managed-services',
      priority: 'P1',
      created: '2026-10-30T21:00:00Z',
      due: '2026-10-30T22:00:00Z',
      why: 'Fri 16:00 CDT + 1 h ends exactly at 17:00 closing',
    },
    {
      tier: 'managed-operations',
      priority: 'P3',
      created: '2026-10-30T21:00:00Z',
      due: '2026-11-02T17:00:00Z',
      why: 'DST ends: 1 h Fri + 3 h Mon from 08:00 CST → 11:00 CST',
    },
  ]);
});

const CS_MON = '2026-10-12T10:00:00Z'; // Mon 10:00 UTC; 10 h of extended hours left today
describe('connectsoft (Mon–Fri 08:00–20:00 UTC, business day 12 h)', () => {
  check('connectsoft', [
    ...['critical', 'high', 'medium', 'low'].map((priority) => ({
      tier: 'basic',
      priority,
      created: CS_MON,
      due: null,
      why: 'best effort, no SLA',
    })),
    { tier: 'standard', priority: 'critical', created: CS_MON, due: '2026-10-12T14:00:00Z', why: '4 h' },
    {
      tier: 'standard',
      priority: 'high',
      created: CS_MON,
      due: '2026-10-13T10:00:00Z',
      why: '1 business day = 12 h = 10 + 2 → Tue 10:00',
    },
    { tier: 'standard', priority: 'medium', created: CS_MON, due: null, why: 'the example gives no medium target' },
    { tier: 'standard', priority: 'low', created: CS_MON, due: null, why: 'the example gives no low target' },
    { tier: 'premium', priority: 'critical', created: CS_MON, due: '2026-10-12T11:00:00Z', why: '1 h on 24x7' },
    { tier: 'premium', priority: 'high', created: CS_MON, due: '2026-10-12T14:00:00Z', why: '4 h' },
    {
      tier: 'premium',
      priority: 'medium',
      created: CS_MON,
      due: '2026-10-13T10:00:00Z',
      why: '1 business day → Tue 10:00',
    },
    {
      tier: 'premium',
      priority: 'low',
      created: CS_MON,
      due: '2026-10-14T10:00:00Z',
      why: '2 business days = 24 h = 10 + 12 + 2 → Wed 10:00',
    },
    ...['critical', 'high', 'medium', 'low'].map((priority) => ({
      tier: 'factory',
      priority,
      created: CS_MON,
      due: '2026-10-13T10:00:00Z',
      why: '1 business day',
    })),
    {
      tier: 'premium',
      priority: 'critical',
      created: '2026-10-09T21:00:00Z',
      due: '2026-10-09T22:00:00Z',
      why: 'Friday evening, 24x7',
    },
    {
      tier: 'premium',
      priority: 'high',
      created: '2026-10-09T21:00:00Z',
      due: '2026-10-12T12:00:00Z',
      why: 'Friday evening: starts Mon 08:00 → 12:00',
    },
  ]);
});

describe('holidays and make-up workdays (test calendar)', () => {
  // China's National Day week: closed Thu 1 – Wed 7 October; Saturday 10 October is a working day.
  const policy = loadPolicyFile(join(ROOT, 'fixtures/policies/cn-holidays.yaml'));
  const clocks = new PolicyClocks(policy);
  const due = (created: string, metric: MetricId) =>
    new Date(clocks.dueAt(Date.parse(created), clocks.target('t', 'P1', metric)!)).toISOString();

  it('skips the holiday week: Wed 30 Sep 17:00 + 8 h → Thu 8 Oct 16:00', () => {
    // 1 h on Wed; Thu 1, Fri 2 holidays; weekend; Mon 5 – Wed 7 holidays; 7 h on Thu 8.
    expect(due('2026-09-30T09:00:00Z', 'firstResponse')).toBe('2026-10-08T08:00:00.000Z');
  });

  it('counts the make-up Saturday: Fri 9 Oct 17:00 + 1 business day (9 h) → Sat 10 Oct 17:00', () => {
    // 1 h on Friday leaves 8 h; Saturday 10 Oct is a working day from 09:00, so 8 h end at 17:00.
    expect(due('2026-10-09T09:00:00Z', 'resolution')).toBe('2026-10-10T09:00:00.000Z');
  });

  it('the make-up day counts in elapsed time, the holiday does not', () => {
    const cal = clocks.calendar('cn');
    expect(cal.elapsed(Date.parse('2026-10-10T00:00:00Z'), Date.parse('2026-10-11T00:00:00Z'))).toBe(9 * H);
    expect(cal.elapsed(Date.parse('2026-10-01T00:00:00Z'), Date.parse('2026-10-02T00:00:00Z'))).toBe(0);
  });
});
