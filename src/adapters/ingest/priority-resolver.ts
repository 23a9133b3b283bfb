import type { Policy } from '../../core/policy/model.js';

const MAX_CACHED = 1024;

/** A "1 - Critical" style value: its number and its word. */
const NUMBERED = /^(\d+)\s*-\s*(.+)$/;

/** The priority scales of common helpdesks, most severe first. */
export const SCALES: ReadonlyArray<{ name: string; levels: readonly string[] }> = [
  { name: 'Zendesk', levels: ['urgent', 'high', 'normal', 'low'] },
  { name: 'Freshdesk', levels: ['urgent', 'high', 'medium', 'low'] },
  { name: 'Jira', levels: ['highest', 'high', 'medium', 'low', 'lowest'] },
  { name: 'Jira (older)', levels: ['blocker', 'critical', 'major', 'minor', 'trivial'] },
  { name: 'ServiceNow', levels: ['critical', 'high', 'moderate', 'low', 'planning'] },
];

/** A raw value read by its place on a helpdesk's scale: for the warning that says so. */
export interface ScaleReading {
  raw: string;
  scale: string;
  level: number;
  of: number;
  id: string;
}

/**
 * Raw helpdesk priority → the policy's priority id: the map's own entries
 * first, then the policy's ids and aliases (case-insensitive), then the parts
 * of a "1 - Critical" style value, then — only where a helpdesk's scale has
 * exactly as many levels as the policy has priorities (listed most severe
 * first) — by place on that scale: Zendesk's urgent/high/normal/low onto
 * P1–P4. Scales of another length are not stretched: a guess there would
 * decide breaches and credits.
 */
export class PriorityResolver {
  private readonly lookup = new Map<string, string>();
  /** Raw value → what it resolves to: an export repeats a handful of values a million times. */
  private readonly resolved = new Map<string, string | null>();
  private readonly ids: readonly string[];
  /** Values read by place on a scale, for one warning. */
  readonly byScale = new Map<string, ScaleReading>();

  private readonly scales: typeof SCALES;

  constructor(
    policy: Policy,
    private readonly fromMap: ReadonlyMap<string, string>,
    /** The scales the export's values come from (a preset's helpdesk); null: any. */
    scales: readonly string[] | null = null,
  ) {
    this.ids = policy.priorities.map((p) => p.id);
    this.scales = scales === null ? SCALES : SCALES.filter((s) => scales.includes(s.name));
    for (const p of policy.priorities) {
      this.lookup.set(p.id.toLowerCase(), p.id);
      for (const a of p.aliases) this.lookup.set(a.toLowerCase(), p.id);
    }
    // A priority's own name ("Urgent") names it too, where no id or alias says otherwise.
    for (const p of policy.priorities)
      if (!this.lookup.has(p.name.toLowerCase())) this.lookup.set(p.name.toLowerCase(), p.id);
  }

  resolve(raw: string): string | null {
    const known = this.resolved.get(raw);
    if (known !== undefined) return known;
    const id = this.resolveAnew(raw);
    // Bounded, in case a column holds something else than a few priorities.
    if (this.resolved.size < MAX_CACHED) this.resolved.set(raw, id);
    return id;
  }

  private resolveAnew(raw: string): string | null {
    const key = raw.trim().toLowerCase();
    const direct = this.fromMap.get(key) ?? this.lookup.get(key);
    if (direct !== undefined) return direct;
    const parts = NUMBERED.exec(key);
    if (parts) {
      const named =
        this.fromMap.get(parts[1]!) ??
        this.lookup.get(parts[1]!) ??
        this.fromMap.get(parts[2]!) ??
        this.lookup.get(parts[2]!);
      if (named !== undefined) return named;
    }
    return this.onScale(raw, parts ? parts[2]! : key);
  }

  /**
   * By place on a helpdesk scale of the policy's length, when every such scale
   * agrees — and no level of the scale is a name or alias the policy gives
   * another place (a policy listed least severe first must not be read upside down).
   */
  private onScale(raw: string, word: string): string | null {
    const agrees = (s: (typeof SCALES)[number]) =>
      s.levels.every((w, i) => this.lookup.get(w) === undefined || this.lookup.get(w) === this.ids[i]);
    const fits = this.scales.filter((s) => s.levels.length === this.ids.length && s.levels.includes(word) && agrees(s));
    const level = fits[0]?.levels.indexOf(word);
    if (level === undefined || fits.some((s) => s.levels.indexOf(word) !== level)) return null;
    const id = this.ids[level]!;
    this.byScale.set(raw, {
      raw,
      scale: fits.map((s) => s.name).join(' / '),
      level: level + 1,
      of: this.ids.length,
      id,
    });
    return id;
  }

  /** The scales a value belongs to, for the message when it maps onto none. */
  scalesOf(raw: string): string[] {
    const key = raw.trim().toLowerCase();
    const word = NUMBERED.exec(key)?.[2] ?? key;
    return this.scales.filter((s) => s.levels.includes(word)).map((s) => `${s.name} (${s.levels.join(', ')})`);
  }

  /** What a raw value may be, for error messages. */
  known(): string[] {
    return [...new Set([...this.fromMap.keys(), ...this.lookup.keys()])];
  }
}
