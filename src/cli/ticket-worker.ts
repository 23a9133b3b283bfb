import { parentPort, workerData } from 'node:worker_threads';
import { streamTickets } from '../adapters/ingest/read-tickets.js';
import { writeTicketJson } from '../adapters/render/ticket-json-bytes.js';
import { TicketAuditor } from '../core/audit.js';
import { incidentCheck } from '../core/availability/audit-availability.js';
import { IdHashes } from '../core/tickets/id-hashes.js';
import { ByteWriter } from './byte-writer.js';
import { auditorInput, resolveSettings, ticketReadOptions } from './options.js';
import { OutsideCounter } from './outside-counter.js';
import type { PartDone, PartJob } from './ticket-parts.js';

/**
 * A worker thread's share of a large ticket file: it reads one part, audits
 * each ticket and writes its JSON to the part's file, then hands back what
 * the main thread adds up — counts, credit evidence, id hashes.
 */
const job = workerData as PartJob;
const port = parentPort!;
const s = resolveSettings(job.flags, () => job.asOf, job.cwd);
const out = new ByteWriter(job.out.fd, job.out.position);
let count = 0;
const auditor = new TicketAuditor(auditorInput(s, s.period, job.outages ? incidentCheck(job.outages) : undefined), {
  keepResults: false,
  onResult: (r) => {
    writeTicketJson(out, r, count++ === 0 && !job.comma);
  },
});
const outside = new OutsideCounter(s.periods);
const ids = new IdHashes();
const read = await streamTickets([job.file], { ...ticketReadOptions(s, false), range: job.range, ...(job.progress ? { onBytes: (_file: string, bytes: number) => port.postMessage({ bytes }) } : {}) }, (t) => {
  ids.add(t.id);
  outside.add(t);
  auditor.add(t);
});
out.flush();
const hashes = ids.sorted();
const done: PartDone = { read, auditor: auditor.state(), outside: outside.state(), hashes, count, position: out.position };
port.postMessage({ done }, [hashes.buffer as ArrayBuffer]);
