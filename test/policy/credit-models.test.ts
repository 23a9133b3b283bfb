import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { formatIssue, issueText } from '../../src/adapters/render/format-issues.js';
import { ROOT, locate } from '../support/run-cli.js';
import { policyIssues } from '../support/issues-of.js';

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/policy.schema.json'), 'utf8')),
);

/** An availability-only policy; each case below changes its credit models. */
const policy = (models: string) => `version: sla-policy/v1
id: models
name: Credit models
currency: USD
billingZone: UTC
availability: { target: 99.9 }
tiers:
  t: { calendar: 24x7, targets: {} }
credits:
  models:
${models}`;

const issuesOf = policyIssues;

describe('credit model ids', () => {
  it('a second model with the same id is an error at its own id, naming the line and key of the first', () => {
    const text = policy(
      [
        '    - { id: uptime, type: availability-tiers, bands: [{ below: 99.9, percent: 10 }] }',
        '    - { id: hours, type: per-downtime, percent: 5, per: 1h }',
        '    - { id: uptime, type: downtime-multiple, multiple: 10 }',
      ].join('\n'),
    );
    const issues = issuesOf(text);
    expect(issues.map((i) => i.code)).toEqual(['POLICY_DUPLICATE_ID']);
    const at = locate(text, 'uptime, type: downtime-multiple');
    expect({ line: issues[0]!.line, col: issues[0]!.col }).toEqual(at);
    expect(formatIssue(issues[0]!)).toBe(
      `p.yaml:${at.line}:${at.col}: credits.models[2].id: credit model "uptime" is defined twice: first at line 11, credits.models[0].id (expected an id no other model of the policy has, got "uptime") — give each model its own id: contracts and reports name a model by it`,
    );
  });

  it('every duplicate is reported, each pointing at the first', () => {
    const text = policy(
      [
        '    - { id: a, type: per-downtime, percent: 5, per: 1h }',
        '    - { id: a, type: per-downtime, percent: 5, per: 1h }',
        '    - { id: a, type: per-downtime, percent: 5, per: 1h }',
      ].join('\n'),
    );
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.code, i.args])).toEqual([
      ['POLICY_DUPLICATE_ID', { id: 'a', line: 11, path: 'credits.models[0].id' }],
      ['POLICY_DUPLICATE_ID', { id: 'a', line: 11, path: 'credits.models[0].id' }],
    ]);
    expect(issues.map((i) => [i.path, i.line, issueText(i)])).toEqual([
      ['credits.models[1].id', 12, 'credit model "a" is defined twice: first at line 11, credits.models[0].id'],
      ['credits.models[2].id', 13, 'credit model "a" is defined twice: first at line 11, credits.models[0].id'],
    ]);
  });

  it('ids that differ only in case are different ids (ids are compared as written)', () => {
    expect(
      issuesOf(
        policy(
          [
            '    - { id: a, type: per-downtime, percent: 5, per: 1h }',
            '    - { id: A, type: per-downtime, percent: 5, per: 1h }',
          ].join('\n'),
        ),
      ),
    ).toEqual([]);
  });
});

