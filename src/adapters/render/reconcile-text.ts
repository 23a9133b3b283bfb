import { printable } from '../../core/issues.js';
import { decimalText, minorDigits, percentText } from '../../core/money.js';
import type { MoneyImpact, ReconcileRow, Reconciliation } from '../../core/reconcile/model.js';
import { markdownTable } from './markdown.js';
import type { ReconcileHead } from './reconcile-data.js';
import { renderTable } from './table.js';
import { findingText, METRIC_NAMES } from './wording.js';

/** Minutes, to the hundredth where a figure has seconds. */
const minutes = (ms: number | null): string => (ms === null ? '—' : String(Math.round(ms / 600) / 100));
const signed = (ms: number | null): string => (ms === null ? '—' : `${ms > 0 ? '+' : ''}${minutes(ms)}`);

function causeText(r: ReconcileRow): string {
  if (r.status === 'agree') return 'agree';
  if (r.status === 'not-compared') return `not compared (ours ${r.ours.status})`;
  const c = r.causes[0];
  return c ? printable(findingText(c.code, c.args), 300) : 'unexplained';
}

const money = (m: MoneyImpact, side: 'ours' | 'theirs'): string => {
  const t = m[side];
  return t.amountMinor === null
    ? `${percentText(t.percent)}% of the fee`
    : `${decimalText(t.amountMinor, minorDigits(m.currency))} ${m.currency} (${percentText(t.percent)}%)`;
};

/** A reconciliation for a person: per period, coverage, the cross-tab, the causes, the money, then the rows that differ (all with `all`). */
export function reconcileText(
  head: ReconcileHead,
  recs: readonly Reconciliation[],
  o: { markdown: boolean; all: boolean; width?: number },
): string {
  const table = (h: string[], rows: string[][], align?: Array<'left' | 'right'>) =>
    o.markdown ? markdownTable(h, rows, align) : `${renderTable(h, rows, align, o.width)}\n`;
  const title = (s: string) => (o.markdown ? `## ${s}\n\n` : `${s}\n`);
  const out: string[] = [
    `${o.markdown ? '# ' : ''}Reconciliation: ${printable(head.policy, 100)} (${printable(head.tier, 100)}) against ${printable(head.vendor.file, 300)} (${head.vendor.format}), as of ${head.asOf}\n`,
  ];
  for (const r of recs) {
    const tol = minutes(r.toleranceMs);
    out.push(
      title(`${r.period}`),
      `Tickets in both: ${r.coverage.both}; only ours: ${r.coverage.onlyOurs}${sample(r.coverage.onlyOursSample)}; only theirs: ${r.coverage.onlyTheirs}${sample(r.coverage.onlyTheirsSample)}\n`,
      `Compared: ${r.rows.length - r.notCompared} (tolerance ${tol} min); differ: ${r.differences}, of which unexplained: ${r.unexplained}; not compared: ${r.notCompared}\n`,
    );
    for (const c of r.byCause)
      out.push(
        `  ${c.differences} of ${r.differences} differences: ${printable(findingText(c.cause.code, c.cause.args), 300)}\n`,
      );
    if (r.unexplained > 0) out.push(`  ${r.unexplained} of ${r.differences} differences: unexplained\n`);
    out.push(`Ticket credits: by our verdicts ${money(r.money, 'ours')}; by theirs ${money(r.money, 'theirs')}\n\n`);
    out.push(
      table(
        ['metric', 'ours', 'theirs', 'tickets'],
        r.crossTab.map((c) => [METRIC_NAMES[c.metric], c.ours, c.theirs, String(c.tickets)]),
        ['left', 'left', 'left', 'right'],
      ),
    );
    const shown = r.rows.filter((x) => o.all || x.status === 'differ');
    if (shown.length > 0)
      out.push(
        '\n',
        table(
          ['ticket', 'metric', 'ours (min)', 'theirs (min)', 'difference', 'verdicts', 'why'],
          shown.map((x) => [
            printable(x.id, 60),
            METRIC_NAMES[x.metric],
            minutes(x.ours.elapsedMs),
            minutes(x.theirs.elapsedMs),
            signed(x.differenceMs),
            `${x.ours.status} / ${x.theirs.verdict ?? 'unknown'}${x.theirs.stated ? '' : '*'}`,
            causeText(x),
          ]),
          ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
        ),
      );
    out.push('\n');
  }
  if (recs.some((r) => r.rows.some((x) => x.theirs.verdict !== null && !x.theirs.stated)))
    out.push("* their verdict from their figure against our target (the vendor's file states none)\n");
  return out.join('');
}

const sample = (ids: readonly string[]) =>
  ids.length === 0 ? '' : ` (${ids.map((i) => printable(i, 40)).join(', ')}…)`;
