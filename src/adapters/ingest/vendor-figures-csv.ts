import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { InputError, type Issue } from '../../core/issues.js';
import type { StatementFigure } from '../../core/reconcile/availability-model.js';
import type { TicketFacts, VendorFigure, VendorMetric } from '../../core/reconcile/model.js';
import { decimalDurationMs, FIGURE_HINT } from './figure-duration.js';

/** A vendor's figures read from its own export: per ticket, the times and verdicts its tool computed. */
export interface VendorFigures {
  /** The export's format, as detected. */
  format: string;
  figures: VendorFigure[];
  facts: Map<string, TicketFacts>;
  /** Every ticket id the file names, in file order. */
  ids: string[];
}

const MINUTE = 60_000;

/** A column holding a business-hours figure in a unit its header states. */
interface FigureColumn {
  header: string;
  metric: VendorMetric;
  unitMs: number;
}

interface Format {
  name: string;
  ids: readonly string[];
  figures: readonly FigureColumn[];
  /** The first assignment, naive in the helpdesk's zone (Zendesk "Initially assigned at"). */
  assigned?: { header: string; format: string };
  nullValues?: readonly string[];
}

/**
 * Zendesk's UI/Explore ticket export (checked against fixtures/samples/zendesk-ui__tickets_excerpt.csv):
 * its business-hours figures name their unit in the header ("in minutes"). Its times are naive in the
 * account's zone.
 */
const ZENDESK: Format = {
  name: 'zendesk',
  ids: ['id', 'ticket id'],
  figures: [
    { header: 'first reply time in minutes within business hours', metric: 'firstResponse', unitMs: MINUTE },
    { header: 'full resolution time in minutes within business hours', metric: 'resolution', unitMs: MINUTE },
  ],
  assigned: { header: 'initially assigned at', format: 'yyyy-MM-dd HH:mm:ss' },
  nullValues: ['1900-01-01 00:00:00'],
};

/** What a header of a vendor's computed time looks like: a unit must then be stated too. */
const LOOKS_LIKE_FIGURE = /(reply|response|resolution).*(business|calendar)|business_duration/;

/** What a vendor's file is: figures per ticket, or a monthly availability statement (vendor-statement.ts). */
export type VendorFile =
  { kind: 'tickets'; figures: VendorFigures } | { kind: 'availability'; statement: StatementFigure[] };

/**
 * Reads a vendor's file and identifies it: an availability statement (CSV or JSON, by its `service` and
 * `month` columns), Zendesk's UI export, or a ServiceNow `task_sla` export (vendor-figures-servicenow.ts).
 * A figure in a unit the file does not state is an error naming the column: a number of "business time"
 * or of "downtime" is never read as minutes by guess.
 */
export async function readVendorFile(file: string, cwd: string, zone: string | null): Promise<VendorFile> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new InputError([
      { code: 'RECONCILE_VENDOR_UNREADABLE', file, args: { reason: err instanceof Error ? err.message : String(err) } },
    ]);
  }
  const statements = await import('./vendor-statement.js');
  if (/^\uFEFF?\s*[[{]/.test(text)) {
    let doc: unknown = null;
    try {
      doc = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      // Not one JSON document (an NDJSON ticket export read for its own figures): no format read here.
    }
    const statement = statements.statementFromJson(file, doc);
    if (statement === null) throw unknownFormat(file, []);
    return { kind: 'availability', statement };
  }
  const rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  if (statements.isStatementHeader(header))
    return { kind: 'availability', statement: statements.statementFromCsv(file, header, rows) };
  const { servicenowFigures, SERVICENOW_HEADERS } = await import('./vendor-figures-servicenow.js');
  if (SERVICENOW_HEADERS.every((h) => header.includes(h)))
    return { kind: 'tickets', figures: servicenowFigures(file, header, rows) };
  const idAt = ZENDESK.ids.map((h) => header.indexOf(h)).find((i) => i >= 0);
  const known = new Set(ZENDESK.figures.map((f) => f.header));
  const unitless = header.filter(
    (h) => LOOKS_LIKE_FIGURE.test(h) && !known.has(h) && !/\bin (minutes|hrs|hours|seconds)\b/.test(h),
  );
  const columns = ZENDESK.figures.map((f) => ({ ...f, at: header.indexOf(f.header) })).filter((c) => c.at >= 0);
  if (unitless.length > 0)
    throw new InputError(unitless.map((h) => ({ code: 'RECONCILE_UNKNOWN_UNIT', file, line: 1, args: { column: h } })));
  if (idAt === undefined || columns.length === 0) throw unknownFormat(file, header.slice(0, 12));
  return { kind: 'tickets', figures: zendeskFigures(file, rows, idAt, columns, header, zone) };
}

function unknownFormat(file: string, columns: string[]): InputError {
  return new InputError([
    {
      code: 'RECONCILE_VENDOR_FORMAT_UNKNOWN',
      file,
      line: 1,
      args: { columns },
      hint: 'give a Zendesk ticket export with its "… in minutes within business hours" columns, a ServiceNow task_sla export, or an availability statement (service, month, downtime_minutes)',
    },
  ]);
}

function zendeskFigures(
  file: string,
  rows: string[][],
  idAt: number,
  columns: ReadonlyArray<FigureColumn & { at: number }>,
  header: readonly string[],
  zone: string | null,
): VendorFigures {
  const issues: Issue[] = [];
  const out: VendorFigures = { format: ZENDESK.name, figures: [], facts: new Map(), ids: [] };
  const assignedAt = ZENDESK.assigned ? header.indexOf(ZENDESK.assigned.header) : -1;
  if (assignedAt >= 0 && zone === null)
    issues.push({
      code: 'RECONCILE_NEEDS_ZONE',
      file,
      line: 1,
      args: { column: ZENDESK.assigned!.header },
      hint: "Zendesk exports write times in the account's time zone (Admin Center → Account → Localization): pass --input-tz",
    });
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const line = i + 1;
    const id = (row[idAt] ?? '').trim();
    if (id === '') continue;
    out.ids.push(id);
    for (const c of columns) {
      const cell = (row[c.at] ?? '').trim();
      if (cell === '' || ZENDESK.nullValues?.includes(cell)) continue;
      const elapsedMs = decimalDurationMs(cell, c.unitMs);
      if (elapsedMs === null) {
        issues.push({
          code: 'RECONCILE_BAD_FIGURE',
          file,
          line,
          args: { column: c.header, value: cell.slice(0, 40) },
          hint: FIGURE_HINT,
        });
        continue;
      }
      out.figures.push({
        id,
        metric: c.metric,
        elapsedMs,
        verdict: null,
        source: `${file}:${line}`,
      });
    }
    if (assignedAt >= 0 && zone !== null) {
      const cell = (row[assignedAt] ?? '').trim();
      if (cell === '' || ZENDESK.nullValues?.includes(cell)) continue;
      const t = DateTime.fromFormat(cell, ZENDESK.assigned!.format, { zone });
      if (t.isValid) out.facts.set(id, { assignedAt: t.toMillis() });
      else
        issues.push({
          code: 'RECONCILE_BAD_FIGURE',
          file,
          line,
          args: { column: ZENDESK.assigned!.header, value: cell.slice(0, 40) },
        });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}
