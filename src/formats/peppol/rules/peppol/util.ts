// Shared helpers for the Peppol BIS Billing 3 rules (PEPPOL-*) and the national rules: one walk of the
// element tree per document (cached), XPath-like value helpers and the country variables of the artefacts.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS, normalizeSpace } from '../../model.ts';
import type { Rule, Severity } from '../types.ts';
import { treeIndex, perDocument, type TreeIndex } from '../../tree-index.ts';

/** Defines a rule. */
export function rule(id: string, severity: Severity, sv: string, en: string, check: Rule['check']): Rule {
  return { id, severity, sv, en, check };
}

/** Local names the rules look up anywhere in the document (a guard against typos: `elements` refuses others). */
const WANTED = new Set([
  // UBL
  'AccountingCustomerParty', 'AccountingSupplierParty', 'AllowanceCharge', 'ClassifiedTaxCategory', 'CreditNoteLine', 'InvoiceLine',
  'InvoicePeriod', 'LegalMonetaryTotal', 'OrderLineReference', 'PartyIdentification', 'PaymentMeans', 'Price', 'TaxCategory',
  'CompanyID', 'CreditNoteTypeCode', 'EmbeddedDocumentBinaryObject', 'EndpointID', 'InvoiceTypeCode', 'TaxAmount', 'TaxCurrencyCode',
  'Amount', 'BaseAmount', 'PriceAmount', 'TaxableAmount', 'LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount',
  'AllowanceTotalAmount', 'ChargeTotalAmount', 'PrepaidAmount', 'PayableRoundingAmount', 'PayableAmount',
  'IssueDate', 'DueDate', 'TaxPointDate', 'StartDate', 'EndDate', 'ActualDeliveryDate',
  // CII
  'DateTimeString', 'ApplicableHeaderTradeAgreement', 'ApplicableHeaderTradeSettlement', 'ApplicableTradeTax', 'AppliedTradeAllowanceCharge',
  'AttachmentBinaryObject', 'BuyerTradeParty', 'CategoryTradeTax', 'GrossPriceProductTradePrice', 'IncludedSupplyChainTradeLineItem',
  'InvoiceReferencedDocument', 'NetPriceProductTradePrice', 'SellerTradeParty', 'SpecifiedTradeAllowanceCharge',
  'SpecifiedTradeSettlementPaymentMeans', 'TaxTotalAmount',
]);

/** The document's shared tree index (one walk per document, see ../../tree-index.ts). */
export function index(doc: ParsedDocument): TreeIndex {
  return treeIndex(doc);
}

/** The shared empty result (frozen: results are read-only). */
const EMPTY: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/** Elements with local name `local` in namespace `ns`, document order. */
export function elements(doc: ParsedDocument, ns: string, local: string): XmlElement[] {
  if (!WANTED.has(local)) throw new Error(`rules/peppol/util.ts: add '${local}' to WANTED`);
  const list = index(doc).byLocal.get(local);
  if (list === undefined) return EMPTY;
  let allSame = true;
  for (const e of list) if (e.ns !== ns) { allSame = false; break; }
  return allSame ? list : list.filter((e) => e.ns === ns);
}

export const cbc = (doc: ParsedDocument, local: string): XmlElement[] => elements(doc, NS.cbc, local);
export const cac = (doc: ParsedDocument, local: string): XmlElement[] => elements(doc, NS.cac, local);
export const ram = (doc: ParsedDocument, local: string): XmlElement[] => elements(doc, NS.ram, local);

/** Child elements by namespace and local name. */
export function kids(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  if (el === undefined) return EMPTY;
  let out: XmlElement[] | undefined;
  for (const c of el.children) if (c.local === local && c.ns === ns) (out ??= []).push(c);
  return out ?? EMPTY;
}

/** First child element by namespace and local name. */
export function kid(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  for (const c of el.children) if (c.local === local && c.ns === ns) return c;
  return undefined;
}

/** Elements reached by a path of [ns, local] steps. */
export function at(el: XmlElement | undefined, ...steps: [string, string][]): XmlElement[] {
  if (el === undefined) return EMPTY;
  // While every step matches one element, no intermediate list is allocated.
  let single: XmlElement = el;
  let cur: XmlElement[] | undefined;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    const ns = step[0];
    const local = step[1];
    if (cur === undefined) {
      let found: XmlElement | undefined;
      let many: XmlElement[] | undefined;
      for (const k of single.children) {
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
      for (const c of cur) for (const k of c.children) if (k.local === local && k.ns === ns) next.push(k);
      if (next.length === 0) return EMPTY;
      if (next.length === 1) { single = next[0]!; cur = undefined; } else cur = next;
    }
  }
  return cur ?? [single];
}

