// Writes one registered invoice: the head row, then lines, VAT breakdown and attachments in
// multi-row INSERTs (round trips, not rows, are the cost).
import type { TenantTx } from '../../platform/db/tenant.ts';
import type { Finding } from '../../formats/peppol/rules/types.ts';
import type { InvoiceRecord } from './summarize.ts';

export type NewInvoice = {
  id: string; documentId: string; supplierId: string | null; status: string; source: string; format: string;
  record: InvoiceRecord | null; findings: Finding[]; duplicateOf: string | null; duplicateReason: string | null;
};

const ore = (v: bigint | null) => (v === null ? null : v.toString());

/**
 * Binary data travels as base64 text and is decoded by the database (`decode($n, 'base64')`, read
 * back with `encode(col, 'base64')`): PGlite's own bytea parameter encoding costs about half a second
 * per megabyte, base64 a tenth of that, and the server handles both the same way.
 */
export const toBase64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
export const fromBase64 = (s: string): Buffer => Buffer.from(s, 'base64');

/** INSERT … VALUES (…), (…) in chunks that stay under the parameter limit. */
export async function insertRows(tx: TenantTx, table: string, columns: string[], rows: unknown[][], wrap: Record<string, (param: string) => string> = {}): Promise<void> {
  const perChunk = Math.max(1, Math.floor(30000 / columns.length));
  const wrappers = columns.map((c) => wrap[c] ?? ((p: string) => p));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${row.map((v, i) => { params.push(v); return wrappers[i]!(`$${params.length}`); }).join(', ')})`);
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

export async function insertInvoice(tx: TenantTx, n: NewInvoice): Promise<void> {
  const r = n.record;
  await tx.query(
    `INSERT INTO invoices (id, tenant_id, document_id, supplier_id, status, source, format, is_credit_note, invoice_number, type_code,
       issue_date, due_date, currency, buyer_reference, order_reference, contract_reference, accounting_reference, seller_name,
       seller_org_number, seller_vat_number, seller_endpoint, buyer_endpoint, payment_reference, payment_accounts,
       net_amount_ore, vat_amount_ore, gross_amount_ore, payable_amount_ore, findings, duplicate_of, duplicate_reason, line_count, response_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24::jsonb,
       $25, $26, $27, $28, $29::jsonb, $30, $31, $32, $33)`,
    [n.id, tx.tenantId, n.documentId, n.supplierId, n.status, n.source, n.format, r?.isCreditNote ?? false, r?.invoiceNumber ?? null, r?.typeCode ?? null,
      r?.issueDate ?? null, r?.dueDate ?? null, r?.currency ?? null, r?.buyerReference ?? null, r?.orderReference ?? null, r?.contractReference ?? null,
      r?.accountingReference ?? null, r?.sellerName ?? null, r?.sellerOrgNumber ?? null, r?.sellerVatNumber ?? null, r?.sellerEndpoint ?? null,
      r?.buyerEndpoint ?? null, r?.paymentReference ?? null, JSON.stringify(r?.paymentAccounts ?? []),
      ore(r?.netAmountOre ?? null), ore(r?.vatAmountOre ?? null), ore(r?.grossAmountOre ?? null), ore(r?.payableAmountOre ?? null),
      JSON.stringify(n.findings), n.duplicateOf, n.duplicateReason, r?.lines.length ?? 0, n.status === 'rejected' ? 'pending' : null],
  );
  if (!r) return;
  if (r.lines.length) {
    await insertRows(tx, 'invoice_lines',
      ['tenant_id', 'invoice_id', 'position', 'line_id', 'description', 'note', 'quantity', 'unit_code', 'net_price', 'net_amount_ore', 'vat_category', 'vat_rate',
        'sellers_item_id', 'standard_item_id', 'classifications', 'accounting_reference', 'order_line_reference', 'period_start', 'period_end'],
      r.lines.map((l) => [tx.tenantId, n.id, l.position, l.lineId, l.description, l.note, l.quantity, l.unitCode, l.netPrice, ore(l.netAmountOre), l.vatCategory, l.vatRate,
        l.sellersItemId, l.standardItemId, JSON.stringify(l.classifications), l.accountingReference, l.orderLineReference, l.periodStart, l.periodEnd]));
  }
  if (r.vat.length) {
    await insertRows(tx, 'invoice_vat', ['tenant_id', 'invoice_id', 'position', 'category', 'rate', 'taxable_ore', 'tax_ore', 'exemption_reason'],
      r.vat.map((v) => [tx.tenantId, n.id, v.position, v.category, v.rate, ore(v.taxableOre), ore(v.taxOre), v.exemptionReason]));
  }
  if (r.attachments.length) {
    await insertRows(tx, 'invoice_attachments', ['tenant_id', 'invoice_id', 'position', 'reference_id', 'description', 'filename', 'mime_code', 'external_uri', 'bytes', 'size'],
      r.attachments.map((a) => [tx.tenantId, n.id, a.position, a.referenceId, a.description, a.filename, a.mimeCode, a.externalUri, a.bytes ? toBase64(a.bytes) : null, a.bytes?.length ?? null]),
      { bytes: (p) => `decode(${p}, 'base64')` });
  }
}
