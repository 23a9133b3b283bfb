import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fileIssue, readWholeText } from './text-formats.js';

/** Deeper nesting than any unload has (a record's fields are two levels under the root); the parser's own limit. */
const MAX_DEPTH = 100;
/** What entities declared in a DOCTYPE may add to a document, in characters, over all their uses (a few expansions of a 10 000-character entity). */
const MAX_EXPANDED = 100_000;

const HOW_TO_EXPORT =
  "export the table again without a DOCTYPE (ServiceNow's Export → XML writes none), or as JSON (the Table API) or CSV";

/**
 * An XML unload (ServiceNow's "Export → XML": <unload><incident>…</incident>
 * <sys_journal_field>…</sys_journal_field></unload>) read as the object a
 * JSON export would be: the root's child elements, grouped by name into
 * lists, each record's child elements its fields as text. Attributes
 * (display_value, action) are not values and are left out; an empty element
 * is an empty value. Character references (&#39;, &#x41;) and the five
 * entities XML predefines are decoded; what the parser refuses (entities
 * from outside the file, too many or too large, nesting too deep) is an
 * input error naming the cause, never a crash.
 */
export async function readXmlDocument(
  file: string,
  chunks: AsyncIterable<string | Buffer>,
): Promise<{ doc: Record<string, unknown[]>; lineOf: (key: string) => Array<[number, number]> }> {
  const text = await readWholeText(file, chunks, 'XML');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw fileIssue(
      file,
      valid.err.line,
      'INPUT_BAD_XML',
      { error: valid.err.msg },
      { hint: 'check that the file is complete; a cut-off export ends mid-element' },
    );
  }
  // Comments and CDATA blanked (their line ends kept), so that a tag inside one is not counted.
  const scanned = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const deep = tooDeep(scanned);
  if (deep >= 0) {
    const [line, col] = position(text, deep);
    throw fileIssue(
      file,
      line,
      'INPUT_XML_TOO_DEEP',
      { depth: MAX_DEPTH },
      {
        col,
        hint: `an unload's records are two levels under its root: check that this is the export, or ${HOW_TO_EXPORT}`,
      },
    );
  }
  const refused = refusedDeclaration(scanned);
  if (refused !== null) {
    const [line, col] = position(text, refused.at);
    throw fileIssue(file, line, 'INPUT_XML_DOCTYPE_REFUSED', { what: refused.what }, { col, hint: HOW_TO_EXPORT });
  }
  const references = new References();
  references.source(text);
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    maxNestedTags: MAX_DEPTH,
    // The parser reads the DOCTYPE's entities (refusing external and parameter ones, more than 1 000, any over 10 000 characters); the references are decoded here.
    processEntities: { enabled: true },
    entityDecoder: references,
    isArray: (_name, jpath) => String(jpath).split('.').length === 2,
  });
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    // The parser refuses what it will not read by throwing: a property of this file, not a crash.
    const cause = err instanceof Error ? err.message.replace(/^\[\w+\]\s*/, '') : String(err);
    // Where: the reference that failed, else an element the parser names ("__proto__"), else the DOCTYPE.
    const named = /name:? "([^"]+)"/i.exec(cause)?.[1];
    const doctype = text.search(/<!DOCTYPE/i);
    const at =
      references.failedAt ?? (named !== undefined && text.includes(`<${named}`) ? text.indexOf(`<${named}`) : doctype);
    const [line, col] = at >= 0 ? position(text, at) : [1, 1];
    throw fileIssue(
      file,
      line,
      'INPUT_XML_REFUSED',
      { error: cause },
      {
        col,
        hint:
          references.failedAt !== null || doctype >= 0
            ? HOW_TO_EXPORT
            : 'export the table again, or as JSON (the Table API) or CSV',
      },
    );
  }
  const rootName = Object.keys(parsed)[0];
  const root = rootName === undefined ? {} : parsed[rootName];
  // Element names are the file's text: a table keyed by them must not reach Object.prototype.
  const doc: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  if (root !== null && typeof root === 'object')
    for (const [k, v] of Object.entries(root)) if (Array.isArray(v)) doc[k] = v.map((r) => (r === '' ? {} : r));
  // Where each element of a list starts: its opening tags in document order.
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

