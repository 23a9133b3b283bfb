import type { ServiceEvidence } from '../core/availability/evidence.js';
import type { Issue } from '../core/issues.js';
import { append } from '../core/lists.js';
import type { FileDigest } from '../core/report.js';
import { inputName } from './inputs.js';
import { uptimeReadOptions, type AuditRequest } from './request.js';

/** A request's uptime logs read, with what their scope and the tier say of them. */
export interface UptimeRead {
  evidence: ServiceEvidence[];
  issues: Issue[];
  /** Those of `issues` that stopped a file before its end, or that no --skip-invalid passes. */
  fatal: Issue[];
  warnings: Issue[];
  /** Each log read: checksum, size, records read and skipped. */
  files: FileDigest[];
}

/**
 * The one way the application reads a request's uptime logs (an audit, at-risk, explain): read once,
 * the scope checked against the contract's services and the downtime definition, and a tier without
 * an availability target said. The readers are loaded only here: a tickets-only run loads none.
 */
export async function readEvidence(request: AuditRequest): Promise<UptimeRead> {
  const [{ readUptime }, { STATED_COVERAGE_SOURCE }] = await Promise.all([
    import('../adapters/ingest/read-uptime.js'),
    import('../adapters/ingest/uptime-assemble.js'),
  ]);
  const up = await readUptime(request.uptime, uptimeReadOptions(request));
  const files = request.uptime.map(inputName).join(', ');
  const out: UptimeRead = {
    evidence: up.evidence,
    issues: up.issues,
    fatal: up.fatal,
    warnings: up.warnings,
    files: up.files,
  };
  // A service only a stated coverage speaks for is named by no log (a component misspelt reads as up).
  const scope = scopeChecks(
    request,
    up.evidence.filter((e) => !e.sources || e.sources.some((s) => s !== STATED_COVERAGE_SOURCE)).map((e) => e.service),
    files,
  );
  append(out.warnings, scope.warnings);
  append(out.issues, scope.problems);
  append(out.fatal, scope.problems);
  const { tier, policy } = request;
  if (tier.availabilityTarget === null)
    out.warnings.push({ code: 'NO_AVAILABILITY_TARGET', file: files, args: { tier: tier.id, policy: policy.id } });
  return out;
}

/**
 * What the contract's services and the policy's downtime definition expect of the logs: a service
 * whose components no log names is said; a combined row that needs more services down at once than
 * the logs have (it could never be down) is an input error, as a contract service with fewer
 * components than its rule needs is when the request is made.
 */
function scopeChecks(
  r: AuditRequest,
  logged: readonly string[],
  files: string,
): { warnings: Issue[]; problems: Issue[] } {
  const out: Issue[] = [];
  const problems: Issue[] = [];
  const k = r.policy.availability.downtime.servicesDown;
  const have = new Set(logged);
  for (const def of r.serviceDefs ?? []) {
    const missing = def.components.filter((c) => !have.has(c));
    if (missing.length > 0)
      out.push({
        code: 'SERVICE_NOT_IN_LOGS',
        file: files,
        args: { service: def.name, missing, logged },
        hint: 'check the components against the service names of the logs',
      });
  }
  const scope = r.services ?? logged;
  // A rule that could never count downtime would read the whole as up through any outage: refused, never a silent 100%.
  // (An empty log is no data, said on its own.)
  if (!r.serviceDefs && scope.length > 0 && scope.length < k) {
    problems.push({
      code: 'SERVICES_DOWN_UNREACHABLE',
      file: files,
      args: { services: scope.length, policy: r.policy.id, servicesDown: k },
      hint: `give the logs of every zone or instance the rule counts, or state the contract's services with their components (and downtime: { servicesDown: 1 } for a single instance)`,
    });
  }
  return { warnings: out, problems };
}
