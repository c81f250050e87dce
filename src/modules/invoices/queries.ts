// Reading invoices: the filtered, paginated list and the detail with lines, VAT and attachments.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { notFound } from '../../platform/errors.ts';
import { formatOre } from '../../platform/money.ts';
import type { Finding } from '../../formats/peppol/rules/types.ts';
import type { PaymentAccount } from './summarize.ts';
import { fromBase64 } from './insert-invoice.ts';
import type { HandlingStatus } from '../handling/index.ts';

export type InvoiceStatus = HandlingStatus;

export type InvoiceListItem = {
  id: string; status: InvoiceStatus; source: string; format: string; isCreditNote: boolean; invoiceNumber: string | null;
  issueDate: string | null; dueDate: string | null; daysToDue: number | null; overdue: boolean; currency: string | null;
  supplierId: string | null; sellerName: string | null; sellerOrgNumber: string | null; buyerReference: string | null; orderReference: string | null;
  netAmount: string | null; vatAmount: string | null; grossAmount: string | null; payableAmount: string | null;
  fatalCount: number; warningCount: number; receivedAt: string;
  /** The receiver (handling), as username and display name. */
  assignedTo: string | null; assignedToName: string | null;
};

export type InvoiceFilter = {
  status?: InvoiceStatus | undefined; supplierId?: string | undefined; q?: string | undefined;
  issuedFrom?: string | undefined; issuedTo?: string | undefined; dueFrom?: string | undefined; dueTo?: string | undefined;
  minAmount?: bigint | undefined; maxAmount?: bigint | undefined; buyerReference?: string | undefined;
  /** Coded to this ansvar (unit); assigned to this username. */
  ansvar?: string | undefined; assignedTo?: string | undefined;
  sort?: 'due' | 'received' | 'amount' | undefined; limit?: number | undefined; offset?: number | undefined; today: string;
};

type ListRow = {
  id: string; status: InvoiceStatus; source: string; format: string; is_credit_note: boolean; invoice_number: string | null; issue_date: string | null;
  due_date: string | null; days_to_due: number | null; currency: string | null; supplier_id: string | null; seller_name: string | null; seller_org_number: string | null;
  buyer_reference: string | null; order_reference: string | null; net_amount_ore: string | null; vat_amount_ore: string | null; gross_amount_ore: string | null;
  payable_amount_ore: string | null; fatal_count: number; warning_count: number; received_at: Date; total: string; assigned_to: string | null; assigned_to_name: string | null;
};

const money = (v: string | null) => (v === null ? null : formatOre(v));

function toItem(r: ListRow): InvoiceListItem {
  return {
    id: r.id, status: r.status, source: r.source, format: r.format, isCreditNote: r.is_credit_note, invoiceNumber: r.invoice_number,
    issueDate: r.issue_date, dueDate: r.due_date, daysToDue: r.days_to_due, overdue: r.days_to_due !== null && r.days_to_due < 0 && r.status !== 'rejected',
    currency: r.currency, supplierId: r.supplier_id, sellerName: r.seller_name, sellerOrgNumber: r.seller_org_number, buyerReference: r.buyer_reference,
    orderReference: r.order_reference, netAmount: money(r.net_amount_ore), vatAmount: money(r.vat_amount_ore), grossAmount: money(r.gross_amount_ore),
    payableAmount: money(r.payable_amount_ore), fatalCount: r.fatal_count, warningCount: r.warning_count, receivedAt: new Date(r.received_at).toISOString(),
    assignedTo: r.assigned_to ?? null, assignedToName: r.assigned_to_name ?? null,
  };
}

const listColumns = `id, status, source, format, is_credit_note, invoice_number, issue_date, due_date, (due_date - $1::date) AS days_to_due, currency,
  supplier_id, seller_name, seller_org_number, buyer_reference, order_reference, net_amount_ore, vat_amount_ore, gross_amount_ore, payable_amount_ore,
  (SELECT count(*)::int FROM jsonb_array_elements(findings) f WHERE f->>'severity' = 'fatal') AS fatal_count,
  (SELECT count(*)::int FROM jsonb_array_elements(findings) f WHERE f->>'severity' = 'warning') AS warning_count, received_at,
  (SELECT u.username FROM users u WHERE u.id = invoices.assigned_user_id) AS assigned_to, (SELECT u.display_name FROM users u WHERE u.id = invoices.assigned_user_id) AS assigned_to_name`;

