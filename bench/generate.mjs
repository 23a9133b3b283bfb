// Deterministic synthetic inputs for `npm run bench`: tickets in the
// canonical columns and probe samples over several services. Written under
// bench/out/ (ignored by git); regenerated only when missing.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';

const OUT = new URL('./out/', import.meta.url);
mkdirSync(OUT, { recursive: true });

function lcg(seed) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';

async function write(name, header, rows) {
  const path = new URL(name, OUT);
  if (existsSync(path)) return path;
  const tmp = new URL(`${name}.tmp`, OUT);
  const out = createWriteStream(tmp);
  out.write(header + '\n');
  let buf = '';
  for (const row of rows) {
    buf += row + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  return path;
}

/** n tickets over October 2026 for sma-opcon (America/Chicago), managed-operations priorities. */
export function tickets(n) {
  return write(
    `tickets-${n}.csv`,
    'id,created_at,priority,first_response_at,resolved_at,status',
    (function* () {
      const rand = lcg(7);
      const start = Date.UTC(2026, 9, 1, 5);
      const span = 31 * 86_400_000;
      for (let i = 0; i < n; i++) {
        const created = start + Math.floor((rand() * span) / 1000) * 1000;
        const p = `P${1 + Math.floor(rand() * 4)}`;
        const responded = rand() < 0.97 ? iso(created + Math.floor(rand() * 20 * 3_600_000)) : '';
        const resolved = responded && rand() < 0.7 ? iso(created + Math.floor(rand() * 72 * 3_600_000)) : '';
        yield `T${i + 1},${iso(created)},${p},${responded},${resolved},${resolved ? 'solved' : 'open'}`;
      }
    })(),
  );
}

/** n probe rows: 30-second samples over as many days as it takes, round-robin over `services`. */
export function probes(n, services = 4) {
  return write(
    `probes-${n}.csv`,
    'timestamp,status,service',
    (function* () {
      const rand = lcg(11);
      const start = Date.UTC(2026, 0, 1, 6);
      let down = new Array(services).fill(0);
      for (let i = 0; i < n; i++) {
        const s = i % services;
        const t = start + Math.floor(i / services) * 30_000;
        if (down[s] > 0) down[s]--;
        else if (rand() < 0.0002) down[s] = 1 + Math.floor(rand() * 40);
        yield `${iso(t)},${down[s] > 0 ? 'down' : 'up'},svc-${s + 1}`;
      }
    })(),
  );
}

/** Tickets without a first-response column and `perTicket` events each (a vendor reply among them), for sma-opcon. */
export async function ticketsWithEvents(n, perTicket = 5) {
  const ticketsFile = await write(
    `evtickets-${n}.csv`,
    'id,created_at,priority',
    (function* () {
      const rand = lcg(13);
      const start = Date.UTC(2026, 9, 1, 5);
      for (let i = 0; i < n; i++)
        yield `T${i + 1},${iso(start + Math.floor((rand() * 31 * 86_400_000) / 1000) * 1000)},P${1 + Math.floor(rand() * 4)}`;
    })(),
  );
  const eventsFile = await write(
    `events-${n}x${perTicket}.csv`,
    'ticket_id,at,actor,type,status',
    (function* () {
      const rand = lcg(13);
      const start = Date.UTC(2026, 9, 1, 5);
      for (let i = 0; i < n; i++) {
        const created = start + Math.floor((rand() * 31 * 86_400_000) / 1000) * 1000;
        rand();
        for (let k = 1; k <= perTicket; k++)
          yield `T${i + 1},${iso(created + k * 1_800_000)},${k % 2 ? 'customer' : 'vendor'},reply,`;
      }
    })(),
  );
  return { tickets: ticketsFile, events: eventsFile };
}

/** One ticket and `n` events: replies back and forth, each customer reply after a spell waiting on the customer. */
export async function pausedTicket(n) {
  const tickets = await write('paused-ticket.csv', 'id,created_at,priority,first_response_at', [
    'P-1,2026-11-02T08:00:00Z,P1,2026-11-02T08:30:00Z',
  ]);
  const events = await write(
    `paused-events-${n}.csv`,
    'ticket_id,at,actor,type,status',
    (function* () {
      const start = Date.UTC(2026, 10, 2, 8, 30);
      const kinds = ['vendor,status,waiting-on-customer', 'customer,status,open', 'customer,reply,', 'vendor,reply,'];
      // Four events a minute at most: n events stay within November.
      for (let i = 0; i < n; i++)
        yield `P-1,${iso(start + Math.floor(i / 4) * 60_000 + (i % 4) * 10_000)},${kinds[i % 4]}`;
    })(),
  );
  return { tickets, events };
}

/** n outage intervals over 2026 on 4 services, each a minute long. */
export function intervals(n) {
  return write(
    `intervals-${n}.csv`,
    'start,end,service',
    (function* () {
      const start = Date.UTC(2026, 0, 1);
      const step = Math.floor((365 * 86_400_000) / n);
      for (let i = 0; i < n; i++) {
        const t = start + i * step;
        yield `${iso(t)},${iso(t + Math.min(60_000, step))},svc-${1 + (i % 4)}`;
      }
    })(),
  );
}

/** n ticket rows, every other one invalid (a date that does not exist), for --skip-invalid. */
export function badRows(n) {
  return write(
    `bad-${n}.csv`,
    'id,created_at,priority',
    (function* () {
      // Every other row is a day October does not have; the rest are good, so the file is still evidence
      // (a file of which --skip-invalid skipped every row is an input error, not a report).
      for (let i = 0; i < n; i++)
        yield i % 2 === 0
          ? `B${i + 1},2026-10-1${i % 10}T10:00:00Z,P1`
          : `B${i + 1},2026-10-3${2 + (i % 8)}T10:00:00Z,P1`;
    })(),
  );
}
