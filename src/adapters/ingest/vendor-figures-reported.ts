import type { Issue } from '../../core/issues.js';
import type { Verdict, VendorFigure } from '../../core/reconcile/model.js';
import type { Ticket } from '../../core/tickets/ticket.js';

/** The verdict words helpdesks export (Freshdesk's "First response status"), lower case. */
const VERDICTS = new Map<string, Verdict>([
  ['within sla', 'met'],
  ['sla violated', 'breached'],
]);

/**
 * JSM's SLA cell: the time left to the goal, h:mm, negative once the goal was missed (Atlassian's
 * documentation). Time left does not say whether the clock stopped in time or still runs: only a
 * negative one is a verdict.
 */
const JSM_REMAINING = /^(-?)\d+:[0-5]\d$/;

/**
 * The figures an export carries beside our evidence (`vendorReported`: Zendesk's business minutes,
 * Freshdesk's time and status, JSM's SLA cell) as the vendor's first-response figures. A status in
 * words no helpdesk is known to write is a problem naming the ticket, never read as met.
 */
export function reportedFigures(tickets: readonly Ticket[]): { figures: VendorFigure[]; issues: Issue[] } {
  const figures: VendorFigure[] = [];
  const issues: Issue[] = [];
  for (const t of tickets) {
    const v = t.vendorReported;
    if (v === undefined) continue;
    const source = `${t.file ?? 'tickets'}:${t.line}`;
    let verdict: Verdict | null = null;
    if (v.firstResponseStatus !== undefined) {
      const s = v.firstResponseStatus.trim();
      const jsm = JSM_REMAINING.exec(s);
      verdict = jsm ? (jsm[1] === '-' ? 'breached' : null) : (VERDICTS.get(s.toLowerCase()) ?? null);
      if (verdict === null && !jsm) {
        issues.push({
          code: 'RECONCILE_UNKNOWN_STATUS',
          file: t.file ?? 'tickets',
          line: t.line,
          args: { ticket: t.id, value: s.slice(0, 40) },
        });
        continue;
      }
    }
    const minutes = v.firstResponseBusinessMinutes;
    const elapsedMs =
      minutes !== undefined
        ? Math.round(minutes * 60_000)
        : v.firstResponseSeconds !== undefined
          ? v.firstResponseSeconds * 1000
          : null;
    if (elapsedMs === null && verdict === null) continue;
    figures.push({ id: t.id, metric: 'firstResponse', elapsedMs, verdict, source });
  }
  return { figures, issues };
}
