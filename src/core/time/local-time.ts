import { ZoneOffsets } from './zone.js';

/**
 * Local time in a zone, for what a person reads: "2026-10-12 10:00" in tables (— when there is none); with
 * `seconds`, "2026-10-12 10:00:05 +02:00" for evidence a vendor checks against its own logs (empty when
 * there is none).
 */
export function localTimeFormatter(zone: string, opts: { seconds?: boolean } = {}): (ms: number | null) => string {
  const offsets = new ZoneOffsets(zone);
  return (ms) => {
    if (ms === null || !Number.isFinite(ms)) return opts.seconds ? '' : '—';
    const offset = offsets.offset(ms);
    const s = new Date(ms + offset).toISOString();
    if (!opts.seconds) return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
    const minutes = Math.abs(offset) / 60_000;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return `${s.slice(0, 10)} ${s.slice(11, 19)} ${offset < 0 ? '-' : '+'}${hh}:${mm}`;
  };
}

/** ISO 8601 UTC, with milliseconds only when there are any (SPEC 5): the text render's isoUtc writes, for a message. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
