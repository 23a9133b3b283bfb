import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueText } from '../src/adapters/render/format-issues.js';
import { parsePolicy } from '../src/adapters/policy/load-policy.js';
import { InputError } from '../src/core/issues.js';
import { ROOT } from './support/run-cli.js';

/** The YAML blocks of a Markdown file that are whole policies (they state the policy version). */
function policyBlocks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((b) => /^version: sla-policy\/v1\b/m.test(b));
}

describe('every policy in the documentation loads', () => {
  for (const file of ['docs/policy-language.md', 'README.md']) {
    it(file, () => {
      const blocks = policyBlocks(file);
      expect(blocks.length).toBeGreaterThan(0);
      for (const [i, block] of blocks.entries()) {
        try {
          parsePolicy(block, `${file} block ${i + 1}`);
        } catch (err) {
          if (err instanceof InputError)
            throw new Error(err.issues.map((x) => `${x.file}:${x.line}: ${issueText(x)}`).join('\n'));
          throw err;
        }
      }
    });
  }
});
