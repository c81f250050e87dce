// Per-document facts shared by the EN 16931 rules, computed once per ParsedDocument (one-slot cache) so that
// the 221 rules stay simple loops. The official artefacts (CEN validation 1.3.16) have one binding per syntax;
// where the UBL and CII bindings differ the rules branch on `c.cii`.
import type { AllowanceCharge, Field, Invoice, Line, ParsedDocument, Party, TaxCategory, VatBreakdown, XmlElement } from '../../model.ts';
import { normalizeSpace } from '../../model.ts';
import type { ElementsByLocal } from '../../../xml/types.ts';
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
  rate: readonly Field[];
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
  byLocal: ElementsByLocal;
  /** Category occurrence counts (vat.ts, computed on first use). */
  counts: Map<string, CatCounts> | undefined;
  /** Every category code written anywhere (normalized and raw), for early exits. */
  codes: Set<string>;
  /** Every line VAT category written (BT-151), all occurrences. */
  lineCats: LineCat[];
  /** Tax categories of all allowances/charges (document level, line level and price level). */
  acCats: AcCat[];
  /** Document level allowances/charges tax categories only. */
  docAcCats: AcCat[];
  /** VAT breakdowns with their category, in the order of `inv.vatBreakdown`. */
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

/** Occurrences of one category value (keyed by the normalized code or the raw code, see vat.ts `counts`). */
export type CatCounts = {
  /** Breakdowns by normalized code (any scheme / VAT scheme). */
  bd: number; bdv: number;
  /** Breakdowns by raw code (any scheme / VAT scheme). */
  bdr: number; bdrv: number;
  /** All allowance/charge categories by normalized code (any scheme / VAT scheme), document level ones by raw code. */
  ac: number; acv: number; dacr: number;
  /** Line categories by normalized code (any scheme / VAT scheme) and by raw code. */
  ln: number; lnv: number; lnr: number;
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

/** parseDecimal (which caches by the raw string: amount strings repeat a lot). */
export const pd = parseDecimal;

/** The category is in the VAT scheme: UBL `upper-case(normalize-space(cac:TaxScheme/cbc:ID)) = 'VAT'` (CII: TypeCode). */
export function vatScheme(tc: TaxCategory): boolean {
  for (const f of tc.taxScheme) {
    const v = f.value;
    if (v === 'VAT' || nsp(v.toUpperCase()) === 'VAT') return true;
  }
  return false;
}

/** `exists(TaxCategory[VAT scheme]/ID)`. */
export function hasVatCode(tcs: readonly TaxCategory[]): boolean {
  for (let i = 0; i < tcs.length; i++) { const tc = tcs[i]!; if (tc.code.length > 0 && vatScheme(tc)) return true; }
  return false;
}

/** The category code as the rules compare it: UBL normalize-space(ID), CII the raw CategoryCode ('' when absent). */
export function codeOf(tc: TaxCategory, cii: boolean): string {
  const f = tc.code[0];
  return f === undefined ? '' : cii ? f.value : nsp(f.value);
}

// Lists built here are read-only for the rules: empty ones are shared, and one-element ones (the usual case) are
// array literals. (An empty array grown by `push` gets room for 17 elements: ~180 bytes instead of ~60.)
const NO_RATES: Decimal[] = [];
const NO_CATS: Cat[] = [];

/** The rates of a category that are decimals (for rate matching). */
function ratesOf(tc: TaxCategory): Decimal[] {
  const n = tc.rate.length;
  if (n === 0) return NO_RATES;
  if (n === 1) {
    const d = pd(tc.rate[0]!.value);
    return d === undefined ? NO_RATES : [d];
  }
  const rates: Decimal[] = [];
  for (let i = 0; i < n; i++) { const d = pd(tc.rate[i]!.value); if (d !== undefined) rates.push(d); }
  return rates;
}

// The three category views are built directly (one object each, same leading fields) rather than from a shared
// `Cat` copied into a wider object.
function acCat(tc: TaxCategory, ac: AllowanceCharge, docLevel: boolean): AcCat {
  const f = tc.code[0];
  return { code: f === undefined ? '' : nsp(f.value), raw: f === undefined ? '' : f.value, vat: vatScheme(tc), rate: tc.rate, rates: ratesOf(tc), tc, ac, isCharge: ac.isCharge, docLevel };
}

function lineCat(tc: TaxCategory, line: Line): LineCat {
  const f = tc.code[0];
  return { code: f === undefined ? '' : nsp(f.value), raw: f === undefined ? '' : f.value, vat: vatScheme(tc), rate: tc.rate, rates: ratesOf(tc), tc, line };
}

function bdCat(b: VatBreakdown): BdCat {
  const tc = b.category;
  const f = tc.code[0];
  return { code: f === undefined ? '' : nsp(f.value), raw: f === undefined ? '' : f.value, vat: vatScheme(tc), rate: tc.rate, rates: ratesOf(tc), tc, b };
}

type Collect = { acCats: AcCat[]; docAcCats: AcCat[]; lineCats: LineCat[] };

/** Adds the categories of an allowance/charge; returns them (the AmountItem view of a document level one). */
function addAc(out: Collect, ac: AllowanceCharge, docLevel: boolean): Cat[] {
  const tcs = ac.taxCategories;
  let cats = NO_CATS;
  for (let i = 0; i < tcs.length; i++) {
    const x = acCat(tcs[i]!, ac, docLevel);
    if (i === 0) cats = [x];
    else cats.push(x);
    out.acCats.push(x);
    if (docLevel) out.docAcCats.push(x);
  }
  return cats;
}

function addLine(out: Collect, line: Line): Cat[] {
  const tcs = line.vatCategories;
  let cats = NO_CATS;
  for (let i = 0; i < tcs.length; i++) {
    const x = lineCat(tcs[i]!, line);
    if (i === 0) cats = [x];
    else cats.push(x);
    out.lineCats.push(x);
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

function addCodes(codes: Set<string>, list: readonly Cat[]): void {
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    codes.add(x.code);
    if (x.raw !== x.code) codes.add(x.raw);
  }
}

function build(doc: ParsedDocument): Ctx {
  const inv = doc.invoice;
  const cii = doc.syntax === 'cii';
  const byLocal = treeIndex(doc).byLocal;

  const out: Collect = { acCats: [], docAcCats: [], lineCats: [] };
  const docAcItems: AmountItem[] = [];
  for (const ac of inv.allowances) docAcItems.push({ cats: addAc(out, ac, true), amount: amountOf(ac.amount), isCharge: ac.isCharge });
  for (const ac of inv.charges) docAcItems.push({ cats: addAc(out, ac, true), amount: amountOf(ac.amount), isCharge: ac.isCharge });
  const lineItems: AmountItem[] = [];
  for (const line of inv.lines) lineItems.push({ cats: addLine(out, line), amount: amountOf(line.netAmount), isCharge: false });

  const bd: BdCat[] = [];
  for (const b of inv.vatBreakdown) bd.push(bdCat(b));
  const codes = new Set<string>();
  addCodes(codes, out.lineCats);
  addCodes(codes, out.acCats);
  addCodes(codes, bd);
  return {
    doc, inv, cii, root: doc.root, byLocal, counts: undefined, codes,
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

/** Elements with a local name, optionally filtered by the local name of the parent. (Not memoized: almost every
 * pair is asked for by one rule only, and filtering a short list costs less than a memo lookup.) */
export function els(c: Ctx, local: string, parentLocal?: string): XmlElement[] {
  const l = c.byLocal.get(local);
  if (l === undefined) return EMPTY;
  if (parentLocal === undefined) return l;
  let r: XmlElement[] | undefined;
  for (let i = 0; i < l.length; i++) {
    const e = l[i]!;
    if (e.parent !== null && e.parent.local === parentLocal) (r ??= []).push(e);
  }
  return r ?? EMPTY;
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
  return f === undefined ? undefined : boolText(f.value);
}

/** `bool` of one value. */
export function boolText(s: string): boolean | undefined {
  const v = s.trim();
  return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : undefined;
}

/** Numeric comparison of an untyped value with a number, XPath style (NaN → false). */
export function num(fields: readonly Field[]): number {
  const f = fields[0];
  return f === undefined ? NaN : numText(f.value);
}

/** `num` of one value. */
export function numText(s: string): number {
  const t = s.trim();
  return t === '' ? NaN : Number(t);
}

/** Some field of the list compares true with `op` against 0 (XPath `x op 0` on a node set). */
export function someNum(fields: readonly Field[], op: '>' | '>=' | '='): boolean {
  for (let i = 0; i < fields.length; i++) {
    const v = numText(fields[i]!.value);
    if (op === '>' ? v > 0 : op === '>=' ? v >= 0 : v === 0) return true;
  }
  return false;
}

/** Builds a rule. The check is the rule's own entry point and starts with `const c = ctx(doc)` (an inlined
 * one-slot cache test) rather than being wrapped in a shared closure: one call per rule instead of two. */
export function rule(id: string, severity: Severity, sv: string, en: string, check: Rule['check']): Rule {
  return { id, severity, sv, en, check };
}

export function fatal(id: string, sv: string, en: string, check: Rule['check']): Rule {
  return rule(id, 'fatal', sv, en, check);
}

/** A fatal rule that only runs when the category `code` is written somewhere in the document (most documents use
 * one or two categories, so most category rules stop here). The test is also the rule's `gate`, one function per
 * code: the rules of a family sit side by side, so `runRules` skips a whole absent family after one call instead
 * of calling each of its rules; the rule's own entry point tests it as well (a rule called alone). */
export function fatalIfCode(code: string, id: string, sv: string, en: string, check: (c: Ctx, fail: (location: string) => void) => void): Rule {
  return {
    id, severity: 'fatal', sv, en,
    check: (doc, fail) => {
      const c = ctx(doc);
      if (c.codes.has(code)) check(c, fail);
    },
    gate: codeGate(code),
  };
}

const codeGates = new Map<string, (doc: ParsedDocument) => boolean>();

/** The shared gate of the rules of one category code (see `fatalIfCode`). */
function codeGate(code: string): (doc: ParsedDocument) => boolean {
  let g = codeGates.get(code);
  if (g === undefined) {
    g = (doc: ParsedDocument): boolean => ctx(doc).codes.has(code);
    codeGates.set(code, g);
  }
  return g;
}
