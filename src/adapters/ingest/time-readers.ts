import type { TicketField, TicketMapping, TimeField } from './mapping.js';
import type { RecordSource } from './records.js';
import { TimestampReader } from './timestamp-reader.js';

export type TimeReaders = Readonly<Record<TimeField, TimestampReader>>;

/**
 * Each time field's reader: its zone is the map's for that field, else the
 * zone the export writes that column in, else --input-tz, else the
 * mapping's; its formats the map's for that field, else the mapping's.
 * Fields alike share one reader.
 */
export function timeReaders(
  mapping: TicketMapping,
  source: RecordSource<TicketField>,
  inputTz: string | null,
): TimeReaders {
  const made = new Map<string, TimestampReader>();
  const reader = (field: TimeField): TimestampReader => {
    const column = source.columns.get(field);
    const zone =
      mapping.fieldZones[field] ??
      (column === undefined ? undefined : mapping.columnZones.get(column)) ??
      inputTz ??
      mapping.zone;
    const formats = mapping.fieldFormats[field] ?? mapping.timestampFormats;
    const key = JSON.stringify([zone, formats]);
    let r = made.get(key);
    if (r === undefined)
      made.set(key, (r = new TimestampReader(zone, formats, mapping.locale, mapping.monthNames, mapping.zoneHint)));
    return r;
  };
  return {
    created_at: reader('created_at'),
    first_response_at: reader('first_response_at'),
    resolved_at: reader('resolved_at'),
    recorded_at: reader('recorded_at'),
    events: reader('events'),
  };
}
