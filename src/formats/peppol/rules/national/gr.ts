// Greek national rules of Peppol BIS Billing 3.0.19 (GR-R-*, GR-S-*; UBL binding only, as the artefacts).
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import type { Rule } from '../types.ts';
import { at, buyerPartyEl, cac, facts, gatedRules, kid, kids, normalizeSpace, rule, xpathNumber } from '../peppol/util.ts';

const C = NS.cbc;
const A = NS.cac;

const isUbl = (doc: ParsedDocument): boolean => doc.syntax !== 'cii';
const greek = (c: string): boolean => c === 'GR' || c === 'EL';
const greekSender = (doc: ParsedDocument): boolean => isUbl(doc) && greek(facts(doc).supplierCountry);
const greekBoth = (doc: ParsedDocument): boolean => greekSender(doc) && greek(facts(doc).customerCountry);
/** Seller postal country exactly 'GR' (some occurrence; GR-R-004-1, GR-S-008-1, GR-R-008-2, GR-R-004-2). */
const greekPostal = (doc: ParsedDocument): boolean => facts(doc).sellerPostalAll.includes('GR');

/** `$accountingSupplierCountry` (GR-R-009): like `$supplierCountry` but without the tax representative. */
function accountingSupplierCountry(doc: ParsedDocument): string {
  const f = facts(doc);
  return f.sellerVatPrefix !== '' ? f.sellerVatPrefix : normalizeSpace(f.sellerPostalRaw === '' ? 'XX' : f.sellerPostalRaw).toUpperCase();
}

/** The gate of the GR rules: GR-R-009 needs a Greek `$accountingSupplierCountry`, every other rule `greekSender`
 * (GR-R-006/010 through `greekBoth`), all of them UBL. */
const greekRulesApply = (doc: ParsedDocument): boolean => greekSender(doc) || (isUbl(doc) && greek(accountingSupplierCountry(doc)));

/** Greek TIN (AFM) check digit, as the artefacts' u:TinVerification (9 characters). */
export function greekTinValid(val: string): boolean {
  const sum = tinDigit(val, 8) * 2 + tinDigit(val, 7) * 4 + tinDigit(val, 6) * 8 + tinDigit(val, 5) * 16 + tinDigit(val, 4) * 32 +
    tinDigit(val, 3) * 64 + tinDigit(val, 2) * 128 + tinDigit(val, 1) * 256;
  return ((sum % 11) % 10) === tinDigit(val, 9);
}

/** `number(substring(val, i, 1))` (NaN past the end). */
function tinDigit(val: string, i: number): number {
  const ch = val.charAt(i - 1);
  return xpathNumber(ch === '' ? undefined : ch);
}

/** VAT CompanyID elements of a party (PartyTaxScheme[normalize-space(TaxScheme/ID) = 'VAT']). */
function vatIds(party: XmlElement | undefined): readonly XmlElement[] {
  const out: XmlElement[] = [];
  for (const pts of kids(party, A, 'PartyTaxScheme')) {
    if (!at(pts, [A, 'TaxScheme'], [C, 'ID']).some((s) => normalizeSpace(s.text) === 'VAT')) continue;
    for (const id of kids(pts, C, 'CompanyID')) out.push(id);
  }
  return out;
}

/** Exact-value VAT ids (TaxScheme/ID = 'VAT' without normalising) used in the invoice id check. */
function vatIdsExact(party: XmlElement | undefined): readonly XmlElement[] {
  const out: XmlElement[] = [];
  for (const pts of kids(party, A, 'PartyTaxScheme')) {
    if (!at(pts, [A, 'TaxScheme'], [C, 'ID']).some((s) => s.text === 'VAT')) continue;
    for (const id of kids(pts, C, 'CompanyID')) out.push(id);
  }
  return out;
}

/** XPath tokenize(s, '\|'). */
function segments(s: string): string[] {
  return s === '' ? [] : s.split('|');
}

const GREEK_TYPES = new Set(['1.1', '1.6', '2.1', '2.4', '5.1', '5.2', '']);
const DATE_RE = /^(0?[1-9]|[12][0-9]|3[01])[-\\/ ]?(0?[1-9]|1[0-2])[-\\/ ]?(19|20)[0-9]{2}/;

function idRule(id: string, sv: string, en: string, ok: (seg: string[], doc: ParsedDocument) => boolean): Rule {
  return rule(id, 'fatal', sv, en, (doc, fail) => {
    if (!greekSender(doc)) return;
    for (const el of kids(doc.root, C, 'ID')) if (!ok(segments(el.text), doc)) fail(el.location);
  });
}

function additionalRefs(doc: ParsedDocument, description: string): readonly XmlElement[] {
  return kids(doc.root, A, 'AdditionalDocumentReference').filter((r) => kids(r, C, 'DocumentDescription').some((d) => d.text === description));
}

