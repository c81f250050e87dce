// CRC-32 as SIE 4B section 10 prescribes: polynomial EDB88320h, preset FFFFFFFFh, final inversion —
// i.e. the standard (zlib/PKZIP) CRC-32.
import { cp437ByteAt } from './cp437.ts';

const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let j = 0; j < 8; j++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** Incremental CRC-32: `update` any number of times, then `digest` (unsigned 32-bit). */
export class Crc32 {
  private crc = 0xffffffff;
  update(bytes: Uint8Array): this {
    let c = this.crc;
    for (let i = 0; i < bytes.length; i++) c = (c >>> 8) ^ (TABLE[(c ^ (bytes[i] as number)) & 0xff] as number);
    this.crc = c >>> 0;
    return this;
  }
  /** Updates with the CP437 bytes of `text` without allocating (throws for a character outside CP437). */
  updateText(text: string): this {
    let c = this.crc;
    for (let i = 0; i < text.length; i++) c = (c >>> 8) ^ (TABLE[(c ^ cp437ByteAt(text, i)) & 0xff] as number);
    this.crc = c >>> 0;
    return this;
  }

  digest(): number {
    return (this.crc ^ 0xffffffff) >>> 0;
  }
}

export function crc32(bytes: Uint8Array): number {
  return new Crc32().update(bytes).digest();
}
