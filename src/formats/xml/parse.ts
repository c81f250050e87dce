// A small, strict, namespace-aware XML reader for hostile input, building the generic element tree.
//
// Safety: no DTD is ever read (any <!DOCTYPE> is rejected), only the five predefined entities and character
// references are expanded (so no entity bombs), the input size and the element nesting depth are capped, and
// every failure is returned as an `XmlError` (never thrown). Work and memory are linear in the input size.
//
// Encoding: bytes must be UTF-8 (with or without BOM). A declaration naming another encoding (ISO-8859-1,
// windows-1252, UTF-16 …), a UTF-16/UTF-32 byte order mark or invalid UTF-8 bytes are rejected with
// AVROP-XML-003: Peppol BIS requires UTF-8, so guessing would only hide a sender's error. A string input is
// taken as already decoded text (its declaration's encoding is not looked at).
//
// Speed (~0.1 ms for a 10 KB invoice): per-character JavaScript loops are the expensive part, so the reader
// leans on native searches (indexOf, Buffer byte searches, string comparison) and on the repetitiveness of
// documents: names are interned once and shared across documents, the next element's name is predicted from
// the last time, and a prefix's namespace is resolved once while no binding changes. UTF-8 bytes are read through
// a Latin-1 copy (see `latin1View`) rather than decoded whole, and the element index the validator's rules use
// can be collected on the way (option `index`).
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import type { ElementIndex, ElementsByLocal, XmlElement } from './types.ts';

export type XmlErrorCode =
  | 'AVROP-XML-001' // too large
  | 'AVROP-XML-002' // not well-formed / not XML
  | 'AVROP-XML-003' // encoding
  | 'AVROP-XML-004' // DOCTYPE / DTD / entity declarations
  | 'AVROP-XML-005' // nesting too deep
  | 'AVROP-XML-006'; // too many elements

export type XmlError = {
  rule: XmlErrorCode;
  sv: string;
  en: string;
  /** Character offset (or byte offset for encoding errors) where the problem was found. */
  offset: number;
};

export type ParseOptions = {
  /** Maximum input size in bytes (UTF-16 code units for string input). Default 20 MB. */
  maxBytes?: number;
  /** Maximum element nesting depth. Default 200. */
  maxDepth?: number;
  /** Maximum number of elements. Default 500,000. */
  maxElements?: number;
  /** Canonical prefix per namespace URI for locations ('' = no prefix). Unknown namespaces are written `*:local`. */
  prefixes?: Record<string, string>;
  /** Also group the elements as rule sets look them up (`index` in the result; undefined without this option). */
  index?: boolean;
};

export type ParseResult = { ok: true; root: XmlElement; text: string; index: ElementIndex | undefined } | { ok: false; error: XmlError };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 200;
export const DEFAULT_MAX_ELEMENTS = 500_000;
/** Namespace declarations in scope at once (keeps prefix lookup cheap on hostile input). */
const MAX_BINDINGS = 1000;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function err(rule: XmlErrorCode, offset: number, sv: string, en: string): { ok: false; error: XmlError } {
  return { ok: false, error: { rule, sv, en, offset } };
}

function notWellFormed(offset: number, sv: string, en: string): { ok: false; error: XmlError } {
  return err('AVROP-XML-002', offset, `Dokumentet är inte giltig XML: ${sv}.`, `The document is not well-formed XML: ${en}.`);
}

/** Decodes bytes to text, enforcing UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): { ok: true; text: string } | { ok: false; error: XmlError } {
  const c = checkXmlBytes(bytes, maxBytes);
  return c.ok ? { ok: true, text: decodeChecked(c) } : c;
}

/** Bytes that passed `checkXmlBytes`: valid UTF-8, `start` = after the BOM, if any. */
type CheckedBytes = { ok: true; buf: Buffer; start: number; ascii: boolean };

/** The text of checked bytes. */
function decodeChecked(c: CheckedBytes): string {
  // ASCII (a third of real documents) becomes a one-byte string by a plain copy, ~10x faster than UTF-8 decoding.
  return c.ascii ? c.buf.toString('latin1') : decodeMostlyAscii(c.buf, c.start);
}

/** The size and encoding checks of byte input (AVROP-XML-001, AVROP-XML-003). */
function checkXmlBytes(bytes: Uint8Array, maxBytes: number): CheckedBytes | { ok: false; error: XmlError } {
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00) || (b0 === 0x00 && b1 === 0x3c) || (b0 === 0 && b1 === 0)) {
    return err('AVROP-XML-003', 0, 'Dokumentet är kodat i UTF-16 eller UTF-32; Peppol kräver UTF-8.', 'The document is encoded in UTF-16 or UTF-32; Peppol requires UTF-8.');
  }
  // Look at the XML declaration's encoding pseudo-attribute (ASCII-compatible prefix).
  let start = 0;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) start = 3;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[start] === 0x3c && bytes[start + 1] === 0x3f) {
    // the declaration up to its '>' (at most 512 bytes), byte for byte
    const limit = Math.min(bytes.length, start + 512);
    const gt = bytes.indexOf(0x3e, start);
    const head = buf.toString('latin1', start, gt >= 0 && gt < limit ? gt + 1 : limit);
    const m = /^<\?xml\s[^>]*?encoding\s*=\s*(["'])([^"']*)\1/.exec(head);
    if (m) {
      const enc = m[2]!.toLowerCase();
      if (enc !== 'utf-8' && enc !== 'utf8') {
        return err('AVROP-XML-003', 0,
          `Dokumentet anger teckenkodningen "${m[2]!}"; Peppol kräver UTF-8. Be avsändaren skicka om fakturan i UTF-8.`,
          `The document declares the encoding "${m[2]!}"; Peppol requires UTF-8. Ask the sender to resend the invoice in UTF-8.`);
      }
    }
  }
  // Other than ASCII, the bytes must be valid UTF-8 (isUtf8 applies the same rules as a fatal TextDecoder: no
  // overlongs, surrogates or code points above U+10FFFF).
  if (isAscii(bytes)) return { ok: true, buf, start, ascii: true };
  if (isUtf8(bytes)) return { ok: true, buf, start, ascii: false };
  {
    let i = 0;
    // find roughly where: the first byte >= 0x80 that breaks a simple UTF-8 scan
    for (; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (c < 0x80) continue;
      const n = c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
      if (n < 0 || c >= 0xf5) break;
      let okSeq = true;
      for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) okSeq = false;
      if (!okSeq) break;
      i += n;
    }
    return err('AVROP-XML-003', i, `Dokumentet innehåller bytes som inte är giltig UTF-8 (byte ${i}); Peppol kräver UTF-8.`, `The document contains bytes that are not valid UTF-8 (byte ${i}); Peppol requires UTF-8.`);
  }
}

