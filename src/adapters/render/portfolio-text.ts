import type { ChalkInstance } from 'chalk';
import { printable } from '../../core/issues.js';
import { decimalAmount, decimalText, minorDigits } from '../../core/money.js';
import type { Amounts, PeriodState, Portfolio } from '../../core/portfolio/portfolio.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { csvTable, type Cell } from './csv.js';
import { formatIssue, formatIssues } from './format-issues.js';
import { isoUtc } from './iso.js';
import { markdownTable } from './markdown.js';
import { contractOf } from './portfolio-json.js';
import { renderTable } from './table.js';

type Align = Array<'left' | 'right'>;

/** A section of the portfolio as a person reads it: a title, a table (or lines), and what it adds up to. */
interface Section {
  title: string;
  head?: string[];
  rows?: string[][];
  align?: Align;
  lines?: string[];
}

const MONEY_HEAD = ['owed', 'claimed', 'received', 'denied', 'expired', 'unclaimed', 'next claim by'];

function moneyCells(a: Amounts, currency: string): string[] {
  const digits = minorDigits(currency);
  const m = (minor: number | null) => (minor === null ? 'unknown' : `${decimalText(minor, digits)} ${currency}`);
  // Lines the evidence cannot decide are in no amount: said beside what is owed, so 0.00 never reads as settled.
  const undecided = a.undecidedLines > 0 ? ` + ${a.undecidedLines} undecided` : '';
  return [
    `${m(a.owedMinor)}${undecided}`,
    m(a.claimedMinor),
    m(a.receivedMinor),
    m(a.deniedMinor),
    m(a.expiredMinor),
    m(a.unclaimedMinor),
    a.claimBy === null
      ? '—'
      : `${formatIsoDate(a.claimBy)}${a.daysLeft === null ? '' : ` (${a.daysLeft === 0 ? 'last day' : `${a.daysLeft} days left`})`}`,
  ];
}

const STATE: ReadonlyMap<PeriodState, string> = new Map<PeriodState, string>([
  ['met', 'met'],
  ['breached', 'BREACHED'],
  ['pending', 'pending'],
  ['unknown', 'unknown'],
  ['no-target', 'no target'],
  ['no-tickets', 'no tickets'],
]);

function sections(p: Portfolio, paint: (state: PeriodState, text: string) => string): Section[] {
  const out: Section[] = [];
  const who = (run: number) => {
    const c = contractOf(p.runs[run]!);
    return [printable(c.vendor, 80), printable(c.contract, 80)];
  };
  out.push({
    title: 'Compliance by period',
    head: ['vendor', 'contract', 'service', ...p.periods, 'repeated breach'],
    align: ['left', 'left', 'left', ...p.periods.map((): 'left' => 'left'), 'left'],
    rows: p.trend.map((t) => {
      const by = new Map(t.states.map((s) => [s.period, s.state]));
      return [
        ...who(t.run),
        printable(t.service, 80),
        ...p.periods.map((label) => {
          const s = by.get(label);
          return s === undefined ? '—' : paint(s, STATE.get(s)!);
        }),
        t.repeated ? `${t.breached} of the last ${t.window} periods` : '—',
      ];
    }),
  });
  out.push({
    title: 'Credits over the periods',
    head: ['vendor', 'contract', 'service', ...MONEY_HEAD],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: p.credits.map((r) => [
      ...who(r.run),
      r.service === null ? 'all services' : printable(r.service, 80),
      ...moneyCells(r, r.currency),
    ]),
  });
  out.push({
    title: 'Totals per currency',
    head: ['currency', ...MONEY_HEAD],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: p.totals.map((t) => [t.currency, ...moneyCells(t, t.currency)]),
  });
  if (p.ledger)
    out.push({
      title: `Ledger ${printable(p.ledger.file, 200)} against the credits: ${p.mismatches.length} mismatch${p.mismatches.length === 1 ? '' : 'es'}${p.undecided.length > 0 ? `, ${p.undecided.length} undecided` : ''}${p.ledger.skipped > 0 ? ` (${p.ledger.skipped} entries of contracts not audited left unchecked)` : ''}`,
      lines: [...p.mismatches, ...p.undecided].map(formatIssue),
    });
  else if (p.mismatches.length > 0)
    out.push({ title: 'Credits not claimed (no --ledger given)', lines: p.mismatches.map(formatIssue) });
  if (p.failed.length > 0)
    out.push({
      title: `Not audited: ${p.failed.length} contract${p.failed.length === 1 ? '' : 's'}`,
      lines: p.failed.flatMap((f) => formatIssues(f.issues)),
    });
  return out;
}

function heading(p: Portfolio): string {
  const range = p.periods.length === 0 ? 'no period' : `${p.periods[0]} – ${p.periods[p.periods.length - 1]}`;
  return `Portfolio · ${p.runs.length} contract${p.runs.length === 1 ? '' : 's'} · ${range} · as of ${isoUtc(p.asOf)}`;
}

/** The portfolio for a terminal: breaches in colour when the chalk has it. */
export function portfolioTable(p: Portfolio, c: ChalkInstance, width?: number): string {
  // Not yet decided (still due, or beyond the evidence) stands out from met, as a breach does.
  const paint = (s: PeriodState, t: string) =>
    s === 'breached' ? c.red(t) : s === 'unknown' || s === 'pending' ? c.yellow(t) : t;
  const out = [c.bold(heading(p)), ''];
  for (const s of sections(p, paint)) {
    out.push(c.bold(s.title));
    if (s.head) out.push(renderTable(s.head, s.rows!, s.align, width));
    for (const l of s.lines ?? []) out.push(`  ${l}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}

export function portfolioMarkdown(p: Portfolio): string {
  const out = [`# ${heading(p)}`, ''];
  for (const s of sections(p, (_, t) => t)) {
    out.push(`## ${s.title}`, '');
    if (s.head) out.push(markdownTable(s.head, s.rows!, s.align));
    for (const l of s.lines ?? []) out.push(`- ${l.replace(/([\\`*_[\]|<>])/g, '\\$1')}`);
    if (s.lines) out.push('');
  }
  return `${out.join('\n')}`;
}

const CSV_HEAD = [
  'vendor',
  'contract',
  'file',
  'period',
  'service',
  'readiness',
  'currency',
  'owed',
  'claimed',
  'received',
  'denied',
  'expired',
  'unclaimed',
  'claim_by',
  'days_left',
  'undecided_lines',
];

/** One row per claim per period (what finance reconciles), then one total row per currency (period "total"). */
export function portfolioCsv(p: Portfolio): string {
  const amounts = (a: Amounts, currency: string): Cell[] => [
    currency,
    decimalAmount(a.owedMinor, currency),
    decimalAmount(a.claimedMinor, currency),
    decimalAmount(a.receivedMinor, currency),
    decimalAmount(a.deniedMinor, currency),
    decimalAmount(a.expiredMinor, currency),
    decimalAmount(a.unclaimedMinor, currency),
    a.claimBy === null ? null : formatIsoDate(a.claimBy),
    a.daysLeft,
    a.undecidedLines,
  ];
  const rows: Cell[][] = p.accounts.map((a) => {
    const c = contractOf(p.runs[a.run]!);
    return [c.vendor, c.contract, c.file, a.period, a.service, a.readiness, ...amounts(a, a.currency)];
  });
  for (const t of p.totals) rows.push([null, null, null, 'total', null, null, ...amounts(t, t.currency)]);
  return csvTable(CSV_HEAD, rows);
}
