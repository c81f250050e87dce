// EN 16931 calculation and consistency rules BR-CO-* and the decimal rules BR-DEC-*.
// Arithmetic is exact (decimal.ts); rounding is XPath round() (ties toward +infinity) as the artefacts use it.
import type { AllowanceCharge, Field, XmlElement } from '../../model.ts';
import { path } from '../../model.ts';
import { abs, add, compare, divPow10, eq, mul, round, sub, ZERO, type Decimal } from '../../decimal.ts';
import { countryCodes } from '../../codelists/index.ts';
import type { Rule } from '../types.ts';
import { type Ctx, ctx, dec, els, fatal, hasVatCode, maxTwoDecimals, nsp, num, pd } from './ctx.ts';

const exists = (f: readonly Field[]) => f.length > 0;

/** XPath round(x * 100) div 100. */
export function r2(d: Decimal): Decimal {
  return round(d, 2, 'half-ceiling');
}

/** XPath round(x) (to an integer). */
function r0(d: Decimal): Decimal {
  return round(d, 0, 'half-ceiling');
}

/** Sum of the first values of `get(item)` over a list; undefined when a value is not a decimal. */
function sumOf<T>(list: readonly T[], get: (item: T) => readonly Field[]): Decimal | undefined {
  let s = ZERO;
  for (let i = 0; i < list.length; i++) {
    const v = get(list[i]!)[0];
    if (v === undefined) continue;
    const d = pd(v.value);
    if (d === undefined) return undefined;
    s = add(s, d);
  }
  return s;
}

// Module-level getters for sumOf (no closure per call).
const amountField = (a: AllowanceCharge): readonly Field[] => a.amount;
const taxAmountField = (b: { taxAmount: readonly Field[] }): readonly Field[] => b.taxAmount;

/** The VAT identifier prefix list of BR-CO-09: ISO 3166-1 alpha-2 (Peppol edition, with 1A and XI) plus EL for Greece. */
const VAT_PREFIXES = ` ${[...countryCodes, 'EL'].sort().join(' ')} `;

/** Every substring of VAT_PREFIXES of up to two characters: `VAT_PREFIXES.includes(p)` for a prefix p of at most
 * two characters is a set lookup instead of a scan of the whole list. */
const VAT_PREFIX_SUBSTRINGS: ReadonlySet<string> = (() => {
  const out = new Set<string>(['']);
  for (let i = 0; i < VAT_PREFIXES.length; i++) { out.add(VAT_PREFIXES.slice(i, i + 1)); if (i + 2 <= VAT_PREFIXES.length) out.add(VAT_PREFIXES.slice(i, i + 2)); }
  return out;
})();

/** Reports a field list whose first value has more than two decimals. */
function checkDec(f: readonly Field[], fail: (location: string) => void): void {
  if (!maxTwoDecimals(f)) fail(f[0]!.location);
}

/** BR-DEC-n: at most two decimals, for every field list the walker passes to checkDec. */
function decRule(id: string, sv: string, en: string, each: (c: Ctx, fail: (location: string) => void) => void): Rule {
  return fatal(id, `${sv} får ha högst två decimaler.`, `${en} may have at most two decimals.`, (doc, fail) => each(ctx(doc), fail));
}

type Totals = Ctx['inv']['totals'];
const totalsOf = (f: (t: Totals) => readonly Field[]) => (c: Ctx, fail: (location: string) => void) => {
  if (c.inv.totals.el !== undefined) checkDec(f(c.inv.totals), fail);
};
const docAc = (charge: boolean, base: boolean) => (c: Ctx, fail: (location: string) => void) => {
  for (const a of charge ? c.inv.charges : c.inv.allowances) checkDec(base ? a.baseAmount : a.amount, fail);
};
const lineAc = (charge: boolean, base: boolean) => (c: Ctx, fail: (location: string) => void) => {
  for (const l of c.inv.lines) for (const a of charge ? l.charges : l.allowances) checkDec(base ? a.baseAmount : a.amount, fail);
};

