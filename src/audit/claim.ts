import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { claimsOf, partiesOf, type Claim, type FileDigest } from '../core/credits/claim-packet.js';
import { InputError, UsageError } from '../core/issues.js';
import type { AuditReport } from '../core/report.js';
import { inputName, type InputSource } from './inputs.js';
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
 * read. A claim is evidence for a third party, so its inputs must be files
 * (stdin cannot be checked again) and the whole report is kept per period.
 */
export async function runClaims(request: AuditRequest): Promise<ClaimRun> {
  const streams = [...request.tickets, ...request.uptime, ...(request.events ?? [])].filter(
    (s) => typeof s !== 'string',
  );
  if (streams.length > 0)
    throw new UsageError(
      `a claim names the checksum of every input: give files, not ${inputName(streams[0]!)} (stdin cannot be read again to check)`,
    );
  const reports = await runAudit({ ...request, evidenceOrigins: true });
  const claims = reports.flatMap((r) => claimsOf(r, request.parties ?? partiesOf(null)));
  return { reports, claims, files: await digests(request) };
}

async function digests(request: AuditRequest): Promise<FileDigest[]> {
  const out: FileDigest[] = [];
  const inputs: Array<[FileDigest['role'], readonly InputSource[]]> = [
    ['tickets', request.tickets],
    ['events', request.events ?? []],
    ['uptime', request.uptime],
  ];
  for (const [role, files] of inputs)
    for (const f of files)
      out.push({ role, path: inputName(f), ...(await digest(resolve(request.cwd, inputName(f)))) });
  const s = request.sources;
  if (s) {
    out.push({ role: 'policy', path: shown(s.policy, request), ...(await digest(s.policy)) });
    if (s.contract) out.push({ role: 'contract', path: shown(s.contract, request), ...(await digest(s.contract)) });
    if (s.map) out.push({ role: 'map', path: shown(s.map, request), ...(await digest(s.map)) });
  }
  return out;
}

/** A path inside the working folder relative to it; a bundled policy by its id (its bytes are the release's). */
function shown(file: string, request: AuditRequest): string {
  const rel = relative(request.cwd, file);
  if (!rel.startsWith('..') && !rel.startsWith(sep)) return rel.split(sep).join('/');
  return file.endsWith(`${sep}policies${sep}${request.policy.id}.yaml`) ? `bundled:${request.policy.id}` : file;
}

async function digest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (err) {
    // Read a moment ago by the audit: gone or changed since, the claim would not rest on what was audited.
    throw new InputError([
      {
        code: 'CLAIM_INPUT_UNREADABLE',
        args: { reason: err instanceof Error ? err.message : String(err) },
        file,
        hint: 'keep the inputs in place while the claim is made, and run it again',
      },
    ]);
  }
  return { sha256: hash.digest('hex'), bytes };
}
