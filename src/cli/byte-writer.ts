import { writeSync } from 'node:fs';

const SIZE = 1 << 20;

/**
 * Text written to an open file through one reused byte buffer: each string
 * is encoded straight into it, which spares building (and encoding) a
 * megabyte-long string per write.
 */
export class ByteWriter {
  private readonly buf = Buffer.allocUnsafe(SIZE);
  private used = 0;

  constructor(private readonly fd: number) {}

  write(s: string): void {
    // A UTF-16 unit is at most 3 bytes in UTF-8.
    if (this.used + s.length * 3 > SIZE) {
      this.flush();
      if (s.length * 3 > SIZE) {
        writeSync(this.fd, s);
        return;
      }
    }
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  flush(): void {
    for (let at = 0; at < this.used; ) at += writeSync(this.fd, this.buf, at, this.used - at);
    this.used = 0;
  }
}
