// Human view of an invoice ("fakturabild"): the model rendered as one self-contained, accessible HTML page in
// Swedish. No scripts, no external resources; every value from the document is HTML-escaped. Amounts are shown
// as `1 234,50 kr` (the invoice currency: `kr` for SEK, else the ISO code), dates as ISO 8601.
import type { Address, AllowanceCharge, Field, Invoice, Party, Syntax } from './model.ts';
import { isoDate, normalizeSpace } from './model.ts';
import { parseDecimal, round2, toString as decToString } from './decimal.ts';

export type RenderOptions = {
  /** The syntax the invoice was read from (a UBL CreditNote is titled "Kreditnota"). */
  syntax?: Syntax;
  /** Page title (default: "Faktura <nummer>"). */
  title?: string;
};

const NBSP = '\u00a0';
const MINUS = '\u2212';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const v = (f: readonly Field[]): string => (f[0] ? normalizeSpace(f[0].value) : '');

/** Formats a raw decimal amount Swedish style with two decimals: `1 234,50 kr`. Unparsable values are shown as written. */
export function formatAmount(raw: string | undefined, currency: string): string {
  if (raw === undefined || raw.trim() === '') return '';
  const d = parseDecimal(raw);
  const unit = currency === 'SEK' || currency === '' ? 'kr' : currency;
  if (d === undefined) return `${raw.trim()} ${unit}`;
  return `${formatNumber(decToString(round2(d)))}${NBSP}${unit}`;
}

/** Formats a raw decimal (quantity, price, percent) Swedish style, keeping its decimals: `1 234,5`. */
export function formatDecimal(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return '';
  const d = parseDecimal(raw);
  if (d === undefined) return raw.trim();
  return formatNumber(decToString(d));
}

function formatNumber(canonical: string): string {
  const negative = canonical.startsWith('-');
  const [int, frac] = (negative ? canonical.slice(1) : canonical).split('.') as [string, string | undefined];
  let grouped = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += NBSP;
    grouped += int[i];
  }
  return `${negative ? MINUS : ''}${grouped}${frac !== undefined ? `,${frac}` : ''}`;
}

const VAT_CATEGORIES: Record<string, string> = {
  S: 'Standardsats', Z: 'Nollskattesats', E: 'Undantagen från moms', AE: 'Omvänd skattskyldighet',
  K: 'Unionsintern leverans', G: 'Export utanför EU', O: 'Utanför momsens tillämpningsområde',
  L: 'Kanarieöarna (IGIC)', M: 'Ceuta och Melilla (IPSI)',
};

const PAYMENT_MEANS: Record<string, string> = {
  '1': 'Ej angivet', '10': 'Kontant', '20': 'Check', '30': 'Kontoöverföring', '31': 'Debitering', '42': 'Betalning till bankkonto',
  '48': 'Kortbetalning', '49': 'Autogiro', '57': 'Stående order', '58': 'SEPA-överföring', '59': 'SEPA-autogiro', '97': 'Clearing mellan parter',
};

const UNITS: Record<string, string> = {
  EA: 'st', C62: 'st', H87: 'st', XPP: 'st', HUR: 'tim', DAY: 'dag', MON: 'mån', ANN: 'år', WEE: 'vecka', MIN: 'min',
  KGM: 'kg', GRM: 'g', TNE: 'ton', MTR: 'm', KMT: 'km', MTK: 'm²', MTQ: 'm³', LTR: 'l', KWH: 'kWh', SET: 'set', PK: 'förp',
};

