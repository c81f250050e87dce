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
import type { XmlElement } from './types.ts';

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
};

export type ParseResult = { ok: true; root: XmlElement; text: string } | { ok: false; error: XmlError };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 200;
export const DEFAULT_MAX_ELEMENTS = 500_000;
/** Namespace declarations in scope at once (keeps prefix lookup cheap on hostile input). */
const MAX_BINDINGS = 1000;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function err(rule: XmlErrorCode, offset: number, sv: string, en: string): { ok: false; error: XmlError } {
  return { ok: false, error: { rule, sv, en, offset } };
}

function notWellFormed(offset: number, sv: string, en: string): { ok: false; error: XmlError } {
  return err('AVROP-XML-002', offset, `Dokumentet är inte giltig XML: ${sv}.`, `The document is not well-formed XML: ${en}.`);
}

/** Decodes bytes to text, enforcing UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): { ok: true; text: string } | { ok: false; error: XmlError } {
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00) || (b0 === 0x00 && b1 === 0x3c) || (b0 === 0 && b1 === 0)) {
    return err('AVROP-XML-003', 0, 'Dokumentet är kodat i UTF-16 eller UTF-32; Peppol kräver UTF-8.', 'The document is encoded in UTF-16 or UTF-32; Peppol requires UTF-8.');
  }
  // Look at the XML declaration's encoding pseudo-attribute (ASCII-compatible prefix).
  let start = 0;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) start = 3;
  if (bytes[start] === 0x3c && bytes[start + 1] === 0x3f) {
    let head = '';
    const end = Math.min(bytes.length, start + 512);
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      head += String.fromCharCode(c);
      if (c === 0x3e) break;
    }
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
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
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

/** The AVROP-XML-001 error for an input of `size` bytes (also used by callers that check a file's size before reading it). */
export function tooLarge(size: number, max: number): { ok: false; error: XmlError } {
  return err('AVROP-XML-001', 0, `Dokumentet är för stort (${size} byte, högst ${max} tillåts).`, `The document is too large (${size} bytes, at most ${max} allowed).`);
}

