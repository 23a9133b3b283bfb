import type { ServiceEvidence } from '../../core/availability/evidence.js';
import { InputError, type FindingArgs, type Issue } from '../../core/issues.js';
import type { FileDigest } from '../../core/report.js';
import { append } from '../../core/lists.js';
import { nagiosEvidence, type NagiosLog } from './nagios-log.js';
import { openText, type InputFormat } from './open-records.js';
import { inputName, type InputSource } from './records.js';
import { parquetRows } from './parquet-records.js';
import { identify, Intake } from './driver.js';
import { uptimeReaders } from './registry.js';
import { fileIssue, readCsv, readJsonDocument, readNdjson } from './text-formats.js';
import { assemble, DEFAULT_SERVICE } from './uptime-assemble.js';
import { mappedReader } from './uptime-canonical.js';
import type { Problem, ReadContext, ReadUptimeOptions, UptimeReader, UptimeSample } from './uptime-reader.js';
import type { FileEvidence } from './uptime-records.js';

export type { ReadUptimeOptions, UptimePreset } from './uptime-reader.js';

type Readers = Awaited<ReturnType<typeof uptimeReaders>>;

export interface ReadUptimeResult {
  evidence: ServiceEvidence[];
  issues: Issue[];
  /** Those of `issues` that stopped a file before its end: no --skip-invalid passes them. */
  fatal: Issue[];
  warnings: Issue[];
  rows: { read: number; skipped: number };
  /** Each log read: checksum, size, records read and skipped. */
  files: FileDigest[];
}

export async function readUptime(files: readonly InputSource[], opts: ReadUptimeOptions): Promise<ReadUptimeResult> {
  const intake = new Intake(opts.skipInvalid, 'uptime', opts.onBytes);
  const readers = await uptimeReaders();
  const perFile: Array<{ name: string; evidence: FileEvidence }> = [];
  // A Nagios log and its archives are one history: read apart, put in time order together.
  const nagios: NagiosLog[] = [];
  const names: string[] = [];
  await intake.eachFile(files, async (input, file, onBytes) => {
    const evidence = await readFile(input, { ...opts, onBytes }, readers, intake);
    if ('events' in evidence) {
      nagios.push(evidence);
      names.push(file);
      return;
    }
    reservedName(file, evidence);
    perFile.push({ name: file, evidence });
  });
  if (nagios.length > 0) {
    await intake.guard(() => {
      const evidence = nagiosEvidence(nagios);
      reservedName(names.join(', '), evidence);
      perFile.push({ name: names.join(', '), evidence });
    });
  }
  intake.skippedWarnings();
  const assembled = assemble(perFile, {
    maxSampleGapMs: opts.maxSampleGapMs,
    billingZone: opts.billingZone,
    asOf: opts.asOf,
    stated: { all: opts.coverage ?? null, services: opts.coverageByService ?? new Map() },
    services: opts.services ?? null,
    ...(opts.origins ? { origins: true } : {}),
  });
  append(intake.warnings, assembled.warnings);
  const { issues, fatal, warnings, rows } = intake;
  return {
    evidence: assembled.evidence,
    issues,
    fatal,
    warnings,
    rows: { read: rows.read, skipped: rows.skipped },
    files: intake.files,
  };
}

/** "all" names the combined row (down whenever any service is): a service of that name would replace it. */
function reservedName(file: string, e: FileEvidence): void {
  const line = e.periods.find((p) => p.service.toLowerCase() === 'all')?.line;
  if (line === undefined && ![...e.samples.keys(), ...(e.named ?? [])].some((n) => n.toLowerCase() === 'all')) return;
  throw new InputError([
    {
      code: 'INPUT_RESERVED_SERVICE',
      file,
      ...(line !== undefined ? { line } : {}),
      args: {},
      hint: 'rename the service in the log',
    },
  ]);
}

async function readFile(
  input: InputSource,
  opts: ReadUptimeOptions,
  readers: Readers,
  intake: Intake,
): Promise<FileEvidence | NagiosLog> {
  const file = inputName(input);
  const opened = await openText(input, opts.cwd, opts.onBytes);
  if (opened.format === 'xml')
    throw fileIssue(file, 1, 'INPUT_XML', {}, { hint: 'export the log as CSV or JSON instead' });
  const problem: Problem = (line, code, args, detail = {}) => intake.invalid([{ code, file, line, args, ...detail }]);
  const ctx: ReadContext = {
    file,
    opts,
    problem,
    row: (n = 1) => void (intake.rows.read += n),
    warn: (issue) => void intake.warnings.push(issue),
    serviceName: file === '-' ? DEFAULT_SERVICE : file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''),
  };
  const sample = await sampleOf(file, opened.format, opened.chunks, problem);
  const e = await choose(file, sample, opts, readers).read(sample, ctx);
  if (!('events' in e) && e.dailyTotals) {
    intake.warnings.push({
      code: 'UPTIME_DAILY_TOTALS',
      file,
      args: { billingZone: opts.billingZone },
    });
  }
  return e;
}

/**
 * A log line's bracketed stamp and text (`[Tue Jan 12 00:05:02 2016] SERVICE ALERT: …`): a log,
 * though it starts like a JSON array. No JSON document has text after its closing bracket.
 */