export const totalsRules: Rule[] = [
  fatal('BR-CO-03', 'Momsdatum (BT-7) och momsdatumkod (BT-8) får inte båda anges.',
    'The VAT point date (BT-7) and the VAT point date code (BT-8) are mutually exclusive.',
    (doc, fail) => {
      const c = ctx(doc);
      const both = c.cii
        ? els(c, 'TaxPointDate').length > 0 && els(c, 'DueDateTypeCode').length > 0
        : exists(c.inv.taxPointDate) && c.inv.invoicePeriods.some((p) => exists(p.descriptionCode));
      if (both) fail(c.root.location);
    }),
  fatal('BR-CO-04', 'Fakturaraden saknar momskategori (BT-151).', 'The invoice line has no VAT category code (BT-151).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) if (!hasVatCode(l.vatCategories)) fail(l.location);
    }),
  fatal('BR-CO-09', 'Momsregistreringsnumret (BT-31, BT-48, BT-63) måste börja med en landskod enligt ISO 3166-1 (Grekland får använda EL).',
    'The VAT identifier (BT-31, BT-48, BT-63) must start with an ISO 3166-1 alpha-2 country prefix (Greece may use EL).',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) {
        for (const e of els(c, 'ID', 'SpecifiedTaxRegistration')) {
          if (e.attributes.schemeID !== 'VA') continue;
          // the first two code points; a non-ASCII one never matches, so two UTF-16 units are the same test
          if (!VAT_PREFIXES.includes(` ${e.text.slice(0, 2)} `)) fail(e.location);
        }
        return;
      }
      for (const pts of els(c, 'PartyTaxScheme')) {
        let vat = false;
        let id: XmlElement | undefined;
        for (const ch of pts.children) {
          if (ch.local === 'CompanyID') { if (id === undefined) id = ch; } else if (ch.local === 'TaxScheme') {
            for (const s of ch.children) if (s.local === 'ID' && (s.text === 'VAT' || nsp(s.text.toUpperCase()) === 'VAT')) vat = true;
          }
        }
        if (!vat) continue;
        const prefix = id === undefined ? '' : id.text.slice(0, 2);
        if (!VAT_PREFIX_SUBSTRINGS.has(prefix)) fail(id?.location ?? pts.location);
      }
    }),
  fatal('BR-CO-10', 'Summa radbelopp (BT-106) måste vara lika med summan av fakturaradernas belopp (BT-131).',
    'The sum of invoice line net amounts (BT-106) must equal the sum of the line net amounts (BT-131).',
    (doc, fail) => {
      const c = ctx(doc);
      const t = c.inv.totals;
      if (t.el === undefined) return;
      const v = dec(t.lineNetTotal);
      let s: Decimal | undefined = ZERO;
      for (const it of c.lineItems) { if (it.amount === null) continue; if (it.amount === undefined) { s = undefined; break; } s = add(s, it.amount); }
      if (v === undefined || s === undefined || !eq(v, r2(s))) fail(t.lineNetTotal[0]?.location ?? t.location);
    }),
  fatal('BR-CO-11', 'Summa avdrag (BT-107) måste vara lika med summan av avdragen på dokumentnivå (BT-92).',
    'The sum of allowances (BT-107) must equal the sum of the document level allowance amounts (BT-92).',
    (doc, fail) => { const c = ctx(doc); sumCheck(c, c.inv.totals.allowanceTotal, c.inv.allowances, fail); }),
  fatal('BR-CO-12', 'Summa tillägg (BT-108) måste vara lika med summan av tilläggen på dokumentnivå (BT-99).',
    'The sum of charges (BT-108) must equal the sum of the document level charge amounts (BT-99).',
    (doc, fail) => { const c = ctx(doc); sumCheck(c, c.inv.totals.chargeTotal, c.inv.charges, fail); }),
  fatal('BR-CO-13', 'Belopp exklusive moms (BT-109) måste vara summa radbelopp (BT-106) minus avdrag (BT-107) plus tillägg (BT-108).',
    'The total without VAT (BT-109) must equal the line total (BT-106) minus allowances (BT-107) plus charges (BT-108).',
    (doc, fail) => {
      const c = ctx(doc);
      const t = c.inv.totals;
      if (t.el === undefined) return;
      const excl = dec(t.taxExclusiveAmount);
      const line = dec(t.lineNetTotal);
      const hasA = exists(t.allowanceTotal);
      const hasC = exists(t.chargeTotal);
      const a = hasA ? dec(t.allowanceTotal) : ZERO;
      const ch = hasC ? dec(t.chargeTotal) : ZERO;
      let ok = false;
      if (excl !== undefined && line !== undefined && a !== undefined && ch !== undefined) {
        const expected = add(sub(line, a), ch);
        ok = !hasA && !hasC && !c.cii ? eq(excl, line) : eq(excl, r2(expected));
      }
      if (!ok) fail(t.taxExclusiveAmount[0]?.location ?? t.location);
    }),
  fatal('BR-CO-14', 'Fakturans momsbelopp (BT-110) måste vara summan av momsbeloppen per kategori (BT-117).',
    'The invoice total VAT amount (BT-110) must equal the sum of the VAT category amounts (BT-117).',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) {
        const cur = c.inv.currencyCode[0]?.value;
        const s = sumOf(c.inv.vatBreakdown, taxAmountField);
        for (const f of c.inv.totals.taxTotalAmounts) {
          if (cur === undefined || f.attrs.currencyID !== cur) continue;
          const v = pd(f.value);
          if (v === undefined || s === undefined || !eq(v, r2(s))) fail(f.location);
        }
        return;
      }
      for (const tt of c.inv.taxTotals) {
        if (tt.el === undefined || tt.el.parent !== c.root || tt.subtotals.length === 0) continue;
        const v = dec(tt.taxAmount);
        const s = sumOf(tt.subtotals, taxAmountField);
        if (v === undefined || s === undefined || !eq(v, r2(s))) fail(tt.taxAmount[0]?.location ?? tt.location);
      }
    }),
  fatal('BR-CO-15', 'Belopp inklusive moms (BT-112) måste vara belopp exklusive moms (BT-109) plus momsbelopp (BT-110).',
    'The total with VAT (BT-112) must equal the total without VAT (BT-109) plus the total VAT amount (BT-110).',
    (doc, fail) => {
      const c = ctx(doc);
      const t = c.inv.totals;
      for (const curF of c.inv.currencyCode) {
        const cur = curF.value;
        // the VAT totals in the document currency: exactly one is needed
        let vat: Field | undefined;
        let nVat = 0;
        for (const f of t.taxTotalAmounts) if (f.attrs.currencyID === cur) { if (nVat++ === 0) vat = f; }
        const incl = dec(t.taxInclusiveAmount);
        const excl = dec(t.taxExclusiveAmount);
        let ok = false;
        if (nVat === 1 && vat !== undefined && incl !== undefined && excl !== undefined) {
          const v = pd(vat.value);
          ok = v !== undefined && eq(incl, r2(add(excl, v)));
        }
        if (!ok && c.cii && incl !== undefined && excl !== undefined) ok = eq(incl, excl);
        if (!ok) fail(c.root.location);
      }
    }),
  fatal('BR-CO-16', 'Belopp att betala (BT-115) måste vara belopp inklusive moms (BT-112) minus betalt belopp (BT-113) plus avrundning (BT-114).',
    'The amount due (BT-115) must equal the total with VAT (BT-112) minus the paid amount (BT-113) plus the rounding amount (BT-114).',
    (doc, fail) => {
      const c = ctx(doc);
      const t = c.inv.totals;
      if (t.el === undefined) return;
      const pay = dec(t.payableAmount);
      const incl = dec(t.taxInclusiveAmount);
      const hasP = exists(t.prepaidAmount);
      const hasR = exists(t.roundingAmount);
      const p = hasP ? dec(t.prepaidAmount) : ZERO;
      const r = hasR ? dec(t.roundingAmount) : ZERO;
      let ok = false;
      if (pay !== undefined && incl !== undefined && p !== undefined && r !== undefined) {
        if (c.cii) ok = eq(pay, add(sub(incl, p), r));
        else if (hasP && !hasR) ok = eq(pay, r2(sub(incl, p)));
        else if (!hasP && !hasR) ok = eq(pay, incl);
        else if (hasP && hasR) ok = eq(r2(sub(pay, r)), r2(sub(incl, p)));
        else ok = eq(r2(sub(pay, r)), incl);
      }
      if (!ok) fail(t.payableAmount[0]?.location ?? t.location);
    }),
  fatal('BR-CO-17', 'Momsbeloppet per kategori (BT-117) måste vara beskattningsunderlaget (BT-116) gånger momssatsen (BT-119), avrundat till två decimaler.',
    'The VAT category amount (BT-117) must equal the taxable amount (BT-116) times the rate (BT-119), rounded to two decimals.',
    (doc, fail) => {
      const c = ctx(doc);
      for (const k of c.bd) {
        const b = k.b;
        const rate = k.vat ? dec(b.category.rate) : undefined;
        const tax = dec(b.taxAmount);
        let ok = false;
        if (rate === undefined) ok = !(k.vat && exists(b.category.rate)) && tax !== undefined && r0(tax).value === 0n;
        else if (r0(rate).value === 0n) ok = tax !== undefined && r0(tax).value === 0n;
        else {
          const taxable = dec(b.taxableAmount);
          if (tax !== undefined && taxable !== undefined) ok = withinOne(abs(tax), r2(mul(abs(taxable), divPow10(rate, 2))), c.cii);
        }
        if (!ok) fail(b.location);
      }
    }),
  fatal('BR-CO-18', 'Fakturan måste ha minst en momsspecifikation (BG-23).', 'The invoice must have at least one VAT breakdown (BG-23).',
    (doc, fail) => { const c = ctx(doc); if (c.inv.vatBreakdown.length === 0) fail(c.root.location); }),
  fatal('BR-CO-19', 'Faktureringsperioden (BG-14) måste ha startdatum (BT-73) eller slutdatum (BT-74).',
    'The invoicing period (BG-14) must have a start date (BT-73) or an end date (BT-74).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const p of c.inv.invoicePeriods) {
        if (p.el === undefined) continue;
        if (!exists(p.startDate) && !exists(p.endDate) && (c.cii || !exists(p.descriptionCode))) fail(p.location);
      }
    }),
  fatal('BR-CO-20', 'Radperioden (BG-26) måste ha startdatum (BT-134) eller slutdatum (BT-135).',
    'The invoice line period (BG-26) must have a start date (BT-134) or an end date (BT-135).',
    (doc, fail) => {
      const c = ctx(doc);
      for (const l of c.inv.lines) {
        const p = l.period;
        if (p?.el !== undefined && !exists(p.startDate) && !exists(p.endDate)) fail(p.location);
      }
    }),
  fatal('BR-CO-21', 'Avdrag på dokumentnivå måste ha orsak (BT-97) eller orsakskod (BT-98).',
    'A document level allowance must have a reason (BT-97) or a reason code (BT-98), or both.',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.allowances) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-CO-22', 'Tillägg på dokumentnivå måste ha orsak (BT-104) eller orsakskod (BT-105).',
    'A document level charge must have a reason (BT-104) or a reason code (BT-105), or both.',
    (doc, fail) => { const c = ctx(doc); for (const a of c.inv.charges) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-CO-23', 'Radavdrag måste ha orsak (BT-139) eller orsakskod (BT-140).',
    'An invoice line allowance must have a reason (BT-139) or a reason code (BT-140), or both.',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) for (const a of l.allowances) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-CO-24', 'Radtillägg måste ha orsak (BT-144) eller orsakskod (BT-145).',
    'An invoice line charge must have a reason (BT-144) or a reason code (BT-145), or both.',
    (doc, fail) => { const c = ctx(doc); for (const l of c.inv.lines) for (const a of l.charges) if (!exists(a.reason) && !exists(a.reasonCode)) fail(a.location); }),
  fatal('BR-CO-25', 'När belopp att betala (BT-115) är positivt måste förfallodag (BT-9) eller betalningsvillkor (BT-20) anges.',
    'When the amount due (BT-115) is positive, a payment due date (BT-9) or payment terms (BT-20) must be given.',
    (doc, fail) => {
      const c = ctx(doc);
      if (c.cii) {
        const due = els(c, 'DuePayableAmount')[0];
        if (due === undefined || !(num([{ value: due.text, attrs: {}, location: '', el: due }]) > 0)) return;
        const terms = els(c, 'SpecifiedTradePaymentTerms');
        if (!terms.some((t) => path(t, 'ram:DueDateDateTime').length > 0 || path(t, 'ram:Description').length > 0)) fail(due.location);
        return;
      }
      if (c.doc.syntax !== 'ubl-invoice') return;
      const t = c.inv.totals;
      if (t.el === undefined || t.el.parent !== c.root) return;
      for (const p of t.payableAmount) {
        if (!(num([p]) > 0)) continue;
        if (els(c, 'DueDate').length === 0 && els(c, 'Note', 'PaymentTerms').length === 0) fail(p.location);
      }
    }),
  fatal('BR-CO-26', 'Säljaren måste kunna identifieras: ange säljarens identitet (BT-29), organisationsnummer (BT-30) eller momsregistreringsnummer (BT-31).',
    'To identify the seller, the seller identifier (BT-29), legal registration identifier (BT-30) and/or VAT identifier (BT-31) must be given.',
    (doc, fail) => {
      const c = ctx(doc);
      const s = c.inv.seller;
      if (s.el === undefined) return;
      if (!(c.sellerVat || exists(s.identifiers) || exists(s.legalRegistrationId))) fail(s.location);
    }),

  decRule('BR-DEC-01', 'Avdragsbelopp på dokumentnivå (BT-92)', 'The document level allowance amount (BT-92)',
    docAc(false, false)),
  decRule('BR-DEC-02', 'Grundbelopp för avdrag på dokumentnivå (BT-93)', 'The document level allowance base amount (BT-93)',
    docAc(false, true)),
  decRule('BR-DEC-05', 'Tilläggsbelopp på dokumentnivå (BT-99)', 'The document level charge amount (BT-99)',
    docAc(true, false)),
  decRule('BR-DEC-06', 'Grundbelopp för tillägg på dokumentnivå (BT-100)', 'The document level charge base amount (BT-100)',
    docAc(true, true)),
  decRule('BR-DEC-09', 'Summa radbelopp (BT-106)', 'The sum of line net amounts (BT-106)', totalsOf((t) => t.lineNetTotal)),
  decRule('BR-DEC-10', 'Summa avdrag (BT-107)', 'The sum of allowances (BT-107)', totalsOf((t) => t.allowanceTotal)),
  decRule('BR-DEC-11', 'Summa tillägg (BT-108)', 'The sum of charges (BT-108)', totalsOf((t) => t.chargeTotal)),
  decRule('BR-DEC-12', 'Belopp exklusive moms (BT-109)', 'The total without VAT (BT-109)', totalsOf((t) => t.taxExclusiveAmount)),
  fatal('BR-DEC-13', 'Fakturans momsbelopp (BT-110) får ha högst två decimaler.', 'The invoice total VAT amount (BT-110) may have at most two decimals.',
    (doc, fail) => { const c = ctx(doc); ciiTaxTotalDecimals(c, c.inv.currencyCode[0]?.value, fail); }),
  decRule('BR-DEC-14', 'Belopp inklusive moms (BT-112)', 'The total with VAT (BT-112)', totalsOf((t) => t.taxInclusiveAmount)),
  fatal('BR-DEC-15', 'Momsbeloppet i redovisningsvaluta (BT-111) får ha högst två decimaler.',
    'The total VAT amount in accounting currency (BT-111) may have at most two decimals.',
    (doc, fail) => { const c = ctx(doc); ciiTaxTotalDecimals(c, c.inv.taxCurrencyCode[0]?.value, fail); }),
  decRule('BR-DEC-16', 'Betalt belopp (BT-113)', 'The paid amount (BT-113)', totalsOf((t) => t.prepaidAmount)),
  decRule('BR-DEC-17', 'Avrundningsbelopp (BT-114)', 'The rounding amount (BT-114)', totalsOf((t) => t.roundingAmount)),
  decRule('BR-DEC-18', 'Belopp att betala (BT-115)', 'The amount due for payment (BT-115)', totalsOf((t) => t.payableAmount)),
  decRule('BR-DEC-19', 'Beskattningsunderlag per momskategori (BT-116)', 'The VAT category taxable amount (BT-116)',
    (c, fail) => { for (const b of c.inv.vatBreakdown) checkDec(b.taxableAmount, fail); }),
  decRule('BR-DEC-20', 'Momsbelopp per momskategori (BT-117)', 'The VAT category tax amount (BT-117)',
    (c, fail) => { for (const b of c.inv.vatBreakdown) checkDec(b.taxAmount, fail); }),
  decRule('BR-DEC-23', 'Radbelopp (BT-131)', 'The invoice line net amount (BT-131)',
    (c, fail) => { for (const l of c.inv.lines) checkDec(l.netAmount, fail); }),
  decRule('BR-DEC-24', 'Radavdragets belopp (BT-136)', 'The invoice line allowance amount (BT-136)',
    lineAc(false, false)),
  decRule('BR-DEC-25', 'Radavdragets grundbelopp (BT-137)', 'The invoice line allowance base amount (BT-137)',
    lineAc(false, true)),
  decRule('BR-DEC-27', 'Radtilläggets belopp (BT-141)', 'The invoice line charge amount (BT-141)',
    lineAc(true, false)),
  decRule('BR-DEC-28', 'Radtilläggets grundbelopp (BT-142)', 'The invoice line charge base amount (BT-142)',
    lineAc(true, true)),
];

