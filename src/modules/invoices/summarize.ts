// Pure: turns the invoice model into the record Avrop stores (normalised text, amounts in öre,
// ISO dates). Values that cannot be read stay null; the validator's findings say why.
import type { Field, Invoice, Syntax } from '../../formats/peppol/model.ts';
import { normalizeSpace } from '../../formats/peppol/model.ts';
import { parseDecimal, round2, toString as decToString } from '../../formats/peppol/decimal.ts';

export type PaymentAccount = { type: 'bankgiro' | 'plusgiro' | 'iban' | 'bank' | 'unknown'; id: string; scheme: string; bic: string | null; name: string | null };

export type InvoiceLineRecord = {
  position: number; lineId: string | null; description: string | null; note: string | null; quantity: string | null; unitCode: string | null;
  netPrice: string | null; netAmountOre: bigint | null; vatCategory: string | null; vatRate: string | null; sellersItemId: string | null;
  standardItemId: string | null; classifications: { code: string; listId: string | null }[]; accountingReference: string | null;
  orderLineReference: string | null; periodStart: string | null; periodEnd: string | null;
};

export type VatRecord = { position: number; category: string | null; rate: string | null; taxableOre: bigint | null; taxOre: bigint | null; exemptionReason: string | null };

export type AttachmentRecord = { position: number; referenceId: string | null; description: string | null; filename: string | null; mimeCode: string | null; externalUri: string | null; bytes: Uint8Array | null };

export type InvoiceRecord = {
  format: Syntax;
  isCreditNote: boolean;
  invoiceNumber: string | null;
  typeCode: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  buyerReference: string | null;
  orderReference: string | null;
  contractReference: string | null;
  accountingReference: string | null;
  /** BT-22 invoice notes, joined (routing looks for reference codes in them). */
  note: string | null;
  sellerName: string | null;
  sellerOrgNumber: string | null;
  sellerVatNumber: string | null;
  sellerEndpoint: string | null;
  buyerEndpoint: string | null;
  /** All identifiers of the buyer: endpoint, legal id, VAT number, party ids (for finding the tenant). */
  buyerIds: string[];
  paymentReference: string | null;
  paymentAccounts: PaymentAccount[];
  netAmountOre: bigint | null;
  vatAmountOre: bigint | null;
  grossAmountOre: bigint | null;
  payableAmountOre: bigint | null;
  lines: InvoiceLineRecord[];
  vat: VatRecord[];
  attachments: AttachmentRecord[];
};

const text = (f: readonly Field[]): string | null => {
  const v = f[0] ? normalizeSpace(f[0].value) : '';
  return v === '' ? null : v.slice(0, 1000);
};

const isoDate = (f: readonly Field[]): string | null => {
  const v = text(f);
  if (!v) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1 ? `${m[1]}-${m[2]}-${m[3]}` : null;
};

/** A raw amount to öre, rounded half-up to two decimals as EN 16931 does; null when unreadable or absurd. */
export function amountToOre(raw: string | undefined): bigint | null {
  if (raw === undefined) return null;
  const d = parseDecimal(raw.trim());
  if (!d) return null;
  const s = decToString(round2(d));
  const m = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const ore = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -ore : ore;
}

const amount = (f: readonly Field[]): bigint | null => amountToOre(f[0]?.value);

/** Swedish organisation number NNNNNN-NNNN from a legal id, a VAT number (SE…01) or a Peppol 0007 id. */
export function swedishOrgNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.replace(/[\s-]/g, '').toUpperCase().replace(/^0007:/, '');
  const m = /^(?:SE)?(\d{10})(?:01)?$/.exec(s);
  if (!m) return null;
  return `${m[1]!.slice(0, 6)}-${m[1]!.slice(6)}`;
}

const participant = (f: readonly Field[]): string | null => {
  const v = text(f);
  if (!v) return null;
  const scheme = f[0]?.attrs.schemeID?.trim();
  return scheme ? `${scheme}:${v}` : v;
};

function accountType(scheme: string, id: string, provider: string | null): PaymentAccount['type'] {
  const s = scheme.toUpperCase();
  const p = (provider ?? '').toUpperCase();
  // Swedish practice (SFTI): the financial institution branch id says SE:BANKGIRO or SE:PLUSGIRO.
  if (p === 'SE:BANKGIRO') return 'bankgiro';
  if (p === 'SE:PLUSGIRO') return 'plusgiro';
  if (s.includes('BANKGIRO') || s === 'BGNR') return 'bankgiro';
  if (s.includes('PLUSGIRO') || s === 'PGNR') return 'plusgiro';
  if (s === 'IBAN' || s === 'IBANID' || /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(id.replace(/\s/g, ''))) return 'iban';
  if (s === 'BBAN' || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(p)) return 'bank';
  return 'unknown';
}

