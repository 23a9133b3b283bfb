import { InputError, type Issue } from '../../core/issues.js';
import { WHERE } from './json-records.js';
import type { RecordSource, SourceRecord } from './records.js';

/*
 * What a map states about an export, checked against the file: a filter on
 * records (`where`), and the names of its columns or paths.
 */

/** A record filter: each path's value (any case) must be one of its values; "*" is any value but an empty one. */
export type Where = ReadonlyArray<readonly [string, readonly string[]]>;

/** The names a spec looks up for a filter's paths. */
export const whereNames = (where: Where): Array<[string, string[]]> =>
  where.map(([path]) => [WHERE + path, [path.trim().toLowerCase()]]);

/** Whether a record passes a filter. */
export function passes(record: SourceRecord<string>, where: Where): boolean {
  for (const [path, values] of where) {
    const v = record.get(WHERE + path);
    const text =
      typeof v === 'string' ? v.trim().toLowerCase() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    // "*": a value is there (a Redmine journal with notes is a reply; one without only changed fields).
    if (!values.includes(text) && !(text !== '' && values.includes('*'))) return false;
  }
  return true;
}

/**
 * A filter on a field the export does not have would pass over every
 * record, silently: an error naming the field (where the source knows its
 * fields before its records).
 */
export function whereFieldsExist(file: string, label: string, where: Where, source: RecordSource<string>): void {
  const missing = source.complete ? where.filter(([path]) => !source.fields.has(WHERE + path)) : [];
  if (missing.length === 0) return;
  throw new InputError(
    missing.map(([path]) => ({
      code: 'INPUT_WHERE_NO_FIELD',
      file,
      line: 1,
      args: { label, path },
      got:
        source.available
          .slice(0, 24)
          .map((a) => JSON.stringify(a))
          .join(', ') || 'no columns',
      hint: 'export that field too, or remove the filter with --map',
    })),
  );
}

/**
 * A column or path a map names that matches nothing in the file is an
 * error naming what there is — not a silent fallback to "not measured".
 * (Known where the source knows its fields before its records: CSV, JSON documents.)
 */
export function statedNamesExist<F extends string>(
  file: string,
  label: string,
  stated: Partial<Record<F, readonly string[]>>,
  source: RecordSource<F>,
): void {
  if (!source.complete) return;
  const issues: Issue[] = [];
  for (const [field, names] of Object.entries(stated) as Array<[F, readonly string[]]>) {
    // The name read must be one the map states, not a preset's or the canonical fallback.
    const read = source.columns.get(field);
    if (read !== undefined && names.some((n) => n.trim().toLowerCase() === read)) continue;
    const there =
      source.available
        .slice(0, 24)
        .map((a) => JSON.stringify(a))
        .join(', ') + (source.available.length > 24 ? ', …' : '');
    issues.push({
      code: 'INPUT_MAP_NO_MATCH',
      file,
      line: 1,
      args: { label, field, names },
      got: there === '' ? 'no columns' : there,
      hint: 'copy the name from the export (case and spaces do not matter; a dotted path reaches into JSON objects)',
    });
  }
  if (issues.length > 0) throw new InputError(issues);
}
