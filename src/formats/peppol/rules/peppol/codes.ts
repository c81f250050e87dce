// Peppol BIS Billing 3.0.19 code-list, format and profile rules: PEPPOL-EN16931-CL0xx, -F001, -P0xxx, -R051
// and the identifier checks PEPPOL-COMMON-R040…R050.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import { allowanceReasonCodes } from '../../codelists/uncl5189.ts';
import { chargeReasonCodes } from '../../codelists/uncl7161.ts';
import { currencyCodes } from '../../codelists/iso4217.ts';
import { easCodes } from '../../codelists/eas.ts';
import { mimeCodes } from '../../codelists/mime.ts';
import { vatDateCodes } from '../../codelists/uncl2005.ts';
import {
  checkAbn, checkBelgianEnterprise, checkDanishCvr, checkItalianCf, checkItalianIpa, checkItalianPiva, checkNorwegianOrgnr,
  checkPeppolGln, checkPeppolSwedishOrgnr, type SchemeCheck,
} from '../../../identifiers/peppol.ts';
import type { Rule, Severity } from '../types.ts';
import { at, cac, cbc, elements, index, isDigitCode, kid, kids, normalizeSpace, ram, rule, someText, type IndexedName } from './util.ts';
import { perDocument } from '../../tree-index.ts';
import { bothGerman, profileOf } from './transaction.ts';

const C = NS.cbc;
const A = NS.cac;
const R = NS.ram;
const U = NS.udt;

const isCii = (doc: ParsedDocument): boolean => doc.syntax === 'cii';

/** Invoice type codes allowed in profile 01 (PEPPOL-EN16931-P0100, UBL). Note: 389 (self-billing) is not in it. */
const P0100_INVOICE = new Set('71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 875 876 877'.split(' '));
/** Credit note type codes allowed in profile 01 (PEPPOL-EN16931-P0101, UBL). */
const P0101_CREDIT = new Set('381 396 81 83 532'.split(' '));
/** CII has one TypeCode for both: P0100 covers invoice and credit note codes. */
const P0100_CII = new Set([...P0100_INVOICE, ...P0101_CREDIT]);

/** UBL amount elements checked by R051 and CL007 (cbc namespace). TaxAmount is handled separately. */
const AMOUNT_ELEMENTS: readonly IndexedName[] = [
  'Amount', 'BaseAmount', 'PriceAmount', 'TaxableAmount', 'LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount',
  'AllowanceTotalAmount', 'ChargeTotalAmount', 'PrepaidAmount', 'PayableRoundingAmount', 'PayableAmount',
];

const amountLists = perDocument((doc: ParsedDocument): { all: readonly XmlElement[]; withSubtotals: readonly XmlElement[] } => {
  const base: XmlElement[] = [];
  for (const name of AMOUNT_ELEMENTS) for (const e of cbc(doc, name)) base.push(e);
  const all = base.slice();
  const withSubtotals = base;
  for (const e of cbc(doc, 'TaxAmount')) {
    all.push(e);
    const p = e.parent;
    if (p === null || p.ns !== A) continue;
    if (p.local === 'TaxSubtotal' || (p.local === 'TaxTotal' && kid(p, A, 'TaxSubtotal') !== undefined)) withSubtotals.push(e);
  }
  return { all, withSubtotals };
});

function ublAmounts(doc: ParsedDocument, taxAmount: 'all' | 'with-subtotals'): readonly XmlElement[] {
  const c = amountLists(doc);
  return taxAmount === 'all' ? c.all : c.withSubtotals;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the digits s[from, to), or -1 when one is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** `castable as xs:date` for a 10-character value YYYY-MM-DD (scanned by hand: F001 runs on every date). */
function isXsDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = mo === 2 && !leap ? 28 : DAYS[mo - 1]!;
  return d <= max;
}

function reasonCodeRule(id: string, indicator: 'true' | 'false', list: ReadonlySet<string>, sv: string, en: string): Rule {
  return rule(id, 'fatal', sv, en, (doc, fail) => {
    if (isCii(doc)) {
      for (const ac of ram(doc, 'SpecifiedTradeAllowanceCharge')) {
        const ind = at(ac, [R, 'ChargeIndicator'], [U, 'Indicator'])[0];
        if (ind === undefined || normalizeSpace(ind.text) !== indicator) continue;
        for (const rc of kids(ac, R, 'ReasonCode')) if (!list.has(normalizeSpace(rc.text))) fail(rc.location);
      }
    } else {
      for (const ac of cac(doc, 'AllowanceCharge')) {
        if (!someText(kids(ac, C, 'ChargeIndicator'), indicator)) continue;
        for (const rc of kids(ac, C, 'AllowanceChargeReasonCode')) if (!list.has(normalizeSpace(rc.text))) fail(rc.location);
      }
    }
  });
}

