// EN 16931 business rules BR-01 … BR-67 (mandatory elements, cardinalities, simple value checks).
import type { Field, Party, XmlElement } from '../../model.ts';
import { NS, path, child } from '../../model.ts';
import type { Rule } from '../types.ts';
import { type Ctx, ctx, els, fatal, filled, hasVatCode, nsp, rule, someNum } from './ctx.ts';

/** Location of the document root. */
const rootLoc = (c: Ctx) => c.root.location;

/** `exists(x)` for a field list. */
const exists = (f: readonly Field[]) => f.length > 0;

const NO_FIELDS: readonly Field[] = [];

/** Some field has a non-blank value (XPath `x[normalize-space(.) != '']`). */
function anyFilled(fields: readonly Field[]): boolean {
  for (let i = 0; i < fields.length; i++) if (nsp(fields[i]!.value) !== '') return true;
  return false;
}

/** Number of child elements with a namespace and local name. */
function countKids(el: XmlElement, ns: string, local: string): number {
  let n = 0;
  for (const c of el.children) if (c.local === local && c.ns === ns) n++;
  return n;
}

function partyNames(p: Party | undefined): string[] {
  return p === undefined ? [] : p.name.map((f) => f.value);
}

export const coreRules: Rule[] = [
  fatal('BR-01', 'Fakturan saknar specifikationsidentitet (BT-24, CustomizationID).',
    'The invoice has no specification identifier (BT-24).',
    (doc, fail) => { const c = ctx(doc); if (!filled(c.inv.customizationId)) fail(rootLoc(c)); }),
  fatal('BR-02', 'Fakturan saknar fakturanummer (BT-1).', 'The invoice has no invoice number (BT-1).',
    (doc, fail) => { const c = ctx(doc); if (!filled(c.inv.number)) fail(rootLoc(c)); }),
  fatal('BR-03', 'Fakturan saknar fakturadatum (BT-2).', 'The invoice has no issue date (BT-2).',
    (doc, fail) => {
      const c = ctx(doc);
      const f = c.cii ? c.inv.issueDate.filter((x) => x.attrs.format === '102') : c.inv.issueDate;
      if (!filled(f)) fail(rootLoc(c));
    }),
  fatal('BR-04', 'Fakturan saknar fakturatypkod (BT-3).', 'The invoice has no invoice type code (BT-3).',
    (doc, fail) => {
      const c = ctx(doc);
      if (!anyFilled(c.inv.typeCode)) fail(rootLoc(c));
    }),
  fatal('BR-05', 'Fakturan saknar valutakod (BT-5).', 'The invoice has no invoice currency code (BT-5).',
    (doc, fail) => { const c = ctx(doc); if (!filled(c.inv.currencyCode)) fail(rootLoc(c)); }),
  fatal('BR-06', 'Säljarens namn (BT-27) saknas.', 'The seller name (BT-27) is missing.',
    (doc, fail) => { const c = ctx(doc); if (!filled(c.inv.seller.name)) fail(rootLoc(c)); }),
  fatal('BR-07', 'Köparens namn (BT-44) saknas.', 'The buyer name (BT-44) is missing.',
    (doc, fail) => { const c = ctx(doc); if (!filled(c.inv.buyer.name)) fail(rootLoc(c)); }),
  fatal('BR-08', 'Säljarens postadress (BG-5) saknas.', 'The seller postal address (BG-5) is missing.',
    (doc, fail) => { const c = ctx(doc); if (c.inv.seller.address?.el === undefined) fail(rootLoc(c)); }),
  fatal('BR-09', 'Säljarens postadress saknar landskod (BT-40).', 'The seller postal address has no country code (BT-40).',
    (doc, fail) => {
      const c = ctx(doc);
      const a = c.inv.seller.address;
      if (a?.el !== undefined && !filled(a.countryCode)) fail(a.location);
    }),
  fatal('BR-10', 'Köparens postadress (BG-8) saknas.', 'The buyer postal address (BG-8) is missing.',
    (doc, fail) => { const c = ctx(doc); if (c.inv.buyer.address?.el === undefined) fail(rootLoc(c)); }),
  fatal('BR-11', 'Köparens postadress saknar landskod (BT-55).', 'The buyer postal address has no country code (BT-55).',
    (doc, fail) => {
      const c = ctx(doc);
      const a = c.inv.buyer.address;
      if (a?.el !== undefined && !filled(a.countryCode)) fail(a.location);
    }),
  fatal('BR-12', 'Summa radbelopp (BT-106) saknas.', 'The sum of invoice line net amounts (BT-106) is missing.',
    (doc, fail) => { const c = ctx(doc); const t = c.inv.totals; if (t.el !== undefined && !exists(t.lineNetTotal)) fail(t.location); }),
  fatal('BR-13', 'Fakturans belopp exklusive moms (BT-109) saknas.', 'The invoice total without VAT (BT-109) is missing.',
    (doc, fail) => { const c = ctx(doc); const t = c.inv.totals; if (t.el !== undefined && !exists(t.taxExclusiveAmount)) fail(t.location); }),
  fatal('BR-14', 'Fakturans belopp inklusive moms (BT-112) saknas.', 'The invoice total with VAT (BT-112) is missing.',
    (doc, fail) => { const c = ctx(doc); const t = c.inv.totals; if (t.el !== undefined && !exists(t.taxInclusiveAmount)) fail(t.location); }),
  fatal('BR-15', 'Belopp att betala (BT-115) saknas.', 'The amount due for payment (BT-115) is missing.',
    (doc, fail) => { const c = ctx(doc); const t = c.inv.totals; if (t.el !== undefined && !exists(t.payableAmount)) fail(t.location); }),
  fatal('BR-16', 'Fakturan måste ha minst en fakturarad (BG-25).', 'The invoice must have at least one invoice line (BG-25).',
    (doc, fail) => { const c = ctx(doc); if (c.inv.lines.length === 0) fail(rootLoc(c)); }),
  fatal('BR-17', 'Betalningsmottagarens namn (BT-59) måste anges när betalningsmottagaren inte är säljaren.',
    'The payee name (BT-59) must be given when the payee differs from the seller.',
    (doc, fail) => {
      const c = ctx(doc);
      const p = c.inv.payee;
      if (p?.el === undefined) return;
      const names = p.name.map((f) => f.value);
      const sellerNames = c.cii ? partyNames(c.inv.seller) : c.inv.seller.tradingName.map((f) => f.value);
      const sellerIds = c.inv.seller.identifiers.map((f) => f.value);
      let ok = names.length > 0 && !names.some((n) => sellerNames.includes(n))
        && !p.identifiers.some((f) => sellerIds.includes(f.value));
      if (ok && c.cii) {
        const sl = c.inv.seller.legalRegistrationId.map((f) => f.value);
        ok = !p.legalRegistrationId.some((f) => sl.includes(f.value));
      }
      if (!ok) fail(p.location);
    }),
  fatal('BR-18', 'Skatteombudets namn (BT-62) saknas.', 'The seller tax representative name (BT-62) is missing.',
    (doc, fail) => {
      const c = ctx(doc);
      const p = c.inv.taxRepresentative;
      if (p?.el === undefined) return;
      if (c.cii ? !exists(p.name) : !filled(p.name)) fail(p.location);
    }),
  fatal('BR-19', 'Skatteombudets postadress (BG-12) saknas.', 'The seller tax representative postal address (BG-12) is missing.',
    (doc, fail) => {
      const c = ctx(doc);
      const p = c.inv.taxRepresentative;
      if (p?.el !== undefined && p.address?.el === undefined) fail(p.location);
    }),
  fatal('BR-20', 'Skatteombudets postadress saknar landskod (BT-69).', 'The tax representative postal address has no country code (BT-69).',
    (doc, fail) => {
      const c = ctx(doc);
      const p = c.inv.taxRepresentative;
      if (p?.el === undefined) return;
      const a = p.address;
      if (c.cii) { if (a?.el === undefined || !exists(a.countryCode)) fail(p.location); return; }
      if (a?.el !== undefined && !filled(a.countryCode)) fail(a.location);
    }),
  fatal('BR-21', 'Fakturaraden saknar radidentitet (BT-126).', 'The invoice line has no line identifier (BT-126).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) if (!filled(l.id)) fail(l.location); }),
  fatal('BR-22', 'Fakturaraden saknar fakturerad kvantitet (BT-129).', 'The invoice line has no invoiced quantity (BT-129).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) if (!exists(l.quantity)) fail(l.location); }),
  fatal('BR-23', 'Fakturaradens kvantitet saknar enhetskod (BT-130).', 'The invoiced quantity has no unit of measure code (BT-130).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) {
        let unit = false;
        for (const q of l.quantity) if (q.attrs.unitCode !== undefined) { unit = true; break; }
        if (!unit) fail(l.location);
      }
    }),
  fatal('BR-24', 'Fakturaraden saknar radbelopp (BT-131).', 'The invoice line has no line net amount (BT-131).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) if (!exists(l.netAmount)) fail(l.location); }),
  fatal('BR-25', 'Fakturaraden saknar artikelnamn (BT-153).', 'The invoice line has no item name (BT-153).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) if (!filled(l.item.name)) fail(l.location); }),
  fatal('BR-26', 'Fakturaraden saknar nettopris (BT-146).', 'The invoice line has no item net price (BT-146).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) if (l.price === undefined || !exists(l.price.netPrice)) fail(l.location); }),
  fatal('BR-27', 'Artikelns nettopris (BT-146) får inte vara negativt.', 'The item net price (BT-146) must not be negative.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) {
        const p = l.price?.netPrice ?? NO_FIELDS;
        if (!someNum(p, '>=')) fail(p[0]?.location ?? l.location);
      }
    }),
  fatal('BR-28', 'Artikelns bruttopris (BT-148) får inte vara negativt.', 'The item gross price (BT-148) must not be negative.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) {
        const g = l.price?.grossPrice ?? NO_FIELDS;
        if (g.length > 0 && !someNum(g, '>=')) fail(g[0]!.location);
      }
    }),
  fatal('BR-29', 'Faktureringsperiodens slutdatum (BT-74) får inte vara före startdatum (BT-73).',
    'The invoicing period end date (BT-74) must not be before the start date (BT-73).',
    (doc, fail) => { const c = ctx(doc); for (const p of c.inv.invoicePeriods) if (!periodOk(c, p.startDate, p.endDate)) fail(p.location); }),
  fatal('BR-30', 'Radperiodens slutdatum (BT-135) får inte vara före startdatum (BT-134).',
    'The invoice line period end date (BT-135) must not be before the start date (BT-134).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) if (l.period?.el !== undefined && !periodOk(c, l.period.startDate, l.period.endDate)) fail(l.period.location);
    }),
  fatal('BR-31', 'Avdrag på dokumentnivå saknar belopp (BT-92).', 'A document level allowance has no amount (BT-92).',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.allowances) if (!exists(a.amount)) fail(a.location); }),
  fatal('BR-32', 'Avdrag på dokumentnivå saknar momskategori (BT-95).', 'A document level allowance has no VAT category code (BT-95).',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.allowances) if (!hasVatCode(a.taxCategories)) fail(a.location); }),
  fatal('BR-33', 'Avdrag på dokumentnivå saknar orsak (BT-97) eller orsakskod (BT-98).',
    'A document level allowance has neither a reason (BT-97) nor a reason code (BT-98).',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.allowances) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-36', 'Tillägg på dokumentnivå saknar belopp (BT-99).', 'A document level charge has no amount (BT-99).',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.charges) if (!exists(a.amount)) fail(a.location); }),
  fatal('BR-37', 'Tillägg på dokumentnivå saknar momskategori (BT-102).', 'A document level charge has no VAT category code (BT-102).',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.charges) if (!hasVatCode(a.taxCategories)) fail(a.location); }),
  fatal('BR-38', 'Tillägg på dokumentnivå saknar orsak (BT-104) eller orsakskod (BT-105).',
    'A document level charge has neither a reason (BT-104) nor a reason code (BT-105).',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.charges) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-41', 'Radavdrag saknar belopp (BT-136).', 'An invoice line allowance has no amount (BT-136).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) for (const a of l.allowances) if (!exists(a.amount)) fail(a.location); }),
  fatal('BR-42', 'Radavdrag saknar orsak (BT-139) eller orsakskod (BT-140).',
    'An invoice line allowance has neither a reason (BT-139) nor a reason code (BT-140).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) for (const a of l.allowances) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-43', 'Radtillägg saknar belopp (BT-141).', 'An invoice line charge has no amount (BT-141).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) for (const a of l.charges) if (!exists(a.amount)) fail(a.location); }),
  fatal('BR-44', 'Radtillägg saknar orsak (BT-144) eller orsakskod (BT-145).',
    'An invoice line charge has neither a reason (BT-144) nor a reason code (BT-145).',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) for (const a of l.charges) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-45', 'Momsspecifikationen saknar beskattningsunderlag (BT-116).', 'A VAT breakdown has no taxable amount (BT-116).',
    (doc, fail) => { const c = ctx(doc); for (const b of c.inv.vatBreakdown) if (!exists(b.taxableAmount)) fail(b.location); }),
  fatal('BR-46', 'Momsspecifikationen saknar momsbelopp (BT-117).', 'A VAT breakdown has no VAT amount (BT-117).',
    (doc, fail) => { const c = ctx(doc); for (const b of c.inv.vatBreakdown) if (!exists(b.taxAmount)) fail(b.location); }),
  fatal('BR-47', 'Momsspecifikationen saknar momskategori (BT-118).', 'A VAT breakdown has no VAT category code (BT-118).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const k of c.bd) if (!(k.tc.code.length > 0 && k.vat)) fail(k.b.location);
    }),
  fatal('BR-48', 'Momsspecifikationen saknar momssats (BT-119); bara kategori O (ej momspliktigt) får sakna sats.',
    'A VAT breakdown has no VAT rate (BT-119); only category O (not subject to VAT) may omit it.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const k of c.bd) {
        const code = c.cii ? k.raw : k.code;
        if (!(k.vat && (exists(k.rate) || code === 'O'))) fail(k.b.location);
      }
    }),
  fatal('BR-49', 'Betalningsinstruktionen saknar kod för betalningssätt (BT-81).', 'A payment instruction has no payment means type code (BT-81).',
    (doc, fail) => { const c = ctx(doc); for (const p of c.inv.paymentMeans) if (!exists(p.code)) fail(p.location); }),
  fatal('BR-50', 'Kontonummer för betalning (BT-84) saknas för kontoöverföring.', 'The payment account identifier (BT-84) is missing for a credit transfer.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const p of c.inv.paymentMeans) {
        let transfer = false;
        for (const f of p.code) if (f.value === '30' || f.value === '58') { transfer = true; break; }
        if (!transfer) continue;
        for (const t of p.creditTransfers) {
          if (t.el === undefined) continue;
          if (c.cii ? t.accountId.length === 0 : !filled(t.accountId)) fail(t.location);
        }
      }
    }),
  rule('BR-51', 'warning', 'Fakturan bör inte innehålla hela kortnumret (BT-87); högst de första 6 och sista 4 siffrorna får visas.',
    'The invoice should not contain the full card number (BT-87); at most the first 6 and last 4 digits may be shown.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const p of c.inv.paymentMeans) {
        for (const f of p.card?.primaryAccountNumber ?? []) {
          const n = c.cii ? f.value.length : nsp(f.value).length;
          if (n > 10) fail(f.location);
        }
      }
    }),
  fatal('BR-52', 'Bilagan (BG-24) saknar referens (BT-122).', 'An additional supporting document (BG-24) has no reference (BT-122).',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) {
        for (const e of els(c, 'AdditionalReferencedDocument')) if (!filledEl(child(e, 'ram:IssuerAssignedID'))) fail(e.location);
        return;
      }
      for (const e of els(c, 'AdditionalDocumentReference')) if (!filledEl(child(e, 'cbc:ID'))) fail(e.location);
    }),
  fatal('BR-53', 'När momsredovisningsvaluta (BT-6) anges måste momsbeloppet i den valutan (BT-111) finnas.',
    'When a VAT accounting currency (BT-6) is given, the VAT total in that currency (BT-111) must be given.',
    (doc, fail) => {
      const c = ctx(doc);
      const amounts = c.inv.totals.taxTotalAmounts;
      const cur = c.inv.currencyCode[0]?.value;
      for (const t of c.inv.taxCurrencyCode) {
        let ok = false;
        for (const a of amounts) if (a.attrs.currencyID === t.value) { ok = true; break; }
        if (c.cii && t.value === cur) ok = false;
        if (!ok) fail(c.cii ? c.inv.totals.location : rootLoc(c));
      }
    }),
  fatal('BR-54', 'Artikelegenskapen (BG-32) måste ha både namn (BT-160) och värde (BT-161).',
    'An item attribute (BG-32) must have both a name (BT-160) and a value (BT-161).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) for (const a of l.item.attributes) if (!exists(a.name) || !exists(a.value)) fail(a.location);
    }),
  fatal('BR-55', 'Hänvisningen till tidigare faktura (BG-3) saknar fakturanummer (BT-25).',
    'A preceding invoice reference (BG-3) has no invoice number (BT-25).',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) { for (const p of c.inv.precedingInvoices) if (!filled(p.id)) fail(p.location); return; }
      for (const b of els(c, 'BillingReference')) if (!hasInvoiceReferenceId(b)) fail(b.location);
    }),
  fatal('BR-56', 'Skatteombudet (BG-11) saknar momsregistreringsnummer (BT-63).', 'The seller tax representative (BG-11) has no VAT identifier (BT-63).',
    (doc, fail) => {
      const c = ctx(doc);
      const p = c.inv.taxRepresentative;
      if (p?.el === undefined) return;
      const ok = c.cii ? p.taxRegistrations.some((r) => r.schemeValue === 'VA' && filled(r.id)) : c.taxRepVat;
      if (!ok) fail(p.location);
    }),
  fatal('BR-57', 'Leveransadressen (BG-15) saknar landskod (BT-80).', 'The deliver to address (BG-15) has no country code (BT-80).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const d of c.inv.deliveries) {
        const a = d.address;
        if (a?.el === undefined) continue;
        if (c.cii ? !filled(a.countryCode) : !exists(a.countryCode)) fail(a.location);
      }
    }),
  fatal('BR-61', 'Vid kontoöverföring (betalningssätt 30 eller 58) måste kontonummer (BT-84) anges.',
    'For a credit transfer (payment means 30 or 58) the payment account identifier (BT-84) must be given.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const p of c.inv.paymentMeans) {
        const code = nsp(p.code[0]?.value ?? '');
        if (code !== '30' && code !== '58') continue;
        let account = false;
        for (const t of p.creditTransfers) if (exists(t.accountId)) { account = true; break; }
        if (!account) fail(p.location);
      }
    }),
  fatal('BR-62', 'Säljarens elektroniska adress (BT-34) saknar schema-id.', 'The seller electronic address (BT-34) has no scheme identifier.',
    (doc, fail) => { const c = ctx(doc); endpointScheme(c, c.inv.seller, fail); }),
  fatal('BR-63', 'Köparens elektroniska adress (BT-49) saknar schema-id.', 'The buyer electronic address (BT-49) has no scheme identifier.',
    (doc, fail) => { const c = ctx(doc); endpointScheme(c, c.inv.buyer, fail); }),
  fatal('BR-64', 'Artikelns standardidentitet (BT-157) saknar schema-id.', 'The item standard identifier (BT-157) has no scheme identifier.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) {
        for (const f of l.item.standardId) {
          if (c.cii ? nsp(f.attrs.schemeID ?? '') === '' : f.attrs.schemeID === undefined) fail(f.location);
          if (c.cii) break;
        }
      }
    }),
  fatal('BR-65', 'Artikelns klassificeringskod (BT-158) saknar schema-id.', 'The item classification identifier (BT-158) has no scheme identifier.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) {
        for (const f of l.item.classifications) {
          if (c.cii ? nsp(f.attrs.listID ?? '') === '' : f.attrs.listID === undefined) fail(f.location);
          if (c.cii) break;
        }
      }
    }),
  fatal('BR-66', 'Fakturan får innehålla högst ett betalkort (BG-18).', 'The invoice may contain at most one payment card (BG-18).',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) return;
      let n = 0;
      for (const p of c.inv.paymentMeans) n += p.el ? countKids(p.el, NS.cac, 'CardAccount') : 0;
      if (n > 1) fail(rootLoc(c));
    }),
  fatal('BR-67', 'Fakturan får innehålla högst ett autogiromandat (BG-19).', 'The invoice may contain at most one direct debit mandate (BG-19).',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) return;
      let n = 0;
      for (const p of c.inv.paymentMeans) n += p.el ? countKids(p.el, NS.cac, 'PaymentMandate') : 0;
      if (n > 1) fail(rootLoc(c));
    }),
];

