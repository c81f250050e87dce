// Payment settings per municipality: the paying account (debtor bankgiro) and the control limits.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, validationError } from '../../platform/errors.ts';
import { formatOre, parseOre } from '../../platform/money.ts';
import { validBankgiro } from './giro.ts';

export type PaymentSettings = { debtorName: string | null; debtorBankgiro: string | null; accountChangeDays: number; newSupplierLimit: string; maxPayment: string; netting: boolean; version: number };
type Row = { debtor_name: string | null; debtor_bankgiro: string | null; account_change_days: number; new_supplier_limit_ore: string; max_payment_ore: string; netting: boolean; version: number };
const toSettings = (r: Row): PaymentSettings => ({
  debtorName: r.debtor_name, debtorBankgiro: r.debtor_bankgiro, accountChangeDays: r.account_change_days, newSupplierLimit: formatOre(r.new_supplier_limit_ore),
  maxPayment: formatOre(r.max_payment_ore), netting: r.netting, version: r.version,
});

export async function getPaymentSettings(tx: TenantTx): Promise<PaymentSettings> {
  const r = await tx.query<Row>('SELECT * FROM payment_settings');
  if (r.rows[0]) return toSettings(r.rows[0]);
  const ins = await tx.query<Row>('INSERT INTO payment_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id RETURNING *', [tx.tenantId]);
  return toSettings(ins.rows[0]!);
}

export async function updatePaymentSettings(tx: TenantTx, actor: Actor, input: Partial<Omit<PaymentSettings, 'version'>> & { version?: number | undefined }): Promise<PaymentSettings> {
  const before = await getPaymentSettings(tx);
  await tx.query('SELECT 1 FROM payment_settings FOR UPDATE');
  if (input.version !== undefined && input.version !== before.version) throw conflict({ sv: 'Inställningarna har ändrats av någon annan. Ladda om.', en: 'The settings were changed by someone else. Reload.' });
  const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as PaymentSettings;
  const bg = next.debtorBankgiro?.replace(/\D/g, '') ?? null;
  if (bg && !validBankgiro(bg)) throw validationError([{ path: 'debtorBankgiro', message: 'Bankgironumret har fel kontrollsiffra.' }]);
  await tx.query(`UPDATE payment_settings SET debtor_name = $1, debtor_bankgiro = $2, account_change_days = $3, new_supplier_limit_ore = $4, max_payment_ore = $5, netting = $6, version = version + 1`,
    [next.debtorName, bg, next.accountChangeDays, parseOre(next.newSupplierLimit, 'newSupplierLimit').toString(), parseOre(next.maxPayment, 'maxPayment').toString(), next.netting]);
  const after = await getPaymentSettings(tx);
  await recordEvent(tx, { actor, action: 'payment_settings.update', entityType: 'payment_settings', entityId: tx.tenantId, before, after });
  return after;
}
