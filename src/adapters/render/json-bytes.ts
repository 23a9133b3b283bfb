import { isoBytes, isoUtc } from './iso.js';

const SIZE = 1 << 20;

/** ASCII text as bytes, for the constant pieces of a serializer. */
export const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/**
 * JSON written as UTF-8 bytes into one reused buffer, handed to `drain`
 * whenever it fills and at `flush`. Every write makes room for itself first,
 * so no caller has to guess a size. A report of a million tickets is written
 * without a string per ticket: building and encoding strings costs more
 * than auditing the ticket.
 */
export class JsonBytes {
  private readonly buf = Buffer.allocUnsafe(SIZE);
  private used = 0;

  /** `drain` gets a view of the buffer, valid only until it returns. */
  constructor(private readonly drain: (bytes: Uint8Array) => void) {}

  /** Constant bytes. */
  raw(b: Uint8Array): void {
    const n = b.length;
    if (n > SIZE - this.used) {
      this.flush();
      if (n > SIZE) return this.drain(b);
    }
    this.buf.set(b, this.used);
    this.used += n;
  }

  /** Any text, as it is (already JSON). */
  text(s: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (s.length * 3 > SIZE - this.used) {
      this.flush();
      if (s.length * 3 > SIZE) return this.drain(Buffer.from(s, 'utf8'));
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** A JSON string: printable ASCII copied as it is, anything JSON escapes through JSON.stringify. */
  str(s: string): void {
    const n = s.length;
    if (n + 2 > SIZE - this.used) this.flush();
    if (n + 2 <= SIZE) {
      const buf = this.buf;
      let p = this.used;
      buf[p++] = 0x22;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
        buf[p++] = c;
      }
      if (i === n) {
        buf[p++] = 0x22;
        this.used = p;
        return;
      }
    }
    this.text(JSON.stringify(s));
  }

  /** A string or null. */
  strOrNull(s: string | null): void {
    if (s === null) this.raw(NULL);
    else this.str(s);
  }

  /** A number as JSON writes it. */
  num(n: number): void {
    if (Number.isInteger(n) && n >= 0 && n < 1e15) {
      if (24 > SIZE - this.used) this.flush();
      const buf = this.buf;
      let p = this.used;
      let scale = 1;
      while (scale * 10 <= n) scale *= 10;
      for (; scale >= 1; scale /= 10) {
        const digit = Math.floor(n / scale);
        buf[p++] = 0x30 + digit;
        n -= digit * scale;
      }
      this.used = p;
      return;
    }
    this.text(JSON.stringify(n));
  }

  /** A quoted ISO 8601 UTC timestamp, as isoUtc writes it (SPEC 5). */
  iso(ms: number): void {
    if (32 > SIZE - this.used) this.flush();
    const buf = this.buf;
    buf[this.used] = 0x22;
    const end = isoBytes(buf, this.used + 1, ms);
    if (end < 0) return this.text(`"${isoUtc(ms)}"`);
    buf[end] = 0x22;
    this.used = end + 1;
  }

  /** An instant or null. */
  isoOrNull(ms: number | null): void {
    if (ms === null || !Number.isFinite(ms)) this.raw(NULL);
    else this.iso(ms);
  }

  flush(): void {
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    this.drain(this.buf.subarray(0, n));
  }
}

export const NULL = ascii('null');
