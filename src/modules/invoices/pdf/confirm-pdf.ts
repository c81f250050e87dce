// The clerk confirms a PDF invoice's fields: it is registered as an invoice marked PDF (so the share
// of e-invoices can be measured), with the same duplicate checks as e-invoices.
import type { Database } from '../../../platform/db/types.ts';
import { withTenant } from '../../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../../platform/audit/index.ts';
import { AppError, conflict, notFound, validationError } from '../../../platform/errors.ts';
import { isIsoDate } from '../../../platform/dates.ts';
import { newId } from '../../../platform/ids.ts';
import { parseOre } from '../../../platform/money.ts';
import { getSupplier } from '../../suppliers/index.ts';
import { routeNewInvoice } from '../../handling/index.ts';
import { insertInvoice } from '../insert-invoice.ts';
import type { InvoiceRecord } from '../summarize.ts';

export type ConfirmPdfInput = {
  supplierId: string; invoiceNumber: string; issueDate: string; dueDate: string; currency: string;
  netAmount: string; vatAmount: string; grossAmount: string; ocr?: string | null | undefined; buyerReference?: string | null | undefined;
  isCreditNote?: boolean | undefined;
};

export async function confirmPdf(db: Database, tenantId: string, actor: Actor, draftId: string, input: ConfirmPdfInput): Promise<{ invoiceId: string; outcome: 'registered' | 'suspected-duplicate' }> {
  const issues: { path: string; message: string }[] = [];
  if (!input.invoiceNumber.trim()) issues.push({ path: 'invoiceNumber', message: 'Fakturanummer saknas.' });
  if (!isIsoDate(input.issueDate)) issues.push({ path: 'issueDate', message: 'Ogiltigt fakturadatum.' });
  if (!isIsoDate(input.dueDate)) issues.push({ path: 'dueDate', message: 'Ogiltigt förfallodatum.' });
  else if (isIsoDate(input.issueDate) && input.dueDate < input.issueDate) issues.push({ path: 'dueDate', message: 'Förfallodatum är före fakturadatum.' });
  if (!/^[A-Z]{3}$/.test(input.currency)) issues.push({ path: 'currency', message: 'Ogiltig valuta.' });
  if (issues.length) throw validationError(issues);
  const net = parseOre(input.netAmount, 'netAmount');
  const vat = parseOre(input.vatAmount, 'vatAmount');
  const gross = parseOre(input.grossAmount, 'grossAmount');
  if (net + vat !== gross) {
    throw validationError([{ path: 'grossAmount', message: 'Belopp exkl. moms plus moms ska vara lika med att betala.' }],
      { sv: 'Beloppen går inte ihop: belopp exkl. moms + moms ska bli beloppet att betala.', en: 'The amounts do not add up: net + VAT must equal the gross amount.' });
  }
  return withTenant(db, tenantId, async (tx) => {
    const d = (await tx.query<{ id: string; status: string; document_id: string }>('SELECT id, status, document_id FROM pdf_drafts WHERE id = $1 FOR UPDATE', [draftId])).rows[0];
    if (!d) throw notFound({ sv: 'PDF-utkastet finns inte.', en: 'No such PDF draft.' });
    if (d.status !== 'draft') throw conflict({ sv: 'PDF-fakturan är redan registrerad.', en: 'The PDF invoice is already registered.' });
    const supplier = await getSupplier(tx, input.supplierId).catch(() => null);
    if (!supplier) throw validationError([{ path: 'supplierId', message: 'Välj en leverantör ur leverantörsregistret.' }]);
    if (supplier.blocked) throw new AppError('conflict', { sv: `Leverantören ${supplier.name} är spärrad: ${supplier.blockedReason ?? ''}`, en: `The supplier ${supplier.name} is blocked: ${supplier.blockedReason ?? ''}` });
    const dup = await tx.query<{ id: string }>(
      `SELECT id FROM invoices WHERE supplier_id = $1 AND invoice_number = $2 AND status <> 'rejected' ORDER BY received_at LIMIT 1`, [supplier.id, input.invoiceNumber.trim()]);
    const record: InvoiceRecord = {
      format: 'ubl-invoice', isCreditNote: input.isCreditNote ?? false, invoiceNumber: input.invoiceNumber.trim(), typeCode: input.isCreditNote ? '381' : '380',
      issueDate: input.issueDate, dueDate: input.dueDate, currency: input.currency, buyerReference: input.buyerReference?.trim() || null,
      orderReference: null, contractReference: null, accountingReference: null, note: null, sellerName: supplier.name, sellerOrgNumber: supplier.orgNumber,
      sellerVatNumber: supplier.vatNumber, sellerEndpoint: null, buyerEndpoint: null, buyerIds: [], paymentReference: input.ocr?.trim() || null,
      paymentAccounts: supplier.accounts.filter((a) => !a.endedAt).map((a) => ({ type: a.type === 'bank' ? 'bank' : a.type, id: a.number, scheme: a.type.toUpperCase(), bic: a.bic, name: null })),
      netAmountOre: net, vatAmountOre: vat, grossAmountOre: gross, payableAmountOre: gross, lines: [], vat: [], attachments: [],
    };
    const invoiceId = newId('inv');
    const status = dup.rows[0] ? 'suspected_duplicate' : 'to_identify';
    await insertInvoice(tx, { id: invoiceId, documentId: d.document_id, supplierId: supplier.id, status, source: 'pdf', format: 'pdf', record, findings: [], duplicateOf: dup.rows[0]?.id ?? null, duplicateReason: dup.rows[0] ? 'same-number' : null });
    await tx.query('UPDATE inbound_documents SET invoice_id = $2 WHERE id = $1', [d.document_id, invoiceId]);
    await tx.query(`UPDATE pdf_drafts SET status = 'confirmed', invoice_id = $2 WHERE id = $1`, [draftId, invoiceId]);
    await recordEvent(tx, { actor, action: 'invoice.receive', entityType: 'invoice', entityId: invoiceId, after: { status, source: 'pdf', draftId, invoiceNumber: record.invoiceNumber, supplierId: supplier.id, gross: input.grossAmount } });
    if (status === 'to_identify') await routeNewInvoice(tx, actor, invoiceId);
    return { invoiceId, outcome: status === 'to_identify' ? 'registered' as const : 'suspected-duplicate' as const };
  });
}
