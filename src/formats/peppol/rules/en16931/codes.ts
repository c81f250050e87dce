// EN 16931 code list rules BR-CL-*, with the contexts of the CEN artefacts (1.3.16) for UBL and CII.
// The lists are the generated Peppol BIS 3 tables (src/formats/peppol/codelists). The CEN artefacts carry their
// own editions, which differ from Peppol's in a few lists; the standards material has no source for the CEN
// editions, so they are not reproduced here (known differences: UNTDID 1001 — CEN also accepts e.g. 130, 325,
// 385, 387, 390, 394, 456, 457, 471–473, 500–503, 527, 633, 751, 935 for invoices and 261, 262, 296, 308, 420,
// 458 for credit notes; EAS — CEN also accepts AN, AQ, AS, AU and EM). BR-CL-08 (UNCL 4451 note subject codes)
// is not implemented: neither list is available.
import type { XmlElement } from '../../model.ts';
import { child, NS } from '../../model.ts';
import {
  allowanceReasonCodes, chargeReasonCodes, countryCodes, creditNoteTypeCodes, currencyCodes, icdCodes,
  invoiceTypeCodes, itemClassificationSchemes, mimeCodes, objectIdentifierSchemes, paymentMeansCodes, unitCodes,
  vatCategoryCodes, vatDateCodes, vatExemptionReasonCodes,
} from '../../codelists/index.ts';
import type { Rule } from '../types.ts';
import { easCodesEn16931 } from '../../codelists/en16931-editions.ts';
import { type Ctx, ctx, boolText, els, fatal, nsp } from './ctx.ts';

type Set_ = ReadonlySet<string>;

/** XPath `not(contains(normalize-space(x), ' ')) and contains(' LIST ', concat(' ', normalize-space(x), ' '))`. */
function inList(list: Set_, raw: string | undefined): boolean {
  const v = nsp(raw ?? '');
  return v !== '' && list.has(v);
}

const UBL_AMOUNTS = ['Amount', 'BaseAmount', 'PriceAmount', 'TaxAmount', 'TaxableAmount', 'LineExtensionAmount', 'TaxExclusiveAmount',
  'TaxInclusiveAmount', 'AllowanceTotalAmount', 'ChargeTotalAmount', 'PrepaidAmount', 'PayableRoundingAmount', 'PayableAmount'];


/** BR-CL-03 check of one element, remembering the last currency seen (they repeat). */
function currencyOk(st: { last: string | undefined; ok: boolean }, e: XmlElement, fail: (location: string) => void): void {
  const v = e.attributes.currencyID;
  if (v !== st.last) { st.last = v; st.ok = inList(currencyCodes, v); }
  if (!st.ok) fail(e.location);
}

function hasAncestor(e: XmlElement, locals: readonly string[]): boolean {
  for (let p = e.parent; p !== null; p = p.parent) if (locals.includes(p.local)) return true;
  return false;
}

/** Element values checked against a list: fires for each element whose (normalized) text is not in the list. */
function valueRule(id: string, sv: string, en: string, list: (c: Ctx, e: XmlElement) => Set_ | undefined, pick: (c: Ctx) => readonly XmlElement[]): Rule {
  return fatal(id, sv, en, (doc, fail) => {
    const c = ctx(doc);
    // values repeat within a document (a unit or country code on every line): remember the last lookup
    let lastList: Set_ | undefined;
    let lastText = '';
    let lastOk = false;
    for (const e of pick(c)) {
      const l = list(c, e);
      if (l === undefined) continue;
      const t = e.text;
      if (l !== lastList || t !== lastText) { lastList = l; lastText = t; lastOk = inList(l, t); }
      if (!lastOk) fail(e.location);
    }
  });
}

