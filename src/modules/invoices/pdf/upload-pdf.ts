// A PDF invoice from a supplier not yet on Peppol: keep the file unchanged (content hash, exactly
// once), extract its text, propose the fields and the supplier. The invoice is registered only when
// a clerk confirms (confirm-pdf.ts).
import type { Database } from '../../../platform/db/types.ts';
import { withTenant } from '../../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../../platform/audit/index.ts';
import { AppError, conflict, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { findSupplierByOrgNumber, findSupplierByPaymentAccount, findSupplierByVatNumber, type Supplier } from '../../suppliers/index.ts';
import { fromBase64, toBase64 } from '../insert-invoice.ts';
import { sha256 } from '../ingest-document.ts';
import { extractPdfText, MAX_PDF_BYTES } from './extract-text.ts';
import { proposeFields, type PdfProposal } from './propose-fields.ts';

export type PdfDraft = { draftId: string; status: 'draft' | 'confirmed'; invoiceId: string | null; proposal: PdfProposal; text: string; filename: string | null };

const reasons = {
  'not-pdf': { sv: 'Filen är ingen PDF.', en: 'The file is not a PDF.' },
  'too-large': { sv: `PDF-filen är för stor (högst ${MAX_PDF_BYTES / 1024 / 1024} MB).`, en: `The PDF is too large (at most ${MAX_PDF_BYTES / 1024 / 1024} MB).` },
  'unreadable': { sv: 'PDF-filen är trasig och kan inte läsas.', en: 'The PDF is damaged and cannot be read.' },
  'encrypted': { sv: 'PDF-filen är lösenordsskyddad och kan inte läsas.', en: 'The PDF is password-protected and cannot be read.' },
} as const;

export async function uploadPdf(db: Database, tenantId: string, actor: Actor, input: { bytes: Uint8Array; filename: string | null }): Promise<PdfDraft> {
  const extracted = await extractPdfText(input.bytes);
  if (!extracted.ok) throw new AppError('validation_failed', reasons[extracted.reason], { reason: extracted.reason });
  const hash = sha256(input.bytes);
  const fields = proposeFields(extracted.text);
  return withTenant(db, tenantId, async (tx) => {
    const documentId = newId('doc');
    const doc = await tx.query<{ id: string }>(
      `INSERT INTO inbound_documents (id, tenant_id, sha256, bytes, filename, content_type, source) VALUES ($1, $2, $3, decode($4, 'base64'), $5, 'application/pdf', 'pdf')
       ON CONFLICT (tenant_id, sha256) DO NOTHING RETURNING id`,
      [documentId, tx.tenantId, hash, toBase64(input.bytes), input.filename]);
    if (doc.rows.length === 0) {
      const existing = await tx.query<{ id: string; invoice_id: string | null }>(
        'SELECT p.id, coalesce(p.invoice_id, d.invoice_id) AS invoice_id FROM inbound_documents d LEFT JOIN pdf_drafts p ON p.document_id = d.id WHERE d.sha256 = $1', [hash]);
      throw conflict({ sv: 'Samma fil har redan tagits emot.', en: 'The same file has already been received.' }, { draftId: existing.rows[0]?.id ?? null, invoiceId: existing.rows[0]?.invoice_id ?? null });
    }
    let supplier: Supplier | null = null;
    if (fields.orgNumber) supplier = await findSupplierByOrgNumber(tx, fields.orgNumber);
    if (!supplier && fields.vatNumber) supplier = await findSupplierByVatNumber(tx, fields.vatNumber);
    if (!supplier && fields.bankgiro) supplier = await findSupplierByPaymentAccount(tx, 'bankgiro', fields.bankgiro);
    if (!supplier && fields.plusgiro) supplier = await findSupplierByPaymentAccount(tx, 'plusgiro', fields.plusgiro);
    const proposal: PdfProposal = { ...fields, supplierId: supplier?.id ?? null, supplierName: supplier?.name ?? null };
    const draftId = newId('pdf');
    const text = extracted.text.slice(0, 20000);
    await tx.query('INSERT INTO pdf_drafts (id, tenant_id, document_id, text, proposal, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
      [draftId, tx.tenantId, documentId, text, JSON.stringify(proposal), actor?.id ?? null]);
    await recordEvent(tx, { actor, action: 'invoice.pdf_received', entityType: 'pdf_draft', entityId: draftId, after: { filename: input.filename, sha256: hash, pages: extracted.pages, proposal } });
    return { draftId, status: 'draft', invoiceId: null, proposal, text, filename: input.filename };
  });
}

export async function getPdfDraft(db: Database, tenantId: string, draftId: string): Promise<PdfDraft> {
  return withTenant(db, tenantId, async (tx) => {
    const r = await tx.query<{ id: string; status: 'draft' | 'confirmed'; invoice_id: string | null; proposal: PdfProposal; text: string; filename: string | null }>(
      'SELECT p.id, p.status, p.invoice_id, p.proposal, p.text, d.filename FROM pdf_drafts p JOIN inbound_documents d ON d.id = p.document_id WHERE p.id = $1', [draftId]);
    const d = r.rows[0];
    if (!d) throw notFound({ sv: 'PDF-utkastet finns inte.', en: 'No such PDF draft.' });
    return { draftId: d.id, status: d.status, invoiceId: d.invoice_id, proposal: d.proposal, text: d.text, filename: d.filename };
  });
}

export async function getPdfFile(db: Database, tenantId: string, draftId: string): Promise<{ bytes: Buffer; filename: string | null }> {
  return withTenant(db, tenantId, async (tx) => {
    const r = await tx.query<{ bytes: string; filename: string | null }>(
      `SELECT encode(d.bytes, 'base64') AS bytes, d.filename FROM pdf_drafts p JOIN inbound_documents d ON d.id = p.document_id WHERE p.id = $1`, [draftId]);
    if (!r.rows[0]) throw notFound({ sv: 'PDF-utkastet finns inte.', en: 'No such PDF draft.' });
    return { bytes: fromBase64(r.rows[0].bytes), filename: r.rows[0].filename };
  });
}
