// Peppol BIS Billing 3.0.19 transaction rules PEPPOL-EN16931-R0xx/R1xx, read on the element tree so that
// they follow the official Schematron contexts exactly (UBL and CII bindings differ; see `doc.syntax`).
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import { add, compare, lastPlainScale, mul, parseDecimal, plainScaled, round, sub, ZERO, type Decimal } from '../../decimal.ts';
import type { Rule } from '../types.ts';
import { at, cac, cbc, EMPTY, facts, index, isDigitCode, kid, kids, normalizeSpace, ram, rule, someText, xpathNumber } from './util.ts';
import { perDocument } from '../../tree-index.ts';

const C = NS.cbc;
const A = NS.cac;
const R = NS.ram;
const U = NS.udt;
const RSM = NS.rsm;

const isCii = (doc: ParsedDocument): boolean => doc.syntax === 'cii';


/** The `$profile` variable: 7th ':'-token of the ProfileID when it matches the billing pattern, else 'Unknown'. */
export const profileOf = perDocument((doc: ParsedDocument): string => {
  let el: XmlElement | undefined;
  if (isCii(doc)) {
    el = at(doc.root, [RSM, 'ExchangedDocumentContext'], [R, 'BusinessProcessSpecifiedDocumentContextParameter'], [R, 'ID'])[0];
  } else {
    el = kid(doc.root, C, 'ProfileID');
  }
  if (el === undefined) return 'Unknown';
  const v = normalizeSpace(el.text);
  return hasBillingProfile(v) ? colonToken(v, 6) : 'Unknown';
});

const BILLING = 'urn:fdc:peppol.eu:2017:poacc:billing:';

/** The artefacts' test `matches(v, 'urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0')` (unanchored; the '.' of
 * '1.0' is any character but a line terminator), scanned without a regex. */
function hasBillingProfile(v: string): boolean {
  for (let from = v.indexOf(BILLING); from >= 0; from = v.indexOf(BILLING, from + 1)) {
    const i = from + BILLING.length;
    if (i + 6 > v.length) return false;
    const any = v.charCodeAt(i + 4);
    if (isDigitCode(v.charCodeAt(i)) && isDigitCode(v.charCodeAt(i + 1)) && v.charCodeAt(i + 2) === 0x3a && v.charCodeAt(i + 3) === 0x31 &&
      any !== 0x0a && any !== 0x0d && any !== 0x2028 && any !== 0x2029 && v.charCodeAt(i + 5) === 0x30) return true;
  }
  return false;
}

/** `v.split(':')[n] ?? ''` without the array. */
function colonToken(v: string, n: number): string {
  let start = 0;
  for (let k = 0; k < n; k++) {
    const c = v.indexOf(':', start);
    if (c < 0) return '';
    start = c + 1;
  }
  const end = v.indexOf(':', start);
  return end < 0 ? v.slice(start) : v.slice(start, end);
}

/** Both seller and buyer have postal country DE (the German exceptions of R002 / P0112). */
export function bothGerman(doc: ParsedDocument): boolean {
  const f = facts(doc);
  return normalizeSpace(f.sellerPostalRaw).toUpperCase() === 'DE' && normalizeSpace(f.buyerPostalRaw).toUpperCase() === 'DE';
}

const ciiContext = (doc: ParsedDocument): readonly XmlElement[] => kids(doc.root, RSM, 'ExchangedDocumentContext');
const ciiAgreements = (doc: ParsedDocument): readonly XmlElement[] => ram(doc, 'ApplicableHeaderTradeAgreement');
const ciiSettlements = (doc: ParsedDocument): readonly XmlElement[] => ram(doc, 'ApplicableHeaderTradeSettlement');

/** `starts-with(normalize-space(text), prefix)` for a prefix without blanks: the text itself usually starts with it. */
function startsWithNormalized(text: string, prefix: string): boolean {
  return text.startsWith(prefix) || normalizeSpace(text).startsWith(prefix);
}

function dec(el: XmlElement | undefined): Decimal | undefined {
  return el === undefined ? undefined : parseDecimal(el.text);
}

const TWO_CENTS: Decimal = { value: 2n, scale: 2 };
const HUNDRED: Decimal = { value: 100n, scale: 0 };
const ONE: Decimal = { value: 1n, scale: 0 };

/** XPath general comparison `seq op 0` over numbers (true when any item satisfies it). */
function anyNum(els: readonly XmlElement[], pred: (n: number) => boolean): boolean {
  for (const e of els) if (pred(xpathNumber(e.text))) return true;
  return false;
}

