// The intake pipeline, one door for all: Peppol inbox, CLI, upload and API. For one document:
// keep the bytes unchanged with their hash → unwrap the SBDH envelope → validate → find the tenant →
// (in one transaction) detect an exact duplicate by hash, identify the supplier, detect suspected
// duplicates, register the invoice with lines, VAT and attachments, write the audit event, and
// enqueue the Invoice Response for a rejected invoice. A crash at any point loses nothing and a
// retry registers nothing twice: the unique (tenant, hash) decides.
import { createHash } from 'node:crypto';
import type { Database } from '../../platform/db/types.ts';
import { withTenant, type TenantTx } from '../../platform/db/tenant.ts';
import { listTenants, type TenantRecord } from '../../platform/tenants.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import { newId } from '../../platform/ids.ts';
import { validateInvoice } from '../../formats/peppol/validate.ts';
import type { Finding } from '../../formats/peppol/rules/types.ts';
import { unwrapSbdh } from '../../formats/sbdh/unwrap.ts';
import { summarize, type InvoiceRecord } from './summarize.ts';
import { matchTenant } from './find-tenant.ts';
import { identifySupplier, requestOnboarding } from './supplier-lookup.ts';
import { insertInvoice, toBase64 } from './insert-invoice.ts';
import { routeNewInvoice } from '../handling/index.ts';

export type IngestSource = 'peppol' | 'upload' | 'api' | 'cli' | 'demo';
export type Outcome = 'registered' | 'duplicate' | 'suspected-duplicate' | 'rejected' | 'unknown-recipient';

export type IngestResult = {
  outcome: Outcome;
  invoiceId: string | null;
  /** The tenant's organisation number. */
  tenant: string | null;
  tenantId: string | null;
  findings: Finding[];
  duplicateOf?: string | null;
  syntax: string;
};

export type IngestInput = {
  bytes: Uint8Array;
  filename?: string | null;
  source: IngestSource;
  contentType?: string;
  /** Restrict to this tenant (id or organisation number): a document for another is unknown-recipient. */
  tenant?: string | null;
  actor?: Actor;
  /** Tenants, when the caller ingests many documents (saves a query per document). */
  tenants?: readonly TenantRecord[];
};

export const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

const finding = (rule: string, sv: string, en: string, location = '/'): Finding => ({ rule, severity: 'fatal', message: sv, messageEn: en, location });

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function ingestDocument(db: Database, input: IngestInput): Promise<IngestResult> {
  const bytes = input.bytes;
  const hash = sha256(bytes);
  const tenants = input.tenants ?? await listTenants(db);
  const hinted = input.tenant ? tenants.find((t) => t.id === input.tenant || t.orgNumber === input.tenant) ?? null : null;
  if (input.tenant && !hinted) {
    return { outcome: 'unknown-recipient', invoiceId: null, tenant: null, tenantId: null, syntax: 'unknown', findings: [finding('AVROP-INTAKE-003', `Kommunen ${input.tenant} finns inte i Avrop.`, `The municipality ${input.tenant} is not in Avrop.`)] };
  }

  const findings: Finding[] = [];
  let record: InvoiceRecord | null = null;
  let syntax = 'unknown';
  let envelopeReceiver: string | null = null;

  if (bytes.length === 0) {
    findings.push(finding('AVROP-INTAKE-001', 'Filen är tom.', 'The file is empty.'));
  } else if (bytes.length > MAX_DOCUMENT_BYTES) {
    findings.push(finding('AVROP-XML-001', `Dokumentet är för stort (${bytes.length} byte, högst ${MAX_DOCUMENT_BYTES}).`, `The document is too large (${bytes.length} bytes, at most ${MAX_DOCUMENT_BYTES}).`));
  } else {
    const env = unwrapSbdh(bytes, MAX_DOCUMENT_BYTES);
    let payload: Uint8Array | string = bytes;
    if (env.kind === 'broken') findings.push(finding('AVROP-SBDH-001', env.message, env.messageEn));
    else if (env.kind === 'envelope') { payload = env.envelope.payload; envelopeReceiver = env.envelope.receiver; }
    if (env.kind !== 'broken') {
      const v = validateInvoice(payload, { maxBytes: MAX_DOCUMENT_BYTES });
      syntax = v.syntax;
      findings.push(...v.findings);
      if (v.model && v.syntax !== 'unknown') record = summarize(v.model, v.syntax);
    }
  }

  // Which tenant?
  const match = matchTenant(tenants, envelopeReceiver, record?.buyerIds ?? []);
  let tenant = match.tenant;
  if (match.envelopeTenant && record && record.buyerIds.length > 0 && match.buyerTenant?.id !== match.envelopeTenant.id) {
    tenant = match.envelopeTenant;
    findings.push(finding('AVROP-SBDH-002',
      `Kuvertets mottagare (${envelopeReceiver}) stämmer inte med fakturans köpare (${record.buyerIds.join(', ')}).`,
      `The envelope's receiver (${envelopeReceiver}) does not match the invoice's buyer (${record.buyerIds.join(', ')}).`));
  }
  if (hinted) {
    if (tenant && tenant.id !== hinted.id) tenant = null;
    else if (!tenant && (!record || record.buyerIds.length === 0)) tenant = hinted; // unreadable: keep it where it was sent
  }
  if (!tenant) {
    await db.query(
      `INSERT INTO unrouted_documents (id, sha256, bytes, filename, source, reason, buyer_ids) VALUES ($1, $2, decode($3, 'base64'), $4, $5, $6, $7::jsonb) ON CONFLICT (sha256) DO NOTHING`,
      [newId('unr'), hash, toBase64(bytes), input.filename ?? null, input.source, 'unknown-recipient', JSON.stringify(record?.buyerIds ?? [])]);
    const ids = record?.buyerIds.join(', ') || (envelopeReceiver ?? '');
    return {
      outcome: 'unknown-recipient', invoiceId: null, tenant: null, tenantId: null, syntax,
      findings: [...findings, finding('AVROP-INTAKE-002', `Mottagaren ${ids ? `(${ids}) ` : ''}är ingen av kommunerna i Avrop.`, `The recipient ${ids ? `(${ids}) ` : ''}is none of the municipalities in Avrop.`)],
    };
  }

  const fatal = findings.some((f) => f.severity === 'fatal');
  const t = tenant;
  const result = await withTenant(db, t.id, (tx) => registerInTenant(tx, { ...input, hash, record, findings, fatal, syntax, target: t }));
  return { ...result, tenant: t.orgNumber, tenantId: t.id, findings, syntax };
}

