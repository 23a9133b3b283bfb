import type { Claim } from '../../core/credits/claim-packet.js';
import { printable } from '../../core/issues.js';
import { decimalAmount, moneyText } from '../../core/money.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { VERSION } from '../../version.js';
import { needText } from './claim-text.js';

/** What `claim` prints: every claim of the run, with its state, amount, deadline and packet folder (none for nothing to send). */
export function claimSummary(claims: readonly Claim[], folders: ReadonlyMap<Claim, string>, json: boolean): string {
  if (json) {
    const rows = claims.map((c) => ({
      period: c.report.period.label,
      service: c.service,
      readiness: c.readiness,
      needs: c.needs.map((n) => ({ code: n.code, args: n.args })),
      amount: decimalAmount(c.amountMinor, c.report.currency),
      currency: c.report.currency,
      claimBy: c.claimBy === null ? null : formatIsoDate(c.claimBy),
      daysLeft: c.daysLeft,
      folder: folders.get(c) ?? null,
    }));
    // Versioned as every other document sla-audit writes: a dashboard checks what it reads.
    const doc = { schemaVersion: 1, kind: 'claims', generator: { name: 'sla-audit', version: VERSION }, claims: rows };
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const lines: string[] = [];
  for (const c of claims) {
    const amount = c.amountMinor === null ? 'amount unknown (no fee)' : moneyText(c.amountMinor, c.report.currency);
    const deadline =
      c.claimBy === null
        ? c.readiness === 'not applicable'
          ? 'nothing to claim'
          : 'no deadline'
        : c.readiness === 'expired'
          ? `the deadline ${formatIsoDate(c.claimBy)} has passed`
          : `claim by ${formatIsoDate(c.claimBy)}${c.daysLeft === null ? '' : ` (${c.daysLeft} days left)`}`;
    const head = [c.report.period.label, c.service, c.readiness, amount, deadline, folders.get(c) ?? 'no packet']
      .filter((s): s is string => s !== null)
      .map((s) => printable(s, 300))
      .join('  ');
    lines.push(head);
    for (const n of c.needs) lines.push(`  - ${printable(needText(n), 500)}`);
  }
  if (claims.length === 0) lines.push('no period audited');
  return `${lines.join('\n')}\n`;
}