/**
 * Decodes valid UTF-8 bytes that are mostly ASCII. After the first non-ASCII byte V8's UTF-8 decoder goes byte by
 * byte (~3.5 ns/byte, the largest single cost of reading a Swedish invoice), while invoices hold only a few dozen
 * non-ASCII characters: Latin-1 letters (å, ä, ö, é: lead bytes C2/C3) and punctuation such as € – ’ (lead byte
 * E2). Those are found with byte searches and decoded one by one; the ASCII runs between them are plain copies.
 * A run holding any other non-ASCII byte (another script) makes it decode the whole text the ordinary way.
 */
function decodeMostlyAscii(buf: Buffer, start: number): string {
  const len = buf.length;
  let c2 = buf.indexOf(0xc2, start);
  let c3 = buf.indexOf(0xc3, start);
  let e2 = buf.indexOf(0xe2, start);
  // (pieces joined at the end: one flat string, where `+=` would leave a rope that every later access unwraps)
  const out: string[] = [];
  let from = start;
  for (;;) {
    let at = c3;
    if (c2 >= 0 && (at < 0 || c2 < at)) at = c2;
    if (e2 >= 0 && (at < 0 || e2 < at)) at = e2;
    const to = at < 0 ? len : at;
    if (to > from) {
      if (!isAscii(buf.subarray(from, to))) return buf.toString('utf8', start);
      out.push(buf.toString('latin1', from, to));
    }
    if (at < 0) return out.join('');
    // (the bytes are valid UTF-8, so the continuation bytes are there)
    const b0 = buf[at]!;
    if (b0 === 0xe2) {
      out.push(String.fromCharCode(((b0 & 0x0f) << 12) | ((buf[at + 1]! & 0x3f) << 6) | (buf[at + 2]! & 0x3f)));
      from = at + 3;
      e2 = buf.indexOf(0xe2, from);
    } else {
      out.push(String.fromCharCode(((b0 & 0x1f) << 6) | (buf[at + 1]! & 0x3f)));
      from = at + 2;
      if (b0 === 0xc2) c2 = buf.indexOf(0xc2, from);
      else c3 = buf.indexOf(0xc3, from);
    }
  }
}

/** The end of the list of non-ASCII positions (beyond any input: documents are capped far below). */
const NO_MORE = 0x7fffffff;
/** The list of non-ASCII positions of text that has none (already decoded text, or ASCII). */
const NO_HIGHS: readonly number[] = [NO_MORE];
const byNumber = (a: number, b: number): number => a - b;

/**
 * Non-ASCII UTF-8 bytes read as Latin-1, a plain copy (~1 µs for 10 KB, where decoding costs ~10 µs): every byte
 * one character, so the markup is read as usual and only the few pieces of text and attribute values that hold a
 * non-ASCII sequence are decoded (see `utf8Slice`). `highs` lists where those sequences begin, ending in NO_MORE.
 * Only for the sequences invoices hold (lead bytes C2/C3: Latin-1 letters such as å ä ö é; E2: € – ’ and the
 * like), which byte searches find: undefined when there are others (counted by the UTF-8 length of the copy,
 * which counts each byte >= 0x80 twice).
 */
function latin1View(c: CheckedBytes): { text: string; highs: readonly number[] } | undefined {
  const text = c.buf.toString('latin1', c.start);
  const highs: number[] = [];
  let bytes = 0;
  for (let i = text.indexOf('\xc3'); i >= 0; i = text.indexOf('\xc3', i + 2)) { highs.push(i); bytes += 2; }
  for (let i = text.indexOf('\xc2'); i >= 0; i = text.indexOf('\xc2', i + 2)) { highs.push(i); bytes += 2; }
  for (let i = text.indexOf('\xe2'); i >= 0; i = text.indexOf('\xe2', i + 3)) { highs.push(i); bytes += 3; }
  if (bytes !== Buffer.byteLength(text, 'utf8') - text.length) return undefined;
  highs.sort(byNumber);
  highs.push(NO_MORE);
  return { text, highs };
}

/** Text `text[a, b)` of a Latin-1 view decoded as UTF-8; its non-ASCII sequences begin at highs[k], highs[k + 1] … (< b). */
function utf8Slice(text: string, a: number, b: number, highs: readonly number[], k: number): string {
  let out = '';
  let from = a;
  for (let at = highs[k]!; at < b; at = highs[++k]!) {
    const c = text.charCodeAt(at);
    out += text.slice(from, at);
    if (c === 0xe2) {
      out += String.fromCharCode(((c & 0x0f) << 12) | ((text.charCodeAt(at + 1) & 0x3f) << 6) | (text.charCodeAt(at + 2) & 0x3f));
      from = at + 3;
    } else {
      out += String.fromCharCode(((c & 0x1f) << 6) | (text.charCodeAt(at + 1) & 0x3f));
      from = at + 2;
    }
  }
  return out + text.slice(from, b);
}

/** The AVROP-XML-001 error for an input of `size` bytes (also used by callers that check a file's size before reading it). */
export function tooLarge(size: number, max: number): { ok: false; error: XmlError } {
  return err('AVROP-XML-001', 0, `Dokumentet är för stort (${size} byte, högst ${max} tillåts).`, `The document is too large (${size} bytes, at most ${max} allowed).`);
}

// Characters not allowed in XML 1.0 documents.
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

// The same characters as UTF-8 bytes: C0 controls but tab, LF, CR (one byte each), and U+FFFE/U+FFFF (EF BF BE/BF).
const BAD_BYTES: number[] = [];
for (let b = 0; b < 0x20; b++) if (b !== 0x09 && b !== 0x0a && b !== 0x0d) BAD_BYTES.push(b);
const NONCHAR_FFFE = Buffer.from([0xef, 0xbf, 0xbe]);
const NONCHAR_FFFF = Buffer.from([0xef, 0xbf, 0xbf]);

/** Whether valid UTF-8 bytes may hold a character that BAD_CHARS rejects (byte searches are ~3x faster than the regex over the text). */
function mayHaveBadChars(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < BAD_BYTES.length; i++) if (buf.indexOf(BAD_BYTES[i]!) >= 0) return true;
  return buf.indexOf(0xef) >= 0 && (buf.indexOf(NONCHAR_FFFE) >= 0 || buf.indexOf(NONCHAR_FFFF) >= 0);
}

