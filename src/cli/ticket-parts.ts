import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { splitCsv, type ByteRange } from '../adapters/ingest/csv-split.js';
import { addTallies, fileChecks, type ReadSummary } from '../adapters/ingest/read-tickets.js';
import { formatFromName } from '../adapters/ingest/records.js';
import type { AuditorState, TicketAuditor } from '../core/audit.js';
import type { Span } from '../core/time/spans.js';
import { anyRepeat } from '../core/tickets/id-hashes.js';
import type { AuditFlags, AuditSettings } from './options.js';
import type { OutsideCounter } from './outside-counter.js';
import type { ReportStream } from './report-stream.js';

/** What a worker is given: enough to resolve the same settings, and its part. */
export interface PartJob {
  flags: AuditFlags;
  asOf: number;
  cwd: string;
  file: string;
  range: ByteRange;
  /** Outages of the services in scope, for incident association (null without uptime logs). */
  outages: Span[] | null;
  /** Where the worker writes its tickets' JSON: the report file from `position`, or a part file from 0. */
  out: { fd: number; position: number };
  /** A comma before the first ticket (the report has tickets before it; a part file always has). */
  comma: boolean;
  /** Report bytes read, for a progress display. */
  progress: boolean;
}

/** What a worker hands back. */
export interface PartDone {
  read: ReadSummary;
  auditor: AuditorState;
  outside: Array<[string, number]>;
  /** The part's id hashes, sorted. */
  hashes: Float64Array;
  count: number;
  /** Where the worker stopped writing. */
  position: number;
}

/** Below this a file is read in one go: starting workers would cost more than they save. */
const MIN_BYTES = 32 * 1024 * 1024;
const WORKER = new URL('./ticket-worker.js', import.meta.url);

/**
 * The parts a streamed JSON audit reads in parallel, or null to read the
 * tickets as one file: only one large CSV file on a machine with two cores
 * or more qualifies (event-log exports, where a later row replaces an
 * earlier one, are read whole). SLA_AUDIT_PARALLEL_MIN_BYTES lowers or
 * raises the size from which it pays (Infinity: never).
 */
export function ticketParts(files: readonly string[], s: AuditSettings, env: NodeJS.ProcessEnv): ByteRange[] | null {
  const workers = Math.min(2, availableParallelism());
  if (files.length !== 1 || workers < 2 || s.mapping.duplicates === 'last') return null;
  const file = files[0]!;
  if (file === '-' || formatFromName(file) !== 'csv') return null;
  // Run from the TypeScript sources (in tests) there is no built worker to start.
  if (!existsSync(fileURLToPath(WORKER))) return null;
  const set = Number(env.SLA_AUDIT_PARALLEL_MIN_BYTES ?? NaN);
  const min = Number.isNaN(set) ? MIN_BYTES : set;
  try {
    if (statSync(file).size < min) return null;
  } catch {
    return null; // the reader reports a missing or unreadable file
  }
  return splitCsv(file, workers);
}

/**
 * Audits each part in a worker thread, then adds the parts' shares to
 * `auditor`, `outside` and `stream`, in file order: the report is the one
 * reading the file in one go gives. Null, with nothing added, when the file
 * must be read in one go after all — a row with a problem (reported then
 * with every problem in file order) or an id that may occur twice
 * (compared exactly then).
 */
export async function auditInParts(
  job: Omit<PartJob, 'range' | 'out' | 'comma' | 'progress'>,
  ranges: readonly ByteRange[],
  into: { auditor: TicketAuditor; outside: OutsideCounter; stream: ReportStream; onBytes?: ((file: string, bytes: number) => void) | undefined },
): Promise<ReadSummary | null> {
  // The first part goes straight into the report; the others into files of their own, appended after it.
  const { fd, position, comma } = into.stream.lend();
  const outs = ranges.map((_, i) => (i === 0 ? null : into.stream.part()));
  const progress = into.onBytes !== undefined;
  const drop = () => {
    into.stream.takeBack();
    for (const out of outs) if (out) into.stream.dropPart(out.path);
  };
  let parts: PartDone[];
  try {
    parts = await Promise.all(ranges.map((range, i) => runPart({ ...job, range, out: outs[i] ? { fd: outs[i].fd, position: 0 } : { fd, position }, comma: i > 0 || comma, progress }, into.onBytes)));
  } catch (err) {
    drop();
    throw err;
  }
  if (parts.some((p) => p.read.issues.length > 0) || anyRepeat(parts.map((p) => p.hashes))) {
    drop();
    return null;
  }
  const summary: ReadSummary = { issues: [], warnings: [], rows: { read: 0, skipped: 0, superseded: 0 }, tallies: [] };
  let tally = null;
  for (const [i, p] of parts.entries()) {
    into.auditor.absorb(p.auditor);
    into.outside.absorb(p.outside);
    const out = outs[i];
    if (out) into.stream.appendPart(out.path, p.count);
    else into.stream.continueAt(p.position, p.count);
    summary.rows.read += p.read.rows.read;
    summary.warnings.push(...p.read.warnings);
    for (const t of p.read.tallies) tally = tally === null ? t : addTallies(tally, t);
  }
  if (tally !== null) {
    summary.tallies.push(tally);
    fileChecks(tally, summary);
  }
  return summary;
}

function runPart(job: PartJob, onBytes?: (file: string, bytes: number) => void): Promise<PartDone> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    let done: PartDone | null = null;
    worker.on('message', (m: { bytes?: number; done?: PartDone }) => {
      if (m.bytes !== undefined) onBytes?.(job.file, m.bytes);
      if (m.done) done = m.done;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (done ? resolve(done) : reject(new Error(`a ticket worker stopped with exit code ${code} before it finished`))));
  });
}
