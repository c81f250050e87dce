// Writes a Peppol BIS Billing 3.0 UBL Invoice or CreditNote from a plain description. The totals,
// VAT breakdown and line amounts are computed here exactly (öre, half-up rounding per EN 16931), so
// what it writes is consistent by construction. Used for demo data, tests and benchmarks. Pure.

export type UblParty = {
  name: string;
  /** Swedish organisation number without hyphen, e.g. 5567321707. */
  orgNumber: string;
  endpoint: { scheme: string; id: string };
  vatNumber?: string | null;
  street?: string; city?: string; postalCode?: string; country?: string;
  fSkatt?: boolean;
  contact?: { name?: string; email?: string; phone?: string };
};

export type UblLine = {
  description: string;
  quantity: string;          // decimal string
  unitCode?: string;         // UN/ECE rec 20, default EA
  /** Net unit price in öre. */
  unitPriceOre: bigint;
  vatRate: 0 | 6 | 12 | 25;
  vatCategory?: 'S' | 'Z' | 'E' | 'AE' | 'O';
  sellersItemId?: string;
  classification?: { code: string; listId: string };
  accountingCost?: string;
  orderLineId?: string;
  note?: string;
};

export type UblAllowanceCharge = { charge: boolean; reason: string; amountOre: bigint; vatRate: 0 | 6 | 12 | 25; vatCategory?: 'S' | 'Z' | 'E' | 'AE' | 'O' };

export type UblAttachment = { id: string; description?: string; filename: string; mimeCode: string; content: Uint8Array };

