import type { OutageOrigin, ServiceEvidence } from '../../core/availability/evidence.js';
import type { Issue } from '../../core/issues.js';
import { monthOf, monthPeriod } from '../../core/period.js';
import { MS_PER_DAY } from '../../core/time/civil.js';
import { normalize, subtract, union, type Span } from '../../core/time/spans.js';
import { isoInstant } from '../../core/time/local-time.js';
import { ZoneOffsets } from '../../core/time/zone.js';
import { UNKNOWN, type FileEvidence, type SampleSeries } from './uptime-records.js';

/** The service of a log that names none. */
export const DEFAULT_SERVICE = 'service';

/** What the contract states the outage lists speak for (epoch ms, whole billing months). */
export interface StatedCoverage {
  /** For every service; null: none stated. */
  all: Span | null;
  /** Per log service, where services start at different dates: wins over `all`. */
  services: ReadonlyMap<string, Span>;
}

export interface AssembleOptions {
  /** Keep where each logged outage was read (a claim cites it); off, nothing per record is kept. */
  origins?: boolean;
  maxSampleGapMs: number;
  billingZone: string;
  asOf: number;
  stated: StatedCoverage;
  /** The services in scope: an outage list without a record of one still covers it, where coverage is stated. */
  services: readonly string[] | null;
}

interface Acc {
  outages: Span[];
  maintenance: Span[];
  covered: Span[];
  /** The files (and the contract's stated coverage) its evidence came from. */
  sources: Set<string>;
  origins: OutageOrigin[];
  /** Daily downtime totals: UTC day start → time down that day (the larger where files disagree). */
  daily: Map<number, number>;
}

/** The source a stated coverage is named by in a report. */
export const STATED_COVERAGE_SOURCE = 'contract: availability.coverage';

/**
 * Evidence per service from every file; each file covers what its kind of
 * evidence can show (SPEC 2, see EvidenceKind). Returns the evidence and
 * the warnings about coverage: a stated coverage that observed evidence is
 * silent in, and outage totals without a stated coverage.
 */
