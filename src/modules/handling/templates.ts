// Recurring invoices (el, tele, leasing, hyra): a template per supplier gives the coding (as shares)
// and the approver, used automatically when the invoice's net amount is within the tolerance of the
// previous period's. Each use moves the template's reference amount to the new invoice.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, notFound, validationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { findValidValue } from '../org/index.ts';
import { formatOre, parseOre } from '../../platform/money.ts';
import type { VatHandling } from '../ledger/index.ts';

export type TemplateRow = { konto: string; ansvar: string; dimensions: Record<string, string>; percent: string; vatHandling: VatHandling };
export type RecurringTemplate = {
  id: string; supplierId: string; supplierName: string; name: string; userId: string; approverUserId: string | null; rows: TemplateRow[];
  tolerancePercent: string; lastAmount: string | null; lastInvoiceId: string | null; active: boolean; version: number;
};

type Row = {
  id: string; supplier_id: string; supplier_name: string; name: string; user_id: string; approver_user_id: string | null; rows: TemplateRow[];
  tolerance_percent: string; last_amount_ore: string | null; last_invoice_id: string | null; active: boolean; version: number;
};
const toTemplate = (r: Row): RecurringTemplate => ({
  id: r.id, supplierId: r.supplier_id, supplierName: r.supplier_name, name: r.name, userId: r.user_id, approverUserId: r.approver_user_id, rows: r.rows,
  tolerancePercent: Number(r.tolerance_percent).toFixed(2), lastAmount: r.last_amount_ore === null ? null : formatOre(r.last_amount_ore), lastInvoiceId: r.last_invoice_id,
  active: r.active, version: r.version,
});
const select = `SELECT t.id, t.supplier_id, s.name AS supplier_name, t.name, t.user_id, t.approver_user_id, t.rows, t.tolerance_percent::text, t.last_amount_ore, t.last_invoice_id, t.active, t.version
  FROM recurring_templates t JOIN suppliers s ON s.id = t.supplier_id`;

export async function listTemplates(tx: TenantTx): Promise<RecurringTemplate[]> {
  return (await tx.query<Row>(`${select} ORDER BY s.name, t.name`)).rows.map(toTemplate);
}

/** The supplier's active template whose previous amount the net amount is within tolerance of. */
export async function matchingTemplate(tx: TenantTx, supplierId: string, netOre: bigint): Promise<{ template: RecurringTemplate | null; outside: RecurringTemplate | null }> {
  const r = await tx.query<Row>(`${select} WHERE t.supplier_id = $1 AND t.active ORDER BY t.name`, [supplierId]);
  let outside: RecurringTemplate | null = null;
  for (const row of r.rows) {
    const t = toTemplate(row);
    if (row.last_amount_ore === null) return { template: t, outside: null };
    const last = BigInt(row.last_amount_ore);
    const diff = netOre > last ? netOre - last : last - netOre;
    const tolHundredths = BigInt(Math.round(Number(row.tolerance_percent) * 100));
    if (diff * 10000n <= (last < 0n ? -last : last) * tolHundredths) return { template: t, outside: null };
    outside = t;
  }
  return { template: null, outside };
}

export async function recordTemplateUse(tx: TenantTx, templateId: string, invoiceId: string, netOre: bigint): Promise<void> {
  await tx.query('UPDATE recurring_templates SET last_amount_ore = $2, last_invoice_id = $3 WHERE id = $1', [templateId, netOre.toString(), invoiceId]);
}

export type TemplateInput = { supplierId: string; name: string; userId: string; approverUserId?: string | null; rows: TemplateRow[]; tolerancePercent?: string; lastAmount?: string | null; active?: boolean };

async function check(tx: TenantTx, input: TemplateInput): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const today = todayInStockholm();
  if (!(await tx.query('SELECT 1 FROM suppliers WHERE id = $1', [input.supplierId])).rows.length) issues.push({ path: 'supplierId', message: 'Leverantören finns inte.' });
  for (const [path, id] of [['userId', input.userId], ['approverUserId', input.approverUserId]] as const) {
    if (id && !(await tx.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [id])).rows[0]?.active) issues.push({ path, message: 'Personen finns inte eller är inaktiv.' });
  }
  if (input.approverUserId && input.approverUserId === input.userId) issues.push({ path: 'approverUserId', message: 'Beslutsattestanten måste vara en annan person än mottagaren (två i förening).' });
  if (!input.rows.length) issues.push({ path: 'rows', message: 'Mallen behöver minst en konteringsrad.' });
  let total = 0;
  for (const [i, r] of input.rows.entries()) {
    if (!/^\d{1,3}(\.\d{1,4})?$/.test(r.percent)) issues.push({ path: `rows.${i}.percent`, message: 'Andel i procent, högst fyra decimaler.' });
    total += Math.round(Number(r.percent) * 10000);
    if (!await findValidValue(tx, 'konto', r.konto, today)) issues.push({ path: `rows.${i}.konto`, message: `Konto ${r.konto} finns inte eller gäller inte i dag.` });
    if (!await findValidValue(tx, 'ansvar', r.ansvar, today)) issues.push({ path: `rows.${i}.ansvar`, message: `Ansvar ${r.ansvar} finns inte eller gäller inte i dag.` });
  }
  if (input.rows.length && total !== 1_000_000) issues.push({ path: 'rows', message: 'Andelarna ska tillsammans bli 100 %.' });
  if (issues.length) throw validationError(issues);
}

export async function createTemplate(tx: TenantTx, actor: Actor, input: TemplateInput): Promise<RecurringTemplate> {
  await check(tx, input);
  const id = newId('rtp');
  const r = await tx.query(
    `INSERT INTO recurring_templates (id, tenant_id, supplier_id, name, user_id, approver_user_id, rows, tolerance_percent, last_amount_ore, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::numeric, $9::bigint, $10) ON CONFLICT (tenant_id, supplier_id, name) DO NOTHING RETURNING id`,
    [id, tx.tenantId, input.supplierId, input.name, input.userId, input.approverUserId ?? null, JSON.stringify(input.rows), input.tolerancePercent ?? '10',
      input.lastAmount ? parseOre(input.lastAmount, 'lastAmount').toString() : null, input.active ?? true]);
  if (!r.rows.length) throw conflict({ sv: `Leverantören har redan en mall med namnet ${input.name}.`, en: `The supplier already has a template named ${input.name}.` });
  const created = (await tx.query<Row>(`${select} WHERE t.id = $1`, [id])).rows.map(toTemplate)[0]!;
  await recordEvent(tx, { actor, action: 'recurring_template.create', entityType: 'recurring_template', entityId: id, after: created });
  return created;
}

export async function setTemplateActive(tx: TenantTx, actor: Actor, id: string, active: boolean): Promise<RecurringTemplate> {
  const r = await tx.query<Row>(`${select} WHERE t.id = $1`, [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Mallen finns inte.', en: 'No such template.' });
  await tx.query('UPDATE recurring_templates SET active = $2, version = version + 1 WHERE id = $1', [id, active]);
  const after = (await tx.query<Row>(`${select} WHERE t.id = $1`, [id])).rows.map(toTemplate)[0]!;
  await recordEvent(tx, { actor, action: 'recurring_template.update', entityType: 'recurring_template', entityId: id, before: toTemplate(r.rows[0]), after });
  return after;
}
