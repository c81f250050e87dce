// Swedish national rules of Peppol BIS Billing 3.0.19 (SE-R-001…SE-R-013). They apply only when the seller's
// postal country is SE (as written, exact match like the artefacts' XPath), some also need a Swedish VAT number.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import type { Rule } from '../types.ts';
import { at, cac, facts, gatedRules, kid, kids, normalizeSpace, ram, rule, xpathNumber } from '../peppol/util.ts';
import { perDocument } from '../../tree-index.ts';

const C = NS.cbc;
const A = NS.cac;
const R = NS.ram;
const RSM = NS.rsm;

const isCii = (doc: ParsedDocument): boolean => doc.syntax === 'cii';

/** UBL cac:AccountingSupplierParty/cac:Party or CII ram:SellerTradeParty elements. */
function sellerParties(doc: ParsedDocument): readonly XmlElement[] {
  if (isCii(doc)) {
    return at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'ApplicableHeaderTradeAgreement'], [R, 'SellerTradeParty']);
  }
  const out: XmlElement[] = [];
  for (const p of cac(doc, 'AccountingSupplierParty')) for (const party of kids(p, A, 'Party')) out.push(party);
  return out;
}

function buyerParties(doc: ParsedDocument): readonly XmlElement[] {
  if (isCii(doc)) {
    return at(doc.root, [RSM, 'SupplyChainTradeTransaction'], [R, 'ApplicableHeaderTradeAgreement'], [R, 'BuyerTradeParty']);
  }
  const out: XmlElement[] = [];
  for (const p of cac(doc, 'AccountingCustomerParty')) for (const party of kids(p, A, 'Party')) out.push(party);
  return out;
}

/** Postal country of a party is exactly 'SE' (some occurrence). */
function inSweden(doc: ParsedDocument, party: XmlElement): boolean {
  const codes = isCii(doc)
    ? at(party, [R, 'PostalTradeAddress'], [R, 'CountryID'])
    : at(party, [A, 'PostalAddress'], [A, 'Country'], [C, 'IdentificationCode']);
  return codes.some((c) => c.text === 'SE');
}

/** The party's VAT identifier elements (UBL PartyTaxScheme[TaxScheme/ID = 'VAT']/CompanyID, CII SpecifiedTaxRegistration/ID[@schemeID = 'VAT']). */
function vatIds(doc: ParsedDocument, party: XmlElement): readonly XmlElement[] {
  const out: XmlElement[] = [];
  if (isCii(doc)) {
    for (const reg of kids(party, R, 'SpecifiedTaxRegistration')) for (const id of kids(reg, R, 'ID')) if (id.attributes.schemeID === 'VAT') out.push(id);
  } else {
    for (const pts of kids(party, A, 'PartyTaxScheme')) {
      if (!at(pts, [A, 'TaxScheme'], [C, 'ID']).some((s) => s.text === 'VAT')) continue;
      for (const id of kids(pts, C, 'CompanyID')) out.push(id);
    }
  }
  return out;
}

type LegalEntity = { el: XmlElement; id: XmlElement };

/** The legal entity elements with an identifier (UBL cac:PartyLegalEntity[cbc:CompanyID], CII ram:SpecifiedLegalOrganization[ram:ID]). */
function legalEntities(doc: ParsedDocument, party: XmlElement): LegalEntity[] {
  const out: LegalEntity[] = [];
  if (isCii(doc)) {
    for (const le of kids(party, R, 'SpecifiedLegalOrganization')) { const id = kid(le, R, 'ID'); if (id) out.push({ el: le, id }); }
  } else {
    for (const le of kids(party, A, 'PartyLegalEntity')) { const id = kid(le, C, 'CompanyID'); if (id) out.push({ el: le, id }); }
  }
  return out;
}

/** A seller party in Sweden, with what the SE rules read of it. */
type SwedishSeller = {
  party: XmlElement;
  /** VAT identifier elements. */
  vatIds: readonly XmlElement[];
  /** Some VAT identifier starts with 'SE' (the context of SE-R-001/002/006). */
  seVat: boolean;
  legal: LegalEntity[];
};

