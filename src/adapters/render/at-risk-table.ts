import type { ThresholdBudget } from '../../core/at-risk/budget.js';
import type { AtRiskReport } from '../../core/at-risk/model.js';
import type { TicketDue, TicketPaused } from '../../core/at-risk/tickets.js';
import { printable } from '../../core/issues.js';
import { availabilityShown, moneyText, percentText } from '../../core/money.js';
import { ALWAYS } from '../../core/policy/model.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { duration } from './duration.js';
import { localTimeFormatter } from './local-time.js';
import { renderTable } from './table.js';
import { METRIC_NAMES } from './wording.js';

/** Time left on a business calendar says so: "3h 00m business" is not three hours of the clock. */
const businessLeft = (ms: number, calendar: string) =>
  calendar === ALWAYS ? duration(ms) : `${duration(ms)} business`;

function line(t: ThresholdBudget): string {
  if (t.kind === 'target') return `target ${percentText(t.percent)}%`;
  const credit = t.creditDays !== null ? `${t.creditDays} days` : `${percentText(t.creditPercent ?? 0)}%`;
  return `${t.inclusive ? '≤' : '<'} ${percentText(t.percent)}% (${credit})`;
}

/** An undecided priority says so: "P1 or P2", the reading the row is due under first. */
const priorityText = (t: TicketDue | TicketPaused) =>
  t.priorityUndecided === undefined
    ? t.priority
    : [t.priority].concat(t.priorityUndecided.filter((p) => p !== t.priority)).join(' or ');

/** Allowances to the millisecond where a second would round a boundary away. */
const exact = (ms: number) => `${duration(ms)} (${(ms / 1000).toFixed(3)} s)`;

/** What is left counts the open time as down; if none of it is, more may be: both are said. */
const leftText = (t: ThresholdBudget) =>
  t.crossed ? 'crossed' : `${exact(t.leftMs)}${t.leftAtMostMs > t.leftMs ? ` to ${duration(t.leftAtMostMs)}` : ''}`;

/** An uncovered period's ticket credits are unknown: what its lines come to is only at least what is owed. */
function owedText(d: AtRiskReport['deadlines'][number]): string {
  const known = d.amountMinor === null ? `${percentText(d.percent)}% of the fee` : moneyText(d.amountMinor, d.currency);
  const more = d.undecidedLines > 0 ? ` (+${d.undecidedLines} undecided)` : '';
  if (!d.ticketsNotCovered) return `${known}${more}`;
  return `${d.percent > 0 ? `${known}${more} + ` : ''}unknown: the ticket export does not cover it`;
}

/** The at-risk view for a person: tickets due soon, paused tickets, each service's downtime budget, claim deadlines. */
export function renderAtRiskTable(r: AtRiskReport, width?: number): string {
  const local = localTimeFormatter(r.period.zone);
  const out: string[] = [];
  out.push(
    `At risk at ${local(r.asOf)} (${r.period.zone}) — ${printable(r.policy.name, 120)}, tier ${r.tier.id}; tickets due within ${duration(r.withinMs)}, claim deadlines within ${r.deadlineDays} days`,
    '',
  );
  if (!r.sections.tickets) out.push('Tickets: no ticket export given.');
  else {
    out.push(`Tickets due within ${duration(r.withinMs)}: ${r.tickets.length}`);
    if (r.tickets.length > 0)
      out.push(
        renderTable(
          ['ticket', 'priority', 'metric', 'due', 'left', 'on the clock'],
          r.tickets.map((t) => [
            printable(t.id, 60),
            priorityText(t),
            METRIC_NAMES[t.metric],
            local(t.dueAt),
            businessLeft(t.leftMs, t.calendar),
            duration(t.wallLeftMs),
          ]),
          ['left', 'left', 'left', 'left', 'right', 'right'],
          width,
        ),
      );
    out.push('', `Paused (the clock held): ${r.paused.length}`);
    if (r.paused.length > 0)
      out.push(
        renderTable(
          ['ticket', 'priority', 'metric', 'paused since', 'left when resumed'],
          r.paused.map((t) => [
            printable(t.id, 60),
            priorityText(t),
            METRIC_NAMES[t.metric],
            local(t.pausedSince),
            businessLeft(t.leftMs, t.calendar),
          ]),
          ['left', 'left', 'left', 'left', 'right'],
          width,
        ),
      );
  }
  out.push('');
  if (!r.sections.availability) out.push('Availability: no uptime log given.');
  else {
    out.push(`Availability, ${r.period.label} to date: downtime still allowed before the target and each credit band`);
    const rows: string[][] = [];
    for (const s of r.availability) {
      const so = s.availabilityPercent === null ? 'unknown' : `${availabilityShown(s.availabilityPercent)}%`;
      const shown = s.thresholds.length > 0 ? s.thresholds : [null];
      for (const [i, t] of shown.entries())
        rows.push([
          i === 0 ? printable(s.service, 60) : '',
          i === 0 ? `${so}${s.coverageShort ? ' (thin evidence)' : ''}` : '',
          i === 0 ? `${duration(s.downtimeMs)}${s.undecidedMs > 0 ? ` + ${duration(s.undecidedMs)} open` : ''}` : '',
          t ? line(t) : 'no target',
          t ? (t.allowedMs < 0 ? 'none' : exact(t.allowedMs)) : '—',
          t ? leftText(t) : '—',
        ]);
    }
    out.push(
      renderTable(
        ['service', 'so far', 'down so far', 'line', 'allowed in the period', 'left'],
        rows,
        ['left', 'right', 'right', 'left', 'right', 'right'],
        width,
      ),
    );
  }
  out.push('');
  if (!r.sections.deadlines) out.push(`Claim deadlines: policy ${r.policy.id} sets none.`);
  else {
    out.push(`Claim deadlines within ${r.deadlineDays} days: ${r.deadlines.length}`);
    if (r.deadlines.length > 0)
      out.push(
        renderTable(
          ['period', 'claim by', 'days left', 'owed'],
          r.deadlines.map((d) => [d.period, formatIsoDate(d.claimBy), String(d.daysLeft), owedText(d)]),
          ['left', 'left', 'right', 'right'],
          width,
        ),
      );
  }
  return `${out.join('\n')}\n`;
}
