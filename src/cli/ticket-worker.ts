import { parentPort, workerData } from 'node:worker_threads';
import { auditPart } from './audit-part.js';
import type { WorkerJob } from './ticket-parts.js';

/**
 * A worker thread's part of a large ticket file, audited as the main thread
 * audits its own; what it gathered goes back to the main thread. It imports
 * no loader: the settings come resolved.
 */
const job = workerData as WorkerJob;
const port = parentPort!;
const done = await auditPart(job.settings, job.part, job.progress ? (_file, bytes) => port.postMessage({ bytes }) : undefined);
port.postMessage({ done }, [done.hashes.buffer as ArrayBuffer]);
