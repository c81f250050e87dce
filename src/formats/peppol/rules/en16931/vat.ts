// EN 16931 VAT category rules: BR-S-*, BR-Z-*, BR-E-*, BR-AE-*, BR-IC-*, BR-G-*, BR-O-*, and for IGIC / IPSI
// BR-AF-* / BR-AG-* (the ids the 1.3.16 artefacts use; older texts call them BR-IG / BR-IP).
// Each family has the same ten checks (01 breakdown present, 02–04 identifiers, 05–07 rates, 08 taxable amount,
// 09 tax amount, 10 exemption reason); the artefacts differ in details per category and per syntax, kept here.
import type { TaxCategory, VatBreakdown } from '../../model.ts';
import { abs, add, divPow10, eq, mul, sub, ZERO, type Decimal } from '../../decimal.ts';
import type { Rule } from '../types.ts';
import { codeOf, ctx, dec, els, fatal, fatalIfCode, someNum, type AcCat, type AmountItem, type BdCat, type Cat, type CatCounts, type Ctx } from './ctx.ts';
import { r2, withinOne } from './totals.ts';

type Code = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O' | 'L' | 'M';

const FAMILY: Record<Code, { id: string; sv: string; en: string }> = {
  S: { id: 'BR-S', sv: 'standardmoms (S)', en: '"Standard rated" (S)' },
  Z: { id: 'BR-Z', sv: 'nollskattesats (Z)', en: '"Zero rated" (Z)' },
  E: { id: 'BR-E', sv: 'momsbefriad (E)', en: '"Exempt from VAT" (E)' },
  AE: { id: 'BR-AE', sv: 'omvänd skattskyldighet (AE)', en: '"Reverse charge" (AE)' },
  K: { id: 'BR-IC', sv: 'unionsintern leverans (K)', en: '"Intra-community supply" (K)' },
  G: { id: 'BR-G', sv: 'export utanför EU (G)', en: '"Export outside the EU" (G)' },
  O: { id: 'BR-O', sv: 'ej momspliktig (O)', en: '"Not subject to VAT" (O)' },
  L: { id: 'BR-AF', sv: 'IGIC, Kanarieöarna (L)', en: '"IGIC" (L, Canary Islands)' },
  M: { id: 'BR-AG', sv: 'IPSI, Ceuta och Melilla (M)', en: '"IPSI" (M, Ceuta and Melilla)' },
};

/** Category code test: UBL compares normalize-space(ID), CII compares the raw CategoryCode. */
function is(tc: TaxCategory, code: Code, cii: boolean): boolean {
  return codeOf(tc, cii) === code;
}

function isC(x: Cat, code: Code, cii: boolean): boolean {
  return (cii ? x.raw : x.code) === code;
}

/** Some rate of the category equals `rate`. */
function hasRate(x: Cat, rate: Decimal): boolean {
  for (let i = 0; i < x.rates.length; i++) if (eq(x.rates[i]!, rate)) return true;
  return false;
}

/** First rate as an xs:decimal. */
const rateOf = (tc: TaxCategory) => dec(tc.rate);

/** Σ of the amounts of the items that have the category (and rate when given); undefined when an amount is not a decimal. */
function sumItems(items: readonly AmountItem[], code: Code, rate: Decimal | undefined, cii: boolean, charge?: boolean): Decimal | undefined {
  let s = ZERO;
  for (const it of items) {
    if (charge !== undefined && it.isCharge !== charge) continue;
    if (it.amount === null) continue;
    let match = false;
    for (const x of it.cats) if (isC(x, code, cii)) { match = true; break; }
    if (!match) continue;
    if (rate !== undefined) {
      let rated = false;
      for (const x of it.cats) if (hasRate(x, rate)) { rated = true; break; }
      if (!rated) continue;
    }
    if (it.amount === undefined) return undefined;
    s = add(s, it.amount);
  }
  return s;
}

