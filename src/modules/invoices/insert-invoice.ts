// Writes one registered invoice: the head row, then lines, VAT breakdown and attachments in
// multi-row INSERTs (round trips, not rows, are the cost).
import type { TenantTx } from '../../platform/db/tenant.ts';
import type { Finding } from '../../formats/peppol/rules/types.ts';
import type { InvoiceRecord } from './summarize.ts';
import { insertParts, type Part } from '../../platform/db/insert-parts.ts';

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

export async function insertInvoice(tx: TenantTx, n: NewInvoice): Promise<void> {
  const r = n.record;
  const parts: Part[] = [{
    table: 'invoices',
    columns: ['id', 'tenant_id', 'document_id', 'supplier_id', 'status', 'source', 'format', 'is_credit_note', 'invoice_number', 'type_code',
      'issue_date', 'due_date', 'currency', 'buyer_reference', 'order_reference', 'contract_reference', 'accounting_reference', 'note', 'seller_name',
      'seller_org_number', 'seller_vat_number', 'seller_endpoint', 'buyer_endpoint', 'payment_reference', 'payment_accounts',
      'net_amount_ore', 'vat_amount_ore', 'gross_amount_ore', 'payable_amount_ore', 'findings', 'duplicate_of', 'duplicate_reason', 'line_count', 'response_status'],
    rows: [[n.id, tx.tenantId, n.documentId, n.supplierId, n.status, n.source, n.format, r?.isCreditNote ?? false, r?.invoiceNumber ?? null, r?.typeCode ?? null,
      r?.issueDate ?? null, r?.dueDate ?? null, r?.currency ?? null, r?.buyerReference ?? null, r?.orderReference ?? null, r?.contractReference ?? null,
      r?.accountingReference ?? null, r?.note ?? null, r?.sellerName ?? null, r?.sellerOrgNumber ?? null, r?.sellerVatNumber ?? null, r?.sellerEndpoint ?? null,
      r?.buyerEndpoint ?? null, r?.paymentReference ?? null, JSON.stringify(r?.paymentAccounts ?? []),
      ore(r?.netAmountOre ?? null), ore(r?.vatAmountOre ?? null), ore(r?.grossAmountOre ?? null), ore(r?.payableAmountOre ?? null),
      JSON.stringify(n.findings), n.duplicateOf, n.duplicateReason, r?.lines.length ?? 0, n.status === 'rejected' ? 'pending' : null]],
    wrap: { payment_accounts: (p) => `${p}::jsonb`, findings: (p) => `${p}::jsonb`, issue_date: (p) => `${p}::date`, due_date: (p) => `${p}::date`, net_amount_ore: (p) => `${p}::bigint`, vat_amount_ore: (p) => `${p}::bigint`, gross_amount_ore: (p) => `${p}::bigint`, payable_amount_ore: (p) => `${p}::bigint` },
  }];
  if (r) {
    parts.push({
      table: 'invoice_lines',
      columns: ['tenant_id', 'invoice_id', 'position', 'line_id', 'description', 'note', 'quantity', 'unit_code', 'net_price', 'net_amount_ore', 'vat_category', 'vat_rate',
        'sellers_item_id', 'standard_item_id', 'classifications', 'accounting_reference', 'order_line_reference', 'period_start', 'period_end'],
      rows: r.lines.map((l) => [tx.tenantId, n.id, l.position, l.lineId, l.description, l.note, l.quantity, l.unitCode, l.netPrice, ore(l.netAmountOre), l.vatCategory, l.vatRate,
        l.sellersItemId, l.standardItemId, JSON.stringify(l.classifications), l.accountingReference, l.orderLineReference, l.periodStart, l.periodEnd]),
      wrap: { position: (p) => `${p}::int`, net_amount_ore: (p) => `${p}::bigint`, classifications: (p) => `${p}::jsonb`, period_start: (p) => `${p}::date`, period_end: (p) => `${p}::date` },
    }, {
      table: 'invoice_vat',
      columns: ['tenant_id', 'invoice_id', 'position', 'category', 'rate', 'taxable_ore', 'tax_ore', 'exemption_reason'],
      rows: r.vat.map((v) => [tx.tenantId, n.id, v.position, v.category, v.rate, ore(v.taxableOre), ore(v.taxOre), v.exemptionReason]),
      wrap: { position: (p) => `${p}::int`, taxable_ore: (p) => `${p}::bigint`, tax_ore: (p) => `${p}::bigint` },
    }, {
      table: 'invoice_attachments',
      columns: ['tenant_id', 'invoice_id', 'position', 'reference_id', 'description', 'filename', 'mime_code', 'external_uri', 'bytes', 'size'],
      rows: r.attachments.map((a) => [tx.tenantId, n.id, a.position, a.referenceId, a.description, a.filename, a.mimeCode, a.externalUri, a.bytes ? toBase64(a.bytes) : null, a.bytes?.length ?? null]),
      wrap: { position: (p) => `${p}::int`, bytes: (p) => `decode(${p}, 'base64')`, size: (p) => `${p}::int` },
    });
  }
  await insertParts(tx, parts);
}
