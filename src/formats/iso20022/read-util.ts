// Shared reading helpers for the ISO 20022 readers (camt.054, pain.002): opening a document with the hardened
// XML reader, recognising the message type by its namespace, and reading amounts, dates and codes.
import { parseXml } from '../xml/parse.ts';
import type { XmlElement } from '../xml/types.ts';
import { parseAmountToOre } from './amount.ts';

export type ReadErrorCode =
  | 'AVROP-XML-001' | 'AVROP-XML-002' | 'AVROP-XML-003' | 'AVROP-XML-004' | 'AVROP-XML-005' | 'AVROP-XML-006' // from the XML reader
  | 'AVROP-ISO-001' // not the expected ISO 20022 message (wrong root, namespace or message type)
  | 'AVROP-ISO-002' // a required element is missing
  | 'AVROP-ISO-003' // an amount is missing, not a number, or not representable in öre
  | 'AVROP-ISO-004'; // a code, date or indicator has a value that is not allowed

export type ReadError = { code: ReadErrorCode; message: string; messageEn: string; location?: string };

export type ReadOptions = { maxBytes?: number };

const ISO_NS = /^urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3}\.\d{3}\.\d{2})$/;

/** Swedish/English names of the messages people are likely to hand us by mistake. */
const MESSAGE_NAMES: Record<string, { sv: string; en: string }> = {
  'camt.052': { sv: 'kontorapport (camt.052)', en: 'account report (camt.052)' },
  'camt.053': { sv: 'kontoutdrag (camt.053)', en: 'bank statement (camt.053)' },
  'camt.054': { sv: 'debet-/kreditavisering (camt.054)', en: 'debit/credit notification (camt.054)' },
  'pain.001': { sv: 'betalningsfil (pain.001)', en: 'payment file (pain.001)' },
  'pain.002': { sv: 'statusrapport för betalningar (pain.002)', en: 'payment status report (pain.002)' },
  'pain.008': { sv: 'autogirofil (pain.008)', en: 'direct debit file (pain.008)' },
};

export function messageName(type: string): { sv: string; en: string } {
  return MESSAGE_NAMES[type] ?? { sv: type, en: type };
}

export type Opened = { ok: true; body: XmlElement; ns: string; messageType: string } | { ok: false; errors: ReadError[] };

/**
 * Parses `input` with the hardened XML reader (no DTD, no entities beyond the predefined five, size and
 * depth capped) and checks that it is an ISO 20022 `Document` of `expected` (e.g. 'camt.054') whose single
 * child is `bodyName`. Never throws.
 */
export function openIsoDocument(input: string | Uint8Array, expected: string, bodyName: string, options: ReadOptions = {}): Opened {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    return { ok: false, errors: [{ code: 'AVROP-XML-002', message: 'Ingen XML gavs.', messageEn: 'No XML was given.' }] };
  }
  const parsed = parseXml(input, options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {});
  if (!parsed.ok) return { ok: false, errors: [{ code: parsed.error.rule, message: parsed.error.sv, messageEn: parsed.error.en }] };
  const root = parsed.root;
  const want = messageName(expected);
  const m = ISO_NS.exec(root.ns);
  if (root.local !== 'Document' || !m) {
    return {
      ok: false,
      errors: [{
        code: 'AVROP-ISO-001',
        message: `Dokumentet är inget ISO 20022-meddelande (rotelementet är <${root.name}>${root.ns ? ` i namnrymden ${root.ns}` : ''}); en ${want.sv} väntades.`,
        messageEn: `The document is not an ISO 20022 message (the root element is <${root.name}>${root.ns ? ` in namespace ${root.ns}` : ''}); a ${want.en} was expected.`,
        location: root.location,
      }],
    };
  }
  const messageType = m[1]!;
  const family = messageType.slice(0, 8);
  if (family !== expected) {
    const got = messageName(family);
    return {
      ok: false,
      errors: [{
        code: 'AVROP-ISO-001',
        message: `Dokumentet är en ${got.sv} (${messageType}), inte en ${want.sv}.`,
        messageEn: `The document is a ${got.en} (${messageType}), not a ${want.en}.`,
        location: root.location,
      }],
    };
  }
  const body = root.children.find((c) => c.local === bodyName && c.ns === root.ns);
  if (!body) {
    return {
      ok: false,
      errors: [{
        code: 'AVROP-ISO-001',
        message: `Dokumentet (${messageType}) saknar elementet <${bodyName}>.`,
        messageEn: `The document (${messageType}) lacks the <${bodyName}> element.`,
        location: root.location,
      }],
    };
  }
  return { ok: true, body, ns: root.ns, messageType };
}

