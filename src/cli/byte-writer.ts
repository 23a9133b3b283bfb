import { writeSync } from 'node:fs';
import type { ByteSink } from '../adapters/render/ticket-json-bytes.js';

const SIZE = 1 << 20;
/** Short strings are joined up to this length before they are encoded: one call per few kilobytes, not per line. */
const JOIN = 16 * 1024;

/**
 * Text written to an open file through one reused byte buffer, at an offset
 * of its own (so that a worker thread can continue the file where this
 * writer stopped, and this writer after it).
 */
export class ByteWriter implements ByteSink {
  readonly buf = Buffer.allocUnsafe(SIZE);
  /** Bytes of `buf` in use. */
  used = 0;
  private pending = '';

  constructor(
    private fd: number,
    /** Where the next byte goes in the file. */
    public position = 0,
  ) {}

  write(s: string): void {
    this.pending += s;
    if (this.pending.length >= JOIN) this.encode();
  }

  room(n: number): void {
    this.encode();
    if (this.used + n > SIZE) this.drain();
  }

  /** Everything written so far, into the file. */
  flush(): void {
    this.encode();
    this.drain();
  }

  /** Writes on in another file (or elsewhere in this one), from `position`. */
  moveTo(fd: number, position: number): void {
    this.flush();
    this.fd = fd;
    this.position = position;
  }

  /** Bytes [from, to) of `b`, straight into the file (call flush first). */
  bytes(b: Uint8Array, from: number, to: number): void {
    writeAt(this.fd, b, from, to, this.position);
    this.position += to - from;
  }

  private drain(): void {
    this.bytes(this.buf, 0, this.used);
    this.used = 0;
  }

  private encode(): void {
    if (this.pending === '') return;
    const s = this.pending;
    this.pending = '';
    // A UTF-16 unit is at most 3 bytes in UTF-8.
    if (this.used + s.length * 3 > SIZE) {
      this.drain();
      if (s.length * 3 > SIZE) {
        const b = Buffer.from(s);
        this.bytes(b, 0, b.length);
        return;
      }
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }
}

/** Bytes [from, to) of `b` into the file at `position`, however many writes it takes. */
export function writeAt(fd: number, b: Uint8Array, from: number, to: number, position: number): void {
  for (let at = from; at < to; ) at += writeSync(fd, b, at, to - at, position + (at - from));
}
