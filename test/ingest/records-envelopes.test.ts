import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// A map's record envelope (record: data, as an Airbyte sync writes): every line of the file is read,
// skipped with a counted reason, or passed over by where — none vanishes, so no breach does.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-envelopes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const ARGS = [
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:00:00Z',
  '--format',
  'json',
];

const ticket = (id: string, reply: string) =>
  JSON.stringify({ data: { id, priority: 'general', created_at: '2026-10-05T10:00:00Z', first_response_at: reply } });
// Lines 1 and 2 are tickets; 3 has no "data", 4 a null one, 5 a string.
const FIVE =
  [
    ticket('A-1', '2026-10-05T10:30:00Z'),
    ticket('A-2', '2026-10-09T10:30:00Z'),
    '{"stream": "tickets", "emitted_at": 1}',
    '{"data": null}',
    '{"data": "A-3 was here"}',
  ].join('\n') + '\n';
write('map.yaml', 'record: data\n');

describe('record: data — a line whose envelope holds no record', () => {
  it('without --skip-invalid: exit 2 naming each line and what its envelope holds', async () => {
    const r = await runCli(['tickets', write('five.ndjson', FIVE), '--map', 'map.yaml', ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'five.ndjson:3: the record envelope "data" holds no ticket (expected an object, got no such key) — fix the line, or pass such lines over with where: in the map',
    );
    expect(r.stderr).toContain(
      'five.ndjson:4: the record envelope "data" holds no ticket (expected an object, got null)',
    );
    expect(r.stderr).toContain(
      'five.ndjson:5: the record envelope "data" holds no ticket (expected an object, got a string ("A-3 was here"))',
    );
  });

  it('with --skip-invalid: 5 lines = 2 read and used + 3 skipped with their reasons', async () => {
    const r = await runCli(['tickets', 'five.ndjson', '--map', 'map.yaml', '--skip-invalid', ...ARGS], { cwd: dir });
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    // Read counts every line the file holds; of them 3 are skipped, 2 used.
    expect(report.summary.rows).toMatchObject({ read: 5, skipped: 3, used: 2 });
    // created Mon 2026-10-05 10:00Z, answered Fri 10:30Z — past the target: the breach is still there.
    expect(report.tickets.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      ['A-1', 'met'],
      ['A-2', 'breached'],
    ]);
    expect(r.stderr).toContain(
      '3 row(s) skipped (--skip-invalid) and not in any report: 3 × the record envelope … holds no ticket',
    );
  });

  it('a JSON document: the same, each element at its line', async () => {
    const doc = `[\n${FIVE.trim().split('\n').join(',\n')}\n]\n`;
    const r = await runCli(['tickets', write('five.json', doc), '--map', 'map.yaml', ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /five\.json:4:1: the record envelope "data" holds no ticket \(expected an object, got no such key\)/,
    );
    expect(r.stderr).toMatch(
      /five\.json:5:1: the record envelope "data" holds no ticket \(expected an object, got null\)/,
    );
    expect(r.stderr).toMatch(
      /five\.json:6:1: the record envelope "data" holds no ticket \(expected an object, got a string/,
    );
  });

  it('where: a line of another stream is passed over and counted, one of this stream without its record is not', async () => {
    write('where.yaml', 'record: data\nwhere: { stream: tickets }\n');
    const lines = [
      JSON.stringify({
        stream: 'tickets',
        data: {
          id: 'A-1',
          priority: 'general',
          created_at: '2026-10-05T10:00:00Z',
          first_response_at: '2026-10-05T10:30:00Z',
        },
      }),
      '{"stream": "state", "data": null}',
      '{"stream": "tickets"}',
    ].join('\n');
    const r = await runCli(
      ['tickets', write('streams.ndjson', `${lines}\n`), '--map', 'where.yaml', '--skip-invalid', ...ARGS],
      { cwd: dir },
    );
    const report = parseReport(r.stdout);
    // 3 lines = 1 passed over (another stream) + 2 read, of which 1 skipped.
    expect(report.summary.rows).toMatchObject({ read: 2, skipped: 1, used: 1, filtered: 1 });
    expect(r.stderr).toContain('1 record(s) that are not tickets were passed over (where stream: tickets)');
    expect(r.stderr).toContain(
      'streams.ndjson:3: skipped: the record envelope "data" holds no ticket (expected an object, got no such key)',
    );
  });
});

describe('a line that is not JSON, where a filter or an event export reads it', () => {
  it('is read and skipped with its reason; the lines after it are still read', async () => {
    write('where-only.yaml', 'where: { stream: tickets }\n');
    const lines = [
      '{"stream": "tickets", "id": "A-1", "priority": "general", "created_at": "2026-10-05T10:00:00Z", "first_response_at": "2026-10-05T10:30:00Z"}',
      '{"stream": "tick',
      '{"stream": "tickets", "id": "A-2", "priority": "general", "created_at": "2026-10-05T10:00:00Z", "first_response_at": "2026-10-09T10:30:00Z"}',
    ];
    const r = await runCli(
      ['tickets', write('cut.ndjson', `${lines.join('\n')}\n`), '--map', 'where-only.yaml', '--skip-invalid', ...ARGS],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).summary.rows).toMatchObject({ read: 3, skipped: 1, used: 2 });
    expect(r.stderr).toContain('cut.ndjson:2: skipped: not valid JSON');
  });
});

describe('record: data in an event export', () => {
  const tickets = write(
    't.csv',
    'id,priority,created_at\nA-1,general,2026-10-05T10:00:00Z\nA-2,general,2026-10-05T10:00:00Z\n',
  );
  const events = [
    JSON.stringify({ data: { ticket_id: 'A-1', at: '2026-10-05T10:30:00Z', actor: 'vendor', type: 'reply' } }),
    '{"data": "A-2 answered"}',
    '{"data": null}',
    '{}',
    JSON.stringify({ data: { ticket_id: 'A-2', at: '2026-10-05T10:05:00Z', actor: 'customer', type: 'reply' } }),
    '{"data": {"ticket_id": "A-2", "at": ',
  ].join('\n');
  write('ev-map.yaml', 'events:\n  record: data\n');

  it('each line is read, skipped with its reason, or an error; the file is read to its end', async () => {
    const e = write('events.ndjson', `${events}\n`);
    const strict = await runCli(['tickets', tickets, '--events', e, '--map', 'ev-map.yaml', ...ARGS], { cwd: dir });
    expect(strict.code).toBe(2);
    for (const [line, what] of [
      [2, 'a string ("A-2 answered")'],
      [3, 'null'],
      [4, 'no such key'],
    ])
      expect(strict.stderr).toContain(
        `events.ndjson:${line}: the record envelope "data" holds no event (expected an object, got ${what})`,
      );
    const r = await runCli(['tickets', tickets, '--events', e, '--map', 'ev-map.yaml', '--skip-invalid', ...ARGS], {
      cwd: dir,
    });
    // 6 records: 2 events read, 4 skipped (the last line is cut off: not JSON).
    expect(r.stderr).toContain('2 event(s) read from 6 record(s) (ev-map.yaml (events)); 4 skipped (--skip-invalid)');
    // A-1's reply on line 1 is its first response.
    const report = parseReport(r.stdout);
    expect(report.tickets.find((t: { id: string }) => t.id === 'A-1').firstResponse).toMatchObject({
      respondedAt: '2026-10-05T10:30:00Z',
      status: 'met',
    });
  });
});
