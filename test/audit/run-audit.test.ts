import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  failsOn,
  InputError,
  JsonBytes,
  loadRequest,
  reportJsonText,
  ReportJsonWriter,
  runAudit,
  UsageError,
  type AuditReport,
  type TicketResult,
} from '../../src/index.js';
// A request built by hand takes the engine's own parts, which the API does not export.
import { monthPeriod } from '../../src/core/period.js';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { CANONICAL } from '../../src/adapters/ingest/mapping.js';
import { loadPolicyFile } from '../../src/adapters/policy/load-policy.js';
import { parseReport } from '../support/report-schema.js';
import { ROOT } from '../support/run-cli.js';

const now = () => Date.parse('2026-11-15T00:00:00Z');

describe('runAudit, the audit as one library call', () => {
  it('audits a month of tickets from a request built by hand, with no CLI', async () => {
    const policy = resolvePolicy('websoft9');
    const [report] = await runAudit({
      policy,
      tier: policy.tiers.find((t) => t.id === 'premium')!,
      periods: [monthPeriod(2026, 10, 'UTC')],
      asOf: Date.parse('2026-11-01T00:30:00Z'),
      currency: 'USD',
      feeMinor: 100_000,
      tickets: ['tickets.csv'],
      uptime: [],
      cwd: join(ROOT, 'fixtures/websoft9-premium'),
      mapping: CANONICAL,
      uptimePreset: null,
      uptimeMap: null,
      inputTz: null,
      services: null,
      history: new Map(),
      skipInvalid: false,
      files: [],
    });
    // fixtures/websoft9-premium: three failed requests × 5% of 1000.00 (see its cmd.json).
    expect(report!.summary).toMatchObject({ tickets: 8, breached: 3 });
    expect(report!.creditTotal).toEqual({ percent: 15, amountMinor: 15_000, capped: false });
    expect(report!.tickets.map((t) => t.ticket.id)).toHaveLength(8);
    // W-6 was created in September.
    expect(report!.rows).toEqual({ read: 9, used: 8, skipped: 0, outsidePeriod: 1, superseded: 0, filtered: 0 });
    expect(failsOn(report!, 'breach')).toBe(true);
    expect(failsOn(report!, 'credit')).toBe(true);
  });

  it('takes a request from options and a working directory, and the report JSON is the CLI fixture', async () => {
    const dir = join(ROOT, 'fixtures/websoft9-premium');
    const request = loadRequest(
      {
        policy: 'websoft9',
        tier: 'premium',
        month: '2026-10',
        asOf: '2026-11-01T00:30:00Z',
        fee: '1000',
        tickets: ['tickets.csv'],
        uptime: [],
      },
      { cwd: dir, now },
    );
    const reports = await runAudit(request);
    const { _why, ...expected } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    expect(parseReport(reportJsonText(reports))).toMatchObject(expected);
  });

  it('reads a stream as an input, named in messages as given', async () => {
    const text = readFileSync(join(ROOT, 'fixtures/websoft9-premium/tickets.csv'));
    const request = loadRequest(
      {
        policy: 'websoft9',
        tier: 'premium',
        month: '2026-10',
        asOf: '2026-11-01T00:30:00Z',
        tickets: [{ name: 'export.csv', stream: Readable.from([text]) }],
        uptime: [],
      },
      { cwd: ROOT, now },
    );
    const [report] = await runAudit(request);
    expect(report!.summary.tickets).toBe(8);
    const bad = loadRequest(
      {
        policy: 'websoft9',
        tier: 'premium',
        month: '2026-10',
        tickets: [{ name: 'export.csv', stream: Readable.from([Buffer.from('id,created_at\nA,yesterday\n')]) }],
        uptime: [],
      },
      { cwd: ROOT, now },
    );
    const err = await runAudit(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues[0]).toMatchObject({ code: 'INPUT_BAD_TIMESTAMP', file: 'export.csv', line: 2 });
  });

  it('hands each ticket to a sink instead of keeping it', async () => {
    const request = loadRequest(
      {
        policy: 'websoft9',
        tier: 'premium',
        month: '2026-10',
        asOf: '2026-11-01T00:30:00Z',
        tickets: ['tickets.csv'],
        uptime: [],
      },
      { cwd: join(ROOT, 'fixtures/websoft9-premium'), now },
    );
    const seen: string[] = [];
    let heads = 0;
    const [report] = await runAudit(request, {
      begin: (h) => (heads = h.length),
      ticket: (r) => seen.push(r.ticket.id),
    });
    expect(heads).toBe(1);
    expect(seen).toHaveLength(8);
    expect(report!.tickets).toEqual([]);
    expect(report!.summary.tickets).toBe(8);
  });

  it('refuses an --as-of outside the years it supports, naming them', () => {
    for (const asOf of ['2300-01-01T00:00:00Z', '1899-12-31T23:59:59Z']) {
      expect(() => loadRequest({ policy: 'websoft9', tier: 'premium', asOf }, { cwd: ROOT, now })).toThrow(UsageError);
      expect(() => loadRequest({ policy: 'websoft9', tier: 'premium', asOf }, { cwd: ROOT, now })).toThrow(
        /between 1900-01-01 and 2199-12-31/,
      );
    }
  });

  it('checks a --from/--to range before building it, and months outside the supported years', () => {
    expect(() =>
      loadRequest({ policy: 'websoft9', tier: 'premium', from: '1900-01', to: '2199-12' }, { cwd: ROOT, now }),
    ).toThrow(/spans 3600 months; at most 120/);
    expect(() =>
      loadRequest({ policy: 'websoft9', tier: 'premium', from: '0001-01', to: '9999-12' }, { cwd: ROOT, now }),
    ).toThrow('--from must be a month of the years 1900–2199 (got: "0001-01")');
    expect(() => loadRequest({ policy: 'websoft9', tier: 'premium', month: '9999-12' }, { cwd: ROOT, now })).toThrow(
      '--month must be a month of the years 1900–2199 (got: "9999-12")',
    );
  });
});

