import { DateTime } from 'luxon';
import { SUPPORTED_FROM_MS, SUPPORTED_TO_MS } from '../../core/time/calendar.js';
import type { FindingArgs } from '../../core/issues.js';
import { ZoneOffsets } from '../../core/time/zone.js';
import { explainIsoTimestamp, parseIsoTimestamp, type IsoKind } from './iso-timestamp.js';

/**
 * Why a text is no timestamp, as the end of a code (`INPUT_` + it, `UPTIME_` + it): a text that is no date
 * and time (`why`: which part is wrong), a date and time without an offset and no zone to read it in, or a
 * year sla-audit does not compute.
 */
export type TimestampProblem = 'BAD_TIMESTAMP' | 'TIMESTAMP_NO_OFFSET' | 'TIMESTAMP_OUT_OF_RANGE';

export type TimestampResult =
  { ok: true; t: number } | { ok: false; problem: TimestampProblem; why?: string; expected?: string; hint?: string };

const ISO_EXPECTED = 'ISO 8601 with an offset, e.g. 2026-10-05T09:15:00+08:00 or 2026-10-05T01:15:00Z';
const FORMAT_EXAMPLE = 'dd/MM/yyyy HH:mm';

/**
 * Reads one file's timestamps: ISO 8601 first (fast path), then the
 * mapping's formats. Times without an offset are read in `zone`, with
 * SPEC's DST rule (first occurrence of a repeated time; a missing time moves
 * forward by the gap), counted in `adjusted`.
 */
export class TimestampReader {
  readonly adjusted = { overlap: 0, gap: 0 };
  private readonly offsets: ZoneOffsets | null;
  /** Whether the last ISO timestamp had no offset: one object per reader, not one per row. */
  private readonly iso: IsoKind = { naive: false };

  constructor(
    readonly zone: string | null,
    private readonly formats: readonly string[] = [],
    private readonly locale = 'en',
    private readonly monthNames: ReadonlyMap<string, string> = new Map(),
    /** Which zone the export's naive times are in, for the error when none is given. */
    private readonly zoneHint: string | null = null,
  ) {
    this.offsets = zone === null ? null : new ZoneOffsets(zone);
  }

  read(text: string): TimestampResult {
    const t = this.ms(text);
    return Number.isNaN(t) ? this.failure(text) : { ok: true, t };
  }

  /**
   * Epoch ms of `text`, or NaN; then `failure(text)` says why. The hot path
   * of every reader: no object per call.
   */
  ms(text: string): number {
    let t = parseIsoTimestamp(text, this.iso);
    let naive = this.iso.naive;
    if (Number.isNaN(t)) {
      const other = this.readFormats(text);
      if (other === null) return NaN;
      t = other.t;
      naive = other.naive;
    }
    if (naive) {
      if (this.offsets === null) return NaN;
      const r = this.offsets.instantOf(t);
      if (r.kind !== 'exact') this.adjusted[r.kind]++;
      t = r.t;
    }
    return t >= SUPPORTED_FROM_MS && t < SUPPORTED_TO_MS ? t : NaN;
  }

  /** Why `text` is not a timestamp this reader takes (slow path, for messages). */
  failure(text: string): Extract<TimestampResult, { ok: false }> {
    let t = parseIsoTimestamp(text, this.iso);
    let naive = this.iso.naive;
    if (Number.isNaN(t)) {
      const other = this.readFormats(text);
      if (other === null) {
        const why =
          this.formats.length > 0
            ? `does not match ${this.formats.map((f) => JSON.stringify(f)).join(' or ')}`
            : explainIsoTimestamp(text);
        return {
          ok: false,
          problem: 'BAD_TIMESTAMP',
          why,
          expected: this.formats.length > 0 ? this.formats.join(' or ') : ISO_EXPECTED,
          hint: `state the export's format with --map (timestampFormat: "${FORMAT_EXAMPLE}", in Luxon tokens), or pass --preset for your helpdesk`,
        };
      }
      t = other.t;
      naive = other.naive;
    }
    if (naive && this.offsets === null) {
      return {
        ok: false,
        problem: 'TIMESTAMP_NO_OFFSET',
        expected: ISO_EXPECTED,
        hint: `${this.zoneHint ? `${this.zoneHint}: ` : ''}pass --input-tz with the zone the export was written in (e.g. --input-tz Europe/London), or inputTz in the contract`,
      };
    }
    return {
      ok: false,
      problem: 'TIMESTAMP_OUT_OF_RANGE',
      hint: 'check the date; a wrong column or unit (ms vs s) is the usual cause',
    };
  }

