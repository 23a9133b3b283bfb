import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportedFigures } from '../../src/adapters/ingest/vendor-figures-reported.js';
import { servicenowDuration } from '../../src/adapters/ingest/vendor-figures-servicenow.js';
import type { Ticket } from '../../src/core/tickets/ticket.js';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-reconcile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const ZENDESK = [
  'reconcile',
  '--tickets',
  join(ROOT, 'fixtures/samples/zendesk-ui__tickets_excerpt.csv'),
  '--preset',
  'zendesk',
  '--input-tz',
  'Asia/Kolkata',
  '--policy',
  join(ROOT, 'fixtures/reconcile/zendesk-support-policy.yaml'),
  '--tier',
  'support',
  '--month',
  '2023-05',
  '--as-of',
  '2023-07-01T00:00:00Z',
  '--format',
  'json',
];

describe('bad vendor inputs', () => {
  it('a vendor file sharing no ticket id with ours: exit 2 naming both files and ids of each', async () => {
    const v = file(
      'other.csv',
      'Id,Initially assigned at,First reply time in minutes within business hours\n900001,2023-05-02 10:00:00,15\n900002,,20\n',
    );
    const r = await runCli([...ZENDESK, '--vendor', v]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`the vendor's file ${v} shares no ticket id with`);
    expect(r.stderr).toContain('zendesk-ui__tickets_excerpt.csv (2023-05)');
    // Ours of May in file order, theirs as the file has them.
    expect(r.stderr).toContain('ours are 700138, 700175, 700249, 700286, 700434, theirs 900001, 900002');
  });

  it('a computed time whose header states no unit: exit 2 naming the column, never read as minutes', async () => {
    const v = file('unitless.csv', 'Id,First reply time within business hours\n700175,61\n');
    const r = await runCli([...ZENDESK, '--vendor', v]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${v}:1: column "first reply time within business hours" holds a computed time in a unit it does not state`,
    );
  });

  it('a ServiceNow task_sla duration in no known unit: exit 2 naming the line and the value', async () => {
    const v = file(
      'task_sla.csv',
      'task,sla,stage,has_breached,business_duration\n700175,Priority 4 resolution (5 day),completed,false,7500\n',
    );
    const r = await runCli([...ZENDESK, '--vendor', v]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${v}:2: business_duration "7500" is in no unit sla-audit knows`);
  });

  it("ServiceNow's two duration forms", () => {
    expect(servicenowDuration('2 Hours 5 Minutes')).toBe(7_500_000);
    expect(servicenowDuration('1 Day 1 Second')).toBe(86_401_000);
    expect(servicenowDuration('1970-01-02 02:05:00')).toBe(86_400_000 + 7_500_000);
    expect(servicenowDuration('7500')).toBeNull();
    expect(servicenowDuration('2 fortnights')).toBeNull();
  });

  it("a helpdesk status in words no helpdesk writes is a problem, not a verdict; JSM's time left is one only when negative", () => {
    const t = (id: string, status: string): Ticket => ({
      id,
      line: 2,
      file: 'x.csv',
      createdAt: 0,
      rawPriority: null,
      priority: 'P1',
      reclassifiedPriority: null,
      firstResponseAt: 1,
      resolvedAt: undefined,
      status: null,
      environment: null,
      incident: null,
      exclusion: null,
      events: null,
      vendorReported: { firstResponseStatus: status },
    });
    const r = reportedFigures([t('1', 'Mostly fine'), t('2', '-1:05'), t('3', '2:18'), t('4', 'SLA Violated')]);
    expect(r.issues).toEqual([
      { code: 'RECONCILE_UNKNOWN_STATUS', file: 'x.csv', line: 2, args: { ticket: '1', value: 'Mostly fine' } },
    ]);
    expect(r.figures.map((f) => [f.id, f.verdict])).toEqual([
      ['2', 'breached'],
      ['4', 'breached'],
    ]);
  });

  it('--tolerance in no unit is a usage error', async () => {
    const r = await runCli([...ZENDESK, '--tolerance', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tolerance must be a duration such as 30s, 5m or 1h (got: "5")');
  });
});
