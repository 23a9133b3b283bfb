import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseContract } from '../src/adapters/contract/load-contract.js';
import { CANONICAL } from '../src/adapters/ingest/mapping.js';
import { readTickets } from '../src/adapters/ingest/read-tickets.js';
import { readUptime } from '../src/adapters/ingest/read-uptime.js';
import { bundledPolicyPath, parsePolicy, resolvePolicy } from '../src/adapters/policy/load-policy.js';
import { InputError } from '../src/core/issues.js';

/**
 * Generated and corrupted inputs for every loader: each either succeeds or
 * raises the project's own InputError — never anything else.
 */
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tempFile = (ext: string, content: string | Uint8Array) => {
  const file = join(dir, `f${n++}.${ext}`);
  writeFileSync(file, content);
  return file;
};
const policy = resolvePolicy('websoft9');

async function onlyInputErrors(run: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    expect(err.issues.length).toBeGreaterThan(0);
  }
}

/** A plausible ticket row, then corrupted: characters dropped, inserted, quotes added, truncated. */
const cell = fc.oneof(
  fc.constantFrom(
    '2026-10-05T10:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-10-05 10:00',
    'high',
    'general',
    'P1',
    '',
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    'x'.repeat(40),
  ),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
);
const csvText = fc
  .tuple(
    fc.shuffledSubarray(
      [
        'id',
        'created_at',
        'priority',
        'first_response_at',
        'resolved_at',
        'status',
        'events',
        '__proto__',
        'constructor',
        'ID',
      ],
      { minLength: 0 },
    ),
    fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 4 })), { maxLength: 4 }),
  )
  .map(([head, rows, edits]) => {
    let text = [head.join(','), ...rows.map((r) => r.join(','))].join('\n');
    for (const [at, cut, insert] of edits) {
      const i = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, i) + insert + text.slice(i + cut);
    }
    return text;
  });

const ticketsOpts = { mapping: CANONICAL, inputTz: null, policy, skipInvalid: false };

describe('fuzzing the loaders: success or an InputError, never a crash', () => {
  it('ticket CSV', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, async (text) =>
        onlyInputErrors(() => readTickets([tempFile('csv', text)], ticketsOpts)),
      ),
      { numRuns: 250 },
    );
  });

  it('ticket JSON documents and NDJSON, valid and cut short', async () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.array(
        fc.dictionary(
          fc.constantFrom('id', 'created_at', 'priority', 'first_response_at', 'events', '__proto__', 'constructor'),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        { maxLength: 6 },
      ),
    );
    await fc.assert(
      fc.asyncProperty(value, fc.nat(), fc.boolean(), async (v, cut, ndjson) => {
        let text = ndjson && Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join('\n') : JSON.stringify(v);
        if (cut % 3 === 0) text = text.slice(0, cut % (text.length + 1));
        await onlyInputErrors(() => readTickets([tempFile(ndjson ? 'ndjson' : 'json', text)], ticketsOpts));
      }),
      { numRuns: 250 },
    );
  });

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('csv', 'json', 'ndjson', 'txt'),
        async (bytes, ext) => onlyInputErrors(() => readTickets([tempFile(ext, bytes)], ticketsOpts)),
      ),
      { numRuns: 150 },
    );
  });

  it('uptime logs (probes and intervals)', async () => {
    const row = fc.tuple(
      fc.constantFrom('2026-10-05T10:00:00Z', '2026-10-05T09:00:00Z', 'bad', ''),
      fc.constantFrom('up', 'down', '0', '1', 'maybe', '2026-10-05T11:00:00Z', ''),
      fc.constantFrom('api', 'outage', 'maintenance', 'nap', ''),
    );
    const head = fc.constantFrom(
      'timestamp,status,service',
      'start,end,kind',
      'start,end,service,kind',
      'a,b,c',
      'Up',
      '',
    );
    await fc.assert(
      fc.asyncProperty(head, fc.array(row, { maxLength: 10 }), async (h, rows) => {
        const text = [h, ...rows.map((r) => r.join(','))].join('\n');
        await onlyInputErrors(() =>
          readUptime([tempFile('csv', text)], {
            preset: null,
            inputTz: null,
            maxSampleGapMs: 300_000,
            billingZone: 'UTC',
            asOf: Date.UTC(2026, 10, 1),
            skipInvalid: false,
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('policies: a bundled policy with random edits', async () => {
    const base = readFileSync(bundledPolicyPath('telestax-restcomm'), 'utf8');
    const edit = fc.tuple(
      fc.nat(),
      fc.nat(12),
      fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom(':', '- ', '{', '}', '[', '"', '\n  ', '!!js', '&a', '*a', '__proto__: 1\n'),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        let text = base;
        for (const [at, cut, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + cut);
        }
        await onlyInputErrors(() => parsePolicy(text, 'fuzz.yaml'));
      }),
      { numRuns: 400 },
    );
  });

  it('contracts: random YAML', async () => {
    const yaml = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => `version: sla-contract/v1\nextra: ${JSON.stringify(v)}\n`),
    );
    await fc.assert(
      fc.asyncProperty(yaml, async (text) => onlyInputErrors(() => parseContract(text, 'fuzz.yaml'))),
      { numRuns: 300 },
    );
  });
});

describe('no prototype pollution from input keys', () => {
  it('"__proto__" and "constructor" in JSON records and CSV headers stay plain data', async () => {
    const json = tempFile(
      'ndjson',
      '{"id":"A","created_at":"2026-10-05T10:00:00Z","priority":"general","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}\n',
    );
    const csv = tempFile(
      'csv',
      '__proto__,constructor,id,created_at,priority\npolluted,polluted,B,2026-10-05T10:00:00Z,general\n',
    );
    const a = await readTickets([json], ticketsOpts);
    const b = await readTickets([csv], ticketsOpts);
    expect(a.tickets.map((t) => t.id)).toEqual(['A']);
    expect(b.tickets.map((t) => t.id)).toEqual(['B']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a policy with "__proto__" as a priority id is data, not a prototype', () => {
    const text = readFileSync(bundledPolicyPath('websoft9'), 'utf8')
      .replace('general: { name: General Priority', '__proto__: { name: Odd')
      .replace(/general/g, '__proto__');
    try {
      parsePolicy(text, 'proto.yaml');
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
    }
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});
