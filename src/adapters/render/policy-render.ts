import { conditionText } from '../../core/tickets/effective-priority.js';
import type { DowntimeDefinition } from '../../core/availability/downtime.js';
import { moneyText } from '../../core/money.js';
import {
  ALWAYS,
  METRICS,
  type CalendarSpec,
  type ClaimRule,
  type Policy,
  type Target,
} from '../../core/policy/model.js';
import { formatIsoDate } from '../../core/time/civil.js';
import { renderTable } from './table.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const METRIC_LABEL = {
  firstResponse: 'first response',
  ongoingResponse: 'ongoing response',
  updateCadence: 'update cadence',
  resolution: 'resolution',
} as const;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const hoursText = (h: ReadonlyArray<readonly [number, number]>) =>
  h.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(', ');

/** One line per policy: what `policies list` shows. */
export function policyListRows(policies: Policy[]): string[][] {
  return policies.map((p) => [p.id, p.name, p.tiers.map((t) => t.id).join(', '), p.billingZone, p.currency]);
}

export function renderPolicyList(policies: Policy[], width?: number): string {
  return (
    renderTable(['id', 'name', 'tiers', 'billing zone', 'currency'], policyListRows(policies), undefined, width) + '\n'
  );
}

export function policyListJson(policies: Policy[]): unknown {
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    tiers: p.tiers.map((t) => t.id),
    billingZone: p.billingZone,
    currency: p.currency,
  }));
}

function calendarText(c: CalendarSpec): string {
  if (c.kind === 'always') return 'round the clock';
  const groups: string[] = [];
  for (let d = 0; d < 7; d++) {
    const h = hoursText(c.week[d]!);
    if (!h) continue;
    let e = d;
    while (e + 1 < 7 && hoursText(c.week[e + 1]!) === h) e++;
    groups.push(`${DAYS[d]}${e > d ? `-${DAYS[e]}` : ''} ${h}`);
    d = e;
  }
  const day = c.businessDayMs === null ? '' : `; business day ${c.businessDayMs / 3_600_000} h`;
  const extra =
    c.holidays.length + c.extraWorkdays.size > 0
      ? `; ${c.holidays.length} holidays, ${c.extraWorkdays.size} extra workdays`
      : '';
  const pub = c.publicHolidays
    ? `; public holidays of ${c.publicHolidays.code}${c.notHolidays.length > 0 ? ` (less ${c.notHolidays.length})` : ''}`
    : '';
  return `${groups.join('; ')} ${c.zone}${day}${extra}${pub}`;
}

const targetText = (t: Target) => (t.calendar === ALWAYS && t.unit !== 'calendarDays' ? `${t.text} (24x7)` : t.text);

/** A claim deadline in words. */
function claimText(c: ClaimRule): string {
  return c.kind === 'days-after'
    ? `${c.n} days after the period`
    : c.kind === 'months-after'
      ? `${c.n} month(s) after the period's end`
      : `the end of billing cycle ${c.n} after the period`;
}

/** A downtime definition in words; null when downtime is what the log says. */
export function downtimeText(d: DowntimeDefinition): string | null {
  const parts: string[] = [];
  if (d.minimumOutageMs !== null) parts.push(`outages shorter than ${d.minimumOutageMs / 1000} s are not counted`);
  if (d.bucketMs !== null) {
    const rule =
      d.bucketDown === 'any'
        ? 'any of it is down'
        : d.bucketDown === 'all'
          ? 'all of it is down'
          : `more than ${d.bucketDown.shareAbovePercent}% of it is down`;
    parts.push(`time in ${d.bucketMs / 1000} s buckets, each down as a whole when ${rule}`);
  }
  if (d.servicesDown > 1) parts.push(`the services together are down while at least ${d.servicesDown} are`);
  return parts.length === 0 ? null : parts.join('; ');
}

