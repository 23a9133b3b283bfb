import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { bundledPolicyPath } from '../adapters/policy/load-policy.js';
import { InputError } from '../core/issues.js';
import type { FileDigest } from '../core/report.js';
import type { AuditRequest } from './request.js';

/**
 * Every file a run read, with its SHA-256: the inputs as the ingest driver read them (each checksum
 * taken from the bytes as they passed, so an input — stdin too — is read once), then the policy,
 * contract and map files the request was made from (small files, read again for their checksums).
 * What a report's `files` and a claim's calculation.json name: one list, made here.
 */
export async function runFiles(request: AuditRequest, inputs: readonly FileDigest[]): Promise<FileDigest[]> {
  const out = [...inputs];
  const s = request.sources;
  const add = async (role: FileDigest['role'], file: string) => {
    // Named as the inputs are (relative to the request's folder); a bundled policy by its id (its bytes are the release's).
    const path = file === bundledPolicyPath(request.policy.id) ? `bundled:${request.policy.id}` : file;
    out.push({ role, path, ...(await digest(resolve(request.cwd, file))) });
  };
  if (s) {
    await add('policy', s.policy);
    if (s.contract) await add('contract', s.contract);
    if (s.map) await add('map', s.map);
  }
  return out;
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
    // Read a moment ago when the request was made: gone since, the report would not name what was audited.
    throw new InputError([
      {
        code: 'CHECKSUM_UNREADABLE',
        args: { reason: err instanceof Error ? err.message : String(err) },
        file,
        hint: 'keep the files in place while the audit runs, and run it again',
      },
    ]);
  }
  return { sha256: hash.digest('hex'), bytes };
}