/** XPath `normalize-space(x) != ''` on an element (false when absent). */
function filledEl(e: XmlElement | undefined): boolean {
  return e !== undefined && nsp(e.text) !== '';
}

/** `exists(cac:InvoiceDocumentReference/cbc:ID)` below a cac:BillingReference. */
function hasInvoiceReferenceId(b: XmlElement): boolean {
  for (const r of b.children) {
    if (r.local !== 'InvoiceDocumentReference' || r.ns !== NS.cac) continue;
    for (const id of r.children) if (id.local === 'ID' && id.ns === NS.cbc) return true;
  }
  return false;
}

function endpointScheme(c: Ctx, p: Party, fail: (loc: string) => void): void {
  if (c.cii) {
    const e = p.endpointId[0];
    if (p.el === undefined) return;
    const uc = child(p.el, 'ram:URIUniversalCommunication');
    if (uc === undefined) return;
    const id = path(uc, 'ram:URIID')[0];
    if (nsp(id?.attributes.schemeID ?? '') === '') fail(e?.location ?? uc.location);
    return;
  }
  for (const f of p.endpointId) if (f.attrs.schemeID === undefined) fail(f.location);
}

/** BR-29/BR-30: end date not before start date when both are given. UBL compares xs:date, CII compares the strings. */
function periodOk(c: Ctx, start: readonly Field[], end: readonly Field[]): boolean {
  if (start.length === 0 || end.length === 0) return true;
  if (c.cii) {
    const s = start.filter((f) => f.attrs.format === '102');
    const e = end.filter((f) => f.attrs.format === '102');
    if (s.length === 0 || e.length === 0) return false;
    return e.some((x) => s.some((y) => x.value >= y.value));
  }
  const s = start[0]!.value.trim();
  const e = end[0]!.value.trim();
  return e >= s;
}
