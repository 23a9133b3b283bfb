import type { ByteRange } from '../adapters/ingest/csv-split.js';
import type { OnBytes } from '../adapters/ingest/records.js';
import { streamTickets, type ReadSummary } from '../adapters/ingest/read-tickets.js';
import { writeTicketJson } from '../adapters/render/ticket-json-bytes.js';
import type { TicketResult } from '../core/tickets/evaluate.js';
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
}

/** What a part hands back for the main thread to add up. */
export interface PartDone {
  read: ReadSummary;
  auditor: AuditorState;
  outside: Array<[string, number]>;
  /** The part's id hashes, sorted. */
  hashes: Float64Array;
  count: number;
  /** Where the part's writing stopped (in the report, or in its part file if it never moved). */
  position: number;
}

/** Where a part's tickets go, each as `,\n    {…}` but the very first of the report. */
export class PartOutput {
  private readonly out: ByteWriter;
  count = 0;

  constructor(
    fd: number,
    position: number,
    /** Tickets come before this part's in the report (a part file always has the comma). */
    private comma: boolean,
  ) {
    this.out = new ByteWriter(fd, position);
  }

  ticket(r: TicketResult): void {
    writeTicketJson(this.out, r, this.count++ === 0 && !this.comma);
  }

  get position(): number {
    return this.out.position;
  }

  flush(): void {
    this.out.flush();
  }

  /**
   * Goes on writing in the report at `at`, once the part before has ended
   * there: the bytes written so far (their count is returned) are the
   * caller's to move to `at`, less the first (a comma) when `comma` is
   * false — no ticket comes before.
   */
  moveTo(fd: number, at: number, comma: boolean): number {
    this.out.flush();
    const written = this.out.position;
    if (this.count === 0) this.comma = comma;
    this.out.moveTo(fd, this.count === 0 || comma ? at + written : at + written - 1);
    return written;
  }
}

/** Reads one part, audits each ticket and writes its JSON — in the main thread or a worker alike. */
export async function auditPart(s: AuditSettings, job: PartJob, output: PartOutput, onBytes?: OnBytes): Promise<PartDone> {
  const auditor = new TicketAuditor(auditorInput(s, s.period, job.outages ? incidentCheck(job.outages) : undefined), {
    keepResults: false,
    onResult: (r) => output.ticket(r),
  });
  const outside = new OutsideCounter(s.periods);
  const ids = new IdHashes();
  const read = await streamTickets([job.file], { ...ticketReadOptions(s, false), range: job.range, ...(onBytes ? { onBytes } : {}) }, (t) => {
    ids.add(t.id);
    outside.add(t);
    auditor.add(t);
  });
  output.flush();
  return { read, auditor: auditor.state(), outside: outside.state(), hashes: ids.sorted(), count: output.count, position: output.position };
}
