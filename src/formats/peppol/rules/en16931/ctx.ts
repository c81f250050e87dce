// Per-document facts shared by the EN 16931 rules, computed once per ParsedDocument (one-slot cache) so that
// the 221 rules stay simple loops. The official artefacts (CEN validation 1.3.16) have one binding per syntax;
// where the UBL and CII bindings differ the rules branch on `c.cii`.
import type { AllowanceCharge, Field, Invoice, Line, ParsedDocument, Party, TaxCategory, VatBreakdown, XmlElement } from '../../model.ts';
import { normalizeSpace } from '../../model.ts';
import { parseDecimal, type Decimal } from '../../decimal.ts';
import type { Rule, Severity } from '../types.ts';
import { treeIndex } from '../../tree-index.ts';

/** A VAT category as the rules see it (line, document allowance/charge or breakdown). */
export type Cat = {
  /** normalize-space of the first code ('' when absent). */
  code: string;
  /** Raw first code. */
  raw: string;
  /** The category is in the VAT scheme (UBL cac:TaxScheme/cbc:ID = VAT, CII ram:TypeCode = VAT). */
  vat: boolean;
  /** Raw rate fields. */
  rate: Field[];
  /** The rates that are decimals (for rate matching). */
  rates: Decimal[];
  /** The category as read (its `location` is computed lazily, so only touch it when reporting). */
  tc: TaxCategory;
};

export type AcCat = Cat & { ac: AllowanceCharge; isCharge: boolean; docLevel: boolean };
export type LineCat = Cat & { line: Line };
export type BdCat = Cat & { b: VatBreakdown };
/** A line or document level allowance/charge with its categories and parsed amount (null: absent, undefined: not a decimal). */
export type AmountItem = { cats: Cat[]; amount: Decimal | null | undefined; isCharge: boolean };

export type Ctx = {
  doc: ParsedDocument;
  inv: Invoice;
  cii: boolean;
  root: XmlElement;
  /** Elements by local name (one walk of the tree), document order. */
  byLocal: Map<string, XmlElement[]>;
  /** Memoized element lists by parent local name, then local name. */
  memo: Map<string, Map<string, XmlElement[]>>;
  /** Memoized category counts (vat.ts). */
  memoCounts: Map<string, number>;
  /** Every category code written anywhere (normalized and raw), for early exits. */
  codes: Set<string>;
  /** Every line VAT category written (BT-151), all occurrences. */
  lineCats: LineCat[];
  /** Tax categories of all allowances/charges (document level, line level and price level). */
  acCats: AcCat[];
  /** Document level allowances/charges tax categories only. */
  docAcCats: AcCat[];
  /** VAT breakdowns with their category. */
  bd: BdCat[];
  /** Lines (categories, net amount) and document level allowances/charges (categories, amount) for the BR-x-08 sums. */
  lineItems: AmountItem[];
  docAcItems: AmountItem[];
  /** Seller (or tax representative) identifiers as used by the BR-x-02..04 rules. */
  sellerAnyTaxReg: boolean;
  sellerVat: boolean;
  taxRepVat: boolean;
  buyerVat: boolean;
  buyerLegalId: boolean;
};

// One-slot cache: a validation runs all rules on one document in a row, so the facts are built once per
// document. (A WeakMap keyed by the document costs more in garbage collection than it saves here; documents
// validated interleaved are simply rebuilt.)
let lastDoc: ParsedDocument | undefined;
let lastCtx: Ctx | undefined;

export function ctx(doc: ParsedDocument): Ctx {
  if (doc !== lastDoc || lastCtx === undefined) {
    lastCtx = build(doc);
    lastDoc = doc;
  }
  return lastCtx;
}

/** XPath normalize-space(), with a fast path for the common already-normalized value. */
export function nsp(s: string): string {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 32) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 32) return normalizeSpace(s);
    } else if (ch === 9 || ch === 10 || ch === 13) return normalizeSpace(s);
  }
  return s;
}

const decCache = new Map<string, Decimal | null>();

/** parseDecimal with a small cache (amount strings repeat a lot). */
export function pd(raw: string): Decimal | undefined {
  const hit = decCache.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  const d = parseDecimal(raw);
  if (decCache.size > 5000) decCache.clear();
  decCache.set(raw, d ?? null);
  return d;
}

function isVat(tc: TaxCategory): boolean {
  for (const f of tc.taxScheme) {
    const v = f.value;
    if (v === 'VAT' || nsp(v.toUpperCase()) === 'VAT') return true;
  }
  return false;
}

/** The rule view of a tax category. */
export function cat(tc: TaxCategory): Cat {
  const f = tc.code[0];
  const rates: Decimal[] = [];
  for (const r of tc.rate) { const d = pd(r.value); if (d !== undefined) rates.push(d); }
  return { code: f === undefined ? '' : nsp(f.value), raw: f === undefined ? '' : f.value, vat: isVat(tc), rate: tc.rate, rates, tc };
}

function addAc(out: { acCats: AcCat[]; docAcCats: AcCat[] }, ac: AllowanceCharge, docLevel: boolean): void {
  for (const tc of ac.taxCategories) {
    const k = cat(tc);
    const x: AcCat = { code: k.code, raw: k.raw, vat: k.vat, rate: k.rate, rates: k.rates, tc, ac, isCharge: ac.isCharge, docLevel };
    out.acCats.push(x);
    if (docLevel) out.docAcCats.push(x);
  }
}

