// EN 16931 UBL syntax rules (the "syntax" pattern of the CEN artefacts 1.3.16, UBL binding): the ones the
// oracle can check (official unit tests or verdicts). They read the generic element tree, not the model,
// and apply to UBL Invoice and CreditNote only. Severities as the artefacts declare them: UBL-SR-* and
// UBL-DT-01/06/07 fatal, UBL-CR-* warning.
//
// Schematron semantics kept here:
// - A rule whose context is the root (`/ubl:Invoice | /cn:CreditNote`) reports once, at the root.
// - `//x` means anywhere in the document, in the cbc/cac namespace as named.
// - UBL-SR-44/47 count DISTINCT string values (`x[not(preceding::x/. = .)]`): raw text, no trimming.
// - UBL-DT-01's context is every element whose name ends with `Amount`, except `…PriceAmount` and elements
//   below a `cac:Price` that has a `cac:AllowanceCharge` child; the test is on the element's string value.
// - UBL-DT-06/07: every element whose name ends with `BinaryObject` needs a (no-namespace) mimeCode/filename.
import type { ParsedDocument, XmlElement } from '../../model.ts';
import { NS } from '../../model.ts';
import type { Rule, Severity } from '../types.ts';
import { treeIndex } from '../../tree-index.ts';

/** What the syntax rules need, from the shared tree index (one-slot cache per document). */
type Facts = {
  /** Amount elements failing UBL-DT-01, document order. */
  dt01: XmlElement[];
  /** Binary object elements without mimeCode / without filename. */
  dt06: XmlElement[];
  dt07: XmlElement[];
  /** cac:Party elements under cac:AccountingSupplierParty with more than two cac:PartyTaxScheme. */
  sr42: XmlElement[];
  /** Distinct cbc:PaymentID / cbc:PaymentMeansCode values > 1. */
  sr44: boolean;
  sr47: boolean;
  /** Some cac:ClassifiedTaxCategory/cbc:ID has a schemeID. */
  cr679: boolean;
  /** Seller / buyer VAT identifiers (UBL-SR-12 / UBL-SR-18). */
  sellerVatIds: number;
  buyerVatIds: number;
};

let lastDoc: ParsedDocument | undefined;
let lastFacts: Facts | undefined;

function facts(doc: ParsedDocument): Facts {
  if (doc === lastDoc && lastFacts !== undefined) return lastFacts;
  const ix = treeIndex(doc);
  const f: Facts = {
    dt01: [], dt06: [], dt07: [], sr42: [], sr44: false, sr47: false, cr679: false,
    sellerVatIds: vatIdCount(doc, ix.byLocal.get('AccountingSupplierParty')),
    buyerVatIds: vatIdCount(doc, ix.byLocal.get('AccountingCustomerParty')),
  };
  f.sr44 = distinctMoreThanOne(ix.byLocal.get('PaymentID'));
  f.sr47 = distinctMoreThanOne(ix.byLocal.get('PaymentMeansCode'));
  for (const e of ix.withScheme) {
    const p = e.parent;
    if (e.local === 'ID' && e.ns === NS.cbc && p !== null && p.local === 'ClassifiedTaxCategory' && p.ns === NS.cac) { f.cr679 = true; break; }
  }
  for (const e of ix.byLocal.get('Party') ?? NONE) {
    const p = e.parent;
    if (e.ns === NS.cac && p !== null && p.local === 'AccountingSupplierParty' && p.ns === NS.cac && countKids(e, NS.cac, 'PartyTaxScheme') > 2) f.sr42.push(e);
  }
  // every local name of the document (a key loop: a `forEach` callback per name costs more than the name test)
  for (const local of ix.byLocal.keys()) {
    // both suffixes end in 't': one character test skips most names before the suffix compares
    if (local.charCodeAt(local.length - 1) !== 116) continue;
    if (local.endsWith('Amount')) {
      if (local.endsWith('PriceAmount')) continue;
      for (const e of ix.byLocal.get(local)!) {
        const v = stringValue(e);
        const dot = v.indexOf('.');
        if (dot >= 0 && v.length - dot - 1 > 2 && !belowPriceAllowance(e)) f.dt01.push(e);
      }
    } else if (local.endsWith('BinaryObject')) {
      for (const e of ix.byLocal.get(local)!) {
        if (e.attributes.mimeCode === undefined) f.dt06.push(e);
        if (e.attributes.filename === undefined) f.dt07.push(e);
      }
    }
  }
  if (f.dt01.length > 1) f.dt01.sort(byOffset);
  if (f.dt06.length > 1) f.dt06.sort(byOffset);
  if (f.dt07.length > 1) f.dt07.sort(byOffset);
  lastDoc = doc;
  lastFacts = f;
  return f;
}

const NONE: XmlElement[] = [];
const byOffset = (a: XmlElement, b: XmlElement): number => a.offset - b.offset;

/** More than one distinct string value among the cbc: elements (`count(x[not(preceding::x/. = .)]) > 1`). */
function distinctMoreThanOne(list: readonly XmlElement[] | undefined): boolean {
  if (list === undefined) return false;
  let first: string | undefined;
  for (const e of list) {
    if (e.ns !== NS.cbc) continue;
    const v = stringValue(e);
    if (first === undefined) first = v;
    else if (v !== first) return true;
  }
  return false;
}

