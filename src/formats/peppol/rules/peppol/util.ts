// Shared helpers for the Peppol BIS Billing 3 rules (PEPPOL-*) and the national rules: one walk of the
// element tree per document (cached), XPath-like value helpers and the country variables of the artefacts.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { BUCKET_MIN, NS, bucket, normalizeSpace } from '../../model.ts';
import type { Rule, Severity } from '../types.ts';
import { treeIndex, perDocument, type TreeIndex } from '../../tree-index.ts';

/** Defines a rule. */
export function rule(id: string, severity: Severity, sv: string, en: string, check: Rule['check']): Rule {
  return { id, severity, sv, en, check };
}

/** Local names the rules look up anywhere in the document (a guard against typos: `elements` takes only these). */
export type IndexedName =
  // UBL
  | 'AccountingCustomerParty' | 'AccountingSupplierParty' | 'AllowanceCharge' | 'ClassifiedTaxCategory' | 'CreditNoteLine' | 'InvoiceLine'
  | 'InvoicePeriod' | 'LegalMonetaryTotal' | 'OrderLineReference' | 'PartyIdentification' | 'PaymentMeans' | 'Price' | 'TaxCategory'
  | 'CompanyID' | 'CreditNoteTypeCode' | 'EmbeddedDocumentBinaryObject' | 'EndpointID' | 'InvoiceTypeCode' | 'TaxAmount' | 'TaxCurrencyCode'
  | 'Amount' | 'BaseAmount' | 'PriceAmount' | 'TaxableAmount' | 'LineExtensionAmount' | 'TaxExclusiveAmount' | 'TaxInclusiveAmount'
  | 'AllowanceTotalAmount' | 'ChargeTotalAmount' | 'PrepaidAmount' | 'PayableRoundingAmount' | 'PayableAmount'
  | 'IssueDate' | 'DueDate' | 'TaxPointDate' | 'StartDate' | 'EndDate' | 'ActualDeliveryDate'
  // CII
  | 'DateTimeString' | 'ApplicableHeaderTradeAgreement' | 'ApplicableHeaderTradeSettlement' | 'ApplicableTradeTax' | 'AppliedTradeAllowanceCharge'
  | 'AttachmentBinaryObject' | 'BuyerTradeParty' | 'CategoryTradeTax' | 'GrossPriceProductTradePrice' | 'IncludedSupplyChainTradeLineItem'
  | 'InvoiceReferencedDocument' | 'NetPriceProductTradePrice' | 'SellerTradeParty' | 'SpecifiedTradeAllowanceCharge'
  | 'SpecifiedTradeSettlementPaymentMeans' | 'TaxTotalAmount';

/** The document's shared tree index (one walk per document, see ../../tree-index.ts). */
export function index(doc: ParsedDocument): TreeIndex {
  return treeIndex(doc);
}

/** The shared empty result. The helpers return `readonly` arrays, so the compiler keeps rules from mutating it; it is
 * deliberately not frozen: a frozen array has its own elements kind, which makes every loop over a helper's result
 * polymorphic (measured: frozen costs ~3 % of the rules' time). */
export const EMPTY: XmlElement[] = [];

/** Elements with local name `local` in namespace `ns`, document order. */
export function elements(doc: ParsedDocument, ns: string, local: IndexedName): readonly XmlElement[] {
  const list = index(doc).byLocal.get(local);
  if (list === undefined) return EMPTY;
  let allSame = true;
  for (let i = 0; i < list.length; i++) if (list[i]!.ns !== ns) { allSame = false; break; }
  return allSame ? list : list.filter((e) => e.ns === ns);
}

export const cbc = (doc: ParsedDocument, local: IndexedName): readonly XmlElement[] => elements(doc, NS.cbc, local);
export const cac = (doc: ParsedDocument, local: IndexedName): readonly XmlElement[] => elements(doc, NS.cac, local);
export const ram = (doc: ParsedDocument, local: IndexedName): readonly XmlElement[] => elements(doc, NS.ram, local);