export const transactionRules: Rule[] = [
  rule('PEPPOL-EN16931-R001', 'fatal',
    'Affärsprocess (ProfileID) saknas. Fakturan måste ange vilken Peppol-process den tillhör.',
    'Business process (ProfileID) MUST be provided.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const c of ciiContext(doc)) if (at(c, [R, 'BusinessProcessSpecifiedDocumentContextParameter'], [R, 'ID']).length === 0) fail(c.location);
      } else if (kid(doc.root, C, 'ProfileID') === undefined) fail(doc.root.location);
    }),
  rule('PEPPOL-EN16931-R007', 'fatal',
    'Affärsprocessen måste ha formatet urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0.',
    "Business process MUST be in the format 'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0' where NN indicates the process number.",
    (doc, fail) => {
      if (isCii(doc)) {
        const ctxs = ciiContext(doc);
        if (ctxs.length > 0 && profileOf(doc) === 'Unknown') for (const c of ctxs) fail(c.location);
      } else if (profileOf(doc) === 'Unknown') fail(doc.root.location);
    }),
  rule('PEPPOL-EN16931-R002', 'fatal',
    'Högst en anteckning (Note) är tillåten på dokumentnivå.',
    'No more than one note is allowed on document level.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const d of kids(doc.root, RSM, 'ExchangedDocument')) {
          const notes = kids(d, R, 'IncludedNote');
          let subject = false;
          for (const n of notes) if (kid(n, R, 'SubjectCode')) subject = true;
          if (notes.length > 1 || subject) fail(d.location);
        }
      } else if (kids(doc.root, C, 'Note').length > 1 && !bothGerman(doc)) fail(doc.root.location);
    }),
  rule('PEPPOL-EN16931-R003', 'fatal',
    'Köparens referens eller beställningsnummer (ordernummer) måste anges.',
    'A buyer reference or purchase order reference MUST be provided.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const a of ciiAgreements(doc)) {
          if (!kid(a, R, 'BuyerReference') && at(a, [R, 'BuyerOrderReferencedDocument'], [R, 'IssuerAssignedID']).length === 0) fail(a.location);
        }
      } else if (!kid(doc.root, C, 'BuyerReference') && at(doc.root, [A, 'OrderReference'], [C, 'ID']).length === 0) {
        fail(doc.root.location);
      }
    }),
  rule('PEPPOL-EN16931-R004', 'fatal',
    "Specifikationsidentifieraren (CustomizationID) måste börja med 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'.",
    "Specification identifier MUST have the value 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'.",
    (doc, fail) => {
      const prefix = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
      if (isCii(doc)) {
        for (const c of ciiContext(doc)) {
          const id = at(c, [R, 'GuidelineSpecifiedDocumentContextParameter'], [R, 'ID'])[0];
          if (id === undefined || !startsWithNormalized(id.text, prefix)) fail(c.location);
        }
      } else {
        const id = kid(doc.root, C, 'CustomizationID');
        if (id === undefined || !startsWithNormalized(id.text, prefix)) fail(doc.root.location);
      }
    }),
  rule('PEPPOL-EN16931-R005', 'fatal',
    'Valutakoden för momsredovisning måste skilja sig från fakturans valutakod när den anges.',
    'VAT accounting currency code MUST be different from invoice currency code when provided.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const s of ciiSettlements(doc)) {
          const t = kid(s, R, 'TaxCurrencyCode');
          if (t === undefined) continue;
          const d = kid(s, R, 'InvoiceCurrencyCode');
          if (normalizeSpace(t.text) === (d === undefined ? '' : normalizeSpace(d.text))) fail(s.location);
        }
      } else {
        for (const t of cbc(doc, 'TaxCurrencyCode')) {
          const d = kid(t.parent ?? undefined, C, 'DocumentCurrencyCode');
          if (normalizeSpace(t.text) === (d === undefined ? '' : normalizeSpace(d.text))) fail(t.location);
        }
      }
    }),
  rule('PEPPOL-EN16931-R006', 'fatal',
    'Högst ett fakturerat objekt (dokumentreferens med typkod 130) är tillåtet på dokumentnivå.',
    'Only one invoiced object is allowed on document level.',
    (doc, fail) => {
      if (!isCii(doc)) return;
      for (const a of ciiAgreements(doc)) {
        let n = 0;
        for (const r of kids(a, R, 'AdditionalReferencedDocument')) if (someText(kids(r, R, 'TypeCode'), '130')) n++;
        if (n > 1) fail(a.location);
      }
    }),
  rule('PEPPOL-EN16931-R008', 'fatal',
    'Dokumentet får inte innehålla tomma element.',
    'Document MUST not contain empty elements.',
    (doc, fail) => {
      if (isCii(doc)) return;
      for (const e of index(doc).emptyLeaves) fail(e.location);
    }),
  rule('PEPPOL-EN16931-R010', 'fatal',
    'Köparens elektroniska adress (EndpointID) måste anges.',
    'Buyer electronic address MUST be provided.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const p of ram(doc, 'BuyerTradeParty')) if (at(p, [R, 'URIUniversalCommunication'], [R, 'URIID']).length === 0) fail(p.location);
      } else {
        for (const p of cac(doc, 'AccountingCustomerParty')) for (const party of kids(p, A, 'Party')) if (!kid(party, C, 'EndpointID')) fail(party.location);
      }
    }),
  rule('PEPPOL-EN16931-R020', 'fatal',
    'Säljarens elektroniska adress (EndpointID) måste anges.',
    'Seller electronic address MUST be provided.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const p of ram(doc, 'SellerTradeParty')) if (at(p, [R, 'URIUniversalCommunication'], [R, 'URIID']).length === 0) fail(p.location);
      } else {
        for (const p of cac(doc, 'AccountingSupplierParty')) for (const party of kids(p, A, 'Party')) if (!kid(party, C, 'EndpointID')) fail(party.location);
      }
    }),
  rule('PEPPOL-EN16931-R053', 'fatal',
    'Exakt en momssumma (TaxTotal) med momsspecifikation måste anges.',
    'Only one tax total with tax subtotals MUST be provided.',
    (doc, fail) => {
      if (isCii(doc)) {
        const cur = documentCurrencyElement(doc);
        for (const s of ciiSettlements(doc)) {
          let n = 0;
          for (const t of at(s, [R, 'SpecifiedTradeSettlementHeaderMonetarySummation'], [R, 'TaxTotalAmount'])) {
            if (cur !== undefined && t.attributes.currencyID === cur.text) n++;
          }
          if (n !== 1) fail(s.location);
        }
      } else {
        let n = 0;
        for (const t of kids(doc.root, A, 'TaxTotal')) if (kid(t, A, 'TaxSubtotal')) n++;
        if (n !== 1) fail(doc.root.location);
      }
    }),
  rule('PEPPOL-EN16931-R054', 'fatal',
    'En momssumma utan momsspecifikation (i redovisningsvaluta) ska anges endast när valuta för momsredovisning anges.',
    'Only one tax total without tax subtotals MUST be provided when tax currency code is provided.',
    (doc, fail) => {
      if (isCii(doc)) {
        const cur = documentCurrencyElement(doc);
        for (const s of ciiSettlements(doc)) {
          let n = 0;
          for (const t of at(s, [R, 'SpecifiedTradeSettlementHeaderMonetarySummation'], [R, 'TaxTotalAmount'])) {
            const id = t.attributes.currencyID;
            if (id !== undefined && cur !== undefined && id !== cur.text) n++;
          }
          if (n !== (kid(s, R, 'TaxCurrencyCode') ? 1 : 0)) fail(s.location);
        }
      } else {
        let n = 0;
        for (const t of kids(doc.root, A, 'TaxTotal')) if (!kid(t, A, 'TaxSubtotal')) n++;
        if (n !== (kid(doc.root, C, 'TaxCurrencyCode') ? 1 : 0)) fail(doc.root.location);
      }
    }),
  rule('PEPPOL-EN16931-R055', 'fatal',
    'Total moms och total moms i redovisningsvaluta måste ha samma tecken (båda positiva eller båda negativa).',
    'Invoice total VAT amount and Invoice total VAT amount in accounting currency MUST have the same operational sign.',
    (doc, fail) => {
      if (isCii(doc)) {
        const taxCur = at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'ApplicableHeaderTradeSettlement'], [R, 'TaxCurrencyCode']);
        if (taxCur.length === 0) return;
        const docCur = documentCurrencyElement(doc);
        for (const s of ciiSettlements(doc)) {
          const totals = at(s, [R, 'SpecifiedTradeSettlementHeaderMonetarySummation'], [R, 'TaxTotalAmount']);
          const inTax = totals.filter((t) => taxCur.some((c) => c.text === t.attributes.currencyID));
          const inDoc = totals.filter((t) => docCur !== undefined && docCur.text === t.attributes.currencyID);
          const neg = anyNum(inTax, (n) => n < 0) && anyNum(inDoc, (n) => n < 0);
          const pos = anyNum(inTax, (n) => n >= 0) && anyNum(inDoc, (n) => n >= 0);
          if (!neg && !pos) fail(s.location);
        }
      } else {
        const taxCurEl = kid(doc.root, C, 'TaxCurrencyCode');
        if (taxCurEl === undefined) return;
        const taxCur = normalizeSpace(taxCurEl.text);
        const docCurEl = kid(doc.root, C, 'DocumentCurrencyCode');
        const docCur = docCurEl === undefined ? undefined : normalizeSpace(docCurEl.text);
        const amounts: XmlElement[] = [];
        for (const t of kids(doc.root, A, 'TaxTotal')) for (const a of kids(t, C, 'TaxAmount')) amounts.push(a);
        const inTax = amounts.filter((a) => a.attributes.currencyID === taxCur);
        const inDoc = amounts.filter((a) => docCur !== undefined && a.attributes.currencyID === docCur);
        const neg = anyNum(inTax, (n) => n <= 0) && anyNum(inDoc, (n) => n <= 0);
        const pos = anyNum(inTax, (n) => n >= 0) && anyNum(inDoc, (n) => n >= 0);
        if (!neg && !pos) fail(doc.root.location);
      }
    }),
  rule('PEPPOL-EN16931-R061', 'fatal',
    'Mandatreferens måste anges vid autogiro/direktdebitering (betalningssätt 49 eller 59).',
    'Mandate reference MUST be provided for direct debit.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const pm of ram(doc, 'SpecifiedTradeSettlementPaymentMeans')) {
          const code = kid(pm, R, 'TypeCode');
          const c = code === undefined ? '' : normalizeSpace(code.text);
          if (c !== '49' && c !== '59') continue;
          if (at(pm.parent ?? undefined, [R, 'SpecifiedTradePaymentTerms'], [R, 'DirectDebitMandateID']).length === 0) fail(pm.location);
        }
      } else {
        for (const pm of cac(doc, 'PaymentMeans')) {
          const code = kid(pm, C, 'PaymentMeansCode');
          const c = code === undefined ? '' : normalizeSpace(code.text);
          if (c !== '49' && c !== '59') continue;
          if (at(pm, [A, 'PaymentMandate'], [C, 'ID']).length === 0) fail(pm.location);
        }
      }
    }),
  rule('PEPPOL-EN16931-R080', 'fatal',
    'Högst en projektreferens är tillåten på dokumentnivå.',
    'Only one project reference is allowed on document level.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const a of ciiAgreements(doc)) {
          let n = 0;
          for (const r of kids(a, R, 'AdditionalReferencedDocument')) if (someText(kids(r, R, 'TypeCode'), '50')) n++;
          if (n > 1) fail(a.location);
        }
      } else if (doc.syntax === 'ubl-creditnote') {
        let n = 0;
        for (const r of kids(doc.root, A, 'AdditionalDocumentReference')) if (someText(kids(r, C, 'DocumentTypeCode'), '50')) n++;
        if (n > 1) fail(doc.root.location);
      }
    }),
];

