import { InputError, type Issue } from '../../core/issues.js';
import type { StatementFigure, StatementUnit } from '../../core/reconcile/availability-model.js';
import { decimalDurationMs, FIGURE_HINT } from './figure-duration.js';

/**
 * A vendor's monthly availability statement: one line per service and period, `service`, `month`
 * (YYYY-MM, or the policy's period label: 2026-Q4, FY2027-Q1) and exactly one figure column, whose
 * name states its unit. A CSV with a header, or JSON: an array of objects with the same keys (or
 * `{"statement": […]}`).
 */
const FIGURE_COLUMNS = new Map<string, StatementUnit>([
  ['downtime_minutes', 'minutes'],
  ['downtime_seconds', 'seconds'],
  ['availability_percent', 'percent'],
]);
const UNIT_MS = new Map<StatementUnit, number>([
  ['minutes', 60_000],
  ['seconds', 1000],
]);

/** A column that looks like a figure: without one of the names above, its unit is unstated. */
const LOOKS_LIKE_FIGURE = /downtime|availability|uptime|outage|unavailab/;
const PERIOD = /^(FY)?\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
/** Up to three decimals of a minute or second (to the millisecond), six of a percent (as targets are read). */
const DECIMAL = /^\d+(\.\d+)?$/;

/** Whether a header (lower case) is a statement's: it names a service and a month. */
export function isStatementHeader(header: readonly string[]): boolean {
  return header.includes('service') && header.includes('month');
}

/** A statement read from a CSV already parsed into rows (the first its header, lower case in `header`). */
export function statementFromCsv(
  file: string,
  header: readonly string[],
  rows: readonly string[][],
): StatementFigure[] {
  const records: Array<{ line: number; cells: Map<string, string> }> = [];
  for (let i = 1; i < rows.length; i++)
    records.push({ line: i + 1, cells: new Map(header.map((h, j) => [h, (rows[i]![j] ?? '').trim()])) });
  return statement(file, header, records);
}

/** A statement from a JSON document, or null when the document is not one (an array of objects naming a service and a month). */
export function statementFromJson(file: string, doc: unknown): StatementFigure[] | null {
  const list = Array.isArray(doc)
    ? doc
    : doc !== null && typeof doc === 'object' && 'statement' in doc
      ? doc.statement
      : null;
  if (!Array.isArray(list)) return null;
  const records = list.map((item: unknown, i) => {
    const cells = new Map<string, string>();
    if (item !== null && typeof item === 'object' && !Array.isArray(item))
      for (const [k, v] of Object.entries(item))
        cells.set(k.trim().toLowerCase(), typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
    return { line: i + 1, cells };
  });
  const header = [...new Set(records.flatMap((r) => [...r.cells.keys()]))];
  return isStatementHeader(header) ? statement(file, header, records) : null;
}

function statement(
  file: string,
  header: readonly string[],
  records: ReadonlyArray<{ line: number; cells: ReadonlyMap<string, string> }>,
): StatementFigure[] {
  const stated = header.filter((h) => FIGURE_COLUMNS.has(h));
  const unitless = header.filter((h) => !FIGURE_COLUMNS.has(h) && LOOKS_LIKE_FIGURE.test(h));
  const issues: Issue[] = unitless.map((column) => ({
    code: 'RECONCILE_UNKNOWN_UNIT',
    file,
    line: 1,
    args: { column },
  }));
  if (stated.length !== 1)
    issues.push({
      code: 'RECONCILE_STATEMENT_FIGURE',
      file,
      line: 1,
      args: { columns: stated },
      hint: 'give exactly one of downtime_minutes, downtime_seconds or availability_percent',
    });
  if (issues.length > 0) throw new InputError(issues);
  const column = stated[0]!;
  const unit = FIGURE_COLUMNS.get(column)!;
  const out: StatementFigure[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) {
    const service = cells.get('service') ?? '';
    const period = cells.get('month') ?? '';
    const value = cells.get(column) ?? '';
    if (service === '' && period === '' && value === '') continue;
    const bad = (col: string, v: string, hint?: string) =>
      issues.push({ code: 'RECONCILE_BAD_FIGURE', file, line, args: { column: col, value: v.slice(0, 40) }, hint });
    if (service === '') bad('service', service);
    if (!PERIOD.test(period)) bad('month', period);
    const figure = figureOf(unit, value);
    if (figure === null) bad(column, value, unit === 'percent' ? undefined : FIGURE_HINT);
    if (service === '' || !PERIOD.test(period) || figure === null) continue;
    const k = `${period}\u0000${service}`;
    const first = seen.get(k);
    if (first !== undefined) {
      issues.push({ code: 'RECONCILE_STATEMENT_DUPLICATE', file, line, args: { service, month: period, first } });
      continue;
    }
    seen.set(k, line);
    out.push({ service, period, unit, ...figure, source: `${file}:${line}` });
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}

/** A figure's text in its unit, exactly: to the millisecond of a downtime, the millionth of a percent (at most 100). */
function figureOf(
  unit: StatementUnit,
  text: string,
): { downtimeMs: number | null; percentMicros: number | null } | null {
  if (!DECIMAL.test(text)) return null;
  const [whole, fraction = ''] = text.split('.') as [string, string?];
  if (unit === 'percent') {
    if (fraction.length > 6) return null;
    const micros = Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
    return micros <= 100_000_000 ? { downtimeMs: null, percentMicros: micros } : null;
  }
  const downtimeMs = decimalDurationMs(text, UNIT_MS.get(unit)!);
  return downtimeMs === null ? null : { downtimeMs, percentMicros: null };
}
