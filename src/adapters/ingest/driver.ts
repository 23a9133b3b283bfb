import { createHash } from 'node:crypto';
import { InputError, type Issue } from '../../core/issues.js';
import { findingText } from '../render/wording.js';
import { append } from '../../core/lists.js';
import type { FileDigest } from '../../core/report.js';
import { inputName, passes, type InputSource, type OnBytes, type SourceRecord, type Where } from './records.js';

/*
 * The one driver of every input kind (tickets, events, uptime logs): which
 * reader reads a file, and the per-file accounting, done once — each file
 * read in turn, a file that cannot be read to its end failing the run,
 * each file's checksum taken from the bytes as they are read, records read,
 * skipped and passed over (per file too), local times adjusted at DST
 * changes, and what --skip-invalid passed over.
 *
 * Identify, not first match (beangulp's identify.py): every reader is asked
 * whether it reads a file. The answers decide, never the order readers are
 * listed in: one reader reads the file, two are an error naming both, none
 * an error saying why each refused.
 */

/** A reader's answer: it reads the file, or why not — said to the user when no reader takes it. */
export type Identified = { ok: true } | { refused: string };

export const OK: Identified = { ok: true };
export const refused = (reason: string): Identified => ({ refused: reason });

export interface Candidate<R> {
  name: string;
  /** Selectable with --preset: what an ambiguity's hint offers. */
  preset: boolean;
  reader: R;
}

export type Choice<R> =
  { one: Candidate<R> } | { several: Array<Candidate<R>> } | { none: Array<{ name: string; reason: string }> };

/**
 * The one reader of a file. Readers come in ranks: a rank is asked only
 * when no reader of the ranks before it reads the file (a vendor's export
 * is its vendor's though its columns are a canonical log's too; a file with
 * the canonical ticket columns is canonical though a preset knows them
 * too). Within a rank, two readers reading the file is an ambiguity.
 */
export function identify<R>(
  ranks: ReadonlyArray<ReadonlyArray<Candidate<R>>>,
  ask: (reader: R) => Identified,
): Choice<R> {
  const none: Array<{ name: string; reason: string }> = [];
  for (const rank of ranks) {
    const found: Array<Candidate<R>> = [];
    for (const c of rank) {
      const answer = ask(c.reader);
      if ('ok' in answer) found.push(c);
      else none.push({ name: c.name, reason: answer.refused });
    }
    if (found.length === 1) return { one: found[0]! };
    if (found.length > 1) return { several: found };
  }
  return { none };
}

export interface RowTally {
  read: number;
  /** Records with problems, passed with --skip-invalid. */
  skipped: number;
  /** Rows of an event-log export replaced by a later row of the same id. */
  superseded: number;
  /** Records a map's `where` passed over. */
  filtered: number;
}

/** What an input is read as: the inputs of a run, in the report's `files`. */
export type InputRole = Extract<FileDigest['role'], 'tickets' | 'events' | 'uptime'>;

export class Intake {
  /** Each file read, in turn: its checksum and size, and its records read and skipped. */
  readonly files: FileDigest[] = [];
  /** Problems that make the input invalid (each also a warning with --skip-invalid). */
  readonly issues: Issue[] = [];
  /** Those of `issues` that stopped a file before its end: no --skip-invalid passes them, or its later rows would vanish uncounted. */
  readonly fatal: Issue[] = [];
  readonly warnings: Issue[] = [];
  readonly rows: RowTally = { read: 0, skipped: 0, superseded: 0, filtered: 0 };

  /** `onBytes`: told of every chunk read besides (progress). */
  constructor(
    readonly skipInvalid: boolean,
    private readonly role: InputRole = 'tickets',
    private readonly onBytes?: OnBytes,
  ) {}

