// npm run bench: the full audit against the cost of just parsing the input.
// For each input size it alternates, several times, (a) the floor (csv-parse
// streaming the file into arrays) and (b) `sla-audit audit … --format json -o
// FILE` on the sma-opcon policy (a business calendar with DST), and prints
// the median wall time and the median CPU time (user + system, every thread)
// of each, their ratios b/a, peak RSS and rows per second.
// It first times start-up (`--version` against bare node).
// A benchmark, not a test: it asserts nothing. BENCH_RUNS=n sets the runs,
// BENCH_SIZES=tickets:1000000,probes:3000000 the inputs. Then the scale cases (bench/scale.mjs), each at
// half and full size; BENCH_SCALE=0 leaves them out.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probes, tickets } from './generate.mjs';
import { scale } from './scale.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OUT = join(tmpdir(), 'sla-audit-bench-report.json');

/** Wall time (s), CPU time (user + system, s) and peak RSS (MiB) of one command, from GNU time. */
function measure(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const [user, sys, rssKb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rss: rssKb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bench(label, file, rows, auditArgs) {
  const floor = [];
  const audit = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push(measure([process.execPath, 'bench/floor.mjs', file]));
    // Each audit writes a new report: replacing the previous run's would time
    // the kernel freeing hundreds of megabytes, a cost of this loop, not of the audit.
    rmSync(OUT, { force: true });
    audit.push(measure([process.execPath, 'bin/sla-audit.js', ...auditArgs, '--format', 'json', '-o', OUT, '--quiet']));
  }
  const f = median(floor.map((m) => m.wall));
  const a = median(audit.map((m) => m.wall));
  const fc = median(floor.map((m) => m.cpu));
  const ac = median(audit.map((m) => m.cpu));
  const rss = Math.max(...audit.map((m) => m.rss));
  const s = (x) => x.toFixed(2).padStart(6);
  console.log(
    `${label.padEnd(22)} wall: floor ${s(f)} s  audit ${s(a)} s  ratio ${(a / f).toFixed(2)}   CPU: floor ${s(fc)} s  audit ${s(ac)} s  ratio ${(ac / fc).toFixed(2)}   peak RSS ${rss.toFixed(0).padStart(4)} MiB   ${Math.round(
      rows / a,
    )
      .toLocaleString('en-US')
      .padStart(9)} rows/s`,
  );
}

console.log(
  `sla-audit bench: ${cpus().length} cores, node ${process.version}, median of ${RUNS} alternating runs; CPU is user + system time of every thread`,
);

// Start-up: `sla-audit --version` against bare node (`node -e 0`), the floor of any command.
{
  const node = [];
  const version = [];
  for (let i = 0; i < Math.max(RUNS, 5); i++) {
    node.push(measure([process.execPath, '-e', '0']).wall);
    version.push(measure([process.execPath, 'bin/sla-audit.js', '--version']).wall);
  }
  const [n, v] = [median(node), median(version)];
  console.log(
    `${'start-up (--version)'.padEnd(22)} wall: node  ${n.toFixed(3)} s  sla-audit ${v.toFixed(3)} s  ratio ${(v / n).toFixed(2)}`,
  );
}
const sizes = (process.env.BENCH_SIZES ?? 'tickets:1000000,probes:3000000').split(',');
// The report a run writes goes, whatever happens: a case that fails leaves nothing in the temp folder.
try {
  for (const spec of sizes) {
    const [kind, n] = spec.split(':');
    const count = Number(n);
    if (kind === 'tickets') {
      const file = fileURLToPath(await tickets(count));
      bench(`${count.toLocaleString('en-US')} tickets`, file, count, [
        'audit',
        '--tickets',
        file,
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
      ]);
    } else {
      const file = fileURLToPath(await probes(count));
      bench(`${count.toLocaleString('en-US')} probe rows`, file, count, [
        'audit',
        '--uptime',
        file,
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-03',
        '--as-of',
        '2027-01-05T00:00:00Z',
        '--annual-fee',
        '120000',
      ]);
    }
  }
  if (process.env.BENCH_SCALE !== '0') await scale(measure, OUT, RUNS);
} finally {
  rmSync(OUT, { force: true });
}
