// German national rules of Peppol BIS Billing 3.0.19 (DE-R-*; UBL binding only, as the artefacts). They apply
// when both seller and buyer have postal country DE.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import type { Rule } from '../types.ts';
import { at, facts, gatedRules, kid, kids, normalizeSpace, rule, xpathNumber } from '../peppol/util.ts';

const C = NS.cbc;
const A = NS.cac;

const isDe = (code: string): boolean => normalizeSpace(code).toUpperCase() === 'DE';

/** Both parties German (UBL only): the condition of every DE rule, so the gate of the DE rules. */
export function germanDomestic(doc: ParsedDocument): boolean {
  if (doc.syntax === 'cii') return false;
  const f = facts(doc);
  return isDe(f.sellerPostalRaw) && isDe(f.buyerPostalRaw);
}

const nonBlank = (els: readonly XmlElement[]): boolean => els.some((e) => normalizeSpace(e.text) !== '');

/** A document-level rule (context: the root element; German domestic invoices only, by the gate of `deRules`). */
function docRule(id: string, severity: 'fatal' | 'warning', sv: string, en: string, ok: (doc: ParsedDocument, root: XmlElement) => boolean): Rule {
  return rule(id, severity, sv, en, (doc, fail) => {
    if (!ok(doc, doc.root)) fail(doc.root.location);
  });
}

/** A rule on elements selected from the root (German domestic invoices only, by the gate of `deRules`). */
function elRule(id: string, severity: 'fatal' | 'warning', sv: string, en: string, select: (root: XmlElement) => readonly XmlElement[], ok: (el: XmlElement) => boolean): Rule {
  return rule(id, severity, sv, en, (doc, fail) => {
    for (const el of select(doc.root)) if (!ok(el)) fail(el.location);
  });
}

const sellerAddress = (root: XmlElement): readonly XmlElement[] => at(root, [A, 'AccountingSupplierParty'], [A, 'Party'], [A, 'PostalAddress']);
const sellerContact = (root: XmlElement): readonly XmlElement[] => at(root, [A, 'AccountingSupplierParty'], [A, 'Party'], [A, 'Contact']);
const buyerAddress = (root: XmlElement): readonly XmlElement[] => at(root, [A, 'AccountingCustomerParty'], [A, 'Party'], [A, 'PostalAddress']);
const deliveryAddress = (root: XmlElement): readonly XmlElement[] => at(root, [A, 'Delivery'], [A, 'DeliveryLocation'], [A, 'Address']);

/** PaymentMeans whose code equals one of the numbers (XPath `cbc:PaymentMeansCode = (30, 58)`, numeric). */
function meansWithCode(codes: number[]): (root: XmlElement) => readonly XmlElement[] {
  return (root) => kids(root, A, 'PaymentMeans').filter((pm) => kids(pm, C, 'PaymentMeansCode').some((c) => codes.includes(xpathNumber(c.text))));
}

/** Some party has a cac:PartyIdentification/cbc:ID with schemeID 'SEPA' (DE-R-030). */
function hasSepaId(parties: readonly XmlElement[]): boolean {
  return parties.some((p) => at(p, [A, 'PartyIdentification'], [C, 'ID']).some((i) => i.attributes.schemeID === 'SEPA'));
}

/** The artefacts' IBAN test: format and ISO 7064 mod 97 (letters by code point − 55). */
export function germanRuleIbanOk(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const v = normalizeSpace(raw.replace(/[ \n\r\t]/g, ''));
  if (!/^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$/.test(v)) return false;
  const s = v.slice(4) + v.slice(0, 2).toUpperCase() + v.slice(2, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.charCodeAt(i);
    const digits = String(cp > 64 ? cp - 55 : cp - 48);
    for (let j = 0; j < digits.length; j++) rem = (rem * 10 + (digits.charCodeAt(j) - 48)) % 97;
  }
  return rem === 1;
}

