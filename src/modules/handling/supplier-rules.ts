// Supplier rules: "this supplier's invoices go to person Y / ansvar X", optionally with the konto,
// dimensions and VAT handling they are usually coded to. One rule per supplier.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { findValidValue } from '../org/index.ts';
import type { VatHandling } from '../ledger/index.ts';

export type SupplierRule = {
  id: string; supplierId: string; supplierName: string; userId: string | null; username: string | null; displayName: string | null;
  ansvar: string | null; konto: string | null; dimensions: Record<string, string>; vatHandling: VatHandling | null; note: string | null; version: number;
};

type Row = {
  id: string; supplier_id: string; supplier_name: string; user_id: string | null; username: string | null; display_name: string | null;
  ansvar: string | null; konto: string | null; dimensions: Record<string, string>; vat_handling: VatHandling | null; note: string | null; version: number;
};
const toRule = (r: Row): SupplierRule => ({
  id: r.id, supplierId: r.supplier_id, supplierName: r.supplier_name, userId: r.user_id, username: r.username, displayName: r.display_name,
  ansvar: r.ansvar, konto: r.konto, dimensions: r.dimensions, vatHandling: r.vat_handling, note: r.note, version: r.version,
});
const select = `SELECT r.id, r.supplier_id, s.name AS supplier_name, r.user_id, u.username, u.display_name, r.ansvar, r.konto, r.dimensions, r.vat_handling, r.note, r.version
  FROM supplier_rules r JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN users u ON u.id = r.user_id`;

export async function listSupplierRules(tx: TenantTx): Promise<SupplierRule[]> {
  return (await tx.query<Row>(`${select} ORDER BY s.name`)).rows.map(toRule);
}

export async function supplierRuleFor(tx: TenantTx, supplierId: string): Promise<SupplierRule | null> {
  const r = await tx.query<Row>(`${select} WHERE r.supplier_id = $1`, [supplierId]);
  return r.rows[0] ? toRule(r.rows[0]) : null;
}

export type SupplierRuleInput = { supplierId: string; userId?: string | null; ansvar?: string | null; konto?: string | null; dimensions?: Record<string, string>; vatHandling?: VatHandling | null; note?: string | null };

/** Creates or replaces the supplier's rule. */
export async function saveSupplierRule(tx: TenantTx, actor: Actor, input: SupplierRuleInput): Promise<SupplierRule> {
  const issues: { path: string; message: string }[] = [];
  const today = todayInStockholm();
  const s = await tx.query('SELECT 1 FROM suppliers WHERE id = $1', [input.supplierId]);
  if (!s.rows.length) issues.push({ path: 'supplierId', message: 'Leverantören finns inte.' });
  if (!input.userId && !input.ansvar && !input.konto) issues.push({ path: 'userId', message: 'Ange person, ansvar eller konto.' });
  if (input.userId) {
    const u = await tx.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [input.userId]);
    if (!u.rows[0]?.active) issues.push({ path: 'userId', message: 'Personen finns inte eller är inaktiv.' });
  }
  if (input.ansvar && !await findValidValue(tx, 'ansvar', input.ansvar, today)) issues.push({ path: 'ansvar', message: `Ansvar ${input.ansvar} finns inte eller gäller inte i dag.` });
  if (input.konto && !await findValidValue(tx, 'konto', input.konto, today)) issues.push({ path: 'konto', message: `Konto ${input.konto} finns inte eller gäller inte i dag.` });
  for (const [dim, code] of Object.entries(input.dimensions ?? {})) {
    if (!await findValidValue(tx, dim, code, today)) issues.push({ path: `dimensions.${dim}`, message: `${dim} ${code} finns inte eller gäller inte i dag.` });
  }
  if (issues.length) throw validationError(issues);
  const before = await supplierRuleFor(tx, input.supplierId);
  await tx.query(
    `INSERT INTO supplier_rules (id, tenant_id, supplier_id, user_id, ansvar, konto, dimensions, vat_handling, note) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
     ON CONFLICT (tenant_id, supplier_id) DO UPDATE SET user_id = EXCLUDED.user_id, ansvar = EXCLUDED.ansvar, konto = EXCLUDED.konto, dimensions = EXCLUDED.dimensions,
       vat_handling = EXCLUDED.vat_handling, note = EXCLUDED.note, version = supplier_rules.version + 1`,
    [newId('srl'), tx.tenantId, input.supplierId, input.userId ?? null, input.ansvar ?? null, input.konto ?? null, JSON.stringify(input.dimensions ?? {}), input.vatHandling ?? null, input.note ?? null]);
  const after = (await supplierRuleFor(tx, input.supplierId))!;
  await recordEvent(tx, { actor, action: before ? 'supplier_rule.update' : 'supplier_rule.create', entityType: 'supplier_rule', entityId: after.id, before: before ?? undefined, after });
  return after;
}

export async function deleteSupplierRule(tx: TenantTx, actor: Actor, id: string): Promise<void> {
  const r = await tx.query<Row>(`${select} WHERE r.id = $1`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Leverantörsregeln finns inte.', en: 'No such supplier rule.' });
  await tx.query('DELETE FROM supplier_rules WHERE id = $1', [id]);
  await recordEvent(tx, { actor, action: 'supplier_rule.delete', entityType: 'supplier_rule', entityId: id, before: toRule(r.rows[0]) });
}