export async function listInvoices(tx: TenantTx, f: InvoiceFilter): Promise<{ invoices: InvoiceListItem[]; total: number }> {
  const params: unknown[] = [f.today];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replaceAll('?', `$${params.length}`)); };
  if (f.status) add('status = ?', f.status);
  if (f.supplierId) add('supplier_id = ?', f.supplierId);
  if (f.q) add('(invoice_number ILIKE ? OR seller_name ILIKE ? OR seller_org_number ILIKE ? OR buyer_reference ILIKE ?)', `%${f.q}%`);
  if (f.buyerReference) add('buyer_reference ILIKE ?', `%${f.buyerReference}%`);
  if (f.ansvar) add('EXISTS (SELECT 1 FROM coding_rows c WHERE c.invoice_id = invoices.id AND c.ansvar = ?)', f.ansvar);
  if (f.assignedTo) add('assigned_user_id = (SELECT id FROM users WHERE username = ?)', f.assignedTo);
  if (f.issuedFrom) add('issue_date >= ?::date', f.issuedFrom);
  if (f.issuedTo) add('issue_date <= ?::date', f.issuedTo);
  if (f.dueFrom) add('due_date >= ?::date', f.dueFrom);
  if (f.dueTo) add('due_date <= ?::date', f.dueTo);
  if (f.minAmount !== undefined) add('gross_amount_ore >= ?', f.minAmount.toString());
  if (f.maxAmount !== undefined) add('gross_amount_ore <= ?', f.maxAmount.toString());
  const order = f.sort === 'received' ? 'received_at DESC, id DESC' : f.sort === 'amount' ? 'gross_amount_ore DESC NULLS LAST, id' : 'due_date ASC NULLS LAST, id';
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const offset = Math.max(f.offset ?? 0, 0);
  const r = await tx.query<ListRow>(
    `SELECT ${listColumns}, count(*) OVER ()::text AS total FROM invoices ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params);
  let total = r.rows[0] ? Number(r.rows[0].total) : 0;
  if (!r.rows[0] && offset > 0) {
    const c = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM invoices WHERE $1::date IS NOT NULL${where.length ? ` AND ${where.join(' AND ')}` : ''}`, params);
    total = Number(c.rows[0]!.n);
  }
  return { invoices: r.rows.map(toItem), total };
}

export type InvoiceDetail = InvoiceListItem & {
  typeCode: string | null; contractReference: string | null; accountingReference: string | null; sellerVatNumber: string | null;
  sellerEndpoint: string | null; buyerEndpoint: string | null; paymentReference: string | null; paymentAccounts: PaymentAccount[];
  duplicateOf: string | null; duplicateReason: string | null; findings: Finding[]; version: number;
  /** For a rejected invoice: whether the Invoice Response is waiting, written to the outbox, or could not be sent (no Peppol address). */
  responseStatus: 'pending' | 'written' | 'not_sent' | null;
  document: { id: string; filename: string | null; contentType: string; sha256: string; size: number; source: string };
  lines: {
    position: number; lineId: string | null; description: string | null; note: string | null; quantity: string | null; unitCode: string | null; netPrice: string | null;
    netAmount: string | null; vatCategory: string | null; vatRate: string | null; sellersItemId: string | null; standardItemId: string | null;
    classifications: { code: string; listId: string | null }[]; accountingReference: string | null; orderLineReference: string | null; periodStart: string | null; periodEnd: string | null;
  }[];
  vat: { position: number; category: string | null; rate: string | null; taxableAmount: string | null; taxAmount: string | null; exemptionReason: string | null }[];
  attachments: { position: number; referenceId: string | null; description: string | null; filename: string | null; mimeCode: string | null; externalUri: string | null; size: number | null }[];
};