/** Tickets with every metric: first response, ongoing response (gaps from events) and resolution. */
function allMetricsTickets(n: number): string {
  const lines: string[] = [];
  const base = Date.UTC(2026, 9, 5, 8, 0, 0);
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < n; i++) {
    const c = base + (i % 500) * 3_600_000 + (i % 7) * 1000 + (i % 3);
    const events = [
      { at: iso(c + 600_000), actor: 'vendor', type: 'reply' },
      { at: iso(c + 1_200_000 + i), actor: 'customer', type: 'reply' },
      ...(i % 4 === 0 ? [] : [{ at: iso(c + 9_000_000 + i * 7), actor: 'vendor', type: 'reply' }]),
    ];
    // Ids of every length, so that tickets end at every offset of the writer's buffer.
    lines.push(
      JSON.stringify({
        id: `T-${i}-${'x'.repeat(i % 41)}${i % 50 === 0 ? 'é"\\' : ''}`,
        created_at: iso(c),
        priority: 'P1',
        first_response_at: iso(c + 600_000),
        resolved_at: i % 5 === 0 ? null : iso(c + 30_000_000 + i),
        events,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

describe('the streamed JSON report', () => {
  it('is byte for byte the report written whole, for a report of several MiB with every metric', async () => {
    const policy = loadPolicyFile(join(ROOT, 'fixtures/policies/all-metrics-test.yaml'));
    expect(policy.tiers[0]!.targets.get('P1')).toMatchObject({
      firstResponse: {},
      ongoingResponse: {},
      resolution: {},
    });
    const text = allMetricsTickets(12_000);
    const request = (stream: Readable) =>
      loadRequest(
        {
          policy: join(ROOT, 'fixtures/policies/all-metrics-test.yaml'),
          tier: 't',
          month: '2026-10',
          asOf: '2026-11-01T00:00:00Z',
          tickets: [{ name: 'tickets.ndjson', stream }],
          uptime: [],
        },
        { cwd: ROOT, now },
      );
    const whole = reportJsonText(await runAudit(request(Readable.from([text]))));
    expect(whole.length).toBeGreaterThan(4 << 20);

    const chunks: Buffer[] = [];
    const out = new JsonBytes((b) => chunks.push(Buffer.from(b)));
    const json = new ReportJsonWriter(out);
    const reports: AuditReport[] = await runAudit(request(Readable.from([text])), {
      begin: (h) => json.begin(h[0]!),
      ticket: (r: TicketResult) => json.ticket(r),
    });
    json.end(reports[0]!);
    out.text('\n');
    out.flush();
    const streamed = Buffer.concat(chunks).toString('utf8');
    expect(streamed).toBe(whole);

    const parsed = parseReport(streamed);
    expect(parsed.tickets).toHaveLength(12_000);
    expect(parsed.tickets[1]).toMatchObject({
      firstResponse: { status: 'met' },
      ongoingResponse: { gaps: [{}] },
      resolution: {},
    });
    expect(parsed.tickets[0].id).toBe('T-0-é"\\');
  });
});
