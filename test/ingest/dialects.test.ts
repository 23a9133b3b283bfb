import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMapFile } from '../../src/adapters/ingest/map-file.js';
import { CANONICAL } from '../../src/adapters/ingest/mapping.js';
import { readTickets } from '../../src/adapters/ingest/read-tickets.js';
import { detectDelimiter } from '../../src/adapters/ingest/text-formats.js';
import { resolvePolicy } from '../../src/adapters/policy/load-policy.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { parseReport } from '../support/report-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-dialects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ARGS = [
  '--policy',
  'websoft9',
  '--tier',
  'premium',
  '--month',
  '2026-10',
  '--as-of',
  '2026-11-01T00:00:00Z',
  '--format',
  'json',
];
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);

describe('what real exports write', () => {
  it('rows of empty cells, as spreadsheets save them, are blank lines, not bad rows', async () => {
    const f = write(
      'commas.csv',
      'id,created_at,priority,first_response_at\nA-1,2026-10-05T10:00:00Z,general,2026-10-05T10:30:00Z\n,,,\n , ,,\nA-2,2026-10-06T10:00:00Z,general,\n,,,\n',
    );
    const r = await runCli(['tickets', f, ...ARGS], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.summary.rows).toMatchObject({ read: 2, used: 2, skipped: 0 });
    // Line numbers still count the blank rows: A-2 is on line 5.
    expect(report.tickets.map((t: { id: string; line: number }) => [t.id, t.line])).toEqual([
      ['A-1', 2],
      ['A-2', 5],
    ]);
  });

  it('placeholders named in the map (nullValues) are empty values, not errors', async () => {
    const f = write(
      'placeholders.csv',
      'id,created_at,priority,first_response_at,resolved_at\nP-1,2026-10-05T10:00:00Z,general,-,1900-01-01 00:00:00\nP-2,2026-10-05T11:00:00Z,general,2026-10-05T11:30:00Z,null\n',
    );
    const map = write('placeholders.yaml', 'nullValues: ["-", "null", "1900-01-01 00:00:00"]\n');
    const r = await runCli(['tickets', f, '--map', map, ...ARGS], { cwd: dir });
    expect(r.code).toBe(0);
    const tickets = parseReport(r.stdout).tickets;
    // P-1: no response (empty), due 12:00 on 24x7 (general 2 h), long past at as-of → breached, not an error.
    expect(tickets[0]).toMatchObject({ id: 'P-1', firstResponse: { respondedAt: null, status: 'breached' } });
    expect(tickets[1]).toMatchObject({
      id: 'P-2',
      firstResponse: { respondedAt: '2026-10-05T11:30:00Z', status: 'met' },
    });
  });

  it('--skip-invalid says what it skipped, by reason and with counts, besides each row', async () => {
    const rows = [
      'id,created_at,priority,first_response_at,resolved_at',
      'S-1,2026-10-05T10:00:00Z,general,,1900-01-01 00:00:00',
      'S-2,2026-10-05T10:00:00Z,general,,1900-01-01 00:00:00',
      'S-3,2026-10-05T10:00:00Z,sev-9,,',
      'S-4,2026-10-05T10:00:00Z,general,,',
    ];
    const f = write('skip.csv', rows.join('\n') + '\n');
    const r = await runCli(['tickets', f, '--skip-invalid', ...ARGS], { cwd: dir });
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    expect(report.summary.rows).toMatchObject({ read: 4, used: 1, skipped: 3 });
    const summary = report.warnings.find((w: { code: string }) => w.code === 'ROWS_SKIPPED');
    expect(summary.message).toBe(
      '3 row(s) skipped (--skip-invalid) and not in any report: 2 × resolved_at: timestamp has no UTC offset; 1 × priority: … is not a priority of policy websoft9',
    );
    expect(report.warnings.filter((w: { message: string }) => w.message.startsWith('skipped: '))).toHaveLength(3);
  });

  it('an unknown priority lists every priority of the policy and picks none', async () => {
    const f = write('unknown.csv', 'id,created_at,priority\nU-1,2026-10-05T10:00:00Z,Blocker\n');
    const r = await runCli(['tickets', f, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'map it with --map to the priority the contract gives it (priorities: {"Blocker": <one of high (High Priority), general (General Priority)>})',
    );
  });

  it('a date that is not ISO 8601 points at timestampFormat', async () => {
    const f = write('dates.csv', 'id,created_at,priority\nD-1,05/10/2026 10:00,general\n');
    const r = await runCli(['tickets', f, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '— state the export\'s format with --map (timestampFormat: "dd/MM/yyyy HH:mm", in Luxon tokens), or pass --preset for your helpdesk',
    );
  });
});

describe('a field with its own zone or format (map)', () => {
  it('reads a first-response column written in UTC beside creation times in the profile zone', async () => {
    // Created 2026-10-05 09:00 in New York (EDT, −4) = 13:00Z; the UTC custom field says 13:30 → 30 min after creation.
    const f = write(
      'two-zones.csv',
      'Key,Created,Priority,Incident,First response (UTC)\nZ-1,05/10/2026 09:00,High,INC-1,2026-10-05 13:30\n',
    );
    const map = write(
      'two-zones.yaml',
      [
        'columns:',
        '  id: Key',
        '  created_at: Created',
        '  priority: Priority',
        '  incident: Incident',
        '  first_response_at: { column: "First response (UTC)", zone: UTC, format: "yyyy-MM-dd HH:mm" }',
        'timestampFormat: "dd/MM/yyyy HH:mm"',
        '',
      ].join('\n'),
    );
    const r = await runCli(['tickets', f, '--map', map, '--input-tz', 'America/New_York', ...ARGS], { cwd: dir });
    expect(r.stderr).toBe('');
    const t = parseReport(r.stdout).tickets[0];
    expect(t).toMatchObject({
      createdAt: '2026-10-05T13:00:00Z',
      firstResponse: { respondedAt: '2026-10-05T13:30:00Z', elapsedSeconds: 1800 },
    });
  });

  it('a zone or format on a field that holds no time is an error at its line and column', async () => {
    const map = write('bad-zone.yaml', 'columns:\n  priority: { column: Priority, zone: UTC }\n');
    const f = write('any.csv', 'id,created_at,Priority\nA,2026-10-05T10:00:00Z,high\n');
    const r = await runCli(['tickets', f, '--map', map, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-zone.yaml:2:');
    expect(r.stderr).toContain('columns.priority.zone: zone applies to the time fields only');
  });
});

describe('a real semicolon, ISO-8859-1 export (fixtures/samples/jira-fi-latin1-semicolon__excerpt.csv)', () => {
  const SAMPLE = join(ROOT, 'fixtures/samples/jira-fi-latin1-semicolon__excerpt.csv');
  const MAP = [
    'columns: { id: id, created_at: datetime, resolved_at: datetime2, status: category }',
    'timestampFormat: "EEE, d MMM yyyy HH:mm:ss ZZZ"',
  ];

  it('without its encoding stated, is refused at the first byte that is not UTF-8, with the fix', async () => {
    const map = write('fi.yaml', MAP.join('\n') + '\n');
    const r = await runCli(['tickets', SAMPLE, '--map', map, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('jira-fi-latin1-semicolon__excerpt.csv:2: text is not valid UTF-8');
    expect(r.stderr).toContain('state its encoding with --map (encoding: windows-1252 or iso-8859-1)');
  });

  it('with it, reads ";" found from the header, the trailing ";", and "ö"', async () => {
    const map = write('fi-latin1.yaml', [...MAP, 'encoding: iso-8859-1'].join('\n') + '\n');
    const r = await runCli(
      [
        'tickets',
        SAMPLE,
        '--map',
        map,
        ...ARGS.slice(0, 4),
        '--month',
        '2013-10',
        '--as-of',
        '2013-11-01T00:00:00Z',
        '--format',
        'json',
        '--all',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    // LP-109 and LP-110 were opened on 5 November (+0200 by then: Finnish summer time had ended).
    expect(report.summary.rows).toMatchObject({ read: 10, used: 8, outsidePeriod: 2, skipped: 0 });
    const [first, , third] = report.tickets;
    // Line 2: "Wed, 9 Oct 2013 10:15:50 +0300" = 07:15:50Z, as its epoch column says (1381302950).
    expect(first).toMatchObject({
      id: 'LP-101',
      line: 2,
      createdAt: '2013-10-09T07:15:50Z',
      effectivePriority: 'general',
    });
    expect(Date.parse(first.createdAt) / 1000).toBe(1381302950);
    // Line 4: created 10:54:27 +0300 = 07:54:27Z; its epoch column: 1381305267.
    expect(Date.parse(third.createdAt) / 1000).toBe(1381305267);
    // Resolved "Wed, 9 Oct 2013 12:56:38 +0300" = 09:56:38Z (epoch 1381312598); the export has no first-response column.
    expect(first.firstResponse.status).toBe('not-measured');
    const policy = resolvePolicy('websoft9');
    const read = await readTickets([SAMPLE], {
      mapping: loadMapFile(CANONICAL, join(dir, map), policy).tickets,
      inputTz: null,
      policy,
      skipInvalid: false,
    });
    expect(read.tickets[0]).toMatchObject({ status: 'Asioitsijapyyntö', resolvedAt: 1381312598_000 });
    expect(read.tickets[9]!.createdAt).toBe(Date.parse('2013-11-05T09:38:37Z'));
  });
});

describe('the CSV delimiter, found from the header line', () => {
  it.each([
    ['id,created_at,priority\n', ','],
    ['"ID";"Título";"Data de abertura"\r\n', ';'],
    ['id\tcreated_at\tpriority\n', '\t'],
    ['id|created_at|priority\n', '|'],
    // Delimiters inside quotes do not count; a tie or none is the comma.
    ['"a;b;c",x,y\n', ','],
    ['id;created_at,priority\n', ','],
    ['id\n', ','],
  ])('%j → %j', (head, expected) => {
    expect(detectDelimiter(head, 'export.csv')).toBe(expected);
  });

  it('a .tsv with a single column is still tab-separated', () => {
    expect(detectDelimiter('id\n', 'export.tsv')).toBe('\t');
  });
});

describe('map language: paths into JSON, durations after creation, names that match nothing', () => {
  it('reads fields through dotted paths into nested objects (fields.priority.name)', async () => {
    const doc = {
      issues: [
        {
          key: 'J-1',
          fields: {
            created: '2026-10-05T10:00:00.000+0200',
            priority: { name: 'High' },
            resolutiondate: '2026-10-05T10:05:00.000+0200',
          },
        },
      ],
    };
    const f = write('jira-rest.json', JSON.stringify(doc));
    const map = write(
      'jira-rest.yaml',
      'listKey: issues\ncolumns: { id: key, created_at: fields.created, priority: fields.priority.name, first_response_at: fields.resolutiondate }\n',
    );
    const r = await runCli(['tickets', f, '--map', map, ...ARGS], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(parseReport(r.stdout).tickets[0]).toMatchObject({
      id: 'J-1',
      priority: 'High',
      effectivePriority: 'general',
      createdAt: '2026-10-05T08:00:00Z',
      firstResponse: { respondedAt: '2026-10-05T08:05:00Z' },
    });
  });

  it('derives the first response from calendar minutes after creation; an empty cell is no response yet', async () => {
    // Z-1: created 10:00Z + 42 min → 10:42Z; Z-2: no reply yet.
    const f = write(
      'minutes.csv',
      'Id,Created at,Priority,First reply time in minutes,First reply time in minutes within business hours\nZ-1,2026-10-05T10:00:00Z,normal,42,7\nZ-2,2026-10-05T11:00:00Z,normal,,\n',
    );
    const map = write(
      'minutes.yaml',
      'columns:\n  first_response_at: { from: created_at, plusMinutes: "First reply time in minutes" }\n',
    );
    const r = await runCli(['tickets', f, '--preset', 'zendesk', '--map', map, ...ARGS], { cwd: dir });
    expect(r.stderr).toBe('');
    const [z1, z2] = parseReport(r.stdout).tickets;
    expect(z1).toMatchObject({
      id: 'Z-1',
      firstResponse: { respondedAt: '2026-10-05T10:42:00Z', elapsedSeconds: 2520 },
    });
    expect(z2).toMatchObject({ id: 'Z-2', firstResponse: { respondedAt: null, status: 'breached' } });
  });

  it('a column the map names that is not in the file is an error listing the columns there are', async () => {
    const f = write('named.csv', 'id,created_at,priority,First reply at\nN-1,2026-10-05T10:00:00Z,general,\n');
    const map = write('named.yaml', 'columns: { first_response_at: "First response at" }\n');
    const r = await runCli(['tickets', f, '--map', map, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'named.csv:1: named.yaml: columns.first_response_at: "First response at" matches nothing in this file (got "id", "created_at", "priority", "First reply at")',
    );
  });
});

describe('XML', () => {
  it('a ServiceNow unload is read as XML by its content, whatever its name: each record at the line its element opens', async () => {
    // The shape of a real unload (yilmazetl/sn incident.xml): a declaration, then <unload unload_date="…">.
    const f = write(
      'incident.export',
      '<?xml version="1.0" encoding="UTF-8"?>\n<unload unload_date="2024-11-12 16:40:28">\n<incident action="INSERT_OR_UPDATE">\n<number>INC0010001</number>\n<opened_at/>\n</incident>\n</unload>\n',
    );
    const r = await runCli(['tickets', f, '--preset', 'servicenow', ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    // An empty element is an empty value: here, a ticket without its creation time — not a CSV quoting error.
    expect(r.stderr).toContain('incident.export:3:1: created_at: the ticket has no creation time');
  });

  it('an unload cut off mid-element is an error with its line', async () => {
    const f = write(
      'cut.xml',
      '<?xml version="1.0"?>\n<unload>\n<incident>\n<number>INC1</number>\n<opened_at>2024-11-12 16:40:28\n',
    );
    const r = await runCli(['tickets', f, '--preset', 'servicenow', ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cut\.xml:\d+: not valid XML \(.+\) — check that the file is complete/);
  });
});

describe('what a review found', () => {
  it('NDJSON without any first-response field is not measured, never "breached" (and owes no credit)', async () => {
    const f = write(
      'no-response.ndjson',
      '{"id":"N1","priority":"high","created_at":"2026-10-05T09:00:00Z"}\n{"id":"N2","priority":"high","created_at":"2026-10-05T10:00:00Z"}\n',
    );
    const report = parseReport((await runCli(['tickets', f, ...ARGS, '--fee', '1000'], { cwd: dir })).stdout);
    expect(report.summary).toMatchObject({ breached: 0, notMeasured: 2 });
    expect(report.creditTotal.percent).toBe(0);
  });

  it('NDJSON records give minutes after creation record by record', async () => {
    const f = write(
      'minutes.ndjson',
      '{"id":"M1","created_at":"2026-10-05T09:00:00Z","first_response_minutes":30}\n{"id":"M2","created_at":"2026-10-05T09:00:00Z","first_response_at":"2026-10-05T09:05:00Z"}\n{"id":"M3","created_at":"2026-10-05T09:00:00Z"}\n',
    );
    const tickets = parseReport((await runCli(['tickets', f, ...ARGS], { cwd: dir })).stdout).tickets;
    expect(tickets.map((t: { firstResponse: { respondedAt: string | null } }) => t.firstResponse.respondedAt)).toEqual([
      '2026-10-05T09:30:00Z',
      '2026-10-05T09:05:00Z',
      null,
    ]);
  });

  it("a policy's own priority names win, and a scale its names contradict is not used (a policy listed least severe first)", async () => {
    const policy = write(
      'reversed.yaml',
      [
        'version: sla-policy/v1',
        'id: reversed',
        'name: Least severe first',
        'currency: USD',
        'billingZone: UTC',
        'priorities:',
        '  S4: { name: Low }',
        '  S3: { name: Normal }',
        '  S2: { name: High }',
        '  S1: { name: Urgent }',
        'tiers:',
        '  t:',
        '    calendar: 24x7',
        '    targets:',
        '      S1: { firstResponse: 1h }',
        '',
      ].join('\n'),
    );
    const f = write('zd.csv', 'Id,Created at,Priority\nZ-1,2026-10-05 10:00:00,Urgent\nZ-2,2026-10-05 10:00:00,Low\n');
    const r = await runCli(
      [
        'tickets',
        f,
        '--preset',
        'zendesk',
        '--input-tz',
        'UTC',
        '--policy',
        policy,
        '--tier',
        't',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.stderr).not.toContain("place on the helpdesk's scale");
    expect(parseReport(r.stdout).tickets.map((t: { effectivePriority: string }) => t.effectivePriority)).toEqual([
      'S1',
      'S4',
    ]);
  });

  it('a column the map names is the one read: a canonical column of the same field does not stand in for it', async () => {
    const f = write(
      'stand-in.csv',
      'id,created_at,priority,first_response_at\nS-1,2026-10-05T10:00:00Z,general,2026-10-05T10:01:00Z\n',
    );
    const map = write('stand-in.yaml', 'columns: { first_response_at: "First reply at" }\n');
    const r = await runCli(['tickets', f, '--map', map, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('columns.first_response_at: "First reply at" matches nothing in this file');
  });
});
