// Ledger settings per municipality: the accounting-date rule, voucher series, bank account, CSV layout.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { conflict, validationError } from '../../platform/errors.ts';

export type AccountingDateRule = 'invoice_date' | 'receipt_date' | 'posting_date';
export type CsvLayout = { separator: string; decimal: '.' | ','; columns: string[] };
export type LedgerSettings = { accountingDateRule: AccountingDateRule; invoiceSeries: string; paymentSeries: string; bankAccount: string; csvLayout: CsvLayout; version: number };

type Row = { accounting_date_rule: AccountingDateRule; invoice_series: string; payment_series: string; bank_account: string; csv_layout: CsvLayout; version: number };
const toSettings = (r: Row): LedgerSettings => ({ accountingDateRule: r.accounting_date_rule, invoiceSeries: r.invoice_series, paymentSeries: r.payment_series, bankAccount: r.bank_account, csvLayout: r.csv_layout, version: r.version });

export async function getLedgerSettings(tx: TenantTx): Promise<LedgerSettings> {
  const r = await tx.query<Row>('SELECT * FROM ledger_settings');
  if (r.rows[0]) return toSettings(r.rows[0]);
  const ins = await tx.query<Row>('INSERT INTO ledger_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id RETURNING *', [tx.tenantId]);
  return toSettings(ins.rows[0]!);
}

export const csvColumns = ['series', 'number', 'date', 'konto', 'ansvar', 'verksamhet', 'projekt', 'objekt', 'debit', 'credit', 'amount', 'text', 'voucherText', 'source'] as const;

export async function updateLedgerSettings(tx: TenantTx, actor: Actor, input: Partial<Omit<LedgerSettings, 'version'>> & { version?: number | undefined }): Promise<LedgerSettings> {
  const before = await getLedgerSettings(tx);
  await tx.query('SELECT 1 FROM ledger_settings FOR UPDATE');
  if (input.version !== undefined && input.version !== before.version) throw conflict({ sv: 'Inställningarna har ändrats av någon annan. Ladda om.', en: 'The settings were changed by someone else. Reload.' });
  const next: LedgerSettings = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as LedgerSettings;
  const issues: { path: string; message: string }[] = [];
  if (!/^[A-Z0-9]{1,10}$/.test(next.invoiceSeries)) issues.push({ path: 'invoiceSeries', message: 'Serie: 1–10 versaler eller siffror.' });
  if (!/^[A-Z0-9]{1,10}$/.test(next.paymentSeries)) issues.push({ path: 'paymentSeries', message: 'Serie: 1–10 versaler eller siffror.' });
  if (next.invoiceSeries === next.paymentSeries) issues.push({ path: 'paymentSeries', message: 'Betalningar och fakturor ska ha olika serier.' });
  const bad = next.csvLayout.columns.filter((c) => !(csvColumns as readonly string[]).includes(c));
  if (bad.length) issues.push({ path: 'csvLayout.columns', message: `Okända kolumner: ${bad.join(', ')}.` });
  if (![';', ',', '\t', '|'].includes(next.csvLayout.separator)) issues.push({ path: 'csvLayout.separator', message: 'Avgränsare: ; , | eller tabb.' });
  if (issues.length) throw validationError(issues);
  await tx.query('UPDATE ledger_settings SET accounting_date_rule = $1, invoice_series = $2, payment_series = $3, bank_account = $4, csv_layout = $5::jsonb, version = version + 1',
    [next.accountingDateRule, next.invoiceSeries, next.paymentSeries, next.bankAccount, JSON.stringify(next.csvLayout)]);
  const after = await getLedgerSettings(tx);
  await recordEvent(tx, { actor, action: 'ledger_settings.update', entityType: 'ledger_settings', entityId: tx.tenantId, before, after });
  return after;
}
