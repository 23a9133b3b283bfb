import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICY_DIR, bundledPolicyIds } from '../../src/adapters/policy/load-policy.js';
import { ROOT } from '../support/run-cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/policy.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const load = (id: string) => readFileSync(join(BUNDLED_POLICY_DIR, `${id}.yaml`), 'utf8');

describe('the published policy JSON Schema', () => {
  it.each(bundledPolicyIds())('accepts %s', (id) => {
    const ok = validate(parse(load(id)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(bundledPolicyIds())('%s starts with the yaml-language-server modeline', (id) => {
    expect(load(id).split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/policy.schema.json');
  });

  it('rejects what the loader rejects: an unknown key, a bad duration, a wrong type', () => {
    const doc = parse(load('olt-ems'));
    expect(validate({ ...doc, colour: 'red' })).toBe(false);
    expect(validate({ ...doc, tiers: { x: { targets: { P1: { firstResponse: 'soon' } } } } })).toBe(false);
    expect(validate({ ...doc, credits: { cap: 'ten' } })).toBe(false);
  });
});
