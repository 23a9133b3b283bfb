import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './support/run-cli.js';

/**
 * Every text field of every reader, policy and contract, given values a JavaScript program could
 * mistake for code: the names of Object.prototype's members, control characters, XML character
 * references, and one 10 MB string per reader. Whatever the value, the run ends in exit 0 or 2,
 * never exit 3 or a stack trace, and nothing is dropped unsaid: each record is read, or a problem
 * names its line.
 */
const BUILTINS = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'then',
    'toJSON',
    'length',
    'name',
    'caller',
    'arguments',
  ]),
];
const CONTROL = [
  'nul\u0000x',
  '\u001b[31mred\u001b[0m',
  'tab\there',
  'del\u007f',
  'bell\u0007',
  'sep\u2028x',
  'c1\u0085x',
];
const REFERENCES = ['o&#39;brien', '&#65;', '&#27;', '&amp;lt;', '&#x1F600;', '&quot;q&quot;'];
const VALUES = [...BUILTINS, ...CONTROL, ...REFERENCES];
const BIG = 'x'.repeat(10 * 1024 * 1024);

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (ext: string, text: string): string => {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, text);
  return path;
};

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;
const xmlText = (v: string) =>
  REFERENCES.includes(v) ? v : v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** No exit 3, no stack trace; an input error names the file. */
function sane(r: CliResult, file: string): void {
  expect(r.stderr).not.toMatch(/internal error|This is a bug|\n\s+at /);
  expect([0, 2]).toContain(r.code);
  if (r.code === 2) expect(r.stderr).toContain(file);
}

interface Report {
  tickets?: Array<{ id: string; line: number }>;
  warnings: Array<{ code: string; line?: number; message: string }>;
  summary: { rows: { read: number } };
  availability?: Array<{ service: string }>;
}

/** Every ticket row is in the report, or a warning (--skip-invalid) names its line. */
function everyRowAccounted(r: CliResult, file: string, lines: readonly number[]): void {
  sane(r, file);
  if (r.code !== 0) return;
  const report = JSON.parse(r.stdout) as Report;
  const read = new Set(report.tickets!.map((t) => t.line));
  const named = new Set(report.warnings.map((w) => w.line));
  expect(lines.filter((l) => !read.has(l) && !named.has(l))).toEqual([]);
}

const TICKETS = [
  '--policy',
  'fixtures/policies/pause-test.yaml',
  '--tier',
  't',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:00:00Z',
  '--format',
  'json',
  '--skip-invalid',
  '--all',
];
type Row = Record<string, string>;
const ticket = (i: number, field: string, v: string): Row => ({
  id: `T-${i}`,
  created_at: '2026-10-05T09:00:00Z',
  priority: 'P1',
  status: 'open',
  environment: 'production',
  reclassified_priority: '',
  [field]: v,
});
const FIELDS = ['id', 'priority', 'status', 'environment', 'reclassified_priority'];
const COLUMNS = ['id', 'created_at', 'priority', 'status', 'environment', 'reclassified_priority'];

const containers: Record<
  string,
  { ext: string; file: (rows: Row[]) => string; line: (i: number) => number; args?: string[] }
