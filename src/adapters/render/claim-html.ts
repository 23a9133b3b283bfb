import type { Claim, ClaimLine, FileDigest } from '../../core/credits/claim-packet.js';
import { moneyText, percentShown } from '../../core/money.js';
import { daysFromCivil, formatIsoDate } from '../../core/time/civil.js';
import { claimCalculation, claimTitle, needText, partyRows, readinessText, reasonText, sendVia } from './claim-text.js';
import { evidenceRows } from './claim-evidence.js';
import { localTimeFormatter } from './local-time.js';
import { isoUtc } from './iso.js';
import { METRIC_NAMES } from './wording.js';
import { duration } from './duration.js';

/** Text for HTML: every input-derived string passes here (an id may hold "<script>"). */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/*
 * One self-contained page: no script, no font, no image, nothing fetched.
 * The page size is left to the printer (A4 or Letter); the margins and the
 * breaks are set: a table's head repeats on every page, a row never splits,
 * the evidence starts on a page of its own.
 */
const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.4 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 .2rem; }
h2 { font-size: 13pt; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #999; }
.sub { color: #444; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; }
th, td { border: 1px solid #bbb; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; }
.kv th { width: 14rem; }
.state { display: inline-block; padding: .1rem .5rem; border: 2px solid; font-weight: bold; }
.ready { color: #075e07; } .review { color: #8a4b00; } .none, .expired { color: #555; }
.total { font-size: 14pt; font-weight: bold; }
ul.needs li { margin: .2rem 0; }
code, .mono { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; word-break: break-all; }
footer { margin-top: 2rem; color: #444; font-size: 9pt; }
@page { margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr, .keep { break-inside: avoid; }
  h2 { break-after: avoid; }
  .evidence { break-before: page; }
}
`;

const STATE_CLASS = new Map([
  ['ready', 'ready'],
  ['needs review', 'review'],
  ['not applicable', 'none'],
  ['expired', 'expired'],
]);

function table(head: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const th = head.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${html(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const kv = (rows: Array<[string, string]>) =>
  `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${html(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;

/** claim.html: who claims what from whom, for which period, on which evidence, computed how — readable on paper alone. */
export function claimHtml(claim: Claim, files: readonly FileDigest[], version: string): string {
  const r = claim.report;
  const money = (minor: number | null) => (minor === null ? '—' : html(moneyText(minor, r.currency)));
  const state = `<span class="state ${STATE_CLASS.get(claim.readiness)}">${html(readinessText(claim.readiness))}</span>`;
  const deadline =
    claim.claimBy === null
      ? 'no deadline in the policy'
      : `${formatIsoDate(claim.claimBy)}${claim.daysLeft === null ? '' : claim.daysLeft < 0 ? ' (passed)' : claim.daysLeft === 0 ? ' (the last day)' : ` (${claim.daysLeft} days left at ${isoUtc(r.asOf)})`}`;
  const out: string[] = [];
  out.push(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(claimTitle(claim))}</title>
<style>${STYLE}</style></head>
<body>
<h1>${html(claimTitle(claim))}</h1>
<p class="sub">${html(r.policy.name)}, tier ${html(r.tier.id)} — billing period ${html(r.period.label)} (${html(formatIsoDate(daysFromCivil(r.period.year, r.period.month, 1)))} to ${html(formatIsoDate(r.period.lastDay))}, ${html(r.period.zone)})</p>
<section class="keep"><h2>Summary</h2>
${kv([
  ['State', state],
  ['Amount claimed', `<span class="total" id="claim-total">${money(claim.amountMinor)}</span>`],
  ['Share of the fee', `${percentShown(claim.percent)}% of the ${r.period.months === 3 ? 'quarterly' : 'monthly'} fee`],
  [
    'Invoice period',
    `${html(r.period.label)} (${html(formatIsoDate(daysFromCivil(r.period.year, r.period.month, 1)))} to ${html(formatIsoDate(r.period.lastDay))})`,
  ],
  [
    claim.service ? `Fee of ${html(claim.service)}` : 'Fee of the period',
    claim.feeMinor === null ? 'not given' : money(claim.feeMinor),
  ],
  ['Claim by', `<span id="claim-deadline">${html(deadline)}</span>`],
  ['Send', html(sendVia(claim))],
])}
${claim.needs.length > 0 ? `<p><strong>Before sending:</strong></p><ul class="needs">${claim.needs.map((n) => `<li>${html(needText(n))}</li>`).join('')}</ul>` : ''}
</section>
<section class="keep"><h2>Parties</h2>
${kv(partyRows(claim).map(([k, v]) => [k, html(v)]))}
</section>`);
  out.push(`<section><h2>Credit lines</h2>
${table(
  ['line', 'service', 'percent', 'amount', 'claim by', 'state', 'why'],
  claim.lines.map((l) => lineRow(l, money)),
  new Set([2, 3]),
)}
</section>
<section class="keep"><h2>Calculation</h2>
<ul>${claimCalculation(claim)
    .map((s) => `<li>${html(s)}</li>`)
    .join('')}</ul>
</section>`);
  out.push(evidenceSection(claim));
  out.push(`<section><h2>Assumptions</h2>
<p>How the SLA was read, in the policy's own words${r.policy.source ? ` (source: ${html(r.policy.source)})` : ''}:</p>
<ul>${r.policy.assumptions.map((a) => `<li>${html(a.text)}</li>`).join('')}</ul>
${claim.procedure?.says ? `<p>What the SLA asks a claim to hold: ${html(claim.procedure.says)}</p>` : ''}
</section>
<footer>
<p>Computed by sla-audit ${html(version)} as of ${html(isoUtc(r.asOf))}. The files it read, by SHA-256 (calculation.json holds the whole computation):</p>
${table(
  ['file', 'role', 'bytes', 'sha-256'],
  files.map((f) => [html(f.path), html(f.role), String(f.bytes), `<span class="mono">${f.sha256}</span>`]),
  new Set([2]),
)}
</footer>
</body></html>
`);
  return out.join('\n');
}

function lineRow(l: ClaimLine, money: (minor: number | null) => string): string[] {
  const c = l.credit;
  const service = typeof c.basis['service'] === 'string' ? c.basis['service'] : (c.service ?? '');
  const amount = l.readiness === 'expired' ? `expired (${money(c.amountMinor)})` : money(c.amountMinor);
  const why = [reasonText(c), ...l.needs.map(needText)].map(html).join('<br>');
  return [
    html(c.rule),
    html(service),
    `${percentShown(c.percent)}%`,
    amount,
    c.claimBy === null ? 'none' : html(formatIsoDate(c.claimBy)),
    html(readinessText(l.readiness)),
    why,
  ];
}

function evidenceSection(claim: Claim): string {
  const r = claim.report;
  const local = localTimeFormatter(r.period.zone, { seconds: true });
  const rows = evidenceRows(claim);
  const tickets = rows.flatMap((e) =>
    e.kind !== 'ticket'
      ? []
      : [
          [
            html(e.ticket),
            html(`${METRIC_NAMES[e.metric]}${e.priority ? ` (${e.priority})` : ''}`),
            timeCell(e.createdAt, local),
            timeCell(e.dueAt, local),
            e.respondedAt === null ? 'none at as-of' : timeCell(e.respondedAt, local),
            html(duration(e.lateMs)),
            html([e.source, e.respondedFrom].filter((s) => s !== null).join('; ')),
          ],
        ],
  );
  const spans = rows.flatMap((e) =>
    e.kind !== 'downtime'
      ? []
      : [
          [
            html(e.service),
            timeCell(e.start, local),
            timeCell(e.end, local),
            html(duration(e.end - e.start)),
            html(e.source ?? ''),
          ],
        ],
  );
  const parts = [
    `<section class="evidence"><h2>Evidence</h2>
<p>Times in UTC${r.period.zone === 'UTC' ? '' : ` and in ${html(r.period.zone)}`}; each row names the file and line it was read from (evidence.csv holds the same rows).</p>`,
  ];
  if (tickets.length > 0)
    parts.push(table(['ticket', 'metric', 'created', 'due', 'responded', 'late by', 'source'], tickets, new Set([5])));
  if (spans.length > 0) parts.push(table(['service', 'down from', 'to', 'duration', 'source'], spans, new Set([3])));
  if (tickets.length + spans.length === 0) parts.push('<p>No evidence row: no credit line is owed.</p>');
  parts.push('</section>');
  return parts.join('\n');
}

function timeCell(ms: number | null, local: (ms: number | null) => string): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return `${html(isoUtc(ms))}<br>${html(local(ms))}`;
}