/** CII `$documentCurrencyCode` element (first), UBL cbc:DocumentCurrencyCode. */
export function documentCurrencyElement(doc: ParsedDocument): XmlElement | undefined {
  if (isCii(doc)) return at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'ApplicableHeaderTradeSettlement'], [R, 'InvoiceCurrencyCode'])[0];
  return kid(doc.root, C, 'DocumentCurrencyCode');
}

// ---------------------------------------------------------------------------------------------------------
// Allowances and charges

/** An allowance or charge with the parts R040–R043 read (UBL cbc:Amount, BaseAmount, MultiplierFactorNumeric; CII
 * ram:ActualAmount, BasisAmount, CalculationPercent). */
type AllowanceCharge = {
  el: XmlElement;
  amount: XmlElement | undefined;
  base: XmlElement | undefined;
  pct: XmlElement | undefined;
};

/** UBL document-level and line-level cac:AllowanceCharge (not price level); CII every ram:SpecifiedTradeAllowanceCharge.
 * Once per document: four rules read them. */
const allowanceCharges = perDocument((doc: ParsedDocument): AllowanceCharge[] => {
  const out: AllowanceCharge[] = [];
  if (isCii(doc)) {
    for (const ac of ram(doc, 'SpecifiedTradeAllowanceCharge')) {
      out.push({ el: ac, amount: kid(ac, R, 'ActualAmount'), base: kid(ac, R, 'BasisAmount'), pct: kid(ac, R, 'CalculationPercent') });
    }
    return out;
  }
  for (const ac of kids(doc.root, A, 'AllowanceCharge')) out.push(ublAllowanceCharge(ac));
  for (const line of kids(doc.root, A, 'InvoiceLine')) for (const ac of kids(line, A, 'AllowanceCharge')) out.push(ublAllowanceCharge(ac));
  for (const line of kids(doc.root, A, 'CreditNoteLine')) for (const ac of kids(line, A, 'AllowanceCharge')) out.push(ublAllowanceCharge(ac));
  return out;
});

