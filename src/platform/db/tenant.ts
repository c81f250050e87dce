// Tenant-scoped work runs as the non-owner role `avrop_app` with `app.tenant_id` set for the
// transaction: row-level security then shows and accepts only that tenant's rows, even if a query
// forgets its filter. A transaction without a tenant sees nothing.
import type { Database, Tx } from './types.ts';
import { AppError } from '../errors.ts';

export const APP_ROLE = 'avrop_app';
const tenantIdPattern = /^ten_[0-9a-z]{26}$/;

export type TenantTx = Tx & { readonly tenantId: string };

export async function withTenant<T>(db: Database, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn({ query: tx.query, exec: tx.exec, tenantId }), { prelude: tenantPrelude(tenantId) });
}

function tenantPrelude(tenantId: string): string {
  if (!tenantIdPattern.test(tenantId)) throw new AppError('internal', `invalid tenant id ${JSON.stringify(tenantId)}`);
  return `SET LOCAL ROLE ${APP_ROLE}; SELECT set_config('app.tenant_id', '${tenantId}', true)`;
}

/** Switches an open transaction to the application role and the tenant, for its remaining life. */
export async function enterTenant(tx: Tx, tenantId: string): Promise<TenantTx> {
  await tx.exec(tenantPrelude(tenantId));
  return { query: tx.query, exec: tx.exec, tenantId };
}
