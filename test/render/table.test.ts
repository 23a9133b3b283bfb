import { Readable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderTable } from '../../src/adapters/render/table.js';
import { ROOT } from '../support/run-cli.js';

/** The example month's audit as a terminal `columns` wide shows it. */
async function onTerminal(columns: number): Promise<string> {
  let out = '';
  await main(
    [
      'audit',
      '--config',
      'sla-audit.yaml',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--quiet',
      '--all',
    ],
    {
      stdout: { write: (c, done) => ((out += String(c)), done?.(), true), isTTY: true, columns },
      stderr: { write: () => true },
      stdin: Readable.from([]),
      env: { NO_COLOR: '1' },
      cwd: join(ROOT, 'fixtures/example'),
    },
  );
  return out;
}

const tableLines = (text: string) => text.split('\n').filter((l) => /^[┌│├└]/.test(l));

describe('tables on a terminal', () => {
  it.each([80, 100])('fit %i columns: long text wraps at spaces, nothing is cut', async (columns) => {
    const text = await onTerminal(columns);
    expect(Math.max(...tableLines(text).map((l) => l.length))).toBeLessThanOrEqual(columns);
    expect(text).not.toContain('…');
    // Every ticket is still there, with its verdict.
    expect(text.match(/│ WS-\d+ /g)).toHaveLength(320);
  });

  it('at 80 columns the ticket table gives up the creation time before cutting anything', async () => {
    const text = await onTerminal(80);
    expect(text).not.toContain('created (UTC)');
    expect((await onTerminal(160)).includes('created (UTC)')).toBe(true);
  });

  it('keep their natural width off a terminal (a file, a pipe)', () => {
    const rows = [['a', 'x'.repeat(50) + ' ' + 'y'.repeat(50)]];
    expect(renderTable(['k', 'v'], rows).split('\n')[0]!.length).toBeGreaterThan(100);
    const fitted = renderTable(['k', 'v'], rows, undefined, 60).split('\n');
    expect(Math.max(...fitted.map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(fitted.join('\n')).toContain('y'.repeat(50));
  });
});

describe('coloured cells in a table narrower than its words', () => {
  // What a terminal shows: chalk's codes around whole cells (red bold for a miss).
  const red = (s: string) => `\u001b[31m\u001b[1m${s}\u001b[22m\u001b[39m`;
  const head = ['service', 'availability', 'target', 'met', 'downtime', 'maintenance', 'no data', 'coverage'];
  const rows = [
    ['api', red('99.7646%'), '99.9%', red('no'), '1h 45m', '0s', '40m', '99.9%'],
    ['scheduler', '\u001b[32m99.9776%\u001b[39m', '99.9%', '\u001b[32myes\u001b[39m', '10m', '0s', '40m', '99.9%'],
  ];

  it('fits 80 columns with every colour code whole, and each line of a coloured cell coloured', () => {
    const out = renderTable(head, rows, undefined, 80);
    for (const line of out.split('\n')) {
      const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
      expect(plain.length).toBeLessThanOrEqual(80);
      expect(plain).not.toContain('\u001b');
      expect(plain).not.toMatch(/\[\d+m|\[\d*$/);
    }
    expect(out).toContain(red('99.7646%'));
    expect(out).toContain(red('no'));
  });
});

describe('the availability table on a narrow terminal', () => {
  it('at 60 columns it leaves out maintenance, no data and the target, and fits', async () => {
    let out = '';
    await main(
      ['uptime', '--config', 'sma-opcon.yaml', '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--quiet'],
      {
        stdout: { write: (c, done) => ((out += String(c)), done?.(), true), isTTY: true, columns: 60 },
        stderr: { write: () => true },
        stdin: Readable.from([]),
        env: { NO_COLOR: '1' },
        cwd: join(ROOT, 'fixtures/example'),
      },
    );
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Availability in 2026-10'));
    expect(at).toBeGreaterThanOrEqual(0);
    const table = lines.slice(at + 1, at + 7);
    expect(table[1]).toMatch(/│ service\s+│ availability │ met │ downtime │ coverage │/);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(60);
  });
});

describe('a long table is drawn in pieces, the same as the table library draws it whole', () => {
  it('up to 180 rows of words, colour codes, wide characters and lines of several lines: the same bytes', async () => {
    const { default: fc } = await import('fast-check');
    const { default: Table } = await import('cli-table3');
    const word = fc.oneof(
      fc.constantFrom('met', 'breached', '\u001b[31mlate\u001b[39m', '日本', 'é', '—', '12:00', ''),
      fc.string({ maxLength: 6 }).map((s) => s.replace(/[^ -~]/g, 'x')),
    );
    const cell = fc
      .array(word, { maxLength: 4 })
      .map((ws) => ws.join(' '))
      .chain((c) => fc.constantFrom(c, `${c}\nsecond line`));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 101, maxLength: 180 }),
        fc.constantFrom<Array<'left' | 'right'>>(['left', 'right', 'left'], ['right', 'right', 'left']),
        (rows, align) => {
          const head = ['id', 'status', 'why'];
          const whole = new Table({ head, style: { head: [], border: [], compact: true }, colAligns: align });
          for (const r of rows) whole.push(r);
          expect(renderTable(head, rows, align)).toBe(whole.toString());
        },
      ),
      { numRuns: 10 },
    );
  });
});