/** The default prefix table, one object so that its reader context (see `contextOf`) is made once. */
const NO_PREFIXES: Record<string, string> = {};

/** Parses bytes or text into the element tree. Never throws. */
export function parseXml(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const prefixes = options.prefixes ?? NO_PREFIXES;
  const indexing = options.index === true;
  let text: string;
  let checkChars = true;
  if (typeof input === 'string') {
    if (input.length > maxBytes) return tooLarge(input.length, maxBytes);
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const c = checkXmlBytes(input, maxBytes);
    if (!c.ok) return c;
    // clean bytes make clean text; otherwise the regex over the text finds the character and its offset
    checkChars = mayHaveBadChars(input);
    if (!c.ascii && !checkChars) {
      const view = latin1View(c);
      if (view !== undefined) {
        try {
          const r = parseText(view.text, false, maxDepth, maxElements, prefixes, indexing, view.highs);
          if (r !== null && r.ok) return new ReadFromBytes(r.root, r.index, c);
        } catch {
          // (read again below, which reports the error)
        }
        // An error, or something the view does not handle (a non-ASCII name, mixed content): read again from the
        // decoded text, which also gives the error's offset, line and column in characters.
      }
    }
    text = decodeChecked(c);
  }
  try {
    const r = parseText(text, checkChars, maxDepth, maxElements, prefixes, indexing, NO_HIGHS)!;
    if (!r.ok && r.error.rule !== 'AVROP-XML-001') {
      // say where, as a person counts: line and column
      const line = lineOf(text, r.error.offset);
      const col = r.error.offset - (text.lastIndexOf('\n', r.error.offset - 1) + 1) + 1;
      r.error.sv = `${r.error.sv.replace(/\.$/, '')} (rad ${line}, kolumn ${col}).`;
      r.error.en = `${r.error.en.replace(/\.$/, '')} (line ${line}, column ${col}).`;
    }
    return r;
  } catch (e) {
    // Defensive: the tokenizer is written not to throw; a RangeError (e.g. out of memory) still must not escape.
    return notWellFormed(0, `oväntat fel i läsaren (${(e as Error).message})`, `unexpected reader error (${(e as Error).message})`);
  }
}

/** The result of reading a Latin-1 view: its `text` (rarely used) is decoded on first use. */
class ReadFromBytes {
  readonly ok = true;
  readonly root: XmlElement;
  readonly index: ElementIndex | undefined;
  #bytes: CheckedBytes | undefined;
  #text = '';
  constructor(root: XmlElement, index: ElementIndex | undefined, bytes: CheckedBytes) {
    this.root = root;
    this.index = index;
    this.#bytes = bytes;
  }
  get text(): string {
    if (this.#bytes !== undefined) {
      this.#text = decodeChecked(this.#bytes);
      this.#bytes = undefined;
    }
    return this.#text;
  }
}

// Shared empties: most elements have no attributes, leaves have no children. Not frozen: a frozen array or object
// has its own elements kind / map in V8, so every loop over children (and every attribute lookup) in the readers
// and rules would have to handle two kinds. XmlElement's `children` and `attributes` are read-only types instead,
// and only this reader appends (after replacing the shared empty with a fresh array or object).
const EMPTY_ATTRS: Record<string, string> = {};
const EMPTY_CHILDREN: XmlElement[] = [];

// After BAD_CHARS has rejected other control characters, every code unit <= 0x20 is XML whitespace.
const WS = (c: number): boolean => c <= 0x20;

/** Namespace bindings change counter, never reset: a QName's cached namespace is valid while it matches. */
let nsEpoch = 0;

function decodeEntities(s: string, offset: number): string | { bad: string; at: number } {
  let out = '';
  let last = 0;
  let i = s.indexOf('&');
  while (i >= 0) {
    const semi = s.indexOf(';', i + 1);
    if (semi < 0 || semi - i > 12) return { bad: s.slice(i, i + 12), at: offset + i };
    const name = s.slice(i + 1, semi);
    let rep: string;
    switch (name) {
      case 'lt': rep = '<'; break;
      case 'gt': rep = '>'; break;
      case 'amp': rep = '&'; break;
      case 'quot': rep = '"'; break;
      case 'apos': rep = "'"; break;
      default: {
        let cp = NaN;
        if (name.charCodeAt(0) === 0x23 /* # */) {
          cp = name.charCodeAt(1) === 0x78 /* x */ ? (/^x[0-9a-fA-F]+$/.test(name.slice(1)) ? parseInt(name.slice(2), 16) : NaN)
            : (/^[0-9]+$/.test(name.slice(1)) ? parseInt(name.slice(1), 10) : NaN);
        }
        const valid = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
        if (!valid) return { bad: `&${name};`, at: offset + i };
        rep = String.fromCodePoint(cp);
      }
    }
    out += s.slice(last, i) + rep;
    last = semi + 1;
    i = s.indexOf('&', last);
  }
  return out + s.slice(last);
}

/**
 * Reads the text into the element tree. `text` may be a Latin-1 view of UTF-8 bytes (see `latin1View`; `highs`:
 * where its non-ASCII sequences begin): then text and attribute values holding one are decoded, and offsets are
 * counted in characters of the decoded text; null when such a sequence is found where the view is not handled
 * (a name; mixed content), for a read of the decoded text instead. Decoded text comes with NO_HIGHS.
 */