const STAMPED_LINE = /^\[[^\]\n]{1,64}\] \S/;

/** The file's container, opened once: what every reader is shown. */
async function sampleOf(
  file: string,
  format: Exclude<InputFormat, 'xml'>,
  chunks: AsyncGenerator<string | Buffer>,
  problem: Problem,
): Promise<UptimeSample> {
  if (format === 'log' || format === 'json') {
    const first = await chunks.next();
    const head = first.done ? '' : first.value;
    const firstLine =
      head
        .toString()
        .replace(/^\uFEFF/, '')
        .trimStart()
        .split(/\r\n|\n|\r/, 1)[0] ?? '';
    async function* all(): AsyncGenerator<string | Buffer> {
      if (head) yield head;
      yield* chunks;
    }
    if (format === 'log' || STAMPED_LINE.test(firstLine)) return { container: 'log', firstLine, chunks: all() };
    const { doc, text } = await readJsonDocument(file, all());
    return { container: 'json', doc, text };
  }
  if (format === 'ndjson') {
    const items: Array<{ line: number; value: unknown }> = [];
    for await (const item of readNdjson(chunks, file)) {
      if ('error' in item)
        problem(
          item.line,
          'INPUT_BAD_JSON',
          { error: item.error },
          { hint: 'each line of an NDJSON file must be one JSON object' },
        );
      else items.push(item);
    }
    return { container: 'ndjson', items };
  }
  // Parquet (a warehouse unload) is shown to the readers as a CSV of the same columns would be.
  const csv = format === 'parquet' ? await parquetRows(file, chunks) : await readCsv(file, chunks);
  if (!csv.header)
    throw new InputError([{ code: 'INPUT_EMPTY', file, line: 1, args: {}, hint: 'export the log again' }]);
  return {
    container: 'csv',
    header: csv.header,
    names: csv.header.cells.map((h) => h.trim().toLowerCase()),
    batches: csv.batches,
  };
}

/**
 * The one reader of a file (beangulp's identify). A map's `uptime:` block
 * decides a CSV, --preset any file: what it does not read is said to be so,
 * never read as another shape. Else every reader is asked: a vendor's export
 * is its vendor's (its columns may be a canonical log's too); more than one
 * answer is an error naming them, none an error saying why each refused.
 */
function choose(file: string, sample: UptimeSample, opts: ReadUptimeOptions, readers: Readers): UptimeReader {
  const decided =
    sample.container === 'csv' && opts.map
      ? mappedReader
      : opts.preset !== null
        ? readers.find((r) => r.preset && r.reader.name === opts.preset)?.reader
        : null;
  if (decided === undefined) throw notThePreset(file, 'UPTIME_NO_SUCH_PRESET', { preset: opts.preset! });
  if (decided !== null) {
    if (!decided.containers.includes(sample.container)) {
      throw notThePreset(file, 'UPTIME_PRESET_CONTAINER', {
        preset: decided.name,
        reads: decided.containers,
        container: sample.container,
      });
    }
    const answer = decided.identify(sample, opts);
    if ('refused' in answer)
      throw notThePreset(file, 'UPTIME_NOT_THE_PRESET', { preset: decided.name, reason: answer.refused });
    return decided;
  }
  const asked = readers
    .filter((r) => r.reader.containers.includes(sample.container))
    .map((r) => ({ name: r.reader.name, preset: r.preset, reader: r.reader }));
  // A vendor's export is its vendor's, though its columns may be a canonical log's too.
  const choice = identify(
    [asked.filter((c) => !c.reader.canonical), asked.filter((c) => c.reader.canonical)],
    (reader) => reader.identify(sample, opts),
  );
  if ('one' in choice) return choice.one.reader;
  if ('several' in choice) {
    const presets = choice.several.filter((c) => c.preset).map((c) => c.name);
    throw new InputError([
      {
        code: 'UPTIME_AMBIGUOUS',
        file,
        line: 1,
        args: { readers: choice.several.map((c) => c.name) },
        hint:
          presets.length > 0
            ? `name the export with --preset (${presets.join(' or ')})`
            : 'give probe samples (timestamp, status) and intervals (start, end) in files of their own',
      },
    ]);
  }
  throw new InputError([
    {
      code: 'UPTIME_UNKNOWN_FORMAT',
      file,
      line: 1,
      args: { readers: choice.none.map((n) => n.name), reasons: choice.none.map((n) => n.reason) },
      expected:
        "probe samples (timestamp, status[, service]), intervals (start, end[, service][, kind][, reason]), or a monitoring tool's export",
      ...(sample.container === 'csv'
        ? { got: `columns ${sample.header.cells.map((h) => JSON.stringify(h.trim())).join(', ')}` }
        : {}),
      hint: "pass --preset for a monitoring tool's export, rename the columns, or map them under uptime: in --map",
    },
  ]);
}

function notThePreset(file: string, code: string, args: FindingArgs): InputError {
  return new InputError([
    {
      code,
      file,
      line: 1,
      args,
      hint: `check the file, drop --preset to read a canonical log, or use --map (uptime:) for a log of its own shape`,
    },
  ]);
}