describe('days-of-service and hourly-rate models', () => {
  it("decodes Google Workspace's days of service and DigitalOcean's lost time at the hourly rate", () => {
    const p = parsePolicy(
      policy(
        [
          '    - id: days',
          '      type: days-of-service',
          '      bands: [{ below: 99.9, days: 3 }, { below: 95, days: 15 }, { atOrBelow: 99, days: 7 }]',
          '    - { id: lost-time, type: hourly-rate, monthlyHours: 672, step: 5m, rounding: up }',
          '    - { id: ten-times, type: hourly-rate, monthlyHours: 730, step: 1h, rounding: nearest, multiple: 10 }',
        ].join('\n'),
      ),
      'p.yaml',
    );
    expect(p.credits.models).toEqual([
      {
        id: 'days',
        kind: 'days-of-service',
        bands: [
          { below: 99.9, inclusive: false, days: 3 },
          { below: 99, inclusive: true, days: 7 },
          { below: 95, inclusive: false, days: 15 },
        ],
        escalation: null,
      },
      {
        id: 'lost-time',
        kind: 'hourly-rate',
        monthlyHours: 672,
        stepMs: 300_000,
        rounding: 'up',
        multiple: 1,
        escalation: null,
      },
      {
        id: 'ten-times',
        kind: 'hourly-rate',
        monthlyHours: 730,
        stepMs: 3_600_000,
        rounding: 'nearest',
        multiple: 10,
        escalation: null,
      },
    ]);
  });

  it.each([
    {
      name: 'hourly-rate without a rounding',
      model: '{ id: m, type: hourly-rate, monthlyHours: 672, step: 5m }',
      code: 'POLICY_MISSING_KEY',
      path: 'credits.models[0]',
      message: 'missing required key "rounding"',
    },
    {
      name: 'hourly-rate without a step',
      model: '{ id: m, type: hourly-rate, monthlyHours: 672, rounding: up }',
      code: 'POLICY_MISSING_KEY',
      path: 'credits.models[0]',
      message: 'missing required key "step"',
    },
    {
      name: 'hourly-rate without its hours',
      model: '{ id: m, type: hourly-rate, step: 5m, rounding: up }',
      code: 'POLICY_MISSING_KEY',
      path: 'credits.models[0]',
      message: 'missing required key "monthlyHours"',
    },
    {
      name: 'an unknown rounding',
      model: '{ id: m, type: hourly-rate, monthlyHours: 672, step: 5m, rounding: ceiling }',
      code: 'POLICY_BAD_ROUNDING',
      path: 'credits.models[0].rounding',
      message: 'not a rounding',
    },
    {
      name: 'more hours than a month has',
      model: '{ id: m, type: hourly-rate, monthlyHours: 745, step: 5m, rounding: up }',
      code: 'POLICY_BAD_MONTHLY_HOURS',
      path: 'credits.models[0].monthlyHours',
      message: 'not the hours of a month',
    },
    {
      name: 'a step in business hours',
      model: '{ id: m, type: hourly-rate, monthlyHours: 672, step: 1 business hour, rounding: up }',
      code: 'POLICY_BAD_FIXED_DURATION',
      path: 'credits.models[0].step',
      message: 'not a fixed duration',
    },
    {
      name: 'a multiple with 7 decimals',
      model: '{ id: m, type: hourly-rate, monthlyHours: 672, step: 5m, rounding: up, multiple: 1.0000001 }',
      code: 'POLICY_BAD_CREDIT_MULTIPLE',
      path: 'credits.models[0].multiple',
      message: 'not a multiple of the credit',
    },
    {
      name: 'escalation on hourly-rate',
      model: '{ id: m, type: hourly-rate, monthlyHours: 672, step: 5m, rounding: up, escalation: [1, 2] }',
      code: 'POLICY_ESCALATION_NOT_FOR_TYPE',
      path: 'credits.models[0].escalation',
      message: 'escalation does not apply to a model of type hourly-rate',
    },
    {
      name: 'a percentage on hourly-rate',
      model: '{ id: m, type: hourly-rate, monthlyHours: 672, step: 5m, rounding: up, percent: 100 }',
      code: 'POLICY_NOT_FOR_TYPE',
      path: 'credits.models[0].percent',
      message: 'percent does not apply to a model of type hourly-rate',
    },
    {
      name: 'half a day of service',
      model: '{ id: m, type: days-of-service, bands: [{ below: 99.9, days: 0.5 }] }',
      code: 'POLICY_BAD_DAYS',
      path: 'credits.models[0].bands[0].days',
      message: 'not a number of days',
    },
    {
      name: 'a band of percent in days-of-service',
      model: '{ id: m, type: days-of-service, bands: [{ below: 99.9, percent: 10 }] }',
      code: 'POLICY_UNKNOWN_KEY',
      path: 'credits.models[0].bands[0].percent',
      message: 'unknown key "percent"',
    },
    {
      name: 'eligibility on days-of-service',
      model:
        '{ id: m, type: days-of-service, bands: [{ below: 99.9, days: 3 }], eligibility: { consecutiveMonths: 2 } }',
      code: 'POLICY_NOT_FOR_TYPE',
      path: 'credits.models[0].eligibility',
      message: 'eligibility does not apply to a model of type days-of-service',
    },
  ])('$name is an error', ({ model, code, path, message }) => {
    const issues = issuesOf(policy(`    - ${model}`));
    expect(issues.map((i) => [i.code, i.path, issueText(i)])).toContainEqual([code, path, message]);
  });
});

describe("the published schema knows the real policies' keys", () => {
  it.each(readdirSync(join(ROOT, 'fixtures/policies/real')).filter((f) => f.endsWith('.yaml')))(
    'accepts %s',
    (file) => {
      const ok = validate(parse(readFileSync(join(ROOT, 'fixtures/policies/real', file), 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  it('and refuses a days band without days, and a rounding it does not know', () => {
    const base = parse(readFileSync(join(ROOT, 'fixtures/policies/real/google-workspace.yaml'), 'utf8'));
    expect(
      validate({
        ...base,
        credits: { models: [{ id: 'd', type: 'days-of-service', bands: [{ below: 99.9, percent: 3 }] }] },
      }),
    ).toBe(false);
    expect(
      validate({
        ...base,
        credits: { models: [{ id: 'h', type: 'hourly-rate', monthlyHours: 672, step: '5m', rounding: 'ceiling' }] },
      }),
    ).toBe(false);
  });
});
