// IBM code page 437 ("PC8"), the only character set SIE 4B allows (spec 5.8, #FORMAT). Node 20 has no
// TextDecoder for it, so the table is carried here. Bytes 0x00–0x7F are ASCII (control codes kept as such).

const HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' + 'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' + 'áíóúñÑªº¿⌐¬½¼¡«»' + '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' + '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' + 'αßΓπΣσµτΦΘΩδ∞φε∩' + '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** Byte → character (256 entries). */
export const CP437_TABLE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b < 0x80 ? String.fromCharCode(b) : (HIGH[b - 0x80] as string));

const ENCODE = new Map<string, number>(CP437_TABLE.map((ch, b) => [ch, b]));

const UNITS = Uint16Array.from(CP437_TABLE, (ch) => ch.charCodeAt(0)); // all of CP437 lies in the BMP
const UTF16 = new TextDecoder('utf-16le');

export function decodeCp437(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = UNITS[bytes[i] as number] as number;
  return UTF16.decode(units);
}

/** The CP437 byte of one character, or null when CP437 cannot represent it. */
export function cp437Byte(ch: string): number | null {
  return ENCODE.get(ch) ?? null;
}

/** Thrown by `encodeCp437` for a character outside CP437 — never silently replaced. */
export class Cp437EncodeError extends Error {
  readonly char: string;
  readonly index: number;
  constructor(char: string, index: number) {
    const cp = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    super(`Tecknet "${char}" (${cp}) finns inte i teckentabellen PC8/CP437 (IBM 437) / ` +
      `the character "${char}" (${cp}) cannot be represented in PC8/CP437 (IBM 437)`);
    this.name = 'Cp437EncodeError';
    this.char = char;
    this.index = index;
  }
}

/** Byte of each UTF-16 unit (-1: not in CP437); ASCII maps to itself. */
const BYTE_OF_UNIT = (() => {
  const t = new Int16Array(65536).fill(-1);
  CP437_TABLE.forEach((ch, b) => { t[ch.charCodeAt(0)] = b; });
  return t;
})();

/** The CP437 byte of the UTF-16 unit at `i` of `text`; throws for a character CP437 cannot represent. */
export function cp437ByteAt(text: string, i: number): number {
  const b = BYTE_OF_UNIT[text.charCodeAt(i)] as number;
  if (b < 0) throw new Cp437EncodeError(String.fromCodePoint(text.codePointAt(i) ?? 0), i);
  return b;
}

export function encodeCp437(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = cp437ByteAt(text, i);
  return out;
}
