/**
 * `table[key]` when `key` is the table's own entry, else undefined.
 *
 * Untrusted text (a flag, a cell, a policy key) is data, never a key of a plain
 * object: `{}`["constructor"] is Object's constructor and `{}`["__proto__"] is
 * Object.prototype, so a value named after a built-in would read as found.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