/** |a - b| < 1 (UBL) or <= 1 (CII), as the artefacts' tolerance for VAT amounts. */
export function withinOne(a: Decimal, b: Decimal, inclusive: boolean): boolean {
  const d = abs(sub(a, b));
  const c = compare(d, { value: 1n, scale: 0 });
  return inclusive ? c <= 0 : c < 0;
}

function sumCheck(c: Ctx, total: readonly Field[], acs: readonly AllowanceCharge[], fail: (loc: string) => void): void {
  const t = c.inv.totals;
  if (t.el === undefined) return;
  if (!exists(total) && acs.length === 0) return;
  const v = dec(total);
  const s = sumOf(acs, amountField);
  if (v === undefined || s === undefined || !eq(v, r2(s))) fail(total[0]?.location ?? t.location);
}

/** CII BR-DEC-13/15: the VAT total in the given currency must have at most two (significant) decimals. UBL: the
 * artefacts' test never fails (its predicate compares with a non-existing child), so nothing is reported. */
function ciiTaxTotalDecimals(c: Ctx, currency: string | undefined, fail: (loc: string) => void): void {
  if (!c.cii || currency === undefined) return;
  for (const f of c.inv.totals.taxTotalAmounts) {
    if (f.attrs.currencyID !== currency) continue;
    const d = pd(f.value);
    if (d === undefined || !eq(d, r2(d))) fail(f.location);
  }
}

