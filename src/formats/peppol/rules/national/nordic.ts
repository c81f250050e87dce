// Norwegian (NO-R-*) and Danish (DK-R-*) national rules of Peppol BIS Billing 3.0.19. They apply only when
// the seller (and for most Danish rules also the buyer) is in that country, as the artefacts define it.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import { mod11CheckDigit } from '../../../identifiers/checksums.ts';
import type { Rule } from '../types.ts';
import {
  at, buyerPartyEl, cac, facts, gatedRules, kid, kids, normalizeSpace, ram, rule, sellerPartyEl, xpathNumber,
} from '../peppol/util.ts';

const C = NS.cbc;
const A = NS.cac;
const R = NS.ram;
const RSM = NS.rsm;

const isCii = (doc: ParsedDocument): boolean => doc.syntax === 'cii';
const txt = (el: XmlElement | undefined): string => (el === undefined ? '' : el.text);
const nsp = (el: XmlElement | undefined): string => normalizeSpace(txt(el));

/** The artefacts' u:mod11 on a 9-digit string. */
function mod11(v: string): boolean {
  if (!/^\d{9}$/.test(v) || Number(v) <= 0) return false;
  return mod11CheckDigit(v.slice(0, 8)) === v.charCodeAt(8) - 48;
}

// ---------------------------------------------------------------------------------------------------------
// Norway

/** `$supplierCountry = 'NO'`: the context of both NO rules (through `norwegianSellers`), so their gate. */
const norwegianSupplier = (doc: ParsedDocument): boolean => facts(doc).supplierCountry === 'NO';

/** Seller party elements the NO rules apply to (`cac:AccountingSupplierParty/cac:Party[$supplierCountry = 'NO']`). */
function norwegianSellers(doc: ParsedDocument): readonly XmlElement[] {
  if (!norwegianSupplier(doc)) return [];
  if (isCii(doc)) return ram(doc, 'SellerTradeParty');
  const out: XmlElement[] = [];
  for (const p of cac(doc, 'AccountingSupplierParty')) for (const party of kids(p, A, 'Party')) out.push(party);
  return out;
}

function noVatIds(doc: ParsedDocument, party: XmlElement): readonly XmlElement[] {
  const out: XmlElement[] = [];
  if (isCii(doc)) {
    for (const reg of kids(party, R, 'SpecifiedTaxRegistration')) {
      if (!kids(reg, R, 'ID').some((i) => i.attributes.schemeID === 'VAT')) continue;
      const id = kid(reg, R, 'ID');
      if (id) out.push(id);
    }
  } else {
    for (const pts of kids(party, A, 'PartyTaxScheme')) {
      if (!at(pts, [A, 'TaxScheme'], [C, 'ID']).some((s) => normalizeSpace(s.text) === 'VAT')) continue;
      for (const id of kids(pts, C, 'CompanyID')) out.push(id);
    }
  }
  return out;
}

export const noRules: Rule[] = gatedRules(norwegianSupplier, [
  rule('NO-R-002', 'warning',
    "Norska aktiebolag m.fl. ska ange 'Foretaksregisteret' som skatteregistrering (Seller tax registration identifier).",
    'For Norwegian suppliers, most invoice issuers are required to append "Foretaksregisteret" to their invoice.',
    (doc, fail) => {
      for (const party of norwegianSellers(doc)) {
        let ok: boolean;
        if (isCii(doc)) {
          ok = at(party, [R, 'SpecifiedTaxRegistration'], [R, 'ID']).some((i) => i.attributes.schemeID === 'FC' && normalizeSpace(i.text) === 'Foretaksregisteret');
        } else {
          const ids: XmlElement[] = [];
          for (const pts of kids(party, A, 'PartyTaxScheme')) {
            if (at(pts, [A, 'TaxScheme'], [C, 'ID']).some((s) => normalizeSpace(s.text) === 'TAX')) for (const id of kids(pts, C, 'CompanyID')) ids.push(id);
          }
          ok = ids.length === 1 && normalizeSpace(ids[0]!.text) === 'Foretaksregisteret';
        }
        if (!ok) fail(party.location);
      }
    }),
  rule('NO-R-001', 'fatal',
    'Norskt momsregistreringsnummer måste vara NO + giltigt organisationsnummer (9 siffror) + MVA.',
    'For Norwegian suppliers, a VAT number MUST be the country code prefix NO followed by a valid Norwegian organization number (nine numbers) followed by the letters MVA.',
    (doc, fail) => {
      for (const party of norwegianSellers(doc)) {
        const ids = noVatIds(doc, party);
        const norwegian = ids.filter((i) => i.text.slice(0, 2) === 'NO');
        if (norwegian.length === 0) continue;
        const first = ids[0]!;
        const ok = ids.some((i) => /^[0-9]{9}MVA$/.test(i.text.slice(2))) && mod11(first.text.slice(2, 11));
        if (!ok) fail(party.location);
      }
    }),
]);

