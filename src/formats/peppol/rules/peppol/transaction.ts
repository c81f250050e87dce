// Peppol BIS Billing 3.0.19 transaction rules PEPPOL-EN16931-R0xx/R1xx, read on the element tree so that
// they follow the official Schematron contexts exactly (UBL and CII bindings differ; see `doc.syntax`).
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import { add, compare, mul, parseDecimal, round, sub, ZERO, type Decimal } from '../../decimal.ts';
import type { Rule } from '../types.ts';
import { at, cac, cbc, facts, index, kid, kids, normalizeSpace, ram, rule, xpathNumber } from './util.ts';
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
  let p = 'Unknown';
  if (el !== undefined) {
    const v = normalizeSpace(el.text);
    if (PROFILE_RE.test(v)) p = v.split(':')[6] ?? '';
  }
  return p;
});
const PROFILE_RE = /urn:fdc:peppol\.eu:2017:poacc:billing:([0-9]{2}):1.0/;

/** Both seller and buyer have postal country DE (the German exceptions of R002 / P0112). */
export function bothGerman(doc: ParsedDocument): boolean {
  const f = facts(doc);
  return normalizeSpace(f.sellerPostalRaw).toUpperCase() === 'DE' && normalizeSpace(f.buyerPostalRaw).toUpperCase() === 'DE';
}

const ciiContext = (doc: ParsedDocument): XmlElement[] => kids(doc.root, RSM, 'ExchangedDocumentContext');
const ciiAgreements = (doc: ParsedDocument): XmlElement[] => ram(doc, 'ApplicableHeaderTradeAgreement');
const ciiSettlements = (doc: ParsedDocument): XmlElement[] => ram(doc, 'ApplicableHeaderTradeSettlement');

function dec(el: XmlElement | undefined): Decimal | undefined {
  return el === undefined ? undefined : parseDecimal(el.text);
}

const TWO_CENTS: Decimal = { value: 2n, scale: 2 };
const HUNDRED: Decimal = { value: 100n, scale: 0 };
const ONE: Decimal = { value: 1n, scale: 0 };

