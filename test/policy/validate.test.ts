import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { formatIssue } from '../../src/adapters/render/format-issues.js';
import { locate } from '../support/run-cli.js';
import { policyIssues } from '../support/issues-of.js';

/** A small valid policy; each case below changes one thing. */
const GOOD = `version: sla-policy/v1
id: test
name: Test vendor
currency: EUR
billingZone: Europe/Berlin
calendars:
  office:
    zone: Europe/Berlin
    hours:
      mon-fri: "09:00-17:00"
    holidays: ["2026-12-25"]
priorities:
  P1: { name: Critical, aliases: [critical] }
  P2: { name: Normal, aliases: [normal] }
defaultPriority: P2
tiers:
  gold:
    calendar: office
    availability: 99.9
    targets:
      P1: { firstResponse: 2h, resolution: 2 business days }
      P2: { firstResponse: { within: 1 calendar day } }
rules:
  - { type: non-production, from: [P1], to: P2 }
credits:
  cap: 50
  claimWindowDays: 30
  models:
    - { id: late, type: per-breach, percent: 5 }
assumptions:
  - { id: a1, text: Something assumed. }
`;

const issuesOf = policyIssues;

describe('policy validation', () => {
  it('reads a downtime definition (Atlassian: 1-minute buckets down above 5%; a region down when 2 zones are)', () => {
    const p = parsePolicy(
      GOOD.replace(
        'tiers:\n  gold:',
        'availability:\n  downtime: { bucket: 1m, bucketDown: { shareAbove: 5 }, servicesDown: 2, minimumOutage: 30s }\ntiers:\n  gold:',
      ),
      'p.yaml',
    );
    expect(p.availability.downtime).toEqual({
      minimumOutageMs: 30_000,
      bucketMs: 60_000,
      bucketDown: { shareAbovePercent: 5 },
      servicesDown: 2,
    });
  });

  it('accepts the baseline', () => {
    const p = parsePolicy(GOOD, 'p.yaml');
    expect(p.tiers[0]!.targets.get('P1')!.resolution!.ms).toBe(2 * 8 * 3_600_000);
    expect(p.calendars.get('office')).toMatchObject({
      kind: 'weekly',
      businessDayMs: 8 * 3_600_000,
      holidays: [Date.UTC(2026, 11, 25) / 86_400_000],
    });
  });

  interface Case {
    name: string;
    from: string;
    to: string;
    code: string;
    path?: string;
    /** The text the issue must point at, in the mutated file. */
    at: string;
  }

  const cases: Case[] = [
    {
      name: 'unknown key',
      from: '    targets:',
      to: '    targetz:',
      code: 'POLICY_UNKNOWN_KEY',
      path: 'tiers.gold.targetz',
      at: 'targetz',
    },
    {
      name: 'unknown top-level key',
      from: 'currency: EUR',
      to: 'currency: EUR\ncurency: EUR',
      code: 'POLICY_UNKNOWN_KEY',
      path: 'curency',
      at: 'curency',
    },
    {
      name: 'YAML syntax error (unclosed flow mapping)',
      from: 'P1: { name: Critical, aliases: [critical] }',
      to: 'P1: { name: Critical, aliases: [critical]',
      code: 'POLICY_YAML_SYNTAX',
      at: 'P2: { name: Normal',
    },
    {
      name: 'duplicate key',
      from: 'defaultPriority: P2',
      to: 'defaultPriority: P2\ndefaultPriority: P1',
      code: 'POLICY_DUPLICATE_KEY',
      at: 'defaultPriority: P1',
    },
    {
      name: 'wrong type (list for a mapping)',
      from: 'priorities:\n  P1: { name: Critical, aliases: [critical] }\n  P2: { name: Normal, aliases: [normal] }',
      to: 'priorities: [P1, P2]',
      code: 'POLICY_WRONG_TYPE',
      path: 'priorities',
      at: '[P1, P2]',
    },
    {
      name: 'wrong type (string for a number)',
      from: 'availability: 99.9',
      to: 'availability: high',
      code: 'POLICY_WRONG_TYPE',
      path: 'tiers.gold.availability',
      at: 'high',
    },
    {
      name: 'bad duration',
      from: 'firstResponse: 2h,',
      to: 'firstResponse: 2 hourz,',
      code: 'POLICY_BAD_DURATION',
      path: 'tiers.gold.targets.P1.firstResponse',
      at: '2 hourz',
    },
    {
      name: 'unknown zone',
      from: '    zone: Europe/Berlin',
      to: '    zone: Europe/Berln',
      code: 'POLICY_UNKNOWN_ZONE',
      path: 'calendars.office.zone',
      at: 'Europe/Berln',
    },
    {
      name: 'undefined calendar',
      from: '    calendar: office',
      to: '    calendar: ofice',
      code: 'POLICY_UNKNOWN_CALENDAR',
      path: 'tiers.gold.calendar',
      at: 'ofice',
    },
    {
      name: 'undefined priority in targets',
      from: '      P2: { firstResponse',
      to: '      P9: { firstResponse',
      code: 'POLICY_UNKNOWN_PRIORITY',
      path: 'tiers.gold.targets.P9',
      at: 'P9',
    },
    {
      name: 'undefined priority in a rule',
      from: 'to: P2 }',
      to: 'to: P7 }',
      code: 'POLICY_UNKNOWN_PRIORITY',
      path: 'rules[0].to',
      at: 'P7',
    },
    {
      name: 'reclassify without a condition',
      from: '{ type: non-production, from: [P1], to: P2 }',
      to: '{ type: reclassify, from: [P1], to: P2 }',
      code: 'POLICY_MISSING_KEY',
      path: 'rules[0]',
      at: '{ type: reclassify',
    },
    {
      name: 'a rule condition on an unknown field',
      from: '{ type: non-production, from: [P1], to: P2 }',
      to: '{ type: reclassify, from: [P1], to: P2, when: { tier: [gold] } }',
      code: 'POLICY_UNKNOWN_KEY',
      path: 'rules[0].when.tier',
      at: 'tier: [gold]',
    },
    {
      name: 'a condition on a rule that has one built in',
      from: '{ type: non-production, from: [P1], to: P2 }',
      to: '{ type: non-production, from: [P1], to: P2, when: incident }',
      code: 'POLICY_CONDITION_BUILT_IN',
      path: 'rules[0].when',
      at: 'incident }',
    },
    {
      name: 'escalation without factors',
      from: 'type: per-breach, percent: 5 }',
      to: 'type: per-breach, percent: 5, escalation: [] }',
      code: 'POLICY_NO_FACTORS',
      path: 'credits.models[0].escalation',
      at: '[] }',
    },
    {
      name: 'escalation longer than two years of periods',
      from: 'type: per-breach, percent: 5 }',
      to: `type: per-breach, percent: 5, escalation: [${Array.from({ length: 25 }, () => 1).join(', ')}] }`,
      code: 'POLICY_TOO_MANY_FACTORS',
      path: 'credits.models[0].escalation',
      at: '[1, 1',
    },
    {
      name: 'an escalation factor of 0',
      from: 'type: per-breach, percent: 5 }',
      to: 'type: per-breach, percent: 5, escalation: [1, 0] }',
      code: 'POLICY_BAD_FACTOR',
      path: 'credits.models[0].escalation[1]',
      at: '0] }',
    },
    {
      name: 'escalation on a downtime multiple',
      from: '{ id: late, type: per-breach, percent: 5 }',
      to: '{ id: late, type: downtime-multiple, multiple: 10, escalation: [1, 2] }',
      code: 'POLICY_ESCALATION_NOT_FOR_MULTIPLE',
      path: 'credits.models[0].escalation',
      at: '[1, 2] }',
    },
    {
      name: 'a cap per year over 100%',
      from: 'cap: 50',
      to: 'cap: 50\n  capPerYear: 120',
      code: 'POLICY_PERCENT_OUT_OF_RANGE',
      path: 'credits.capPerYear',
      at: '120',
    },
    {
      name: 'a fiscal year on a monthly bill without a cap per year',
      from: 'defaultPriority: P2',
      to: 'defaultPriority: P2\nfiscalYearStart: 07',
      code: 'POLICY_FISCAL_YEAR_NOT_FOR_PERIOD',
      path: 'fiscalYearStart',
      at: '07',
    },
    {
      name: 'undefined default priority',
      from: 'defaultPriority: P2',
      to: 'defaultPriority: P5',
      code: 'POLICY_UNKNOWN_PRIORITY',
      path: 'defaultPriority',
      at: 'P5',
    },
    {
      name: 'downtime bucket rule without a bucket',
      from: 'tiers:\n  gold:',
      to: 'availability:\n  downtime: { bucketDown: all }\ntiers:\n  gold:',
      code: 'POLICY_NO_BUCKET',
      path: 'availability.downtime.bucketDown',
      at: 'all',
    },
    {
      name: 'downtime: minimum outage in business hours',
      from: 'tiers:\n  gold:',
      to: 'availability:\n  downtime: { minimumOutage: 1 business hour }\ntiers:\n  gold:',
      code: 'POLICY_BAD_FIXED_DURATION',
      path: 'availability.downtime.minimumOutage',
      at: '1 business hour',
    },
    {
      name: 'downtime: an unknown bucket rule',
      from: 'tiers:\n  gold:',
      to: 'availability:\n  downtime: { bucket: 1m, bucketDown: most }\ntiers:\n  gold:',
      code: 'POLICY_BAD_BUCKET_RULE',
      path: 'availability.downtime.bucketDown',
      at: 'most',
    },
    {
      name: 'downtime: zero services',
      from: 'tiers:\n  gold:',
      to: 'availability:\n  downtime: { servicesDown: 0 }\ntiers:\n  gold:',
      code: 'POLICY_BAD_COUNT',
      path: 'availability.downtime.servicesDown',
      at: '0 }',
    },
    {
      name: 'impossible holiday',
      from: '"2026-12-25"',
      to: '"2026-02-30"',
      code: 'POLICY_BAD_DATE',
      path: 'calendars.office.holidays[0]',
      at: '"2026-02-30"',
    },
    {
      name: 'hours end before start',
      from: '"09:00-17:00"',
      to: '"17:00-09:00"',
      code: 'POLICY_BAD_HOURS',
      path: 'calendars.office.hours.mon-fri',
      at: '"17:00-09:00"',
    },
    {
      name: 'percentage out of range',
      from: 'cap: 50',
      to: 'cap: 150',
      code: 'POLICY_PERCENT_OUT_OF_RANGE',
      path: 'credits.cap',
      at: '150',
    },
    {
      name: 'business days on 24x7',
      from: 'calendar: office\n    availability',
      to: 'calendar: 24x7\n    availability',
      code: 'POLICY_CALENDAR_MISMATCH',
      path: 'tiers.gold.targets.P1.resolution',
      at: '2 business days',
    },
    {
      name: 'unsupported version',
      from: 'version: sla-policy/v1',
      to: 'version: sla-policy/v9',
      code: 'POLICY_UNSUPPORTED_VERSION',
      path: 'version',
      at: 'sla-policy/v9',
    },
    {
      name: 'unknown credit model',
      from: 'type: per-breach',
      to: 'type: per-brech',
      code: 'POLICY_UNKNOWN_MODEL',
      path: 'credits.models[0].type',
      at: 'per-brech',
    },
    { name: 'missing required key', from: 'name: Test vendor\n', to: '', code: 'POLICY_MISSING_KEY', at: 'version' },
  ];

  it.each(cases)('reports $name at the right place', ({ from, to, code, path, at }) => {
    expect(GOOD).toContain(from);
    const text = GOOD.replace(from, to);
    const issues = issuesOf(text);
    const issue = issues.find((i) => i.code === code);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    if (path !== undefined) expect(issue!.path).toBe(path);
    expect({ line: issue!.line, col: issue!.col }).toEqual(locate(text, at));
    expect(formatIssue(issue!)).toMatch(/^p\.yaml:\d+:\d+: /);
  });

  it('collects every problem in one pass', () => {
    const text = GOOD.replace('currency: EUR', 'currency: euro')
      .replace('    zone: Europe/Berlin', '    zone: Mars/Olympus')
      .replace('firstResponse: 2h,', 'firstResponse: soon,')
      .replace('to: P2 }', 'to: P8 }');
    const codes = issuesOf(text).map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'POLICY_BAD_CURRENCY',
        'POLICY_UNKNOWN_ZONE',
        'POLICY_BAD_DURATION',
        'POLICY_UNKNOWN_PRIORITY',
      ]),
    );
    expect(codes.length).toBeGreaterThanOrEqual(4);
  });

  it('says what was expected, what it got, and how to fix it', () => {
    const [issue] = issuesOf(GOOD.replace('    targets:', '    targetz:'));
    expect(formatIssue(issue!)).toBe(
      `p.yaml:20:5: tiers.gold.targetz: unknown key "targetz" (expected one of level, aliases, calendar, targets, availability, note, got "targetz") — did you mean "targets"?`,
    );
  });

  it('reads YAML as data only: custom tags are refused', () => {
    const issues = issuesOf(GOOD.replace('name: Test vendor', 'name: !!js/function "return 1"'));
    expect(issues.length).toBeGreaterThan(0);
  });
});
