import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';
import { parseReport } from '../support/report-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const ARGS = ['--policy', 'websoft9', '--tier', 'premium', '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z'];
const row = (i: number) => `T-${i},2026-10-05T10:00:00Z,general,2026-10-05T10:30:00Z`;

describe('nothing lost', () => {
  it('--skip-invalid does not pass an unclosed quote: the rows after it would vanish uncounted', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) =>
      i === 1000 ? `T-${i},"2026-10-05T10:00:00Z,general,` : row(i),
    );
    const f = write('unclosed.csv', `id,created_at,priority,first_response_at\n${rows.join('\n')}\n`);
    const r = await runCli(['tickets', f, '--skip-invalid', '--format', 'json', ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unclosed.csv:1002: a quoted field that starts on this line is never closed');
  });

  it('a JSON id past 2^53 (or 1e400) is an error, not a false duplicate or "Infinity"', async () => {
    const f = write(
      'big-ids.ndjson',
      [
        '{"id": 9007199254740993, "created_at": "2026-10-05T10:00:00Z"}',
        '{"id": 9007199254740992, "created_at": "2026-10-05T10:00:00Z"}',
        '{"id": 1e400, "created_at": "2026-10-05T10:00:00Z"}',
        '',
      ].join('\n'),
    );
    const r = await runCli(['tickets', f, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'big-ids.ndjson:1: id: the id is a JSON number too large to be read exactly (got 9007199254740992) — export ids as strings',
    );
    expect(r.stderr).toContain(
      'big-ids.ndjson:3: id: the id is a JSON number too large to be read exactly (got Infinity)',
    );
    expect(r.stderr).not.toContain('duplicate');
  });
});

describe('no crash, no hang', () => {
  it.each([['--policy'], ['--map'], ['--config']])(
    '%s /dev/zero is refused at once, not read for ever',
    async (flag) => {
      const args =
        flag === '--policy'
          ? ['tickets', 'x.csv', '--policy', '/dev/zero', '--tier', 'premium']
          : ['tickets', 'x.csv', ...ARGS, flag, '/dev/zero'];
      const r = await runCli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\/dev\/zero: .* is not a regular file — give the path of a YAML file/);
    },
  );
});

