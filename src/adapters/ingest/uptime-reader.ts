import type { FindingArgs, Issue } from '../../core/issues.js';
import type { Identified } from './driver.js';
import type { NagiosLog } from './nagios-log.js';
import type { OnBytes } from './records.js';
import type { CsvRow } from './text-formats.js';
import type { UptimeMap } from './uptime-map.js';
import type { FileEvidence } from './uptime-records.js';

/*
 * The uptime reader protocol (beangulp's importer: identify, then read).
 * Every registered reader is asked whether it reads a file; the driver
 * (read-uptime.ts) reads it with the one that does, or says why none does
 * (driver.ts).
 */

/** A --preset name of an uptime reader (registry.ts lists them). */
export type UptimePreset = string;

export interface ReadUptimeOptions {
  preset: UptimePreset | null;
  /** How to read a log of no known shape; it wins over the header's own names. */
  map?: UptimeMap | null;
  inputTz: string | null;
  maxSampleGapMs: number;
  billingZone: string;
  /** Incidents still open end here. */
  asOf: number;
  /**
   * What outage lists and daily downtime totals speak for (the contract's coverage, epoch ms);
   * null: outage lists the months they mention, totals the days they list. Never applied to
   * probe samples, heartbeats or state logs: they cover what they record.
   */
  coverage?: readonly [number, number] | null;
  /** The same per log service, where services start at different dates: wins over `coverage`. */
  coverageByService?: ReadonlyMap<string, readonly [number, number]> | null;
  /** The services in scope: an intervals log without a record of one still covers it. */
  services?: readonly string[] | null;
  skipInvalid: boolean;
  /** Keep where each logged outage was read, for a claim's evidence. */
  origins?: boolean;
  /** Relative paths are read from here (default: the process's working directory). */
  cwd?: string;
  onBytes?: OnBytes;
}

/**
 * What a reader is shown of a file: its container, opened once. A CSV's
 * header is read and its rows are still to come; a JSON document is parsed
 * whole; NDJSON lines are parsed; a log's first line is known.
 */
export type UptimeSample =
  | { container: 'csv'; header: CsvRow; names: string[]; batches: AsyncIterable<CsvRow[]> }
  | { container: 'json'; doc: unknown; text: string }
  | { container: 'ndjson'; items: Array<{ line: number; value: unknown }> }
  | { container: 'log'; firstLine: string; chunks: AsyncIterable<string | Buffer> };

export type Container = UptimeSample['container'];

export type Problem = (line: number, code: string, args: FindingArgs, detail?: Partial<Issue>) => void;

/** What a read is given besides the sample: where problems, rows and warnings go. */
export interface ReadContext {
  file: string;
  opts: ReadUptimeOptions;
  problem: Problem;
  /** Records read (probe rows, heartbeats, log lines): one unless told. */
  row(n?: number): void;
  warn(issue: Issue): void;
  /** The service of a log that names none: the file's name. */
  serviceName: string;
}

export interface UptimeReader {
  /** Its --preset name, or what it is called in messages (registry.ts says which are presets). */
  name: string;
  /**
   * The documented canonical shapes, whose columns a vendor's export may
   * also have: asked only when no vendor reader identifies the file.
   */
  canonical?: boolean;
  containers: readonly Container[];
  identify(sample: UptimeSample, opts: ReadUptimeOptions): Identified;
  read(sample: UptimeSample, ctx: ReadContext): Promise<FileEvidence | NagiosLog> | FileEvidence;
}

export { OK, refused, type Identified } from './driver.js';

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A JSON reader counts the samples and periods it gives as the file's rows. */
export function counted(e: FileEvidence, ctx: ReadContext): FileEvidence {
  const n = e.periods.length + [...e.samples.values()].reduce((sum, s) => sum + s.n, 0);
  ctx.row(n);
  return e;
}

/** The JSON document of a sample (readers of JSON only are asked about JSON samples). */
export const docOf = (s: UptimeSample): unknown => (s.container === 'json' ? s.doc : undefined);
