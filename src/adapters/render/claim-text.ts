import type { Claim, ClaimNeed, Readiness } from '../../core/credits/claim-packet.js';
import { availabilityShown, moneyText, percentShown } from '../../core/money.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { evidenceRows } from './claim-evidence.js';
import { duration } from './duration.js';
import { isoUtc } from './iso.js';
import { findingText, METRIC_NAMES } from './wording.js';
import type { CreditLine } from '../../core/credits/credit-line.js';

export const readinessText = (r: Readiness): string => r;

export const needText = (n: ClaimNeed): string => findingText(n.code, n.args);

/** Why a credit line is owed, as the audit's reports word it. */
export const reasonText = (c: CreditLine): string => findingText(c.reason.code, c.reason.args);

function moneyOf(claim: Claim): (minor: number | null) => string {
  const currency = claim.report.currency;
  return (minor) => (minor === null ? 'not known (no fee given)' : moneyText(minor, currency));
}

/** Who is claimed from: the contract's vendor, else the policy's name. */
const vendorName = (claim: Claim): string => claim.parties.vendor?.name ?? claim.report.policy.name;

export function claimTitle(claim: Claim): string {
  return `Service credit claim — ${vendorName(claim)} — ${claim.report.period.label}${claim.service ? ` — ${claim.service}` : ''}`;
}

export function subjectLine(claim: Claim): string {
  const subject = claim.procedure?.subject || 'Service credit claim';
  const ref = claim.parties.reference ? ` — contract ${claim.parties.reference}` : '';
  return `${subject} — ${claim.report.period.label}${claim.service ? ` — ${claim.service}` : ''}${ref}`;
}

const VIA = new Map([
  ['support-case', 'open a support case'],
  ['email', 'send an e-mail'],
  ['portal', "file it on the vendor's portal"],
]);

/** How and where to send it: the contract's claims contact wins over the policy's. */
export function sendVia(claim: Claim): string {
  const p = claim.procedure;
  if (p === null) return "the policy does not say how the vendor takes claims: check the SLA and the vendor's contact";
  const to = claim.parties.vendor?.claimsContact ?? p.to;
  return `${VIA.get(p.via)}${to ? ` (${to})` : ''}, subject "${subjectLine(claim)}"`;
}

export function partyRows(claim: Claim): Array<[string, string]> {
  const p = claim.parties;
  const r = claim.report;
  const services = [...p.resourceIds].filter(
    ([s, ids]) => ids.length > 0 && (claim.service === null || s === claim.service),
  );
  return [
    ['Customer', p.customer ?? 'not given (customer: in the contract)'],
    ['Vendor', vendorName(claim)],
    ['Contract reference', p.reference ?? 'not given (reference: in the contract)'],
    ['Accounts', p.accountIds.length > 0 ? p.accountIds.join(', ') : 'none given'],
    [
      'Resources',
      services.length > 0 ? services.map(([s, ids]) => `${s}: ${ids.join(', ')}`).join('; ') : 'none given',
    ],
    ['Policy', `${r.policy.name} (${r.policy.id}), tier ${r.tier.id}`],
    ['Contract file', r.contract?.file ?? 'none'],
  ];
}