// Characters not allowed in XML 1.0 documents.
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Parses bytes or text into the element tree. Never throws. */
export function parseXml(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let text: string;
  if (typeof input === 'string') {
    if (input.length > maxBytes) return tooLarge(input.length, maxBytes);
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const d = decodeXmlBytes(input, maxBytes);
    if (!d.ok) return d;
    text = d.text;
  }
  try {
    const r = parseText(text, options.maxDepth ?? DEFAULT_MAX_DEPTH, options.maxElements ?? DEFAULT_MAX_ELEMENTS, options.prefixes ?? {});
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

// Shared, frozen empties: most elements have no attributes, leaves have no children.
const EMPTY_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const EMPTY_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

type Scope = { prefix: string; uri: string }[];

// After BAD_CHARS has rejected other control characters, every code unit <= 0x20 is XML whitespace.
const WS = (c: number): boolean => c <= 0x20;

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

function parseText(text: string, maxDepth: number, maxElements: number, prefixes: Record<string, string>): ParseResult {
  let elementCount = 0;
  const bad = BAD_CHARS.exec(text);
  if (bad) return notWellFormed(bad.index, `otillåtet tecken U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`, `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed`);
  const len = text.length;
  let pos = 0;
  while (pos < len && WS(text.charCodeAt(pos))) pos++;
  if (pos >= len) return notWellFormed(pos, 'dokumentet är tomt', 'the document is empty');
  if (text.charCodeAt(pos) !== 0x3c) return notWellFormed(pos, 'dokumentet börjar inte med "<" (är det XML?)', 'the document does not start with "<" (is it XML?)');

  // Namespace scopes: a stack of bindings; `scopeMarks[d]` = bindings length when depth d was entered.
  const bindings: Scope = [{ prefix: 'xml', uri: XML_NS }];
  const stack: XmlElement[] = [];
  const marks: number[] = [];
  let root: XmlElement | null = null;
  let rootClosed = false;
  let canon = CANON.get(prefixes);
  if (canon === undefined) { canon = new Map(); CANON.set(prefixes, canon); }
  const ctx: DocContext = { prefixes, canon };

  const lookup = (prefix: string): string | undefined => {
    for (let i = bindings.length - 1; i >= 0; i--) if (bindings[i]!.prefix === prefix) return bindings[i]!.uri;
    return prefix === '' ? '' : undefined;
  };

  while (pos < len) {
    const lt = text.indexOf('<', pos);
    // Character data between pos and lt (or end).
    const end = lt < 0 ? len : lt;
    if (end > pos) {
      const cur = stack[stack.length - 1];
      let blank = true;
      for (let k = pos; k < end; k++) {
        if (text.charCodeAt(k) > 0x20) { blank = false; break; }
      }
      if (cur === undefined) {
        if (!blank) return notWellFormed(pos, 'text utanför rotelementet', 'text outside the root element');
      } else if (!blank || cur.children.length === 0) {
        // (whitespace between child elements is dropped)
        const raw = text.slice(pos, end);
        const dec = raw.indexOf('&') < 0 ? raw : decodeEntities(raw, pos);
        if (typeof dec !== 'string') return notWellFormed(dec.at, `okänd eller felaktig entitetsreferens "${dec.bad}"`, `unknown or malformed entity reference "${dec.bad}"`);
        cur.text = cur.text === '' ? dec : cur.text + dec;
      }
    }
    if (lt < 0) break;
    pos = lt;
    const c1 = text.charCodeAt(pos + 1);
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
        const cur = stack[stack.length - 1];
        if (cur === undefined) return notWellFormed(pos, 'CDATA utanför rotelementet', 'CDATA outside the root element');
        const close = text.indexOf(']]>', pos + 9);
        if (close < 0) return notWellFormed(pos, 'CDATA-avsnittet avslutas inte', 'unterminated CDATA section');
        cur.text += text.slice(pos + 9, close);
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
    if (c1 === 0x2f /* / */) {
      const cur = stack.pop();
      let close = -1;
      if (cur !== undefined && sameAt(text, pos + 2, cur.name)) {
        close = pos + 2 + cur.name.length;
        while (close < len && WS(text.charCodeAt(close))) close++;
        if (text.charCodeAt(close) !== 0x3e) close = -1;
      }
      if (close < 0 || cur === undefined) {
        const gt = text.indexOf('>', pos + 2);
        const name = text.slice(pos + 2, gt < 0 ? Math.min(len, pos + 40) : gt).trim();
        return notWellFormed(pos, `sluttaggen </${name}> matchar inte ${cur ? `<${cur.name}>` : 'något öppet element'}`, `end tag </${name}> does not match ${cur ? `<${cur.name}>` : 'any open element'}`);
      }
      const mk = marks.pop()!;
      while (bindings.length > mk) bindings.pop();
      if (cur.children.length > 0 && cur.text !== '' && isBlank(cur.text)) cur.text = '';
      if (stack.length === 0) rootClosed = true;
      pos = close + 1;
      continue;
    }
    // Start tag.
    if (rootClosed) return notWellFormed(pos, 'mer än ett rotelement', 'more than one root element');
    let p = pos + 1;
    const nameStart = p;
    let colon = -1;
    let hash = 0;
    for (; p < len; p++) {
      const c = text.charCodeAt(p);
      if (c === 0x3e || c === 0x2f || WS(c)) break;
      if (c === 0x3a && colon < 0) colon = p - nameStart;
      if (c === 0x3c || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x26) return notWellFormed(p, 'felaktigt elementnamn', 'malformed element name');
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    if (p === nameStart || !isNameStart(text.charCodeAt(nameStart))) return notWellFormed(pos, 'felaktigt elementnamn', 'malformed element name');
    const qn = internName(text, nameStart, p, colon, hash);
    const name = qn.name;
    const mark = bindings.length;
    let rawAttrs: string[] | null = null; // name, value pairs
    let selfClose = false;
    for (;;) {
      while (p < len && WS(text.charCodeAt(p))) p++;
      if (p >= len) return notWellFormed(pos, `starttaggen <${name}> avslutas inte`, `unterminated start tag <${name}>`);
      const c = text.charCodeAt(p);
      if (c === 0x3e) { p++; break; }
      if (c === 0x2f) {
        if (text.charCodeAt(p + 1) !== 0x3e) return notWellFormed(p, `felaktig starttagg <${name}>`, `malformed start tag <${name}>`);
        selfClose = true; p += 2; break;
      }
      if (p > 0 && !WS(text.charCodeAt(p - 1))) return notWellFormed(p, 'blanksteg saknas mellan attribut', 'missing whitespace between attributes');
      const an = p;
      while (p < len) {
        const d = text.charCodeAt(p);
        if (d === 0x3d || WS(d) || d === 0x3e || d === 0x2f || d === 0x3c || d === 0x22 || d === 0x27) break;
        p++;
      }
      const aname = text.slice(an, p);
      if (aname === '' || !isNameStart(aname.charCodeAt(0))) return notWellFormed(an, `felaktigt attribut i <${name}>`, `malformed attribute in <${name}>`);
      while (p < len && WS(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 0x3d) return notWellFormed(p, `attributet ${aname} saknar "="`, `attribute ${aname} lacks "="`);
      p++;
      while (p < len && WS(text.charCodeAt(p))) p++;
      const q = text.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) return notWellFormed(p, `attributvärdet för ${aname} saknar citattecken`, `attribute value of ${aname} is not quoted`);
      const vend = text.indexOf(q === 0x22 ? '"' : "'", p + 1);
      if (vend < 0) return notWellFormed(p, `attributvärdet för ${aname} avslutas inte`, `unterminated attribute value of ${aname}`);
      let value = text.slice(p + 1, vend);
      if (value.indexOf('<') >= 0) return notWellFormed(p, `"<" i attributvärdet för ${aname}`, `"<" in the attribute value of ${aname}`);
      if (value.indexOf('&') >= 0) {
        const dec = decodeEntities(value, p + 1);
        if (typeof dec !== 'string') return notWellFormed(dec.at, `okänd eller felaktig entitetsreferens "${dec.bad}"`, `unknown or malformed entity reference "${dec.bad}"`);
        value = dec;
      }
      if (/[\t\n\r]/.test(value)) value = value.replace(/[\t\n\r]/g, ' ');
      p = vend + 1;
      if (aname === 'xmlns') {
        bindings.push({ prefix: '', uri: value });
      } else if (aname.startsWith('xmlns:')) {
        const pf = aname.slice(6);
        if (value === '') return notWellFormed(an, `namnrymdsprefixet ${pf} får inte bindas till en tom URI`, `namespace prefix ${pf} must not be bound to an empty URI`);
        bindings.push({ prefix: pf, uri: value });
      } else {
        (rawAttrs ??= []).push(aname, value);
      }
    }
    if (bindings.length > MAX_BINDINGS) {
      return notWellFormed(pos, `fler än ${MAX_BINDINGS} namnrymdsdeklarationer`, `more than ${MAX_BINDINGS} namespace declarations`);
    }
    if (++elementCount > maxElements) {
      return err('AVROP-XML-006', pos, `Dokumentet har fler än ${maxElements} element.`, `The document has more than ${maxElements} elements.`);
    }
    if (stack.length >= maxDepth) {
      return err('AVROP-XML-005', pos, `Elementen är nästlade djupare än ${maxDepth} nivåer.`, `Elements are nested deeper than ${maxDepth} levels.`);
    }
    const prefix = qn.prefix;
    const local = qn.local;
    const ns = lookup(prefix);
    if (ns === undefined) return notWellFormed(pos, `namnrymdsprefixet "${prefix}" är inte deklarerat`, `namespace prefix "${prefix}" is not declared`);
    let attributes: Record<string, string> = EMPTY_ATTRS;
    if (rawAttrs !== null) {
      attributes = {};
      for (let k = 0; k < rawAttrs.length; k += 2) {
        const an = rawAttrs[k]!;
        const ac = an.indexOf(':');
        if (ac >= 0 && lookup(an.slice(0, ac)) === undefined) return notWellFormed(pos, `namnrymdsprefixet i attributet ${an} är inte deklarerat`, `the namespace prefix of attribute ${an} is not declared`);
        if (k > 0 && attributes[an] !== undefined && Object.hasOwn(attributes, an)) return notWellFormed(pos, `attributet ${an} förekommer två gånger`, `attribute ${an} occurs twice`);
        attributes[an] = rawAttrs[k + 1]!;
      }
    }
    const parent = stack[stack.length - 1] ?? null;
    const el: XmlElement = new XmlNode(name, local, ns, attributes, parent, pos, ctx);
    if (parent === null) {
      root = el;
    } else {
      if (parent.children === EMPTY_CHILDREN) parent.children = [el];
      else parent.children.push(el);
    }
    if (selfClose) {
      while (bindings.length > mark) bindings.pop();
      if (parent === null) rootClosed = true;
    } else {
      stack.push(el);
      marks.push(mark);
    }
    pos = p;
  }
  if (stack.length > 0) return notWellFormed(len, `elementet <${stack[stack.length - 1]!.name}> avslutas aldrig`, `element <${stack[stack.length - 1]!.name}> is never closed`);
  if (root === null) return notWellFormed(pos, 'inget rotelement', 'no root element');
  return { ok: true, root, text };
}

/** An element name split once: the same strings are shared by every element with that name. */
type QName = { name: string; prefix: string; local: string };

// Direct-mapped cache of element names (hash of the characters → QName), shared by all documents. Bounded (a
// hostile document with many distinct names only evicts entries); names longer than 100 characters are not cached.
const NAME_SLOTS = 4096;
const nameSlots: (QName | undefined)[] = new Array<QName | undefined>(NAME_SLOTS).fill(undefined);

function internName(text: string, start: number, end: number, colon: number, hash: number): QName {
  const n = end - start;
  const slot = hash & (NAME_SLOTS - 1);
  const hit = nameSlots[slot];
  if (hit !== undefined && hit.name.length === n && sameAt(text, start, hit.name)) return hit;
  // A fresh flat copy: a slice of `text` could keep the whole document alive from the cache.
  const name = n > 100 ? text.slice(start, end) : copyOf(text, start, end);
  const qn: QName = { name, prefix: colon < 0 ? '' : name.slice(0, colon), local: colon < 0 ? name : name.slice(colon + 1) };
  if (n <= 100) nameSlots[slot] = qn;
  return qn;
}

function copyOf(text: string, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += text[i];
  return s;
}

/** `text.startsWith(s, at)` as a plain loop (the builtin is slow for this short, hot comparison). */
function sameAt(text: string, at: number, s: string): boolean {
  const n = s.length;
  if (at + n > text.length) return false;
  for (let i = 0; i < n; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!WS(s.charCodeAt(i))) return false;
  return true;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xc0;
}

type DocContext = { prefixes: Record<string, string>; canon: Map<string, Map<string, string>> };
/** Canonical names per prefix table, shared by all documents parsed with the same table. */
const CANON = new WeakMap<Record<string, string>, Map<string, Map<string, string>>>();

/** Tree node; `location` and `index` are computed on first use (only findings need them) and cached. */
class XmlNode implements XmlElement {
  name: string;
  local: string;
  ns: string;
  attributes: Record<string, string>;
  children: XmlElement[] = EMPTY_CHILDREN;
  text = '';
  parent: XmlElement | null;
  offset: number;
  childrenByLocal: Map<string, XmlElement[]> | undefined = undefined;
  private ctx: DocContext;
  private loc: string | undefined = undefined;
  private idx = 0;
  private multi = false;
  constructor(name: string, local: string, ns: string, attributes: Record<string, string>, parent: XmlElement | null, offset: number, ctx: DocContext) {
    this.name = name; this.local = local; this.ns = ns; this.attributes = attributes; this.parent = parent; this.offset = offset; this.ctx = ctx;
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
