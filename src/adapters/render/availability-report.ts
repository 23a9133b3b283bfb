import type { ChalkInstance } from 'chalk';
import { MS_PER_DAY } from '../../core/time/civil.js';
import { ZoneOffsets } from '../../core/time/zone.js';
import { csvTable, type Cell } from './csv.js';
import { duration } from './explain-render.js';
import { localTimeFormatter } from './local-time.js';
import type { Report } from './report.js';

type AvailabilityJson = Report['availability'][number];

const percent = (p: number | null) => (p === null ? 'no data' : `${p.toFixed(4)}%`);

export const AVAILABILITY_HEAD = ['service', 'availability', 'target', 'met', 'downtime', 'maintenance', 'no data'];
export const AVAILABILITY_ALIGN: Array<'left' | 'right'> = ['left', 'right', 'right', 'left', 'right', 'right', 'right'];

export function availabilityRows(r: Report, mark: (met: boolean | null, text: string) => string): string[][] {
  return r.availability.map((a) => [
    a.service,
    mark(a.met, percent(a.availabilityPercent)),
    a.targetPercent === null ? 'none' : `${a.targetPercent}%`,
    a.met === null ? '—' : mark(a.met, a.met ? 'yes' : 'no'),
    duration(a.downtimeSeconds * 1000),
    duration(a.maintenanceSeconds * 1000),
    duration(a.noDataSeconds * 1000),
  ]);
}

/**
 * One character per local day of the period for the `all` row: · no
 * downtime, ▂▄▆█ more of the day down, ? no data all day. A bad week shows
 * at a glance.
 */
export function dayBar(r: Report, all: AvailabilityJson): { bar: string; legend: string } {
  const offsets = new ZoneOffsets(r.period.zone);
  const start = Date.parse(r.period.start);
  const end = Date.parse(r.period.end);
  const down = all.downtime.map((d) => [Date.parse(d.start), Date.parse(d.end)] as const);
  const chars: string[] = [];
  let dayStart = start;
  while (dayStart < end) {
    const localDay = Math.floor((dayStart + offsets.offset(dayStart)) / MS_PER_DAY);
    const dayEnd = Math.min(end, offsets.instantOf((localDay + 1) * MS_PER_DAY).t);
    let d = 0;
    for (const [a, b] of down) d += Math.max(0, Math.min(b, dayEnd) - Math.max(a, dayStart));
    const f = d / (dayEnd - dayStart);
    chars.push(f === 0 ? '·' : f < 0.01 ? '▂' : f < 0.05 ? '▄' : f < 0.2 ? '▆' : '█');
    dayStart = dayEnd;
  }
  const noData = all.noDataSeconds * 1000 >= end - start;
  return { bar: noData ? '?'.repeat(chars.length) : chars.join(''), legend: '· none  ▂ <1%  ▄ <5%  ▆ <20%  █ ≥20% of the day down' };
}

/** The downtime of the `all` row as local spans, longest first, at most `max`. */
export function downtimeRows(r: Report, all: AvailabilityJson, max = 10): string[][] {
  const local = localTimeFormatter(r.period.zone);
  return [...all.downtime]
    .sort((a, b) => b.seconds - a.seconds || (a.start < b.start ? -1 : 1))
    .slice(0, max)
    .map((d) => [local(Date.parse(d.start)), local(Date.parse(d.end)), duration(d.seconds * 1000)]);
}

export function renderAvailabilitySection(r: Report, c: ChalkInstance, table: (head: string[], rows: string[][], align?: Array<'left' | 'right'>) => string): string[] {
  const out: string[] = [c.bold(`Availability in ${r.period.label} (${r.period.zone})`)];
  out.push(table(AVAILABILITY_HEAD, availabilityRows(r, (met, text) => (met === false ? c.red.bold(text) : met ? c.green(text) : text)), AVAILABILITY_ALIGN));
  const all = r.availability.find((a) => a.service === 'all');
  if (all) {
    const { bar, legend } = dayBar(r, all);
    out.push(`Daily: ${bar}`, c.dim(`       ${legend}`));
    const rows = downtimeRows(r, all);
    if (rows.length > 0) {
      out.push('', c.bold(`Downtime (${all.downtime.length} span${all.downtime.length === 1 ? '' : 's'}, longest first)`), table([`from (${r.period.zone})`, 'to', 'length'], rows, ['left', 'left', 'right']));
    }
  }
  return out;
}

/** One row per service and period. */
export function availabilityCsv(r: Report): string {
  const head = ['period', 'service', 'availability_percent', 'target_percent', 'met', 'eligible_seconds', 'downtime_seconds', 'maintenance_seconds', 'no_data_seconds'];
  const rows = r.availability.map((a): Cell[] => [a.period, a.service, a.availabilityPercent, a.targetPercent, a.met, a.eligibleSeconds, a.downtimeSeconds, a.maintenanceSeconds, a.noDataSeconds]);
  return csvTable(head, rows);
}