/** UBL cac:TaxCategory elements with an exemption reason code, with the code upper-cased (once per document:
 * eight rules read them, and most categories have no code). */
const exemptions = perDocument((doc: ParsedDocument): { tc: XmlElement; vatex: string }[] => {
  const out: { tc: XmlElement; vatex: string }[] = [];
  if (isCii(doc)) return out;
  for (const tc of cac(doc, 'TaxCategory')) {
    const code = kid(tc, C, 'TaxExemptionReasonCode');
    if (code !== undefined) out.push({ tc, vatex: code.text.toUpperCase() });
  }
  return out;
});

function exemptionRule(id: string, vatex: string, category: string): Rule {
  return rule(id, 'fatal',
    `Momskategori ${category} måste användas när undantagskoden är ${vatex}.`,
    `Tax Category ${category} MUST be used when exemption reason code is ${vatex}.`,
    (doc, fail) => {
      for (const e of exemptions(doc)) {
        if (e.vatex !== vatex) continue;
        const cat = kid(e.tc, C, 'ID');
        if (cat === undefined || normalizeSpace(cat.text) !== category) fail(e.tc.location);
      }
    });
}

/** UBL date elements checked by F001. */
const DATE_ELEMENTS: readonly IndexedName[] = ['IssueDate', 'DueDate', 'TaxPointDate', 'StartDate', 'EndDate', 'ActualDeliveryDate'];

/** F001 for CII: /^20\d{6}$/ (format 102 in this century). */
function isCiiDate(s: string): boolean {
  return s.length === 8 && s.charCodeAt(0) === 0x32 && s.charCodeAt(1) === 0x30 && digitsAt(s, 2, 8) >= 0;
}

/** CL008 (CII): the scheme of each ram:URIUniversalCommunication/ram:URIID of a trade party is an EAS code.
 * (Module level: a closure inside the rule would be wrapped in `__name` by tsx's keepNames on every call.) */
function ciiEndpointSchemes(party: XmlElement, fail: (location: string) => void): void {
  for (const u of at(party, [R, 'URIUniversalCommunication'], [R, 'URIID'])) {
    const s = u.attributes.schemeID;
    if (s === undefined || !easCodes.has(s)) fail(u.location);
  }
}