/** Σ line net amounts + Σ document charges − Σ document allowances for a category (and rate when given). */
function expectedTaxable(c: Ctx, code: Code, rate: Decimal | undefined, roundEach: boolean): Decimal | undefined {
  const lines = sumItems(c.lineItems, code, rate, c.cii);
  const charges = sumItems(c.docAcItems, code, rate, c.cii, true);
  const allowances = sumItems(c.docAcItems, code, rate, c.cii, false);
  if (lines === undefined || charges === undefined || allowances === undefined) return undefined;
  return roundEach ? sub(add(r2(lines), r2(charges)), r2(allowances)) : sub(add(lines, charges), allowances);
}

/** The breakdown is one of the category (UBL: TaxCategory in the VAT scheme; CII S/Z: any type code). */
function ofCategory(c: Ctx, x: BdCat, code: Code): boolean {
  return isC(x, code, c.cii) && (x.vat || (c.cii && (code === 'S' || code === 'Z')));
}

function family(code: Code): Rule[] {
  const fam = FAMILY[code];
  // Every check of a family needs the category somewhere in the document: skip the family otherwise.
  const famRule = (id: string, sv: string, en: string, check: (c: Ctx, fail: (location: string) => void) => void): Rule =>
    fatalIfCode(code, id, sv, en, check);
  const id = (n: string) => `${fam.id}-${n}`;
  const exactlyOne = code !== 'S' && code !== 'L' && code !== 'M';
  const out: Rule[] = [];

  // 01: the VAT breakdown must contain the category when lines, allowances or charges use it.
  out.push(famRule(id('01'),
    exactlyOne
      ? `När fakturarader, avdrag eller tillägg har momskategori ${fam.sv} måste momsspecifikationen innehålla exakt en rad med den kategorin.`
      : `När fakturarader, avdrag eller tillägg har momskategori ${fam.sv} måste momsspecifikationen innehålla minst en rad med den kategorin.`,
    exactlyOne
      ? `When lines, allowances or charges use VAT category ${fam.en}, the VAT breakdown must contain exactly one entry with that category.`
      : `When lines, allowances or charges use VAT category ${fam.en}, the VAT breakdown must contain at least one entry with that category.`,
    (c, fail) => { if (!breakdownPresenceOk(c, code)) fail(c.root.location); }));

  // 02–04: identifiers required (or, for O, forbidden).
  const idText = idRequirement(code);
  const triggers: [string, string, string, (c: Ctx) => boolean, (c: Ctx) => Cat[]][] = [
    ['02', 'En fakturarad', 'invoice line', (c) => lineTrigger(c, code), (c) => c.lineCats.filter((x) => isC(x, code, c.cii) && x.vat)],
    ['03', 'Ett avdrag på dokumentnivå', 'document level allowance', (c) => acTrigger(c, code, false), (c) => ciiAcs(c, code, false)],
    ['04', 'Ett tillägg på dokumentnivå', 'document level charge', (c) => acTrigger(c, code, true), (c) => ciiAcs(c, code, true)],
  ];
  for (const [n, sv, en, trigger, ciiCtx] of triggers) {
    out.push(famRule(id(n), `${sv} med momskategori ${fam.sv} ${idText.sv}`, `${en.startsWith('invoice') ? 'An' : 'A'} ${en} with VAT category ${fam.en} ${idText.en}`,
      (c, fail) => {
        if (c.cii) {
          if (identifiersOk(c, code)) return;
          for (const x of ciiCtx(c)) fail(x.tc.location);
          return;
        }
        if (trigger(c) && !identifiersOk(c, code)) fail(c.root.location);
      }));
  }

  // 05–07: rates on lines, allowances and charges.
  const rateText = rateRequirement(code);
  out.push(famRule(id('05'), `En fakturarad med momskategori ${fam.sv} ${rateText.sv}`, `An invoice line with VAT category ${fam.en} ${rateText.en}`,
    (c, fail) => {
      for (const x of c.lineCats) if (isC(x, code, c.cii) && x.vat && !rateOk(c, code, x.tc, '05')) fail(x.tc.location);
    }));
  for (const [n, charge, sv, en] of [['06', false, 'Ett avdrag på dokumentnivå', 'A document level allowance'], ['07', true, 'Ett tillägg på dokumentnivå', 'A document level charge']] as const) {
    out.push(famRule(id(n), `${sv} med momskategori ${fam.sv} ${rateText.sv}`, `${en} with VAT category ${fam.en} ${rateText.en}`,
      (c, fail) => {
        for (const x of c.cii ? c.docAcCats : c.acCats) {
          if (x.isCharge !== charge || !isC(x, code, c.cii) || !x.vat) continue;
          if (!rateOk(c, code, x.tc, n)) fail(x.tc.location);
        }
      }));
  }

  // 08: taxable amount of the breakdown = Σ lines + charges − allowances of the category (and rate).
  out.push(famRule(id('08'),
    `Beskattningsunderlaget (BT-116) för momskategori ${fam.sv} måste vara summan av radbeloppen plus tillägg minus avdrag med samma kategori${code === 'S' || code === 'L' || code === 'M' ? ' och momssats' : ''}.`,
    `The taxable amount (BT-116) for VAT category ${fam.en} must equal the sum of line net amounts plus charges minus allowances with that category${code === 'S' || code === 'L' || code === 'M' ? ' and rate' : ''}.`,
    (c, fail) => { for (const x of c.bd) if (ofCategory(c, x, code) && !taxableOk(c, code, x.b)) fail(x.tc.location); }));

  // 09: tax amount.
  out.push(famRule(id('09'),
    code === 'S' || code === 'L' || code === 'M'
      ? `Momsbeloppet (BT-117) för momskategori ${fam.sv} måste vara beskattningsunderlaget gånger momssatsen.`
      : `Momsbeloppet (BT-117) för momskategori ${fam.sv} måste vara 0.`,
    code === 'S' || code === 'L' || code === 'M'
      ? `The VAT amount (BT-117) for VAT category ${fam.en} must equal the taxable amount times the rate.`
      : `The VAT amount (BT-117) for VAT category ${fam.en} must be 0.`,
    (c, fail) => { for (const x of c.bd) if (ofCategory(c, x, code) && !taxAmountOk(c, code, x.b)) fail(x.tc.location); }));

  // 10: exemption reason required (E, AE, K, G, O) or forbidden (S, Z, L, M).
  const needsReason = code === 'E' || code === 'AE' || code === 'K' || code === 'G' || code === 'O';
  out.push(famRule(id('10'),
    needsReason
      ? `Momsspecifikationen med kategori ${fam.sv} måste ha ett skäl till momsbefrielse (BT-120) eller en kod för skälet (BT-121).`
      : `Momsspecifikationen med kategori ${fam.sv} får inte ha skäl till momsbefrielse (BT-120, BT-121).`,
    needsReason
      ? `The VAT breakdown with category ${fam.en} must have an exemption reason text (BT-120) or code (BT-121).`
      : `The VAT breakdown with category ${fam.en} must not have an exemption reason (BT-120, BT-121).`,
    (c, fail) => {
      for (const x of c.bd) {
        if (!ofCategory(c, x, code)) continue;
        const b = x.b;
        const has = b.exemptionReason.length > 0 || b.exemptionReasonCode.length > 0;
        if (has !== needsReason) fail(b.category.location);
      }
    }));
  return out;
}