/** The children of `el` that may be named `local`: for an element with many children (the UBL root with its
 * lines) its children grouped by local name (../../model.ts `bucket`, built once), else all its children. */
function candidates(el: XmlElement, local: string): readonly XmlElement[] | undefined {
  const all = el.children;
  return all.length <= BUCKET_MIN ? all : bucket(el).get(local);
}

/** Child elements by namespace and local name. */
export function kids(el: XmlElement | undefined, ns: string, local: string): readonly XmlElement[] {
  if (el === undefined) return EMPTY;
  const list = candidates(el, local);
  if (list === undefined) return EMPTY;
  let out: XmlElement[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c.local === local && c.ns === ns) (out ??= []).push(c);
  }
  return out ?? EMPTY;
}

/** First child element by namespace and local name. */
export function kid(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  const list = candidates(el, local);
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c.local === local && c.ns === ns) return c;
  }
  return undefined;
}

/** Elements reached by a path of [ns, local] steps. */
export function at(el: XmlElement | undefined, ...steps: [string, string][]): readonly XmlElement[] {
  if (el === undefined) return EMPTY;
  // While every step matches one element, no intermediate list is allocated.
  let single: XmlElement = el;
  let cur: readonly XmlElement[] | undefined;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    const ns = step[0];
    const local = step[1];
    if (cur === undefined) {
      let found: XmlElement | undefined;
      let many: XmlElement[] | undefined;
      const list = candidates(single, local);
      if (list === undefined) return EMPTY;
      for (let i = 0; i < list.length; i++) {
        const k = list[i]!;
        if (k.local !== local || k.ns !== ns) continue;
        if (found === undefined) found = k;
        else if (many === undefined) many = [found, k];
        else many.push(k);
      }
      if (found === undefined) return EMPTY;
      if (many === undefined) single = found;
      else cur = many;
    } else {
      const next: XmlElement[] = [];
      for (const c of cur) {
        const list = candidates(c, local);
        if (list === undefined) continue;
        for (let i = 0; i < list.length; i++) {
          const k = list[i]!;
          if (k.local === local && k.ns === ns) next.push(k);
        }
      }
      if (next.length === 0) return EMPTY;
      if (next.length === 1) { single = next[0]!; cur = undefined; } else cur = next;
    }
  }
  return cur ?? [single];
}

const isXmlBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
/** True for the character codes of '0'…'9'. */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** XPath `number()` of a string: xs:double lexical form (surrounding blanks allowed), else NaN. Scanned by hand:
 * it runs for many values of every document, a regex replace + test allocated each time. */
export function xpathNumber(s: string | undefined): number {
  if (s === undefined) return NaN;
  let i = 0;
  let end = s.length;
  while (i < end && isXmlBlank(s.charCodeAt(i))) i++;
  while (end > i && isXmlBlank(s.charCodeAt(end - 1))) end--;
  // [+-]? (digits ('.' digits?)? | '.' digits) ([eE] [+-]? digits)?
  let k = i;
  let c = s.charCodeAt(k);
  if (c === 43 || c === 45) c = s.charCodeAt(++k);
  let mantissa = 0;
  while (k < end && isDigitCode(s.charCodeAt(k))) { k++; mantissa++; }
  if (k < end && s.charCodeAt(k) === 46) {
    k++;
    while (k < end && isDigitCode(s.charCodeAt(k))) { k++; mantissa++; }
  }
  if (mantissa > 0 && k < end && (s.charCodeAt(k) | 32) === 101) {
    k++;
    c = s.charCodeAt(k);
    if (c === 43 || c === 45) k++;
    let exp = 0;
    while (k < end && isDigitCode(s.charCodeAt(k))) { k++; exp++; }
    if (exp === 0) mantissa = 0;
  }
  // JS Number() accepts this form too and trims the same blanks (a superset of XML's)
  if (mantissa > 0 && k === end) return Number(s);
  const t = s.slice(i, end);
  if (t === 'INF' || t === '+INF') return Infinity;
  if (t === '-INF') return -Infinity;
  return NaN;
}