/** Attribute values checked against a list (only elements that carry the attribute). */
function attrRule(id: string, sv: string, en: string, attr: string, list: Set_, pick: (c: Ctx) => readonly XmlElement[],
  extraOk: (e: XmlElement, v: string) => boolean = () => false): Rule {
  return fatal(id, sv, en, (doc, fail) => {
    const c = ctx(doc);
    // values repeat within a document: remember the last list lookup
    let lastValue: string | undefined;
    let lastIn = false;
    for (const e of pick(c)) {
      const v = e.attributes[attr];
      if (v === undefined) continue;
      if (v !== lastValue) { lastValue = v; lastIn = inList(list, v); }
      if (!lastIn && !extraOk(e, nsp(v))) fail(e.location);
    }
  });
}

/** Two element lists one after the other (no copy when one of them is empty, the usual case). */
function concat(a: readonly XmlElement[], b: readonly XmlElement[]): readonly XmlElement[] {
  return b.length === 0 ? a : a.length === 0 ? b : [...a, ...b];
}

const NO_ELEMENTS: readonly XmlElement[] = [];
const ubl = (f: (c: Ctx) => readonly XmlElement[]) => (c: Ctx): readonly XmlElement[] => (c.cii ? NO_ELEMENTS : f(c));
const both = (u: (c: Ctx) => readonly XmlElement[], x: (c: Ctx) => readonly XmlElement[]) => (c: Ctx) => (c.cii ? x(c) : u(c));

/** Allowance (charge = false) or charge reason codes: their allowance/charge has that ChargeIndicator. */
function acReasonCodes(c: Ctx, charge: boolean): readonly XmlElement[] {
  const out: XmlElement[] = [];
  if (c.cii) {
    for (const e of els(c, 'ReasonCode', 'SpecifiedTradeAllowanceCharge')) {
      const ind = child(child(e.parent!, 'ram:ChargeIndicator'), 'udt:Indicator');
      if (ind !== undefined && boolText(ind.text) === charge) out.push(e);
    }
    return out;
  }
  for (const e of els(c, 'AllowanceChargeReasonCode', 'AllowanceCharge')) {
    const ind = child(e.parent!, 'cbc:ChargeIndicator');
    if (ind !== undefined && boolText(ind.text) === charge) out.push(e);
  }
  return out;
}

const invoiceAndCreditNoteTypes: Set_ = new Set([...invoiceTypeCodes, ...creditNoteTypeCodes]);

