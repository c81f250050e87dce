// What the invoice page shows of posting and payment: the voucher, the open item, the payment it is
// in (proposal, end-to-end id, status, paid date) and its open holds.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { formatOre } from '../../platform/money.ts';

export type InvoicePayment = {
  voucher: string | null; accountingDate: string | null; openItem: { amount: string; status: 'open' | 'paid'; paidOn: string | null } | null;
  payment: { proposal: number; status: string; endToEndId: string; paidOn: string | null; returnReason: string | null } | null;
  holds: { id: string; reason: string; detail: string }[];
};

export async function invoicePayment(tx: TenantTx, invoiceId: string): Promise<InvoicePayment> {
  const a = (await tx.query<{ series: string; year: number; number: number; accounting_date: string; amount_ore: string; status: 'open' | 'paid'; paid_on: string | null }>(
    'SELECT v.series, v.year, v.number, a.accounting_date, a.amount_ore, a.status, a.paid_on FROM ap_items a JOIN vouchers v ON v.id = a.voucher_id WHERE a.invoice_id = $1', [invoiceId])).rows[0];
  const p = (await tx.query<{ number: number; status: string; end_to_end_id: string; paid_on: string | null; return_reason: string | null }>(
    `SELECT pp.number, i.status, i.end_to_end_id, i.paid_on, i.return_reason FROM payment_items i JOIN payment_proposals pp ON pp.id = i.proposal_id
      WHERE i.invoice_id = $1 ORDER BY (i.status IN ('proposed', 'in_file', 'paid')) DESC, pp.number DESC LIMIT 1`, [invoiceId])).rows[0];
  const holds = (await tx.query<{ id: string; reason: string; detail: string }>('SELECT id, reason, detail FROM payment_holds WHERE invoice_id = $1 AND released_at IS NULL ORDER BY raised_at', [invoiceId])).rows;
  return {
    voucher: a ? `${a.series} ${a.year}-${a.number}` : null, accountingDate: a?.accounting_date ?? null,
    openItem: a ? { amount: formatOre(a.amount_ore), status: a.status, paidOn: a.paid_on } : null,
    payment: p ? { proposal: p.number, status: p.status, endToEndId: p.end_to_end_id, paidOn: p.paid_on, returnReason: p.return_reason } : null,
    holds,
  };
}
