import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-audit-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), name);
const policy = (name: string) => readFileSync(join(ROOT, 'policies', `${name}.yaml`), 'utf8');

describe('policies validate checks what the audit will need', () => {
  it('a contract map file that is missing, or invalid, is a contract error at inputs.map', async () => {
    write('tickets.csv', readFileSync(join(ROOT, 'fixtures/websoft9-premium/tickets.csv'), 'utf8'));
    const missing = write(
      'missing-map.yaml',
      'version: sla-contract/v1\npolicy: websoft9\ntier: premium\ninputs:\n  tickets: [tickets.csv]\n  map: nomap.yaml\n',
    );
    const r = await runCli(['policies', 'validate', missing], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`missing-map.yaml:6:8: inputs.map: ${join(dir, 'nomap.yaml')} not found`);
    write('bad-map.yaml', 'columns: { id: Key }\nbogus: 1\n');
    const invalid = write(
      'invalid-map.yaml',
      'version: sla-contract/v1\npolicy: websoft9\ntier: premium\ninputs:\n  tickets: [tickets.csv]\n  map: bad-map.yaml\n',
    );
    const v = await runCli(['policies', 'validate', invalid], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(
      /invalid-map\.yaml:6:8: inputs\.map: the map file .*bad-map\.yaml is invalid \(1 problem, the first: .*bad-map\.yaml:2:1: bogus: unknown key/,
    );
  });

  it('"all" among the services in scope is refused: it names the combined row, whose credit it would replace', async () => {
    const c = write(
      'all.yaml',
      'version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\nservices: [api, all]\n',
    );
    const r = await runCli(['policies', 'validate', c], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('all.yaml:4:17: services[1]: "all" is the name of the combined row of every service');
  });

  it('a target of any length is valid (test/policy/long-targets.test.ts); a due time past 2199 in an audit is an input error, not a crash', async () => {
    const long = write(
      'long.yaml',
      policy('sma-opcon').replace(
        'P3: { firstResponse: 4 business hours }',
        'P3: { firstResponse: 1000000 business hours }',
      ),
    );
    const v = await runCli(['policies', 'validate', long], { cwd: dir });
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    // 8 000 business hours (333 days of working time) from June 2199 end in 2202.
    write(
      'slow.yaml',
      policy('sma-opcon').replace(
        'P4: { firstResponse: 2 business days }',
        'P4: { firstResponse: 8000 business hours }',
      ),
    );
    write('late.csv', 'id,created_at,priority,first_response_at\nX-1,2199-06-01T20:00:00Z,P4,\n');
    const a = await runCli(
      [
        'tickets',
        'late.csv',
        '--policy',
        'slow.yaml',
        '--tier',
        'managed-operations',
        '--month',
        '2199-06',
        '--as-of',
        '2199-12-31T23:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('late.csv:2: ticket X-1: a due time falls after 2199, the last year sla-audit supports');
  });

  it('one bad opening time is one error, not also "the target has no calendar" for every target on that calendar', async () => {
    const text = policy('sma-opcon');
    const bad = write('hours.yaml', text.replace('"08:00-17:00"', '"08:00-25:00"'));
    const r = await runCli(['policies', 'validate', bad], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('has no calendar');
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('hours.yaml:')),
    ).toHaveLength(1);
  });

  it('problems are listed by line, whatever order they were found in', async () => {
    const bad = write('unsorted.yaml', `${policy('websoft9').replace(/^currency: USD/m, 'currency: usd')}bogus: 1\n`);
    const r = await runCli(['policies', 'validate', bad], { cwd: dir });
    const lines = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('unsorted.yaml:'))
      .map((l) => Number(/^unsorted\.yaml:(\d+)/.exec(l)![1]));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe('contracts that lack something get one clear problem each', () => {
  it('no version line: read as the contract it is, one missing key — not a policy with a dozen', async () => {
    const r = await runCli(
      ['policies', 'validate', write('noversion.yaml', 'policy: websoft9\ntier: premium\nfee: { monthly: 100 }\n')],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'noversion.yaml:1:1: missing required key "version" (expected sla-contract/v1) — add "version:"',
      'sla-audit: 1 problem found; nothing was written',
    ]);
  });

  it('a policy file that does not exist is not found; stdin twice among the inputs is refused at the second', async () => {
    const missing = await runCli(
      ['policies', 'validate', write('nopolicy.yaml', 'version: sla-contract/v1\npolicy: ./missing.yaml\n')],
      { cwd: dir },
    );
    expect(missing.stderr).toContain(`nopolicy.yaml:2:9: policy: ${join(dir, 'missing.yaml')} not found`);
    const twice = await runCli(
      [
        'policies',
        'validate',
        write(
          'stdin.yaml',
          'version: sla-contract/v1\npolicy: websoft9\ntier: premium\ninputs:\n  tickets: ["-"]\n  uptime: ["-"]\n',
        ),
      ],
      { cwd: dir },
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('stdin.yaml:6:12: inputs.uptime[0]: - (stdin) can be read once');
  });

  it('a ticket id with control characters is shown escaped, never sent raw to the terminal', async () => {
    const r = await runCli(
      [
        'explain',
        'X\u001b[31mY',
        '--tickets',
        join(ROOT, 'fixtures/websoft9-premium/tickets.csv'),
        '--policy',
        'websoft9',
        '--tier',
        'premium',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ticket "X\\u001b[31mY" is not in');
    expect(r.stderr).not.toContain('\u001b');
  });
});

describe('a rule on the region reads the region column, without calendars per region', () => {
  it('a P3 ticket of region "EU-VIP" is P2 by the documented example rule; another region stays P3', async () => {
    write(
      'vip.yaml',
      'version: sla-policy/v1\nid: vip\nname: VIP\ncurrency: USD\nbillingZone: UTC\npriorities:\n  P2: { name: High }\n  P3: { name: Normal }\nrules:\n  - { type: reclassify, from: P3, to: P2, when: { region: [ap-vip, eu-vip] } }\ntiers:\n  t: { calendar: 24x7, targets: { P2: { firstResponse: 1h }, P3: { firstResponse: 8h } } }\n',
    );
    write(
      'vip.csv',
      'id,created_at,priority,first_response_at,region\nV-1,2026-10-05T10:00:00Z,P3,2026-10-05T10:30:00Z,EU-VIP\nV-2,2026-10-05T10:00:00Z,P3,2026-10-05T10:30:00Z,emea\n',
    );
    const r = await runCli(
      [
        'tickets',
        'vip.csv',
        '--policy',
        'vip.yaml',
        '--tier',
        't',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(
      JSON.parse(r.stdout).tickets.map((t: { id: string; effectivePriority: string }) => [t.id, t.effectivePriority]),
    ).toEqual([
      ['V-1', 'P2'],
      ['V-2', 'P3'],
    ]);
  });
});

describe('one mistake, one problem', () => {
  it('a list entry that is no mapping is that, not also each of its keys missing', async () => {
    const r = await runCli(
      [
        'policies',
        'validate',
        write('entry.yaml', 'version: sla-contract/v1\npolicy: websoft9\ntier: premium\nmaintenance:\n  - 5\n'),
      ],
      { cwd: dir },
    );
    expect(r.stderr.trim().split('\n')).toEqual([
      'entry.yaml:5:5: maintenance[0]: must be a mapping (expected a mapping, got number 5)',
      'sla-audit: 1 problem found; nothing was written',
    ]);
  });

  it('"all" as a component of a contract service is refused', async () => {
    const r = await runCli(
      [
        'policies',
        'validate',
        write(
          'component.yaml',
          'version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\nservices:\n  api: { components: [api-1, all] }\n',
        ),
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'component.yaml:5:30: services.api.components[1]: "all" is the name of the combined row of every service, not a log service',
    );
  });
});

describe('the uptime command takes what it uses', () => {
  it("reads a contract's uptime logs and leaves its tickets and events alone; --events, --vendor-agent and --all are not its options", async () => {
    write('probes.csv', readFileSync(join(ROOT, 'fixtures/example/sma-opcon-probes.csv'), 'utf8'));
    write('events.csv', 'ticket_id,created_at,author_role\n');
    write(
      'sla-audit.yaml',
      'version: sla-contract/v1\npolicy: sma-opcon\ntier: managed-operations\ninputs:\n  uptime: [probes.csv]\n  events: [events.csv]\n',
    );
    const r = await runCli(
      ['uptime', '--month', '2026-10', '--as-of', '2026-11-05T00:00:00Z', '--format', 'json', '-q'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).availability.length).toBeGreaterThan(0);
    const help = await runCli(['uptime', '--help'], { cwd: dir });
    expect(help.stdout).not.toMatch(/--events|--vendor-agent|--all\b/);
    const bad = await runCli(['uptime', 'probes.csv', '--events', 'events.csv'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--events'");
    // A CSV of tickets, or a ticket preset, for a run that reads none would be a header alone, or nothing.
    const csv = await runCli(['uptime', 'probes.csv', '--month', '2026-10', '--format', 'csv', '--csv', 'tickets'], {
      cwd: dir,
    });
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('--csv tickets: this uptime run reads no tickets');
    const preset = await runCli(['uptime', 'probes.csv', '--month', '2026-10', '--preset', 'zendesk'], { cwd: dir });
    expect(preset.code).toBe(2);
    expect(preset.stderr).toContain('--preset zendesk reads ticket exports, and this run reads none');
    rmSync(join(dir, 'sla-audit.yaml'));
  });
});

describe('streams that cannot be written', () => {
  const bin = join(ROOT, 'bin/sla-audit.js');
  const run = (args: string[], stdout: string, stderr: string) => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" ${args.join(' ')} >${stdout} 2>${stderr}`], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC' },
    });
    return r.status;
  };

  it('a full stderr loses the warnings, not the exit code: 0 for a good run, 2 for bad input', () => {
    expect(
      run(
        [
          'tickets',
          'fixtures/websoft9-premium/tickets.csv',
          '--policy',
          'websoft9',
          '--tier',
          'premium',
          '--month',
          '2026-10',
          '--as-of',
          '2026-11-01T00:30:00Z',
          '--format',
          'json',
        ],
        '/dev/null',
        '/dev/full',
      ),
    ).toBe(0);
    expect(run(['tickets', 'nope.csv', '--policy', 'websoft9', '--tier', 'premium'], '/dev/null', '/dev/full')).toBe(2);
  });

  it('help or the version into a full stdout is no success', () => {
    expect(run(['--help'], '/dev/full', '/dev/null')).toBe(2);
    expect(run(['--version'], '/dev/full', '/dev/null')).toBe(2);
  });
});