// module level, not a closure inside `allowanceCharges` (tsx's keepNames would wrap that in `__name` per document)
function ublAllowanceCharge(ac: XmlElement): AllowanceCharge {
  return { el: ac, amount: kid(ac, C, 'Amount'), base: kid(ac, C, 'BaseAmount'), pct: kid(ac, C, 'MultiplierFactorNumeric') };
}

const isIndicator = (v: string): boolean => v === 'true' || v === 'false';

function chargeIndicatorText(doc: ParsedDocument, ac: XmlElement): string {
  const el = isCii(doc) ? at(ac, [R, 'ChargeIndicator'], [U, 'Indicator'])[0] : kid(ac, C, 'ChargeIndicator');
  return el === undefined ? '' : normalizeSpace(el.text);
}

const TWO: Decimal = { value: 2n, scale: 0 };
const MINUS_TWO: Decimal = { value: -2n, scale: 0 };

export const allowanceRules: Rule[] = [
  rule('PEPPOL-EN16931-R040', 'fatal',
    'Rabattens/avgiftens belopp måste vara lika med grundbelopp × procentsats / 100 när båda anges.',
    'Allowance/charge amount must equal base amount * percentage/100 if base amount and percentage exists.',
    (doc, fail) => {
      for (const { el, amount, base, pct } of allowanceCharges(doc)) {
        if (base === undefined || pct === undefined) continue;
        const b = dec(base);
        const p = dec(pct);
        const a = amount === undefined ? ZERO : dec(amount);
        if (b === undefined || p === undefined || a === undefined) continue; // not decimals: the artefact errors
        // a within ±0.02 of b*p/100  ⇔  |a*100 − b*p| ≤ 2
        const lhs = sub(mul(a, HUNDRED), mul(b, p));
        if (compare(lhs, TWO) > 0 || compare(lhs, MINUS_TWO) < 0) fail(el.location);
      }
    }),
  rule('PEPPOL-EN16931-R041', 'fatal',
    'Grundbelopp måste anges för rabatt/avgift när procentsats anges.',
    'Allowance/charge base amount MUST be provided when allowance/charge percentage is provided.',
    (doc, fail) => {
      for (const ac of allowanceCharges(doc)) if (ac.pct !== undefined && ac.base === undefined) fail(ac.el.location);
    }),
  rule('PEPPOL-EN16931-R042', 'fatal',
    'Procentsats måste anges för rabatt/avgift när grundbelopp anges.',
    'Allowance/charge percentage MUST be provided when allowance/charge base amount is provided.',
    (doc, fail) => {
      for (const ac of allowanceCharges(doc)) if (ac.pct === undefined && ac.base !== undefined) fail(ac.el.location);
    }),
  rule('PEPPOL-EN16931-R043', 'fatal',
    "Indikatorn för rabatt/avgift (ChargeIndicator) måste vara 'true' eller 'false'.",
    "Allowance/charge ChargeIndicator value MUST equal 'true' or 'false'.",
    (doc, fail) => {
      for (const { el } of allowanceCharges(doc)) if (!isIndicator(chargeIndicatorText(doc, el))) fail(el.location);
      if (isCii(doc)) for (const el of ram(doc, 'AppliedTradeAllowanceCharge')) if (!isIndicator(chargeIndicatorText(doc, el))) fail(el.location);
    }),
  rule('PEPPOL-EN16931-R044', 'fatal',
    "Avgift på prisnivå är inte tillåten; endast rabatt (ChargeIndicator 'false') får anges i priset.",
    "Charge on price level is NOT allowed. Only value 'false' allowed.",
    (doc, fail) => {
      if (isCii(doc)) return;
      for (const price of cac(doc, 'Price')) {
        for (const ac of kids(price, A, 'AllowanceCharge')) if (chargeIndicatorText(doc, ac) !== 'false') fail(ac.location);
      }
    }),
  rule('PEPPOL-EN16931-R046', 'fatal',
    'Nettopriset måste vara lika med bruttopris minus prisrabatt när bruttopris anges.',
    'Item net price MUST equal (Gross price - Allowance amount) when gross price is provided.',
    (doc, fail) => {
      if (isCii(doc)) return;
      for (const price of cac(doc, 'Price')) {
        for (const ac of kids(price, A, 'AllowanceCharge')) {
          const base = kid(ac, C, 'BaseAmount');
          if (base === undefined) continue;
          const net = dec(kid(price, C, 'PriceAmount'));
          const b = dec(base);
          const a = dec(kid(ac, C, 'Amount'));
          if (net === undefined || b === undefined || a === undefined || compare(net, sub(b, a)) !== 0) fail(ac.location);
        }
      }
    }),
];

