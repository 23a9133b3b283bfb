import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { splitCsv, type ByteRange } from '../adapters/ingest/csv-split.js';
import { addTallies, fileChecks, type ReadSummary } from '../adapters/ingest/read-tickets.js';
import { formatFromName } from '../adapters/ingest/records.js';
import type { TicketAuditor } from '../core/audit.js';
import type { Span } from '../core/time/spans.js';
import { anyRepeat } from '../core/tickets/id-hashes.js';
import { auditPart, type PartDone, type PartJob } from './audit-part.js';
import type { AuditSettings } from './settings.js';
import type { OutsideCounter } from './outside-counter.js';
import type { ReportStream } from './report-stream.js';

/** What the worker is given: the settings as they are (plain data), and its part. */
export interface WorkerJob {
  settings: AuditSettings;
  part: PartJob;
  /** Report bytes read, for a progress display. */
  progress: boolean;
}

/** Below this a file is read in one go: starting a worker would cost more than it saves. */
const MIN_BYTES = 32 * 1024 * 1024;
/**
 * Where the file is cut. The main thread starts its half at once while the
 * worker starts up, but also handles the worker's messages; measured, the
 * two finish together with halves.
 */
const CUT = 0.5;
const WORKER = new URL('./ticket-worker.js', import.meta.url);

/**
 * The two parts a streamed JSON audit reads at once — the main thread one,
 * a worker thread the other — or null to read the tickets in one go: only
 * one large CSV file on a machine with two cores or more qualifies
 * (event-log exports, where a later row replaces an earlier one, are read
 * whole). SLA_AUDIT_PARALLEL_MIN_BYTES lowers or raises the size from
 * which it pays (Infinity: never).
 */
export function ticketParts(files: readonly string[], s: AuditSettings, env: NodeJS.ProcessEnv): ByteRange[] | null {
  if (files.length !== 1 || availableParallelism() < 2 || s.mapping.duplicates === 'last') return null;
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
  return splitCsv(file, [CUT]);
}

/**
 * Audits the first part here, straight into the report, and the second in
 * a worker, into a file appended after it; then adds both shares to
 * `auditor`, `outside` and `stream`: the report is the one reading the file
 * in one go gives. Null, with nothing added, when the file must be read in
 * one go after all — a row with a problem (reported then with every problem
 * in file order) or an id that may occur twice (compared exactly then).
 */
export async function auditInParts(
  s: AuditSettings,
  job: { file: string; outages: Span[] | null },
  ranges: readonly ByteRange[],
  into: { auditor: TicketAuditor; outside: OutsideCounter; stream: ReportStream; onBytes?: ((file: string, bytes: number) => void) | undefined },
): Promise<ReadSummary | null> {
  const { file, outages } = job;
  const { fd, position, comma } = into.stream.lend();
  const part = into.stream.part();
  const drop = () => {
    into.stream.takeBack();
    into.stream.dropPart(part.path);
  };
  let parts: PartDone[];
  try {
    const worker = runWorker({ settings: s, part: { file, range: ranges[1]!, outages, out: { fd: part.fd, position: 0 }, comma: true }, progress: into.onBytes !== undefined }, into.onBytes);
    const here = auditPart(s, { file, range: ranges[0]!, outages, out: { fd, position }, comma }, into.onBytes);
    parts = await Promise.all([here, worker]);
  } catch (err) {
    drop();
    throw err;
  }
  if (parts.some((p) => p.read.issues.length > 0) || anyRepeat(parts.map((p) => p.hashes))) {
    drop();
    return null;
  }
  const [first, second] = parts as [PartDone, PartDone];
  into.stream.continueAt(first.position, first.count);
  into.stream.appendPart(part.path, second.count);
  const summary: ReadSummary = { issues: [], warnings: [], rows: { read: 0, skipped: 0, superseded: 0 }, tallies: [] };
  for (const p of parts) {
    into.auditor.absorb(p.auditor);
    into.outside.absorb(p.outside);
    summary.rows.read += p.read.rows.read;
    summary.warnings.push(...p.read.warnings);
  }
  const tally = [...first.read.tallies, ...second.read.tallies].reduce(addTallies);
  summary.tallies.push(tally);
  fileChecks(tally, summary);
  return summary;
}

function runWorker(job: WorkerJob, onBytes?: (file: string, bytes: number) => void): Promise<PartDone> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    let done: PartDone | null = null;
    worker.on('message', (m: { bytes?: number; done?: PartDone }) => {
      if (m.bytes !== undefined) onBytes?.(job.part.file, m.bytes);
      if (m.done) done = m.done;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (done ? resolve(done) : reject(new Error(`the ticket worker stopped with exit code ${code} before it finished`))));
  });
}