export async function getInvoice(tx: TenantTx, id: string, today: string): Promise<InvoiceDetail> {
  const head = await tx.query<ListRow & {
    type_code: string | null; contract_reference: string | null; accounting_reference: string | null; seller_vat_number: string | null; seller_endpoint: string | null;
    buyer_endpoint: string | null; payment_reference: string | null; payment_accounts: PaymentAccount[]; duplicate_of: string | null; duplicate_reason: string | null;
    findings: Finding[]; version: number; document_id: string; response_status: 'pending' | 'written' | 'not_sent' | null;
  }>(`SELECT ${listColumns}, '1' AS total, type_code, contract_reference, accounting_reference, seller_vat_number, seller_endpoint, buyer_endpoint, payment_reference,
       payment_accounts, duplicate_of, duplicate_reason, findings, version, document_id, response_status FROM invoices WHERE id = $2`, [today, id]);
  const h = head.rows[0];
  if (!h) throw notFound({ sv: 'Fakturan finns inte.', en: 'No such invoice.' });
  const [doc, lines, vat, att] = [
    await tx.query<{ id: string; filename: string | null; content_type: string; sha256: string; size: number; source: string }>(
      'SELECT id, filename, content_type, sha256, octet_length(bytes) AS size, source FROM inbound_documents WHERE id = $1', [h.document_id]),
    await tx.query<{ position: number; line_id: string | null; description: string | null; note: string | null; quantity: string | null; unit_code: string | null; net_price: string | null;
      net_amount_ore: string | null; vat_category: string | null; vat_rate: string | null; sellers_item_id: string | null; standard_item_id: string | null;
      classifications: { code: string; listId: string | null }[]; accounting_reference: string | null; order_line_reference: string | null; period_start: string | null; period_end: string | null }>(
      'SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY position', [id]),
    await tx.query<{ position: number; category: string | null; rate: string | null; taxable_ore: string | null; tax_ore: string | null; exemption_reason: string | null }>(
      'SELECT position, category, rate, taxable_ore, tax_ore, exemption_reason FROM invoice_vat WHERE invoice_id = $1 ORDER BY position', [id]),
    await tx.query<{ position: number; reference_id: string | null; description: string | null; filename: string | null; mime_code: string | null; external_uri: string | null; size: number | null }>(
      'SELECT position, reference_id, description, filename, mime_code, external_uri, size FROM invoice_attachments WHERE invoice_id = $1 ORDER BY position', [id]),
  ];
  const d = doc.rows[0]!;
  return {
    ...toItem(h),
    typeCode: h.type_code, contractReference: h.contract_reference, accountingReference: h.accounting_reference, sellerVatNumber: h.seller_vat_number,
    sellerEndpoint: h.seller_endpoint, buyerEndpoint: h.buyer_endpoint, paymentReference: h.payment_reference, paymentAccounts: h.payment_accounts,
    duplicateOf: h.duplicate_of, duplicateReason: h.duplicate_reason, findings: h.findings, version: h.version, responseStatus: h.response_status,
    document: { id: d.id, filename: d.filename, contentType: d.content_type, sha256: d.sha256, size: Number(d.size), source: d.source },
    lines: lines.rows.map((l) => ({
      position: l.position, lineId: l.line_id, description: l.description, note: l.note, quantity: l.quantity, unitCode: l.unit_code, netPrice: l.net_price,
      netAmount: money(l.net_amount_ore), vatCategory: l.vat_category, vatRate: l.vat_rate, sellersItemId: l.sellers_item_id, standardItemId: l.standard_item_id,
      classifications: l.classifications, accountingReference: l.accounting_reference, orderLineReference: l.order_line_reference, periodStart: l.period_start, periodEnd: l.period_end,
    })),
    vat: vat.rows.map((v) => ({ position: v.position, category: v.category, rate: v.rate, taxableAmount: money(v.taxable_ore), taxAmount: money(v.tax_ore), exemptionReason: v.exemption_reason })),
    attachments: att.rows.map((a) => ({ position: a.position, referenceId: a.reference_id, description: a.description, filename: a.filename, mimeCode: a.mime_code, externalUri: a.external_uri, size: a.size })),
  };
}

export async function getOriginal(tx: TenantTx, invoiceId: string): Promise<{ bytes: Buffer; filename: string | null; contentType: string }> {
  const r = await tx.query<{ bytes: string; filename: string | null; content_type: string }>(
    `SELECT encode(d.bytes, 'base64') AS bytes, d.filename, d.content_type FROM inbound_documents d JOIN invoices i ON i.document_id = d.id WHERE i.id = $1`, [invoiceId]);
  if (!r.rows[0]) throw notFound({ sv: 'Fakturan finns inte.', en: 'No such invoice.' });
  return { bytes: fromBase64(r.rows[0].bytes), filename: r.rows[0].filename, contentType: r.rows[0].content_type };
}

export async function getAttachment(tx: TenantTx, invoiceId: string, position: number): Promise<{ bytes: Buffer; filename: string | null; mimeCode: string | null }> {
  const r = await tx.query<{ bytes: string | null; filename: string | null; mime_code: string | null }>(
    `SELECT encode(bytes, 'base64') AS bytes, filename, mime_code FROM invoice_attachments WHERE invoice_id = $1 AND position = $2`, [invoiceId, position]);
  const a = r.rows[0];
  if (!a || !a.bytes) throw notFound({ sv: 'Bilagan finns inte.', en: 'No such attachment.' });
  return { bytes: fromBase64(a.bytes), filename: a.filename, mimeCode: a.mime_code };
}