function idRequirement(code: Code): { sv: string; en: string } {
  switch (code) {
    case 'O':
      return { sv: 'innebär att säljarens, skatteombudets och köparens momsregistreringsnummer (BT-31, BT-63, BT-48) inte får anges.',
        en: 'means that the seller, tax representative and buyer VAT identifiers (BT-31, BT-63, BT-48) must not be given.' };
    case 'AE':
      return { sv: 'kräver säljarens momsregistreringsnummer eller skatteregistrering (BT-31, BT-32, BT-63) samt köparens momsregistreringsnummer eller organisationsnummer (BT-48, BT-47).',
        en: 'requires the seller VAT or tax registration identifier (BT-31, BT-32, BT-63) and the buyer VAT or legal registration identifier (BT-48, BT-47).' };
    case 'K':
      return { sv: 'kräver säljarens (eller skatteombudets) och köparens momsregistreringsnummer (BT-31/BT-63, BT-48).',
        en: 'requires the seller (or tax representative) VAT identifier (BT-31/BT-63) and the buyer VAT identifier (BT-48).' };
    case 'G':
      return { sv: 'kräver säljarens eller skatteombudets momsregistreringsnummer (BT-31, BT-63).',
        en: 'requires the seller or tax representative VAT identifier (BT-31, BT-63).' };
    default:
      return { sv: 'kräver säljarens momsregistreringsnummer, skatteregistrering eller skatteombudets momsregistreringsnummer (BT-31, BT-32, BT-63).',
        en: 'requires the seller VAT identifier, tax registration identifier or tax representative VAT identifier (BT-31, BT-32, BT-63).' };
  }
}

