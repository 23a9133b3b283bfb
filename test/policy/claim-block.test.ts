import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { policyIssues } from '../support/issues-of.js';
import { ROOT } from '../support/run-cli.js';

// A policy's claim: block says how the vendor takes a credit claim; `sla-audit claim` writes the request from it.
const aws = readFileSync(join(ROOT, 'fixtures/policies/real/aws-ec2-region.yaml'), 'utf8');
const withClaim = (block: string) => aws.replace(/\nclaim:[\s\S]*$/, `\n${block}`);

describe('claim: in a policy', () => {
  it("is read as written: AWS's support case, its subject line, the resource ids it requires", () => {
    expect(parsePolicy(aws, 'aws.yaml').claim).toEqual({
      via: 'support-case',
      to: 'AWS Support Center',
      subject: 'SLA Credit Request',
      requires: ['resources'],
      perService: false,
      says: expect.stringContaining('"SLA Credit Request" in the subject'),
    });
  });

  it('is null where the policy does not say (a claim then needs review)', () => {
    expect(parsePolicy(withClaim(''), 'p.yaml').claim).toBeNull();
  });

  it('refuses a way of claiming or an item it does not know, at its line, and a missing subject', () => {
    const issues = policyIssues(withClaim('claim:\n  via: fax\n  requires: [resources, invoice]\n'));
    expect(issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ['POLICY_BAD_CLAIM_VIA', 'claim.via', expect.any(Number)],
      ['POLICY_MISSING_KEY', 'claim', expect.any(Number)],
      ['POLICY_BAD_CLAIM_ITEM', 'claim.requires[1]', expect.any(Number)],
    ]);
    expect(issues.find((i) => i.path === 'claim.via')).toMatchObject({
      expected: 'support-case, email, portal',
      got: '"fax"',
    });
  });
});
