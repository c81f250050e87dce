// Payment accounts of a supplier, with four-eyes verification: an account someone added stays
// unverified until a different person verifies it. Adding, verifying and ending are audit events.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { checkAccounts, getSupplier, insertAccount, accountSelect, toAccount, type PaymentAccount, type Supplier } from './suppliers.ts';
import type { AccountInput } from './identifiers.ts';

type LockedAccount = { id: string; supplier_id: string; status: 'unverified' | 'verified'; added_by: string | null; ended_at: Date | null };

async function loadAccount(tx: TenantTx, supplierId: string, accountId: string): Promise<LockedAccount> {
  const r = await tx.query<LockedAccount>('SELECT id, supplier_id, status, added_by, ended_at FROM supplier_accounts WHERE id = $1 AND supplier_id = $2 FOR UPDATE', [accountId, supplierId]);
  if (!r.rows[0]) throw notFound({ sv: 'Kontot finns inte hos leverantören.', en: 'No such account for the supplier.' });
  return r.rows[0];
}

async function accountView(tx: TenantTx, id: string): Promise<PaymentAccount> {
  return toAccount((await tx.query<Parameters<typeof toAccount>[0]>(`${accountSelect} WHERE a.id = $1`, [id])).rows[0]!);
}

/** Adds a payment account (unverified). The type is explicit; the number is checked for that type. */
export async function addAccount(tx: TenantTx, actor: Actor, supplierId: string, input: AccountInput): Promise<Supplier> {
  await getSupplier(tx, supplierId, true);
  const [account] = checkAccounts([input], 'account');
  const id = await insertAccount(tx, actor, supplierId, account!);
  await tx.query('UPDATE suppliers SET updated_at = now(), version = version + 1 WHERE id = $1', [supplierId]);
  await recordEvent(tx, { actor, action: 'supplier_account.add', entityType: 'supplier', entityId: supplierId, after: await accountView(tx, id) });
  return getSupplier(tx, supplierId);
}

/** Verifies an account. The verifier must be a person other than the one who added it. */
export async function verifyAccount(tx: TenantTx, actor: Actor, supplierId: string, accountId: string): Promise<Supplier> {
  await getSupplier(tx, supplierId, true);
  const a = await loadAccount(tx, supplierId, accountId);
  if (a.ended_at) throw conflict({ sv: 'Kontot är avslutat och kan inte verifieras.', en: 'The account has ended and cannot be verified.' });
  if (a.status === 'verified') throw conflict({ sv: 'Kontot är redan verifierat.', en: 'The account is already verified.' });
  if (!actor) throw forbidden({ sv: 'Ett konto verifieras av en inloggad person.', en: 'An account is verified by a signed-in person.' });
  if (a.added_by === actor.id) {
    throw forbidden({ sv: 'Du har själv lagt in kontot. En annan person måste verifiera det (fyraögonsprincipen).', en: 'You added the account yourself. Another person must verify it (four-eyes principle).' });
  }
  const before = await accountView(tx, accountId);
  await tx.query("UPDATE supplier_accounts SET status = 'verified', verified_by = $2, verified_at = now() WHERE id = $1", [accountId, actor.id]);
  await tx.query('UPDATE suppliers SET updated_at = now(), version = version + 1 WHERE id = $1', [supplierId]);
  await recordEvent(tx, { actor, action: 'supplier_account.verify', entityType: 'supplier', entityId: supplierId, before, after: await accountView(tx, accountId) });
  return getSupplier(tx, supplierId);
}

/** Ends an account: it is kept for history but no longer identifies the supplier or receives payments. */
export async function endAccount(tx: TenantTx, actor: Actor, supplierId: string, accountId: string): Promise<Supplier> {
  await getSupplier(tx, supplierId, true);
  const a = await loadAccount(tx, supplierId, accountId);
  if (a.ended_at) throw conflict({ sv: 'Kontot är redan avslutat.', en: 'The account has already ended.' });
  const before = await accountView(tx, accountId);
  await tx.query('UPDATE supplier_accounts SET ended_by = $2, ended_at = now() WHERE id = $1', [accountId, actor?.id ?? null]);
  await tx.query('UPDATE suppliers SET updated_at = now(), version = version + 1 WHERE id = $1', [supplierId]);
  await recordEvent(tx, { actor, action: 'supplier_account.end', entityType: 'supplier', entityId: supplierId, before, after: await accountView(tx, accountId) });
  return getSupplier(tx, supplierId);
}

/** Demo and migration only: marks an account verified by a system actor (no person). Audited. */
export async function markAccountVerifiedBySystem(tx: TenantTx, supplierId: string, accountId: string, note: string): Promise<void> {
  await tx.query("UPDATE supplier_accounts SET status = 'verified', verified_at = now() WHERE id = $1 AND supplier_id = $2 AND status = 'unverified'", [accountId, supplierId]);
  await recordEvent(tx, { actor: null, action: 'supplier_account.verify', entityType: 'supplier', entityId: supplierId, after: { accountId, note } });
}
