// How intake finds the supplier of an invoice, through the supplier register's public functions:
// by Peppol endpoint id, organisation number, then VAT number. An unknown supplier gets an
// onboarding task; the register is never extended silently.
import type { TenantTx } from '../../platform/db/tenant.ts';
import type { Actor } from '../../platform/audit/index.ts';
import { createOnboardingTask, identifySupplierId } from '../suppliers/index.ts';
import type { InvoiceRecord } from './summarize.ts';

export type SupplierMatch = { supplierId: string; via: 'endpoint' | 'org-number' | 'vat-number' } | null;

export async function identifySupplier(tx: TenantTx, r: InvoiceRecord): Promise<SupplierMatch> {
  const s = await identifySupplierId(tx, { endpoint: r.sellerEndpoint, orgNumber: r.sellerOrgNumber, vatNumber: r.sellerVatNumber });
  return s ? { supplierId: s.id, via: s.via } : null;
}

export async function requestOnboarding(tx: TenantTx, actor: Actor, r: InvoiceRecord, invoiceId: string): Promise<void> {
  await createOnboardingTask(tx, actor, {
    name: r.sellerName ?? r.sellerOrgNumber ?? r.sellerVatNumber ?? r.sellerEndpoint ?? 'Okänd leverantör',
    orgNumber: r.sellerOrgNumber,
    vatNumber: r.sellerVatNumber,
    endpointId: r.sellerEndpoint,
    source: { invoiceId },
  });
}
