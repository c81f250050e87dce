// The job that writes a Peppol Invoice Response (rejection) for an invoice refused on receipt into
// the outbox folder `<data dir>/peppol/out/`, where the access-point operator picks it up.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../platform/db/types.ts';
import { withTenant } from '../../platform/db/tenant.ts';
import { recordEvent } from '../../platform/audit/index.ts';
import type { JobRow } from '../../platform/jobs/jobs.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import type { Finding } from '../../formats/peppol/rules/types.ts';
import { reasonForRule, writeInvoiceResponse } from '../../formats/invoice-response/write-invoice-response.ts';

export function outboxDir(dataDir: string): string {
  return join(dataDir, 'peppol', 'out');
}

type Row = { invoice_number: string | null; issue_date: string | null; is_credit_note: boolean; seller_endpoint: string | null; seller_name: string | null; findings: Finding[]; tenant_name: string; peppol_id: string | null; org_number: string };

export async function writeResponseFile(db: Database, dataDir: string, job: JobRow): Promise<void> {
  const invoiceId = String(job.payload.invoiceId);
  if (!job.tenant_id) throw new Error('job without tenant');
  await withTenant(db, job.tenant_id, async (tx) => {
    const r = (await tx.query<Row>(
      `SELECT i.invoice_number, i.issue_date, i.is_credit_note, i.seller_endpoint, i.seller_name, i.findings, t.name AS tenant_name, t.peppol_id, t.org_number
         FROM invoices i JOIN tenants t ON t.id = i.tenant_id WHERE i.id = $1`, [invoiceId])).rows[0];
    if (!r) throw new Error(`invoice ${invoiceId} not found`);
    const [sellerScheme, ...sellerRest] = (r.seller_endpoint ?? '').split(':');
    const [ourScheme, ...ourRest] = (r.peppol_id ?? `0007:${r.org_number.replace('-', '')}`).split(':');
    if (!r.seller_endpoint || sellerRest.length === 0) {
      // Nobody to answer electronically: the clerk sees the rejection in "Avvisade" and contacts the supplier.
      await tx.query(`UPDATE invoices SET response_status = 'not_sent' WHERE id = $1`, [invoiceId]);
      await recordEvent(tx, { actor: null, action: 'invoice.response_not_sent', entityType: 'invoice', entityId: invoiceId, after: { reason: 'seller endpoint missing' } });
      return;
    }
    const fatal = r.findings.filter((f) => f.severity === 'fatal').slice(0, 20);
    const xml = writeInvoiceResponse({
      id: `ir-${invoiceId}`,
      issueDate: todayInStockholm(),
      note: 'Fakturan avvisades vid mottagandet eftersom den inte uppfyller Peppol BIS Billing 3.0 / EN 16931. Skicka en ny, rättad faktura.',
      sender: { endpointScheme: ourScheme!, endpointId: ourRest.join(':'), name: r.tenant_name },
      receiver: { endpointScheme: sellerScheme!, endpointId: sellerRest.join(':'), name: r.seller_name ?? sellerRest.join(':') },
      responseCode: 'RE',
      statuses: (fatal.length ? fatal : [{ rule: 'AVROP-INTAKE', message: 'Fakturan kunde inte läsas.' } as Finding]).map((f) => ({ reason: reasonForRule(f.rule), text: `${f.rule}: ${f.message}` })),
      invoice: { id: r.invoice_number ?? 'okänt', issueDate: r.issue_date, typeCode: r.is_credit_note ? '381' : '380' },
    });
    const dir = outboxDir(dataDir);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `invoice-response-${invoiceId}.xml`);
    writeFileSync(`${file}.tmp`, xml);
    renameSync(`${file}.tmp`, file); // the operator never sees half a file
    await tx.query(`UPDATE invoices SET response_status = 'written' WHERE id = $1`, [invoiceId]);
    await recordEvent(tx, { actor: null, action: 'invoice.response_written', entityType: 'invoice', entityId: invoiceId, after: { file: `peppol/out/invoice-response-${invoiceId}.xml`, responseCode: 'RE' } });
  });
}