// ---------------------------------------------------------------------------------------------------------
// Denmark

/** `$DKSupplierCountry = 'DK'` (postal country as written). Every DK rule needs it (DK-R-002/014 only it, the others
 * also a Danish buyer, the payment rules through `dkPayments`), so it is the gate of the DK rules. */
function dkSeller(doc: ParsedDocument): boolean {
  const f = facts(doc);
  return isCii(doc) ? f.sellerPostalAll.includes('DK') : f.sellerPostalRaw === 'DK';
}

function dkBuyer(doc: ParsedDocument): boolean {
  const f = facts(doc);
  return isCii(doc) ? f.buyerPostalAll.includes('DK') : f.buyerPostalRaw === 'DK';
}

/** DK-R-004: the first reason is a 4-digit tax category, or contains a '#' that is neither first nor last. */
function dkTaxReasonOk(r: readonly XmlElement[]): boolean {
  const first = r[0];
  if (first === undefined) return false;
  const n = normalizeSpace(first.text);
  const num = xpathNumber(first.text);
  if (n.length === 4 && num >= 0 && num <= 9999) return true;
  const v = first.text;
  return v.includes('#') && !v.startsWith('#') && !v.endsWith('#');
}

type DkPayment = {
  el: XmlElement;
  code: readonly XmlElement[];
  paymentId: string;
  account: string;
  branch: string;
  mandate: string;
  payerAccount: string;
};

/** Payment means of a Danish seller (the gate) and a Danish buyer. */
function dkPayments(doc: ParsedDocument): DkPayment[] {
  if (!dkBuyer(doc)) return [];
  const out: DkPayment[] = [];
  if (isCii(doc)) {
    for (const pm of at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'ApplicableHeaderTradeSettlement'], [R, 'SpecifiedTradeSettlementPaymentMeans'])) {
      const settlement = pm.parent ?? undefined;
      out.push({
        el: pm,
        code: kids(pm, R, 'TypeCode'),
        paymentId: txt(kid(settlement, R, 'PaymentReference')),
        account: txt(at(pm, [R, 'PayeePartyCreditorFinancialAccount'], [R, 'IBANID'])[0]),
        branch: txt(at(pm, [R, 'PayeeSpecifiedCreditorFinancialInstitution'], [R, 'BICID'])[0]),
        mandate: txt(at(pm, [R, 'SpecifiedTradePaymentTerms'], [R, 'DirectDebitMandateID'])[0]),
        payerAccount: txt(kid(settlement, R, 'CreditorReferenceID')),
      });
    }
    return out;
  }
  if (doc.syntax !== 'ubl-invoice') return out;
  for (const pm of kids(doc.root, A, 'PaymentMeans')) {
    out.push({
      el: pm,
      code: kids(pm, C, 'PaymentMeansCode'),
      paymentId: txt(kid(pm, C, 'PaymentID')),
      account: txt(at(pm, [A, 'PayeeFinancialAccount'], [C, 'ID'])[0]),
      branch: txt(at(pm, [A, 'PayeeFinancialAccount'], [A, 'FinancialInstitutionBranch'], [C, 'ID'])[0]),
      mandate: txt(at(pm, [A, 'PaymentMandate'], [C, 'ID'])[0]),
      payerAccount: txt(at(pm, [A, 'PaymentMandate'], [A, 'PayerFinancialAccount'], [C, 'ID'])[0]),
    });
  }
  return out;
}

const codeIs = (p: DkPayment, c: string): boolean => p.code.some((e) => e.text === c);

function dkPaymentRule(id: string, sv: string, en: string, bad: (p: DkPayment, cii: boolean) => boolean): Rule {
  return rule(id, 'fatal', sv, en, (doc, fail) => {
    for (const p of dkPayments(doc)) if (bad(p, isCii(doc))) fail(p.el.location);
  });
}

/** The seller legal identifier elements (UBL PartyLegalEntity/CompanyID, CII SpecifiedLegalOrganization/ID). */
function sellerLegalIds(doc: ParsedDocument): readonly XmlElement[] {
  const seller = sellerPartyEl(doc);
  return isCii(doc) ? at(seller, [R, 'SpecifiedLegalOrganization'], [R, 'ID']) : at(seller, [A, 'PartyLegalEntity'], [C, 'CompanyID']);
}