function addLine(out: { acCats: AcCat[]; docAcCats: AcCat[]; lineCats: LineCat[] }, line: Line): Cat[] {
  const cats: Cat[] = [];
  for (const tc of line.vatCategories) {
    const k = cat(tc);
    cats.push(k);
    out.lineCats.push({ code: k.code, raw: k.raw, vat: k.vat, rate: k.rate, rates: k.rates, tc, line });
  }
  for (const ac of line.allowances) addAc(out, ac, false);
  for (const ac of line.charges) addAc(out, ac, false);
  if (line.price) for (const ac of line.price.allowanceCharges) addAc(out, ac, false);
  for (const s of line.subLines) addLine(out, s);
  return cats;
}

function amountOf(f: readonly Field[]): Decimal | null | undefined {
  const v = f[0];
  return v === undefined ? null : pd(v.value);
}

function isVatScheme(cii: boolean, s: string): boolean {
  return cii ? s === 'VA' : s === 'VAT' || nsp(s.toUpperCase()) === 'VAT';
}

function partyHas(p: Party | undefined, cii: boolean, vatOnly: boolean): boolean {
  if (p === undefined) return false;
  for (const r of p.taxRegistrations) {
    if (r.id.length === 0) continue;
    const s = r.schemeValue;
    if (vatOnly ? isVatScheme(cii, s) : !cii || s === 'VA' || s === 'FC') return true;
  }
  return false;
}

function build(doc: ParsedDocument): Ctx {
  const inv = doc.invoice;
  const cii = doc.syntax === 'cii';
  const byLocal = treeIndex(doc).byLocal;

  const out = { acCats: [] as AcCat[], docAcCats: [] as AcCat[], lineCats: [] as LineCat[] };
  const docAcItems: AmountItem[] = [];
  for (const list of [inv.allowances, inv.charges]) {
    for (const ac of list) {
      addAc(out, ac, true);
      docAcItems.push({ cats: ac.taxCategories.map(cat), amount: amountOf(ac.amount), isCharge: ac.isCharge });
    }
  }
  const lineItems: AmountItem[] = [];
  for (const line of inv.lines) lineItems.push({ cats: addLine(out, line), amount: amountOf(line.netAmount), isCharge: false });

  const bd: BdCat[] = [];
  for (const b of inv.vatBreakdown) {
    const k = cat(b.category);
    bd.push({ code: k.code, raw: k.raw, vat: k.vat, rate: k.rate, rates: k.rates, tc: k.tc, b });
  }
  const codes = new Set<string>();
  for (const list of [out.lineCats, out.acCats, bd] as Cat[][]) for (const x of list) { codes.add(x.code); codes.add(x.raw); }
  return {
    doc, inv, cii, root: doc.root, byLocal, memo: new Map(), memoCounts: new Map(), codes,
    lineCats: out.lineCats, acCats: out.acCats, docAcCats: out.docAcCats, bd, lineItems, docAcItems,
    sellerAnyTaxReg: partyHas(inv.seller, cii, false),
    sellerVat: partyHas(inv.seller, cii, true),
    taxRepVat: partyHas(inv.taxRepresentative, cii, true),
    buyerVat: partyHas(inv.buyer, cii, true),
    buyerLegalId: inv.buyer.legalRegistrationId.length > 0,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

/** Elements with a local name, optionally filtered by the local name of the parent. */
export function els(c: Ctx, local: string, parentLocal?: string): XmlElement[] {
  const l = c.byLocal.get(local);
  if (l === undefined) return EMPTY;
  if (parentLocal === undefined) return l;
  let m = c.memo.get(parentLocal);
  if (m === undefined) { m = new Map(); c.memo.set(parentLocal, m); }
  let r = m.get(local);
  if (r === undefined) {
    r = l.filter((e) => e.parent !== null && e.parent.local === parentLocal);
    m.set(local, r);
  }
  return r;
}

const EMPTY: XmlElement[] = [];

/** xs:decimal of the first field (undefined when absent or not a decimal). */
export function dec(fields: readonly Field[]): Decimal | undefined {
  const f = fields[0];
  return f === undefined ? undefined : pd(f.value);
}

/** XPath `string-length(substring-after(x, '.')) <= 2` on the first field (true when absent). */
export function maxTwoDecimals(fields: readonly Field[]): boolean {
  const f = fields[0];
  if (f === undefined) return true;
  const i = f.value.indexOf('.');
  return i < 0 || f.value.length - i - 1 <= 2;
}

/** XPath `normalize-space(x) != ''` on the first field. */
export function filled(fields: readonly Field[]): boolean {
  const f = fields[0];
  if (f === undefined) return false;
  const v = f.value;
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) return true;
  }
  return false;
}

/** Value of an xs:boolean-ish ChargeIndicator: true, false or undefined when not a boolean. */
export function bool(fields: readonly Field[]): boolean | undefined {
  const f = fields[0];
  if (f === undefined) return undefined;
  const v = f.value.trim();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

/** Numeric comparison of an untyped value with a number, XPath style (NaN → false). */
export function num(fields: readonly Field[]): number {
  const f = fields[0];
  if (f === undefined) return NaN;
  const t = f.value.trim();
  return t === '' ? NaN : Number(t);
}

/** Builds a rule. */
export function rule(id: string, severity: Severity, sv: string, en: string, check: (c: Ctx, fail: (location: string) => void) => void): Rule {
  return { id, severity, sv, en, check: (doc, fail) => check(ctx(doc), fail) };
}

export function fatal(id: string, sv: string, en: string, check: (c: Ctx, fail: (location: string) => void) => void): Rule {
  return rule(id, 'fatal', sv, en, check);
}
