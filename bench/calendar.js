// Micro-benchmark: nanoseconds per dueAt / elapsed call on a business calendar
// with DST (sma-opcon, America/Chicago), 1M calls over a year of start instants
// and targets from 1 hour to 5 business days. A benchmark, not a test: it
// prints numbers and asserts nothing. Run: npm run bench:calendar
import { resolvePolicy } from '../dist/adapters/policy/load-policy.js';
import { PolicyClocks } from '../dist/core/policy/clocks.js';

const N = 1_000_000;
const H = 3_600_000;
const clocks = new PolicyClocks(resolvePolicy('sma-opcon'));
const cal = clocks.calendar('business');

// Deterministic inputs (a linear congruential generator), built before timing.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const yearStart = Date.UTC(2026, 0, 1);
const starts = new Float64Array(N);
const targets = new Float64Array(N);
const TARGETS = [1 * H, 4 * H, 9 * H, 18 * H, 45 * H];
for (let i = 0; i < N; i++) {
  starts[i] = yearStart + Math.floor(rand() * 365 * 24 * 60) * 60_000;
  targets[i] = TARGETS[i % TARGETS.length];
}

function time(label, fn) {
  const runs = [];
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    sink += fn();
    runs.push(Number(process.hrtime.bigint() - t0) / N);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${runs[2].toFixed(1).padStart(8)} ns/call (median of 5 × ${N.toLocaleString('en-US')})  [${sink > 0 ? 'ok' : '-'}]`,
  );
  return runs[2];
}

// Compile once (first query) so the loop measures the steady state.
cal.dueAt(starts[0], targets[0]);
const floor = time('floor (read inputs, add)', () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += starts[i] + targets[i];
  return s;
});
const due = time('dueAt (business, DST zone)', () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += cal.dueAt(starts[i], targets[i]);
  return s;
});
const el = time('elapsed (business, DST zone)', () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += cal.elapsed(starts[i], starts[i] + targets[i] * 3);
  return s;
});
console.log(`dueAt/floor ${(due / floor).toFixed(1)}x, elapsed/floor ${(el / floor).toFixed(1)}x`);