/** A line of prose in lines of at most `width` characters, broken at spaces; table lines stay as they are. */
function wrapLine(line: string, width: number): string[] {
  if ([...line].length <= width || /^[┌│├└]/.test(line)) return [line];
  const lead = /^(\s*(?:- )?)/.exec(line)![1]!;
  const indent = ' '.repeat(lead.length);
  const out: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(' ')) {
    if (current.trim() !== '' && [...current].length + 1 + [...word].length > width) {
      out.push(current);
      current = indent + word;
    } else current = current.trim() === '' ? current + word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** `policies show`: calendars, then each tier's targets per priority. */
export function renderPolicy(p: Policy, width?: number): string {
  const out: string[] = [];
  out.push(`${p.name} (${p.id})`, `source: ${p.source}`, `billing zone: ${p.billingZone}; currency: ${p.currency}`);
  for (const c of p.calendars.values()) if (c.kind === 'weekly') out.push(`calendar ${c.id}: ${calendarText(c)}`);
  if (p.defaultPriority) out.push(`default priority: ${p.defaultPriority}`);
  for (const rule of p.rules) {
    out.push(`rule: ${rule.from.join('/')} ${conditionText(rule.when)} → ${rule.to}`);
  }
  const downtime = downtimeText(p.availability.downtime);
  if (downtime !== null) out.push(`downtime: ${downtime}`);
  const metrics = METRICS.filter((m) => p.tiers.some((t) => [...t.targets.values()].some((x) => x[m])));
  for (const tier of p.tiers) {
    const names = [tier.level, ...tier.aliases].filter(Boolean).join(', ');
    out.push(
      '',
      `tier ${tier.id}${names ? ` (${names})` : ''}${tier.availabilityTarget !== null ? ` — availability ${tier.availabilityTarget}%` : ''}`,
    );
    if (tier.note) out.push(`  ${tier.note}`);
    const rows = p.priorities.map((pr) => {
      const t = tier.targets.get(pr.id);
      return [`${pr.id} ${pr.name}`, ...metrics.map((m) => (t?.[m] ? targetText(t[m]!) : 'no target'))];
    });
    if (metrics.length > 0)
      out.push(renderTable(['priority', ...metrics.map((m) => METRIC_LABEL[m])], rows, undefined, width));
  }
  const c = p.credits;
  out.push(
    '',
    c.models.length === 0
      ? 'credits: no credit schedule'
      : `credits: ${c.models.map((m) => (m.escalation ? `${m.id} (×${m.escalation.join(', ×')} in consecutive ${p.billingPeriod.kind}s)` : m.id)).join(', ')}${c.capPercent !== null ? `; cap ${c.capPercent}%` : ''}${c.capPerYearPercent !== null ? `; at most ${c.capPerYearPercent}% of a year's fees` : ''}${c.claimBy !== null ? `; claim by ${claimText(c.claimBy)}` : ''}${c.minimumPayableMinor !== null ? `; totals under ${moneyText(c.minimumPayableMinor, p.currency)} are not paid` : ''}`,
  );
  out.push('', 'assumptions:');
  for (const a of p.assumptions) out.push(`  - ${a.id}: ${a.text}`);
  // Prose (notes, assumptions, calendars) wraps at the terminal's width like the tables, indented under its first line.
  return (width === undefined ? out : out.flatMap((line) => wrapLine(line, width))).join('\n') + '\n';
}

/** The policy model as plain JSON (Maps become objects, dates ISO strings). */
export function policyJson(p: Policy): unknown {
  return {
    ...p,
    calendars: Object.fromEntries(
      [...p.calendars].map(([id, c]) => [
        id,
        c.kind === 'always'
          ? c
          : {
              ...c,
              holidays: c.holidays.map(formatIsoDate),
              publicHolidays: c.publicHolidays?.code ?? null,
              notHolidays: c.notHolidays.map(formatIsoDate),
              extraWorkdays: Object.fromEntries([...c.extraWorkdays].map(([d, h]) => [formatIsoDate(d), h])),
            },
      ]),
    ),
    tiers: p.tiers.map((t) => ({ ...t, targets: Object.fromEntries(t.targets) })),
    exclusions: Object.fromEntries(p.exclusions),
  };
}
