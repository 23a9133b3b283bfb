import type { Claim, FileDigest } from '../../core/credits/claim-packet.js';
import { decimalAmount } from '../../core/money.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { needText } from './claim-text.js';
import { isoUtc } from './iso.js';
import { JsonBytes } from './json-bytes.js';
import { ReportJsonWriter } from './report-json.js';

/** calculation.json's version: it changes only with its shape. */
export const CLAIM_SCHEMA_VERSION = 1;

/**
 * calculation.json: the claim's state and amount, the command and the
 * checksum of every file it read, and the period's whole audit report —
 * everything a vendor or an auditor needs to compute it again. Nothing in
 * it depends on the clock but `asOf`, so the same command gives the same bytes.
 */
export function claimCalculationJson(
  claim: Claim,
  files: readonly FileDigest[],
  command: readonly string[],
): Uint8Array[] {
  const r = claim.report;
  const doc = {
    claimSchemaVersion: CLAIM_SCHEMA_VERSION,
    generator: r.generator,
    asOf: isoUtc(r.asOf),
    command,
    files,
    claim: {
      period: r.period.label,
      service: claim.service,
      readiness: claim.readiness,
      needs: claim.needs.map((n) => ({ code: n.code, args: n.args, text: needText(n) })),
      percent: claim.percent,
      amount: decimalAmount(claim.amountMinor, r.currency),
      currency: r.currency,
      claimBy: claim.claimBy === null ? null : formatIsoDate(claim.claimBy),
      daysLeft: claim.daysLeft,
      parties: {
        reference: claim.parties.reference,
        customer: claim.parties.customer,
        vendor: claim.parties.vendor,
        accounts: claim.parties.accountIds,
        resources: [...claim.parties.resourceIds].map(([service, ids]) => ({ service, ids })),
      },
      procedure: claim.procedure,
      lines: claim.lines.map((l) => ({
        rule: l.credit.rule,
        readiness: l.readiness,
        needs: l.needs.map((n) => ({ code: n.code, args: n.args })),
      })),
    },
  };
  // The report goes last, written as the report writer streams it one level in: the tickets and credit
  // lines of a large month are never one string (V8 caps a string at 512 MiB).
  const parts: Uint8Array[] = [Buffer.from(`${JSON.stringify(doc, null, 2).slice(0, -2)},\n  "report": `)];
  const out = new JsonBytes((b) => parts.push(Buffer.from(b)));
  const writer = new ReportJsonWriter(out);
  writer.begin(r, 1);
  for (const t of r.tickets) writer.ticket(t);
  writer.end(r);
  out.text('\n}\n');
  out.flush();
  return parts;
}
