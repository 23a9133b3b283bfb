import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, textLines } from '../../src/adapters/ingest/text-formats.js';
import { main } from '../../src/cli/main.js';
import { InputError } from '../../src/core/issues.js';
import { ROOT } from '../support/run-cli.js';

// A monitoring log with one line over 512 MiB ended in exit 3 "Invalid string length": the line was
// held whole before anything looked at it. Lines are now measured as they arrive.

async function* chunks(...parts: Array<string | Buffer>): AsyncGenerator<string | Buffer> {
  for (const p of parts) yield p;
}

async function lines(source: AsyncIterable<string | Buffer>, max?: number): Promise<Array<[number, string]>> {
  const out: Array<[number, string]> = [];
  for await (const { line, text } of textLines(source, 'x.log', max)) out.push([line, text]);
  return out;
}

describe('textLines: lines of any chunking, and a limit on their length', () => {
  it.each([
    { name: 'LF', parts: ['a\nb\n'], want: ['a', 'b'] },
    { name: 'CRLF split across chunks', parts: ['a\r', '\nb\r\n'], want: ['a', 'b'] },
    { name: 'a lone CR', parts: ['a\rb'], want: ['a', 'b'] },
    { name: 'no final line break', parts: ['a\n', 'b'], want: ['a', 'b'] },
    { name: 'blank lines kept', parts: ['\n\na\n'], want: ['', '', 'a'] },
    {
      name: 'a character split across byte chunks',
      parts: [Buffer.from([0x61, 0xc3]), Buffer.from([0xa9, 0x0a, 0x62])],
      want: ['aé', 'b'],
    },
    { name: 'a line across many chunks', parts: ['ab', 'cd', 'ef\ng'], want: ['abcdef', 'g'] },
    { name: 'empty', parts: [], want: [] },
  ])('$name', async ({ parts, want }) => {
    expect(await lines(chunks(...parts))).toEqual(want.map((t, i) => [i + 1, t]));
  });

  it('a line longer than the limit is an input error at its line, raised before the line is held whole', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<string> {
      yield 'ok\n';
      for (;;) {
        produced++;
        yield 'x'.repeat(10);
      }
    }
    const err = await lines(endless(), 25).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues).toEqual([
      expect.objectContaining({
        code: 'INPUT_LINE_TOO_LONG',
        file: 'x.log',
        line: 2,
        args: { line: 2, maxChars: 25 },
      }),
    ]);
    expect(produced).toBe(3);
    expect(await lines(chunks('x'.repeat(25), '\n'), 25)).toEqual([[1, 'x'.repeat(25)]]);
  });
});

describe('a monitoring log with one very long line', () => {
  it(`exit 2 at its line, "is this the right file?" — not "Invalid string length"`, async () => {
    // The same 1 MiB buffer handed over again and again: the test holds no copy of the line.
    const MiB = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    async function* stdin(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('[1264111515] Nagios 3.2.0 starting... (PID=1)\n');
      while (sent++ <= MAX_LINE_CHARS / MiB.length) yield MiB;
    }
    let stderr = '';
    const code = await main(
      [
        'uptime',
        '-',
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
      ],
      {
        stdout: { write: () => true },
        stderr: { write: (t: string) => ((stderr += t), true) },
        stdin: stdin(),
        env: { NO_COLOR: '1' },
        cwd: ROOT,
      },
    );
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(
      '-:2: line 2 is longer than 64 Mi characters — is this the right file? A log or an NDJSON export has one record per line; check that the file is not binary, compressed or one long line',
    );
  });
});
