import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { splitCsv, type ByteRange } from '../adapters/ingest/csv-split.js';
import { addTallies, fileChecks, type ReadSummary } from '../adapters/ingest/read-tickets.js';
import { formatFromName, type OnBytes } from '../adapters/ingest/records.js';
import type { TicketAuditor } from '../core/audit.js';
import type { Span } from '../core/time/spans.js';
import { anyRepeat } from '../core/tickets/id-hashes.js';
import { auditPart, PartOutput, type PartDone, type PartJob } from './audit-part.js';
import type { AuditSettings } from './settings.js';
import type { OutsideCounter } from './outside-counter.js';
import type { ReportStream } from './report-stream.js';

/** What the worker is given: the settings as they are (plain data), its part, and where it writes first. */
export interface WorkerJob {
  settings: AuditSettings;
  part: PartJob;
  out: { fd: number; position: number };
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
  into: { auditor: TicketAuditor; outside: OutsideCounter; stream: ReportStream; onBytes?: OnBytes | undefined },
): Promise<ReadSummary | null> {
  const { file, outages } = job;
  const { fd, position, comma } = into.stream.lend();
  const part = into.stream.part();
  const drop = () => {
    into.stream.takeBack();
    into.stream.dropPart(part.path);
  };
  // Once the first half has ended at `at`, the worker goes on writing in the
  // report after what it wrote so far, which is copied there meanwhile.
  let at = -1;
  let before = comma;
  let moved = false;
  let parts: PartDone[];
  try {
    const worker = new PartWorker({ settings: s, part: { file, range: ranges[1]!, outages }, out: { fd: part.fd, position: 0 }, progress: into.onBytes !== undefined }, into.onBytes, (written) => {
      moved = true;
      into.stream.copyPart(part.path, before ? 0 : 1, written, at);
    });
    const mine = await auditPart(s, { file, range: ranges[0]!, outages }, new PartOutput(fd, position, comma), into.onBytes);
    at = mine.position;
    before = comma || mine.count > 0;
    worker.moveTo(fd, at, before);
    parts = [mine, await worker.done];
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
  if (moved) {
    into.stream.continueAt(second.position, second.count);
    into.stream.dropPart(part.path);
  } else into.stream.appendPart(part.path, second.count);
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

/** The worker thread of the second half, and what it says: bytes read, bytes moved, done. */
class PartWorker {
  private readonly worker: Worker;
  readonly done: Promise<PartDone>;

  constructor(job: WorkerJob, onBytes: OnBytes | undefined, onMoved: (written: number) => void) {
    this.worker = new Worker(WORKER, { workerData: job });
    this.done = new Promise((resolve, reject) => {
      let done: PartDone | null = null;
      this.worker.on('message', (m: WorkerMessage) => {
        if (m.bytes !== undefined) onBytes?.(job.part.file, m.bytes);
        if (m.moved !== undefined) onMoved(m.moved);
        if (m.done) done = m.done;
      });
      this.worker.on('error', reject);
      this.worker.on('exit', (code) => (done ? resolve(done) : reject(new Error(`the ticket worker stopped with exit code ${code} before it finished`))));
    });
    // Until awaited, a failure is only held (it is thrown where the part is awaited).
    this.done.catch(() => {});
  }

  /** Asks the worker to go on writing in the report at `at`; too late once it has finished, and then its part file is appended. */
  moveTo(fd: number, at: number, comma: boolean): void {
    this.worker.postMessage({ fd, at, comma } satisfies MoveRequest);
  }
}

export interface MoveRequest {
  fd: number;
  at: number;
  comma: boolean;
}

export type WorkerMessage = { bytes?: number; moved?: number; done?: PartDone };