export type UblInvoiceSpec = {
  kind?: 'invoice' | 'creditnote';
  number: string;
  issueDate: string;
  dueDate?: string;
  currency?: string;
  buyerReference?: string;
  orderReference?: string;
  contractReference?: string;
  accountingCost?: string;
  precedingInvoice?: string;
  note?: string;
  seller: UblParty;
  buyer: UblParty;
  payment?: { bankgiro?: string; plusgiro?: string; iban?: string; bic?: string; ocr?: string; terms?: string };
  allowancesCharges?: UblAllowanceCharge[];
  attachments?: UblAttachment[];
  lines: UblLine[];
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** öre → "1234.50" */
export function oreToDecimal(ore: bigint): string {
  const neg = ore < 0n;
  const a = neg ? -ore : ore;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** quantity (decimal string) × price (öre) rounded half-up to öre. */
export function lineAmountOre(quantity: string, priceOre: bigint): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(quantity);
  if (!m) throw new Error(`bad quantity ${quantity}`);
  const scale = (m[3] ?? '').length;
  const q = BigInt(`${m[2]}${m[3] ?? ''}`) * (m[1] ? -1n : 1n);
  const raw = q * priceOre; // öre × 10^scale
  const div = 10n ** BigInt(scale);
  const abs = raw < 0n ? -raw : raw;
  const rounded = (abs + div / 2n) / div;
  return raw < 0n ? -rounded : rounded;
}

/** VAT in öre on a taxable amount at a whole-percent rate, half-up. */
export function vatOre(taxableOre: bigint, rate: number): bigint {
  const raw = taxableOre * BigInt(rate);
  const abs = raw < 0n ? -raw : raw;
  const r = (abs + 50n) / 100n;
  return raw < 0n ? -r : r;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function party(p: UblParty, role: 'seller' | 'buyer'): string {
  const country = p.country ?? 'SE';
  const taxSchemes = [
    p.vatNumber ? `<cac:PartyTaxScheme><cbc:CompanyID>${esc(p.vatNumber)}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>` : '',
    role === 'seller' && p.fSkatt ? '<cac:PartyTaxScheme><cbc:CompanyID>Godkänd för F-skatt</cbc:CompanyID><cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>' : '',
  ].join('');
  const contact = p.contact ? `<cac:Contact>${p.contact.name ? `<cbc:Name>${esc(p.contact.name)}</cbc:Name>` : ''}${p.contact.phone ? `<cbc:Telephone>${esc(p.contact.phone)}</cbc:Telephone>` : ''}${p.contact.email ? `<cbc:ElectronicMail>${esc(p.contact.email)}</cbc:ElectronicMail>` : ''}</cac:Contact>` : '';
  return `<cac:Party>
      <cbc:EndpointID schemeID="${esc(p.endpoint.scheme)}">${esc(p.endpoint.id)}</cbc:EndpointID>${role === 'buyer' ? `
      <cac:PartyIdentification><cbc:ID schemeID="0007">${esc(p.orgNumber)}</cbc:ID></cac:PartyIdentification>` : ''}
      <cac:PartyName><cbc:Name>${esc(p.name)}</cbc:Name></cac:PartyName>
      <cac:PostalAddress>${p.street ? `<cbc:StreetName>${esc(p.street)}</cbc:StreetName>` : ''}${p.city ? `<cbc:CityName>${esc(p.city)}</cbc:CityName>` : ''}${p.postalCode ? `<cbc:PostalZone>${esc(p.postalCode)}</cbc:PostalZone>` : ''}<cac:Country><cbc:IdentificationCode>${esc(country)}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
      ${taxSchemes}
      <cac:PartyLegalEntity><cbc:RegistrationName>${esc(p.name)}</cbc:RegistrationName><cbc:CompanyID schemeID="0007">${esc(p.orgNumber)}</cbc:CompanyID></cac:PartyLegalEntity>
      ${contact}
    </cac:Party>`;
}

const taxCategory = (tag: string, cat: string, rate: number) =>
  `<cac:${tag}><cbc:ID>${cat}</cbc:ID>${cat === 'O' ? '' : `<cbc:Percent>${rate}</cbc:Percent>`}${cat === 'E' ? '<cbc:TaxExemptionReason>Undantag från skatteplikt</cbc:TaxExemptionReason>' : cat === 'AE' ? '<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>' : cat === 'O' ? '<cbc:TaxExemptionReasonCode>VATEX-EU-O</cbc:TaxExemptionReasonCode>' : ''}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:${tag}>`;

const categoryOf = (rate: number, cat?: string) => cat ?? (rate === 0 ? 'Z' : 'S');

export function writeUblInvoice(spec: UblInvoiceSpec): string {
  const credit = spec.kind === 'creditnote';
  const cur = spec.currency ?? 'SEK';
  const amt = (ore: bigint) => `currencyID="${cur}">${oreToDecimal(ore)}`;
  const lines = spec.lines.map((l, i) => ({ ...l, position: i + 1, cat: categoryOf(l.vatRate, l.vatCategory), net: lineAmountOre(l.quantity, l.unitPriceOre) }));
  const acs = (spec.allowancesCharges ?? []).map((a) => ({ ...a, cat: categoryOf(a.vatRate, a.vatCategory) }));
  const lineTotal = lines.reduce((s, l) => s + l.net, 0n);
  const allowanceTotal = acs.filter((a) => !a.charge).reduce((s, a) => s + a.amountOre, 0n);
  const chargeTotal = acs.filter((a) => a.charge).reduce((s, a) => s + a.amountOre, 0n);
  const taxExclusive = lineTotal - allowanceTotal + chargeTotal;
  // VAT breakdown per (category, rate).
  const groups = new Map<string, { cat: string; rate: number; taxable: bigint }>();
  const addTo = (cat: string, rate: number, v: bigint) => {
    const k = `${cat}:${rate}`;
    const g = groups.get(k) ?? { cat, rate, taxable: 0n };
    g.taxable += v;
    groups.set(k, g);
  };
  for (const l of lines) addTo(l.cat, l.vatRate, l.net);
  for (const a of acs) addTo(a.cat, a.vatRate, a.charge ? a.amountOre : -a.amountOre);
  const subtotals = [...groups.values()].map((g) => ({ ...g, tax: g.cat === 'S' ? vatOre(g.taxable, g.rate) : 0n }));
  const taxTotal = subtotals.reduce((s, g) => s + g.tax, 0n);
  const taxInclusive = taxExclusive + taxTotal;

  const root = credit ? 'CreditNote' : 'Invoice';
  const lineTag = credit ? 'CreditNoteLine' : 'InvoiceLine';
  const qtyTag = credit ? 'CreditedQuantity' : 'InvoicedQuantity';
  const pm = spec.payment;
  const payAccount = pm?.bankgiro ? { id: pm.bankgiro, branch: 'SE:BANKGIRO' } : pm?.plusgiro ? { id: pm.plusgiro, branch: 'SE:PLUSGIRO' } : pm?.iban ? { id: pm.iban, branch: pm.bic ?? null } : null;
  const paymentMeans = payAccount ? `
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>${credit && spec.dueDate ? `
    <cbc:PaymentDueDate>${spec.dueDate}</cbc:PaymentDueDate>` : ''}${pm?.ocr ? `
    <cbc:PaymentID>${esc(pm.ocr)}</cbc:PaymentID>` : ''}
    <cac:PayeeFinancialAccount>
      <cbc:ID>${esc(payAccount.id)}</cbc:ID>${payAccount.branch ? `
      <cac:FinancialInstitutionBranch><cbc:ID>${esc(payAccount.branch)}</cbc:ID></cac:FinancialInstitutionBranch>` : ''}
    </cac:PayeeFinancialAccount>
  </cac:PaymentMeans>` : '';

  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>${esc(spec.number)}</cbc:ID>
  <cbc:IssueDate>${spec.issueDate}</cbc:IssueDate>${!credit && spec.dueDate ? `
  <cbc:DueDate>${spec.dueDate}</cbc:DueDate>` : ''}
  <cbc:${credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'}>${credit ? '381' : '380'}</cbc:${credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'}>${spec.note ? `
  <cbc:Note>${esc(spec.note)}</cbc:Note>` : ''}
  <cbc:DocumentCurrencyCode>${cur}</cbc:DocumentCurrencyCode>${spec.accountingCost ? `
  <cbc:AccountingCost>${esc(spec.accountingCost)}</cbc:AccountingCost>` : ''}${spec.buyerReference ? `
  <cbc:BuyerReference>${esc(spec.buyerReference)}</cbc:BuyerReference>` : ''}${spec.orderReference ? `
  <cac:OrderReference><cbc:ID>${esc(spec.orderReference)}</cbc:ID></cac:OrderReference>` : ''}${spec.precedingInvoice ? `
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${esc(spec.precedingInvoice)}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>` : ''}${spec.contractReference ? `
  <cac:ContractDocumentReference><cbc:ID>${esc(spec.contractReference)}</cbc:ID></cac:ContractDocumentReference>` : ''}${(spec.attachments ?? []).map((a) => `
  <cac:AdditionalDocumentReference>
    <cbc:ID>${esc(a.id)}</cbc:ID>${a.description ? `
    <cbc:DocumentDescription>${esc(a.description)}</cbc:DocumentDescription>` : ''}
    <cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="${esc(a.mimeCode)}" filename="${esc(a.filename)}">${base64(a.content)}</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>
  </cac:AdditionalDocumentReference>`).join('')}
  <cac:AccountingSupplierParty>
    ${party(spec.seller, 'seller')}
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    ${party(spec.buyer, 'buyer')}
  </cac:AccountingCustomerParty>${paymentMeans}${pm?.terms ? `
  <cac:PaymentTerms><cbc:Note>${esc(pm.terms)}</cbc:Note></cac:PaymentTerms>` : ''}${acs.map((a) => `
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>${a.charge}</cbc:ChargeIndicator>
    <cbc:AllowanceChargeReason>${esc(a.reason)}</cbc:AllowanceChargeReason>
    <cbc:Amount ${amt(a.amountOre)}</cbc:Amount>
    ${taxCategory('TaxCategory', a.cat, a.vatRate)}
  </cac:AllowanceCharge>`).join('')}
  <cac:TaxTotal>
    <cbc:TaxAmount ${amt(taxTotal)}</cbc:TaxAmount>${subtotals.map((g) => `
    <cac:TaxSubtotal>
      <cbc:TaxableAmount ${amt(g.taxable)}</cbc:TaxableAmount>
      <cbc:TaxAmount ${amt(g.tax)}</cbc:TaxAmount>
      ${taxCategory('TaxCategory', g.cat, g.rate)}
    </cac:TaxSubtotal>`).join('')}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount ${amt(lineTotal)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount ${amt(taxExclusive)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount ${amt(taxInclusive)}</cbc:TaxInclusiveAmount>${acs.some((a) => !a.charge) ? `
    <cbc:AllowanceTotalAmount ${amt(allowanceTotal)}</cbc:AllowanceTotalAmount>` : ''}${acs.some((a) => a.charge) ? `
    <cbc:ChargeTotalAmount ${amt(chargeTotal)}</cbc:ChargeTotalAmount>` : ''}
    <cbc:PayableAmount ${amt(taxInclusive)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>${lines.map((l) => `
  <cac:${lineTag}>
    <cbc:ID>${l.position}</cbc:ID>${l.note ? `
    <cbc:Note>${esc(l.note)}</cbc:Note>` : ''}
    <cbc:${qtyTag} unitCode="${l.unitCode ?? 'EA'}">${l.quantity}</cbc:${qtyTag}>
    <cbc:LineExtensionAmount ${amt(l.net)}</cbc:LineExtensionAmount>${l.accountingCost ? `
    <cbc:AccountingCost>${esc(l.accountingCost)}</cbc:AccountingCost>` : ''}${l.orderLineId ? `
    <cac:OrderLineReference><cbc:LineID>${esc(l.orderLineId)}</cbc:LineID></cac:OrderLineReference>` : ''}
    <cac:Item>
      <cbc:Name>${esc(l.description)}</cbc:Name>${l.sellersItemId ? `
      <cac:SellersItemIdentification><cbc:ID>${esc(l.sellersItemId)}</cbc:ID></cac:SellersItemIdentification>` : ''}${l.classification ? `
      <cac:CommodityClassification><cbc:ItemClassificationCode listID="${esc(l.classification.listId)}">${esc(l.classification.code)}</cbc:ItemClassificationCode></cac:CommodityClassification>` : ''}
      ${taxCategory('ClassifiedTaxCategory', l.cat, l.vatRate)}
    </cac:Item>
    <cac:Price><cbc:PriceAmount ${amt(l.unitPriceOre)}</cbc:PriceAmount></cac:Price>
  </cac:${lineTag}>`).join('')}
</${root}>
`;
}
