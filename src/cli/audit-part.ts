import type { ByteRange } from '../adapters/ingest/csv-split.js';
import { streamTickets, type ReadSummary } from '../adapters/ingest/read-tickets.js';
import { writeTicketJson } from '../adapters/render/ticket-json-bytes.js';
import { TicketAuditor, type AuditorState } from '../core/audit.js';
import { incidentCheck } from '../core/availability/audit-availability.js';
import { IdHashes } from '../core/tickets/id-hashes.js';
import type { Span } from '../core/time/spans.js';
import { ByteWriter } from './byte-writer.js';
import { auditorInput, ticketReadOptions, type AuditSettings } from './settings.js';
import { OutsideCounter } from './outside-counter.js';

/** One part of a large ticket file, and where its tickets' JSON goes. */
export interface PartJob {
  file: string;
  range: ByteRange;
  /** Outages of the services in scope, for incident association (null without uptime logs). */
  outages: Span[] | null;
  /** The report file from `position`, or a part file from 0. */
  out: { fd: number; position: number };
  /** A comma before the first ticket (the report has tickets before it; a part file always has). */
  comma: boolean;
}

/** What a part hands back for the main thread to add up. */
export interface PartDone {
  read: ReadSummary;
  auditor: AuditorState;
  outside: Array<[string, number]>;
  /** The part's id hashes, sorted. */
  hashes: Float64Array;
  count: number;
  /** Where the part's writing stopped. */
  position: number;
}

/** Reads one part, audits each ticket and writes its JSON — in the main thread or a worker alike. */
export async function auditPart(s: AuditSettings, job: PartJob, onBytes?: (file: string, bytes: number) => void): Promise<PartDone> {
  const out = new ByteWriter(job.out.fd, job.out.position);
  let count = 0;
  const auditor = new TicketAuditor(auditorInput(s, s.period, job.outages ? incidentCheck(job.outages) : undefined), {
    keepResults: false,
    onResult: (r) => writeTicketJson(out, r, count++ === 0 && !job.comma),
  });
  const outside = new OutsideCounter(s.periods);
  const ids = new IdHashes();
  const read = await streamTickets([job.file], { ...ticketReadOptions(s, false), range: job.range, ...(onBytes ? { onBytes } : {}) }, (t) => {
    ids.add(t.id);
    outside.add(t);
    auditor.add(t);
  });
  out.flush();
  return { read, auditor: auditor.state(), outside: outside.state(), hashes: ids.sorted(), count, position: out.position };
}
