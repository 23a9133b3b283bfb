import { parsePolicy } from '../../src/adapters/policy/load-policy.js';
import { InputError, type Issue } from '../../src/core/issues.js';

/** The problems a parse reports (none when it succeeds); anything but an InputError is a failure of the test. */
export function issuesOf(parse: () => unknown): Issue[] {
  try {
    parse();
  } catch (err) {
    if (err instanceof InputError) return err.issues;
    throw err;
  }
  return [];
}

/** The problems of a policy text, read as p.yaml. */
export const policyIssues = (text: string): Issue[] => issuesOf(() => parsePolicy(text, 'p.yaml'));
