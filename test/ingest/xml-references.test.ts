import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReport } from '../support/report-schema.js';
import { runCli } from '../support/run-cli.js';

// ServiceNow XML unloads (the shape of fixtures/samples/servicenow-unload-incident-journal__excerpt.xml):
// what the parser refuses is an input error naming the cause, and character references are decoded.
const dir = mkdtempSync(join(tmpdir(), 'sla-audit-xml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

const SYS_ID = 'f943708ffbb1cb1d80d4ed200e60328f';
const incident = (number = 'INC0000060', priority = '3') =>
  `<incident action="INSERT_OR_UPDATE">\n<number>${number}</number>\n<opened_at>2016-12-13 15:19:57</opened_at>\n<priority>${priority}</priority>\n<state>2</state>\n<sys_id>${SYS_ID}</sys_id>\n</incident>\n`;
const journal = (author: string, at: string) =>
  `<sys_journal_field action="INSERT_OR_UPDATE">\n<element>comments</element>\n<element_id>${SYS_ID}</element_id>\n<name>incident</name>\n<sys_created_by>${author}</sys_created_by>\n<sys_created_on>${at}</sys_created_on>\n<value>Looking into it.</value>\n</sys_journal_field>\n`;
const unload = (body: string, doctype = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}<unload unload_date="2024-11-13 16:40:28">\n${body}</unload>\n`;

const audit = (file: string, agents: string[], more: string[] = []) =>
  runCli(
    [
      'tickets',
      file,
      '--preset',
      'servicenow',
      '--events',
      file,
      '--preset',
      'servicenow-journal',
      '--input-tz',
      'UTC',
      ...agents.flatMap((a) => ['--vendor-agent', a]),
      '--policy',
      'olt-ems',
      '--tier',
      'standard',
      '--month',
      '2016-12',
      '--as-of',
      '2017-01-01T00:00:00Z',
      '--format',
      'json',
      ...more,
    ],
    { cwd: dir },
  );

describe('XML the parser refuses: exit 2 naming the file, the cause and how to export instead', () => {
  const big = 'x'.repeat(10_001);
  const cases = [
    {
      name: 'an external entity',
      doctype: '<!DOCTYPE unload [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n',
      cause:
        /2:19: the XML cannot be read: its DOCTYPE declares an external entity \(SYSTEM\), whose text would be read from outside the file/,
    },
    {
      name: 'a parameter entity',
      doctype: '<!DOCTYPE unload [<!ENTITY % p "x">]>\n',
      cause: /2:19: the XML cannot be read: its DOCTYPE declares a parameter entity/,
    },
    {
      name: 'an entity over 10 000 characters',
      doctype: `<!DOCTYPE unload [<!ENTITY big "${big}">]>\n`,
      cause: /2:1: the XML cannot be read: Entity "big" size \(10001\) exceeds maximum allowed size \(10000\)/,
    },
    {
      // Nested entities build expansion bombs and loops: named as such, never "not declared".
      name: 'an entity made of another (a → b)',
      doctype: '<!DOCTYPE unload [<!ENTITY a "x"><!ENTITY b "&a;y">]>\n',
      cause: /2:34: the XML cannot be read: its DOCTYPE declares an entity made of other entities \(b\)/,
    },
    {
      name: 'entities that refer to each other (a → b → a)',
      doctype: '<!DOCTYPE unload [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n',
      cause: /2:19: the XML cannot be read: its DOCTYPE declares an entity made of other entities \(a\)/,
    },
    {
      name: 'over 1 000 entities',
      doctype: `<!DOCTYPE unload [${Array.from({ length: 1001 }, (_, i) => `<!ENTITY e${i} "v">`).join('')}]>\n`,
      cause: /2:1: the XML cannot be read: Entity count \(1001\) exceeds maximum allowed \(1000\)/,
    },
  ];
  it.each(cases)('$name', async ({ doctype, cause }) => {
    const f = write('refused.xml', unload(incident(), doctype));
    const r = await audit(f, ['agent.one']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`refused\\.xml:${cause.source}`));
    expect(r.stderr).toContain('— export the table again without a DOCTYPE');
    expect(r.stderr).not.toMatch(/internal error|a bug|\n\s+at /);
  });

  it('entities that expand past 100 000 characters in all (11 uses of a 10 000-character one)', async () => {
    const doctype = `<!DOCTYPE unload [<!ENTITY ten "${'y'.repeat(10_000)}">]>\n`;
    const body = `${incident()}<sys_journal_field>\n<element>comments</element>\n<element_id>${SYS_ID}</element_id>\n<sys_created_by>agent.one</sys_created_by>\n<sys_created_on>2016-12-13 16:30:49</sys_created_on>\n<value>${'&ten;'.repeat(11)}</value>\n</sys_journal_field>\n`;
    const r = await audit(write('laughs.xml', unload(body, doctype)), ['agent.one']);
    expect(r.code).toBe(2);
    // <value> is on line 16 (2: the DOCTYPE, 3: <unload>, 4–10: the incident, 11–15: the journal entry's other fields); its first reference at column 8.
    expect(r.stderr).toContain(
      "laughs.xml:16:8: the XML cannot be read: the DOCTYPE's entities expand to more than 100,000 characters — export the table again without a DOCTYPE",
    );
  });

  it('elements nested more than 100 deep', async () => {
    const deep = `${'<a>'.repeat(101)}x${'</a>'.repeat(101)}`;
    const r = await audit(write('deep.xml', unload(`<incident>\n${deep}\n</incident>\n`)), ['agent.one']);
    expect(r.code).toBe(2);
    // <unload> and <incident> are two levels: the 99th <a> on line 4 is the 101st; each "<a>" is 3 characters.
    expect(r.stderr).toContain(`deep.xml:4:${98 * 3 + 1}: the XML nests elements more than 100 deep`);
    expect(r.stderr).not.toMatch(/internal error|a bug/);
  });

  it('a small DOCTYPE entity the file declares is read as its text', async () => {
    const doctype = '<!DOCTYPE unload [<!ENTITY agent "agent.one">]>\n';
    const r = await audit(
      write('declared.xml', unload(incident() + journal('&agent;', '2016-12-13 16:30:49'), doctype)),
      ['agent.one'],
    );
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).tickets[0].firstResponse).toMatchObject({
      respondedAt: '2016-12-13T16:30:49Z',
      status: 'met',
    });
  });
});

describe('character references are decoded', () => {
  it("an author written o&#39;brien is the vendor agent o'brien: the ticket is answered, met", async () => {
    // Opened 2016-12-13 15:19:57 UTC; o'brien's comment at 16:30:49 UTC, well inside the P3 target.
    const r = await audit(write('apostrophe.xml', unload(incident() + journal('o&#39;brien', '2016-12-13 16:30:49'))), [
      "o'brien",
    ]);
    expect(r.code).toBe(0);
    const t = parseReport(r.stdout).tickets[0];
    // The journal entry opens on line 10, after the incident's lines 3–9.
    expect(t).toMatchObject({
      id: 'INC0000060',
      firstResponseFrom: 'apostrophe.xml:10',
      firstResponse: { respondedAt: '2016-12-13T16:30:49Z', status: 'met' },
    });
  });

  it('decimal and hex references and the five predefined entities', async () => {
    // &#65; and &#x41; are "A"; &amp; &lt; &gt; &quot; &apos; are & < > " '.
    const r = await audit(
      write(
        'named.xml',
        unload(incident('INC&#65;&#x41;&#x1F600;') + journal('a&amp;b&lt;c&gt;d&quot;e&apos;f', '2016-12-13 16:30:49')),
      ),
      ['a&b<c>d"e\'f'],
    );
    expect(r.code).toBe(0);
    expect(parseReport(r.stdout).tickets[0]).toMatchObject({
      id: 'INCAA\u{1F600}',
      firstResponse: { respondedAt: '2016-12-13T16:30:49Z' },
    });
  });

  it('"&amp;#39;" is the text &#39;, decoded once', async () => {
    const r = await audit(
      write('once.xml', unload(incident('INC&amp;#39;1') + journal('agent.one', '2016-12-13 16:30:49'))),
      ['agent.one'],
    );
    expect(parseReport(r.stdout).tickets[0].id).toBe('INC&#39;1');
  });

  it('a control character from a reference is kept as data and shown escaped, like a raw one', async () => {
    // &#27; is ESC: the priority "ESC[31m" is no priority of the policy; the message shows it escaped, never raw.
    const r = await audit(write('escape.xml', unload(incident('INC1', '&#27;[31m'))), ['agent.one']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('escape.xml:3:1: priority: "\\u001b[31m" is not a priority of policy olt-ems');
    expect(r.stderr).not.toContain('\u001b');
  });

  it.each([
    { name: '&#0; (no character XML allows)', ref: '&#0;', cause: '&#0; refers to no character XML allows' },
    { name: 'a surrogate', ref: '&#xD800;', cause: '&#xD800; refers to no character XML allows' },
    { name: 'past U+10FFFF', ref: '&#x110000;', cause: '&#x110000; refers to no character XML allows' },
    { name: 'an entity nobody declared', ref: '&nbsp;', cause: '&nbsp; is an entity the file does not declare' },
  ])('$name is an input error at its line', async ({ ref, cause }) => {
    const r = await audit(write('bad-ref.xml', unload(incident(`INC${ref}1`))), ['agent.one']);
    expect(r.code).toBe(2);
    // <number> is on line 4; "<number>INC" is 11 characters.
    expect(r.stderr).toContain(`bad-ref.xml:4:12: the XML cannot be read: ${cause}`);
  });
});

describe('element names that are JavaScript built-in names', () => {
  it('an element the parser will not make a key of is an input error at its line, never a crash', async () => {
    const f = write('proto.xml', unload(`<__proto__>\n<number>X</number>\n</__proto__>\n${incident()}`));
    const r = await audit(f, ['agent.one']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'proto.xml:3:1: the XML cannot be read: Invalid name: "__proto__" is a reserved JavaScript keyword',
    );
  });
});
