import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { InputError, formatIssue, type Issue } from '../../src/core/issues.js';
import { locate } from '../support/run-cli.js';

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

function issuesOf(text: string): Issue[] {
  try {
    parsePolicy(text, 'p.yaml');
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  return [];
}

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
    const text = policy(['    - { id: a, type: per-downtime, percent: 5, per: 1h }', '    - { id: a, type: per-downtime, percent: 5, per: 1h }', '    - { id: a, type: per-downtime, percent: 5, per: 1h }'].join('\n'));
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.path, i.line, i.message])).toEqual([
      ['credits.models[1].id', 12, 'credit model "a" is defined twice: first at line 11, credits.models[0].id'],
      ['credits.models[2].id', 13, 'credit model "a" is defined twice: first at line 11, credits.models[0].id'],
    ]);
  });

  it('ids that differ only in case are different ids (ids are compared as written)', () => {
    expect(issuesOf(policy(['    - { id: a, type: per-downtime, percent: 5, per: 1h }', '    - { id: A, type: per-downtime, percent: 5, per: 1h }'].join('\n')))).toEqual([]);
  });
});