export const codeRules: Rule[] = [
  rule('PEPPOL-EN16931-R051', 'fatal',
    'Alla valutakoder på belopp (currencyID) måste vara samma som fakturans valuta, utom total moms i redovisningsvaluta.',
    'All currencyID attributes must have the same value as the invoice currency code (BT-5), except for the invoice total VAT amount in accounting currency (BT-111).',
    (doc, fail) => {
      if (isCii(doc)) return;
      const cur = kids(doc.root, C, 'DocumentCurrencyCode');
      for (const e of ublAmounts(doc, 'with-subtotals')) {
        const id = e.attributes.currencyID;
        if (id === undefined || !someText(cur, id)) fail(e.location);
      }
    }),
  rule('PEPPOL-EN16931-CL001', 'fatal',
    'Filtypen (mimeCode) för bifogad fil måste vara en av de tillåtna: PDF, PNG, JPEG, CSV, XLSX eller ODS.',
    'Mime code must be according to subset of IANA code list.',
    (doc, fail) => {
      const list = isCii(doc) ? ram(doc, 'AttachmentBinaryObject') : cbc(doc, 'EmbeddedDocumentBinaryObject');
      for (const e of list) {
        const m = e.attributes.mimeCode;
        if (m !== undefined && !mimeCodes.has(m)) fail(e.location);
      }
    }),
  reasonCodeRule('PEPPOL-EN16931-CL002', 'false', allowanceReasonCodes,
    'Orsakskoden för rabatt måste finnas i kodlistan UNCL 5189 (Peppols urval).',
    'Reason code MUST be according to subset of UNCL 5189 D.16B.'),
  reasonCodeRule('PEPPOL-EN16931-CL003', 'true', chargeReasonCodes,
    'Orsakskoden för avgift måste finnas i kodlistan UNCL 7161.',
    'Reason code MUST be according to UNCL 7161 D.16B.'),
  rule('PEPPOL-EN16931-CL006', 'fatal',
    'Koden för faktureringsperiodens beskrivning måste finnas i kodlistan UNCL 2005 (3, 35 eller 432).',
    'Invoice period description code must be according to UNCL 2005 D.16B.',
    (doc, fail) => {
      if (isCii(doc)) return;
      for (const p of cac(doc, 'InvoicePeriod')) for (const d of kids(p, C, 'DescriptionCode')) if (!vatDateCodes.has(normalizeSpace(d.text))) fail(d.location);
    }),
  rule('PEPPOL-EN16931-CL007', 'fatal',
    'Valutakoden måste finnas i ISO 4217.',
    'Currency code must be according to ISO 4217:2005.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const t of ram(doc, 'TaxTotalAmount')) {
          const id = t.attributes.currencyID;
          if (id !== undefined && !currencyCodes.has(id)) fail(t.location);
        }
        return;
      }
      for (const e of ublAmounts(doc, 'all')) {
        const id = e.attributes.currencyID;
        if (id === undefined || !currencyCodes.has(id)) fail(e.location);
      }
    }),
  rule('PEPPOL-EN16931-CL008', 'fatal',
    'Schemat för elektronisk adress (schemeID) måste finnas i Peppols lista över adresscheman (EAS).',
    'Electronic address identifier scheme must be from the codelist "Electronic Address Identifier Scheme".',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const p of ram(doc, 'BuyerTradeParty')) ciiEndpointSchemes(p, fail);
        for (const p of ram(doc, 'SellerTradeParty')) ciiEndpointSchemes(p, fail);
        return;
      }
      for (const e of cbc(doc, 'EndpointID')) {
        const s = e.attributes.schemeID;
        if (s !== undefined && !easCodes.has(s)) fail(e.location);
      }
    }),
  rule('PEPPOL-EN16931-P0100', 'fatal',
    'Fakturatypkoden är inte tillåten i Peppol-processen (profil 01).',
    'Invoice type code MUST be set according to the profile.',
    (doc, fail) => {
      const list = isCii(doc) ? at(doc.root, [NS.rsm, 'ExchangedDocument'], [R, 'TypeCode']) : cbc(doc, 'InvoiceTypeCode');
      if (list.length === 0 || profileOf(doc) !== '01') return;
      const allowed = isCii(doc) ? P0100_CII : P0100_INVOICE;
      for (const e of list) if (!allowed.has(normalizeSpace(e.text))) fail(e.location);
    }),
  rule('PEPPOL-EN16931-P0101', 'fatal',
    'Kreditnotans typkod är inte tillåten i Peppol-processen (profil 01).',
    'Credit note type code MUST be set according to the profile.',
    (doc, fail) => {
      if (isCii(doc)) return;
      const list = cbc(doc, 'CreditNoteTypeCode');
      if (list.length === 0 || profileOf(doc) !== '01') return;
      for (const e of list) if (!P0101_CREDIT.has(normalizeSpace(e.text))) fail(e.location);
    }),
  rule('PEPPOL-EN16931-P0112', 'fatal',
    'Fakturatypkod 326 eller 384 får bara användas när både köpare och säljare är tyska.',
    'Invoice type code 326 or 384 are only allowed when both buyer and seller are German organizations.',
    (doc, fail) => {
      if (isCii(doc)) return;
      for (const e of cbc(doc, 'InvoiceTypeCode')) {
        const v = normalizeSpace(e.text);
        if ((v === '326' || v === '384') && !bothGerman(doc)) fail(e.location);
      }
    }),
  exemptionRule('PEPPOL-EN16931-P0104', 'VATEX-EU-G', 'G'),
  exemptionRule('PEPPOL-EN16931-P0105', 'VATEX-EU-O', 'O'),
  exemptionRule('PEPPOL-EN16931-P0106', 'VATEX-EU-IC', 'K'),
  exemptionRule('PEPPOL-EN16931-P0107', 'VATEX-EU-AE', 'AE'),
  exemptionRule('PEPPOL-EN16931-P0108', 'VATEX-EU-D', 'E'),
  exemptionRule('PEPPOL-EN16931-P0109', 'VATEX-EU-F', 'E'),
  exemptionRule('PEPPOL-EN16931-P0110', 'VATEX-EU-I', 'E'),
  exemptionRule('PEPPOL-EN16931-P0111', 'VATEX-EU-J', 'E'),
  rule('PEPPOL-EN16931-F001', 'fatal',
    'Datum måste skrivas ÅÅÅÅ-MM-DD (CII: ÅÅÅÅMMDD med format 102) och vara ett giltigt datum.',
    'A date MUST be formatted YYYY-MM-DD (CII: YYYYMMDD, format 102).',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const e of elements(doc, U, 'DateTimeString')) {
          const fmt = e.attributes.format;
          if (fmt === undefined || normalizeSpace(fmt) !== '102' || !isCiiDate(e.text)) fail(e.location);
        }
        return;
      }
      for (const name of DATE_ELEMENTS) for (const e of cbc(doc, name)) if (!isXsDate(e.text)) fail(e.location);
    }),
];

// ---------------------------------------------------------------------------------------------------------
// PEPPOL-COMMON identifier rules

type CommonSpec = { id: string; severity: Severity; scheme: string; endpointOnly?: boolean; ciiOnly?: boolean; check: SchemeCheck; sv: string; en: string };

