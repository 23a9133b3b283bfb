import type { CsvRow } from './text-formats.js';
import { TimestampReader, UPTIME_TIMESTAMP, failureDetail, whyOf } from './timestamp-reader.js';
import { DEFAULT_SERVICE } from './uptime-assemble.js';
import type { ReadContext, UptimeSample } from './uptime-reader.js';
import { emptyEvidence, parseDurationText, type FileEvidence, type PeriodKind } from './uptime-records.js';

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
      e.periods.push({
        service: (cells[mon] ?? '').trim() || DEFAULT_SERVICE,
        start: t.t,
        end: t.t + ms,
        kind,
        reason: (cells[rs] ?? '').trim() || null,
        line,
      });
    }
  return e;
}
