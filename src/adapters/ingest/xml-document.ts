import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fileIssue, readWholeText } from './text-formats.js';

/**
 * An XML unload (ServiceNow's "Export → XML": <unload><incident>…</incident>
 * <sys_journal_field>…</sys_journal_field></unload>) read as the object a
 * JSON export would be: the root's child elements, grouped by name into
 * lists, each record's child elements its fields as text. Attributes
 * (display_value, action) are not values and are left out; an empty element
 * is an empty value.
 */
export async function readXmlDocument(file: string, chunks: AsyncIterable<string | Buffer>): Promise<{ doc: Record<string, unknown[]>; lineOf: (key: string) => Array<[number, number]> }> {
  const text = await readWholeText(file, chunks, 'XML');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw fileIssue(file, valid.err.line, 'INPUT_BAD_XML', `not valid XML (${valid.err.msg})`, { hint: 'check that the file is complete; a cut-off export ends mid-element' });
  }
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true, isArray: (_name, jpath) => String(jpath).split('.').length === 2 });
  const parsed = parser.parse(text) as Record<string, unknown>;
  const rootName = Object.keys(parsed)[0];
  const root = rootName === undefined ? {} : parsed[rootName];
  const doc: Record<string, unknown[]> = {};
  if (root !== null && typeof root === 'object') for (const [k, v] of Object.entries(root)) if (Array.isArray(v)) doc[k] = v.map((r) => (r === '' ? {} : r));
  // Where each element of a list starts: its opening tags in document order.
  // Comments and CDATA are blanked (their line ends kept), so that a tag inside one is not counted.
  const scanned = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const lineOf = (key: string): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    const re = new RegExp(`<${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s>/]`, 'g');
    let line = 1;
    let from = 0;
    let lineStart = 0;
    for (let m = re.exec(scanned); m !== null; m = re.exec(scanned)) {
      for (let i = scanned.indexOf('\n', from); i !== -1 && i < m.index; i = scanned.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
      from = m.index;
      out.push([line, m.index - lineStart + 1]);
    }
    return out;
  };
  return { doc, lineOf };
}
