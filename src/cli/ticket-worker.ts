import { parentPort, workerData } from 'node:worker_threads';
import { auditPart } from './audit-part.js';
import { resolveSettings } from './options.js';
import type { WorkerJob } from './ticket-parts.js';

/**
 * A worker thread's part of a large ticket file: the settings resolved
 * again from the same flags, then the part audited as the main thread
 * audits its own; what it gathered goes back to the main thread.
 */
const job = workerData as WorkerJob;
const port = parentPort!;
const s = resolveSettings(job.flags, () => job.asOf, job.cwd);
const done = await auditPart(s, job.part, job.progress ? (_file, bytes) => port.postMessage({ bytes }) : undefined);
port.postMessage({ done }, [done.hashes.buffer as ArrayBuffer]);
