// Payment vouchers: when the bank reports a payment made, the supplier debt is debited and the bank
// account credited (a returned payment is the reverse). Same numbering and set-wise insert as invoices.
import type { TenantTx } from '../../platform/db/tenant.ts';
import type { Actor } from '../../platform/audit/index.ts';
import { newId } from '../../platform/ids.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { insertVouchers, reserveNumbers, type NewVoucher } from './post-invoices.ts';
import { getLedgerSettings } from './settings.ts';
import { closedPeriods } from './periods.ts';
import type { VoucherRow } from './voucher-math.ts';

export type PaymentPosting = { sourceId: string; date: string; text: string; amountsOre: bigint[]; returned?: boolean };

export async function postPayments(tx: TenantTx, actor: Actor, payments: PaymentPosting[]): Promise<{ sourceId: string; voucherId: string }[]> {
  if (!payments.length) return [];
  const settings = await getLedgerSettings(tx);
  const closed = await closedPeriods(tx);
  const debt = (await tx.query<{ s: string }>('SELECT supplier_debt_account AS s FROM handling_settings')).rows[0]?.s ?? '2440';
  const today = todayInStockholm();
  const out: NewVoucher[] = [];
  for (const p of payments) {
    const date = closed.has(p.date.slice(0, 7)) ? today : p.date;
    const sign = p.returned ? -1n : 1n;
    const rows: VoucherRow[] = p.amountsOre.map((a) => {
      const v = a * sign;
      return { konto: debt, ansvar: null, dimensions: {}, debitOre: v > 0n ? v : 0n, creditOre: v < 0n ? -v : 0n, text: p.text, kind: 'debt' as const };
    }).filter((r) => r.debitOre !== 0n || r.creditOre !== 0n);
    const total = p.amountsOre.reduce((a, b) => a + b, 0n) * sign;
    rows.push({ konto: settings.bankAccount, ansvar: null, dimensions: {}, debitOre: total < 0n ? -total : 0n, creditOre: total > 0n ? total : 0n, text: p.text, kind: 'debt' });
    const year = Number(date.slice(0, 4));
    const number = await reserveNumbers(tx, settings.paymentSeries, year, 1);
    out.push({ id: newId('ver'), series: settings.paymentSeries, year, number, date, text: p.text, sourceType: 'payment', sourceId: p.sourceId, reversesId: null, voucher: { rows, debitOre: rows.reduce((a, r) => a + r.debitOre, 0n), creditOre: rows.reduce((a, r) => a + r.creditOre, 0n) } });
  }
  await insertVouchers(tx, actor, out);
  return out.map((v) => ({ sourceId: v.sourceId, voucherId: v.id }));
}