/** XPath normalize-space() (../../model.ts: no allocation when the text is already normalized). */
export { normalizeSpace };

/** First VAT identifier prefix of a party (UBL PartyTaxScheme[TaxScheme/ID = 'VAT']/CompanyID, CII SpecifiedTaxRegistration/ID[@schemeID = 'VAT']). */
function vatPrefix(doc: ParsedDocument, party: XmlElement | undefined): string | undefined {
  if (party === undefined) return undefined;
  if (doc.syntax === 'cii') {
    for (const reg of kids(party, NS.ram, 'SpecifiedTaxRegistration')) {
      for (const id of kids(reg, NS.ram, 'ID')) if (id.attributes.schemeID === 'VAT' && id.text.slice(0, 2) !== '') return id.text.slice(0, 2);
    }
    return undefined;
  }
  for (const pts of kids(party, NS.cac, 'PartyTaxScheme')) {
    if (!at(pts, [NS.cac, 'TaxScheme'], [NS.cbc, 'ID']).some((s) => s.text === 'VAT')) continue;
    for (const id of kids(pts, NS.cbc, 'CompanyID')) if (id.text.slice(0, 2) !== '') return id.text.slice(0, 2);
  }
  return undefined;
}

/** The seller party element (UBL root/cac:AccountingSupplierParty/cac:Party, CII the first ram:SellerTradeParty of
 * the header agreement); once per document. */
export const sellerPartyEl = perDocument((doc: ParsedDocument): XmlElement | undefined => {
  if (doc.syntax === 'cii') return at(doc.root, [NS.rsm, 'SupplyChainTradeTransaction'], [NS.ram, 'ApplicableHeaderTradeAgreement'], [NS.ram, 'SellerTradeParty'])[0];
  return at(doc.root, [NS.cac, 'AccountingSupplierParty'], [NS.cac, 'Party'])[0];
});

/** The buyer party element; once per document. */
export const buyerPartyEl = perDocument((doc: ParsedDocument): XmlElement | undefined => {
  if (doc.syntax === 'cii') return at(doc.root, [NS.rsm, 'SupplyChainTradeTransaction'], [NS.ram, 'ApplicableHeaderTradeAgreement'], [NS.ram, 'BuyerTradeParty'])[0];
  return at(doc.root, [NS.cac, 'AccountingCustomerParty'], [NS.cac, 'Party'])[0];
});

/** Postal country code element(s) of a party element. */
export function partyCountryEls(doc: ParsedDocument, party: XmlElement | undefined): readonly XmlElement[] {
  if (doc.syntax === 'cii') return at(party, [NS.ram, 'PostalTradeAddress'], [NS.ram, 'CountryID']);
  return at(party, [NS.cac, 'PostalAddress'], [NS.cac, 'Country'], [NS.cbc, 'IdentificationCode']);
}

/** A country from a VAT prefix, else from the first postal country element: normalized, upper-case; 'XX' when none. */
function countryOf(prefix: string | undefined, postal: string | undefined): string {
  if (prefix !== undefined) return normalizeSpace(prefix).toUpperCase();
  return postal === undefined ? 'XX' : normalizeSpace(postal).toUpperCase();
}

/** Country facts of a document, computed once per document and only when asked (the national rules gate on them). */
export type Facts = {
  /**
   * The artefacts' `$supplierCountry`: country prefix of the seller VAT identifier, else of the tax
   * representative's VAT identifier, else the seller's postal country; upper-case; 'XX' when none.
   */
  readonly supplierCountry: string;
  /** The artefacts' `$customerCountry` (UBL): buyer VAT prefix, else buyer postal country; 'XX' when none. */
  readonly customerCountry: string;
  /** Upper-cased VAT prefix of the seller ('' when none), for `$accountingSupplierCountry`. */
  readonly sellerVatPrefix: string;
  /** Seller postal country code as written (first occurrence), '' when absent. */
  readonly sellerPostalRaw: string;
  /** Buyer postal country code as written (first occurrence), '' when absent. */
  readonly buyerPostalRaw: string;
  /** All seller / buyer postal country codes as written. */
  readonly sellerPostalAll: string[];
  readonly buyerPostalAll: string[];
};