function rateRequirement(code: Code): { sv: string; en: string } {
  switch (code) {
    case 'S': return { sv: 'måste ha en momssats större än 0.', en: 'must have a VAT rate greater than zero.' };
    case 'O': return { sv: 'får inte ha någon momssats.', en: 'must not have a VAT rate.' };
    case 'L': case 'M': return { sv: 'måste ha en momssats som är 0 eller större.', en: 'must have a VAT rate of zero or more.' };
    default: return { sv: 'måste ha momssatsen 0.', en: 'must have a VAT rate of 0.' };
  }
}

const NO_COUNTS: CatCounts = Object.freeze({ bd: 0, bdv: 0, bdr: 0, bdrv: 0, ac: 0, acv: 0, dacr: 0, ln: 0, lnv: 0, lnr: 0 });

function row(m: Map<string, CatCounts>, k: string): CatCounts {
  let r = m.get(k);
  if (r === undefined) { r = { bd: 0, bdv: 0, bdr: 0, bdrv: 0, ac: 0, acv: 0, dacr: 0, ln: 0, lnv: 0, lnr: 0 }; m.set(k, r); }
  return r;
}

/** Occurrence counts per category value, computed once per document: breakdowns (any scheme / VAT scheme) by
 * normalized and by raw code, all allowance/charge categories by normalized code, document level ones by raw
 * code, line categories by normalized and by raw code. UBL reads the normalized counts, CII the raw ones. */
function counts(c: Ctx, code: Code): CatCounts {
  let m = c.counts;
  if (m === undefined) {
    m = new Map();
    for (const x of c.bd) {
      const n = row(m, x.code); n.bd++; if (x.vat) n.bdv++;
      const r = row(m, x.raw); r.bdr++; if (x.vat) r.bdrv++;
    }
    for (const x of c.acCats) { const n = row(m, x.code); n.ac++; if (x.vat) n.acv++; }
    for (const x of c.docAcCats) row(m, x.raw).dacr++;
    for (const x of c.lineCats) { const n = row(m, x.code); n.ln++; if (x.vat) n.lnv++; row(m, x.raw).lnr++; }
    c.counts = m;
  }
  return m.get(code) ?? NO_COUNTS;
}

function breakdownPresenceOk(c: Ctx, code: Code): boolean {
  const n = counts(c, code);
  if (c.cii) {
    const hdr = n.bdr;
    const used = n.lnr > 0 || n.dacr > 0;
    if (code === 'S' || code === 'L' || code === 'M') return !used || hdr > 0;
    if (code === 'O') return hdr === 0 || (hdr === 1 && used);
    return (hdr === 0 && !used) || (hdr === 1 && used);
  }
  if (code === 'S') return n.ac + n.ln > 0 ? n.bd > 0 : n.bd === 0;
  if (code === 'L' || code === 'M') {
    if (n.acv + n.lnv > 0) return (code === 'L' ? n.bdr : n.bdrv) > 0;
    return n.bdv === 0;
  }
  const bdv = n.bdv;
  return (bdv === 0 && n.acv === 0 && n.lnv === 0) || bdv === 1;
}

