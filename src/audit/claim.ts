import { claimsOf, type Claim, type FileDigest } from '../core/credits/claim-packet.js';
import { partiesOf } from '../core/contract.js';
import { UsageError } from '../core/issues.js';
import type { AuditReport } from '../core/report.js';
import { inputName } from './inputs.js';
import type { AuditRequest } from './request.js';
import { runAudit } from './run-audit.js';

export interface ClaimRun {
  reports: AuditReport[];
  /** Per period in order, one claim each, or one per service where the vendor takes a request per service. */
  claims: Claim[];
  files: FileDigest[];
}

/**
 * The audit, then the claims it makes, with the checksum of every file it
 * read (the report's `files`). A claim is evidence for a third party, so its
 * inputs must be files the vendor can be given by name (stdin has none), and
 * the whole report is kept per period.
 */
export async function runClaims(request: AuditRequest): Promise<ClaimRun> {
  const streams = [...request.tickets, ...request.uptime, ...(request.events ?? [])].filter(
    (s) => typeof s !== 'string',
  );
  if (streams.length > 0)
    throw new UsageError(
      `a claim names the checksum of every input: give files, not ${inputName(streams[0]!)} (the vendor is given each input by its file name)`,
    );
  const reports = await runAudit({ ...request, evidenceOrigins: true });
  const claims = reports.flatMap((r) => claimsOf(r, request.parties ?? partiesOf(null)));
  return { reports, claims, files: reports[0]?.files ?? [] };
}
