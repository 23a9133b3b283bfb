/**
 * The contract's list of who speaks for the vendor: user ids, user names,
 * e-mail addresses, or whole domains ("@vendor.example"). An author who is
 * none of them is the customer.
 */
export class VendorAgents {
  private readonly exact = new Set<string>();
  private readonly domains: string[] = [];

  constructor(readonly entries: readonly string[]) {
    for (const e of entries) {
      const v = e.trim().toLowerCase();
      if (v === '') continue;
      // "@vendor.example" and "*@vendor.example" are a whole domain.
      if (/^\*?@/.test(v)) this.domains.push(v.replace(/^\*/, ''));
      else this.exact.add(v);
    }
  }

  get size(): number {
    return this.exact.size + this.domains.length;
  }

  /**
   * Whether an author is the vendor's. An author exported as an object
   * (Jira's {accountId, emailAddress, name}) is the vendor's when any of its
   * values is.
   */
  matches(author: unknown): boolean {
    for (const v of authorValues(author)) {
      const s = v.toLowerCase();
      if (this.exact.has(s)) return true;
      if (this.domains.some((d) => s.endsWith(d))) return true;
    }
    return false;
  }
}

function authorValues(author: unknown): string[] {
  if (typeof author === 'string') return author.trim() === '' ? [] : [author.trim()];
  if (typeof author === 'number') return [String(author)];
  if (author !== null && typeof author === 'object' && !Array.isArray(author)) {
    return Object.values(author).flatMap((v) =>
      typeof v === 'string' || typeof v === 'number' ? authorValues(v) : [],
    );
  }
  return [];
}