export function assemble(
  files: ReadonlyArray<{ name: string; evidence: FileEvidence }>,
  opts: AssembleOptions,
): { evidence: ServiceEvidence[]; warnings: Issue[] } {
  const by = new Map<string, Acc>();
  const get = (s: string, source: string) => {
    let v = by.get(s);
    if (!v)
      by.set(s, (v = { outages: [], maintenance: [], covered: [], sources: new Set(), origins: [], daily: new Map() }));
    v.sources.add(source);
    return v;
  };
  const warnings: Issue[] = [];
  const stated = opts.stated;
  // What a list of outages or a stated coverage speaks for ends at as-of: time yet to come is no evidence of being up.
  const untilAsOf = (span: Span | null): Span | null =>
    span === null ? null : span[0] < opts.asOf ? [span[0], Math.min(span[1], opts.asOf)] : null;
  const statedFor = (service: string): Span | null => untilAsOf(stated.services.get(service) ?? stated.all);
  const anyStated = stated.all !== null || stated.services.size > 0;
  // What samples and logged states cover: a stated coverage never adds to it.
  const observed = new Map<string, Span[]>();
  const { name: canon, warning: alike } = serviceSpellings(files, [
    ...(opts.services ?? []),
    ...stated.services.keys(),
  ]);
  if (alike) warnings.push(alike);
  for (const { name, evidence: f } of files) {
    if (f.kind !== 'observed') continue;
    for (const service of f.samples.keys()) observed.set(canon(service), []);
    for (const p of f.periods) observed.set(canon(p.service), []);
    // A service the log names with no state it can tell (Nagios' UNKNOWN alone): a row of no data, not none.
    for (const service of f.named ?? []) {
      observed.set(canon(service), observed.get(canon(service)) ?? []);
      get(canon(service), name);
    }
  }
  /** Services a stated coverage was applied to, through an outage list or outage totals. */
  const statedApplied = new Set<string>();
  const offsets = new ZoneOffsets(opts.billingZone);
  for (const { name, evidence: f } of files) {
    for (const [raw, series] of f.samples) {
      const service = canon(raw);
      const v = get(service, name);
      // A state change holds until the next one, the last until as-of; a probe sample for at most the sample gap —
      // a log's own spacing (a Prometheus step) may only narrow it: one sample never speaks for a longer silence.
      const { covered, outages, conflicts } = f.stateChanges
        ? sampleSpans(series, Infinity, opts.asOf)
        : sampleSpans(series, Math.min(f.sampleGaps?.get(raw) ?? Infinity, opts.maxSampleGapMs));
      if (f.stateChanges) {
        const held = heldWholeMonth(series, opts.asOf, opts.billingZone, offsets);
        if (held)
          warnings.push({
            code: 'UPTIME_STATE_HELD',
            file: name,
            args: { service, last: isoInstant(held.last), up: held.up, asOf: isoInstant(opts.asOf), month: held.month },
            hint: 'a state log vouches for its last state only if it was exported at --as-of: export it again, or give --as-of the time it was exported',
          });
      }
      if (conflicts)
        warnings.push({
          code: 'UPTIME_CONFLICTING_SAMPLES',
          file: name,
          args: { service, count: conflicts.count, first: isoInstant(conflicts.first) },
          hint: 'give each probe location a service of its own (a service column), or one location per file',
        });
      for (const c of covered) {
        v.covered.push(c);
        observed.get(service)!.push(c);
      }
      for (const o of outages) v.outages.push(o);
    }
    for (const p of f.periods) {
      const v = get(canon(p.service), name);
      // A daily total's minutes are no instants (placed at the day's start by the reader): the day's total, and a
      // claim cites its record for any downtime in the day.
      const dayOf = f.dailyTotals ? Math.floor(p.start / MS_PER_DAY) * MS_PER_DAY : null;
      if (p.kind === 'outage' && dayOf !== null) v.daily.set(dayOf, Math.max(v.daily.get(dayOf) ?? 0, p.end - p.start));
      else if (p.kind === 'outage') v.outages.push([p.start, p.end]);
      if (p.kind === 'outage' && opts.origins)
        v.origins.push(
          dayOf !== null
            ? { start: dayOf, end: dayOf + MS_PER_DAY, at: `${name}:${p.line}` }
            : { start: p.start, end: p.end, at: `${name}:${p.line}` },
        );
      if (p.kind === 'maintenance') v.maintenance.push([p.start, p.end]);
      if (f.kind === 'observed' && p.kind !== 'nodata') {
        v.covered.push([p.start, p.end]);
        observed.get(canon(p.service))!.push([p.start, p.end]);
      }
    }
    if (f.kind === 'outage-list') {
      if (f.periods.length === 0 && !anyStated) continue;
      // The months of the log's own records speak for the services it names, never for others.
      const months = untilAsOf(recordMonths(f, opts.billingZone, offsets));
      const named = new Set(f.periods.map((p) => canon(p.service)));
      for (const service of named) {
        const span = statedFor(service) ?? months;
        if (statedFor(service) !== null) statedApplied.add(service);
        const v = get(service, statedFor(service) !== null ? STATED_COVERAGE_SOURCE : name);
        if (span !== null) v.covered.push(span);
      }
      for (const p of f.periods) get(canon(p.service), name).covered.push([p.start, p.end]);
      // A service in scope, or stated on its own, that never had an outage is covered by its stated coverage — unless samples speak for it.
      const quiet = anyStated
        ? [...(opts.services ?? []), ...stated.services.keys()].filter((s) => !named.has(s) && !observed.has(s))
        : [];
      if (named.size === 0 && quiet.length === 0 && !observed.has(DEFAULT_SERVICE)) quiet.push(DEFAULT_SERVICE);
      for (const service of quiet) {
        const span = statedFor(service);
        if (span === null) continue;
        statedApplied.add(service);
        get(service, STATED_COVERAGE_SOURCE).covered.push(span);
      }
    }
    if (f.kind === 'outage-totals') {
      // Each listed day was watched, whatever its minutes; beyond them, only what the contract states.
      for (const p of f.periods) {
        const day = Math.floor(p.start / MS_PER_DAY) * MS_PER_DAY;
        get(canon(p.service), name).covered.push([day, day + MS_PER_DAY]);
      }
      const missing: string[] = [];
      for (const service of new Set([...(f.named ?? []), ...f.periods.map((p) => p.service)].map(canon))) {
        const span = statedFor(service);
        const v = get(service, name);
        if (span === null) missing.push(service);
        else {
          statedApplied.add(service);
          v.covered.push(span);
          v.sources.add(STATED_COVERAGE_SOURCE);
        }
      }
      if (missing.length > 0) warnings.push(noStatedCoverage(name, missing));
    }
  }
  const silent = silentInStated(observed, statedFor, statedApplied, files, offsets);
  if (silent) warnings.push(silent);
  const evidence = [...by]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([service, v]) => ({
      service,
      outages: normalize(v.outages),
      maintenance: normalize(v.maintenance),
      covered: union(v.covered),
      sources: [...v.sources],
      ...(opts.origins ? { origins: v.origins } : {}),
      ...(v.daily.size > 0 ? { dailyTotals: [...v.daily].map(([day, downMs]) => ({ day, downMs })) } : {}),
    }));
  return { evidence, warnings };
}

