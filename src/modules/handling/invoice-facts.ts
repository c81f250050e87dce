// What invoice handling reads of an invoice: the head fields that routing, coding and attest decide
// on, and (on request) the lines. Reads the intake module's tables directly; owns only its columns.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { notFound } from '../../platform/errors.ts';

export type HandlingStatus = 'to_identify' | 'to_code' | 'to_review' | 'to_approve' | 'approved' | 'disputed' | 'rejected' | 'suspected_duplicate' | 'dismissed_duplicate';

export type InvoiceFacts = {
  id: string; status: HandlingStatus; version: number; supplierId: string | null; sellerName: string | null; invoiceNumber: string | null;
  isCreditNote: boolean; issueDate: string | null; dueDate: string | null; receivedAt: string;
  buyerReference: string | null; orderReference: string | null; accountingReference: string | null; note: string | null;
  netOre: bigint; vatOre: bigint; grossOre: bigint; lineCount: number;
  assignedUserId: string | null; designatedApproverId: string | null; templateId: string | null;
};

export type InvoiceLineFacts = { position: number; description: string | null; note: string | null; netOre: bigint; vatRate: string | null; accountingReference: string | null; classifications: { code: string; listId: string | null }[] };

type Row = {
  id: string; status: HandlingStatus; version: number; supplier_id: string | null; seller_name: string | null; invoice_number: string | null; is_credit_note: boolean;
  issue_date: string | null; due_date: string | null; received_at: Date | string; buyer_reference: string | null; order_reference: string | null;
  accounting_reference: string | null; note: string | null; net_amount_ore: string | null; vat_amount_ore: string | null; line_count: number;
  assigned_user_id: string | null; designated_approver_id: string | null; template_id: string | null;
};

/** The invoice's handling facts; `lock` takes the row lock that serialises all decisions on one invoice. */
export async function loadFacts(tx: TenantTx, invoiceId: string, lock = false): Promise<InvoiceFacts> {
  const r = await tx.query<Row>(
    `SELECT i.id, i.status, i.version, i.supplier_id, i.seller_name, i.invoice_number, i.is_credit_note, i.issue_date, i.due_date, i.received_at,
            i.buyer_reference, i.order_reference, i.accounting_reference, i.note, i.net_amount_ore, i.vat_amount_ore, i.line_count,
            i.assigned_user_id, i.designated_approver_id, i.template_id
       FROM invoices i WHERE i.id = $1${lock ? ' FOR UPDATE' : ''}`, [invoiceId]);
  const h = r.rows[0];
  if (!h) throw notFound({ sv: 'Fakturan finns inte.', en: 'No such invoice.' });
  const net = BigInt(h.net_amount_ore ?? '0');
  const vat = BigInt(h.vat_amount_ore ?? '0');
  return {
    id: h.id, status: h.status, version: h.version, supplierId: h.supplier_id, sellerName: h.seller_name, invoiceNumber: h.invoice_number, isCreditNote: h.is_credit_note,
    issueDate: h.issue_date, dueDate: h.due_date, receivedAt: h.received_at instanceof Date ? h.received_at.toISOString() : String(h.received_at),
    buyerReference: h.buyer_reference, orderReference: h.order_reference, accountingReference: h.accounting_reference, note: h.note,
    netOre: net, vatOre: vat, grossOre: net + vat, lineCount: h.line_count,
    assignedUserId: h.assigned_user_id, designatedApproverId: h.designated_approver_id, templateId: h.template_id,
  };
}

export async function loadLines(tx: TenantTx, invoiceId: string): Promise<InvoiceLineFacts[]> {
  const r = await tx.query<{ position: number; description: string | null; note: string | null; net_amount_ore: string | null; vat_rate: string | null; accounting_reference: string | null; classifications: { code: string; listId: string | null }[] }>(
    'SELECT position, description, note, net_amount_ore, vat_rate, accounting_reference, classifications FROM invoice_lines WHERE invoice_id = $1 ORDER BY position', [invoiceId]);
  return r.rows.map((l) => ({ position: l.position, description: l.description, note: l.note, netOre: BigInt(l.net_amount_ore ?? '0'), vatRate: l.vat_rate, accountingReference: l.accounting_reference, classifications: l.classifications }));
}

/** Moves the invoice to a status, bumping its version (optimistic concurrency for every page). */
export async function setStatus(tx: TenantTx, invoiceId: string, status: HandlingStatus, extra: Record<string, unknown> = {}): Promise<void> {
  const cols = Object.keys(extra);
  const sets = cols.map((c, i) => `${c} = $${i + 3}`).join(', ');
  await tx.query(`UPDATE invoices SET status = $2, status_changed_at = CASE WHEN status = $2 THEN status_changed_at ELSE now() END, version = version + 1${sets ? `, ${sets}` : ''} WHERE id = $1`,
    [invoiceId, status, ...cols.map((c) => extra[c])]);
}
