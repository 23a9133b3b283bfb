import { InputError, type Issue } from '../../core/issues.js';
import type { VendorMetric } from '../../core/reconcile/model.js';
import type { VendorFigures } from './vendor-figures-csv.js';
import { FIGURE_HINT, isFigureDuration } from './figure-duration.js';

/**
 * ServiceNow's `task_sla` list exported as CSV (from ServiceNow's documentation of the table; no public
 * export was found, so this is not verified against a real one): one row per SLA attached to a task, with
 * the SLA definition's name, its stage, `has_breached` and the time on the SLA's schedule
 * (`business_duration`), as a display value ("2 Hours 5 Minutes") or a raw duration ("1970-01-01 02:05:00").
 */
export const SERVICENOW_HEADERS = ['task', 'sla', 'stage', 'has_breached', 'business_duration'] as const;

const UNIT_MS = new Map([
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
]);
const RAW = /^1970-01-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A duration as ServiceNow writes one; null: no unit to read it in. */
export function servicenowDuration(text: string): number | null {
  const raw = RAW.exec(text);
  if (raw)
    return (
      (Number(raw[1]) - 1) * 86_400_000 + Number(raw[2]) * 3_600_000 + Number(raw[3]) * 60_000 + Number(raw[4]) * 1000
    );
  const parts = text.split(/\s+/);
  if (parts.length % 2 !== 0) return null;
  let ms = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const n = Number(parts[i]);
    const unit = UNIT_MS.get(parts[i + 1]!.toLowerCase().replace(/s$/, ''));
    if (!/^\d+$/.test(parts[i]!) || unit === undefined) return null;
    ms += n * unit;
  }
  return ms;
}

/** Which metric an SLA definition measures, by its name: ServiceNow's own are "… Response …" and "… Resolution …". */
function metricOf(sla: string): VendorMetric | null {
  const s = sla.toLowerCase();
  return s.includes('response') ? 'firstResponse' : s.includes('resolution') ? 'resolution' : null;
}

export function servicenowFigures(file: string, header: readonly string[], rows: string[][]): VendorFigures {
  const at = new Map(SERVICENOW_HEADERS.map((h) => [h, header.indexOf(h)]));
  const cell = (row: string[], h: (typeof SERVICENOW_HEADERS)[number]) => (row[at.get(h)!] ?? '').trim();
  const issues: Issue[] = [];
  const out: VendorFigures = { format: 'servicenow-task-sla', figures: [], facts: new Map(), ids: [] };
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const line = i + 1;
    const id = cell(row, 'task');
    if (id === '') continue;
    out.ids.push(id);
    const metric = metricOf(cell(row, 'sla'));
    const stage = cell(row, 'stage').toLowerCase();
    // An SLA of another kind, or one cancelled, says nothing of these metrics.
    if (metric === null || stage === 'cancelled') continue;
    const breached = cell(row, 'has_breached').toLowerCase();
    if (breached !== 'true' && breached !== 'false') {
      issues.push({
        code: 'RECONCILE_BAD_FIGURE',
        file,
        line,
        args: { column: 'has_breached', value: breached.slice(0, 40) },
      });
      continue;
    }
    const text = cell(row, 'business_duration');
    const ms = text === '' ? null : servicenowDuration(text);
    if (text !== '' && ms === null) {
      issues.push({
        code: 'RECONCILE_UNKNOWN_UNIT',
        file,
        line,
        args: { column: 'business_duration', value: text.slice(0, 40) },
      });
      continue;
    }
    if (ms !== null && !isFigureDuration(ms)) {
      issues.push({
        code: 'RECONCILE_BAD_FIGURE',
        file,
        line,
        args: { column: 'business_duration', value: text.slice(0, 40) },
        hint: FIGURE_HINT,
      });
      continue;
    }
    // A running SLA's time is not its last: only its breach, once recorded, is a verdict.
    const final = stage === 'completed' || stage === 'breached';
    out.figures.push({
      id,
      metric,
      elapsedMs: final ? ms : null,
      verdict: breached === 'true' ? 'breached' : final ? 'met' : null,
      source: `${file}:${line}`,
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}