/** UBL trigger of BR-x-02: a line (ClassifiedTaxCategory) with the category in the VAT scheme. */
function lineTrigger(c: Ctx, code: Code): boolean {
  for (const x of c.lineCats) if (x.code === code && (x.vat || code === 'S')) return true;
  return false;
}

function acTrigger(c: Ctx, code: Code, charge: boolean): boolean {
  const list: AcCat[] = code === 'O' ? c.docAcCats : c.acCats;
  for (const x of list) if (x.isCharge === charge && x.code === code && x.vat) return true;
  return false;
}

function ciiAcs(c: Ctx, code: Code, charge: boolean): AcCat[] {
  return c.docAcCats.filter((x) => x.isCharge === charge && x.raw === code && x.vat);
}

/** For UBL BR-S-02 the trigger needs the VAT scheme for the identifiers check but not for firing. */
function identifiersOk(c: Ctx, code: Code): boolean {
  switch (code) {
    case 'O': return c.cii ? !(c.sellerVat || c.taxRepVat) : !(c.sellerVat || c.taxRepVat || c.buyerVat);
    case 'AE': return (c.sellerAnyTaxReg || c.taxRepVat) && (c.buyerVat || c.buyerLegalId);
    case 'K': return (c.sellerVat || c.taxRepVat) && c.buyerVat;
    case 'G': return c.sellerVat || c.taxRepVat;
    default: return c.sellerAnyTaxReg || c.taxRepVat;
  }
}

function rateOk(c: Ctx, code: Code, tc: TaxCategory, n: '05' | '06' | '07'): boolean {
  switch (code) {
    case 'S': return someNum(tc.rate, '>');
    case 'O': return tc.rate.length === 0;
    case 'L':
      if (c.cii) return someNum(tc.rate, '>');
      return someNum(tc.rate, '>=');
    case 'M':
      if (c.cii && n !== '05') return someNum(tc.rate, '>');
      return someNum(tc.rate, '>=');
    default: {
      if (c.cii) return someNum(tc.rate, '=');
      const r = rateOf(tc);
      return r !== undefined && r.value === 0n;
    }
  }
}

function near(a: Decimal, b: Decimal): boolean {
  return withinOne(a, b, false);
}

function matchesCatAndRate(items: readonly AmountItem[], rate: Decimal): boolean {
  for (const it of items) {
    let s = false;
    let rated = false;
    for (const x of it.cats) { if (x.code === 'S') s = true; if (!rated && hasRate(x, rate)) rated = true; }
    if (s && rated) return true;
  }
  return false;
}

function taxableOk(c: Ctx, code: Code, b: VatBreakdown): boolean {
  const taxable = dec(b.taxableAmount);
  if (code === 'S' || code === 'L' || code === 'M') {
    const rate = rateOf(b.category);
    if (b.category.rate.length === 0) return true; // every $rate in () → true
    if (rate === undefined || taxable === undefined) return false;
    if (c.cii) {
      const exp = expectedTaxable(c, code, rate, true);
      return exp !== undefined && eq(taxable, exp);
    }
    const exp = expectedTaxable(c, code, rate, false);
    if (exp === undefined || !near(taxable, exp)) return false;
    if (code === 'S') {
      // …and some line, or allowance/charge at any level, has category S and that rate.
      if (matchesCatAndRate(c.lineItems, rate)) return true;
      for (const x of c.acCats) if (x.code === 'S' && hasRate(x, rate)) return true;
      return false;
    }
    return c.inv.lines.length > 0;
  }
  if (taxable === undefined) return false;
  if (c.cii) {
    const exp = expectedTaxable(c, code, undefined, true);
    if (exp === undefined) return false;
    return code === 'O' ? eq(taxable, exp) : near(taxable, exp);
  }
  if (c.inv.lines.length === 0) return false;
  const exp = expectedTaxable(c, code, undefined, false);
  return exp !== undefined && eq(taxable, exp);
}