function partyName(party: XmlElement): string {
  return at(party, [A, 'PartyName'], [C, 'Name'])[0]?.text ?? '';
}

export const grRules: Rule[] = gatedRules(greekRulesApply, [
  idRule('GR-R-001-1', 'För grekiska leverantörer ska fakturanumret bestå av 6 delar åtskilda med |.',
    'When the Supplier is Greek, the Invoice Id should consist of 6 segments.', (s) => s.length === 6),
  idRule('GR-R-001-2', 'Fakturanumrets första del måste vara leverantörens (eller skatteombudets) giltiga grekiska skattenummer.',
    "When the Supplier is Greek, the Invoice Id first segment must be a valid TIN Number and match either the Supplier's or the Tax Representative's Tin Number.",
    (s, doc) => {
      const first = s[0] ?? '';
      if (normalizeSpace(first).length !== 9 || !greekTinValid(first)) return false;
      const own = [...vatIdsExact(kid(kid(doc.root, A, 'AccountingSupplierParty'), A, 'Party')), ...vatIdsExact(kid(doc.root, A, 'TaxRepresentativeParty'))];
      return own.some((id) => id.text.slice(2, 11) === first);
    }),
  idRule('GR-R-001-3', 'Fakturanumrets andra del måste vara ett datum som stämmer med fakturadatum.',
    'When the Supplier is Greek, the Invoice Id second segment must be a valid Date that matches the invoice Issue Date.',
    (s, doc) => {
      const seg = s[1] ?? '';
      if (normalizeSpace(seg).length === 0 || !DATE_RE.test(seg)) return false;
      const parts = seg.split('/');
      const issue = (kid(doc.root, C, 'IssueDate')?.text ?? '').split('-');
      return parts[0] === issue[2] && parts[1] === issue[1] && parts[2] === issue[0];
    }),
  idRule('GR-R-001-4', 'Fakturanumrets tredje del måste vara ett positivt heltal.',
    'When Supplier is Greek, the Invoice Id third segment must be a positive integer.',
    (s) => {
      const seg = s[2] ?? '';
      return normalizeSpace(seg).length > 0 && !Number.isNaN(xpathNumber(seg)) && /^\s*[+-]?\d+\s*$/.test(seg) && Number(seg) >= 0;
    }),
  idRule('GR-R-001-5', 'Fakturanumrets fjärde del måste vara en giltig grekisk dokumenttyp.',
    'When Supplier is Greek, the Invoice Id in the fourth segment must be a valid greek document type.',
    (s) => normalizeSpace(s[3] ?? '').length > 0 && GREEK_TYPES.has(s[3] ?? '')),
  idRule('GR-R-001-6', 'Fakturanumrets femte del får inte vara tom.',
    'When Supplier is Greek, the Invoice Id fifth segment must not be empty.', (s) => (s[4] ?? '').length > 0),
  idRule('GR-R-001-7', 'Fakturanumrets sjätte del får inte vara tom.',
    'When Supplier is Greek, the Invoice Id sixth segment must not be empty.', (s) => (s[5] ?? '').length > 0),
  rule('GR-R-002', 'fatal',
    'Grekiska leverantörer måste ange sitt fullständiga registrerade namn.',
    'Greek Suppliers must provide their full name as they are registered in the Greek Business Registry (G.E.MH.) as a legal entity or in the Tax Registry as a natural person.',
    (doc, fail) => {
      if (!greekSender(doc)) return;
      for (const p of cac(doc, 'AccountingSupplierParty')) for (const party of kids(p, A, 'Party')) if (partyName(party).length === 0) fail(party.location);
    }),
  rule('GR-S-011', 'warning',
    'Grekiska leverantörer bör ange sitt momsnummer med landsprefixet EL.',
    'Greek suppliers must provide their Seller Tax Registration Number, prefixed by the country code.',
    (doc, fail) => {
      if (!greekSender(doc)) return;
      for (const p of cac(doc, 'AccountingSupplierParty')) {
        for (const party of kids(p, A, 'Party')) {
          const ids = vatIds(party);
          const ok = ids.length === 1 && ids[0]!.text.slice(0, 2) === 'EL' && greekTinValid(ids[0]!.text.slice(2));
          if (!ok) fail(party.location);
        }
      }
    }),
  rule('GR-R-003', 'fatal',
    'Grekiska leverantörers momsnummer måste börja med EL och vara ett giltigt skattenummer.',
    "For the Greek Suppliers, the VAT must start with 'EL' and must be a valid TIN number.",
    (doc, fail) => {
      if (!greekSender(doc)) return;
      for (const p of cac(doc, 'AccountingSupplierParty')) {
        for (const party of kids(p, A, 'Party')) {
          for (const id of vatIds(party)) if (!(id.text.slice(0, 2) === 'EL' && greekTinValid(id.text.slice(2)))) fail(id.location);
        }
      }
    }),
  rule('GR-R-004-1', 'fatal',
    'Grekiska leverantörer måste ange exakt ett MARK-nummer.',
    'When Supplier is Greek, there must be one MARK Number.',
    (doc, fail) => {
      if (!greekSender(doc) || !greekPostal(doc)) return;
      if (additionalRefs(doc, '##M.AR.K##').length !== 1) fail(doc.root.location);
    }),
  rule('GR-S-008-1', 'warning',
    'Grekiska leverantörer bör ange en länk (URL) till fakturan.',
    'When Supplier is Greek, there should be one invoice url.',
    (doc, fail) => {
      if (!greekSender(doc) || !greekPostal(doc)) return;
      if (additionalRefs(doc, '##INVOICE|URL##').length !== 1) fail(doc.root.location);
    }),
  rule('GR-R-008-2', 'fatal',
    'Grekiska leverantörer får ange högst en länk (URL) till fakturan.',
    'When Supplier is Greek, there should be no more than one invoice url.',
    (doc, fail) => {
      if (!greekSender(doc) || !greekPostal(doc)) return;
      if (additionalRefs(doc, '##INVOICE|URL##').length > 1) fail(doc.root.location);
    }),
  rule('GR-R-004-2', 'fatal',
    'MARK-numret måste vara ett positivt heltal.',
    'When Supplier is Greek, the MARK Number must be a positive integer.',
    (doc, fail) => {
      if (!greekSender(doc) || !greekPostal(doc)) return;
      for (const r of additionalRefs(doc, '##M.AR.K##')) for (const id of kids(r, C, 'ID')) if (!/^[1-9]([0-9]*)/.test(id.text)) fail(id.location);
    }),
  rule('GR-R-008-3', 'fatal',
    'När fakturalänk anges måste URL:en finnas.',
    'When Supplier is Greek and the INVOICE URL Document reference exists, the External Reference URI should be present.',
    (doc, fail) => {
      if (!greekSender(doc)) return;
      for (const r of additionalRefs(doc, '##INVOICE|URL##')) {
        const uri = at(r, [A, 'Attachment'], [A, 'ExternalReference'], [C, 'URI'])[0];
        if (uri === undefined || normalizeSpace(uri.text).length === 0) fail(r.location);
      }
    }),
  rule('GR-R-005', 'fatal',
    'Grekiska leverantörer måste ange köparens fullständiga namn.',
    'Greek Suppliers must provide the full name of the buyer.',
    (doc, fail) => {
      if (!greekSender(doc)) return;
      for (const p of cac(doc, 'AccountingCustomerParty')) for (const party of kids(p, A, 'Party')) if (partyName(party).length === 0) fail(party.location);
    }),
  rule('GR-R-009', 'fatal',
    'Grekiska leverantörer måste använda sitt grekiska skattenummer (schema 9933) som elektronisk adress.',
    'Greek suppliers that send an invoice through the PEPPOL network must use a correct TIN number as an electronic address according to PEPPOL Electronic Address Identifier scheme (schemeID 9933).',
    (doc, fail) => {
      if (!isUbl(doc) || !greek(accountingSupplierCountry(doc))) return;
      for (const p of cac(doc, 'AccountingSupplierParty')) {
        for (const party of kids(p, A, 'Party')) {
          for (const e of kids(party, C, 'EndpointID')) if (!(e.attributes.schemeID === '9933' && greekTinValid(e.text))) fail(e.location);
        }
      }
    }),
  rule('GR-R-006', 'fatal',
    'Grekiska leverantörer måste ange en grekisk köpares momsnummer (EL + giltigt skattenummer).',
    'Greek Suppliers must provide the VAT number of the buyer, if the buyer is Greek.',
    (doc, fail) => {
      if (!greekBoth(doc)) return;
      for (const p of cac(doc, 'AccountingCustomerParty')) {
        for (const party of kids(p, A, 'Party')) {
          const ids = vatIds(party);
          const ok = ids.length === 1 && ids[0]!.text.slice(0, 2) === 'EL' && greekTinValid(ids[0]!.text.slice(2));
          if (!ok) fail(party.location);
        }
      }
    }),
  rule('GR-R-010', 'fatal',
    'Vid faktura till grekisk köpare måste köparens elektroniska adress vara ett giltigt grekiskt skattenummer (schema 9933).',
    'Greek Suppliers that send an invoice through the PEPPOL network to a greek buyer must use a correct TIN number as an electronic address according to PEPPOL Electronic Address Identifier scheme (SchemeID 9933).',
    (doc, fail) => {
      if (!greekBoth(doc)) return;
      const buyer = buyerPartyEl(doc);
      if (buyer === undefined) return;
      for (const p of cac(doc, 'AccountingCustomerParty')) {
        for (const party of kids(p, A, 'Party')) {
          for (const e of kids(party, C, 'EndpointID')) if (!(e.attributes.schemeID === '9933' && greekTinValid(e.text))) fail(e.location);
        }
      }
    }),
]);