describe('nothing misleads', () => {
  it('control characters from an export are escaped in messages and tables, and a huge value is cut', async () => {
    const esc = 'T\u001b[31m-1\u0000';
    const long = 'L'.repeat(10_000_000);
    const f = write(
      'hostile.csv',
      `id,created_at,priority,first_response_at\n${esc},2026-10-05T10:00:00Z,general,\n${esc},2026-10-05T10:00:00Z,general,\n${long},2026-10-05T10:00:00Z,general,\n${long},2026-10-05T10:00:00Z,general,\n`,
    );
    const r = await runCli(['tickets', f, ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000\u001b]/);
    expect(r.stderr).toContain('duplicate ticket id "T\\u001b[31m-1\\u0000"');
    expect(Math.max(...r.stderr.split('\n').map((l) => l.length))).toBeLessThan(1200);
    const table = await runCli(
      [
        'tickets',
        write('one.csv', `id,created_at,priority,first_response_at\n${esc},2026-10-05T10:00:00Z,general,\n`),
        ...ARGS,
        '--format',
        'table',
      ],
      { cwd: dir },
    );
    expect(table.stdout).toContain('T\\u001b[31m-1\\u0000');
    expect(table.stdout).not.toMatch(/[\u0000\u001b]/);
  });

  it('a tickets CSV streamed to -o: a bad row after good ones leaves no file, and a good run writes every row', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i));
    const bad = write(
      'late-bad.csv',
      `id,created_at,priority,first_response_at\n${rows.join('\n')}\nT-x,not a time,general,\n`,
    );
    const r = await runCli(['tickets', bad, '--format', 'csv', '-o', 'late-bad-out.csv', ...ARGS], { cwd: dir });
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'late-bad-out.csv'))).toBe(false);
    const good = write('good.csv', `id,created_at,priority,first_response_at\n${rows.join('\n')}\n`);
    const ok = await runCli(['tickets', good, '--format', 'csv', '-o', 'good-out.csv', '-q', ...ARGS], { cwd: dir });
    expect(ok.code).toBe(0);
    const lines = readFileSync(join(dir, 'good-out.csv'), 'utf8').split('\r\n');
    expect(lines).toHaveLength(3002);
    expect(lines[1]).toMatch(/^T-0,general,general,2026-10-05T10:00:00Z,met,/);
  });

  it('-o with a name sla-audit does not write (a spreadsheet, a web page) is refused, not filled with JSON', async () => {
    const f = write('ok.csv', `id,created_at,priority,first_response_at\n${row(1)}\n`);
    for (const name of ['credits.xlsx', 'report.html']) {
      const r = await runCli(['tickets', f, ...ARGS, '-o', name], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `-o ${name}: sla-audit writes table (.txt), json (.json), csv (.csv), markdown (.md, .markdown), openmetrics (.prom), not .${name.split('.')[1]} — name the file so, or pass --format`,
      );
    }
    expect((await runCli(['tickets', f, ...ARGS, '-o', 'credits.xlsx', '--format', 'csv'], { cwd: dir })).code).toBe(0);
  });

  it('--fail-on credit exits 1 on a credit that cannot be decided yet', async () => {
    const args = [
      'uptime',
      'sma-opcon-probes.csv',
      '--policy',
      'sma-opcon',
      '--tier',
      'managed-operations',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--annual-fee',
      '60000',
      '--format',
      'json',
    ];
    const cwd = join(ROOT, 'fixtures/example');
    const plain = await runCli(args, { cwd });
    expect(parseReport(plain.stdout).credits[0]).toMatchObject({ eligible: null, percent: 10 });
    // A credit the evidence cannot decide yet is neither owed nor clean: exit 4, the reason on stderr.
    const undecided = await runCli([...args, '--fail-on', 'credit'], { cwd });
    expect(undecided.code).toBe(4);
    expect(undecided.stderr).toContain('sla-audit: --fail-on credit: 1 credit line undecided in 2026-10\n');
  });

  it('says when the period is not over, has not begun, or a claim deadline has passed at as-of', async () => {
    const cwd = join(ROOT, 'fixtures/olt-ems-enterprise');
    const base = [
      'tickets',
      'tickets.csv',
      '--policy',
      'olt-ems',
      '--tier',
      'enterprise',
      '--fee',
      '3000',
      '--format',
      'json',
      '--month',
      '2026-10',
    ];
    const codes = async (asOf: string) =>
      parseReport((await runCli([...base, '--as-of', asOf], { cwd })).stdout).warnings.map(
        (w: { code: string }) => w.code,
      );
    // October in Asia/Shanghai ends 2026-10-31T16:00:00Z; the claim window ends on 30 November (local).
    expect(await codes('2026-10-31T15:59:59Z')).toContain('PERIOD_NOT_OVER');
    expect(await codes('2026-09-30T15:59:59Z')).toContain('PERIOD_IN_FUTURE');
    expect(await codes('2026-10-31T16:00:00Z')).not.toContain('PERIOD_NOT_OVER');
    expect(await codes('2026-11-30T15:59:59Z')).not.toContain('CLAIM_DEADLINE_PASSED');
    expect(await codes('2026-11-30T16:00:00Z')).toContain('CLAIM_DEADLINE_PASSED');
  });

  it('a contract of another version is a contract with an unsupported version, not a policy with unknown keys', async () => {
    const f = write(
      'v2.yaml',
      'version: sla-contract/v2\npolicy: websoft9\ntier: premium\ninputs: { tickets: t.csv }\n',
    );
    const r = await runCli(['policies', 'validate', f], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unsupported contract version');
    expect(r.stderr).not.toContain('unknown key');
  });
});

