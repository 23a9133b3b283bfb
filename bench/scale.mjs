// Scale cases of `npm run bench`: each input at half size and at full size, to show that the cost
// grows linearly (twice the rows: at most about twice the time). Each line gives wall time, CPU time
// (user + system) and peak RSS of both runs, and the ratios full / half.
import { fileURLToPath } from 'node:url';
import { badRows, intervals, pausedTicket, tickets, ticketsWithEvents } from './generate.mjs';

const path = (url) => fileURLToPath(url);

/** [label, rows, make(n) → audit arguments] per case; n is the full size, halved for the first run. */
const CASES = [
  [
    'tickets + 5 events each',
    1_000_000,
    async (n) => {
      const f = await ticketsWithEvents(n, 5);
      return [
        'audit',
        '--tickets',
        path(f.tickets),
        '--events',
        path(f.events),
        '--policy',
        'sma-opcon',
        '--tier',
        'managed-operations',
        '--month',
        '2026-10',
        '--as-of',
        '2026-11-05T00:00:00Z',
        '--format',
        'json',
      ];
    },
  ],
  [
    'events with pauses, 1 ticket',
    200_000,
    async (n) => {
      const f = await pausedTicket(n);
      return [
        'tickets',
        path(f.tickets),
        '--events',
        path(f.events),
        '--policy',
        'fixtures/policies/promises-test.yaml',
        '--tier',
        'all',
        '--month',
        '2026-11',
        '--as-of',
        '2026-12-01T00:00:00Z',
        '--format',
        'json',
      ];
    },
  ],
  [
    'outage intervals',
    1_000_000,
    async (n) => [
      'audit',
      '--uptime',
      path(await intervals(n)),
      '--policy',
      'fixtures/policies/bands-inclusive.yaml',
      '--tier',
      't',
      '--month',
      '2026-06',
      '--as-of',
      '2027-01-05T00:00:00Z',
      '--fee',
      '1000',
      '--format',
      'json',
    ],
  ],
  [
    'tickets, table --all',
    100_000,
    async (n) => [
      'audit',
      '--tickets',
      path(await tickets(n)),
      '--policy',
      'sma-opcon',
      '--tier',
      'managed-operations',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--format',
      'table',
      '--all',
    ],
  ],
  [
    'bad rows, --skip-invalid',
    250_000,
    async (n) => [
      'audit',
      '--tickets',
      path(await badRows(n)),
      '--policy',
      'sma-opcon',
      '--tier',
      'managed-operations',
      '--month',
      '2026-10',
      '--as-of',
      '2026-11-05T00:00:00Z',
      '--skip-invalid',
      '--format',
      'json',
    ],
  ],
];

export async function scale(measure, out, runs) {
  console.log('scale: half size, then full size (median of runs); ratio = full / half, linear is about 2');
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [label, full, make] of CASES) {
    const at = [];
    for (const n of [full / 2, full]) {
      const args = await make(n);
      const m = [];
      for (let i = 0; i < runs; i++)
        m.push(measure([process.execPath, 'bin/sla-audit.js', ...args, '-o', out, '--quiet']));
      at.push({
        n,
        wall: median(m.map((x) => x.wall)),
        cpu: median(m.map((x) => x.cpu)),
        rss: Math.max(...m.map((x) => x.rss)),
      });
    }
    const [h, f] = at;
    const s = (x) => x.toFixed(2).padStart(6);
    console.log(
      `${label.padEnd(30)} ${h.n.toLocaleString('en-US').padStart(9)}: wall ${s(h.wall)} s CPU ${s(h.cpu)} s RSS ${h.rss.toFixed(0).padStart(4)} MiB | ${f.n.toLocaleString('en-US').padStart(9)}: wall ${s(f.wall)} s CPU ${s(f.cpu)} s RSS ${f.rss.toFixed(0).padStart(4)} MiB | ratio wall ${(f.wall / h.wall).toFixed(2)} CPU ${(f.cpu / h.cpu).toFixed(2)}`,
    );
  }
}
