import type { FindingArg } from '../../../core/issues.js';
import type { Wording } from './args.js';

/** "64 Mi" for a count of characters that is a whole number of mebi. */
const sizeText = (n: FindingArg | undefined) => {
  const v = Number(n);
  return v % (1024 * 1024) === 0 ? `${v / (1024 * 1024)} Mi` : String(v);
};

/** A JSON object or an XML unload without the list of records looked for. */
const noList: Wording = (a) => `no list of ${a.noun}s in this ${a.kind} ${a.kind === 'XML' ? 'unload' : 'object'}`;

/** The sentences of the problems of an input file's container: its bytes, its text, its CSV, JSON, XML or Parquet. */
export const INPUT_FILE_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  INPUT_EMPTY: () => 'the file is empty',
  INPUT_RECORD_TOO_LARGE: () => 'a field is larger than 8 MiB',
  INPUT_CSV_UNCLOSED_QUOTE: () => 'a quoted field that starts on this line is never closed',
  INPUT_CSV_SYNTAX: (a) => `the CSV cannot be read (${a.error})`,
  INPUT_LINE_TOO_LONG: (a) => `line ${a.line} is longer than ${sizeText(a.maxChars)} characters`,
  INPUT_TOO_LARGE: (a) => `the ${a.kind} document is larger than 256 MiB`,
  INPUT_BAD_JSON: (a) => `not valid JSON (${a.error})`,
  INPUT_NOT_PARQUET: () => 'named .parquet, but not a Parquet file',
  INPUT_MONITORING_LOG: () => 'a monitoring log (Nagios or Icinga), not an export of records',
  INPUT_DUPLICATE_COLUMN: (a) => `column "${a.column}" appears twice (columns ${a.first} and ${a.again})`,
  INPUT_MISSING_COLUMN: (a) => `no column for the required field "${a.field}"`,
  INPUT_FIELD_COUNT: (a) => `the row has ${a.fields} fields, the header ${a.header}`,
  INPUT_FILE_NOT_FOUND: () => 'file not found',
  INPUT_IS_A_DIRECTORY: () => 'is a directory, not a file',
  INPUT_PERMISSION_DENIED: () => 'permission denied',
  INPUT_UNREADABLE: (a) => `cannot be read (${a.error})`,
  INPUT_BAD_ENCODING: (a) => `text is not valid ${a.encoding ?? 'UTF-8'}`,
  INPUT_PARQUET_TOO_LARGE: () =>
    'the Parquet file is larger than 256 MiB (a Parquet file is read whole: its index is at its end)',
  INPUT_PARQUET_CODEC: (a) => `the Parquet file is compressed with ${a.codec}, which is not read`,
  INPUT_BAD_PARQUET: (a) => `not a readable Parquet file: ${a.error}`,
  INPUT_BAD_PARQUET_COLUMN: (a) => `not a readable Parquet file (column "${a.column}"): ${a.error}`,
  INPUT_PARQUET_MIXED_ZONES: (a) =>
    `column "${a.column}" holds timestamps of both conventions (UTC instants and wall times)`,
  INPUT_BAD_XML: (a) => `not valid XML (${a.error})`,
  INPUT_XML_TOO_DEEP: (a) => `the XML nests elements more than ${a.depth} deep`,
  INPUT_XML_DOCTYPE_REFUSED: (a) => `the XML cannot be read: its DOCTYPE declares ${a.what}`,
  INPUT_XML_REFUSED: (a) => `the XML cannot be read: ${a.error}`,
  INPUT_NOT_AN_OBJECT: (a) => `a${/^[aeiou]/.test(String(a.noun)) ? 'n' : ''} ${a.noun} must be a JSON object`,
  INPUT_NO_RECORD: (a) => `the record envelope "${a.envelope}" holds no ${a.noun}`,
  INPUT_NO_TICKET_LIST: (a) => noList(a),
  INPUT_NO_EVENT_LIST: (a) => noList(a),
  INPUT_NOT_A_LIST: (a) => `the JSON document is not a list of ${a.noun}s`,
});
