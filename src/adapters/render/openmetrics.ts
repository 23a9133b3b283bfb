import { ticketCreditsNotCovered, type AuditReport } from '../../core/report.js';
import { decimalText, minorDigits, toMicro } from '../../core/money.js';
import { MS_PER_DAY } from '../../core/time/civil.js';
import { ZoneOffsets } from '../../core/time/zone.js';

/**
 * The audit as metrics for the Prometheus node_exporter textfile collector (OpenMetrics text): gauges
 * labelled by policy (the vendor's model), vendor, tier, period and service, each family once with its
 * HELP and TYPE, ending with `# EOF`. Money and ratios are exact decimals: a gauge's value is text, so
 * 123.46 USD is written 123.46, never 123.46000000000001.
 */
type Labels = ReadonlyArray<readonly [string, string]>;

interface Family {
  help: string;
  samples: string[];
}

/** A label value as the format quotes it: backslash, double quote and line feed escaped. */
export function labelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Ratio of a percentage (up to 6 decimals) as its exact decimal: 99.95% → 0.9995. */
const ratio = (percent: number): string => trim(decimalText(toMicro(percent), 8));
/** Milliseconds as exact seconds: 2649600 → 2649.6. */
const secondsOf = (ms: number): string => trim(decimalText(ms, 3));
const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
/** A ratio not rounded in the report (availability) as JavaScript prints it: the nearest double, in full. */
const plain = (x: number | null): string => (x === null ? 'NaN' : String(x));

class Families {
  private readonly byName = new Map<string, Family>();
  add(name: string, help: string, labels: Labels, value: string): void {
    let f = this.byName.get(name);
    if (!f) this.byName.set(name, (f = { help, samples: [] }));
    const text = labels.map(([k, v]) => `${k}="${labelValue(v)}"`).join(',');
    f.samples.push(`${name}{${text}} ${value}`);
  }
  text(): string {
    const out: string[] = [];
    for (const [name, f] of this.byName) {
      out.push(`# HELP ${name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} gauge`);
      for (const s of f.samples) out.push(s);
    }
    out.push('# EOF');
    return `${out.join('\n')}\n`;
  }
}

const TICKET_STATUSES = [
  ['met', 'met'],
  ['breached', 'breached'],
  ['pending', 'pending'],
  ['excluded', 'excluded'],
  ['noTarget', 'no-target'],
  ['notMeasured', 'not-measured'],
] as const;

/** Every report of the run (one per period) as one exposition. */
export function auditOpenMetrics(reports: readonly AuditReport[]): string {
  const m = new Families();
  for (const r of reports) {
    const base: Labels = [
      ['policy', r.policy.id],
      ['vendor', r.contract?.vendor?.name ?? r.policy.name],
      ['tier', r.tier.id],
      ['period', r.period.label],
    ];
    if (r.sections.tickets) {
      // A period the ticket export does not cover: its zero tickets are no evidence of none, so a dashboard must not read 0.
      const covered = r.ticketsNotCovered === undefined;
      for (const [key, status] of TICKET_STATUSES)
        m.add(
          'sla_audit_tickets',
          'Tickets of the period by verdict; NaN when the ticket export does not cover the period.',
          [...base, ['status', status]],
          covered ? String(r.summary[key]) : 'NaN',
        );
      for (const [priority, counts] of Object.entries(r.summary.bySeverity))
        m.add(
          'sla_audit_ticket_breaches',
          'Tickets of the period that missed a target, by effective priority; NaN when the ticket export does not cover the period.',
          [...base, ['priority', priority]],
          covered ? String(counts.breached) : 'NaN',
        );
    }
    for (const a of r.availability) {
      const labels: Labels = [...base, ['service', a.service]];
      m.add(
        'sla_audit_availability_ratio',
        'Availability of the period (0 to 1); NaN when nothing was eligible.',
        labels,
        plain(a.availabilityPercent === null ? null : a.availabilityPercent / 100),
      );
      if (a.targetPercent !== null)
        m.add('sla_audit_availability_target_ratio', 'Availability target (0 to 1).', labels, ratio(a.targetPercent));
      m.add(
        'sla_audit_availability_breach',
        'Whether availability missed its target: 1 missed, 0 met, NaN when the evidence cannot decide or there is no target.',
        labels,
        a.met === null ? 'NaN' : a.met ? '0' : '1',
      );
      m.add('sla_audit_downtime_seconds', 'Downtime counted in the period.', labels, secondsOf(a.downtimeMs));
      m.add(
        'sla_audit_eligible_seconds',
        'Period less maintenance (and time without data, where excluded).',
        labels,
        secondsOf(a.eligibleMs),
      );
    }
    credits(m, r, base);
  }
  return m.text();
}

const OWED_HELP =
  'Credit owed in the currency: caps applied for service "all", before the cap across services for each service.';

/** Credits owed (the total, caps applied), at risk (lines the evidence cannot decide yet) and expired, per currency. */
function credits(m: Families, r: AuditReport, base: Labels): void {
  const digits = minorDigits(r.currency);
  const labels: Labels = [...base, ['service', 'all'], ['currency', r.currency]];
  const t = r.creditTotal;
  // Where the contract's services have fees of their own, each one's lines (before the cap across services).
  const byService = new Map<string, number>();
  for (const c of r.credits)
    if (c.service !== undefined && c.eligible === true && c.expired !== true && c.amountMinor !== null)
      byService.set(c.service, (byService.get(c.service) ?? 0) + c.amountMinor);
  for (const [service, minor] of byService)
    m.add(
      'sla_audit_credit_owed',
      OWED_HELP,
      [...base, ['service', service], ['currency', r.currency]],
      decimalText(minor, digits),
    );
  m.add(
    'sla_audit_credit_owed_fee_ratio',
    'Credit owed as a share of the fee (0 to 1), caps applied.',
    labels,
    ratio(t.percent),
  );
  if (t.amountMinor !== null) m.add('sla_audit_credit_owed', OWED_HELP, labels, decimalText(t.amountMinor, digits));
  const undecided = r.credits.filter((c) => c.eligible === null && c.expired !== true);
  const atRiskMinor = undecided.some((c) => c.amountMinor === null)
    ? null
    : undecided.reduce((s, c) => s + c.amountMinor!, 0);
  // Ticket credits of a period the ticket export does not cover are at risk by an amount no evidence gives.
  const uncovered = ticketCreditsNotCovered(r);
  if (atRiskMinor !== null || uncovered)
    m.add(
      'sla_audit_credit_at_risk',
      'Credit the evidence cannot decide yet (may be owed), in the currency, before caps; NaN when the ticket export does not cover the period.',
      labels,
      uncovered || atRiskMinor === null ? 'NaN' : decimalText(atRiskMinor, digits),
    );
  if (t.expired && t.expired.amountMinor !== null)
    m.add(
      'sla_audit_credit_expired',
      'Credit whose claim deadline has passed, in the currency.',
      labels,
      decimalText(t.expired.amountMinor, digits),
    );
  // The deadline as an instant (the end of its last day in the billing zone): Grafana shows the time left from it.
  const open = r.credits.filter((c) => c.claimBy !== null && c.expired !== true && c.eligible !== false);
  if (open.length > 0) {
    const lastDay = open.reduce((least, c) => Math.min(least, c.claimBy!), Infinity);
    m.add(
      'sla_audit_credit_claim_deadline_timestamp_seconds',
      'When the claim deadline passes: the end of the last day to claim, in the billing zone (Unix time).',
      labels,
      String(new ZoneOffsets(r.period.zone).instantOf((lastDay + 1) * MS_PER_DAY).t / 1000),
    );
  }
}