function parseText(text: string, checkChars: boolean, maxDepth: number, maxElements: number, prefixes: Record<string, string>, indexing: boolean, highs: readonly number[]): ParseResult | null {
  let elementCount = 0;
  if (checkChars) {
    const bad = BAD_CHARS.exec(text);
    if (bad) return notWellFormed(bad.index, `otillåtet tecken U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`, `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed`);
  }
  const len = text.length;
  let pos = 0;
  while (pos < len && WS(text.charCodeAt(pos))) pos++;
  if (pos >= len) return notWellFormed(pos, 'dokumentet är tomt', 'the document is empty');
  if (text.charCodeAt(pos) !== 0x3c) return notWellFormed(pos, 'dokumentet börjar inte med "<" (är det XML?)', 'the document does not start with "<" (is it XML?)');

  // Namespace bindings in scope (prefix and URI side by side); `marks[d]` = bindings length when depth d was entered.
  const bPrefix: string[] = ['xml'];
  const bUri: string[] = [XML_NS];
  let epoch = ++nsEpoch;
  const stack: XmlNode[] = [];
  const marks: number[] = [];
  const qstack: QName[] = []; // names of the open elements
  // Attributes of the start tag being read (name, value), reused: attribute errors are only reported after the
  // element's own checks, as before.
  const attrNames: QName[] = [];
  const attrValues: string[] = [];
  let lastEnded: QName | null = null; // name of the element just closed (null right after a start tag)
  let cur: XmlNode | null = null; // the innermost open element (top of `stack`)
  let root: XmlNode | null = null;
  let rootClosed = false;
  const ctx = contextOf(prefixes);
  const knownUris = ctx.knownUris;
  // The element index (see `LocalSlot`): slots in order of first use, blank leaves, elements with a schemeID.
  const parseId = indexing ? ++indexEpoch : 0;
  const touched = touchedSlots;
  if (indexing) releaseSlots();
  const emptyLeaves: XmlElement[] = [];
  const withScheme: XmlElement[] = [];

  // The next non-ASCII sequence of a Latin-1 view, its index in `highs`, and how many more bytes than decoded
  // characters the sequences before it have (offsets are counted in characters). The sequences are passed lazily,
  // when a later check needs it.
  let nextHigh = highs[0]!;
  let hi = 0;
  let shift = 0;

  // The first '&' at or after `pos` (-1: none left): most documents have none, so text needs no search of its own.
  let nextAmp = text.indexOf('&');

  while (pos < len) {
    // Character data up to the next '<' (or the end). Mostly it is the indentation between tags: skipped by hand
    // (short, and then known to be blank); only other text needs the search for '<'.
    let end = pos;
    while (end < len && WS(text.charCodeAt(end))) end++;
    let blank = true;
    if (end < len && text.charCodeAt(end) !== 0x3c) {
      blank = false;
      const lt = text.indexOf('<', end);
      end = lt < 0 ? len : lt;
    }
    if (end > pos) {
      if (cur === null) {
        if (!blank) return notWellFormed(pos, 'text utanför rotelementet', 'text outside the root element');
      } else if (!blank || (cur.children === EMPTY_CHILDREN && (cur.text !== '' || !isStartTag(text.charCodeAt(end + 1))))) {
        // Whitespace between child elements is dropped, and so is (for now) a blank run just before the first
        // child: an aggregate's text ends up '' unless it holds other text, and only then is that run put back.
        if (cur.text === '' && cur.children !== EMPTY_CHILDREN) {
          if (highs !== NO_HIGHS) return null; // (blankBefore needs offsets that are positions in `text`)
          cur.text = blankBefore(text, cur.children[0]!.offset);
        }
        let raw: string;
        if (nextHigh < end) {
          while (nextHigh < pos) { shift += text.charCodeAt(nextHigh) === 0xe2 ? 2 : 1; nextHigh = highs[++hi]!; }
          raw = nextHigh < end ? utf8Slice(text, pos, end, highs, hi) : text.slice(pos, end);
        } else {
          raw = text.slice(pos, end);
        }
        if (nextAmp >= 0 && nextAmp < pos) nextAmp = text.indexOf('&', pos);
        const dec = nextAmp < 0 || nextAmp >= end ? raw : decodeEntities(raw, pos);
        if (typeof dec !== 'string') return notWellFormed(dec.at, `okänd eller felaktig entitetsreferens "${dec.bad}"`, `unknown or malformed entity reference "${dec.bad}"`);
        cur.text = cur.text === '' ? dec : cur.text + dec;
      }
    }
    if (end === len) break;
    pos = end;
    const c1 = text.charCodeAt(pos + 1);
    if (c1 === 0x2f /* / */) {
      // End tag: it must name the innermost open element.
      const el = stack.pop();
      let close = -1;
      if (el !== undefined && text.indexOf(el.name, pos + 2) === pos + 2) { // (a search that fails ends the parse: at most one)
        close = pos + 2 + el.name.length;
        if (text.charCodeAt(close) !== 0x3e) {
          while (close < len && WS(text.charCodeAt(close))) close++;
          if (text.charCodeAt(close) !== 0x3e) close = -1;
        }
      }
      if (close < 0 || el === undefined) {
        const gt = text.indexOf('>', pos + 2);
        const name = text.slice(pos + 2, gt < 0 ? Math.min(len, pos + 40) : gt).trim();
        return notWellFormed(pos, `sluttaggen </${name}> matchar inte ${el ? `<${el.name}>` : 'något öppet element'}`, `end tag </${name}> does not match ${el ? `<${el.name}>` : 'any open element'}`);
      }
      const mk = marks.pop()!;
      lastEnded = qstack.pop()!;
      if (bPrefix.length > mk) { bPrefix.length = mk; bUri.length = mk; epoch = ++nsEpoch; }
      if (el.children !== EMPTY_CHILDREN) {
        if (el.text !== '' && isBlank(el.text)) el.text = '';
      } else if (indexing && isBlank(el.text)) {
        emptyLeaves.push(el); // (a leaf ends before the next element starts: end-tag order is document order)
      }
      cur = stack.length === 0 ? null : stack[stack.length - 1]!;
      if (cur === null) rootClosed = true;
      pos = close + 1;
      continue;
    }
    if (c1 === 0x3f /* ? */) {
      const close = text.indexOf('?>', pos + 2);
      if (close < 0) return notWellFormed(pos, 'processinstruktionen avslutas inte', 'unterminated processing instruction');
      const target = /^[^\s?]*/.exec(text.slice(pos + 2, Math.min(close, pos + 40)))![0];
      if (target.toLowerCase() === 'xml' && (pos !== 0 || target !== 'xml')) return notWellFormed(pos, 'XML-deklarationen får bara stå först i dokumentet', 'the XML declaration is only allowed at the very start');
      pos = close + 2;
      continue;
    }
    if (c1 === 0x21 /* ! */) {
      if (text.startsWith('<!--', pos)) {
        const close = text.indexOf('-->', pos + 4);
        if (close < 0) return notWellFormed(pos, 'kommentaren avslutas inte', 'unterminated comment');
        pos = close + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', pos)) {
        if (cur === null) return notWellFormed(pos, 'CDATA utanför rotelementet', 'CDATA outside the root element');
        const close = text.indexOf(']]>', pos + 9);
        if (close < 0) return notWellFormed(pos, 'CDATA-avsnittet avslutas inte', 'unterminated CDATA section');
        if (cur.text === '' && cur.children !== EMPTY_CHILDREN) {
          if (highs !== NO_HIGHS) return null;
          cur.text = blankBefore(text, cur.children[0]!.offset);
        }
        if (nextHigh < close) {
          while (nextHigh < pos) { shift += text.charCodeAt(nextHigh) === 0xe2 ? 2 : 1; nextHigh = highs[++hi]!; }
          cur.text += nextHigh < close ? utf8Slice(text, pos + 9, close, highs, hi) : text.slice(pos + 9, close);
        } else {
          cur.text += text.slice(pos + 9, close);
        }
        pos = close + 3;
        continue;
      }
      if (text.startsWith('<!DOCTYPE', pos) || text.startsWith('<!ENTITY', pos) || text.startsWith('<!ELEMENT', pos) || text.startsWith('<!ATTLIST', pos)) {
        return { ok: false, error: { rule: 'AVROP-XML-004', offset: pos,
          sv: 'Dokumentet innehåller en DOCTYPE/DTD. Sådana läses aldrig (skydd mot entitetsbomber och externa entiteter); en Peppol-faktura får inte ha någon.',
          en: 'The document contains a DOCTYPE/DTD. These are never read (protection against entity bombs and external entities); a Peppol invoice must not have one.' } };
      }
      return notWellFormed(pos, 'okänd markering efter "<!"', 'unknown markup after "<!"');
    }
    // Start tag.
    if (rootClosed) return notWellFormed(pos, 'mer än ett rotelement', 'more than one root element');
    let p = pos + 1;
    while (nextHigh < pos) { shift += text.charCodeAt(nextHigh) === 0xe2 ? 2 : 1; nextHigh = highs[++hi]!; }
    const offset = pos - shift;
    const parentQ = qstack.length === 0 ? null : qstack[qstack.length - 1]!;
    // Documents repeat their structure: try the name that followed last time (after the previous sibling, or
    // as the parent's first child). A known valid name followed by '>', '/' or whitespace is exactly what the
    // character loop below would have read.
    let qn = lastEnded !== null ? lastEnded.next : parentQ !== null ? parentQ.first : undefined;
    if (qn !== undefined) {
      const n = qn.name.length;
      const d = text.charCodeAt(p + n);
      if ((d === 0x3e || d === 0x2f || WS(d)) && text.slice(p, p + n) === qn.name) p += n;
      else qn = undefined;
    }
    if (qn === undefined) {
      const nameStart = p;
      let colon = -1;
      let hash = 0;
      for (; p < len; p++) {
        const c = text.charCodeAt(p);
        if (c > 0x3e) { hash = (Math.imul(hash, 31) + c) | 0; continue; } // letters, '_' and most of the name characters
        if (c === 0x3e || c === 0x2f || WS(c)) break;
        if (c === 0x3a && colon < 0) colon = p - nameStart;
        if (c === 0x3c || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x26) return notWellFormed(p, 'felaktigt elementnamn', 'malformed element name');
        hash = (Math.imul(hash, 31) + c) | 0;
      }
      if (p === nameStart || !isNameStart(text.charCodeAt(nameStart))) return notWellFormed(pos, 'felaktigt elementnamn', 'malformed element name');
      qn = internName(text, nameStart, p, colon, hash);
      if (p - nameStart <= MAX_CACHED_NAME) { // (a longer name is a slice of this document: not kept)
        if (lastEnded !== null) lastEnded.next = qn;
        else if (parentQ !== null) parentQ.first = qn;
      }
    }
    if (nextHigh < p) return null; // a non-ASCII name in a Latin-1 view
    const name = qn.name;
    const mark = bPrefix.length;
    let nAttrs = 0;
    let selfClose = false;
    let prevQ = qn; // (the element's name, then the attribute just read: see `QName.attr`)
    for (;;) {
      let c = text.charCodeAt(p);
      if (c === 0x3e) { p++; break; }
      while (p < len && WS(c)) c = text.charCodeAt(++p);
      if (p >= len) return notWellFormed(pos, `starttaggen <${name}> avslutas inte`, `unterminated start tag <${name}>`);
      if (c === 0x3e) { p++; break; }
      if (c === 0x2f) {
        if (text.charCodeAt(p + 1) !== 0x3e) return notWellFormed(p, `felaktig starttagg <${name}>`, `malformed start tag <${name}>`);
        selfClose = true; p += 2; break;
      }
      if (p > 0 && !WS(text.charCodeAt(p - 1))) return notWellFormed(p, 'blanksteg saknas mellan attribut', 'missing whitespace between attributes');
      const an = p;
      // As for element names: try the attribute name that came here last time (the element's first attribute, or
      // the one after the previous attribute), else read and intern it.
      let aq = prevQ.attr;
      if (aq !== undefined) {
        const n = aq.name.length;
        const d = text.charCodeAt(p + n);
        if ((d === 0x3d || WS(d)) && text.slice(p, p + n) === aq.name) p += n;
        else aq = undefined;
      }
      if (aq === undefined) {
        let ahash = 0;
        let acolon = -1;
        for (; p < len; p++) {
          const d = text.charCodeAt(p);
          if (d === 0x3d || WS(d) || d === 0x3e || d === 0x2f || d === 0x3c || d === 0x22 || d === 0x27) break;
          if (d === 0x3a && acolon < 0) acolon = p - an;
          ahash = (Math.imul(ahash, 31) + d) | 0;
        }
        if (p === an || !isNameStart(text.charCodeAt(an))) return notWellFormed(an, `felaktigt attribut i <${name}>`, `malformed attribute in <${name}>`);
        aq = internName(text, an, p, acolon, ahash);
        if (p - an <= MAX_CACHED_NAME) prevQ.attr = aq;
      }
      prevQ = aq;
      if (nextHigh < p) {
        while (nextHigh < an) { shift += text.charCodeAt(nextHigh) === 0xe2 ? 2 : 1; nextHigh = highs[++hi]!; }
        if (nextHigh < p) return null;
      }
      const aname = aq.name;
      while (p < len && WS(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 0x3d) return notWellFormed(p, `attributet ${aname} saknar "="`, `attribute ${aname} lacks "="`);
      p++;
      while (p < len && WS(text.charCodeAt(p))) p++;
      const q = text.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) return notWellFormed(p, `attributvärdet för ${aname} saknar citattecken`, `attribute value of ${aname} is not quoted`);
      // One pass over the value: its end, and whether it holds '<', '&' or tab/LF/CR (normalised to spaces).
      let vend = p + 1;
      let flags = 0;
      for (; vend < len; vend++) {
        const d = text.charCodeAt(vend);
        if (d > 0x3c) continue;
        if (d === q) break;
        if (d === 0x3c) flags |= 1;
        else if (d === 0x26) flags |= 2;
        else if (d === 0x09 || d === 0x0a || d === 0x0d) flags |= 4;
      }
      if (vend >= len) return notWellFormed(p, `attributvärdet för ${aname} avslutas inte`, `unterminated attribute value of ${aname}`);
      if ((flags & 1) !== 0) return notWellFormed(p, `"<" i attributvärdet för ${aname}`, `"<" in the attribute value of ${aname}`);
      let value: string;
      if (nextHigh < vend) {
        while (nextHigh <= p) { shift += text.charCodeAt(nextHigh) === 0xe2 ? 2 : 1; nextHigh = highs[++hi]!; }
        value = nextHigh < vend ? utf8Slice(text, p + 1, vend, highs, hi) : text.slice(p + 1, vend);
      } else {
        value = text.slice(p + 1, vend);
      }
      if ((flags & 2) !== 0) {
        const dec = decodeEntities(value, p + 1);
        if (typeof dec !== 'string') return notWellFormed(dec.at, `okänd eller felaktig entitetsreferens "${dec.bad}"`, `unknown or malformed entity reference "${dec.bad}"`);
        value = dec;
        if (/[\t\n\r]/.test(value)) value = value.replace(/[\t\n\r]/g, ' ');
      } else if ((flags & 4) !== 0) {
        value = value.replace(/[\t\n\r]/g, ' ');
      }
      p = vend + 1;
      if (aq.prefix === 'xmlns') {
        const pf = aq.local;
        if (value === '') return notWellFormed(an, `namnrymdsprefixet ${pf} får inte bindas till en tom URI`, `namespace prefix ${pf} must not be bound to an empty URI`);
        bPrefix.push(pf);
        bUri.push(knownUris.get(value) ?? value);
      } else if (aname === 'xmlns') {
        bPrefix.push('');
        bUri.push(knownUris.get(value) ?? value);
      } else {
        attrNames[nAttrs] = aq;
        attrValues[nAttrs] = value;
        nAttrs++;
      }
    }
    if (bPrefix.length !== mark) {
      epoch = ++nsEpoch;
      if (bPrefix.length > MAX_BINDINGS) {
        return notWellFormed(pos, `fler än ${MAX_BINDINGS} namnrymdsdeklarationer`, `more than ${MAX_BINDINGS} namespace declarations`);
      }
    }
    if (++elementCount > maxElements) {
      return err('AVROP-XML-006', pos, `Dokumentet har fler än ${maxElements} element.`, `The document has more than ${maxElements} elements.`);
    }
    if (stack.length >= maxDepth) {
      return err('AVROP-XML-005', pos, `Elementen är nästlade djupare än ${maxDepth} nivåer.`, `Elements are nested deeper than ${maxDepth} levels.`);
    }
    let ns: string | undefined;
    if (qn.epoch === epoch) {
      ns = qn.uri;
    } else {
      ns = lookup(bPrefix, bUri, qn.prefix);
      if (ns === undefined) return notWellFormed(pos, `namnrymdsprefixet "${qn.prefix}" är inte deklarerat`, `namespace prefix "${qn.prefix}" is not declared`);
      qn.epoch = epoch;
      qn.uri = ns;
    }
    let attributes: Record<string, string> = EMPTY_ATTRS;
    let hasScheme = false;
    if (nAttrs > 0) {
      attributes = {};
      for (let k = 0; k < nAttrs; k++) {
        const aq = attrNames[k]!;
        const an = aq.name;
        if (an === 'schemeID') hasScheme = true;
        if (aq.prefix !== '' && lookup(bPrefix, bUri, aq.prefix) === undefined) return notWellFormed(pos, `namnrymdsprefixet i attributet ${an} är inte deklarerat`, `the namespace prefix of attribute ${an} is not declared`);
        if (k > 0 && attributes[an] !== undefined && Object.hasOwn(attributes, an)) return notWellFormed(pos, `attributet ${an} förekommer två gånger`, `attribute ${an} occurs twice`);
        attributes[an] = attrValues[k]!;
      }
    }
    const parent = cur;
    const el = new XmlNode(name, qn.local, ns!, attributes, parent, offset, ctx);
    if (parent === null) {
      root = el;
    } else if (parent.children === EMPTY_CHILDREN) {
      parent.children = [el];
    } else {
      parent.children.push(el);
    }
    if (indexing) {
      const slot = qn.slot;
      if (slot.epoch !== parseId) {
        slot.epoch = parseId;
        slot.list = [el];
        touched.push(slot);
      } else {
        slot.list.push(el);
      }
      if (hasScheme) withScheme.push(el);
      if (selfClose) emptyLeaves.push(el);
    }
    if (selfClose) {
      if (bPrefix.length > mark) { bPrefix.length = mark; bUri.length = mark; epoch = ++nsEpoch; }
      if (parent === null) rootClosed = true;
      lastEnded = qn;
    } else {
      stack.push(el);
      marks.push(mark);
      qstack.push(qn);
      lastEnded = null;
      cur = el;
    }
    pos = p;
  }
  if (stack.length > 0) return notWellFormed(len, `elementet <${stack[stack.length - 1]!.name}> avslutas aldrig`, `element <${stack[stack.length - 1]!.name}> is never closed`);
  if (root === null) return notWellFormed(pos, 'inget rotelement', 'no root element');
  return { ok: true, root, text, index: indexing ? collectIndex(touched, emptyLeaves, withScheme) : undefined };
}