/** The computation behind the amount, step by step: fee, each line, escalation, caps, minimum, the year's cap, expiry. */
export function claimCalculation(claim: Claim): string[] {
  const r = claim.report;
  const money = moneyOf(claim);
  const spec = r.policy.credits;
  const t = r.creditTotal;
  const out: string[] = [];
  out.push(
    `Fee of ${r.period.label}: ${money(r.feeMinor)} (the ${r.period.months === 3 ? 'quarterly' : 'monthly'} fee).`,
  );
  for (const { credit: c, readiness } of claim.lines) {
    const fee = c.feeMinor !== undefined ? ` of ${c.service}'s fee ${money(c.feeMinor)}` : ' of the fee';
    const esc = c.basis['escalation'] as { periodsInARow?: number; factor?: number } | undefined;
    const escalation = esc?.factor ? ` (escalated ×${esc.factor}: ${esc.periodsInARow} periods in a row)` : '';
    const band =
      typeof c.basis['band'] === 'string' ? `availability ${availabilityOf(c)} in the band ${c.basis['band']}: ` : '';
    out.push(
      `${c.rule}: ${band}${percentShown(c.percent)}%${fee} = ${money(c.amountMinor)}${escalation} — ${readiness}.`,
    );
  }
  if (spec.capPercent !== null)
    out.push(
      `The policy caps a period's credits at ${percentShown(spec.capPercent)}% of the fee${t.capped && !t.year?.reached ? ': this period reaches the cap' : ''}.`,
    );
  if (spec.contractCapPercent !== null)
    out.push(`The contract caps the whole bill's credits at ${percentShown(spec.contractCapPercent)}%.`);
  if (t.year)
    out.push(
      `The yearly cap is ${percentShown(t.year.capPercent)}% of the year's fees (${money(t.year.capAmountMinor)}); earlier periods this year took ${money(t.year.earlierAmountMinor)}${t.year.reached ? ': the cap is reached, and this period gets what was left' : ''}${t.year.unknownPeriods.length > 0 ? `; not counting ${t.year.unknownPeriods.join(', ')}, whose credits are unknown` : ''}.`,
    );
  if (spec.minimumPayableMinor !== null)
    out.push(
      `A total of less than ${money(spec.minimumPayableMinor)} is not paid${t.belowMinimum ? ': this total is less, so nothing is claimed' : ''}.`,
    );
  if (t.expired)
    out.push(
      `${t.expired.lines} line(s) passed their claim deadline (${percentShown(t.expired.percent)}% = ${money(t.expired.amountMinor)}): not claimed.`,
    );
  out.push(`Claimed: ${percentShown(claim.percent)}% = ${money(claim.amountMinor)}.`);
  return out;
}

const availabilityOf = (c: CreditLine): string => {
  const a = c.basis['availabilityPercent'];
  return typeof a === 'number' ? `${availabilityShown(a)}%` : 'unknown';
};

/** A header's value on one line: a line break in a contract's or policy's text would start another header. */
const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ');

/** request.txt: the message to send, in the vendor's terms; what to settle first, above a cut line, when it needs review. */
export function requestText(claim: Claim): string {
  const r = claim.report;
  const money = moneyOf(claim);
  const p = claim.parties;
  const lines: string[] = [];
  if (claim.needs.length > 0) {
    lines.push(`Before sending (${claim.readiness}):`);
    for (const n of claim.needs) lines.push(`- ${needText(n)}`);
    lines.push('', '-'.repeat(72), '');
  }
  lines.push(`To: ${oneLine(p.vendor?.claimsContact ?? claim.procedure?.to ?? vendorName(claim))}`);
  lines.push(`Subject: ${oneLine(subjectLine(claim))}`, '');
  lines.push(
    `${p.customer ?? 'We'} ${p.customer ? 'claims' : 'claim'} a service credit under ${r.policy.name}${p.reference ? `, contract ${p.reference}` : ''}, for the billing period ${r.period.label} (${r.period.zone}).`,
  );
  if (p.accountIds.length > 0) lines.push(`Accounts: ${p.accountIds.join(', ')}.`);
  for (const row of partyRows(claim))
    if (row[0] === 'Resources' && row[1] !== 'none given') lines.push(`Resources: ${row[1]}.`);
  lines.push(
    '',
    `Amount claimed: ${money(claim.amountMinor)} (${percentShown(claim.percent)}% of the fee of ${money(claim.feeMinor)}).`,
    '',
  );
  lines.push('Credit lines:');
  for (const { credit, readiness } of claim.lines)
    if (readiness === 'ready' || readiness === 'needs review') lines.push(`- ${credit.rule}: ${reasonText(credit)}.`);
  lines.push('', 'Evidence (UTC; evidence.csv gives each with the record it was read from):');
  for (const e of evidenceRows(claim))
    lines.push(
      e.kind === 'ticket'
        ? `- ticket ${e.ticket}: ${METRIC_NAMES[e.metric]} due ${isoUtc(e.dueAt)}, ${e.respondedAt === null ? 'no response by' : 'responded'} ${isoUtc(e.respondedAt ?? r.asOf)} (${duration(e.lateMs)} late)`
        : `- ${e.service} down ${isoUtc(e.start)} to ${isoUtc(e.end)} (${duration(e.end - e.start)})`,
    );
  lines.push('');
  if (claim.claimBy !== null)
    lines.push(`This claim is made within the SLA's deadline of ${formatIsoDate(claim.claimBy)}.`);
  lines.push(
    'Attached: claim.html (the claim), evidence.csv (the evidence), calculation.json (the computation and the checksums of the files it read).',
  );
  return `${lines.join('\n')}\n`;
}
