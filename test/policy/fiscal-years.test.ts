import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { parsePeriodLabel, quarterPeriod } from '../../src/core/period.js';
import { policyIssues } from '../support/issues-of.js';

const policy = (top: string) => `version: sla-policy/v1
id: fiscal
name: Fiscal quarters
currency: USD
billingZone: UTC
${top}
availability: { target: 99.9 }
tiers:
  t: { calendar: 24x7, targets: {} }
`;

const issuesOf = policyIssues;

describe('fiscalYearNamedBy: which calendar year names a fiscal year', () => {
  it('defaults to the year it ends in, as most vendors name it; start names it by the year it starts in', () => {
    expect(parsePolicy(policy('billingPeriod: quarter\nfiscalYearStart: 2'), 'p.yaml').billingPeriod).toEqual({
      kind: 'quarter',
      fiscalYearStart: 2,
      fiscalYearNamedBy: 'end',
    });
    expect(
      parsePolicy(policy('billingPeriod: quarter\nfiscalYearStart: 7\nfiscalYearNamedBy: start'), 'p.yaml')
        .billingPeriod,
    ).toEqual({ kind: 'quarter', fiscalYearStart: 7, fiscalYearNamedBy: 'start' });
  });

  it.each([
    {
      name: 'an unknown naming',
      top: 'billingPeriod: quarter\nfiscalYearStart: 2\nfiscalYearNamedBy: middle',
      code: 'POLICY_BAD_FISCAL_NAMING',
    },
    { name: 'a naming on a monthly bill', top: 'fiscalYearNamedBy: end', code: 'POLICY_NOT_FOR_PERIOD' },
    {
      name: 'a naming of calendar quarters',
      top: 'billingPeriod: quarter\nfiscalYearNamedBy: start',
      code: 'POLICY_NOT_FOR_PERIOD',
    },
  ])('$name is an error at the key', ({ top, code }) => {
    const issues = issuesOf(policy(top));
    expect(issues.map((i) => [i.code, i.path])).toContainEqual([code, 'fiscalYearNamedBy']);
  });

  // Fiscal years from February (Slack), July (Microsoft) and October (the US federal year), each quarter's first month.
  it.each([
    { start: 2, by: 'end', label: 'FY2027-Q1', first: [2026, 2] },
    { start: 2, by: 'end', label: 'FY2027-Q4', first: [2026, 11] },
    { start: 2, by: 'start', label: 'FY2026-Q4', first: [2026, 11] },
    { start: 7, by: 'end', label: 'FY2027-Q2', first: [2026, 10] },
    { start: 10, by: 'end', label: 'FY2027-Q1', first: [2026, 10] },
    { start: 10, by: 'end', label: 'FY2027-Q2', first: [2027, 1] },
    { start: 10, by: 'start', label: 'FY2026-Q2', first: [2027, 1] },
  ] as const)(
    'fiscal year from month $start named by its $by: $label starts in $first, and that quarter is labelled $label',
    ({ start, by, label, first }) => {
      const billing = { kind: 'quarter', fiscalYearStart: start, fiscalYearNamedBy: by } as const;
      expect(parsePeriodLabel(label, billing)).toEqual({ year: first[0], month: first[1] });
      expect(quarterPeriod(first[0], first[1], 'UTC', billing).label).toBe(label);
    },
  );

  it('calendar quarters are named by their year either way', () => {
    expect(
      quarterPeriod(2026, 10, 'UTC', { kind: 'quarter', fiscalYearStart: 1, fiscalYearNamedBy: 'end' }).label,
    ).toBe('2026-Q4');
  });
});