// ---------------------------------------------------------------------------------------------------------
// Lines

function ublLines(doc: ParsedDocument): readonly XmlElement[] {
  return doc.syntax === 'ubl-creditnote' ? cac(doc, 'CreditNoteLine') : cac(doc, 'InvoiceLine');
}

/** UBL cac:InvoiceLine then cac:CreditNoteLine elements anywhere (the contexts of R100, R101, R120, R121), once per document. */
const ublLinesBoth = perDocument((doc: ParsedDocument): readonly XmlElement[] => {
  const invoice = cac(doc, 'InvoiceLine');
  const credit = cac(doc, 'CreditNoteLine');
  return credit.length === 0 ? invoice : invoice.length === 0 ? credit : [...invoice, ...credit];
});

/** xs:date-comparable value of a YYYY-MM-DD text, or undefined. */
function isoDate(s: string): string | undefined {
  const t = normalizeSpace(s);
  if (t.length !== 10 || t.charCodeAt(4) !== 0x2d || t.charCodeAt(7) !== 0x2d) return undefined;
  for (const i of DATE_DIGITS) if (!isDigitCode(t.charCodeAt(i))) return undefined;
  return t;
}
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

function periodRule(id: string, which: 'Start' | 'End', sv: string, en: string): Rule {
  // element names built once (a template literal per call would be a fresh string, compared by content)
  const ciiName = which === 'Start' ? 'StartDateTime' : 'EndDateTime';
  const ublName = which === 'Start' ? 'StartDate' : 'EndDate';
  return rule(id, 'fatal', sv, en, (doc, fail) => {
    if (isCii(doc)) {
      for (const tx of kids(doc.root, RSM, 'SupplyChainTradeTransaction')) {
        const head = at(tx, [R, 'ApplicableHeaderTradeSettlement'], [R, 'BillingSpecifiedPeriod'], [R, ciiName]);
        if (head.length === 0) continue;
        const headValues = at(head[0], [U, 'DateTimeString']).map((e) => e.text);
        for (const line of kids(tx, R, 'IncludedSupplyChainTradeLineItem')) {
          for (const dt of at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'BillingSpecifiedPeriod'], [R, ciiName])) {
            const lineValues = at(dt, [U, 'DateTimeString']).map((e) => e.text);
            let ok = false;
            for (const l of lineValues) for (const h of headValues) if (which === 'Start' ? l >= h : l <= h) ok = true;
            if (!ok) fail(dt.location);
          }
        }
      }
      return;
    }
    const head = at(doc.root, [A, 'InvoicePeriod'], [C, ublName]);
    if (head.length === 0) return;
    const h = isoDate(head[0]!.text);
    for (const line of ublLines(doc)) {
      if (line.parent !== doc.root) continue;
      for (const d of at(line, [A, 'InvoicePeriod'], [C, ublName])) {
        const l = isoDate(d.text);
        if (l === undefined || h === undefined) continue; // not a date: the artefact errors
        if (which === 'Start' ? l < h : l > h) fail(d.location);
      }
    }
  });
}

