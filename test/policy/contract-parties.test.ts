import { describe, expect, it } from 'vitest';
import { parseContract } from '../../src/adapters/contract/load-contract.js';
import { issuesOf } from '../support/issues-of.js';
import { locate } from '../support/run-cli.js';

// What a claim names besides the numbers: the agreement, who claims, from whom, which accounts and resources.

const BASE = `version: sla-contract/v1
policy: sma-opcon
tier: managed-operations
reference: MSA-2026-0142
customer: Example Ltd
vendor: { name: SMA Technologies, claimsContact: "https://support.example/claims" }
accounts: ["012345678901", acct-2]
services:
  api: { components: [api-eu, api-us], resources: [i-0abc, i-0def] }
  web: {}
`;

describe('contract keys a claim names', () => {
  it('are read as written', () => {
    const c = parseContract(BASE, 'c.yaml');
    expect(c).toMatchObject({
      reference: 'MSA-2026-0142',
      customer: 'Example Ltd',
      vendor: { name: 'SMA Technologies', claimsContact: 'https://support.example/claims' },
      accountIds: ['012345678901', 'acct-2'],
    });
    expect(c.serviceDefs?.map((s) => [s.name, s.resourceIds])).toEqual([
      ['api', ['i-0abc', 'i-0def']],
      ['web', []],
    ]);
  });

  it('are null or empty when absent', () => {
    const c = parseContract('version: sla-contract/v1\npolicy: sma-opcon\n', 'c.yaml');
    expect(c).toMatchObject({ reference: null, customer: null, vendor: null, accountIds: [] });
  });

  it('keep an id or reference written as a bare number as written (an AWS account keeps its leading zero)', () => {
    const c = parseContract(
      'version: sla-contract/v1\nreference: 00420\naccounts: [012345678901, 7]\nvendor: { name: Acme }\n',
      'c.yaml',
    );
    expect(c).toMatchObject({
      reference: '00420',
      accountIds: ['012345678901', '7'],
      vendor: { name: 'Acme', claimsContact: null },
    });
  });

  const cases = [
    {
      name: 'an unknown key under vendor',
      from: 'claimsContact:',
      to: 'claimContact:',
      at: 'claimContact:',
      code: 'CONTRACT_UNKNOWN_KEY',
      path: 'vendor.claimContact',
      words: 'did you mean "claimsContact"?',
    },
    {
      name: 'a misspelt top-level key',
      from: 'reference:',
      to: 'refrence:',
      at: 'refrence:',
      code: 'CONTRACT_UNKNOWN_KEY',
      path: 'refrence',
      words: 'did you mean "reference"?',
    },
    {
      name: 'vendor as a string',
      from: 'vendor: { name: SMA Technologies, claimsContact: "https://support.example/claims" }',
      to: 'vendor: SMA Technologies',
      at: 'SMA Technologies',
      code: 'CONTRACT_WRONG_TYPE',
      path: 'vendor',
      words: 'a mapping',
    },
    {
      name: 'accounts as one string',
      from: 'accounts: ["012345678901", acct-2]',
      to: 'accounts: acct-1',
      at: 'acct-1',
      code: 'CONTRACT_WRONG_TYPE',
      path: 'accounts',
      words: 'a list of the account, project or subscription ids a claim names',
    },
    {
      name: 'an empty customer',
      from: 'customer: Example Ltd',
      to: 'customer: ""',
      at: '""',
      code: 'CONTRACT_WRONG_TYPE',
      path: 'customer',
      words: "the customer's legal name",
    },
    {
      name: 'a resource that is a mapping',
      from: 'resources: [i-0abc, i-0def]',
      to: 'resources: [i-0abc, { id: i-0def }]',
      at: '{ id',
      code: 'CONTRACT_WRONG_TYPE',
      path: 'services.api.resources[1]',
      words: 'an id',
    },
    {
      name: 'a resource named twice',
      from: 'resources: [i-0abc, i-0def]',
      to: 'resources: [i-0abc, i-0abc]',
      at: 'i-0abc]',
      code: 'CONTRACT_DUPLICATE',
      path: 'services.api.resources[1]',
      words: 'name each id once',
    },
    {
      name: 'an account named twice',
      from: 'accounts: ["012345678901", acct-2]',
      to: 'accounts: [acct-2, acct-2]',
      at: 'acct-2]',
      code: 'CONTRACT_DUPLICATE',
      path: 'accounts[1]',
      words: 'name each id once',
      args: { name: 'acct-2' },
    },
  ];
  it.each(cases)('refuse $name at its line and column', ({ from, to, at, code, path, words, args }) => {
    const text = BASE.replace(from, to);
    const issues = issuesOf(() => parseContract(text, 'c.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, file: 'c.yaml', path, ...locate(text, at) });
    if (args) expect(issues[0]!.args).toEqual(args);
    // The issue's own fields (expected, hint), whatever words render them.
    expect(JSON.stringify(issues[0])).toContain(JSON.stringify(words).slice(1, -1));
  });
});
