// Icelandic national rules of Peppol BIS Billing 3.0.19 (IS-R-*; UBL binding only, as the artefacts). They apply
// when the seller's postal country is IS (IS-R-004/005 also need an Icelandic buyer). No official unit tests
// exist for them in the standards folder; the semantics follow the 3.0.19 Schematron.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import type { Rule } from '../types.ts';
import { at, facts, gatedRules, kid, kids, normalizeSpace, rule } from '../peppol/util.ts';

const C = NS.cbc;
const A = NS.cac;

/** UBL with seller postal country 'IS': the condition of every IS rule, so the gate of the IS rules. */
const icelandicSeller = (doc: ParsedDocument): boolean => doc.syntax !== 'cii' && facts(doc).sellerPostalRaw === 'IS';
/** Buyer postal country 'IS' too (IS-R-004/005). */
const icelandicBuyer = (doc: ParsedDocument): boolean => facts(doc).buyerPostalRaw === 'IS';

/** A document-level rule (context: the root element; Icelandic sellers only, by the gate of `isRules`). */
function docRule(id: string, severity: 'fatal' | 'warning', sv: string, en: string, ok: (root: XmlElement) => boolean): Rule {
  return rule(id, severity, sv, en, (doc, fail) => {
    if (!ok(doc.root)) fail(doc.root.location);
  });
}

/** PaymentMeans with the given code must carry a 12-character account id (or there is no such means). */
function accountOf12(root: XmlElement, code: string): boolean {
  const means = kids(root, A, 'PaymentMeans').filter((pm) => kids(pm, C, 'PaymentMeansCode').some((c) => c.text === code));
  if (means.length === 0) return true;
  const ids: XmlElement[] = [];
  for (const pm of means) for (const id of at(pm, [A, 'PayeeFinancialAccount'], [C, 'ID'])) ids.push(id);
  return ids.length === 1 && normalizeSpace(ids[0]!.text).length === 12;
}

function eindagi(root: XmlElement): readonly XmlElement[] {
  return kids(root, A, 'AdditionalDocumentReference').filter((r) => kids(r, C, 'DocumentDescription').some((d) => d.text === 'EINDAGI'));
}

const isDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

export const isRules: Rule[] = gatedRules(icelandicSeller, [
  docRule('IS-R-001', 'warning', 'För isländska säljare bör fakturatypen vara 380 eller 381.',
    'If seller is icelandic then invoice type should be 380 or 381.',
    (root) => [...kids(root, C, 'InvoiceTypeCode'), ...kids(root, C, 'CreditNoteTypeCode')].some((c) => {
      const v = normalizeSpace(c.text);
      return v === '380' || v === '381';
    })),
  docRule('IS-R-002', 'fatal', 'Isländska säljare måste ange sitt isländska identitetsnummer (kennitala, schema 0196).',
    'If seller is icelandic then it shall contain sellers legal id.',
    (root) => at(root, [A, 'AccountingSupplierParty'], [A, 'Party'], [A, 'PartyLegalEntity'], [C, 'CompanyID']).some((c) => c.attributes.schemeID === '0196')),
  docRule('IS-R-003', 'fatal', 'Isländska säljare måste ange gatuadress och postnummer.',
    'If seller is icelandic then it shall contain his address with street name and zip code.',
    (root) => {
      const addr = at(root, [A, 'AccountingSupplierParty'], [A, 'Party'], [A, 'PostalAddress']);
      return addr.some((a) => kid(a, C, 'StreetName') !== undefined) && addr.some((a) => kid(a, C, 'PostalZone') !== undefined);
    }),
  docRule('IS-R-006', 'fatal', 'Vid betalningssätt 9 måste isländska säljare ange ett 12-siffrigt kontonummer.',
    'If seller is icelandic and payment means code is 9 then a 12 digit account id must exist.',
    (root) => accountOf12(root, '9')),
  docRule('IS-R-007', 'fatal', 'Vid betalningssätt 42 måste isländska säljare ange ett 12-siffrigt kontonummer.',
    'If seller is icelandic and payment means code is 42 then a 12 digit account id must exist.',
    (root) => accountOf12(root, '42')),
  docRule('IS-R-008', 'fatal', 'Förfallodag enligt isländsk praxis (EINDAGI) måste skrivas ÅÅÅÅ-MM-DD.',
    'If seller is icelandic and invoice contains supporting description EINDAGI then the id form must be YYYY-MM-DD.',
    (root) => {
      const refs = eindagi(root);
      if (refs.length === 0) return true;
      const ids = refs.flatMap((r) => kids(r, C, 'ID'));
      return ids.length === 1 && ids[0]!.text.length === 10 && isDate(ids[0]!.text);
    }),
  docRule('IS-R-009', 'fatal', 'När EINDAGI anges måste fakturan också ha en förfallodag.',
    'If seller is icelandic and invoice contains supporting description EINDAGI invoice must have due date.',
    (root) => eindagi(root).length === 0 || kid(root, C, 'DueDate') !== undefined),
  docRule('IS-R-010', 'fatal', 'EINDAGI får inte vara tidigare än förfallodagen.',
    'If seller is icelandic and invoice contains supporting description EINDAGI the id date must be same or later than due date.',
    (root) => {
      const refs = eindagi(root);
      if (refs.length === 0) return true;
      const due = kids(root, C, 'DueDate');
      const ids = refs.flatMap((r) => kids(r, C, 'ID'));
      return due.some((d) => ids.some((i) => d.text <= i.text));
    }),
  rule('IS-R-004', 'fatal', 'När både säljare och köpare är isländska måste köparens identitetsnummer (kennitala, schema 0196) anges.',
    'If seller and buyer are icelandic then the invoice shall contain the buyers icelandic legal identifier.',
    (doc, fail) => {
      if (!icelandicBuyer(doc)) return;
      for (const p of kids(doc.root, A, 'AccountingCustomerParty')) {
        if (!at(p, [A, 'Party'], [A, 'PartyLegalEntity'], [C, 'CompanyID']).some((c) => c.attributes.schemeID === '0196')) fail(p.location);
      }
    }),
  rule('IS-R-005', 'fatal', 'När både säljare och köpare är isländska måste köparens gatuadress och postnummer anges.',
    'If seller and buyer are icelandic then the invoice shall contain the buyers address with street name and zip code.',
    (doc, fail) => {
      if (!icelandicBuyer(doc)) return;
      for (const p of kids(doc.root, A, 'AccountingCustomerParty')) {
        const addr = at(p, [A, 'Party'], [A, 'PostalAddress']);
        if (!(addr.some((a) => kid(a, C, 'StreetName') !== undefined) && addr.some((a) => kid(a, C, 'PostalZone') !== undefined))) fail(p.location);
      }
    }),
]);