describe('an uptime service named "all"', () => {
  it('is refused: it would replace the combined row and the credit it gives', async () => {
    const f = write(
      'all.csv',
      'start,end,service\n2026-10-05T10:00:00Z,2026-10-05T12:00:00Z,api\n2026-10-06T10:00:00Z,2026-10-06T11:00:00Z,all\n',
    );
    const r = await runCli(
      [
        'uptime',
        f,
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--skip-invalid',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'all.csv:3: a service is named "all", the name of the combined row of every service — rename the service in the log',
    );
  });
});

describe('near-empty uptime logs', () => {
  it('two days of probes are not a met month: no verdict, a warning naming the silence, and the credit undecided', async () => {
    const lines =
      readFileSync(join(ROOT, 'fixtures/example/sma-opcon-probes.csv'), 'utf8').split('\n').slice(0, 1200).join('\n') +
      '\n';
    const f = write('two-days.csv', lines);
    const args = [
      'uptime',
      f,
      '--policy',
      'sma-opcon',
      '--tier',
      'managed-operations',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--annual-fee',
      '60000',
      '--format',
      'json',
    ];
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(0);
    const report = parseReport(r.stdout);
    const all = report.availability.find((a: { service: string }) => a.service === 'all');
    expect(all).toMatchObject({ met: null, bounds: { noDataAsUp: 100 } });
    expect(all.coveragePercent).toBeLessThan(10);
    expect(report.warnings.find((w: { code: string }) => w.code === 'LOW_COVERAGE').message).toMatch(
      /^the logs cover too little of 2026-10 for a verdict \(minimum 90%: .*all 6\.\d%\); no data 2026-10-03 \d\d:\d\d → 2026-11-01 00:00 \(America\/Chicago\)$/,
    );
    expect(report.credits[0]).toMatchObject({ eligible: null });
    expect((await runCli([...args, '--fail-on', 'credit'], { cwd: dir })).code).toBe(4);
    // Not enough evidence is not "no breach": a cron job acting on breaches hears of it, apart from a breach (4, not 1).
    expect((await runCli([...args, '--fail-on', 'breach'], { cwd: dir })).code).toBe(4);
  });

  it("an intervals log with no records is no data, not a 100% month; the contract's coverage says which months it speaks for", async () => {
    const empty = write('no-outages.csv', 'start,end,service\n');
    const args = ['uptime', empty, '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--format', 'json'];
    const bare = await runCli(
      [...args, '--policy', 'sma-opcon', '--tier', 'managed-operations', '--fail-on', 'breach'],
      { cwd: dir },
    );
    expect(bare.code).toBe(4);
    expect(parseReport(bare.stdout).availability).toEqual([
      expect.objectContaining({ service: 'all', availabilityPercent: null, met: null, coveragePercent: 0 }),
    ]);
    expect(bare.stderr).toContain(
      'all: no eligible time in 2026-10 (the logs do not cover it): availability is unknown',
    );
    // With coverage stated for September–October, the log says October had no outage: 100%, met.
    const contract = write(
      'coverage.yaml',
      'version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\navailability:\n  coverage: { from: 2026-09, to: 2026-10 }\n',
    );
    const stated = await runCli([...args, '--config', contract, '--fail-on', 'breach'], { cwd: dir });
    expect(stated.code).toBe(0);
    expect(parseReport(stated.stdout).availability.find((a: { service: string }) => a.service === 'all')).toMatchObject(
      { availabilityPercent: 100, met: true, coveragePercent: 100 },
    );
    // November is outside it: unknown again.
    const nov = await runCli(
      [
        ...args.slice(0, 2),
        '--month',
        '2026-11',
        '--as-of',
        '2026-12-05T00:00:00Z',
        '--format',
        'json',
        '--config',
        contract,
      ],
      { cwd: dir },
    );
    expect(parseReport(nov.stdout).availability.find((a: { service: string }) => a.service === 'all')).toMatchObject({
      availabilityPercent: null,
      met: null,
    });
  });

  it('a contract coverage that is not a month range is an error with its position', async () => {
    const contract = write(
      'bad-coverage.yaml',
      'version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\navailability:\n  coverage: { from: 2026-10, to: 2026-13 }\n',
    );
    const r = await runCli(['policies', 'validate', contract], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'bad-coverage.yaml:5:34: availability.coverage.to: not a month (expected YYYY-MM, got "2026-13")',
    );
  });
});

describe('tables that do not hide', () => {
  it('the credit total says it is the sum of rounded lines where that differs from the percentage of the fee', async () => {
    // 3 lines × 5% of 33.33 = 3 × 1.67 (1.6665 half up) = 5.01, where 15% of 33.33 is 5.00.
    const cwd = join(ROOT, 'fixtures/websoft9-premium');
    const r = await runCli(
      [
        'tickets',
        'tickets.csv',
        '--policy',
        'websoft9',
        '--tier',
        'premium',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:30:00Z',
        '--fee',
        '33.33',
        '--format',
        'table',
        '--quiet',
      ],
      { cwd },
    );
    expect(r.stdout).toContain('Credit total: 15% of the monthly fee = 5.01 USD (the sum of the lines, each rounded)');
  });

  it('every breached metric of a ticket is named, each with its own target, due and done times', async () => {
    const policy = join(ROOT, 'fixtures/policies/all-metrics-test.yaml');
    // Mon 08:00: first response due 09:00 (answered 10:00), resolution due 16:00 (resolved Tue 09:00) → both breached.
    const f = write(
      'both.ndjson',
      // The policy pauses while waiting on the customer: the ticket's status history shows no pause.
      '{"id":"B-1","priority":"P1","created_at":"2026-10-05T08:00:00Z","first_response_at":"2026-10-05T10:00:00Z","resolved_at":"2026-10-06T09:00:00Z",' +
        '"events":[{"at":"2026-10-05T08:00:00Z","actor":"vendor","type":"status","status":"open"}]}\n',
    );
    const r = await runCli(
      [
        'tickets',
        f,
        '--policy',
        policy,
        '--tier',
        't',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-01T00:00:00Z',
        '--format',
        'table',
        '--quiet',
      ],
      { cwd: dir },
    );
    // The office calendar's targets say they are business time; the resolution's row follows the ticket's.
    expect(r.stdout).toContain(
      '│ B-1 │ P1       │ 2026-10-05 08:00 │ 1 business h │ 2026-10-05 09:00 │ 2026-10-05 10:00 │ breached │ first response │\n' +
        '│     │          │                  │ 8 business h │ 2026-10-05 16:00 │ 2026-10-06 09:00 │          │ resolution     │\n',
    );
  });
});

describe('tickets not measured', () => {
  it('get a column of their own in the summary by priority', async () => {
    const r = await runCli(
      [
        'tickets',
        join(ROOT, 'fixtures/samples/zendesk-ui__tickets_excerpt.csv'),
        '--preset',
        'zendesk',
        '--input-tz',
        'Asia/Kolkata',
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2023-04',
        '--as-of',
        '2023-07-01T00:00:00Z',
        '--format',
        'table',
        '--quiet',
      ],
      { cwd: dir },
    );
    expect(r.stdout).toMatch(/│ priority │ tickets │ met │ breached │ pending │ excluded │ no target │ not measured │/);
    expect(r.stdout).toMatch(/│ P4 +│ +7 │ +0 │ +0 │ +0 │ +0 │ +0 │ +7 │/);
  });
});

describe("the helpdesk's own figures", () => {
  it('are shown beside ours in JSON and explain, never used as ours', async () => {
    const args = [
      join(ROOT, 'fixtures/samples/zendesk-ui__tickets_excerpt.csv'),
      '--preset',
      'zendesk',
      '--input-tz',
      'Asia/Kolkata',
      '--policy',
      'sma-opcon',
      '--tier',
      'managed-operations',
      '--as-of',
      '2023-07-01T00:00:00Z',
      '--quiet',
    ];
    const report = parseReport(
      (await runCli(['tickets', ...args, '--month', '2023-04', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(report.tickets[0]).toMatchObject({
      id: '700101',
      status: 'not-measured',
      vendorReported: { firstResponseBusinessMinutes: 173 },
      firstResponse: { status: 'not-measured' },
    });
    const explain = await runCli(['explain', '700101', '--tickets', ...args, '--format', 'table'], { cwd: dir });
    expect(explain.stdout).toContain(
      'Helpdesk:  first reply in 173 business minutes, by its own count (shown for comparison, not used)',
    );
  });
});

describe('credits CSV for finance', () => {
  it('says "undecided" for a line the data cannot decide, not a blank that reads as unpaid', async () => {
    const r = await runCli(
      [
        'uptime',
        'sma-opcon-probes.csv',
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--annual-fee',
        '60000',
        '--format',
        'csv',
        '--csv',
        'credits',
        '--quiet',
      ],
      { cwd: join(ROOT, 'fixtures/example') },
    );
    expect(r.stdout.split('\r\n')[1]).toMatch(
      /^2026-10,sma-opcon,managed-operations,[^,]*,availability,10,5000,500,USD,undecided,,/,
    );
  });
});
