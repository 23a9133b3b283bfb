import { ZoneOffsets } from './zone.js';

/** "2026-10-12 10:00" in a zone, for tables a person reads. */
export function localTimeFormatter(zone: string): (ms: number | null) => string {
  const offsets = new ZoneOffsets(zone);
  return (ms) => {
    if (ms === null || !Number.isFinite(ms)) return '—';
    const s = new Date(ms + offsets.offset(ms)).toISOString();
    return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  };
}

/** ISO 8601 UTC, with milliseconds only when there are any (SPEC 5): the text render's isoUtc writes, for a message. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