> = {
  CSV: {
    ext: 'csv',
    file: (rows) =>
      [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c]!)).join(','))].join('\n') + '\n',
    line: (i) => i + 2,
  },
  NDJSON: { ext: 'ndjson', file: (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n', line: (i) => i + 1 },
  JSON: {
    ext: 'json',
    file: (rows) => `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`,
    line: (i) => i + 2,
  },
};

describe('hostile values in ticket exports', () => {
  for (const [kind, c] of Object.entries(containers)) {
    it.each(FIELDS)(`${kind}: every value in %s`, async (field) => {
      const path = write(c.ext, c.file(VALUES.map((v, i) => ticket(i, field, v))));
      everyRowAccounted(
        await runCli(['tickets', path, ...TICKETS]),
        path,
        VALUES.map((_, i) => c.line(i)),
      );
    });
  }

  it('JSON: records whose keys are built-in names are read', async () => {
    const extra = Object.fromEntries(BUILTINS.map((k) => [k, 'x']));
    const text = `[\n${VALUES.map((_, i) => JSON.stringify({ ...extra, ...ticket(i, 'id', `T-${i}`) })).join(',\n')}\n]\n`;
    const path = write('json', text.replace(/"___proto___"/g, '"__proto__"'));
    const r = await runCli(['tickets', path, ...TICKETS]);
    sane(r, path);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).tickets).toHaveLength(VALUES.length);
  });

  it.each(['number', 'priority', 'state'])('XML (ServiceNow unload): every value in <%s>', async (field) => {
    const body = VALUES.map((v, i) => {
      const cells: Row = {
        number: `INC${i}`,
        opened_at: '2026-10-05 09:00:00',
        priority: '3',
        state: '2',
        [field]: xmlText(v),
      };
      return `<incident action="INSERT_OR_UPDATE">\n${Object.entries(cells)
        .map(([k, x]) => `<${k}>${x}</${k}>`)
        .join('\n')}\n</incident>\n`;
    });
    const path = write(
      'xml',
      `<?xml version="1.0" encoding="UTF-8"?>\n<unload unload_date="2024-11-13 16:40:28">\n${body.join('')}</unload>\n`,
    );
    const r = await runCli([
      'tickets',
      path,
      '--preset',
      'servicenow',
      '--input-tz',
      'UTC',
      '--policy',
      'olt-ems',
      '--tier',
      'standard',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-01T00:00:00Z',
      '--format',
      'json',
      '--skip-invalid',
    ]);
    // Each <incident> takes 6 lines, the first on line 3.
    everyRowAccounted(
      r,
      path,
      VALUES.map((_, i) => 3 + i * 6),
    );
  });

  it.each(['csv', 'ndjson', 'xml'])('a 10 MB id (%s): read, or an input error at its line', async (ext) => {
    const path =
      ext === 'csv'
        ? write('csv', `id,created_at,priority\n${BIG},2026-10-05T09:00:00Z,P1\n`)
        : ext === 'ndjson'
          ? write('ndjson', `${JSON.stringify({ id: BIG, created_at: '2026-10-05T09:00:00Z', priority: 'P1' })}\n`)
          : write(
              'xml',
              `<?xml version="1.0"?>\n<unload>\n<incident>\n<number>${BIG}</number>\n<opened_at>2026-10-05 09:00:00</opened_at>\n<priority>3</priority>\n</incident>\n</unload>\n`,
            );
    const args =
      ext === 'xml'
        ? [
            '--preset',
            'servicenow',
            '--input-tz',
            'UTC',
            '--policy',
            'olt-ems',
            '--tier',
            'standard',
            '--month',
            '2026-10',
            '--as-of',
            '2026-11-01T00:00:00Z',
            '--format',
            'json',
            '--skip-invalid',
          ]
        : TICKETS;
    everyRowAccounted(await runCli(['tickets', path, ...args]), path, [ext === 'ndjson' ? 1 : ext === 'csv' ? 2 : 3]);
  });
});

describe('hostile values in event exports', () => {
  it.each(['ticket_id', 'author', 'type', 'status', 'public'])('every value in %s', async (field) => {
    const tickets = write(
      'csv',
      `id,created_at,priority\n${VALUES.map((_, i) => `T-${i},2026-10-05T09:00:00Z,P1`).join('\n')}\n`,
    );
    const cols = ['ticket_id', 'at', 'author', 'public', 'type', 'status'];
    const rows = VALUES.map(
      (v, i) =>
        ({
          ticket_id: `T-${i}`,
          at: '2026-10-05T10:00:00Z',
          author: 'agent@vendor.example',
          public: 'true',
          type: 'reply',
          status: '',
          [field]: v,
        }) as Row,
    );
    const events = write(
      'csv',
      [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c]!)).join(','))].join('\n') + '\n',
    );
    const r = await runCli(['tickets', tickets, '--events', events, '--vendor-agent', '@vendor.example', ...TICKETS]);
    sane(r, events);
    if (r.code === 0)
      expect((JSON.parse(r.stdout) as Report).warnings.find((w) => w.code === 'EVENTS_READ')?.message).toMatch(
        new RegExp(`from ${VALUES.length} record\\(s\\)`),
      );
  });
});