/** `ancestor::cac:Price/cac:AllowanceCharge` is not empty. */
function belowPriceAllowance(e: XmlElement): boolean {
  for (let p = e.parent; p !== null; p = p.parent) {
    if (p.local === 'Price' && p.ns === NS.cac && countKids(p, NS.cac, 'AllowanceCharge') > 0) return true;
  }
  return false;
}

function countKids(el: XmlElement, ns: string, local: string): number {
  let n = 0;
  for (const c of el.children) if (c.local === local && c.ns === ns) n++;
  return n;
}

/** XPath string value: the element's text, plus its descendants' text when it has child elements. */
function stringValue(e: XmlElement): string {
  if (e.children.length === 0) return e.text;
  let s = e.text;
  for (const c of e.children) s += stringValue(c);
  return s;
}

/** True when the document is a UBL Invoice or CreditNote (the UBL binding only runs on those). */
const isUbl = (doc: ParsedDocument): boolean => doc.syntax !== 'cii';

function rule(id: string, severity: Severity, sv: string, en: string, check: (f: Facts, doc: ParsedDocument, fail: (location: string) => void) => void): Rule {
  return { id, severity, sv, en, check: (doc, fail) => { if (isUbl(doc)) check(facts(doc), doc, fail); } };
}

/** Root-context count check: `count(root/Party/PartyTaxScheme[TaxScheme/upper-case(ID) = 'VAT']/CompanyID) <= 1`;
 * `roles` are the elements with the party role's local name anywhere (the tree index), of which the root's
 * cac: children count. */
function vatIdCount(doc: ParsedDocument, roles: readonly XmlElement[] | undefined): number {
  if (roles === undefined) return 0;
  let n = 0;
  for (const role of roles) {
    if (role.parent !== doc.root || role.ns !== NS.cac) continue;
    for (const party of role.children) {
      if (party.local !== 'Party' || party.ns !== NS.cac) continue;
      for (const pts of party.children) {
        if (pts.local !== 'PartyTaxScheme' || pts.ns !== NS.cac || !vatScheme(pts)) continue;
        n += countKids(pts, NS.cbc, 'CompanyID');
      }
    }
  }
  return n;
}

function vatScheme(pts: XmlElement): boolean {
  for (const ts of pts.children) {
    if (ts.local !== 'TaxScheme' || ts.ns !== NS.cac) continue;
    for (const id of ts.children) if (id.local === 'ID' && id.ns === NS.cbc && stringValue(id).toUpperCase() === 'VAT') return true;
  }
  return false;
}

export const ublSyntaxRules: Rule[] = [
  rule('UBL-SR-12', 'fatal', 'Säljarens momsregistreringsnummer (BT-31) får förekomma högst en gång.',
    'The seller VAT identifier (BT-31) shall occur at most once.',
    (f, doc, fail) => { if (f.sellerVatIds > 1) fail(doc.root.location); }),
  rule('UBL-SR-18', 'fatal', 'Köparens momsregistreringsnummer (BT-48) får förekomma högst en gång.',
    'The buyer VAT identifier (BT-48) shall occur at most once.',
    (f, doc, fail) => { if (f.buyerVatIds > 1) fail(doc.root.location); }),
  rule('UBL-SR-42', 'fatal', 'Säljaren får ha högst två skatteregistreringar (cac:PartyTaxScheme).',
    'Party tax scheme shall occur at most twice in the accounting supplier party.',
    (f, _doc, fail) => { for (const e of f.sr42) fail(e.location); }),
  rule('UBL-SR-44', 'fatal', 'Fakturan får bara ha ett betalningsreferensvärde (cbc:PaymentID), men samma värde får användas i flera betalningssätt.',
    'An invoice may only have one unique PaymentID, but the PaymentID may be used for multiple PaymentMeans.',
    (f, doc, fail) => { if (f.sr44) fail(doc.root.location); }),
  rule('UBL-SR-47', 'fatal', 'När betalningssättskod (BT-81) anges flera gånger måste koderna vara lika.',
    'When there is more than one payment means code (BT-81), they shall be equal.',
    (f, doc, fail) => { if (f.sr47) fail(doc.root.location); }),
  rule('UBL-DT-01', 'fatal', 'Belopp får ha högst två decimaler.', 'Amounts shall be decimal up to two fraction digits.',
    (f, _doc, fail) => { for (const e of f.dt01) fail(e.location); }),
  rule('UBL-DT-06', 'fatal', 'Bifogade binära objekt måste ha attributet mimeCode.', 'Binary object elements shall contain the mime code attribute.',
    (f, _doc, fail) => { for (const e of f.dt06) fail(e.location); }),
  rule('UBL-DT-07', 'fatal', 'Bifogade binära objekt måste ha attributet filename.', 'Binary object elements shall contain the file name attribute.',
    (f, _doc, fail) => { for (const e of f.dt07) fail(e.location); }),
  rule('UBL-CR-679', 'warning', 'En UBL-faktura bör inte ange schemeID på radens momskategori (cac:ClassifiedTaxCategory/cbc:ID).',
    'A UBL invoice should not include the ClassifiedTaxCategory/ID schemeID.',
    (f, doc, fail) => { if (f.cr679) fail(doc.root.location); }),
];
