// How intake finds the supplier of an invoice, through the supplier register's public functions:
// by Peppol endpoint id, organisation number, then VAT number. An unknown supplier gets an
// onboarding task; the register is never extended silently.
import type { TenantTx } from '../../platform/db/tenant.ts';
import type { Actor } from '../../platform/audit/index.ts';
import { createOnboardingTask, findSupplierByEndpoint, findSupplierByOrgNumber, findSupplierByVatNumber } from '../suppliers/index.ts';
import type { InvoiceRecord } from './summarize.ts';

export type SupplierMatch = { supplierId: string; via: 'endpoint' | 'org-number' | 'vat-number' } | null;

export async function identifySupplier(tx: TenantTx, r: InvoiceRecord): Promise<SupplierMatch> {
  if (r.sellerEndpoint && r.sellerEndpoint.includes(':')) {
    const [scheme, ...rest] = r.sellerEndpoint.split(':');
    const s = await findSupplierByEndpoint(tx, scheme!, rest.join(':'));
    if (s) return { supplierId: s.id, via: 'endpoint' };
  }
  if (r.sellerOrgNumber) {
    const s = await findSupplierByOrgNumber(tx, r.sellerOrgNumber);
    if (s) return { supplierId: s.id, via: 'org-number' };
  }
  if (r.sellerVatNumber) {
    const s = await findSupplierByVatNumber(tx, r.sellerVatNumber);
    if (s) return { supplierId: s.id, via: 'vat-number' };
  }
  return null;
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