/** The billing months from an outage list's first record's to its last record's (SPEC 2; by their starts), or null without records. */
function recordMonths(f: FileEvidence, zone: string, offsets: ZoneOffsets): Span | null {
  if (f.periods.length === 0) return null;
  // Loops, not Math.min(...): a list of a million outages would overflow the stack.
  let first = Infinity;
  let last = -Infinity;
  // By where records start: an outage that runs into the next month speaks for its own span there (it is
  // covered as down), not for the rest of that month.
  for (const p of f.periods) {
    if (p.start < first) first = p.start;
    if (p.start > last) last = p.start;
  }
  const a = monthOf(first, offsets);
  const b = monthOf(last, offsets);
  return [monthPeriod(a.year, a.month, zone, offsets).start, monthPeriod(b.year, b.month, zone, offsets).end];
}

/**
 * A state log's last state holds until --as-of; when that spans a whole billing month with no line in it,
 * the log says nothing of that month but what it said before — true only if it was exported at --as-of.
 */
function heldWholeMonth(
  series: SampleSeries,
  asOf: number,
  zone: string,
  offsets: ZoneOffsets,
): { last: number; up: boolean; month: string } | null {
  let at = -1;
  for (let i = 0; i < series.n; i++) if (at < 0 || series.t[i]! >= series.t[at]!) at = i;
  if (at < 0 || series.up[at] === UNKNOWN) return null;
  const last = series.t[at]!;
  const m = monthOf(last, offsets);
  const next = m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
  const month = monthPeriod(next.year, next.month, zone, offsets);
  return month.end <= asOf ? { last, up: series.up[at] === 1, month: month.label } : null;
}

/** Outage totals whose services have no stated coverage: what the contract must say, by its key. */
function noStatedCoverage(file: string, services: readonly string[]): Issue {
  return {
    code: 'UPTIME_COVERAGE_NOT_STATED',
    file,
    args: { services: services.slice(0, 5), more: Math.max(0, services.length - 5) },
    hint: 'state the months the log speaks for in the contract: availability.coverage: {from: YYYY-MM, to: YYYY-MM}, or per service under availability.coverage.services',
  };
}

/**
 * A stated coverage that samples, heartbeats or state logs are silent in: the stated months do not
 * fill their silence (it stays no data), and the warning names where they are silent.
 */