/** The seller parties in Sweden, document order (built once per document: most SE rules start from them). */
const swedishSellers = perDocument((doc: ParsedDocument): SwedishSeller[] => {
  const out: SwedishSeller[] = [];
  for (const party of sellerParties(doc)) {
    if (!inSweden(doc, party)) continue;
    const ids = vatIds(doc, party);
    let seVat = false;
    for (const id of ids) if (id.text.startsWith('SE')) { seVat = true; break; }
    out.push({ party, vatIds: ids, seVat, legal: legalEntities(doc, party) });
  }
  return out;
});

/** The artefacts' u:checkSEOrgnr: digits only, and digit 10 is the Luhn check digit of digits 1–9. */
export function checkSeOrgnrLikeArtefact(value: string): boolean {
  if (!/^\d+$/.test(value) || value.length < 10) return false;
  let sum = 0;
  for (let pos = 1; pos <= 9; pos++) {
    const d = value.charCodeAt(9 - pos) - 48;
    sum += pos % 2 === 1 ? ((d * 2) % 10) + Math.floor((d * 2) / 10) : d;
  }
  return (10 - (sum % 10)) % 10 === value.charCodeAt(9) - 48;
}

type Account = { el: XmlElement; kind: 'SE:PLUSGIRO' | 'SE:BANKGIRO' };

/** Payee account ids of credit transfers (code 30) marked as Swedish plusgiro/bankgiro, for a Swedish seller
 * (once per document: four rules read them). */
const giroAccounts = perDocument((doc: ParsedDocument): Account[] => {
  const out: Account[] = [];
  if (isCii(doc)) {
    for (const tx of kids(doc.root, RSM, 'SupplyChainTradeTransaction')) {
      const sellers = at(tx, [R, 'ApplicableHeaderTradeAgreement'], [R, 'SellerTradeParty']);
      if (!sellers.some((p) => inSweden(doc, p))) continue;
      for (const pm of at(tx, [R, 'ApplicableHeaderTradeSettlement'], [R, 'SpecifiedTradeSettlementPaymentMeans'])) {
        const code = kid(pm, R, 'TypeCode');
        if (code === undefined || normalizeSpace(code.text) !== '30') continue;
        const bic = at(pm, [R, 'PayeeSpecifiedCreditorFinancialInstitution'], [R, 'BICID'])[0];
        const kind = bic === undefined ? '' : normalizeSpace(bic.text);
        if (kind !== 'SE:PLUSGIRO' && kind !== 'SE:BANKGIRO') continue;
        for (const id of at(pm, [R, 'PayeePartyCreditorFinancialAccount'], [R, 'ProprietaryID'])) out.push({ el: id, kind });
      }
    }
    return out;
  }
  if (swedishSellers(doc).length === 0) return out;
  for (const pm of cac(doc, 'PaymentMeans')) {
    const code = kid(pm, C, 'PaymentMeansCode');
    if (code === undefined || normalizeSpace(code.text) !== '30') continue;
    const branch = at(pm, [A, 'PayeeFinancialAccount'], [A, 'FinancialInstitutionBranch'], [C, 'ID'])[0];
    const kind = branch === undefined ? '' : normalizeSpace(branch.text);
    if (kind !== 'SE:PLUSGIRO' && kind !== 'SE:BANKGIRO') continue;
    for (const id of at(pm, [A, 'PayeeFinancialAccount'], [C, 'ID'])) out.push({ el: id, kind });
  }
  return out;
});

/** Payment means elements of a document with a Swedish seller (and optionally a Swedish buyer), with their code. */
function swedishPaymentMeans(doc: ParsedDocument, buyerToo: boolean): { el: XmlElement; code: string }[] {
  const out: { el: XmlElement; code: string }[] = [];
  if (isCii(doc)) {
    for (const tx of kids(doc.root, RSM, 'SupplyChainTradeTransaction')) {
      const agreement = at(tx, [R, 'ApplicableHeaderTradeAgreement']);
      if (!at(agreement[0], [R, 'SellerTradeParty']).some((p) => inSweden(doc, p))) continue;
      if (buyerToo && !agreement.some((a) => kids(a, R, 'BuyerTradeParty').some((p) => inSweden(doc, p)))) continue;
      for (const pm of at(tx, [R, 'ApplicableHeaderTradeSettlement'], [R, 'SpecifiedTradeSettlementPaymentMeans'])) {
        for (const c of kids(pm, R, 'TypeCode')) out.push({ el: pm, code: normalizeSpace(c.text) });
      }
    }
    return out;
  }
  if (swedishSellers(doc).length === 0) return out;
  if (buyerToo && !buyerParties(doc).some((p) => inSweden(doc, p))) return out;
  for (const pm of cac(doc, 'PaymentMeans')) for (const c of kids(pm, C, 'PaymentMeansCode')) out.push({ el: pm, code: c.text });
  return out;
}

