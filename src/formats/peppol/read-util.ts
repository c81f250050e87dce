// Small helpers shared by the UBL and CII readers.
import type { Attachment, Field, XmlElement, TaxRegistration, AllowanceCharge, TaxCategory } from './model.ts';
import { fieldOf, child, path, resolveName, bucket, BUCKET_MIN } from './model.ts';

/** The shared, frozen empty field list (model arrays are read-only). */
export const NO_FIELDS: Field[] = Object.freeze([]) as unknown as Field[];

/** Fields of all children named `name` (canonical prefixed name). Allocates only the result. */
export function F(el: XmlElement | undefined, name: string): Field[] {
  if (el === undefined) return NO_FIELDS;
  const rn = resolveName(name);
  const ns = rn.ns;
  const local = rn.local;
  const kids = el.children.length > BUCKET_MIN ? (bucket(el).get(local) ?? NO_ELEMENTS) : el.children;
  let first: XmlElement | undefined;
  let out: Field[] | undefined;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.local !== local || (ns !== null && c.ns !== ns)) continue;
    if (first === undefined) first = c;
    else if (out === undefined) out = [fieldOf(first), fieldOf(c)];
    else out.push(fieldOf(c));
  }
  return out ?? (first === undefined ? NO_FIELDS : [fieldOf(first)]);
}

const NO_ELEMENTS: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/** Fields along a relative path `a/b/c` (every match at every step). */
export function FP(el: XmlElement | undefined, p: string): Field[] {
  if (el === undefined) return NO_FIELDS;
  const kids = path(el, p);
  const n = kids.length;
  if (n === 0) return NO_FIELDS;
  const out: Field[] = new Array<Field>(n);
  for (let i = 0; i < n; i++) out[i] = fieldOf(kids[i]!);
  return out;
}

/** Concatenation that avoids copying when one side is empty. */
export function cat(a: Field[], b: Field[]): Field[] {
  return b.length === 0 ? a : a.length === 0 ? b : a.concat(b);
}

/** All elements along a relative path. */
export function EP(el: XmlElement | undefined, p: string): XmlElement[] {
  return path(el, p);
}

/** First element along a path. */
export function E1(el: XmlElement | undefined, p: string): XmlElement | undefined {
  let cur = el;
  for (const s of p.split('/')) {
    cur = child(cur, s);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Location getter target: the group element or, when absent, the parent where it would be. */
export function at(el: XmlElement | undefined, parent: XmlElement): XmlElement {
  return el ?? parent;
}

/** Base64 decoding of a binary object (undefined when invalid). */
export function decodeBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/[ \t\r\n]+/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** xs:boolean-ish reading of an allowance/charge indicator: 'true'/'1' → true, 'false'/'0' → false, else undefined. */
export function indicator(fields: readonly Field[]): boolean | undefined {
  const v = fields[0]?.value.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** Splits allowance/charges by indicator. */
export function splitAllowanceCharges(all: AllowanceCharge[]): { allowances: AllowanceCharge[]; charges: AllowanceCharge[] } {
  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  for (const ac of all) {
    const ind = indicator(ac.chargeIndicator);
    if (ind === true) charges.push(ac);
    else if (ind === false) allowances.push(ac);
  }
  return { allowances, charges };
}

export function taxRegistration(el: XmlElement, id: Field[], scheme: Field[], schemeValue: string): TaxRegistration {
  return { el, location: el.location, id, scheme, schemeValue };
}

export function emptyTaxCategory(parent: XmlElement): TaxCategory {
  return { el: undefined, location: parent.location, code: [], rate: [], exemptionReason: [], exemptionReasonCode: [], taxScheme: [] };
}

/** BG-24 attachment with lazily decoded content (a class: no per-object accessor closures). */
export class AttachmentImpl implements Attachment {
  el: XmlElement;
  location: string;
  id: Field[];
  typeCode: Field[];
  description: Field[];
  externalUri: Field[];
  binaryObject: Field[];
  mimeCode: string | undefined;
  filename: string | undefined;
  #content: Uint8Array | undefined | null = null;
  constructor(el: XmlElement, id: Field[], typeCode: Field[], description: Field[], externalUri: Field[], binaryObject: Field[]) {
    this.el = el;
    this.location = el.location;
    this.id = id;
    this.typeCode = typeCode;
    this.description = description;
    this.externalUri = externalUri;
    this.binaryObject = binaryObject;
    this.mimeCode = binaryObject[0]?.attrs['mimeCode'];
    this.filename = binaryObject[0]?.attrs['filename'];
  }
  get content(): Uint8Array | undefined {
    if (this.#content === null) this.#content = this.binaryObject[0] ? decodeBase64(this.binaryObject[0].value) : undefined;
    return this.#content;
  }
}