export function summarize(inv: Invoice, syntax: Syntax): InvoiceRecord {
  const seller = inv.seller;
  const buyer = inv.buyer;
  const legal = text(seller.legalRegistrationId);
  const vatId = text(seller.vatId);
  const sellerEndpoint = participant(seller.endpointId);
  const sellerOrg = swedishOrgNumber(legal) ?? swedishOrgNumber(vatId) ?? (sellerEndpoint?.startsWith('0007:') ? swedishOrgNumber(sellerEndpoint) : null);
  const buyerIds = [
    participant(buyer.endpointId), text(buyer.legalRegistrationId), text(buyer.vatId),
    ...buyer.identifiers.map((f) => participant([f])),
  ].filter((x): x is string => x !== null);
  const taxTotal = inv.totals.taxTotalAmounts.find((f) => !f.attrs.currencyID || f.attrs.currencyID === text(inv.currencyCode)) ?? inv.totals.taxTotalAmounts[0];
  const accounts: PaymentAccount[] = [];
  for (const pm of inv.paymentMeans) {
    for (const ct of pm.creditTransfers) {
      const id = text(ct.accountId);
      if (!id) continue;
      const scheme = ct.accountScheme || ct.accountId[0]?.attrs.schemeID || '';
      const provider = text(ct.serviceProviderId);
      const type = accountType(scheme, id, provider);
      accounts.push({ type, id, scheme, bic: type === 'iban' || type === 'bank' ? provider : null, name: text(ct.accountName) });
    }
  }
  const paymentReference = inv.paymentMeans.map((pm) => text(pm.paymentId)).find((x) => x !== null) ?? null;
  return {
    format: syntax,
    isCreditNote: syntax === 'ubl-creditnote' || text(inv.typeCode) === '381',
    invoiceNumber: text(inv.number),
    typeCode: text(inv.typeCode),
    issueDate: isoDate(inv.issueDate),
    dueDate: isoDate(inv.dueDate),
    currency: text(inv.currencyCode),
    buyerReference: text(inv.buyerReference),
    orderReference: text(inv.orderReference),
    contractReference: text(inv.contractReference),
    accountingReference: text(inv.buyerAccountingReference),
    note: inv.notes.map((n) => text(n.text)).filter((t): t is string => t !== null).join('\n').slice(0, 2000) || null,
    sellerName: text(seller.name) ?? text(seller.tradingName),
    sellerOrgNumber: sellerOrg,
    sellerVatNumber: vatId,
    sellerEndpoint,
    buyerEndpoint: participant(buyer.endpointId),
    buyerIds,
    paymentReference,
    paymentAccounts: accounts,
    netAmountOre: amount(inv.totals.taxExclusiveAmount),
    vatAmountOre: taxTotal ? amountToOre(taxTotal.value) : null,
    grossAmountOre: amount(inv.totals.taxInclusiveAmount),
    payableAmountOre: amount(inv.totals.payableAmount),
    lines: inv.lines.map((l) => ({
      position: l.position,
      lineId: text(l.id),
      description: text(l.item.name) ?? text(l.item.description),
      note: text(l.note),
      quantity: text(l.quantity),
      unitCode: l.quantity[0]?.attrs.unitCode ?? null,
      netPrice: text(l.price?.netPrice ?? []),
      netAmountOre: amount(l.netAmount),
      vatCategory: text(l.vat?.code ?? []),
      vatRate: text(l.vat?.rate ?? []),
      sellersItemId: text(l.item.sellersId),
      standardItemId: participant(l.item.standardId),
      classifications: l.item.classifications.map((c) => ({ code: normalizeSpace(c.value), listId: c.attrs.listID ?? null })).filter((c) => c.code !== ''),
      accountingReference: text(l.accountingReference),
      orderLineReference: text(l.orderLineReference),
      periodStart: isoDate(l.period?.startDate ?? []),
      periodEnd: isoDate(l.period?.endDate ?? []),
    })),
    vat: inv.vatBreakdown.map((v, i) => ({
      position: i + 1,
      category: text(v.categoryCode),
      rate: text(v.rate),
      taxableOre: amount(v.taxableAmount),
      taxOre: amount(v.taxAmount),
      exemptionReason: text(v.exemptionReason) ?? text(v.exemptionReasonCode),
    })),
    attachments: inv.attachments.map((a, i) => ({
      position: i + 1,
      referenceId: text(a.id),
      description: text(a.description),
      filename: a.filename ?? null,
      mimeCode: a.mimeCode ?? null,
      externalUri: text(a.externalUri),
      bytes: a.content ?? null,
    })),
  };
}
