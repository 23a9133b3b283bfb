import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passes, type SourceRecord } from '../../src/adapters/ingest/records.js';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-redmine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Shaped after Redmine's GET /issues/1.json?include=journals (the REST API documentation): the issue wrapped in
// "issue", each journal with its own id, its user, notes ("" when it only changed fields), private_notes, details.
const issue = {
  issue: {
    id: 1,
    project: { id: 1, name: 'Support' },
    tracker: { id: 1, name: 'Bug' },
    status: { id: 2, name: 'In Progress', is_closed: false },
    priority: { id: 3, name: 'High' },
    author: { id: 9, name: 'Customer One' },
    subject: 'Checkout fails',
    description: 'The checkout page answers 500.',
    created_on: '2026-10-05T08:00:00Z',
    updated_on: '2026-10-06T07:00:00Z',
    closed_on: null,
    journals: [
      // The agent raises the priority: notes empty, a field changed — no reply.
      {
        id: 11,
        user: { id: 5, name: 'Agent One' },
        notes: '',
        created_on: '2026-10-05T09:30:00Z',
        private_notes: false,
        details: [{ property: 'attr', name: 'priority_id', old_value: '2', new_value: '3' }],
      },
      // An internal note: no reply either.
      {
        id: 13,
        user: { id: 5, name: 'Agent One' },
        notes: 'Looks like the payment gateway.',
        created_on: '2026-10-05T10:00:00Z',
        private_notes: true,
        details: [],
      },
      // The first public note by the agent: the first response, 21.5 h after the priority change.
      {
        id: 12,
        user: { id: 5, name: 'Agent One' },
        notes: 'We are looking into it.',
        created_on: '2026-10-06T07:00:00Z',
        private_notes: false,
        details: [],
      },
    ],
  },
};

describe('Redmine: one issue with its journals (GET /issues/1.json?include=journals)', () => {
  it('is one ticket, its journals its events; a journal without notes is no reply, so the first response is the first public note', async () => {
    writeFileSync(join(dir, 'issue.json'), JSON.stringify(issue, null, 2));
    const r = await runCli(
      [
        'tickets',
        'issue.json',
        '--preset',
        'redmine',
        '--vendor-agent',
        '5',
        '--policy',
        'connectsoft',
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    // The issue's id, not a journal's (11, 12, 13): the journals belong to their issue.
    expect(report.tickets.map((t: { id: string }) => t.id)).toEqual(['1']);
    // created_on 2026-10-05T08:00:00Z; the note of journal 12 at 2026-10-06T07:00:00Z (not the priority change at 09:30Z).
    expect(report.tickets[0]).toMatchObject({
      createdAt: '2026-10-05T08:00:00Z',
      firstResponse: { respondedAt: '2026-10-06T07:00:00Z' },
    });
  });

  it('where: "*" keeps the records that have a value there (a map can say a journal without notes is no reply)', () => {
    const record = (notes: unknown): SourceRecord<string> => ({ line: 1, get: () => notes, list: () => undefined });
    const where = [['notes', ['*']]] as const;
    expect([
      passes(record('On it.'), where),
      passes(record(''), where),
      passes(record('  '), where),
      passes(record(null), where),
      passes(record(undefined), where),
    ]).toEqual([true, false, false, false, false]);
  });
});