const byOffset = (a: XmlElement, b: XmlElement): number => a.offset - b.offset;

/**
 * The per-document index by local name, from the slots the parse used. Each shared slot has a small stable id, so
 * the document's lists go into an array by id (one store per distinct name) rather than a Map built per document,
 * which cost a Map insertion (and growth) per name; a lookup goes through the shared name → slot map instead.
 * Names with a slot of their own (beyond the caches' bounds: only documents with thousands of names) make the
 * index a plain Map.
 */
function collectIndex(touched: LocalSlot[], emptyLeaves: XmlElement[], withScheme: XmlElement[]): ElementIndex {
  let top = -1;
  for (let i = 0; i < touched.length; i++) {
    const id = touched[i]!.id;
    if (id < 0) { top = -2; break; }
    if (id > top) top = id;
  }
  let lists: (XmlElement[] | undefined)[] | undefined;
  const locals: string[] = [];
  if (top >= -1) {
    // (sized first: stores far beyond the end of an array would make V8 keep it as a dictionary)
    lists = new Array<XmlElement[] | undefined>(top + 1);
    for (let i = 0; i < touched.length; i++) {
      const slot = touched[i]!;
      lists[slot.id] = slot.list;
      locals.push(slot.local);
    }
  }
  const byLocal = lists !== undefined ? new LocalIndex(lists, locals) : mapOf(touched);
  for (let i = 0; i < touched.length; i++) touched[i]!.list = NO_ELEMENTS; // (the slots must not keep this document alive)
  touched.length = 0;
  return { byLocal, emptyLeaves, withScheme };
}

