import { moneyText, percentText } from '../../core/money.js';
import type { FailReason } from '../../core/report.js';
import { quantity } from './quantity.js';

/** One reason, as the stderr line names it. */
export function failReasonText(r: FailReason): string {
  switch (r.kind) {
    case 'tickets-breached':
      return `${quantity(r.count, 'ticket')} breached in ${r.period}`;
    case 'availability-below-target':
      return `availability of ${r.services.join(', ')} below target in ${r.period}`;
    case 'credit-owed':
      return `${
        r.amountMinor === null ? `${percentText(r.percent)}% of the fee` : moneyText(r.amountMinor, r.currency)
      } owed for ${r.period}`;
    case 'availability-undecided':
      return `availability of ${r.services.join(', ')} undecided in ${r.period}`;
    case 'tickets-not-measured':
      return `${quantity(r.count, 'ticket')} not measured in ${r.period}`;
    case 'tickets-not-covered':
      return `tickets of ${r.period} undecided: the ticket export ${
        r.pages !== undefined
          ? `is one page of more (${r.pages.join(', ')})`
          : r.firstTicket === null
            ? 'holds no ticket'
            : `begins at ${r.firstTicket}`
      }`;
    case 'credits-undecided':
      return `${quantity(r.count, 'credit line')} undecided in ${r.period}`;
    case 'rows-skipped':
      return `${quantity(r.count, 'input row')} skipped as invalid (--skip-invalid)`;
  }
}

/**
 * What `--fail-on` says on stderr when it sets the exit code: the condition, then every reason —
 * what was found first, then what the evidence cannot decide ("--fail-on breach: 3 tickets
 * breached in 2026-10; availability of api undecided in 2026-10"). Null when there is none.
 */
export function failOnLine(
  condition: string,
  reasons: { found: FailReason[]; undecided: FailReason[] },
): string | null {
  const all = [...reasons.found, ...reasons.undecided];
  if (all.length === 0) return null;
  const shown = all.slice(0, 8).map(failReasonText);
  return `--fail-on ${condition}: ${shown.join('; ')}${all.length > 8 ? `; and ${all.length - 8} more` : ''}`;
}
