// Tenants: the municipalities one installation serves. Creating one is system work (owner role).
import type { Database, Tx } from './db/types.ts';
import { AppError, conflict } from './errors.ts';
import { newId } from './ids.ts';

export type TenantRecord = { id: string; name: string; orgNumber: string; peppolId: string | null };

const orgPattern = /^\d{6}-\d{4}$/;

export async function createTenant(tx: Tx, input: { name: string; orgNumber: string; peppolId?: string | null }): Promise<TenantRecord> {
  if (!orgPattern.test(input.orgNumber)) throw new AppError('validation_failed', { sv: 'Organisationsnummer ska skrivas NNNNNN-NNNN.', en: 'Organisation number must be NNNNNN-NNNN.' });
  const dup = await tx.query('SELECT 1 FROM tenants WHERE org_number = $1', [input.orgNumber]);
  if (dup.rows.length) throw conflict({ sv: `Kommunen ${input.orgNumber} finns redan.`, en: `The municipality ${input.orgNumber} already exists.` });
  const id = newId('ten');
  await tx.query('INSERT INTO tenants (id, name, org_number, peppol_id) VALUES ($1, $2, $3, $4)', [id, input.name, input.orgNumber, input.peppolId ?? null]);
  return { id, name: input.name, orgNumber: input.orgNumber, peppolId: input.peppolId ?? null };
}

export async function listTenants(db: Database | Tx): Promise<TenantRecord[]> {
  const r = await db.query<{ id: string; name: string; org_number: string; peppol_id: string | null }>('SELECT id, name, org_number, peppol_id FROM tenants ORDER BY name');
  return r.rows.map((t) => ({ id: t.id, name: t.name, orgNumber: t.org_number, peppolId: t.peppol_id }));
}

export async function findTenant(db: Database | Tx, idOrOrgNumber: string): Promise<TenantRecord | null> {
  return (await listTenants(db)).find((t) => t.id === idOrOrgNumber || t.orgNumber === idOrOrgNumber) ?? null;
}