function dl(rows: [string, string][]): string {
  const items = rows.filter(([, value]) => value !== '');
  if (items.length === 0) return '';
  return `<dl>${items.map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${val}</dd>`).join('')}</dl>`;
}

const e = (s: string): string => escapeHtml(s);

function addressHtml(a: Address | undefined): string {
  if (!a) return '';
  const parts = [v(a.line1), v(a.line2), v(a.line3), [v(a.postCode), v(a.city)].filter(Boolean).join(' '), v(a.countrySubdivision), v(a.countryCode)].filter(Boolean);
  return parts.map(e).join('<br>');
}

function partySection(id: string, heading: string, p: Party | undefined): string {
  if (!p || p.el === undefined) return '';
  const name = v(p.name) || v(p.tradingName);
  const rows: [string, string][] = [
    ['Handelsnamn', v(p.tradingName) && v(p.tradingName) !== name ? e(v(p.tradingName)) : ''],
    ['Adress', addressHtml(p.address)],
    ['Organisationsnummer', e(v(p.legalRegistrationId))],
    ['Momsregistreringsnummer', e(v(p.vatId))],
    ['Skatteregistrering', e(p.taxRegistrationId.map((f) => normalizeSpace(f.value)).join(', '))],
    ['Övrig juridisk information', e(v(p.additionalLegalInfo))],
    ['Identitet', e(p.identifiers.map((f) => normalizeSpace(f.value)).join(', '))],
    ['Elektronisk adress', p.endpointId[0] ? e(`${v(p.endpointId)}${p.endpointId[0].attrs['schemeID'] ? ` (${p.endpointId[0].attrs['schemeID']})` : ''}`) : ''],
    ['Kontaktperson', e(p.contact ? v(p.contact.name) : '')],
    ['Telefon', e(p.contact ? v(p.contact.telephone) : '')],
    ['E-post', e(p.contact ? v(p.contact.email) : '')],
  ];
  return `<section class="party" aria-labelledby="${id}"><h2 id="${id}">${e(heading)}</h2><p class="name">${e(name)}</p>${dl(rows)}</section>`;
}

function acRows(list: AllowanceCharge[], cur: string): string {
  return list.map((ac) => `<tr><td>${ac.isCharge ? 'Avgift' : 'Rabatt'}</td><td>${e(v(ac.reason) || v(ac.reasonCode))}</td>` +
    `<td class="num">${e(v(ac.vatCategoryCode))}${ac.vatRate[0] ? ` ${e(formatDecimal(ac.vatRate[0].value))}${NBSP}%` : ''}</td>` +
    `<td class="num">${e(formatAmount(ac.amount[0]?.value, cur))}</td></tr>`).join('');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.parties{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.name{font-weight:600;margin:.2rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}dt{color:#444}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.num{text-align:right;white-space:nowrap}.total th,.total td{font-weight:700;border-top:2px solid #333}
.small{font-size:.9rem;color:#444}
@media print{main{padding:0}h2{break-after:avoid}tr{break-inside:avoid}}
`;