/** R121: an absent base quantity, one that is not a decimal (the artefact errors) or one above zero. */
function positiveBasis(b: XmlElement | undefined): boolean {
  if (b === undefined) return true;
  const d = dec(b);
  return d === undefined || d.value > 0n;
}

/** The decimals R120 compares for one line; `base` is the price base quantity (1 when absent or zero). */
type Line120 = { net: Decimal; qty: Decimal; price: Decimal; base: Decimal; charges: readonly Decimal[]; allowances: readonly Decimal[] };
/** No allowances or charges (shared, never pushed to). */
const NONE: Decimal[] = [];

/** R120 broken: |net − (qty·price/base + round(charges) − round(allowances))| > 0.02, multiplied through by |base|
 * (exact, BigInt). */
function lineNetFails({ net, qty, price, base, charges, allowances }: Line120): boolean {
  let c = ZERO;
  for (const v of charges) c = add(c, v);
  let a = ZERO;
  for (const v of allowances) a = add(a, v);
  a = round(a, 2, 'half-ceiling');
  c = round(c, 2, 'half-ceiling');
  const baseAbs = base.value < 0n ? { value: -base.value, scale: base.scale } : base;
  const sign = base.value < 0n ? -1n : 1n;
  const qp = mul(qty, price);
  const qpSigned: Decimal = { value: qp.value * sign, scale: qp.scale };
  const diff = sub(mul(sub(net, sub(c, a)), baseAbs), qpSigned);
  const tol = mul(TWO_CENTS, baseAbs);
  return compare(diff, tol) > 0 || compare(diff, { value: -tol.value, scale: tol.scale }) < 0;
}