  /**
   * Each file, read in turn by `read`, which opens it with the `onBytes` given: the file's checksum
   * is taken from the bytes as they pass, so that a file (or stdin) is read once. A file of which
   * --skip-invalid skipped every record is no evidence at all: an input error, never an empty report.
   */
  async eachFile(
    files: readonly InputSource[],
    read: (input: InputSource, file: string, onBytes: OnBytes) => Promise<void>,
  ): Promise<void> {
    for (const input of files) {
      const file = inputName(input);
      const hash = createHash('sha256');
      let bytes = 0;
      const [read0, skipped0, issues0, fatal0] = [
        this.rows.read,
        this.rows.skipped,
        this.issues.length,
        this.fatal.length,
      ];
      const onBytes: OnBytes = (name, n, chunk) => {
        hash.update(chunk);
        bytes += n;
        this.onBytes?.(name, n, chunk);
      };
      await this.guard(() => read(input, file, onBytes));
      const records = { read: this.rows.read - read0, skipped: this.rows.skipped - skipped0 };
      this.files.push({ role: this.role, path: file, sha256: hash.digest('hex'), bytes, records });
      if (this.skipInvalid && records.read > 0 && records.skipped === records.read) {
        // Its rows' problems say why: they fail the run with it.
        const already = new Set(this.fatal.slice(fatal0));
        append(
          this.fatal,
          this.issues.slice(issues0).filter((i) => !already.has(i)),
        );
        this.fail([
          {
            code: 'INPUT_ALL_SKIPPED',
            file,
            args: { records: records.read },
            hint: 'check that it is the export meant, and how it is read (--preset, --map, --input-tz)',
          },
        ]);
      }
    }
  }

  /**
   * A step that may find the input unreadable (missing, not text, an unclosed quote): its
   * problems fail the run, --skip-invalid or not.
   */
  async guard(step: () => Promise<void> | void): Promise<void> {
    try {
      await step();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.fail(err.issues);
    }
  }

  fail(issues: readonly Issue[]): void {
    append(this.issues, issues);
    append(this.fatal, issues);
  }

  /** A record's problems: with --skip-invalid the record is skipped, and counted. */
  invalid(issues: readonly Issue[]): void {
    append(this.issues, issues);
    if (this.skipInvalid) this.rows.skipped++;
  }

  /**
   * Whether a record passes a map's filter; those that do not are counted. A
   * line that is no record (bad JSON) passes, so that it is read and reported
   * at its first field, not passed over unsaid nor ending the file.
   */
  kept(record: SourceRecord<string>, where: Where): boolean {
    if (where.length === 0) return true;
    let ok: boolean;
    try {
      ok = passes(record, where);
    } catch (err) {
      if (err instanceof InputError) return true;
      throw err;
    }
    if (!ok) this.rows.filtered++;
    return ok;
  }

  /** Local times of `file` read as their first occurrence (overlap) or moved forward (gap). */
  dst(file: string, adjusted: { overlap: number; gap: number }, zone: string | null): void {
    if (adjusted.overlap + adjusted.gap === 0) return;
    this.warnings.push({
      code: 'DST_ADJUSTED',
      file,
      args: { overlap: adjusted.overlap, gap: adjusted.gap, zone: String(zone) },
    });
  }

  /** What another read found (the event exports a ticket run joins). */
  merge(other: Pick<Intake, 'issues' | 'fatal' | 'warnings'>): void {
    append(this.issues, other.issues);
    append(this.fatal, other.fatal);
    append(this.warnings, other.warnings);
  }

  /**
   * With --skip-invalid: what was passed over, by reason, with counts (a month of unresolved
   * tickets must not vanish unnoticed), then each problem as a warning. `events`: the invalid
   * records of the event exports a ticket run joined, counted apart from its rows.
   */
  skippedWarnings(events = 0): void {
    if (!this.skipInvalid || this.issues.length === 0) return;
    this.warnings.push(skippedSummary(this.issues, this.rows.skipped, events));
    for (const i of this.issues) this.warnings.push({ ...i, skipped: true });
  }
}

function skippedSummary(issues: readonly Issue[], rows: number, events: number): Issue {
  const reasons = new Map<string, number>();
  for (const i of issues) {
    // "resolved_at: bad timestamp: …" → "resolved_at: bad timestamp"; a row's own values ("T-7") left out, so rows alike count together.
    const reason = findingText(i.code, i.args ?? {})
      .split(': ')
      .slice(0, 2)
      .join(': ')
      .replace(/"[^"]*"/g, '…')
      .replace(/\s*\(.*$/, '');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const counted = [...reasons].sort((a, b) => b[1] - a[1]);
  const files = [...new Set(issues.map((i) => i.file))].join(', ');
  return {
    code: 'ROWS_SKIPPED',
    file: files,
    args: { rows, events, reasons: counted.map(([r]) => r), counts: counted.map(([, n]) => n) },
  };
}
