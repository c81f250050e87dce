// The fast path for intake: which supplier sent this invoice, in one query, by Peppol endpoint,
// organisationsnummer or VAT number (in that order of trust). Returns only the id.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { normaliseOrgNumber, normaliseVatNumber } from './identifiers.ts';

export type SupplierIdentification = { id: string; via: 'endpoint' | 'org-number' | 'vat-number' };

export async function identifySupplierId(tx: TenantTx, seller: { endpoint?: string | null; orgNumber?: string | null; vatNumber?: string | null }): Promise<SupplierIdentification | null> {
  let scheme: string | null = null;
  let ident: string | null = null;
  if (seller.endpoint) {
    let full = seller.endpoint.trim();
    if (full.toLowerCase().startsWith('iso6523-actorid-upis::')) full = full.slice('iso6523-actorid-upis::'.length);
    const colon = full.indexOf(':');
    if (colon > 0) { scheme = full.slice(0, colon).trim(); ident = full.slice(colon + 1).trim(); }
  }
  const org = seller.orgNumber ? normaliseOrgNumber(seller.orgNumber.replace(/[\s\u00a0]+/g, '')) : null;
  const vat = seller.vatNumber ? normaliseVatNumber(seller.vatNumber) : null;
  const orgFromVat = vat?.ok && vat.value.startsWith('SE') ? vat.value.slice(2, 12) : null;
  const r = await tx.query<SupplierIdentification>(
    `SELECT id, via FROM (
       SELECT supplier_id AS id, 'endpoint' AS via, 1 AS prio FROM supplier_endpoints WHERE $1::text IS NOT NULL AND scheme = $1 AND lower(identifier) = lower($2)
       UNION ALL SELECT id, 'org-number', 2 FROM suppliers WHERE $3::text IS NOT NULL AND org_number = $3
       UNION ALL SELECT id, 'vat-number', 3 FROM suppliers WHERE $4::text IS NOT NULL AND vat_number = $4
       UNION ALL SELECT id, 'vat-number', 4 FROM suppliers WHERE $5::text IS NOT NULL AND org_number = $5
     ) x ORDER BY prio LIMIT 1`,
    [scheme, ident, org?.ok ? org.value : null, vat?.ok ? vat.value : null, orgFromVat]);
  return r.rows[0] ?? null;
}
