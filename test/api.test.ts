import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { ROOT } from './support/run-cli.js';

describe('the programmatic API', () => {
  it('audits a month of tickets without the CLI', async () => {
    const policy = api.resolvePolicy('websoft9');
    const { tickets, issues } = await api.readTickets([join(ROOT, 'fixtures/websoft9-premium/tickets.csv')], { mapping: api.CANONICAL, inputTz: null, policy, skipInvalid: false });
    expect(issues).toEqual([]);
    const auditor = new api.TicketAuditor({ policy, tier: 'premium', period: api.monthPeriod(2026, 10, 'UTC'), asOf: Date.parse('2026-11-01T00:30:00Z'), feeMinor: 100_000 });
    for (const t of tickets) auditor.add(t);
    const audit = auditor.finish();
    expect(audit.summary).toMatchObject({ tickets: 8, breached: 3 });
    expect(api.creditTotal(audit.credits, policy.credits, 100_000)).toEqual({ percent: 15, amountMinor: 15_000, capped: false });
  });

  it('exposes the business-time engine', () => {
    const cal = new api.PolicyClocks(api.resolvePolicy('olt-ems')).calendar('business');
    expect(api.dueAt(Date.parse('2026-10-12T02:00:00Z'), 8 * 3_600_000, cal)).toBe(Date.parse('2026-10-12T10:00:00Z'));
  });
});
