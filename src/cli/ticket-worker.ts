import { parentPort, workerData } from 'node:worker_threads';
import { PartOutput, auditPart } from './audit-part.js';
import type { MoveRequest, WorkerJob, WorkerMessage } from './ticket-parts.js';

/**
 * A worker thread's part of a large ticket file, audited as the main thread
 * audits its own; what it gathered goes back to the main thread. It imports
 * no loader: the settings come resolved.
 */
const job = workerData as WorkerJob;
const port = parentPort!;
const say = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
// The part file first; into the report itself once the first half has ended.
const output = new PartOutput(job.out.fd, job.out.position, true);
const onMove = (m: MoveRequest) => say({ moved: output.moveTo(m.fd, m.at, m.comma) });
port.on('message', onMove);
const done = await auditPart(job.settings, job.part, output, job.progress ? (_file, bytes) => say({ bytes }) : undefined);
// Too late to move now: the main thread appends the part file.
port.off('message', onMove);
port.unref();
say({ done }, [done.hashes.buffer as ArrayBuffer]);