  /** A mapping's own format: returns wall-clock or absolute ms. */
  private readFormats(text: string): { t: number; naive: boolean } | null {
    // No timestamp is this long: a cell that is must not cost a format matcher's every try.
    if (text.length > 80) return null;
    for (const format of this.formats) {
      if (format === 'epoch-seconds' || format === 'epoch-millis') {
        if (!/^\d{1,13}(\.\d+)?$/.test(text)) continue;
        const n = Number(text) * (format === 'epoch-seconds' ? 1000 : 1);
        return { t: Math.floor(n), naive: false };
      }
      let input = text;
      if (this.monthNames.size > 0)
        input = input.replace(/\p{L}+\.?/gu, (w) => this.monthNames.get(w.toLowerCase().replace(/\.$/, '')) ?? w);
      const withOffset = /Z{1,3}|ZZZZ|z/.test(format.replace(/'[^']*'/g, ''));
      const dt = DateTime.fromFormat(input, format, { locale: this.locale, zone: 'utc', setZone: withOffset });
      if (!dt.isValid) continue;
      // Without an offset token the fields are wall-clock time; read them as
      // UTC to get wall ms, then apply the zone with the DST rule.
      const wall = Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond);
      return withOffset ? { t: dt.toMillis(), naive: false } : { t: wall, naive: true };
    }
    return null;
  }
}

/** The code of a timestamp's problem in a ticket record, in an event record, and in an uptime log. */
export const TICKET_TIMESTAMP: Readonly<Record<TimestampProblem, string>> = Object.freeze({
  BAD_TIMESTAMP: 'INPUT_BAD_TIMESTAMP',
  TIMESTAMP_NO_OFFSET: 'INPUT_TIMESTAMP_NO_OFFSET',
  TIMESTAMP_OUT_OF_RANGE: 'INPUT_TIMESTAMP_OUT_OF_RANGE',
});
export const EVENT_TIMESTAMP: Readonly<Record<TimestampProblem, string>> = Object.freeze({
  BAD_TIMESTAMP: 'INPUT_EVENT_BAD_TIMESTAMP',
  TIMESTAMP_NO_OFFSET: 'INPUT_EVENT_TIMESTAMP_NO_OFFSET',
  TIMESTAMP_OUT_OF_RANGE: 'INPUT_EVENT_TIMESTAMP_OUT_OF_RANGE',
});
export const UPTIME_TIMESTAMP: Readonly<Record<TimestampProblem, string>> = Object.freeze({
  BAD_TIMESTAMP: 'UPTIME_BAD_TIMESTAMP',
  TIMESTAMP_NO_OFFSET: 'UPTIME_TIMESTAMP_NO_OFFSET',
  TIMESTAMP_OUT_OF_RANGE: 'UPTIME_TIMESTAMP_OUT_OF_RANGE',
});

/** What a timestamp's problem names besides its field: which part of the text is wrong, where it says. */
export const whyOf = (f: { why?: string }): FindingArgs => (f.why !== undefined ? { why: f.why } : {});

/** The "expected …, got …, how to fix" of a timestamp that did not read, for an issue. */
export function failureDetail(
  text: string,
  f: { expected?: string; hint?: string },
): { got: string; expected?: string; hint?: string } {
  return {
    got: JSON.stringify(text),
    ...(f.expected ? { expected: f.expected } : {}),
    ...(f.hint ? { hint: f.hint } : {}),
  };
}