/** Line and column (1-based) of an offset in the text. */
function position(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, offset - lineStart + 1];
}

/**
 * A DOCTYPE declaration no export needs, named before the parser sees it
 * (its own words for these are terse): an entity read from outside the file
 * would reach for local files or the network; a parameter entity expands
 * inside the DOCTYPE itself.
 */
function refusedDeclaration(scanned: string): { at: number; what: string } | null {
  if (!/<!DOCTYPE/i.test(scanned)) return null;
  const external = /<!ENTITY\s+%?\s*[^\s%"']+\s+(SYSTEM|PUBLIC)\b/.exec(scanned);
  if (external)
    return {
      at: external.index,
      what: `an external entity (${external[1]}), whose text would be read from outside the file`,
    };
  const parameter = /<!ENTITY\s+%/.exec(scanned);
  if (parameter) return { at: parameter.index, what: 'a parameter entity (<!ENTITY % …>)' };
  // An entity made of other entities is how expansion bombs and loops are built; no export needs one.
  const nested = /<!ENTITY\s+([^\s%"']+)\s+(["'])[^"']*&(?!#|amp;|lt;|gt;|quot;|apos;)[^"']*\2/.exec(scanned);
  if (nested)
    return {
      at: nested.index,
      what: `an entity made of other entities (${nested[1]}), which sla-audit does not expand`,
    };
  return null;
}

/** The offset of the first opening tag deeper than MAX_DEPTH, or -1 (checked before the parse, to name the line). */
function tooDeep(scanned: string): number {
  let depth = 0;
  const tags = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m = tags.exec(scanned); m !== null; m = tags.exec(scanned)) {
    if (m[1] === '/') depth--;
    else if (m[3] !== '/' && ++depth > MAX_DEPTH) return m.index;
  }
  return -1;
}

const PREDEFINED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * The parser's entity decoder: every character reference, decimal or hex, to
 * its character — a control character too, kept as data like a raw one (what
 * shows it escapes it) — the five predefined entities, and the ones the
 * DOCTYPE declares, up to MAX_EXPANDED characters in all. A reference to no
 * character (&#0;, a surrogate, past U+10FFFF) or to an entity nobody
 * declared makes the document unreadable: an author "&nbsp;" read as
 * written would match no one.
 */
class References {
  private declared = new Map<string, string>();
  private expanded = 0;
  /** Where the reference that failed is, for the message. */
  failedAt: number | null = null;
  private text = '';

  reset(): void {
    this.declared = new Map();
    this.expanded = 0;
  }

  setXmlVersion(): void {}

  setExternalEntities(): void {}

  addInputEntities(entities: Record<string, string>): void {
    for (const name of Object.keys(entities)) this.declared.set(name, entities[name]!);
  }

  /** The whole document, to find a failing reference's place in. */
  source(text: string): void {
    this.text = text;
  }

  decode(value: string): string {
    if (!value.includes('&')) return value;
    return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[^\s&;]*);|&/g, (ref, body: string | undefined) => {
      if (body === undefined || body === '')
        return this.fail(ref, 'a "&" that begins no reference (write it as &amp;)');
      if (body.startsWith('#')) {
        const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        if (!(cp >= 1 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff)
          return this.fail(ref, `${ref} refers to no character XML allows`);
        return String.fromCodePoint(cp);
      }
      const known = PREDEFINED.get(body);
      if (known !== undefined) return known;
      const value = this.declared.get(body);
      if (value === undefined)
        return this.fail(
          ref,
          `${ref} is an entity the file does not declare (XML itself defines only &amp; &lt; &gt; &quot; &apos;)`,
        );
      this.expanded += value.length;
      if (this.expanded > MAX_EXPANDED)
        return this.fail(
          ref,
          `the DOCTYPE's entities expand to more than ${MAX_EXPANDED.toLocaleString('en-US')} characters`,
        );
      return value;
    });
  }

  private fail(ref: string, why: string): never {
    const at = this.text.indexOf(ref);
    this.failedAt = at >= 0 ? at : null;
    throw new Error(why);
  }
}