type RegisterInput = Omit<IngestInput, 'tenant'> & { hash: string; record: InvoiceRecord | null; findings: Finding[]; fatal: boolean; syntax: string; target: TenantRecord };

async function registerInTenant(tx: TenantTx, i: RegisterInput): Promise<{ outcome: Outcome; invoiceId: string | null; duplicateOf?: string | null }> {
  const documentId = newId('doc');
  const invoiceId = newId('inv');
  const doc = await tx.query<{ id: string }>(
    `INSERT INTO inbound_documents (id, tenant_id, sha256, bytes, filename, content_type, source, invoice_id) VALUES ($1, $2, $3, decode($4, 'base64'), $5, $6, $7, $8)
     ON CONFLICT (tenant_id, sha256) DO NOTHING RETURNING id`,
    [documentId, tx.tenantId, i.hash, toBase64(i.bytes), i.filename ?? null, i.contentType ?? 'application/xml', i.source, invoiceId]);
  if (doc.rows.length === 0) {
    const first = await tx.query<{ invoice_id: string | null }>('SELECT invoice_id FROM inbound_documents WHERE sha256 = $1', [i.hash]);
    return { outcome: 'duplicate', invoiceId: first.rows[0]?.invoice_id ?? null, duplicateOf: first.rows[0]?.invoice_id ?? null };
  }

  const r = i.record;
  const supplier = r && !i.fatal ? await identifySupplier(tx, r) : null;
  let status: 'to_identify' | 'rejected' | 'suspected_duplicate' = i.fatal ? 'rejected' : 'to_identify';
  let duplicateOf: string | null = null;
  let duplicateReason: string | null = null;
  if (r && status === 'to_identify') {
    const suspect = await findSuspectedDuplicate(tx, supplier?.supplierId ?? null, r);
    if (suspect) { status = 'suspected_duplicate'; duplicateOf = suspect.id; duplicateReason = suspect.reason; }
  }
  await insertInvoice(tx, {
    id: invoiceId, documentId, supplierId: supplier?.supplierId ?? null, status, source: i.source,
    format: r?.format ?? 'unknown', record: r, findings: i.findings, duplicateOf, duplicateReason,
  });
  if (r && !supplier && status !== 'rejected') await requestOnboarding(tx, i.actor ?? null, r, invoiceId);
  if (status === 'to_identify') await routeNewInvoice(tx, i.actor ?? null, invoiceId);
  await recordEvent(tx, {
    actor: i.actor ?? null, action: status === 'rejected' ? 'invoice.reject_on_receipt' : 'invoice.receive', entityType: 'invoice', entityId: invoiceId,
    after: {
      status, source: i.source, filename: i.filename ?? null, sha256: i.hash, invoiceNumber: r?.invoiceNumber ?? null,
      supplierId: supplier?.supplierId ?? null, supplierMatchedBy: supplier?.via ?? null, duplicateOf,
      fatalFindings: i.findings.filter((f) => f.severity === 'fatal').map((f) => f.rule),
    },
  });
  if (status === 'rejected') {
    await enqueueJob(tx, { tenantId: tx.tenantId, kind: 'invoice.write_response', payload: { invoiceId }, idempotencyKey: `invoice-response:${invoiceId}` });
  }
  const outcome: Outcome = status === 'suspected_duplicate' ? 'suspected-duplicate' : status === 'rejected' ? 'rejected' : 'registered';
  return { outcome, invoiceId, duplicateOf };
}

/** Same supplier and invoice number; or same supplier, amount, date and payment reference (OCR). One query. */
async function findSuspectedDuplicate(tx: TenantTx, supplierId: string | null, r: InvoiceRecord): Promise<{ id: string; reason: string } | null> {
  const seller = supplierId ? 'supplier_id = $1' : 'supplier_id IS NULL AND seller_org_number = $1';
  const key = supplierId ?? r.sellerOrgNumber;
  if (!key) return null;
  const byAmount = r.grossAmountOre !== null && r.issueDate && r.paymentReference;
  if (!r.invoiceNumber && !byAmount) return null;
  const found = await tx.query<{ id: string; reason: string }>(
    `SELECT id, CASE WHEN invoice_number = $2 AND is_credit_note = $3 THEN 'same-number' ELSE 'same-amount-date-ocr' END AS reason
       FROM invoices
      WHERE ${seller} AND status <> 'rejected'
        AND ((invoice_number = $2 AND is_credit_note = $3) OR (gross_amount_ore = $4 AND issue_date = $5::date AND payment_reference = $6))
      ORDER BY (invoice_number = $2) DESC, received_at LIMIT 1`,
    [key, r.invoiceNumber, r.isCreditNote, byAmount ? r.grossAmountOre!.toString() : null, byAmount ? r.issueDate : null, byAmount ? r.paymentReference : null]);
  return found.rows[0] ?? null;
}