function taxAmountOk(c: Ctx, code: Code, b: VatBreakdown): boolean {
  const tax = dec(b.taxAmount);
  if (code === 'S' || code === 'L' || code === 'M') {
    if (c.cii && code !== 'S') return true;
    const taxable = dec(b.taxableAmount);
    const rate = c.cii ? dec(b.rate) : rateOf(b.category);
    if (tax === undefined || taxable === undefined || rate === undefined) return false;
    return near(abs(tax), r2(mul(abs(taxable), divPow10(rate, 2))));
  }
  return tax !== undefined && tax.value === 0n;
}

// ---------------------------------------------------------------------------------------------------------
// Category-specific extras: BR-IC-11/12, BR-O-11…14, BR-B-01/02.

/** Some VAT breakdown has the category (UBL: in the VAT scheme). */
function hasBreakdown(c: Ctx, code: 'K' | 'O'): boolean {
  if (!c.codes.has(code)) return false;
  for (const x of c.bd) if (isC(x, code, c.cii) && (c.cii || x.vat)) return true;
  return false;
}
const kBreakdown = (c: Ctx) => hasBreakdown(c, 'K');
const oBreakdown = (c: Ctx) => hasBreakdown(c, 'O');

const extras: Rule[] = [
  fatal('BR-IC-11', 'Vid unionsintern leverans (K) måste faktiskt leveransdatum (BT-72) eller faktureringsperiod (BG-14) anges.',
    'With an intra-community supply (K) VAT breakdown the actual delivery date (BT-72) or the invoicing period (BG-14) must be given.',
    (doc, fail) => {
      const c = ctx(doc);
      if (!kBreakdown(c)) return;
      const d = c.inv.deliveries[0];
      const date = d?.actualDeliveryDate[0]?.value ?? '';
      const period = c.inv.invoicePeriods[0];
      const ok = c.cii
        ? date !== '' || (period !== undefined && (period.startDate.length > 0 || period.endDate.length > 0))
        : [...date].length > 1 || (period?.el !== undefined && period.el.children.length > 0);
      if (!ok) fail(c.root.location);
    }),
  fatal('BR-IC-12', 'Vid unionsintern leverans (K) måste leveransadressens landskod (BT-80) anges.',
    'With an intra-community supply (K) VAT breakdown the deliver to country code (BT-80) must be given.',
    (doc, fail) => {
      const c = ctx(doc);
      if (!kBreakdown(c)) return;
      const cc = c.inv.deliveries[0]?.address?.countryCode ?? [];
      const ok = c.cii ? cc.length > 0 : [...(cc[0]?.value ?? '')].length > 1;
      if (!ok) fail(c.root.location);
    }),
  fatal('BR-O-11', 'En faktura med momskategori ej momspliktig (O) får inte ha andra momskategorier i momsspecifikationen.',
    'An invoice with a "Not subject to VAT" (O) breakdown must not contain other VAT breakdowns.',
    (doc, fail) => {
      const c = ctx(doc);
      if (!oBreakdown(c)) return;
      const bad = c.cii
        ? c.inv.vatBreakdown.some((b) => !is(b.category, 'O', true)) || c.lineCats.some((x) => !is(x.tc, 'O', true))
        : c.bd.some((x) => x.vat && x.code !== 'O');
      if (bad) fail(c.root.location);
    }),
  fatal('BR-O-12', 'En faktura med momskategori ej momspliktig (O) får inte ha fakturarader med annan momskategori.',
    'An invoice with a "Not subject to VAT" (O) breakdown must not contain lines with another VAT category.',
    (doc, fail) => {
      const c = ctx(doc);
      if (!oBreakdown(c)) return;
      const bad = c.cii
        ? c.inv.vatBreakdown.some((b) => !is(b.category, 'O', true)) || c.lineCats.some((x) => !is(x.tc, 'O', true))
        : c.lineCats.some((x) => x.vat && x.code !== 'O');
      if (bad) fail(c.root.location);
    }),
  fatal('BR-O-13', 'En faktura med momskategori ej momspliktig (O) får inte ha avdrag på dokumentnivå med annan momskategori.',
    'An invoice with a "Not subject to VAT" (O) breakdown must not contain document level allowances with another VAT category.',
    (doc, fail) => {
      const c = ctx(doc);
      if (!oBreakdown(c)) return;
      const list = c.cii ? c.acCats : c.acCats.filter((x) => !x.isCharge);
      if (list.some((x) => c.cii ? !is(x.tc, 'O', true) : x.vat && x.code !== 'O')) fail(c.root.location);
    }),
  fatal('BR-O-14', 'En faktura med momskategori ej momspliktig (O) får inte ha tillägg på dokumentnivå med annan momskategori.',
    'An invoice with a "Not subject to VAT" (O) breakdown must not contain document level charges with another VAT category.',
    (doc, fail) => {
      const c = ctx(doc);
      if (!oBreakdown(c)) return;
      const list = c.cii ? c.acCats : c.acCats.filter((x) => x.isCharge);
      if (list.some((x) => c.cii ? !is(x.tc, 'O', true) : x.vat && x.code !== 'O')) fail(c.root.location);
    }),
];