/** The lists of the slots as a Map, merging (back into document order) lists of slots with the same local name. */
function mapOf(touched: LocalSlot[]): Map<string, XmlElement[]> {
  const byLocal = new Map<string, XmlElement[]>();
  let merged: Set<XmlElement[]> | undefined;
  for (let i = 0; i < touched.length; i++) {
    const slot = touched[i]!;
    const had = byLocal.get(slot.local);
    if (had === undefined) {
      byLocal.set(slot.local, slot.list);
    } else {
      for (let k = 0; k < slot.list.length; k++) had.push(slot.list[k]!);
      (merged ??= new Set()).add(had);
    }
  }
  if (merged !== undefined) for (const list of merged) list.sort(byOffset);
  return byLocal;
}

/** A document's elements by local name (see `collectIndex`): lists by shared slot id, keys in order of first occurrence. */
class LocalIndex implements ElementsByLocal {
  /** Lists by slot id (holes for names the document does not have). */
  private readonly byId: (XmlElement[] | undefined)[];
  /** The document's local names, in order of first occurrence. */
  private readonly order: string[];
  constructor(lists: (XmlElement[] | undefined)[], locals: string[]) {
    this.byId = lists;
    this.order = locals;
  }
  get(local: string): XmlElement[] | undefined {
    const slot = localSlots.get(local);
    return slot !== undefined && slot.id < this.byId.length ? this.byId[slot.id] : undefined;
  }
  keys(): MapIterator<string> {
    return this.order.values();
  }
}

