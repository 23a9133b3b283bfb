import type { CsvRow } from './text-formats.js';
import { TimestampReader, UPTIME_TIMESTAMP, failureDetail, whyOf } from './timestamp-reader.js';
import { DEFAULT_SERVICE } from './uptime-assemble.js';
import type { ReadContext, UptimeSample } from './uptime-reader.js';
import { isoInstant } from '../../core/time/local-time.js';
import { emptyEvidence, parseDurationText, type FileEvidence, type Period, type PeriodKind } from './uptime-records.js';

/** UptimeRobot's own exports state the account's date format; US order is assumed here, overridable with --input-tz and ISO dates. */
const UPTIMEROBOT_FORMATS = ['MM-dd-yyyy HH:mm:ss'];
const HEADERLESS = ['event', 'monitor', 'date-time', 'reason', 'duration'];

const EVENT_KINDS: ReadonlyMap<string, PeriodKind> = new Map([
  ['up', 'up'],
  ['started', 'up'],
  ['down', 'outage'],
  ['paused', 'nodata'],
]);

/** UptimeRobot's dashboard log export: Event, Monitor, Date-Time, Reason, Duration ("13 hrs, 2 mins"), with or without its header. */
export async function uptimeRobotCsv(sample: UptimeSample, ctx: ReadContext): Promise<FileEvidence> {
  if (sample.container !== 'csv') throw new Error('uptimeRobotCsv reads CSV');
  const { header: first, batches } = sample;
  const headerless = /^(up|down|started|paused)$/i.test(first.cells[0]!.trim());
  const header = headerless ? HEADERLESS : sample.names;
  // Streamed: a headerless export's first row is data.
  async function* rows(): AsyncGenerator<CsvRow[]> {
    if (headerless) yield [first];
    yield* batches;
  }
  const at = (name: string) => header.indexOf(name);
  const [ev, mon, dt, rs] = [at('event'), at('monitor'), at('date-time'), at('reason')];
  const durMins = at('duration (in mins.)');
  const dur = at('duration');
  const times = new TimestampReader(ctx.opts.inputTz, UPTIMEROBOT_FORMATS);
  const e = emptyEvidence('observed');
  const rowsRead: LogRow[] = [];
  for await (const batch of rows())
    for (const { line, cells } of batch) {
      ctx.row();
      const event = (cells[ev] ?? '').trim().toLowerCase();
      const when = (cells[dt] ?? '').trim();
      const t = times.read(when);
      const ms =
        durMins >= 0 && cells[durMins] ? parseDurationText(cells[durMins]!, 60) : parseDurationText(cells[dur] ?? '');
      if (!t.ok) {
        ctx.problem(line, UPTIME_TIMESTAMP[t.problem], { at: 'Date-Time', ...whyOf(t) }, failureDetail(when, t));
        continue;
      }
      if (ms === null) {
        ctx.problem(
          line,
          'UPTIME_BAD_DURATION',
          {},
          { expected: '"13 hrs, 2 mins"', got: JSON.stringify(cells[dur] ?? '') },
        );
        continue;
      }
      // An event this reader does not know is an error, never time up: it may be the outage.
      const kind = EVENT_KINDS.get(event);
      if (kind === undefined) {
        ctx.problem(
          line,
          'UPTIME_UNKNOWN_STATE',
          { field: 'Event' },
          { expected: 'Up, Down, Started or Paused', got: JSON.stringify(cells[ev] ?? '') },
        );
        continue;
      }
      const text = durMins >= 0 && cells[durMins] ? cells[durMins]! : (cells[dur] ?? '');
      rowsRead.push({
        service: (cells[mon] ?? '').trim() || DEFAULT_SERVICE,
        start: t.t,
        ms,
        // "0 hrs, 44 mins" is 44 min to 44 min 59 s: the dashboard cuts the seconds off, unless it writes them.
        unitMs: /\d\s*s(ec(ond)?s?)?\b/i.test(text) ? 1000 : 60_000,
        kind,
        reason: (cells[rs] ?? '').trim() || null,
        line,
        text,
      });
    }
  for (const p of statePeriods(rowsRead, ctx)) e.periods.push(p);
  return e;
}

interface LogRow {
  service: string;
  start: number;
  /** The Duration column, cut down to its unit. */
  ms: number;
  unitMs: number;
  kind: PeriodKind;
  reason: string | null;
  line: number;
  text: string;
}

/**
 * The log is a state log: each event's state holds until the monitor's next event. Its Duration is a
 * display cut to whole minutes, so it only checks that end: where the time to the next event agrees
 * with it within its unit, the state ends at the next event (44 min 59 s is "0 hrs, 44 mins", and 60
 * outages of 50 s are "0 hrs, 0 mins", none of them nothing). A longer time to the next event says
 * the log left something out: the state holds for its Duration, the rest is no data, never up. A
 * shorter one contradicts it: a problem, and the row's time is no data. The newest event has no next
 * one: its Duration runs to the export.
 */
function statePeriods(rows: LogRow[], ctx: ReadContext): Period[] {
  const byService = new Map<string, LogRow[]>();
  for (const r of rows) {
    const list = byService.get(r.service);
    if (list) list.push(r);
    else byService.set(r.service, [r]);
  }
  const periods: Period[] = [];
  for (const list of byService.values()) {
    // Newest first in the export; the sort is stable, so rows of one instant keep their order.
    list.sort((x, y) => x.start - y.start);
    // The next event is the first at a later instant: rows of one instant share their end.
    let after: number | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i]!;
      if (i + 1 < list.length && list[i + 1]!.start > r.start) after = list[i + 1]!.start;
      if (after !== null && after - r.start < r.ms) {
        ctx.problem(
          r.line,
          'UPTIME_DURATION_DISAGREES',
          { duration: r.text, next: isoInstant(after) },
          { expected: 'a Duration up to the next event of the monitor', got: JSON.stringify(r.text) },
        );
        continue;
      }
      const agrees = after !== null && after - r.start < r.ms + r.unitMs;
      periods.push({
        service: r.service,
        start: r.start,
        end: agrees ? after! : r.start + r.ms,
        kind: r.kind,
        reason: r.reason,
        line: r.line,
      });
    }
  }
  return periods;
}