export function renderInvoiceHtml(inv: Invoice, options: RenderOptions = {}): string {
  const cur = v(inv.currencyCode);
  const isCredit = options.syntax === 'ubl-creditnote' || ['381', '396', '532', '81', '83', '261', '262', '308'].includes(v(inv.typeCode));
  const kind = isCredit ? 'Kreditnota' : 'Faktura';
  const title = options.title ?? `${kind} ${v(inv.number)}`.trim();
  const date = (f: readonly Field[]): string => e(isoDate(f[0]) ?? v(f));

  const head = dl([
    [`${kind}nummer`, e(v(inv.number))],
    ['Fakturadatum', date(inv.issueDate)],
    ['Förfallodatum', date(inv.dueDate)],
    ['Fakturatyp', e(v(inv.typeCode))],
    ['Valuta', e(cur)],
    ['Momsvaluta', e(v(inv.taxCurrencyCode))],
    ['Skattepliktsdatum', date(inv.taxPointDate)],
    ['Faktureringsperiod', inv.invoicePeriod ? e(`${isoDate(inv.invoicePeriod.startDate[0]) ?? v(inv.invoicePeriod.startDate)} – ${isoDate(inv.invoicePeriod.endDate[0]) ?? v(inv.invoicePeriod.endDate)}`) : ''],
    ['Köparens referens', e(v(inv.buyerReference))],
    ['Ordernummer', e(v(inv.orderReference))],
    ['Säljarens ordernummer', e(v(inv.salesOrderReference))],
    ['Avtal', e(v(inv.contractReference))],
    ['Projekt', e(v(inv.projectReference))],
    ['Upphandling', e(v(inv.tenderReference))],
    ['Följesedel', e(v(inv.despatchAdviceReference))],
    ['Mottagningsbesked', e(v(inv.receivingAdviceReference))],
    ['Objekt', e(v(inv.invoicedObjectIdentifier))],
    ['Kontering', e(v(inv.buyerAccountingReference))],
    ['Avser faktura', e(inv.precedingInvoices.map((p) => `${v(p.id)}${p.issueDate[0] ? ` (${isoDate(p.issueDate[0]) ?? v(p.issueDate)})` : ''}`).join(', '))],
  ]);

  const d = inv.delivery;
  const delivery = d ? `<section aria-labelledby="h-delivery"><h2 id="h-delivery">Leverans</h2>${dl([
    ['Mottagare', e(v(d.partyName))],
    ['Leveransplats', e(v(d.locationId))],
    ['Leveransdatum', date(d.actualDeliveryDate)],
    ['Adress', addressHtml(d.address)],
  ])}</section>` : '';

  const lines = inv.lines.map((l) => {
    const unitCode = l.quantity[0]?.attrs['unitCode'] ?? '';
    const unit = UNITS[unitCode] ?? unitCode;
    const desc = [v(l.item.description), v(l.note), ...l.item.attributes.map((a) => `${v(a.name)}: ${v(a.value)}`)].filter(Boolean);
    const period = l.period ? `${isoDate(l.period.startDate[0]) ?? v(l.period.startDate)} – ${isoDate(l.period.endDate[0]) ?? v(l.period.endDate)}` : '';
    const adj = [...l.allowances, ...l.charges].map((ac) => `${ac.isCharge ? 'Avgift' : 'Rabatt'} ${formatAmount(ac.amount[0]?.value, cur)}${v(ac.reason) ? ` (${v(ac.reason)})` : ''}`);
    return `<tr><td>${e(v(l.id))}</td><td><span class="name">${e(v(l.item.name))}</span>${v(l.item.sellersId) ? `<br><span class="small">Art.nr ${e(v(l.item.sellersId))}</span>` : ''}` +
      `${desc.length ? `<br><span class="small">${desc.map(e).join('<br>')}</span>` : ''}${period ? `<br><span class="small">Period ${e(period)}</span>` : ''}` +
      `${adj.length ? `<br><span class="small">${adj.map(e).join('<br>')}</span>` : ''}</td>` +
      `<td class="num">${e(formatDecimal(l.quantity[0]?.value))}</td><td>${e(unit)}</td>` +
      `<td class="num">${e(formatAmount(l.price?.netPrice[0]?.value, cur))}${l.price?.baseQuantity[0] && v(l.price.baseQuantity) !== '1' ? ` / ${e(formatDecimal(l.price.baseQuantity[0].value))}` : ''}</td>` +
      `<td class="num">${l.vat ? `${e(v(l.vat.code))}${l.vat.rate[0] ? ` ${e(formatDecimal(l.vat.rate[0].value))}${NBSP}%` : ''}` : ''}</td>` +
      `<td class="num">${e(formatAmount(l.netAmount[0]?.value, cur))}</td></tr>`;
  }).join('');
  const linesTable = `<table><caption>Fakturarader</caption><thead><tr><th scope="col">Rad</th><th scope="col">Artikel</th><th scope="col" class="num">Antal</th><th scope="col">Enhet</th><th scope="col" class="num">À-pris</th><th scope="col" class="num">Moms</th><th scope="col" class="num">Belopp</th></tr></thead><tbody>${lines}</tbody></table>`;

  const acs = [...inv.allowances, ...inv.charges];
  const acTable = acs.length ? `<table><caption>Rabatter och avgifter på fakturanivå</caption><thead><tr><th scope="col">Typ</th><th scope="col">Orsak</th><th scope="col" class="num">Moms</th><th scope="col" class="num">Belopp</th></tr></thead><tbody>${acRows(acs, cur)}</tbody></table>` : '';

  const vatRows = inv.vatBreakdown.map((b) => {
    const code = v(b.categoryCode);
    const reason = [v(b.exemptionReason), v(b.exemptionReasonCode)].filter(Boolean).join(' – ');
    return `<tr><td>${e(code)} ${e(VAT_CATEGORIES[code] ?? '')}${reason ? `<br><span class="small">${e(reason)}</span>` : ''}</td>` +
      `<td class="num">${e(formatAmount(b.taxableAmount[0]?.value, cur))}</td><td class="num">${b.rate[0] ? `${e(formatDecimal(b.rate[0].value))}${NBSP}%` : ''}</td>` +
      `<td class="num">${e(formatAmount(b.taxAmount[0]?.value, cur))}</td></tr>`;
  }).join('');
  const vatTable = inv.vatBreakdown.length ? `<table><caption>Momsspecifikation</caption><thead><tr><th scope="col">Momskategori</th><th scope="col" class="num">Underlag</th><th scope="col" class="num">Sats</th><th scope="col" class="num">Moms</th></tr></thead><tbody>${vatRows}</tbody></table>` : '';

  const tt = inv.totals;
  const vatDoc = tt.taxTotalAmounts.find((f) => (f.attrs['currencyID'] ?? cur) === cur) ?? tt.taxTotalAmounts[0];
  const vatTaxCur = v(inv.taxCurrencyCode) ? tt.taxTotalAmounts.find((f) => f.attrs['currencyID'] === v(inv.taxCurrencyCode) && f !== vatDoc) : undefined;
  const totalRow = (label: string, f: Field | undefined, currency = cur, cls = ''): string =>
    f ? `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${e(label)}</th><td class="num">${e(formatAmount(f.value, currency))}</td></tr>` : '';
  const totals = `<table class="totals"><caption>Summering</caption><tbody>${[
    totalRow('Summa rader', tt.lineNetTotal[0]),
    totalRow('Rabatter', tt.allowanceTotal[0]),
    totalRow('Avgifter', tt.chargeTotal[0]),
    totalRow('Summa exklusive moms', tt.taxExclusiveAmount[0]),
    totalRow('Moms', vatDoc),
    totalRow(`Moms i ${v(inv.taxCurrencyCode)}`, vatTaxCur, v(inv.taxCurrencyCode)),
    totalRow('Summa inklusive moms', tt.taxInclusiveAmount[0]),
    totalRow('Redan betalt', tt.prepaidAmount[0]),
    totalRow('Öresavrundning', tt.roundingAmount[0]),
    totalRow('Att betala', tt.payableAmount[0], cur, 'total'),
  ].join('')}</tbody></table>`;

  const payments = inv.paymentMeans.map((pm) => {
    const code = v(pm.code);
    const rows: [string, string][] = [['Betalningssätt', e(`${PAYMENT_MEANS[code] ?? ''}${code ? ` (${code})` : ''}`.trim())], ['Betalningsreferens (OCR)', e(v(pm.paymentId))], ['Information', e(v(pm.text))]];
    for (const ct of pm.creditTransfers) {
      const mark = v(ct.serviceProviderId).toUpperCase();
      const label = mark === 'SE:BANKGIRO' ? 'Bankgiro' : mark === 'SE:PLUSGIRO' ? 'Plusgiro' : 'Konto';
      rows.push([label, e(v(ct.accountId))]);
      rows.push(['Kontonamn', e(v(ct.accountName))]);
      if (label === 'Konto') rows.push(['BIC', e(v(ct.serviceProviderId))]);
    }
    if (pm.card) rows.push(['Kort', e(`${v(pm.card.primaryAccountNumber)} ${v(pm.card.holderName)}`.trim())]);
    if (pm.directDebit) {
      rows.push(['Mandat', e(v(pm.directDebit.mandateReference))]);
      rows.push(['Debiteras konto', e(v(pm.directDebit.debitedAccount))]);
    }
    return dl(rows);
  }).join('');
  const terms = inv.paymentTermsText.map((f) => `<p>${e(normalizeSpace(f.value))}</p>`).join('');
  const payment = payments || terms ? `<section aria-labelledby="h-payment"><h2 id="h-payment">Betalning</h2>${payments}${terms}</section>` : '';

  const notes = inv.notes.flatMap((n) => n.text).map((f) => `<p>${e(f.value.trim()).replace(/\r?\n/g, '<br>')}</p>`).join('');
  const notesSection = notes ? `<section aria-labelledby="h-notes"><h2 id="h-notes">Meddelanden</h2>${notes}</section>` : '';

  const atts = inv.attachments.map((a) => {
    const uri = v(a.externalUri);
    const link = /^https?:\/\//i.test(uri) ? `<a href="${e(uri)}" rel="noopener noreferrer">${e(uri)}</a>` : e(uri);
    const size = a.content ? ` (${a.content.length} byte${a.mimeCode ? `, ${a.mimeCode}` : ''})` : '';
    return `<li>${e(v(a.id))}${v(a.description) ? ` – ${e(v(a.description))}` : ''}${a.filename ? ` <span class="small">${e(a.filename)}${e(size)}</span>` : ''}${link ? ` ${link}` : ''}</li>`;
  }).join('');
  const attSection = atts ? `<section aria-labelledby="h-att"><h2 id="h-att">Bilagor</h2><ul>${atts}</ul></section>` : '';

  return `<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${e(title)}</h1>${head}</header>
<div class="parties">${partySection('h-seller', 'Säljare', inv.seller)}${partySection('h-buyer', 'Köpare', inv.buyer)}${partySection('h-payee', 'Betalningsmottagare', inv.payee)}${partySection('h-taxrep', 'Skatterepresentant', inv.taxRepresentative)}</div>
${delivery}
<section aria-labelledby="h-lines"><h2 id="h-lines">Specifikation</h2>${linesTable}${acTable}${vatTable}${totals}</section>
${payment}
${notesSection}
${attSection}
</main>
</body>
</html>
`;
}
