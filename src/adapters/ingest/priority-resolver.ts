import type { Policy } from '../../core/policy/model.js';

const MAX_CACHED = 1024;

/**
 * Raw helpdesk priority → the policy's priority id: the map's own entries
 * first, then the policy's ids and aliases (case-insensitive), then the parts
 * of a "1 - Critical" style value.
 */
export class PriorityResolver {
  private readonly lookup = new Map<string, string>();
  /** Raw value → what it resolves to: an export repeats a handful of values a million times. */
  private readonly resolved = new Map<string, string | null>();

  constructor(
    policy: Policy,
    private readonly fromMap: ReadonlyMap<string, string>,
  ) {
    for (const p of policy.priorities) {
      this.lookup.set(p.id.toLowerCase(), p.id);
      for (const a of p.aliases) this.lookup.set(a.toLowerCase(), p.id);
    }
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
    const parts = /^(\d+)\s*-\s*(.+)$/.exec(key);
    if (parts) return this.fromMap.get(parts[1]!) ?? this.lookup.get(parts[1]!) ?? this.fromMap.get(parts[2]!) ?? this.lookup.get(parts[2]!) ?? null;
    return null;
  }

  /** What a raw value may be, for error messages. */
  known(): string[] {
    return [...new Set([...this.fromMap.keys(), ...this.lookup.keys()])];
  }
}
