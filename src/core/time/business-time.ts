import type { Calendar } from './calendar.js';

/**
 * The instant a target of `targetMs` covered milliseconds falls due when the
 * clock starts at `start` (epoch ms) on `calendar`. Constant cost in the
 * target's length.
 */
export function dueAt(start: number, targetMs: number, calendar: Calendar): number {
  return calendar.dueAt(start, targetMs);
}

/** Covered milliseconds in [start, end) on `calendar`. */
export function elapsed(start: number, end: number, calendar: Calendar): number {
  return calendar.elapsed(start, end);
}