/** UBL tax category with some cbc:ID = 'S'. */
function standardRated(t: XmlElement): boolean {
  for (const c of kids(t, C, 'ID')) if (c.text === 'S') return true;
  return false;
}

const okRate = (el: XmlElement | undefined): boolean => {
  const n = xpathNumber(el?.text);
  return n === 25 || n === 12 || n === 6;
};

/** Every Swedish rule's context is a seller (or a document with a seller) whose postal country is 'SE'. */
const sellerInSweden = (doc: ParsedDocument): boolean => facts(doc).sellerPostalAll.includes('SE');

export const seRules: Rule[] = gatedRules(sellerInSweden, [
  rule('SE-R-001', 'fatal',
    'Svenskt momsregistreringsnummer måste bestå av 14 tecken (SE + 10 siffror + 01).',
    'For Swedish suppliers, Swedish VAT-numbers must consist of 14 characters.',
    (doc, fail) => {
      for (const s of swedishSellers(doc)) {
        if (!s.seVat) continue;
        const id = s.vatIds[0];
        if (id !== undefined && normalizeSpace(id.text).length !== 14) fail(s.party.location);
      }
    }),
  rule('SE-R-002', 'fatal',
    'De sista 12 tecknen i svenskt momsregistreringsnummer måste vara siffror.',
    'For Swedish suppliers, the Swedish VAT-numbers must have the trailing 12 characters in numeric form.',
    (doc, fail) => {
      for (const s of swedishSellers(doc)) {
        if (!s.seVat) continue;
        const id = s.vatIds[0];
        if (id !== undefined && Number.isNaN(xpathNumber(id.text.slice(2, 14)))) fail(s.party.location);
      }
    }),
  rule('SE-R-003', 'fatal',
    'Svenskt organisationsnummer ska bestå av siffror (utan bindestreck).',
    'Swedish organisation numbers should be numeric.',
    (doc, fail) => {
      for (const s of swedishSellers(doc)) for (const { el, id } of s.legal) if (Number.isNaN(xpathNumber(id.text))) fail(el.location);
    }),
  rule('SE-R-004', 'fatal',
    'Svenskt organisationsnummer består av 10 siffror.',
    'Swedish organisation numbers consist of 10 characters.',
    (doc, fail) => {
      for (const s of swedishSellers(doc)) for (const { el, id } of s.legal) if (normalizeSpace(id.text).length !== 10) fail(el.location);
    }),
  rule('SE-R-005', 'fatal',
    "För svenska leverantörer ska skatteregistreringen (Seller tax registration identifier) ange texten 'Godkänd för F-skatt'.",
    "For Swedish suppliers, when using Seller tax registration identifier, 'Godkänd för F-skatt' must be stated.",
    (doc, fail) => {
      for (const { party, legal } of swedishSellers(doc)) {
        if (legal.length === 0) continue;
        if (isCii(doc)) {
          for (const reg of kids(party, R, 'SpecifiedTaxRegistration')) {
            for (const id of kids(reg, R, 'ID')) {
              if (id.attributes.schemeID === 'FC' && normalizeSpace(id.text.toUpperCase()) !== 'GODKÄND FÖR F-SKATT') fail(id.location);
            }
          }
        } else {
          for (const pts of kids(party, A, 'PartyTaxScheme')) {
            const scheme = at(pts, [A, 'TaxScheme'], [C, 'ID'])[0];
            if (normalizeSpace((scheme?.text ?? '').toUpperCase()) === 'VAT') continue;
            for (const id of kids(pts, C, 'CompanyID')) if (normalizeSpace(id.text.toUpperCase()) !== 'GODKÄND FÖR F-SKATT') fail(id.location);
          }
        }
      }
    }),
  rule('SE-R-006', 'fatal',
    'För svenska leverantörer är endast momssatserna 25, 12 och 6 procent tillåtna för standardmoms (kategori S).',
    'For Swedish suppliers, only standard VAT rate of 6, 12 or 25 are used.',
    (doc, fail) => {
      if (!swedishSellers(doc).some((s) => s.seVat)) return;
      if (isCii(doc)) {
        for (const t of ram(doc, 'ApplicableTradeTax')) if (!okRate(kid(t, R, 'RateApplicablePercent'))) fail(t.location);
        for (const t of ram(doc, 'CategoryTradeTax')) if (!okRate(kid(t, R, 'RateApplicablePercent'))) fail(t.location);
      } else {
        for (const t of cac(doc, 'TaxCategory')) if (standardRated(t) && !okRate(kid(t, C, 'Percent'))) fail(t.location);
        for (const t of cac(doc, 'ClassifiedTaxCategory')) if (standardRated(t) && !okRate(kid(t, C, 'Percent'))) fail(t.location);
      }
    }),
  rule('SE-R-007', 'warning',
    'Plusgironumret ska bestå av siffror.',
    'For Swedish suppliers using Plusgiro, the Account ID must be numeric.',
    (doc, fail) => {
      for (const a of giroAccounts(doc)) if (a.kind === 'SE:PLUSGIRO' && Number.isNaN(xpathNumber(normalizeSpace(a.el.text)))) fail(a.el.location);
    }),
  rule('SE-R-008', 'warning',
    'Bankgironumret ska bestå av siffror.',
    'For Swedish suppliers using Bankgiro, the Account ID must be numeric.',
    (doc, fail) => {
      for (const a of giroAccounts(doc)) if (a.kind === 'SE:BANKGIRO' && Number.isNaN(xpathNumber(normalizeSpace(a.el.text)))) fail(a.el.location);
    }),
  rule('SE-R-009', 'warning',
    'Bankgironumret ska ha 7 eller 8 siffror.',
    'For Swedish suppliers using Bankgiro, the Account ID must have 7-8 characters.',
    (doc, fail) => {
      for (const a of giroAccounts(doc)) {
        if (a.kind !== 'SE:BANKGIRO') continue;
        const n = normalizeSpace(a.el.text).length;
        if (n !== 7 && n !== 8) fail(a.el.location);
      }
    }),
  rule('SE-R-010', 'warning',
    'Plusgironumret ska ha 2 till 8 siffror.',
    'For Swedish suppliers using Plusgiro, the Account ID must have 2-8 characters.',
    (doc, fail) => {
      for (const a of giroAccounts(doc)) {
        if (a.kind !== 'SE:PLUSGIRO') continue;
        const n = normalizeSpace(a.el.text).length;
        if (n < 2 || n > 8) fail(a.el.location);
      }
    }),
  rule('SE-R-011', 'warning',
    'Bankgiro och plusgiro ska anges med betalningssätt 30 och SE:BANKGIRO eller SE:PLUSGIRO som kontots institut, inte med kod 50 eller 56.',
    'For Swedish suppliers using Swedish Bankgiro or Plusgiro, the proper way to indicate this is to use Code 30 for PaymentMeans and FinancialInstitutionBranch ID with code SE:BANKGIRO or SE:PLUSGIRO.',
    (doc, fail) => {
      for (const pm of swedishPaymentMeans(doc, false)) if (pm.code === '50' || pm.code === '56') fail(pm.el.location);
    }),
  rule('SE-R-012', 'warning',
    'Vid inhemska betalningar mellan svenska parter ska kontoöverföring anges med betalningssätt 30, inte 31.',
    'For domestic transactions between Swedish trading partners, credit transfer should be indicated by PaymentMeansCode="30".',
    (doc, fail) => {
      for (const pm of swedishPaymentMeans(doc, true)) if (pm.code === '31') fail(pm.el.location);
    }),
  rule('SE-R-013', 'fatal',
    'Sista siffran i svenskt organisationsnummer (kontrollsiffran) stämmer inte enligt Luhn-algoritmen.',
    'The last digit of a Swedish organization number must be valid according to the Luhn algorithm.',
    (doc, fail) => {
      for (const s of swedishSellers(doc)) for (const { el, id } of s.legal) if (!checkSeOrgnrLikeArtefact(normalizeSpace(id.text))) fail(el.location);
    }),
]);
