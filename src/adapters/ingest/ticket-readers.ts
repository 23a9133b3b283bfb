import { InputError, type Issue } from '../../core/issues.js';
import { findingText } from '../render/wording.js';
import { identify, OK, refused, type Candidate, type Identified } from './driver.js';
import { CANONICAL, ticketSpec, type TicketField, type TicketMapping } from './mapping.js';
import { recordSource, shapedSource, type Opened } from './open-records.js';
import { TICKET_PRESETS } from './presets.js';
import type { RecordSource } from './records.js';

/*
 * The ticket readers: the canonical fields, and a preset per helpdesk
 * export. A ticket reader is its mapping (vendor knowledge is preset data);
 * it reads a file when its names find the ticket's id and creation time.
 */

/** Why the canonical reader did not open a file: the file is of another shape, not broken. */
const NOT_THE_SHAPE = new Set(['INPUT_MISSING_COLUMN', 'INPUT_NO_TICKET_LIST', 'INPUT_NOT_A_LIST']);

const PRESET_READERS: ReadonlyArray<Candidate<TicketMapping>> = [...TICKET_PRESETS.values()].map((mapping) => ({
  name: mapping.name,
  preset: true,
  reader: mapping,
}));

/**
 * The records of a file no preset or map decides, and the reader that reads it. The canonical
 * fields come first, so that a file with them is read as it always was; only a file they do not
 * fit (a CSV without their columns, a document without their list) is shown to every preset. One
 * preset reading it decides; two are an error naming both; none is the canonical reader's own
 * error, and one more saying why each preset refused.
 */
export async function identifiedRecords(
  opened: Opened,
): Promise<{ mapping: TicketMapping; source: RecordSource<TicketField> }> {
  let canonical: InputError;
  try {
    return { mapping: CANONICAL, source: await recordSource(opened, ticketSpec(CANONICAL)) };
  } catch (err) {
    if (!(err instanceof InputError) || !err.issues.every((i) => NOT_THE_SHAPE.has(i.code))) throw err;
    canonical = err;
  }
  // NDJSON records speak for themselves: the canonical reader takes every NDJSON file.
  if (opened.format === 'ndjson') throw canonical;
  const shaped = opened;
  const sources = new Map<TicketMapping, RecordSource<TicketField>>();
  const ask = (mapping: TicketMapping): Identified => {
    const spec = ticketSpec(mapping);
    let source: RecordSource<TicketField>;
    try {
      source = shapedSource(shaped, spec);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return refused(reason(err.issues[0]!));
    }
    // A document's list may be another export's (Jira's and Redmine's are both "issues"): its records must have the fields.
    const missing = spec.required.find((f) => !source.fields.has(f));
    if (missing !== undefined)
      return refused(
        `no ticket has the required field "${missing}" (expected one of ${spec.names
          .get(missing)!
          .map((n) => JSON.stringify(n))
          .join(', ')})`,
      );
    sources.set(mapping, source);
    return OK;
  };
  const choice = identify([PRESET_READERS], ask);
  if ('one' in choice) return { mapping: choice.one.reader, source: sources.get(choice.one.reader)! };
  const file = opened.file;
  if ('several' in choice) {
    const names = choice.several.map((c) => c.name);
    throw new InputError([
      {
        code: 'TICKETS_AMBIGUOUS',
        file,
        line: 1,
        args: { readers: names },
        hint: `name the export with --preset (${names.join(' or ')})`,
      },
    ]);
  }
  throw new InputError([
    ...canonical.issues,
    {
      code: 'TICKETS_UNKNOWN_FORMAT',
      file,
      line: 1,
      args: { readers: choice.none.map((n) => n.name), reasons: choice.none.map((n) => n.reason) },
      hint: 'pass --preset for your helpdesk, or --map with the column names',
    },
  ]);
}

/** A refusal in a few words: what the reader looked for and did not find. */
const reason = (i: Issue): string =>
  `${findingText(i.code, i.args ?? {})}${i.expected ? ` (expected ${i.expected})` : ''}`;