/** XPath general comparison `seq op 0` over numbers (true when any item satisfies it). */
function anyNum(els: XmlElement[], pred: (n: number) => boolean): boolean {
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
          if (id === undefined || !normalizeSpace(id.text).startsWith(prefix)) fail(c.location);
        }
      } else {
        const id = kid(doc.root, C, 'CustomizationID');
        if (id === undefined || !normalizeSpace(id.text).startsWith(prefix)) fail(doc.root.location);
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
        for (const r of kids(a, R, 'AdditionalReferencedDocument')) if (kids(r, R, 'TypeCode').some((t) => t.text === '130')) n++;
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
          for (const r of kids(a, R, 'AdditionalReferencedDocument')) if (kids(r, R, 'TypeCode').some((t) => t.text === '50')) n++;
          if (n > 1) fail(a.location);
        }
      } else if (doc.syntax === 'ubl-creditnote') {
        let n = 0;
        for (const r of kids(doc.root, A, 'AdditionalDocumentReference')) if (kids(r, C, 'DocumentTypeCode').some((t) => t.text === '50')) n++;
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

/** UBL document-level and line-level cac:AllowanceCharge (not price level); CII every ram:SpecifiedTradeAllowanceCharge. */
function allowanceCharges(doc: ParsedDocument): XmlElement[] {
  if (isCii(doc)) return ram(doc, 'SpecifiedTradeAllowanceCharge');
  const out: XmlElement[] = [];
  for (const ac of kids(doc.root, A, 'AllowanceCharge')) out.push(ac);
  for (const line of [...kids(doc.root, A, 'InvoiceLine'), ...kids(doc.root, A, 'CreditNoteLine')]) {
    for (const ac of kids(line, A, 'AllowanceCharge')) out.push(ac);
  }
  return out;
}

function acParts(doc: ParsedDocument, ac: XmlElement): { amount?: XmlElement; base?: XmlElement; pct?: XmlElement } {
  if (isCii(doc)) return { amount: kid(ac, R, 'ActualAmount'), base: kid(ac, R, 'BasisAmount'), pct: kid(ac, R, 'CalculationPercent') };
  return { amount: kid(ac, C, 'Amount'), base: kid(ac, C, 'BaseAmount'), pct: kid(ac, C, 'MultiplierFactorNumeric') };
}

function chargeIndicatorText(doc: ParsedDocument, ac: XmlElement): string {
  const el = isCii(doc) ? at(ac, [R, 'ChargeIndicator'], [U, 'Indicator'])[0] : kid(ac, C, 'ChargeIndicator');
  return el === undefined ? '' : normalizeSpace(el.text);
}

export const allowanceRules: Rule[] = [
  rule('PEPPOL-EN16931-R040', 'fatal',
    'Rabattens/avgiftens belopp måste vara lika med grundbelopp × procentsats / 100 när båda anges.',
    'Allowance/charge amount must equal base amount * percentage/100 if base amount and percentage exists.',
    (doc, fail) => {
      for (const ac of allowanceCharges(doc)) {
        const { amount, base, pct } = acParts(doc, ac);
        if (base === undefined || pct === undefined) continue;
        const b = dec(base);
        const p = dec(pct);
        const a = amount === undefined ? ZERO : dec(amount);
        if (b === undefined || p === undefined || a === undefined) continue; // not decimals: the artefact errors
        // a within ±0.02 of b*p/100  ⇔  |a*100 − b*p| ≤ 2
        const lhs = sub(mul(a, HUNDRED), mul(b, p));
        const two: Decimal = { value: 2n, scale: 0 };
        if (compare(lhs, two) > 0 || compare(lhs, { value: -2n, scale: 0 }) < 0) fail(ac.location);
      }
    }),
  rule('PEPPOL-EN16931-R041', 'fatal',
    'Grundbelopp måste anges för rabatt/avgift när procentsats anges.',
    'Allowance/charge base amount MUST be provided when allowance/charge percentage is provided.',
    (doc, fail) => {
      for (const ac of allowanceCharges(doc)) {
        const { base, pct } = acParts(doc, ac);
        if (pct !== undefined && base === undefined) fail(ac.location);
      }
    }),
  rule('PEPPOL-EN16931-R042', 'fatal',
    'Procentsats måste anges för rabatt/avgift när grundbelopp anges.',
    'Allowance/charge percentage MUST be provided when allowance/charge base amount is provided.',
    (doc, fail) => {
      for (const ac of allowanceCharges(doc)) {
        const { base, pct } = acParts(doc, ac);
        if (pct === undefined && base !== undefined) fail(ac.location);
      }
    }),
  rule('PEPPOL-EN16931-R043', 'fatal',
    "Indikatorn för rabatt/avgift (ChargeIndicator) måste vara 'true' eller 'false'.",
    "Allowance/charge ChargeIndicator value MUST equal 'true' or 'false'.",
    (doc, fail) => {
      const list = isCii(doc) ? [...allowanceCharges(doc), ...ram(doc, 'AppliedTradeAllowanceCharge')] : allowanceCharges(doc);
      for (const ac of list) {
        const v = chargeIndicatorText(doc, ac);
        if (v !== 'true' && v !== 'false') fail(ac.location);
      }
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

function ublLines(doc: ParsedDocument): XmlElement[] {
  return doc.syntax === 'ubl-creditnote' ? cac(doc, 'CreditNoteLine') : cac(doc, 'InvoiceLine');
}

/** xs:date-comparable value of a YYYY-MM-DD text, or undefined. */
function isoDate(s: string): string | undefined {
  const t = normalizeSpace(s);
  return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined;
}

function periodRule(id: string, which: 'Start' | 'End', sv: string, en: string): Rule {
  return rule(id, 'fatal', sv, en, (doc, fail) => {
    if (isCii(doc)) {
      for (const tx of kids(doc.root, RSM, 'SupplyChainTradeTransaction')) {
        const head = at(tx, [R, 'ApplicableHeaderTradeSettlement'], [R, 'BillingSpecifiedPeriod'], [R, `${which}DateTime`]);
        if (head.length === 0) continue;
        const headValues = at(head[0], [U, 'DateTimeString']).map((e) => e.text);
        for (const line of kids(tx, R, 'IncludedSupplyChainTradeLineItem')) {
          for (const dt of at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'BillingSpecifiedPeriod'], [R, `${which}DateTime`])) {
            const lineValues = at(dt, [U, 'DateTimeString']).map((e) => e.text);
            let ok = false;
            for (const l of lineValues) for (const h of headValues) if (which === 'Start' ? l >= h : l <= h) ok = true;
            if (!ok) fail(dt.location);
          }
        }
      }
      return;
    }
    const head = at(doc.root, [A, 'InvoicePeriod'], [C, `${which}Date`]);
    if (head.length === 0) return;
    const h = isoDate(head[0]!.text);
    for (const line of ublLines(doc)) {
      if (line.parent !== doc.root) continue;
      for (const d of at(line, [A, 'InvoicePeriod'], [C, `${which}Date`])) {
        const l = isoDate(d.text);
        if (l === undefined || h === undefined) continue; // not a date: the artefact errors
        if (which === 'Start' ? l < h : l > h) fail(d.location);
      }
    }
  });
}

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
      const lines = isCii(doc) ? ram(doc, 'IncludedSupplyChainTradeLineItem') : [...cac(doc, 'InvoiceLine'), ...cac(doc, 'CreditNoteLine')];
      for (const line of lines) {
        let netEl: XmlElement | undefined;
        let qtyEl: XmlElement | undefined;
        let priceEl: XmlElement | undefined;
        let baseEl: XmlElement | undefined;
        let acs: XmlElement[];
        if (isCii(doc)) {
          netEl = at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'SpecifiedTradeSettlementLineMonetarySummation'], [R, 'LineTotalAmount'])[0];
          qtyEl = at(line, [R, 'SpecifiedLineTradeDelivery'], [R, 'BilledQuantity'])[0];
          const np = at(line, [R, 'SpecifiedLineTradeAgreement'], [R, 'NetPriceProductTradePrice']);
          priceEl = at(np[0], [R, 'ChargeAmount'])[0];
          baseEl = at(np[0], [R, 'BasisQuantity'])[0];
          acs = at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'SpecifiedTradeAllowanceCharge']);
        } else {
          netEl = kid(line, C, 'LineExtensionAmount');
          qtyEl = kid(line, C, doc.syntax === 'ubl-creditnote' ? 'CreditedQuantity' : 'InvoicedQuantity');
          const price = kid(line, A, 'Price');
          priceEl = kid(price, C, 'PriceAmount');
          baseEl = kid(price, C, 'BaseQuantity');
          acs = kids(line, A, 'AllowanceCharge');
        }
        const net = netEl === undefined ? ZERO : dec(netEl);
        const qty = qtyEl === undefined ? ONE : dec(qtyEl);
        const price = priceEl === undefined ? ZERO : dec(priceEl);
        let base: Decimal | undefined = ONE;
        if (baseEl !== undefined) {
          const b = dec(baseEl);
          if (b === undefined) continue;
          if (b.value !== 0n) base = b;
        }
        let allowances = ZERO;
        let charges = ZERO;
        let bad = false;
        for (const ac of acs) {
          const ind = chargeIndicatorText(doc, ac);
          if (ind !== 'true' && ind !== 'false') continue;
          for (const a of isCii(doc) ? kids(ac, R, 'ActualAmount') : kids(ac, C, 'Amount')) {
            const v = dec(a);
            if (v === undefined) { bad = true; continue; }
            if (ind === 'true') charges = add(charges, v);
            else allowances = add(allowances, v);
          }
        }
        if (bad || net === undefined || qty === undefined || price === undefined || base === undefined) continue;
        allowances = round(allowances, 2, 'half-ceiling');
        charges = round(charges, 2, 'half-ceiling');
        // |net − (qty·price/base + charges − allowances)| ≤ 0.02, multiplied through by |base|
        const baseAbs = base.value < 0n ? { value: -base.value, scale: base.scale } : base;
        const sign = base.value < 0n ? -1n : 1n;
        const qp = mul(qty, price);
        const qpSigned: Decimal = { value: qp.value * sign, scale: qp.scale };
        const diff = sub(mul(sub(net, sub(charges, allowances)), baseAbs), qpSigned);
        const tol = mul(TWO_CENTS, baseAbs);
        if (compare(diff, tol) > 0 || compare(diff, { value: -tol.value, scale: tol.scale }) < 0) fail(line.location);
      }
    }),
  rule('PEPPOL-EN16931-R121', 'fatal',
    'Prisets basantal måste vara ett positivt tal större än noll.',
    'Base quantity MUST be a positive number above zero.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const p of [...ram(doc, 'NetPriceProductTradePrice'), ...ram(doc, 'GrossPriceProductTradePrice')]) {
          const b = kid(p, R, 'BasisQuantity');
          if (b === undefined) continue;
          const d = dec(b);
          if (d !== undefined && d.value <= 0n) fail(p.location);
        }
      } else {
        for (const line of [...cac(doc, 'InvoiceLine'), ...cac(doc, 'CreditNoteLine')]) {
          const b = at(line, [A, 'Price'], [C, 'BaseQuantity'])[0];
          if (b === undefined) continue;
          const d = dec(b);
          if (d !== undefined && d.value <= 0n) fail(line.location);
        }
      }
    }),
  rule('PEPPOL-EN16931-R130', 'fatal',
    'Enhetskoden för prisets basantal måste vara samma som för fakturerat antal.',
    'Unit code of price base quantity MUST be same as invoiced quantity.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const p of [...ram(doc, 'NetPriceProductTradePrice'), ...ram(doc, 'GrossPriceProductTradePrice')]) {
          for (const b of kids(p, R, 'BasisQuantity')) {
            const unit = b.attributes.unitCode;
            if (unit === undefined) continue;
            const line = p.parent?.parent ?? undefined;
            const billed = at(line, [R, 'SpecifiedLineTradeDelivery'], [R, 'BilledQuantity']);
            if (!billed.some((q) => q.attributes.unitCode === unit)) fail(b.location);
          }
        }
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
          for (const r of at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'AdditionalReferencedDocument'])) if (kids(r, R, 'TypeCode').some((t) => t.text === '130')) n++;
          if (n > 1) fail(line.location);
        }
      } else {
        for (const line of [...cac(doc, 'InvoiceLine'), ...cac(doc, 'CreditNoteLine')]) if (kids(line, A, 'DocumentReference').length > 1) fail(line.location);
      }
    }),
  rule('PEPPOL-EN16931-R101', 'fatal',
    'Dokumentreferens på rad får bara användas för fakturerat objekt (typkod 130).',
    'Element Document reference can only be used for Invoice line object.',
    (doc, fail) => {
      if (isCii(doc)) {
        for (const line of ram(doc, 'IncludedSupplyChainTradeLineItem')) {
          const refs = at(line, [R, 'SpecifiedLineTradeSettlement'], [R, 'AdditionalReferencedDocument']);
          if (refs.length > 0 && !refs.some((r) => kids(r, R, 'TypeCode').some((t) => t.text === '130'))) fail(line.location);
        }
      } else {
        for (const line of [...cac(doc, 'InvoiceLine'), ...cac(doc, 'CreditNoteLine')]) {
          const refs = kids(line, A, 'DocumentReference');
          if (refs.length > 0 && !refs.some((r) => kids(r, C, 'DocumentTypeCode').some((t) => t.text === '130'))) fail(line.location);
        }
      }
    }),
];