/** The namespace URI bound to `prefix` (innermost binding first); undefined when not declared. */
function lookup(bPrefix: string[], bUri: string[], prefix: string): string | undefined {
  for (let i = bPrefix.length - 1; i >= 0; i--) if (bPrefix[i] === prefix) return bUri[i];
  return prefix === '' ? '' : undefined;
}

/** An element or attribute name split once: the same strings are shared by every element with that name.
 * `epoch`/`uri` cache the namespace the prefix resolved to while the bindings in scope stay the same. */
type QName = {
  name: string; prefix: string; local: string; epoch: number; uri: string | undefined;
  /** The name that came after this element last time (its next sibling), and its first child's. */
  next: QName | undefined; first: QName | undefined;
  /** For an element name, its first attribute's name last time; for an attribute name, the next attribute's. */
  attr: QName | undefined;
  /** The element index's list for this local name (shared by all QNames with that local name). */
  slot: LocalSlot;
};

/**
 * One local name's elements in the document being indexed. Slots are shared across documents, like the names:
 * `epoch` tells whether `list` belongs to the current parse, so adding an element is a check and a push (a Map
 * lookup per element cost as much as a separate walk of the finished tree), and the document's index is made at
 * the end with one store per distinct name (see `collectIndex`).
 */
type LocalSlot = {
  local: string; epoch: number; list: XmlElement[];
  /** Index of a shared slot (0, 1, 2 … in order of creation; see `LocalIndex`), -1 for a slot of its own. */
  id: number;
};

const NO_ELEMENTS: XmlElement[] = [];
/** The slots the current (or an abandoned) index build has used, in order of first use. */
const touchedSlots: LocalSlot[] = [];

/** Lets go of the lists of a build that ended in an error (its elements are not kept alive by the slots). */
function releaseSlots(): void {
  for (let i = 0; i < touchedSlots.length; i++) touchedSlots[i]!.list = NO_ELEMENTS;
  touchedSlots.length = 0;
}
/** Index builds counter, never reset: a slot's list belongs to the current parse while its epoch matches. */
let indexEpoch = 0;
// Slots by local name, shared by all documents; bounded (beyond it a name gets a slot of its own, merged at the end).
const MAX_SLOTS = 10_000;
const localSlots = new Map<string, LocalSlot>();

function slotOf(local: string, shared: boolean): LocalSlot {
  let slot = shared ? localSlots.get(local) : undefined;
  if (slot === undefined) {
    const id = shared && localSlots.size < MAX_SLOTS ? localSlots.size : -1;
    slot = { local, epoch: 0, list: NO_ELEMENTS, id };
    if (id >= 0) localSlots.set(local, slot);
  }
  return slot;
}

// Direct-mapped cache of names (hash of the characters → QName), shared by all documents. Bounded (a
// hostile document with many distinct names only evicts entries); names longer than 100 characters are not cached.
const NAME_SLOTS = 4096;
const MAX_CACHED_NAME = 100;
const nameSlots: (QName | undefined)[] = new Array<QName | undefined>(NAME_SLOTS).fill(undefined); // pairs of slots

function internName(text: string, start: number, end: number, colon: number, hash: number): QName {
  const n = end - start;
  // mix the high bits in (names often differ only near the end), then look in two neighbouring slots
  const h = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  const slot = (h ^ (h >>> 13)) & (NAME_SLOTS - 2);
  const h0 = nameSlots[slot];
  const h1 = nameSlots[slot + 1];
  if ((h0 !== undefined && h0.name.length === n) || (h1 !== undefined && h1.name.length === n)) {
    // (a slice and a string comparison beat a character loop here)
    const s = text.slice(start, end);
    if (h0 !== undefined && h0.name === s) return h0;
    if (h1 !== undefined && h1.name === s) return h1;
  }
  if (n > MAX_CACHED_NAME) {
    const name = text.slice(start, end);
    const local = colon < 0 ? name : name.slice(colon + 1);
    return { name, prefix: colon < 0 ? '' : name.slice(0, colon), local, epoch: 0, uri: undefined, next: undefined, first: undefined, attr: undefined, slot: slotOf(local, false) };
  }
  // Internalised copies: flat (a slice of `text` would keep the whole document alive from the cache), and
  // equal strings are then the same object, which makes comparisons and property keys cheap.
  const name = internalize(text.slice(start, end));
  const local = colon < 0 ? name : internalize(name.slice(colon + 1));
  const qn: QName = { name, prefix: colon < 0 ? '' : internalize(name.slice(0, colon)), local, epoch: 0, uri: undefined, next: undefined, first: undefined, attr: undefined, slot: slotOf(local, true) };
  // the newest name takes the first slot, the one it held moves to the second
  nameSlots[slot + 1] = nameSlots[slot];
  nameSlots[slot] = qn;
  return qn;
}

