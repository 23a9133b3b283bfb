import { printable } from '../../core/issues.js';
import { moneyText, percentText } from '../../core/money.js';
import type {
  AvailabilityReconcileRow,
  AvailabilityReconciliation,
  AvailabilityRule,
} from '../../core/reconcile/availability-model.js';
import type { CauseCount, Coverage, MoneyImpact, ReconcileRow, Reconciliation } from '../../core/reconcile/model.js';
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
  const undecided = m.undecidedLines[side];
  // Lines the evidence cannot decide are not in the amount: said beside it, so 0 is never read as settled.
  return `${
    t.amountMinor === null
      ? `${percentText(t.percent)}% of the fee`
      : `${moneyText(t.amountMinor, m.currency)} (${percentText(t.percent)}%)`
  }${undecided > 0 ? ` + ${undecided} undecided line${undecided === 1 ? '' : 's'}, not counted` : ''}${
    t.expired ? ` + ${t.expired.lines} expired line${t.expired.lines === 1 ? '' : 's'}, not owed` : ''
  }`;
};

/**
 * A reconciliation for a person: per period, coverage, the cross-tab, the causes, the money, then the
 * rows that differ (all with `all`); for an availability statement, coverage, the causes and every row.
 */
export function reconcileText(
  head: ReconcileHead,
  recs: readonly Reconciliation[],
  availability: AvailabilityReconciliation | null,
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
      `Tickets in both: ${coverageText(r.coverage)}\n`,
      `Compared: ${r.rows.length - r.notCompared} (tolerance ${tol} min); differ: ${r.differences}, of which unexplained: ${r.unexplained}; not compared: ${r.notCompared}\n`,
    );
    causeLines(out, r.byCause, r.differences, r.unexplained);
    // Settled as the audit settles them (escalation, the yearly cap, expiry): ours is the audit's own total.
    out.push(`Credits: by our verdicts ${money(r.money, 'ours')}; by theirs ${money(r.money, 'theirs')}\n\n`);
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
  if (availability) {
    const a = availability;
    out.push(
      title('Availability'),
      `Services and periods in both: ${coverageText(a.coverage)}\n`,
      `Compared: ${a.rows.length - a.notCompared - a.oursIncomplete} (tolerance ${minutes(a.toleranceMs)} min); differ: ${a.differences}, of which unexplained: ${a.unexplained}; not compared: ${a.notCompared}${a.oursIncomplete > 0 ? `; our evidence cannot tell: ${a.oursIncomplete}` : ''}\n`,
    );
    causeLines(out, a.byCause, a.differences, a.unexplained);
    out.push(
      '\n',
      table(
        ['period', 'service', 'ours (min)', 'theirs (min)', 'difference', 'each rule lifted (min)', 'why'],
        a.rows.map((x) => [
          x.period,
          printable(x.service, 60),
          minutes(x.ours.downtimeMs),
          theirsText(x),
          signed(x.differenceMs),
          x.rules.map((e) => `${RULE_NAMES.get(e.rule)} ${signed(e.removedMs)}`).join(', ') || '—',
          availabilityWhy(x),
        ]),
        ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
      ),
    );
  }
  return out.join('');
}

const coverageText = (c: Coverage) =>
  `${c.both}; only ours: ${c.onlyOurs}${sample(c.onlyOursSample)}; only theirs: ${c.onlyTheirs}${sample(c.onlyTheirsSample)}`;

/** "3 of 4 differences: <cause>", most first, then the unexplained ones. */
function causeLines(out: string[], byCause: readonly CauseCount[], differences: number, unexplained: number): void {
  for (const c of byCause)
    out.push(
      `  ${c.differences} of ${differences} differences: ${printable(findingText(c.cause.code, c.cause.args), 300)}\n`,
    );
  if (unexplained > 0) out.push(`  ${unexplained} of ${differences} differences: unexplained\n`);
}

const RULE_NAMES = new Map<AvailabilityRule, string>([
  ['maintenance', 'maintenance'],
  ['minimumOutage', 'minimum outage'],
  ['zones', 'zones'],
  ['buckets', 'buckets'],
  ['noData', 'no data'],
]);

/** A percentage as stated, with the minutes it means over our eligible time. */
const theirsText = (x: AvailabilityReconcileRow): string =>
  x.theirs.percentMicros === null
    ? minutes(x.theirs.downtimeMs)
    : `${percentText(x.theirs.percentMicros / 1_000_000)}% (${minutes(x.theirs.downtimeMs)})`;

function availabilityWhy(x: AvailabilityReconcileRow): string {
  if (x.status === 'agree') return 'agree';
  if (x.status === 'not-compared') return 'not compared (no evidence, or no eligible time)';
  if (x.status === 'ours-incomplete' && x.undecided)
    return printable(findingText(x.undecided.code, x.undecided.args), 300);
  if (x.status === 'ours-incomplete')
    return `undecided: our logs cover ${x.ours.coveragePercent === null ? 'too little' : `${percentText(x.ours.coveragePercent, 1)}%`} of the period, below the minimum — ours is the least there was`;
  const c = x.causes[0];
  return c
    ? `${printable(findingText(c.finding.code, c.finding.args), 300)} (${signed(c.removedMs)} min)`
    : 'unexplained';
}

const sample = (ids: readonly string[]) =>
  ids.length === 0 ? '' : ` (${ids.map((i) => printable(i, 40)).join(', ')}…)`;
