// Deterministic synthetic inputs for `npm run bench`: tickets in the
// canonical columns and probe samples over several services. Written under
// bench/out/ (ignored by git); regenerated only when missing.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';

const OUT = new URL('./out/', import.meta.url);
mkdirSync(OUT, { recursive: true });

function lcg(seed) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
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
  return write(`tickets-${n}.csv`, 'id,created_at,priority,first_response_at,resolved_at,status', (function* () {
    const rand = lcg(7);
    const start = Date.UTC(2026, 9, 1, 5);
    const span = 31 * 86_400_000;
    for (let i = 0; i < n; i++) {
      const created = start + Math.floor(rand() * span / 1000) * 1000;
      const p = `P${1 + Math.floor(rand() * 4)}`;
      const responded = rand() < 0.97 ? iso(created + Math.floor(rand() * 20 * 3_600_000)) : '';
      const resolved = responded && rand() < 0.7 ? iso(created + Math.floor(rand() * 72 * 3_600_000)) : '';
      yield `T${i + 1},${iso(created)},${p},${responded},${resolved},${resolved ? 'solved' : 'open'}`;
    }
  })());
}

/** n probe rows: 30-second samples over as many days as it takes, round-robin over `services`. */
export function probes(n, services = 4) {
  return write(`probes-${n}.csv`, 'timestamp,status,service', (function* () {
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
  })());
}
