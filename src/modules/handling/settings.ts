// Per-municipality settings of invoice handling: the VAT and supplier-debt accounts used by coding and
// the voucher, the default VAT handling, and the working-day limits for reminders and escalation.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, validationError } from '../../platform/errors.ts';
import { findValidValue } from '../org/index.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import type { VatHandling } from '../ledger/index.ts';

export type HandlingSettings = {
  vatDeductibleAccount: string; vatCompensationAccount: string; supplierDebtAccount: string; defaultVatHandling: VatHandling;
  reminderWorkingDays: number; escalationWorkingDays: number; dueSoonWorkingDays: number; version: number;
};

type Row = {
  vat_deductible_account: string; vat_compensation_account: string; supplier_debt_account: string; default_vat_handling: VatHandling;
  reminder_working_days: number; escalation_working_days: number; due_soon_working_days: number; version: number;
};

const toSettings = (r: Row): HandlingSettings => ({
  vatDeductibleAccount: r.vat_deductible_account, vatCompensationAccount: r.vat_compensation_account, supplierDebtAccount: r.supplier_debt_account,
  defaultVatHandling: r.default_vat_handling, reminderWorkingDays: r.reminder_working_days, escalationWorkingDays: r.escalation_working_days,
  dueSoonWorkingDays: r.due_soon_working_days, version: r.version,
});

export async function getSettings(tx: TenantTx): Promise<HandlingSettings> {
  const r = await tx.query<Row>('SELECT * FROM handling_settings');
  if (r.rows[0]) return toSettings(r.rows[0]);
  const ins = await tx.query<Row>('INSERT INTO handling_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id RETURNING *', [tx.tenantId]);
  return toSettings(ins.rows[0]!);
}

export type SettingsInput = Partial<Omit<HandlingSettings, 'version'>> & { version?: number | undefined };

export async function updateSettings(tx: TenantTx, actor: Actor, input: SettingsInput): Promise<HandlingSettings> {
  const before = await getSettings(tx);
  await tx.query('SELECT 1 FROM handling_settings FOR UPDATE');
  if (input.version !== undefined && input.version !== before.version) {
    throw conflict({ sv: 'Inställningarna har ändrats av någon annan. Ladda om.', en: 'The settings were changed by someone else. Reload.' });
  }
  const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as HandlingSettings;
  const today = todayInStockholm();
  const issues: { path: string; message: string }[] = [];
  for (const key of ['vatDeductibleAccount', 'vatCompensationAccount', 'supplierDebtAccount'] as const) {
    if (!await findValidValue(tx, 'konto', next[key], today)) issues.push({ path: key, message: `Konto ${next[key]} finns inte eller gäller inte i dag.` });
  }
  if (next.escalationWorkingDays < next.reminderWorkingDays) issues.push({ path: 'escalationWorkingDays', message: 'Eskalering kan inte komma före påminnelse.' });
  if (issues.length) throw validationError(issues);
  await tx.query(
    `UPDATE handling_settings SET vat_deductible_account = $1, vat_compensation_account = $2, supplier_debt_account = $3, default_vat_handling = $4,
       reminder_working_days = $5, escalation_working_days = $6, due_soon_working_days = $7, version = version + 1`,
    [next.vatDeductibleAccount, next.vatCompensationAccount, next.supplierDebtAccount, next.defaultVatHandling, next.reminderWorkingDays, next.escalationWorkingDays, next.dueSoonWorkingDays]);
  const after = await getSettings(tx);
  await recordEvent(tx, { actor, action: 'handling_settings.update', entityType: 'handling_settings', entityId: tx.tenantId, before, after });
  return after;
}
