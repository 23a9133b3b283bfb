import type { RecurringWindow } from '../policy/model.js';
import { MS_PER_DAY, MS_PER_MINUTE, weekdayOfDay } from '../time/civil.js';
import type { Span } from '../time/spans.js';
import { normalize } from '../time/spans.js';
import { ZoneOffsets } from '../time/zone.js';

/** The instants of recurring weekly windows (wall-clock in their zone) within [from, to). */
export function expandWindows(windows: readonly RecurringWindow[], from: number, to: number): Span[] {
  const spans: Span[] = [];
  for (const w of windows) {
    const offsets = new ZoneOffsets(w.zone);
    const firstDay = Math.floor((from - 15 * 3_600_000) / MS_PER_DAY);
    const lastDay = Math.floor((to + 15 * 3_600_000) / MS_PER_DAY);
    for (let day = firstDay; day <= lastDay; day++) {
      if (!w.days.includes(weekdayOfDay(day))) continue;
      const a = offsets.instantOf(day * MS_PER_DAY + w.startMinute * MS_PER_MINUTE).t;
      const b = offsets.instantOf(day * MS_PER_DAY + w.endMinute * MS_PER_MINUTE).t;
      const s = Math.max(a, from);
      const e = Math.min(b, to);
      if (e > s) spans.push([s, e]);
    }
  }
  return normalize(spans);
}