export const codeRules: Rule[] = [
  valueRule('BR-CL-01', 'Fakturatypkoden (BT-3) måste finnas i kodlistan UNTDID 1001 för fakturor och kreditnotor.',
    'The document type code (BT-3) must be an invoice or credit note code of UNTDID 1001.',
    (c, e) => (c.cii ? invoiceAndCreditNoteTypes : e.local === 'InvoiceTypeCode' ? invoiceTypeCodes : creditNoteTypeCodes),
    both((c) => concat(els(c, 'InvoiceTypeCode'), els(c, 'CreditNoteTypeCode')), (c) => els(c, 'TypeCode', 'ExchangedDocument'))),
  fatal('BR-CL-03', 'Valutakoden (currencyID) måste finnas i ISO 4217.', 'currencyID must be an ISO 4217 alpha-3 currency code.',
    (doc, fail) => {
      const c = ctx(doc);
      const st = { last: '' as string | undefined, ok: false };
      if (c.cii) {
        for (const e of els(c, 'TaxTotalAmount')) if (e.attributes.currencyID !== undefined) currencyOk(st, e, fail);
        return;
      }
      for (const name of UBL_AMOUNTS) {
        const list = c.byLocal.get(name);
        if (list !== undefined) for (const e of list) currencyOk(st, e, fail);
      }
    }),
  valueRule('BR-CL-04', 'Fakturans valutakod (BT-5) måste finnas i ISO 4217.', 'The invoice currency code (BT-5) must be an ISO 4217 alpha-3 code.',
    () => currencyCodes, both((c) => els(c, 'DocumentCurrencyCode'), (c) => els(c, 'InvoiceCurrencyCode'))),
  valueRule('BR-CL-05', 'Momsredovisningsvalutan (BT-6) måste finnas i ISO 4217.', 'The VAT accounting currency code (BT-6) must be an ISO 4217 alpha-3 code.',
    () => currencyCodes, (c) => els(c, 'TaxCurrencyCode')),
  valueRule('BR-CL-06', 'Momsdatumkoden (BT-8) måste vara en av de tillåtna koderna i UNTDID 2005.',
    'The VAT point date code (BT-8) must be one of the allowed UNTDID 2005 codes.',
    () => vatDateCodes, ubl((c) => els(c, 'DescriptionCode', 'InvoicePeriod'))),
  fatal('BR-CL-07', 'Schema-id för objektidentitet (BT-18-1, BT-128-1) måste finnas i UNTDID 1153.',
    'The object identifier scheme (BT-18-1, BT-128-1) must be a UNTDID 1153 code.',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) {
        for (const e of els(c, 'ReferenceTypeCode')) if (!inList(objectIdentifierSchemes, e.text)) fail(e.location);
        return;
      }
      for (const e of concat(els(c, 'ID', 'AdditionalDocumentReference'), els(c, 'ID', 'DocumentReference'))) {
        const v = e.attributes.schemeID;
        if (v === undefined) continue;
        const t = child(e.parent!, 'cbc:DocumentTypeCode');
        if (t !== undefined && t.text === '130' && !inList(objectIdentifierSchemes, v)) fail(e.location);
      }
    }),
  attrRule('BR-CL-10', 'Schema-id för identitet måste finnas i ISO 6523 ICD-listan.',
    'An identifier scheme identifier must be an ISO 6523 ICD code.', 'schemeID', icdCodes,
    both((c) => els(c, 'ID', 'PartyIdentification'), (c) => els(c, 'GlobalID').filter((e) => !hasAncestor(e, ['SpecifiedTradeProduct', 'ShipToTradeParty']))),
    (e, v) => v === 'SEPA' && hasAncestor(e, ['AccountingSupplierParty', 'PayeeParty'])),
  attrRule('BR-CL-11', 'Schema-id för organisationsnummer måste finnas i ISO 6523 ICD-listan.',
    'A legal registration identifier scheme must be an ISO 6523 ICD code.', 'schemeID', icdCodes,
    both((c) => els(c, 'CompanyID', 'PartyLegalEntity'), (c) => els(c, 'ID').filter((e) => e.ns === NS.ram && !hasAncestor(e, ['SpecifiedTaxRegistration'])))),
  attrRule('BR-CL-13', 'Schema-id för artikelklassificering (BT-158-1) måste finnas i UNTDID 7143.',
    'The item classification scheme (BT-158-1) must be a UNTDID 7143 code.', 'listID', itemClassificationSchemes,
    both((c) => els(c, 'ItemClassificationCode', 'CommodityClassification'), (c) => els(c, 'ClassCode'))),
  valueRule('BR-CL-14', 'Landskoden måste finnas i ISO 3166-1.', 'Country codes must be ISO 3166-1 alpha-2 codes.',
    () => countryCodes, both((c) => els(c, 'IdentificationCode', 'Country'), (c) => els(c, 'CountryID'))),
  valueRule('BR-CL-15', 'Ursprungslandets kod (BT-159) måste finnas i ISO 3166-1.', 'The item country of origin (BT-159) must be an ISO 3166-1 alpha-2 code.',
    () => countryCodes, both((c) => els(c, 'IdentificationCode', 'OriginCountry'), (c) => els(c, 'ID', 'OriginTradeCountry'))),
  valueRule('BR-CL-16', 'Koden för betalningssätt (BT-81) måste finnas i UNTDID 4461.', 'The payment means code (BT-81) must be a UNTDID 4461 code.',
    () => paymentMeansCodes, both((c) => els(c, 'PaymentMeansCode', 'PaymentMeans'), (c) => els(c, 'TypeCode', 'SpecifiedTradeSettlementPaymentMeans'))),
  valueRule('BR-CL-17', 'Momskategorin måste finnas i UNTDID 5305.', 'The VAT category code must be a UNTDID 5305 code.',
    () => vatCategoryCodes, both((c) => els(c, 'ID', 'TaxCategory'), (c) => els(c, 'CategoryCode', 'CategoryTradeTax'))),
  valueRule('BR-CL-18', 'Momskategorin (BT-118, BT-151) måste finnas i UNTDID 5305.', 'The VAT category code (BT-118, BT-151) must be a UNTDID 5305 code.',
    () => vatCategoryCodes, both((c) => els(c, 'ID', 'ClassifiedTaxCategory'), (c) => els(c, 'CategoryCode', 'ApplicableTradeTax'))),
  valueRule('BR-CL-19', 'Orsakskoden för avdrag måste finnas i UNTDID 5189.', 'An allowance reason code must be a UNTDID 5189 code.',
    () => allowanceReasonCodes, (c) => acReasonCodes(c, false)),
  valueRule('BR-CL-20', 'Orsakskoden för tillägg måste finnas i UNTDID 7161.', 'A charge reason code must be a UNTDID 7161 code.',
    () => chargeReasonCodes, (c) => acReasonCodes(c, true)),
  attrRule('BR-CL-21', 'Schema-id för artikelns standardidentitet (BT-157-1) måste finnas i ISO 6523 ICD-listan.',
    'The item standard identifier scheme (BT-157-1) must be an ISO 6523 ICD code.', 'schemeID', icdCodes,
    both((c) => els(c, 'ID', 'StandardItemIdentification'), (c) => els(c, 'GlobalID', 'SpecifiedTradeProduct'))),
  fatal('BR-CL-22', 'Koden för momsbefrielse (BT-121) måste finnas i kodlistan VATEX.', 'The VAT exemption reason code (BT-121) must be a VATEX code.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const e of c.cii ? els(c, 'ExemptionReasonCode') : els(c, 'TaxExemptionReasonCode')) {
        if (!inList(vatExemptionReasonCodes, e.text.toUpperCase())) fail(e.location);
      }
    }),
  attrRule('BR-CL-23', 'Enhetskoden måste finnas i UN/ECE rekommendation 20 eller 21.', 'A unit code must be a UN/ECE Recommendation 20 (with Rec 21) code.',
    'unitCode', unitCodes,
    both((c) => concat(concat(els(c, 'InvoicedQuantity'), els(c, 'BaseQuantity')), els(c, 'CreditedQuantity')),
      (c) => concat(els(c, 'BilledQuantity'), els(c, 'BasisQuantity')))),
  fatal('BR-CL-24', 'Bilagans MIME-typ (BT-125-1) måste vara en av de tillåtna typerna.', 'The attachment MIME code (BT-125-1) must be one of the allowed media types.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const e of c.cii ? els(c, 'AttachmentBinaryObject') : els(c, 'EmbeddedDocumentBinaryObject')) {
        const v = e.attributes.mimeCode;
        if (v !== undefined && !mimeCodes.has(v)) fail(e.location);
      }
    }),
  attrRule('BR-CL-25', 'Schema-id för elektronisk adress (BT-34-1, BT-49-1) måste finnas i kodlistan EAS.',
    'The electronic address scheme (BT-34-1, BT-49-1) must be a CEF EAS code.', 'schemeID', easCodesEn16931,
    both((c) => els(c, 'EndpointID'), (c) => els(c, 'URIID', 'URIUniversalCommunication'))),
  attrRule('BR-CL-26', 'Schema-id för leveransplatsens identitet (BT-71-1) måste finnas i ISO 6523 ICD-listan.',
    'The deliver to location identifier scheme (BT-71-1) must be an ISO 6523 ICD code.', 'schemeID', icdCodes,
    both((c) => els(c, 'ID', 'DeliveryLocation'),
      (c) => els(c, 'GlobalID', 'ShipToTradeParty').filter((e) => e.parent!.parent !== null && e.parent!.parent.local === 'ApplicableHeaderTradeDelivery'))),
];

