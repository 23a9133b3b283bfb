import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { parseReport } from './support/report-schema.js';
import { ROOT } from './support/run-cli.js';

const cwd = join(ROOT, 'fixtures/websoft9-premium');
const now = () => Date.parse('2026-11-15T00:00:00Z');
const options = {
  policy: 'websoft9',
  tier: 'premium',
  month: '2026-10',
  asOf: '2026-11-01T00:30:00Z',
  fee: '1000.00',
  tickets: ['tickets.csv'],
};

describe('the programmatic API', () => {
  it('is a deliberate list: adding or dropping a name is a decision, made here', () => {
    // Types (AuditRequest, AuditReport, Issue, …) are erased at run time; these are the values.
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "InputError",
        "JsonBytes",
        "ReportJsonWriter",
        "SCHEMA_VERSION",
        "UsageError",
        "availabilityCsv",
        "creditsCsv",
        "explainJson",
        "explainTicket",
        "failOnReasons",
        "failsOn",
        "findingText",
        "formatIssue",
        "formatIssues",
        "issueText",
        "loadRequest",
        "printable",
        "renderExplain",
        "renderReportMarkdown",
        "renderReportTable",
        "reportJsonText",
        "resolveTier",
        "runAtRisk",
        "runAudit",
        "runClaims",
        "runPortfolio",
        "runReconcile",
        "ticketsCsv",
        "validateContract",
      ]
    `);
  });

  it('audits a month of tickets without the CLI: request, audit, exit condition, every renderer', async () => {
    const request = api.loadRequest(options, { cwd, now });
    const [report] = await api.runAudit(request);
    expect(report!.summary).toMatchObject({ tickets: 8, breached: 3 });
    expect(report!.creditTotal).toEqual({ percent: 15, amountMinor: 15_000, capped: false });
    expect(api.failsOn(report!, 'breach')).toBe(true);
    expect(parseReport(api.reportJsonText([report!])).schemaVersion).toBe(api.SCHEMA_VERSION);
    expect(api.ticketsCsv(report!).split('\r\n')[0]).toMatch(/^id,/);
    expect(api.creditsCsv(report!)).toContain('\r\n');
    expect(api.renderReportMarkdown(report!, { all: true })).toContain('|');
  });

  it('explains one ticket as data, and renders it', async () => {
    const request = api.loadRequest(options, { cwd, now });
    const { result, timelines } = await api.explainTicket(request, 'W-2');
    expect(result.ticket.id).toBe('W-2');
    expect(timelines.length).toBeGreaterThan(0);
    expect(api.explainJson(result, timelines)).toMatchObject({ id: 'W-2' });
    expect(api.renderExplain(result, timelines, request.policy, request.tier.id)).toContain('W-2');
    await expect(api.explainTicket(request, 'nope')).rejects.toBeInstanceOf(api.UsageError);
  });

  it('bad input is an InputError with coded issues, worded by formatIssues', () => {
    try {
      api.loadRequest({ ...options, policy: join(ROOT, 'nope.yaml') }, { cwd, now });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(api.InputError);
      const issues = (err as InstanceType<typeof api.InputError>).issues;
      expect(issues[0]!.code).toBe('FILE_UNREADABLE');
      expect(api.formatIssues(issues)[0]).toContain('not found');
    }
  });
});