const texts = (els: readonly XmlElement[]): string[] => {
  const out: string[] = [];
  for (const e of els) out.push(e.text);
  return out;
};

/** Lazily computed country facts (a class: one hidden class for all documents, no closures per document). */
class DocFacts implements Facts {
  readonly sellerPostalRaw: string;
  readonly buyerPostalRaw: string;
  readonly sellerPostalAll: string[];
  readonly buyerPostalAll: string[];
  private readonly doc: ParsedDocument;
  private supplier: string | undefined = undefined;
  private customer: string | undefined = undefined;
  private sellerVat: string | undefined = undefined;
  /** The seller's raw VAT prefix; null when it has none (shared by `supplierCountry` and `sellerVatPrefix`). */
  private sellerVatRaw: string | null | undefined = undefined;
  constructor(doc: ParsedDocument) {
    this.doc = doc;
    const seller = texts(partyCountryEls(doc, sellerPartyEl(doc)));
    const buyer = texts(partyCountryEls(doc, buyerPartyEl(doc)));
    this.sellerPostalRaw = seller[0] ?? '';
    this.buyerPostalRaw = buyer[0] ?? '';
    this.sellerPostalAll = seller;
    this.buyerPostalAll = buyer;
  }
  private sellerPrefix(): string | undefined {
    if (this.sellerVatRaw === undefined) this.sellerVatRaw = vatPrefix(this.doc, sellerPartyEl(this.doc)) ?? null;
    return this.sellerVatRaw ?? undefined;
  }
  get supplierCountry(): string {
    if (this.supplier === undefined) {
      const doc = this.doc;
      let p = this.sellerPrefix();
      if (p === undefined) {
        const rep = doc.syntax === 'cii'
          ? at(doc.root, [NS.rsm, 'SupplyChainTradeTransaction'], [NS.ram, 'ApplicableHeaderTradeAgreement'], [NS.ram, 'SellerTaxRepresentativeTradeParty'])[0]
          : kid(doc.root, NS.cac, 'TaxRepresentativeParty');
        p = vatPrefix(doc, rep);
      }
      this.supplier = countryOf(p, this.sellerPostalAll[0]);
    }
    return this.supplier;
  }
  get customerCountry(): string {
    return (this.customer ??= countryOf(vatPrefix(this.doc, buyerPartyEl(this.doc)), this.buyerPostalAll[0]));
  }
  get sellerVatPrefix(): string { return (this.sellerVat ??= normalizeSpace(this.sellerPrefix() ?? '').toUpperCase()); }
}

/** Country facts of the document (built once per document). */
export const facts = perDocument((doc: ParsedDocument): Facts => new DocFacts(doc));

/**
 * A country's rules behind one gate. `applies` runs once per document (cached) and must be a necessary condition
 * of every rule in the list (each file says why), so a document from another country costs one cached check
 * per rule (`Rule.gate`, tested by `runRules` before the call) instead of the rule's own country test.
 */
export function gatedRules(applies: (doc: ParsedDocument) => boolean, rules: readonly Rule[]): Rule[] {
  const gate = perDocument(applies);
  return rules.map((r) => {
    const check = r.check;
    return { ...rule(r.id, r.severity, r.sv, r.en, (doc, fail) => { if (gate(doc)) check(doc, fail); }), gate };
  });
}

/** Some element's text equals `value` exactly (XPath `els = 'value'` on untyped text); no closure per call. */
export function someText(els: readonly XmlElement[], value: string): boolean {
  for (let i = 0; i < els.length; i++) if (els[i]!.text === value) return true;
  return false;
}