const COMMON: CommonSpec[] = [
  { id: 'PEPPOL-COMMON-R040', severity: 'fatal', scheme: '0088', check: checkPeppolGln,
    sv: 'GLN (schema 0088) måste ha giltigt format och kontrollsiffra enligt GS1.', en: 'GLN must have a valid format according to GS1 rules.' },
  { id: 'PEPPOL-COMMON-R041', severity: 'fatal', scheme: '0192', check: checkNorwegianOrgnr,
    sv: 'Norskt organisationsnummer (schema 0192) måste anges med 9 siffror och giltig kontrollsiffra.', en: 'Norwegian organization number MUST be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R042', severity: 'fatal', scheme: '0184', check: checkDanishCvr,
    sv: 'Danskt CVR-nummer (schema 0184) måste anges som 8 siffror, eventuellt med prefixet DK.', en: 'Danish organization number (CVR) MUST be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R043', severity: 'fatal', scheme: '0208', check: checkBelgianEnterprise,
    sv: 'Belgiskt företagsnummer (schema 0208) måste anges med 10 siffror och giltig kontrollsumma.', en: 'Belgian enterprise number MUST be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R044', severity: 'warning', scheme: '0201', check: checkItalianIpa,
    sv: 'Italiensk IPA-kod (schema 0201) bör bestå av 6 bokstäver eller siffror.', en: 'IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R045', severity: 'warning', scheme: '0210', check: checkItalianCf,
    sv: 'Italiensk skattekod (Codice Fiscale, schema 0210) bör ha korrekt format.', en: 'Tax Code (Codice Fiscale) must be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R046', severity: 'warning', scheme: '9907', endpointOnly: true, check: checkItalianCf,
    sv: 'Italiensk skattekod (Codice Fiscale, schema 9907) bör ha korrekt format.', en: 'Tax Code (Codice Fiscale) must be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R047', severity: 'warning', scheme: '0211', check: checkItalianPiva,
    sv: 'Italienskt momsnummer (Partita IVA, schema 0211) bör ha korrekt format.', en: 'Italian VAT Code (Partita Iva) must be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R048', severity: 'warning', scheme: '9906', endpointOnly: true, ciiOnly: true, check: checkItalianPiva,
    sv: 'Italienskt momsnummer (Partita IVA, schema 9906) bör ha korrekt format.', en: 'Italian VAT Code (Partita Iva) must be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R049', severity: 'fatal', scheme: '0007', check: checkPeppolSwedishOrgnr,
    sv: 'Svenskt organisationsnummer (schema 0007) måste anges med exakt 10 siffror, utan bindestreck, och ha giltig kontrollsiffra.', en: 'Swedish organization number MUST be stated in the correct format.' },
  { id: 'PEPPOL-COMMON-R050', severity: 'fatal', scheme: '0151', check: checkAbn,
    sv: 'Australiskt ABN (schema 0151) måste anges med 11 siffror och giltig kontrollsumma.', en: 'Australian Business Number (ABN) MUST be stated in the correct format.' },
];

type SchemeTarget = { el: XmlElement; scheme: string; endpoint: boolean };

/** Identifier elements carrying a schemeID, as the COMMON rule contexts select them, by scheme (document order). */
const schemeTargets = perDocument((doc: ParsedDocument): Map<string, SchemeTarget[]> => {
  const t: SchemeTarget[] = [];
  for (const e of index(doc).withScheme) {
    const scheme = e.attributes.schemeID!;
    if (isCii(doc)) {
      if (e.ns === R && (e.local === 'URIID' || e.local === 'ID' || e.local === 'GlobalID')) t.push({ el: e, scheme, endpoint: e.local === 'URIID' });
    } else if (e.ns === C) {
      if (e.local === 'EndpointID') t.push({ el: e, scheme, endpoint: true });
      else if (e.local === 'CompanyID') t.push({ el: e, scheme, endpoint: false });
      else if (e.local === 'ID' && e.parent !== null && e.parent.local === 'PartyIdentification' && e.parent.ns === A) t.push({ el: e, scheme, endpoint: false });
    }
  }
  const byScheme = new Map<string, SchemeTarget[]>();
  for (const x of t) {
    const list = byScheme.get(x.scheme);
    if (list === undefined) byScheme.set(x.scheme, [x]);
    else list.push(x);
  }
  return byScheme;
});

function commonRule(spec: CommonSpec): Rule {
  return rule(spec.id, spec.severity, spec.sv, spec.en, (doc, fail) => {
    if (spec.ciiOnly && !isCii(doc)) return;
    const targets = schemeTargets(doc).get(spec.scheme);
    if (targets === undefined) return;
    for (const t of targets) {
      if (spec.endpointOnly && !t.endpoint) continue;
      // COMMON rules read the string value (all text) of the element
      if (!spec.check(t.el.text).ok) fail(t.el.location);
    }
  });
}

export const commonRules: Rule[] = COMMON.map(commonRule);
