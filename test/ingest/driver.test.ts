import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, type FindingArgs } from '../../src/core/issues.js';
import { issueText } from '../../src/adapters/render/format-issues.js';
import { Intake } from '../../src/adapters/ingest/driver.js';
import { CANONICAL_EVENTS } from '../../src/adapters/ingest/event-mapping.js';
import { readTickets } from '../../src/adapters/ingest/read-tickets.js';
import { readUptime } from '../../src/adapters/ingest/read-uptime.js';
import type { SourceRecord } from '../../src/adapters/ingest/records.js';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-driver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const record = (values: Record<string, unknown>): SourceRecord<string> => ({
  line: 2,
  get: (f) => values[f],
  list: () => undefined,
});
const issue = (code: string, args: FindingArgs = {}) => ({ code, file: 'f.csv', line: 2, args });

describe('the driver: per-file accounting, once for every input kind', () => {
  it('a file that cannot be read fails the run; the files after it are still read', async () => {
    const intake = new Intake(true);
    const seen: string[] = [];
    await intake.eachFile(['a.csv', 'b.csv'], async (_, file) => {
      seen.push(file);
      if (file === 'a.csv') throw new InputError([issue('INPUT_EMPTY')]);
    });
    expect(seen).toEqual(['a.csv', 'b.csv']);
    expect(intake.fatal.map((i) => i.code)).toEqual(['INPUT_EMPTY']);
    expect(intake.issues).toEqual(intake.fatal);
    await expect(intake.guard(() => Promise.reject(new Error('a bug')))).rejects.toThrow('a bug');
  });

  it('counts records skipped (with --skip-invalid only) and passed over by where; a line that is no record passes', () => {
    const skipping = new Intake(true);
    skipping.invalid([issue('a'), issue('b')]);
    expect(skipping.rows.skipped).toBe(1);
    const strict = new Intake(false);
    strict.invalid([issue('a')]);
    expect(strict.rows.skipped).toBe(0);
    const where = [['stream', ['tickets']]] as const;
    expect(strict.kept(record({ 'where:stream': 'Tickets' }), where)).toBe(true);
    expect(strict.kept(record({ 'where:stream': 'users' }), where)).toBe(false);
    const badJson: SourceRecord<string> = {
      line: 3,
      get: () => {
        throw new InputError([issue('not valid JSON')]);
      },
      list: () => undefined,
    };
    expect(strict.kept(badJson, where)).toBe(true);
    expect(strict.rows.filtered).toBe(1);
  });

  it('says how many local times DST adjusted, and nothing when none', () => {
    const intake = new Intake(false);
    intake.dst('t.csv', { overlap: 0, gap: 0 }, 'Europe/Berlin');
    intake.dst('t.csv', { overlap: 2, gap: 1 }, 'Europe/Berlin');
    expect(intake.warnings).toEqual([
      {
        code: 'DST_ADJUSTED',
        file: 't.csv',
        args: { overlap: 2, gap: 1, zone: 'Europe/Berlin' },
      },
    ]);
    expect(issueText(intake.warnings[0]!)).toBe(
      '2 local time(s) that occur twice were read as the first occurrence and 1 that do not exist were moved forward by the DST gap (Europe/Berlin)',
    );
  });

  it('--skip-invalid: a summary by reason with counts, then each problem as a warning', () => {
    const intake = new Intake(true);
    intake.invalid([issue('INPUT_BAD_TIMESTAMP', { field: 'resolved_at', why: '"x"' })]);
    intake.invalid([issue('INPUT_BAD_TIMESTAMP', { field: 'resolved_at', why: '"y"' })]);
    intake.invalid([issue('INPUT_DUPLICATE_ID', { id: 'T-1', first: 'f.csv:2' })]);
    intake.skippedWarnings();
    expect(intake.warnings[0]).toMatchObject({
      code: 'ROWS_SKIPPED',
      args: { rows: 3, events: 0, reasons: ['resolved_at: bad timestamp', 'duplicate ticket id …'], counts: [2, 1] },
    });
    expect(intake.warnings.map((w) => [w.code, issueText(w)])).toEqual([
      [
        'ROWS_SKIPPED',
        '3 row(s) skipped (--skip-invalid) and not in any report: 2 × resolved_at: bad timestamp; 1 × duplicate ticket id …',
      ],
      ['INPUT_BAD_TIMESTAMP', 'skipped: resolved_at: bad timestamp: "x"'],
      ['INPUT_BAD_TIMESTAMP', 'skipped: resolved_at: bad timestamp: "y"'],
      ['INPUT_DUPLICATE_ID', 'skipped: duplicate ticket id "T-1" (first at f.csv:2)'],
    ]);
    const strict = new Intake(false);
    strict.invalid([issue('INPUT_EMPTY')]);
    strict.skippedWarnings();
    expect(strict.warnings).toEqual([]);
  });
});

describe('the same accounting for each kind', () => {
  const policy = resolvePolicy('connectsoft');

  it('tickets, with the events they join: rows and event records skipped, counted apart', async () => {
    const tickets = write(
      'tickets.csv',
      'id,created_at,priority\nT-1,2026-10-05T10:00:00Z,high\nT-2,not a time,high\nT-3,2026-10-05T11:00:00Z,high\n',
    );
    const events = write(
      'events.csv',
      'ticket_id,at,actor\nT-1,2026-10-05T10:30:00Z,vendor\nT-3,never,vendor\nT-3,2026-10-05T11:30:00Z,vendor\n',
    );
    const r = await readTickets([tickets], {
      mapping: null,
      inputTz: null,
      policy,
      skipInvalid: true,
      events: { files: [events], mapping: CANONICAL_EVENTS },
    });
    // T-3 is skipped too: one of its events could not be read, so its events are incomplete.
    expect(r.rows).toEqual({ read: 3, skipped: 2, superseded: 0, filtered: 0 });
    expect(r.tickets.map((t) => t.id)).toEqual(['T-1']);
    const summary = r.warnings.find((w) => w.code === 'ROWS_SKIPPED')!;
    expect(issueText(summary)).toMatch(/^2 ticket row\(s\) and 1 event record\(s\) skipped \(--skip-invalid\)/);
    // T-2's bad time, the event's, and T-3 skipped for it.
    expect(r.warnings.filter((w) => w.skipped)).toHaveLength(3);
    expect(r.warnings.find((w) => w.code === 'EVENTS_READ')!.args).toMatchObject({ skipped: 1 });
  });

  it('uptime logs: rows read and skipped, and the same summary', async () => {
    const log = write(
      'probes.csv',
      'timestamp,status\n2026-10-05T00:00:00Z,up\n2026-10-05T00:01:00Z,maybe\n2026-10-05T00:02:00Z,up\n',
    );
    const r = await readUptime([log], {
      preset: null,
      inputTz: 'UTC',
      maxSampleGapMs: 300_000,
      billingZone: 'UTC',
      asOf: Date.parse('2026-11-01T00:00:00Z'),
      skipInvalid: true,
    });
    expect(r.rows).toEqual({ read: 3, skipped: 1 });
    expect(issueText(r.warnings.find((w) => w.code === 'ROWS_SKIPPED')!)).toMatch(
      /^1 row\(s\) skipped \(--skip-invalid\) and not in any report: 1 × /,
    );
    expect(r.warnings.filter((w) => w.skipped)).toHaveLength(1);
  });
});