const SKONTO = /#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$/;
const EMAIL = /^[a-zA-Z0-9!#$%&"*+/=?^_`{|}~-]+(\.[a-zA-Z0-9!#$%&"*+/=?^_`{|}~-]+)*@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const SUPPORTED_VAT = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'L', 'M']);
const TYPE_CODES = new Set(['326', '380', '384', '389', '381', '875', '876', '877']);

export const deRules: Rule[] = gatedRules(germanDomestic, [
  docRule('DE-R-001', 'fatal', 'En tysk faktura måste innehålla betalningsinstruktioner (BG-16).',
    'An invoice shall contain information on "PAYMENT INSTRUCTIONS" (BG-16).',
    (_doc, root) => kids(root, A, 'PaymentMeans').length > 0),
  docRule('DE-R-015', 'fatal', 'Köparens referens (BT-10, Leitweg-ID) måste anges.',
    'The element "Buyer reference" (BT-10) shall be provided.',
    (_doc, root) => nonBlank(kids(root, C, 'BuyerReference'))),
  docRule('DE-R-016', 'fatal',
    'När momskategori S, Z, E, AE, K, G, L eller M används måste säljarens momsnummer, skatteregistrering eller skatteombud anges.',
    'If one of the VAT codes S, Z, E, AE, K, G, L, or M is used, an invoice shall contain at least one of the following elements: "Seller VAT identifier" (BT-31) or "Seller tax registration identifier" (BT-32) or "SELLER TAX REPRESENTATIVE PARTY" (BG-11).',
    (_doc, root) => {
      const codes: XmlElement[] = [];
      for (const ac of kids(root, A, 'AllowanceCharge')) for (const id of at(ac, [A, 'TaxCategory'], [C, 'ID'])) codes.push(id);
      for (const line of [...kids(root, A, 'InvoiceLine'), ...kids(root, A, 'CreditNoteLine')]) {
        for (const id of at(line, [A, 'Item'], [A, 'ClassifiedTaxCategory'], [C, 'ID'])) codes.push(id);
      }
      if (!codes.some((c) => SUPPORTED_VAT.has(c.text))) return true;
      if (kid(root, A, 'TaxRepresentativeParty')) return true;
      return nonBlank(at(root, [A, 'AccountingSupplierParty'], [A, 'Party'], [A, 'PartyTaxScheme'], [C, 'CompanyID']));
    }),
  docRule('DE-R-017', 'warning',
    'Fakturatypkoden bör vara 326, 380, 384, 389, 381, 875, 876 eller 877.',
    'The element "Invoice type code" (BT-3) should only contain the following values from code list UNTDID 1001: 326, 380, 384, 389, 381, 875, 876, 877.',
    (_doc, root) => [...kids(root, C, 'InvoiceTypeCode'), ...kids(root, C, 'CreditNoteTypeCode')].some((c) => TYPE_CODES.has(c.text))),
  docRule('DE-R-018', 'fatal',
    'Skonto i betalningsvillkoren måste anges i formatet #SKONTO#TAGE=n#PROZENT=n.nn# (och ev. #BASISBETRAG=n.nn#), en rad per villkor.',
    'Information on cash discounts for prompt payment (Skonto) shall be provided within the element "Payment terms" BT-20 in the format #SKONTO#TAGE=N#PROZENT=N.NN#[BASISBETRAG=N.NN#], each on its own line ending with a line break.',
    (_doc, root) => {
      const notes: XmlElement[] = [];
      for (const pt of kids(root, A, 'PaymentTerms')) { const n = kid(pt, C, 'Note'); if (n) notes.push(n); }
      const lines: string[] = [];
      for (const n of notes) for (const l of n.text.split(/\r?\n/)) if (normalizeSpace(l).startsWith('#')) lines.push(l);
      if (lines.length === 0) return true;
      let tail = true;
      if (notes.length === 1) {
        const tokens = notes[0]!.text === '' ? [] : notes[0]!.text.split(/#.+#/);
        const last = tokens[tokens.length - 1];
        tail = last !== undefined && /^[ \t\r\n]*\n/.test(last);
      }
      return lines.every((l) => SKONTO.test(normalizeSpace(l)) && tail);
    }),
  docRule('DE-R-022', 'fatal', 'Bifogade filer måste ha unika filnamn.',
    'Attached documents provided with an invoice in "ADDITIONAL SUPPORTING DOCUMENTS" (BG-24) shall have a unique filename within the element "Attached document" (BT-125).',
    (_doc, root) => {
      const seen = new Set<string>();
      for (const r of kids(root, A, 'AdditionalDocumentReference')) {
        const names = at(r, [A, 'Attachment'], [C, 'EmbeddedDocumentBinaryObject']).map((b) => b.attributes.filename).filter((f): f is string => f !== undefined);
        if (names.some((n) => seen.has(n))) return false;
        for (const n of names) seen.add(n);
      }
      return true;
    }),
  docRule('DE-R-026', 'warning', 'En rättad faktura (typkod 384) bör referera till den tidigare fakturan.',
    'If "Invoice type code" (BT-3) contains the code 384 (Corrected invoice), "PRECEDING INVOICE REFERENCE" (BG-3) should be provided at least once.',
    (_doc, root) => {
      const corrected = [...kids(root, C, 'InvoiceTypeCode'), ...kids(root, C, 'CreditNoteTypeCode')].some((c) => xpathNumber(c.text) === 384);
      return !corrected || at(root, [A, 'BillingReference'], [A, 'InvoiceDocumentReference']).length > 0;
    }),
  docRule('DE-R-030', 'fatal', 'Vid autogiro (BG-19) måste borgenärens identifierare (BT-90, SEPA) anges.',
    'If the group "DIRECT DEBIT" (BG-19) is delivered, the element "Bank assigned creditor identifier" (BT-90) shall be provided.',
    (_doc, root) => {
      if (at(root, [A, 'PaymentMeans'], [A, 'PaymentMandate']).length === 0) return true;
      return hasSepaId(at(root, [A, 'AccountingSupplierParty'], [A, 'Party'])) || hasSepaId(kids(root, A, 'PayeeParty'));
    }),
  docRule('DE-R-031', 'fatal', 'Vid autogiro (BG-19) måste det debiterade kontot (BT-91) anges.',
    'If the group "DIRECT DEBIT" (BG-19) is delivered, the element "Debited account identifier" (BT-91) shall be provided.',
    (_doc, root) => at(root, [A, 'PaymentMeans'], [A, 'PaymentMandate']).length === 0 ||
      at(root, [A, 'PaymentMeans'], [A, 'PaymentMandate'], [A, 'PayerFinancialAccount'], [C, 'ID']).length > 0),
  elRule('DE-R-002', 'fatal', 'Säljarens kontaktuppgifter (BG-6) måste anges.', 'The group "SELLER CONTACT" (BG-6) shall be provided.',
    (root) => kids(root, A, 'AccountingSupplierParty'), (el) => at(el, [A, 'Party'], [A, 'Contact']).length > 0),
  elRule('DE-R-003', 'fatal', 'Säljarens ort (BT-37) måste anges.', 'The element "Seller city" (BT-37) shall be provided.',
    sellerAddress, (el) => nonBlank(kids(el, C, 'CityName'))),
  elRule('DE-R-004', 'fatal', 'Säljarens postnummer (BT-38) måste anges.', 'The element "Seller post code" (BT-38) shall be provided.',
    sellerAddress, (el) => nonBlank(kids(el, C, 'PostalZone'))),
  elRule('DE-R-005', 'fatal', 'Säljarens kontaktperson (BT-41) måste anges.', 'The element "Seller contact point" (BT-41) shall be provided.',
    sellerContact, (el) => nonBlank(kids(el, C, 'Name'))),
  elRule('DE-R-006', 'fatal', 'Säljarens telefonnummer (BT-42) måste anges.', 'The element "Seller contact telephone number" (BT-42) shall be provided.',
    sellerContact, (el) => nonBlank(kids(el, C, 'Telephone'))),
  elRule('DE-R-007', 'fatal', 'Säljarens e-postadress (BT-43) måste anges.', 'The element "Seller contact email address" (BT-43) shall be provided.',
    sellerContact, (el) => nonBlank(kids(el, C, 'ElectronicMail'))),
  elRule('DE-R-027', 'warning', 'Säljarens telefonnummer bör innehålla minst 3 siffror.',
    '"Seller contact telephone number" (BT-42) should contain a valid telephone number. A valid telephone should consist of 3 digits minimum.',
    sellerContact, (el) => {
      const t = kids(el, C, 'Telephone');
      return t.length === 1 && /([0-9].*){3,}/.test(normalizeSpace(t[0]!.text));
    }),
  elRule('DE-R-028', 'warning', 'Säljarens e-postadress bör vara en giltig e-postadress.',
    '"Seller contact email address" (BT-43) should contain exactly one @-sign, which should not be framed by a whitespace or a dot but by at least two characters on each side. A dot should not be the first or last character.',
    sellerContact, (el) => {
      const m = kids(el, C, 'ElectronicMail');
      return m.length === 1 && EMAIL.test(normalizeSpace(m[0]!.text));
    }),
  elRule('DE-R-008', 'fatal', 'Köparens ort (BT-52) måste anges.', 'The element "Buyer city" (BT-52) shall be provided.',
    buyerAddress, (el) => nonBlank(kids(el, C, 'CityName'))),
  elRule('DE-R-009', 'fatal', 'Köparens postnummer (BT-53) måste anges.', 'The element "Buyer post code" (BT-53) shall be provided.',
    buyerAddress, (el) => nonBlank(kids(el, C, 'PostalZone'))),
  elRule('DE-R-010', 'fatal', 'Leveransadressens ort (BT-77) måste anges när leveransadress anges.',
    'The element "Deliver to city" (BT-77) shall be provided if the group "DELIVER TO ADDRESS" (BG-15) is delivered.',
    deliveryAddress, (el) => nonBlank(kids(el, C, 'CityName'))),
  elRule('DE-R-011', 'fatal', 'Leveransadressens postnummer (BT-78) måste anges när leveransadress anges.',
    'The element "Deliver to post code" (BT-78) shall be provided if the group "DELIVER TO ADDRESS" (BG-15) is delivered.',
    deliveryAddress, (el) => nonBlank(kids(el, C, 'PostalZone'))),
  elRule('DE-R-019', 'warning', 'Vid betalningssätt 58 (SEPA-överföring) bör kontonumret vara ett giltigt IBAN.',
    'The element "Payment account identifier" (BT-84) should contain a valid IBAN if code 58 SEPA is provided in "Payment means type code" (BT-81).',
    meansWithCode([30, 58]), (pm) => !kids(pm, C, 'PaymentMeansCode').some((c) => c.text === '58') ||
      germanRuleIbanOk(at(pm, [A, 'PayeeFinancialAccount'], [C, 'ID'])[0]?.text)),
  elRule('DE-R-023-1', 'fatal', 'Vid kontoöverföring (30, 58) måste kontouppgifter (BG-17) anges.',
    'If "Payment means type code" (BT-81) contains a code for credit transfer (30, 58), "CREDIT TRANSFER" (BG-17) shall be provided.',
    meansWithCode([30, 58]), (pm) => kid(pm, A, 'PayeeFinancialAccount') !== undefined),
  elRule('DE-R-023-2', 'fatal', 'Vid kontoöverföring (30, 58) får kortuppgifter och autogiro inte anges.',
    'If "Payment means type code" (BT-81) contains a code for credit transfer (30, 58), BG-18 and BG-19 shall not be provided.',
    meansWithCode([30, 58]), (pm) => kid(pm, A, 'CardAccount') === undefined && kid(pm, A, 'PaymentMandate') === undefined),
  elRule('DE-R-024-1', 'fatal', 'Vid kortbetalning (48, 54, 55) måste kortuppgifter (BG-18) anges.',
    'If "Payment means type code" (BT-81) contains a code for payment card (48, 54, 55), "PAYMENT CARD INFORMATION" (BG-18) shall be provided.',
    meansWithCode([48, 54, 55]), (pm) => kid(pm, A, 'CardAccount') !== undefined),
  elRule('DE-R-024-2', 'fatal', 'Vid kortbetalning (48, 54, 55) får kontoöverföring och autogiro inte anges.',
    'If "Payment means type code" (BT-81) contains a code for payment card (48, 54, 55), BG-17 and BG-19 shall not be provided.',
    meansWithCode([48, 54, 55]), (pm) => kid(pm, A, 'PayeeFinancialAccount') === undefined && kid(pm, A, 'PaymentMandate') === undefined),
  elRule('DE-R-020', 'warning', 'Vid autogiro (59) bör det debiterade kontot vara ett giltigt IBAN.',
    'The element "Debited account identifier" (BT-91) should contain a valid IBAN if code 59 SEPA is provided in "Payment means type code" (BT-81).',
    meansWithCode([59]), (pm) => germanRuleIbanOk(at(pm, [A, 'PaymentMandate'], [A, 'PayerFinancialAccount'], [C, 'ID'])[0]?.text)),
  elRule('DE-R-025-1', 'fatal', 'Vid autogiro (59) måste autogirouppgifter (BG-19) anges.',
    'If "Payment means type code" (BT-81) contains a code for direct debit (59), "DIRECT DEBIT" (BG-19) shall be provided.',
    meansWithCode([59]), (pm) => kid(pm, A, 'PaymentMandate') !== undefined),
  elRule('DE-R-025-2', 'fatal', 'Vid autogiro (59) får kontoöverföring och kortuppgifter inte anges.',
    'If "Payment means type code" (BT-81) contains a code for direct debit (59), BG-17 and BG-18 shall not be provided.',
    meansWithCode([59]), (pm) => kid(pm, A, 'PayeeFinancialAccount') === undefined && kid(pm, A, 'CardAccount') === undefined),
  elRule('DE-R-014', 'fatal', 'Momssatsen (BT-119) måste anges i varje momsspecifikation.',
    'The element "VAT category rate" (BT-119) shall be provided.',
    (root) => at(root, [A, 'TaxTotal'], [A, 'TaxSubtotal']), (el) => nonBlank(at(el, [A, 'TaxCategory'], [C, 'Percent']))),
]);