/** First child with this local name in the element's own namespace. */
export function kid(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  return el.children.find((c) => c.local === local && c.ns === el.ns);
}

/** All children with this local name in the element's own namespace. */
export function kids(el: XmlElement | undefined, local: string): XmlElement[] {
  if (el === undefined) return [];
  return el.children.filter((c) => c.local === local && c.ns === el.ns);
}

/** The element at a relative path `a/b/c` (first match at each step). */
export function at(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let cur = el;
  for (const step of path.split('/')) {
    cur = kid(cur, step);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Trimmed text at a path, or undefined when absent or empty. */
export function textAt(el: XmlElement | undefined, path: string): string | undefined {
  const t = at(el, path)?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

/** Required text: pushes AVROP-ISO-002 when absent. */
export function requiredText(errors: ReadError[], el: XmlElement, path: string, label: { sv: string; en: string }): string | undefined {
  const t = textAt(el, path);
  if (t === undefined) {
    errors.push({
      code: 'AVROP-ISO-002',
      message: `${label.sv} (${path}) saknas.`,
      messageEn: `${label.en} (${path}) is missing.`,
      location: el.location,
    });
  }
  return t;
}

/** Reads an amount element with a Ccy attribute. Pushes AVROP-ISO-003 and returns undefined when it is not exact öre. */
export function readAmountEl(errors: ReadError[], el: XmlElement): { ore: bigint; currency: string } | undefined {
  const raw = el.text.trim();
  const r = parseAmountToOre(raw);
  const ccy = (el.attributes['Ccy'] ?? '').trim();
  if (!r.ok) {
    const why = r.reason === 'decimals'
      ? { sv: 'fler än två decimaler', en: 'more than two decimals' }
      : r.reason === 'range' ? { sv: 'för stort', en: 'too large' } : { sv: 'inte ett tal', en: 'not a number' };
    errors.push({
      code: 'AVROP-ISO-003',
      message: `Beloppet "${raw}" är ogiltigt (${why.sv}).`,
      messageEn: `The amount "${raw}" is invalid (${why.en}).`,
      location: el.location,
    });
    return undefined;
  }
  if (!/^[A-Z]{3}$/.test(ccy)) {
    errors.push({
      code: 'AVROP-ISO-003',
      message: `Beloppet ${raw} saknar giltig valutakod (Ccy="${ccy}").`,
      messageEn: `The amount ${raw} lacks a valid currency code (Ccy="${ccy}").`,
      location: el.location,
    });
    return undefined;
  }
  return { ore: r.ore, currency: ccy };
}

function validYmd(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= dim;
}

/** A DateAndDateTimeChoice (`Dt` or `DtTm`) as 'YYYY-MM-DD' (the date as written), or null when absent. */
export function readDateChoice(errors: ReadError[], el: XmlElement | undefined, label: { sv: string; en: string }): string | null {
  if (el === undefined) return null;
  const raw = textAt(el, 'Dt') ?? textAt(el, 'DtTm');
  if (raw === undefined || !validYmd(raw)) {
    errors.push({
      code: 'AVROP-ISO-004',
      message: `${label.sv} "${raw ?? ''}" är inget giltigt datum.`,
      messageEn: `${label.en} "${raw ?? ''}" is not a valid date.`,
      location: el.location,
    });
    return null;
  }
  return raw.slice(0, 10);
}

/** A code from a closed list; pushes AVROP-ISO-004 when the value is not in it. */
export function readCode<T extends string>(errors: ReadError[], el: XmlElement, value: string | undefined, allowed: readonly T[], label: { sv: string; en: string }): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({
    code: 'AVROP-ISO-004',
    message: `${label.sv} "${value}" är inte tillåten (${allowed.join(', ')}).`,
    messageEn: `${label.en} "${value}" is not allowed (${allowed.join(', ')}).`,
    location: el.location,
  });
  return undefined;
}

/** A reason: `Rsn/Cd`, else `Rsn/Prtry`. */
export function reasonCode(el: XmlElement | undefined): string | undefined {
  return textAt(el, 'Rsn/Cd') ?? textAt(el, 'Rsn/Prtry');
}

/** All `AddtlInf` lines joined by a space. */
export function additionalInfo(el: XmlElement | undefined): string | undefined {
  const lines = kids(el, 'AddtlInf').map((a) => a.text.trim()).filter((t) => t !== '');
  return lines.length > 0 ? lines.join(' ') : undefined;
}