/** The engine's single shared copy of the string (property keys are kept that way). */
function internalize(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/** Whether the character after a '<' begins a start tag (not an end tag, comment, CDATA section or PI). */
function isStartTag(c: number): boolean {
  return c !== 0x2f && c !== 0x21 && c !== 0x3f;
}

/** The whitespace just before offset `at`: the blank run left out of an element's text before its first child
 * (that run began right after markup, which ends in '>'; an empty string when there was none). */
function blankBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && WS(text.charCodeAt(i - 1))) i--;
  return text.slice(i, at);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!WS(s.charCodeAt(i))) return false;
  return true;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xc0;
}

/** What the reader keeps per prefix table, shared by all documents parsed with it: canonical names for locations,
 * and the table's namespace URIs mapped to the table's own key strings. Elements carry that very string as `ns`
 * (the callers' constants, e.g. NS.cbc), so `el.ns === NS.cbc` is a pointer check instead of a comparison of two
 * 40-70 character strings. */
type DocContext = { prefixes: Record<string, string>; canon: Map<string, Map<string, string>>; knownUris: Map<string, string> };
const CONTEXTS = new WeakMap<Record<string, string>, DocContext>();

function contextOf(prefixes: Record<string, string>): DocContext {
  let c = CONTEXTS.get(prefixes);
  if (c === undefined) {
    const knownUris = new Map<string, string>();
    for (const uri of Object.keys(prefixes)) knownUris.set(uri, uri);
    c = { prefixes, canon: new Map(), knownUris };
    CONTEXTS.set(prefixes, c);
  }
  return c;
}

/** Tree node; `location` and `index` are computed on first use (only findings need them) and cached. */
class XmlNode implements XmlElement {
  // Fields are set in the constructor only, always in the same order (one object shape for all nodes).
  declare name: string;
  declare local: string;
  declare ns: string;
  declare attributes: Record<string, string>;
  declare children: XmlElement[];
  declare text: string;
  declare parent: XmlElement | null;
  declare offset: number;
  declare childrenByLocal: Map<string, XmlElement[]> | undefined;
  declare private ctx: DocContext;
  declare private loc: string | undefined;
  declare private idx: number;
  declare private multi: boolean;
  constructor(name: string, local: string, ns: string, attributes: Record<string, string>, parent: XmlElement | null, offset: number, ctx: DocContext) {
    this.name = name;
    this.local = local;
    this.ns = ns;
    this.attributes = attributes;
    this.children = EMPTY_CHILDREN;
    this.text = '';
    this.parent = parent;
    this.offset = offset;
    this.childrenByLocal = undefined;
    this.ctx = ctx;
    this.loc = undefined;
    this.idx = 0;
    this.multi = false;
  }
  /** Field view of the element (see peppol/model.ts `Field`): the node itself, so no wrapper is allocated. */
  get value(): string { return this.text; }
  get attrs(): Record<string, string> { return this.attributes; }
  get el(): XmlElement { return this; }
  get index(): number {
    if (this.idx === 0) this.computeIndex();
    return this.idx;
  }
  get location(): string {
    if (this.loc !== undefined) return this.loc;
    const nm = this.canonical();
    const parent = this.parent;
    if (parent === null) { this.loc = `/${nm}`; return this.loc; }
    if (this.idx === 0) this.computeIndex();
    this.loc = this.multi ? `${parent.location}/${nm}[${this.idx}]` : `${parent.location}/${nm}`;
    return this.loc;
  }
  /** Numbers all children of the parent at once (no per-call allocation for small families; linear for large). */
  private computeIndex(): void {
    const parent = this.parent;
    if (parent === null) { this.idx = 1; return; }
    const kids = parent.children;
    const n = kids.length;
    if (n <= 32) {
      for (let i = 0; i < n; i++) {
        const c = kids[i]!;
        if (!(c instanceof XmlNode) || c.idx !== 0) continue;
        let total = 0;
        for (let j = i; j < n; j++) { const o = kids[j]!; if (o.local === c.local && o.ns === c.ns) total++; }
        let k = 0;
        for (let j = i; j < n; j++) {
          const o = kids[j]!;
          if (o.local === c.local && o.ns === c.ns && o instanceof XmlNode) { o.idx = ++k; o.multi = total > 1; }
        }
      }
    } else {
      const groups = new Map<string, XmlNode[]>();
      for (const c of kids) {
        if (!(c instanceof XmlNode)) continue;
        const g = groups.get(c.local);
        if (g === undefined) groups.set(c.local, [c]);
        else g.push(c);
      }
      for (const g of groups.values()) {
        // usually one namespace per local name; number per namespace
        const byNs = new Map<string, number>();
        for (const c of g) byNs.set(c.ns, (byNs.get(c.ns) ?? 0) + 1);
        const seen = new Map<string, number>();
        for (const c of g) {
          const k = (seen.get(c.ns) ?? 0) + 1;
          seen.set(c.ns, k);
          c.idx = k;
          c.multi = byNs.get(c.ns)! > 1;
        }
      }
    }
    if (this.idx === 0) this.idx = 1; // detached from its parent's list
  }
  private canonical(): string {
    let m = this.ctx.canon.get(this.ns);
    if (m === undefined) { m = new Map(); if (this.ctx.canon.size < 1000) this.ctx.canon.set(this.ns, m); }
    let s = m.get(this.local);
    if (s === undefined) {
      const p = this.ctx.prefixes[this.ns];
      s = p === undefined ? (this.ns === '' ? this.local : `*:${this.local}`) : p === '' ? this.local : `${p}:${this.local}`;
      if (m.size < 5000) m.set(this.local, s); // bounded: hostile documents may invent any number of names
    }
    return s;
  }
}

/** 1-based line number of a character offset in the text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