/** Powers of ten that keep an integer of at most 15 digits exact when multiplied (see `lineNetVerdictFast`). */
const POW10_SAFE = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** R130 (CII): each ram:BasisQuantity/@unitCode of a trade price is the unit of some billed quantity of its line.
 * (Module level: a closure inside the rule would be wrapped in `__name` by tsx's keepNames on every call.) */
function ciiBasisUnits(price: XmlElement, fail: (location: string) => void): void {
  for (const b of kids(price, R, 'BasisQuantity')) {
    const unit = b.attributes.unitCode;
    if (unit === undefined) continue;
    const line = price.parent?.parent ?? undefined;
    const billed = at(line, [R, 'SpecifiedLineTradeDelivery'], [R, 'BilledQuantity']);
    if (!billed.some((q) => q.attributes.unitCode === unit)) fail(b.location);
  }
}


/** R120 verdicts for one line: holds (or the artefact errors: no finding), fails, or left to the exact path. */
const HOLDS = 0;
const FAILS = 1;
const UNKNOWN = 2;
type Verdict = typeof HOLDS | typeof FAILS | typeof UNKNOWN;

/** R120 on one line's elements, exact (BigInt decimals): for the lines `lineNetVerdictFast` leaves open. */
function lineNetVerdict(doc: ParsedDocument, netEl: XmlElement | undefined, qtyEl: XmlElement | undefined, priceEl: XmlElement | undefined,
  baseEl: XmlElement | undefined, acs: readonly XmlElement[]): Verdict {
  const net = netEl === undefined ? ZERO : dec(netEl);
  const qty = qtyEl === undefined ? ONE : dec(qtyEl);
  const price = priceEl === undefined ? ZERO : dec(priceEl);
  let base: Decimal | undefined = ONE;
  if (baseEl !== undefined) {
    const b = dec(baseEl);
    if (b === undefined) return HOLDS;
    if (b.value !== 0n) base = b;
  }
  let allowances = NONE;
  let charges = NONE;
  let bad = false;
  for (const ac of acs) {
    const ind = chargeIndicatorText(doc, ac);
    if (ind !== 'true' && ind !== 'false') continue;
    for (const a of isCii(doc) ? kids(ac, R, 'ActualAmount') : kids(ac, C, 'Amount')) {
      const v = dec(a);
      if (v === undefined) { bad = true; continue; }
      if (ind === 'true') {
        if (charges === NONE) charges = [];
        charges.push(v);
      } else {
        if (allowances === NONE) allowances = [];
        allowances.push(v);
      }
    }
  }
  if (bad || net === undefined || qty === undefined || price === undefined || base === undefined) return HOLDS;
  const line120: Line120 = { net, qty, price, base, charges, allowances };
  return lineNetFails(line120) ? FAILS : HOLDS;
}

/** `lineNetVerdict` on the plain-decimal fast path (../../decimal.ts `plainScaled`): every value read straight into a
 * scaled integer in a double. UNKNOWN (the exact path decides) when a value is not plain, an allowance or charge has
 * more than 2 decimals (its rounding) or a step may not be exact.
 * Exactness: every step is a sum, difference or product of exact integers, whose double result is exact when its
 * magnitude is at most MAX_SAFE (and a true result beyond that rounds to 2^53 or more: rounding is monotonic). So
 * all steps are exact when every step's result is checked to be within MAX_SAFE, which is done once at the end
 * (one test per step there is cheaper than carrying NaN through a checking helper at each step).
 * A power of ten beyond POW10_SAFE is NaN and makes its step NaN, which fails the test too. */
function lineNetVerdictFast(doc: ParsedDocument, netEl: XmlElement | undefined, qtyEl: XmlElement | undefined, priceEl: XmlElement | undefined,
  baseEl: XmlElement | undefined, acs: readonly XmlElement[]): Verdict {
  let net = 0, netScale = 0, qty = 1, qtyScale = 0, price = 0, priceScale = 0, base = 1, baseScale = 0;
  if (netEl !== undefined) { net = plainScaled(netEl.text); netScale = lastPlainScale(); }
  if (qtyEl !== undefined) { qty = plainScaled(qtyEl.text); qtyScale = lastPlainScale(); }
  if (priceEl !== undefined) { price = plainScaled(priceEl.text); priceScale = lastPlainScale(); }
  if (baseEl !== undefined) {
    const b = plainScaled(baseEl.text);
    if (b !== 0) { base = b; baseScale = lastPlainScale(); } // zero counts as 1 (NaN stays and gives UNKNOWN below)
  }
  if (Number.isNaN(net) || Number.isNaN(qty) || Number.isNaN(price) || Number.isNaN(base)) return UNKNOWN;
  // Σ charges − Σ allowances at scale 2 (their rounding to 2 decimals is then a no-op)
  let cMinusA = 0;
  const cii = isCii(doc);
  const amountName = cii ? 'ActualAmount' : 'Amount';
  const amountNs = cii ? R : C;
  for (let i = 0; i < acs.length; i++) {
    const ac = acs[i]!;
    const ind = chargeIndicatorText(doc, ac);
    if (ind !== 'true' && ind !== 'false') continue;
    const kidsOf = ac.children;
    for (let k = 0; k < kidsOf.length; k++) {
      const a = kidsOf[k]!;
      if (a.local !== amountName || a.ns !== amountNs) continue;
      const v = plainScaled(a.text);
      if (Number.isNaN(v)) return UNKNOWN; // not plain (or not a decimal: the exact path sees it)
      const s = lastPlainScale();
      if (s > 2) return UNKNOWN;
      const v2 = s === 2 ? v : s === 1 ? v * 10 : v * 100;
      cMinusA = ind === 'true' ? cMinusA + v2 : cMinusA - v2;
      if (!(Math.abs(v2) <= MAX_SAFE && Math.abs(cMinusA) <= MAX_SAFE)) return UNKNOWN;
    }
  }
  // as lineNetFails: |(net − (c − a))·|base| − sign(base)·qty·price| > 0.02·|base|, all at one scale
  const s1 = netScale > 2 ? netScale : 2;
  const netS = net * pow10Safe(s1 - netScale);
  const acS = cMinusA * pow10Safe(s1 - 2);
  const x = netS - acS;
  const baseAbs = base < 0 ? -base : base;
  const left = x * baseAbs;
  const qp = qty * price;
  const ls = s1 + baseScale;
  const rs = qtyScale + priceScale;
  const ds = ls > rs ? ls : rs;
  const leftD = left * pow10Safe(ds - ls);
  const rightD = (base < 0 ? -qp : qp) * pow10Safe(ds - rs);
  const diff = leftD - rightD;
  const ts = 2 + baseScale;
  const m = ds > ts ? ds : ts;
  const d = diff * pow10Safe(m - ds);
  const tol = 2 * baseAbs * pow10Safe(m - ts);
  if (!(Math.abs(netS) <= MAX_SAFE && Math.abs(acS) <= MAX_SAFE && Math.abs(x) <= MAX_SAFE && Math.abs(left) <= MAX_SAFE &&
    Math.abs(qp) <= MAX_SAFE && Math.abs(leftD) <= MAX_SAFE && Math.abs(rightD) <= MAX_SAFE && Math.abs(diff) <= MAX_SAFE &&
    Math.abs(d) <= MAX_SAFE && Math.abs(tol) <= MAX_SAFE)) return UNKNOWN;
  return d > tol || d < -tol ? FAILS : HOLDS;
}
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const pow10Safe = (n: number): number => POW10_SAFE[n] ?? NaN;

export const lineRules: Rule[] = [
  periodRule('PEPPOL-EN16931-R110', 'Start',
    'Radens periodstart måste ligga inom fakturaperioden.',
    'Start date of line period MUST be within invoice period.'),
  periodRule('PEPPOL-EN16931-R111', 'End',
    'Radens periodslut måste ligga inom fakturaperioden.',
    'End date of line period MUST be within invoice period.'),
  rule('PEPPOL-EN16931-R120', 'fatal',
    'Radens nettobelopp måste vara lika med antal × (nettopris / prisets basantal) + radavgifter − radrabatter.',
    'Invoice line net amount MUST equal (Invoiced quantity * (Item net price/item price base quantity) + Sum of invoice line charge amount - sum of invoice line allowance amount.',
    (doc, fail) => {
      const cii = isCii(doc);
      const lines = cii ? ram(doc, 'IncludedSupplyChainTradeLineItem') : ublLinesBoth(doc);
      const qtyName = doc.syntax === 'ubl-creditnote' ? 'CreditedQuantity' : 'InvoicedQuantity';
      for (const line of lines) {
        let netEl: XmlElement | undefined;
        let qtyEl: XmlElement | undefined;
        let priceEl: XmlElement | undefined;
        let baseEl: XmlElement | undefined;
        let acs: readonly XmlElement[];
        if (cii) {
          netEl = at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'SpecifiedTradeSettlementLineMonetarySummation'], [R, 'LineTotalAmount'])[0];
          qtyEl = at(line, [R, 'SpecifiedLineTradeDelivery'], [R, 'BilledQuantity'])[0];
          const np = at(line, [R, 'SpecifiedLineTradeAgreement'], [R, 'NetPriceProductTradePrice']);
          priceEl = at(np[0], [R, 'ChargeAmount'])[0];
          baseEl = at(np[0], [R, 'BasisQuantity'])[0];
          acs = at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'SpecifiedTradeAllowanceCharge']);
        } else {
          // one pass over the line's children finds the first of each (the same elements `kid` would find)
          let price: XmlElement | undefined;
          let acList: XmlElement[] | undefined;
          const children = line.children;
          for (let i = 0; i < children.length; i++) {
            const k = children[i]!;
            const local = k.local;
            if (k.ns === C) {
              if (local === 'LineExtensionAmount') netEl ??= k;
              else if (local === qtyName) qtyEl ??= k;
            } else if (k.ns === A) {
              if (local === 'Price') price ??= k;
              else if (local === 'AllowanceCharge') (acList ??= []).push(k);
            }
          }
          priceEl = kid(price, C, 'PriceAmount');
          baseEl = kid(price, C, 'BaseQuantity');
          acs = acList ?? EMPTY;
        }
        const verdict = lineNetVerdictFast(doc, netEl, qtyEl, priceEl, baseEl, acs);
        if (verdict === FAILS || (verdict === UNKNOWN && lineNetVerdict(doc, netEl, qtyEl, priceEl, baseEl, acs) === FAILS)) fail(line.location);
      }
    }),
  rule('PEPPOL-EN16931-R121', 'fatal',
    'Prisets basantal måste vara ett positivt tal större än noll.',
    'Base quantity MUST be a positive number above zero.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const p of ram(doc, 'NetPriceProductTradePrice')) if (!positiveBasis(kid(p, R, 'BasisQuantity'))) fail(p.location);
        for (const p of ram(doc, 'GrossPriceProductTradePrice')) if (!positiveBasis(kid(p, R, 'BasisQuantity'))) fail(p.location);
      } else {
        for (const line of ublLinesBoth(doc)) {
          if (!positiveBasis(at(line, [A, 'Price'], [C, 'BaseQuantity'])[0])) fail(line.location);
        }
      }
    }),
  rule('PEPPOL-EN16931-R130', 'fatal',
    'Enhetskoden för prisets basantal måste vara samma som för fakturerat antal.',
    'Unit code of price base quantity MUST be same as invoiced quantity.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const p of ram(doc, 'NetPriceProductTradePrice')) ciiBasisUnits(p, fail);
        for (const p of ram(doc, 'GrossPriceProductTradePrice')) ciiBasisUnits(p, fail);
      } else {
        const qtyName = doc.syntax === 'ubl-creditnote' ? 'CreditedQuantity' : 'InvoicedQuantity';
        for (const price of cac(doc, 'Price')) {
          for (const b of kids(price, C, 'BaseQuantity')) {
            const unit = b.attributes.unitCode;
            if (unit === undefined) continue;
            const line = price.parent ?? undefined;
            const hasQty = kid(line, C, 'InvoicedQuantity') !== undefined || kid(line, C, 'CreditedQuantity') !== undefined;
            if (!hasQty) continue;
            if (!kids(line, C, qtyName).some((q) => q.attributes.unitCode === unit)) fail(b.location);
          }
        }
      }
    }),
  rule('PEPPOL-EN16931-R100', 'fatal',
    'Högst ett fakturerat objekt är tillåtet per fakturarad.',
    'Only one invoiced object is allowed pr line.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const line of ram(doc, 'IncludedSupplyChainTradeLineItem')) {
          let n = 0;
          for (const r of at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'AdditionalReferencedDocument'])) if (someText(kids(r, R, 'TypeCode'), '130')) n++;
          if (n > 1) fail(line.location);
        }
      } else {
        for (const line of ublLinesBoth(doc)) if (kids(line, A, 'DocumentReference').length > 1) fail(line.location);
      }
    }),
  rule('PEPPOL-EN16931-R101', 'fatal',
    'Dokumentreferens på rad får bara användas för fakturerat objekt (typkod 130).',
    'Element Document reference can only be used for Invoice line object.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const line of ram(doc, 'IncludedSupplyChainTradeLineItem')) {
          const refs = at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'AdditionalReferencedDocument']);
          if (refs.length > 0 && !refs.some((r) => someText(kids(r, R, 'TypeCode'), '130'))) fail(line.location);
        }
      } else {
        for (const line of ublLinesBoth(doc)) {
          const refs = kids(line, A, 'DocumentReference');
          if (refs.length > 0 && !refs.some((r) => someText(kids(r, C, 'DocumentTypeCode'), '130'))) fail(line.location);
        }
      }
    }),
];