/** Raw category code values by element: UBL cac:TaxCategory / cac:ClassifiedTaxCategory cbc:ID, CII ram:CategoryCode. */
function rawCodes(c: Ctx, parent: 'TaxCategory' | 'ClassifiedTaxCategory' | undefined): string[] {
  if (c.cii) return els(c, 'CategoryCode').map((e) => e.text);
  return els(c, 'ID', parent).map((e) => e.text);
}

const splitPayment: Rule[] = [
  fatal('BR-B-01', 'Momskategori B (delad betalning, split payment) får bara användas i inhemska italienska fakturor.',
    'VAT category B ("Split payment") may only be used in a domestic Italian invoice.',
    (doc, fail) => {
      const c = ctx(doc);
      if (!c.codes.has('B')) return;
      const b = rawCodes(c, 'TaxCategory').includes('B') || rawCodes(c, c.cii ? undefined : 'ClassifiedTaxCategory').includes('B');
      if (!b) return;
      const countries = c.cii ? els(c, 'CountryID') : els(c, 'IdentificationCode');
      if (countries.some((e) => e.text !== 'IT')) fail(c.root.location);
    }),
  fatal('BR-B-02', 'En faktura med momskategori B (delad betalning) får inte ha rader, avdrag eller tillägg med standardmoms (S).',
    'An invoice with VAT category B ("Split payment") must not contain lines, allowances or charges with category "Standard rated" (S).',
    (doc, fail) => {
      const c = ctx(doc);
      if (!c.codes.has('B')) return;
      if (c.cii) {
        const codes = rawCodes(c, undefined);
        if (codes.includes('B') && codes.includes('S')) fail(c.root.location);
        return;
      }
      const docAc = firstRawCodes(c.docAcCats);
      const lines = rawCodes(c, 'ClassifiedTaxCategory');
      const b = firstRawCodes(c.bd).includes('B') || docAc.includes('B') || lines.includes('B');
      if (b && (docAc.includes('S') || lines.includes('S'))) fail(c.root.location);
    }),
];

/** The raw first code of each category (module level: a closure in the rule would be wrapped in `__name` per call by
 * tsx's keepNames). */
function firstRawCodes(list: readonly Cat[]): (string | undefined)[] {
  return list.map((x) => x.tc.code[0]?.value);
}

export const vatRules: Rule[] = [
  ...splitPayment,
  ...(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const).flatMap((code) => family(code)),
  ...extras,
];
