import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascii, JsonBytes } from '../../src/adapters/render/json-bytes.js';
import { isoUtc } from '../../src/adapters/render/iso.js';

type Piece =
  | { kind: 'raw'; v: string }
  | { kind: 'text'; v: string }
  | { kind: 'str'; v: string }
  | { kind: 'num'; v: number }
  | { kind: 'iso'; v: number }
  | { kind: 'null' };

/** What each write must add, as JSON.stringify and isoUtc write it. */
function expected(p: Piece): string {
  switch (p.kind) {
    case 'raw':
    case 'text':
      return p.v;
    case 'str':
      return JSON.stringify(p.v);
    case 'num':
      return JSON.stringify(p.v);
    case 'iso':
      return `"${isoUtc(p.v)}"`;
    case 'null':
      return 'null';
  }
}

function write(out: JsonBytes, p: Piece): void {
  if (p.kind === 'raw') out.raw(ascii(p.v));
  else if (p.kind === 'text') out.text(p.v);
  else if (p.kind === 'str') out.str(p.v);
  else if (p.kind === 'num') out.num(p.v);
  else if (p.kind === 'iso') out.iso(p.v);
  else out.strOrNull(null);
}

const MIB = 1 << 20;
const big = (n: number) => fc.integer({ min: 0, max: n }).map((k) => 'a'.repeat(k));
const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.record({
    kind: fc.constant('raw' as const),
    v: fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), big(MIB + 10)),
  }),
  fc.record({
    kind: fc.constant('text' as const),
    v: fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), big(MIB / 2)),
  }),
  fc.record({
    kind: fc.constant('str' as const),
    v: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
      big(MIB + 3),
    ),
  }),
  fc.record({
    kind: fc.constant('num' as const),
    v: fc.oneof(
      fc.integer({ min: 0, max: 2 ** 53 - 1 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
  }),
  fc.record({
    kind: fc.constant('iso' as const),
    v: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31, 23, 59, 59, 999) }),
  }),
  fc.constant({ kind: 'null' as const }),
);

describe('JsonBytes', () => {
  it('writes exactly what JSON.stringify would, wherever a piece meets the end of its 1 MiB buffer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MIB }), fc.array(piece, { maxLength: 30 }), (fill, pieces) => {
        const chunks: Buffer[] = [];
        const out = new JsonBytes((b) => {
          expect(b.length).toBeGreaterThan(0);
          chunks.push(Buffer.from(b));
        });
        // A first piece that leaves `fill` bytes free, so the next ones meet the buffer's end.
        const lead = 'x'.repeat(MIB - fill);
        out.raw(ascii(lead));
        for (const p of pieces) write(out, p);
        out.flush();
        expect(Buffer.concat(chunks).toString('utf8')).toBe(lead + pieces.map(expected).join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('fills the buffer to its last byte before draining it', () => {
    const sizes: number[] = [];
    const out = new JsonBytes((b) => sizes.push(b.length));
    out.raw(ascii('y'.repeat(MIB - 2)));
    out.str('');
    out.str('z');
    out.flush();
    expect(sizes).toEqual([MIB, 3]);
  });
});
