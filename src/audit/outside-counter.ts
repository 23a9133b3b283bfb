import type { Issue } from '../core/issues.js';
import { monthLabel, monthOf, type Period } from '../core/period.js';
import type { Ticket } from '../core/tickets/ticket.js';
import { ZoneOffsets } from '../core/time/zone.js';

/** Tickets created outside every audited month are named, never dropped silently. */
export class OutsideCounter {
  private readonly months = new Map<string, number>();
  private readonly offsets: ZoneOffsets;
  private readonly from: number;
  private readonly to: number;

  constructor(private readonly periods: readonly Period[]) {
    this.offsets = new ZoneOffsets(periods[0]!.zone);
    this.from = periods[0]!.start;
    this.to = periods[periods.length - 1]!.end;
  }

  add(t: Ticket): void {
    if (t.createdAt >= this.from && t.createdAt < this.to) return;
    const m = monthOf(t.createdAt, this.offsets);
    const label = monthLabel(m.year, m.month);
    this.months.set(label, (this.months.get(label) ?? 0) + 1);
  }

  warnings(files: readonly string[]): Issue[] {
    if (this.months.size === 0) return [];
    const months = [...this.months].sort();
    return [
      {
        code: 'TICKETS_OUTSIDE_PERIOD',
        file: files.join(', '),
        args: {
          tickets: [...this.months.values()].reduce((a, b) => a + b, 0),
          from: this.periods[0]!.label,
          to: this.periods[this.periods.length - 1]!.label,
          months: months.map(([m]) => m),
          counts: months.map(([, c]) => c),
        },
      },
    ];
  }
}
