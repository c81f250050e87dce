// Which municipality a document is for: the SBDH receiver and the invoice buyer's endpoint id,
// legal id or VAT number, matched against the tenants' Peppol ids and organisation numbers.
import type { TenantRecord } from '../../platform/tenants.ts';
import { swedishOrgNumber } from './summarize.ts';

function normaliseParticipant(id: string): string {
  return id.trim().toLowerCase().replace(/^iso6523-actorid-upis::/, '');
}

/** The tenant an identifier names, or null. Accepts `0007:2120002411`, `2120002411`, `212000-2411`, `SE212000241101`. */
export function tenantForIdentifier(tenants: readonly TenantRecord[], id: string): TenantRecord | null {
  const p = normaliseParticipant(id);
  const byPeppol = tenants.find((t) => t.peppolId && normaliseParticipant(t.peppolId) === p);
  if (byPeppol) return byPeppol;
  const org = swedishOrgNumber(p.includes(':') && !p.startsWith('0007:') ? '' : p);
  return org ? tenants.find((t) => t.orgNumber === org) ?? null : null;
}

export type TenantMatch = { tenant: TenantRecord | null; envelopeTenant: TenantRecord | null; buyerTenant: TenantRecord | null };

export function matchTenant(tenants: readonly TenantRecord[], envelopeReceiver: string | null, buyerIds: readonly string[]): TenantMatch {
  const envelopeTenant = envelopeReceiver ? tenantForIdentifier(tenants, envelopeReceiver) : null;
  let buyerTenant: TenantRecord | null = null;
  for (const id of buyerIds) {
    buyerTenant = tenantForIdentifier(tenants, id);
    if (buyerTenant) break;
  }
  return { tenant: buyerTenant ?? envelopeTenant, envelopeTenant, buyerTenant };
}