describe('hostile values in uptime logs', () => {
  const UPTIME = [
    '--policy',
    'sma-opcon',
    '--tier',
    'managed-operations',
    '--month',
    '2026-10',
    '--as-of',
    '2026-11-01T00:00:00Z',
    '--format',
    'json',
    '--skip-invalid',
  ];

  it.each([
    {
      name: 'probe service',
      header: 'timestamp,status,service',
      row: (v: string, i: number) => ['2026-10-0' + ((i % 9) + 1) + 'T10:00:00Z', 'up', v],
    },
    {
      name: 'probe status',
      header: 'timestamp,status,service',
      row: (v: string, i: number) => [`2026-10-01T10:${String(i % 60).padStart(2, '0')}:00Z`, v, 'api'],
    },
    {
      name: 'interval service',
      header: 'start,end,service,kind,reason',
      row: (v: string) => ['2026-10-05T00:00:00Z', '2026-10-05T12:00:00Z', v, 'outage', 'x'],
    },
    {
      name: 'interval kind',
      header: 'start,end,service,kind,reason',
      row: (v: string) => ['2026-10-05T00:00:00Z', '2026-10-05T12:00:00Z', 'api', v, 'x'],
    },
    {
      name: 'interval reason',
      header: 'start,end,service,kind,reason',
      row: (v: string) => ['2026-10-05T00:00:00Z', '2026-10-05T12:00:00Z', 'api', 'outage', v],
    },
  ])('every value as $name', async ({ name, header, row }) => {
    const path = write('csv', [header, ...VALUES.map((v, i) => row(v, i).map(csvCell).join(','))].join('\n') + '\n');
    const r = await runCli(['uptime', path, ...UPTIME]);
    sane(r, path);
    // Skipped rows are warned about at their lines; an outage of an unknown kind is never read as up.
    if (r.code === 0) {
      const report = JSON.parse(r.stdout) as Report;
      const named = new Set(report.warnings.map((w) => w.line));
      const services = new Set(report.availability!.map((a) => a.service));
      for (const [i, v] of VALUES.entries())
        if (!named.has(i + 2) && header.endsWith('service') && !header.startsWith('start'))
          expect(services.has(v.trim()) || v.trim() === '').toBe(true);
      // No value here is a kind: each is refused at its line (a 12-hour outage of kind "constructor" once counted as up).
      if (name === 'interval kind') expect(VALUES.map((_, i) => i + 2).filter((l) => !named.has(l))).toEqual([]);
    }
  });

  it('Uptime Kuma: monitors named like built-ins are services of their own', async () => {
    const list = Object.fromEntries(
      ['__proto__', 'constructor', 'toString'].map((m) => [
        m,
        [
          { status: 1, time: '2026-10-05 10:00:00' },
          { status: 0, time: '2026-10-05 11:00:00' },
        ],
      ]),
    );
    const path = write('json', JSON.stringify({ heartbeatList: list }).replace('"___proto___"', '"__proto__"'));
    const r = await runCli(['uptime', path, '--preset', 'uptime-kuma', '--input-tz', 'UTC', ...UPTIME]);
    sane(r, path);
  });

  it('a 10 MB service name', async () => {
    const path = write('csv', `start,end,service\n2026-10-05T00:00:00Z,2026-10-05T12:00:00Z,${BIG}\n`);
    sane(await runCli(['uptime', path, ...UPTIME]), path);
  });
});

describe('hostile values in policies and contracts', () => {
  const yaml = (v: string) => JSON.stringify(v);
  const policy = (o: { id?: string; priority?: string; tier?: string; calendar?: string; region?: string }) =>
    `version: sla-policy/v1\nid: ${yaml(o.id ?? 'p')}\nname: Hostile\ncurrency: USD\nbillingZone: UTC\ncalendars:\n  ${yaml(o.calendar ?? 'office')}:\n    zone: UTC\n    hours: { mon-fri: "09:00-17:00" }\n${o.region !== undefined ? `    publicHolidays: ${yaml(o.region)}\n` : ''}priorities:\n  ${yaml(o.priority ?? 'P1')}: { name: Any }\ntiers:\n  ${yaml(o.tier ?? 't')}:\n    calendar: ${yaml(o.calendar ?? 'office')}\n    targets:\n      ${yaml(o.priority ?? 'P1')}: { firstResponse: 4h }\n`;

  it.each(['id', 'priority', 'tier', 'calendar', 'region'])(
    'every value as the policy %s: valid, or an error at its line',
    async (key) => {
      for (const v of [...VALUES, ...(key === 'id' ? [BIG] : [])]) {
        const path = write('yaml', policy({ [key]: key === 'region' ? `US-${v}` : v }));
        const r = await runCli(['policies', 'validate', path]);
        sane(r, path);
        // A value is refused at its line; a 10 MB file as a whole (policy files are at most 4 MiB).
        if (r.code === 2) expect(r.stderr.split('\n')[0]).toMatch(v === BIG ? /is at most 4 MiB/ : /:\d+:\d+: /);
      }
    },
  );

  it('every value as a contract service name and a priority mapped from an export', async () => {
    const contract = write(
      'yaml',
      `version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\nservices: [${VALUES.map(yaml).join(', ')}]\n`,
    );
    sane(await runCli(['policies', 'validate', contract]), contract);
    const map = write('yaml', `priorities:\n${VALUES.map((v) => `  ${yaml(v)}: P1`).join('\n')}\n`);
    const tickets = write(
      'csv',
      `id,created_at,priority\n${VALUES.map((v, i) => `T-${i},2026-10-05T09:00:00Z,${csvCell(v)}`).join('\n')}\n`,
    );
    everyRowAccounted(
      await runCli(['tickets', tickets, '--map', map, ...TICKETS]),
      tickets,
      VALUES.map((_, i) => i + 2),
    );
  });
});