// Behind the `dkSeller` gate: the rules below test only the buyer themselves.
export const dkRules: Rule[] = gatedRules(dkSeller, [
  rule('DK-R-002', 'fatal',
    'Danska leverantörer måste ange juridiskt registreringsnummer (CVR-nummer).',
    'Danish suppliers MUST provide legal entity (CVR-number).',
    (doc, fail) => {
      if (nsp(sellerLegalIds(doc)[0]) === '') fail(doc.root.location);
    }),
  rule('DK-R-014', 'fatal',
    "Danska leverantörer måste ange schemeID '0184' (CVR) för sitt juridiska registreringsnummer.",
    'For Danish Suppliers it is mandatory to specify schemeID as "0184" (DK CVR-number) when PartyLegalEntity/CompanyID is used for AccountingSupplierParty.',
    (doc, fail) => {
      const ids = sellerLegalIds(doc);
      if (ids.length > 0 && normalizeSpace(ids[0]!.attributes.schemeID ?? '') !== '0184') fail(doc.root.location);
    }),
  rule('DK-R-016', 'fatal',
    'För danska leverantörer får en kreditnota inte ha negativt totalbelopp att betala.',
    'For Danish Suppliers, a Credit note cannot have a negative total (PayableAmount).',
    (doc, fail) => {
      if (!dkBuyer(doc)) return;
      let payable: XmlElement | undefined;
      if (isCii(doc)) {
        const type = at(doc.root, [RSM, 'ExchangedDocument'], [R, 'TypeCode'])[0];
        if (nsp(type) !== '381') return;
        payable = at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'ApplicableHeaderTradeSettlement'], [R, 'SpecifiedTradeSettlementHeaderMonetarySummation'], [R, 'DuePayableAmount'])[0];
      } else {
        if (doc.syntax !== 'ubl-creditnote') return;
        payable = at(doc.root, [A, 'LegalMonetaryTotal'], [C, 'PayableAmount'])[0];
      }
      if (xpathNumber(payable?.text) < 0) fail(doc.root.location);
    }),
  rule('DK-R-013', 'fatal',
    'Danska leverantörer måste ange schemeID för parters identifierare.',
    'For Danish Suppliers it is mandatory to use schemeID when PartyIdentification/ID is used for AccountingCustomerParty or AccountingSupplierParty.',
    (doc, fail) => {
      if (!dkBuyer(doc)) return;
      if (isCii(doc)) {
        for (const party of [sellerPartyEl(doc), buyerPartyEl(doc)]) {
          const g = kids(party, R, 'GlobalID');
          if (g.length > 0 && normalizeSpace(g[0]!.attributes.schemeID ?? '') === '') { fail(doc.root.location); return; }
        }
        return;
      }
      for (const party of [sellerPartyEl(doc), buyerPartyEl(doc)]) {
        for (const pi of kids(party, A, 'PartyIdentification')) {
          const id = kid(pi, C, 'ID');
          if (id !== undefined && normalizeSpace(id.attributes.schemeID ?? '') === '') fail(pi.location);
        }
      }
    }),
  dkPaymentRule('DK-R-005',
    'För danska leverantörer är endast betalningssätten 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 och 97 tillåtna.',
    'For Danish suppliers the following Payment means codes are allowed: 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 and 97.',
    (p) => !' 1 10 31 42 48 49 50 58 59 93 97 '.includes(` ${txt(p.code[0])} `)),
  dkPaymentRule('DK-R-006',
    'För danska leverantörer krävs kontonummer och registreringsnummer vid betalningssätt 31 eller 42.',
    'For Danish suppliers bank account and registration account is mandatory if payment means is 31 or 42.',
    (p) => (codeIs(p, '31') || codeIs(p, '42')) && !(normalizeSpace(p.account) !== '' && normalizeSpace(p.branch) !== '')),
  dkPaymentRule('DK-R-007',
    'För danska leverantörer krävs mandatreferens och betalarens konto vid betalningssätt 49.',
    'For Danish suppliers PaymentMandate/ID and PayerFinancialAccount/ID are mandatory when payment means is 49.',
    (p) => codeIs(p, '49') && !(normalizeSpace(p.mandate) !== '' && normalizeSpace(p.payerAccount) !== '')),
  dkPaymentRule('DK-R-008',
    'För danska leverantörer med betalningssätt 50 (giro) måste betalnings-id börja med 01#, 04# eller 15# och gironumret ha 7–8 siffror.',
    'For Danish Suppliers PaymentID is mandatory and MUST start with 01#, 04# or 15# (kortartkode), and PayeeFinancialAccount/ID (Giro kontonummer) is mandatory and must be 7 or 8 numerical characters long, when payment means equals 50 (Giro).',
    (p, cii) => {
      if (!codeIs(p, '50')) return false;
      const prefix = p.paymentId.slice(0, 3);
      const accountOk = cii ? p.account.length === 7 : /^[0-9]{7,8}$/.test(p.account);
      return !((prefix === '01#' || prefix === '04#' || prefix === '15#') && accountOk);
    }),
  dkPaymentRule('DK-R-009',
    'För danska leverantörer med betalningssätt 50 och prefix 04# eller 15# måste betalnings-id ha 16 siffror efter prefixet.',
    'For Danish Suppliers if the PaymentID is prefixed with 04# or 15# the 16 digits instruction Id must be added to the PaymentID eg. "04#1234567890123456" when Payment means equals 50 (Giro).',
    (p) => {
      const prefix = p.paymentId.slice(0, 3);
      return codeIs(p, '50') && (prefix === '04#' || prefix === '15#') && p.paymentId.length !== 19;
    }),
  dkPaymentRule('DK-R-010',
    'För danska leverantörer med betalningssätt 93 (FIK) måste betalnings-id börja med 71#, 73# eller 75# och kreditornumret ha exakt 8 tecken.',
    'For Danish Suppliers the PaymentID is mandatory and MUST start with 71#, 73# or 75# (kortartkode) and CreditAccount/AccountID (Kreditornummer) is mandatory and MUST be exactly 8 characters long, when Payment means equals 93 (FIK).',
    (p) => {
      if (!codeIs(p, '93')) return false;
      const prefix = p.paymentId.slice(0, 3);
      return !((prefix === '71#' || prefix === '73#' || prefix === '75#') && p.account.length === 8);
    }),
  dkPaymentRule('DK-R-011',
    'För danska leverantörer med betalningssätt 93 och prefix 71# eller 75# måste betalnings-id ha 15–16 siffror efter prefixet.',
    'For Danish Suppliers if the PaymentID is prefixed with 71# or 75# the 15-16 digits instruction Id must be added to the PaymentID eg. "71#1234567890123456" when payment Method equals 93 (FIK).',
    (p) => {
      const prefix = p.paymentId.slice(0, 3);
      return codeIs(p, '93') && (prefix === '71#' || prefix === '75#') && p.paymentId.length !== 18 && p.paymentId.length !== 19;
    }),
  rule('DK-R-003', 'warning',
    'Danska leverantörer bör använda UNSPSC version 19.05.01 eller 26.08.01 för artikelklassificering.',
    'If ItemClassification is provided from Danish suppliers, UNSPSC version 19.05.01 or 26.08.01 should be used.',
    (doc, fail) => {
      if (!dkBuyer(doc)) return;
      const okVersions = new Set(['19.05.01', '19.0501', '26.08.01', '26.0801']);
      const lines = isCii(doc)
        ? at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'IncludedSupplyChainTradeLineItem'])
        : kids(doc.root, A, doc.syntax === 'ubl-creditnote' ? 'CreditNoteLine' : 'InvoiceLine');
      for (const line of lines) {
        const codes = isCii(doc)
          ? at(line, [R, 'SpecifiedTradeProduct'], [R, 'DesignatedProductClassification'], [R, 'ClassCode'])
          : at(line, [A, 'Item'], [A, 'CommodityClassification'], [C, 'ItemClassificationCode']);
        const tst = codes.some((c) => c.attributes.listID === 'TST');
        const version = codes.some((c) => okVersions.has(c.attributes.listVersionID ?? ''));
        if (tst && !version) fail(line.location);
      }
    }),
  rule('DK-R-004', 'fatal',
    "Andra skatter än moms till danska kunder ska anges med orsakskod 'ZZZ' och skattekategorin (4 siffror, eller text med # inuti) som orsak.",
    'When specifying non-VAT Taxes for Danish customers, Danish suppliers MUST use the AllowanceChargeReasonCode="ZZZ" and MUST be specified in AllowanceChargeReason; Either as the 4-digit Tax category or must include a #, but the # is not allowed as first and last character.',
    (doc, fail) => {
      if (!dkBuyer(doc)) return;
      if (isCii(doc)) {
        const acs = at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'ApplicableHeaderTradeSettlement'], [R, 'SpecifiedTradeAllowanceCharge']);
        const zzz = acs.some((ac) => kids(ac, R, 'ReasonCode').some((c) => c.text === 'ZZZ'));
        if (!zzz) return;
        const reasons: XmlElement[] = [];
        for (const ac of acs) for (const r of kids(ac, R, 'Reason')) reasons.push(r);
        if (!dkTaxReasonOk(reasons)) fail(doc.root.location);
        return;
      }
      for (const ac of cac(doc, 'AllowanceCharge')) {
        if (!kids(ac, C, 'AllowanceChargeReasonCode').some((c) => c.text === 'ZZZ')) continue;
        if (!dkTaxReasonOk(kids(ac, C, 'AllowanceChargeReason'))) fail(ac.location);
      }
    }),
]);