function silentInStated(
  observed: ReadonlyMap<string, Span[]>,
  statedFor: (s: string) => Span | null,
  applied: ReadonlySet<string>,
  files: ReadonlyArray<{ name: string; evidence: FileEvidence }>,
  offsets: ZoneOffsets,
): Issue | null {
  const gaps: Array<{ service: string; span: Span }> = [];
  const services: string[] = [];
  for (const [service, covered] of [...observed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const span = statedFor(service);
    if (span === null || applied.has(service)) continue;
    const silent = subtract([span], normalize(covered));
    if (silent.length === 0) continue;
    services.push(service);
    for (const s of silent) gaps.push({ service, span: s });
  }
  if (gaps.length === 0) return null;
  const shown = gaps.slice(0, 3);
  return {
    code: 'UPTIME_STATED_COVERAGE_SILENT',
    file: files
      .filter(({ evidence }) => evidence.kind === 'observed')
      .map(({ name }) => name)
      .join(', '),
    args: {
      services,
      silent: shown.map((g) => g.service),
      from: shown.map((g) => new Date(g.span[0]).toISOString()),
      to: shown.map((g) => new Date(g.span[1]).toISOString()),
      more: Math.max(0, gaps.length - 3),
      zone: offsets.zone,
    },
    hint: 'availability.coverage is for outage lists and daily downtime totals; give the probe logs for the silent spans, or leave the stated coverage out',
  };
}

/**
 * Each sample stands for the time until the next one, at most `maxGap`; the
 * rest of a longer gap is no data. Samples of one instant (two probe
 * locations writing one service) must agree: where one says up and another
 * down, that instant's time is no data, and counted — row order never
 * decides it. One pass over time-ordered samples, merging touching spans, so
 * the result grows with gaps and outages, not with samples.
 */
export function sampleSpans(
  series: SampleSeries,
  maxGap: number,
  lastUntil = Infinity,
): { covered: Span[]; outages: Span[]; conflicts: { count: number; first: number } | null } {
  let { t, up } = series;
  const n = series.n;
  if (!series.ordered) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => t[a]! - t[b]!);
    const t2 = new Float64Array(n);
    const u2 = new Uint8Array(n);
    order.forEach((from, to) => {
      t2[to] = t[from]!;
      u2[to] = up[from]!;
    });
    t = t2;
    up = u2;
  }
  const covered: Array<[number, number]> = [];
  const outages: Array<[number, number]> = [];
  let conflicts: { count: number; first: number } | null = null;
  for (let i = 0; i < n;) {
    const start = t[i]!;
    let state = UNKNOWN;
    let disagree = false;
    for (; i < n && t[i] === start; i++) {
      const u = up[i]!;
      if (u === UNKNOWN) continue;
      if (state !== UNKNOWN && u !== state) disagree = true;
      state = u;
    }
    if (disagree) {
      if (conflicts) conflicts.count++;
      else conflicts = { count: 1, first: start };
      continue;
    }
    const next = i < n ? t[i]! : Math.max(start, lastUntil);
    const end = start + Math.min(next - start, maxGap);
    if (end <= start || state === UNKNOWN) continue;
    const c = covered[covered.length - 1];
    if (c && c[1] >= start) c[1] = Math.max(c[1], end);
    else covered.push([start, end]);
    if (state === 0) {
      const o = outages[outages.length - 1];
      if (o && o[1] >= start) o[1] = Math.max(o[1], end);
      else outages.push([start, end]);
    }
  }
  return { covered, outages, conflicts };
}

/**
 * Service names that differ only in case or Unicode form ("api" and "API"): one service spelt two ways, its
 * evidence split between them — one spelling's up samples would make a met of a month whose outage the other
 * holds. They are read as one, under the contract's spelling where it names the service, else the first met, and
 * said (UPTIME_SERVICES_ALIKE).
 */
function serviceSpellings(
  files: ReadonlyArray<{ name: string; evidence: FileEvidence }>,
  scope: readonly string[],
): {
  name: (service: string) => string;
  warning: Issue | null;
} {
  const first = new Map<string, string>();
  // The contract's own names come first: a log's other spelling of one is that service, never out of scope.
  for (const service of scope) first.set(service.normalize('NFC').toLowerCase(), service);
  const spellings = new Map<string, Set<string>>();
  const note = (service: string) => {
    const key = service.normalize('NFC').toLowerCase();
    const known = first.get(key);
    if (known === undefined) first.set(key, service);
    else if (known !== service) (spellings.get(key) ?? spellings.set(key, new Set([known])).get(key)!).add(service);
  };
  for (const { evidence: f } of files) {
    for (const service of f.samples.keys()) note(service);
    for (const p of f.periods) note(p.service);
    for (const service of f.named ?? []) note(service);
  }
  if (spellings.size === 0) return { name: (s) => s, warning: null };
  const [key, names] = spellings.entries().next().value!;
  return {
    name: (s) => first.get(s.normalize('NFC').toLowerCase()) ?? s,
    warning: {
      code: 'UPTIME_SERVICES_ALIKE',
      file: files.map((f) => f.name).join(', '),
      args: { names: [...names], as: first.get(key)!, more: spellings.size - 1 },
      hint: 'name each service one way in the logs (or map the service column), so that its evidence is not split',
    },
  };
}