/** XPath `number()` of a string: xs:double lexical form (surrounding blanks allowed), else NaN. */
export function xpathNumber(s: string | undefined): number {
  if (s === undefined) return NaN;
  const t = s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (t === 'INF' || t === '+INF') return Infinity;
  if (t === '-INF') return -Infinity;
  return NaN;
}

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

/** The seller party element (UBL root/cac:AccountingSupplierParty/cac:Party, CII the first ram:SellerTradeParty of the header agreement). */
export function sellerPartyEl(doc: ParsedDocument): XmlElement | undefined {
  if (doc.syntax === 'cii') return at(doc.root, [NS.rsm, 'SupplyChainTradeTransaction'], [NS.ram, 'ApplicableHeaderTradeAgreement'], [NS.ram, 'SellerTradeParty'])[0];
  return at(doc.root, [NS.cac, 'AccountingSupplierParty'], [NS.cac, 'Party'])[0];
}

/** The buyer party element. */
export function buyerPartyEl(doc: ParsedDocument): XmlElement | undefined {
  if (doc.syntax === 'cii') return at(doc.root, [NS.rsm, 'SupplyChainTradeTransaction'], [NS.ram, 'ApplicableHeaderTradeAgreement'], [NS.ram, 'BuyerTradeParty'])[0];
  return at(doc.root, [NS.cac, 'AccountingCustomerParty'], [NS.cac, 'Party'])[0];
}

/** Postal country code element(s) of a party element. */
export function partyCountryEls(doc: ParsedDocument, party: XmlElement | undefined): XmlElement[] {
  if (doc.syntax === 'cii') return at(party, [NS.ram, 'PostalTradeAddress'], [NS.ram, 'CountryID']);
  return at(party, [NS.cac, 'PostalAddress'], [NS.cac, 'Country'], [NS.cbc, 'IdentificationCode']);
}

/**
 * The artefacts' `$supplierCountry`: country prefix of the seller VAT identifier, else of the tax
 * representative's VAT identifier, else the seller's postal country; upper-case; 'XX' when none.
 */
export function supplierCountry(doc: ParsedDocument): string {
  const seller = sellerPartyEl(doc);
  let p = vatPrefix(doc, seller);
  if (p === undefined) {
    const rep = doc.syntax === 'cii'
      ? at(doc.root, [NS.rsm, 'SupplyChainTradeTransaction'], [NS.ram, 'ApplicableHeaderTradeAgreement'], [NS.ram, 'SellerTaxRepresentativeTradeParty'])[0]
      : kid(doc.root, NS.cac, 'TaxRepresentativeParty');
    p = vatPrefix(doc, rep);
  }
  if (p !== undefined) return normalizeSpace(p).toUpperCase();
  const c = partyCountryEls(doc, seller)[0];
  return c === undefined ? 'XX' : normalizeSpace(c.text).toUpperCase();
}

/** The artefacts' `$customerCountry` (UBL): buyer VAT prefix, else buyer postal country; 'XX' when none. */
export function customerCountry(doc: ParsedDocument): string {
  const buyer = buyerPartyEl(doc);
  const p = vatPrefix(doc, buyer);
  if (p !== undefined) return normalizeSpace(p).toUpperCase();
  const c = partyCountryEls(doc, buyer)[0];
  return c === undefined ? 'XX' : normalizeSpace(c.text).toUpperCase();
}

/** Country facts of a document, computed once per document and only when asked (the national rules gate on them). */
export type Facts = {
  /** `$supplierCountry` (VAT prefix, tax representative, postal country; upper-case; 'XX'). */
  readonly supplierCountry: string;
  /** `$customerCountry`. */
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
  constructor(doc: ParsedDocument) {
    this.doc = doc;
    const seller = partyCountryEls(doc, sellerPartyEl(doc)).map((e) => e.text);
    const buyer = partyCountryEls(doc, buyerPartyEl(doc)).map((e) => e.text);
    this.sellerPostalRaw = seller[0] ?? '';
    this.buyerPostalRaw = buyer[0] ?? '';
    this.sellerPostalAll = seller;
    this.buyerPostalAll = buyer;
  }
  get supplierCountry(): string { return (this.supplier ??= supplierCountry(this.doc)); }
  get customerCountry(): string { return (this.customer ??= customerCountry(this.doc)); }
  get sellerVatPrefix(): string { return (this.sellerVat ??= normalizeSpace(vatPrefix(this.doc, sellerPartyEl(this.doc)) ?? '').toUpperCase()); }
}

/** Country facts of the document (built once per document). */
export const facts = perDocument((doc: ParsedDocument): Facts => new DocFacts(doc));
