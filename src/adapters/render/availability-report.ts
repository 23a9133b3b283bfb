import type { ChalkInstance } from 'chalk';
import type { AvailabilityRow } from '../../core/availability/availability.js';
import { availabilityShown } from '../../core/money.js';
import { printable } from '../../core/issues.js';
import type { AuditReport } from '../../core/report.js';
import { MS_PER_DAY } from '../../core/time/civil.js';
import { ZoneOffsets } from '../../core/time/zone.js';
import { csvTable, type Cell } from './csv.js';
import { duration } from './duration.js';
import { seconds } from './iso.js';
import { localTimeFormatter } from './local-time.js';

const percent = (p: number | null) => (p === null ? 'no data' : `${availabilityShown(p)}%`);

export const AVAILABILITY_HEAD = [
  'service',
  'availability',
  'target',
  'met',
  'downtime',
  'maintenance',
  'no data',
  'coverage',
];
export const AVAILABILITY_ALIGN: Array<'left' | 'right'> = [
  'left',
  'right',
  'right',
  'left',
  'right',
  'right',
  'right',
  'right',
];

export function availabilityRows(r: AuditReport, mark: (met: boolean | null, text: string) => string): string[][] {
  return r.availability.map((a) => [
    printable(a.service, 80),
    mark(a.met, percent(a.availabilityPercent)),
    a.targetPercent === null ? 'none' : `${a.targetPercent}%`,
    a.met === null
      ? a.coverageShort && a.availabilityPercent !== null
        ? 'unknown'
        : '—'
      : mark(a.met, a.met ? 'yes' : 'no'),
    duration(a.downtimeMs),
    duration(a.maintenanceMs),
    duration(a.noDataMs),
    a.coveragePercent === null ? '—' : `${a.coveragePercent.toFixed(1)}%`,
  ]);
}

/**
 * One character per local day of the period for the `all` row: · no
 * downtime, ▂▄▆█ more of the day down, ? no data all day. A bad week shows
 * at a glance.
 */
export function dayBar(r: AuditReport, all: AvailabilityRow): { bar: string; legend: string } {
  const offsets = new ZoneOffsets(r.period.zone);
  const { start, end } = r.period;
  const down = all.downtime;
  const within = (spans: readonly (readonly [number, number])[], from: number, to: number) =>
    spans.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
  const chars: string[] = [];
  let dayStart = start;
  while (dayStart < end) {
    const localDay = Math.floor((dayStart + offsets.offset(dayStart)) / MS_PER_DAY);
    const dayEnd = Math.min(end, offsets.instantOf((localDay + 1) * MS_PER_DAY).t);
    const f = within(down, dayStart, dayEnd) / (dayEnd - dayStart);
    // A day without evidence is not a day without downtime.
    const unknown = within(all.noData, dayStart, dayEnd) >= dayEnd - dayStart;
    chars.push(unknown ? '?' : f === 0 ? '·' : f < 0.01 ? '▂' : f < 0.05 ? '▄' : f < 0.2 ? '▆' : '█');
    dayStart = dayEnd;
  }
  return { bar: chars.join(''), legend: '· none  ▂ <1%  ▄ <5%  ▆ <20%  █ ≥20% of the day down  ? no data' };
}

/** The downtime of the `all` row as local spans, longest first, at most `max`. */
export function downtimeRows(r: AuditReport, all: AvailabilityRow, max = 10): string[][] {
  const local = localTimeFormatter(r.period.zone);
  const length = ([a, b]: readonly [number, number]) => seconds(b - a);
  return [...all.downtime]
    .sort((a, b) => length(b) - length(a) || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map((d) => [local(d[0]), local(d[1]), duration(d[1] - d[0])]);
}

export function renderAvailabilitySection(
  r: AuditReport,
  c: ChalkInstance,
  table: (head: string[], rows: string[][], align?: Array<'left' | 'right'>, drop?: readonly number[]) => string,
): string[] {
  const out: string[] = [c.bold(`Availability in ${r.period.label} (${r.period.zone})`)];
  // On a narrow terminal maintenance, no data and the target go first (JSON and CSV keep them).
  out.push(
    table(
      AVAILABILITY_HEAD,
      availabilityRows(r, (met, text) => (met === false ? c.red.bold(text) : met ? c.green(text) : text)),
      AVAILABILITY_ALIGN,
      [5, 6, 2],
    ),
  );
  const all = r.availability.find((a) => a.service === 'all');
  if (all) {
    const { bar, legend } = dayBar(r, all);
    out.push(`Daily: ${bar}`, c.dim(`       ${legend}`));
    const rows = downtimeRows(r, all);
    if (rows.length > 0) {
      out.push(
        '',
        c.bold(`Downtime (${all.downtime.length} span${all.downtime.length === 1 ? '' : 's'}, longest first)`),
        table([`from (${r.period.zone})`, 'to', 'length'], rows, ['left', 'left', 'right']),
      );
    }
  }
  return out;
}

/** One row per service and period. */
export function availabilityCsv(r: AuditReport): string {
  const head = [
    'period',
    'service',
    'availability_percent',
    'target_percent',
    'met',
    'eligible_seconds',
    'downtime_seconds',
    'maintenance_seconds',
    'no_data_seconds',
    'coverage_percent',
  ];
  const rows = r.availability.map((a): Cell[] => [
    a.period.label,
    a.service,
    a.availabilityPercent,
    a.targetPercent,
    a.met,
    seconds(a.eligibleMs),
    seconds(a.downtimeMs),
    seconds(a.maintenanceMs),
    seconds(a.noDataMs),
    a.coveragePercent,
  ]);
  return csvTable(head, rows);
}
