// The accounts-payable ledger (leverantörsreskontra): open items per supplier, ageing, what is due when.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { formatOre } from '../../platform/money.ts';

export type OpenItem = { invoiceId: string; invoiceNumber: string | null; supplierId: string | null; supplierName: string | null; amount: string; accountingDate: string; dueDate: string | null; daysOverdue: number; voucher: string; inPayment: boolean };
export type SupplierBalance = { supplierId: string | null; supplierName: string | null; open: string; notDue: string; overdue1to30: string; overdue31to60: string; overdue61to90: string; overdueOver90: string; items: number };

export async function openItems(tx: TenantTx, today: string, filter: { supplierId?: string | undefined; limit?: number | undefined } = {}): Promise<OpenItem[]> {
  const params: unknown[] = [today];
  let where = `a.status = 'open'`;
  if (filter.supplierId) { params.push(filter.supplierId); where += ` AND a.supplier_id = $${params.length}`; }
  const r = await tx.query<{ invoice_id: string; invoice_number: string | null; supplier_id: string | null; name: string | null; amount_ore: string; accounting_date: string; due_date: string | null; overdue: number | null; series: string; year: number; number: number; in_payment: boolean }>(
    `SELECT a.invoice_id, i.invoice_number, a.supplier_id, s.name, a.amount_ore, a.accounting_date, a.due_date, ($1::date - a.due_date) AS overdue, v.series, v.year, v.number,
            EXISTS (SELECT 1 FROM payment_items p WHERE p.invoice_id = a.invoice_id AND p.status IN ('proposed', 'in_file')) AS in_payment
       FROM ap_items a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN suppliers s ON s.id = a.supplier_id JOIN vouchers v ON v.id = a.voucher_id
      WHERE ${where} ORDER BY a.due_date NULLS LAST, s.name LIMIT ${Math.min(filter.limit ?? 1000, 5000)}`, params);
  return r.rows.map((x) => ({
    invoiceId: x.invoice_id, invoiceNumber: x.invoice_number, supplierId: x.supplier_id, supplierName: x.name, amount: formatOre(x.amount_ore), accountingDate: x.accounting_date,
    dueDate: x.due_date, daysOverdue: Math.max(0, x.overdue ?? 0), voucher: `${x.series} ${x.year}-${x.number}`, inPayment: x.in_payment,
  }));
}

/** Open balance per supplier by age (days past due). */
export async function ageing(tx: TenantTx, today: string): Promise<SupplierBalance[]> {
  const r = await tx.query<{ supplier_id: string | null; name: string | null; open: string; not_due: string; a: string; b: string; c: string; d: string; n: string }>(
    `SELECT a.supplier_id, s.name, sum(a.amount_ore)::text AS open,
            coalesce(sum(a.amount_ore) FILTER (WHERE a.due_date IS NULL OR a.due_date >= $1::date), 0)::text AS not_due,
            coalesce(sum(a.amount_ore) FILTER (WHERE $1::date - a.due_date BETWEEN 1 AND 30), 0)::text AS a,
            coalesce(sum(a.amount_ore) FILTER (WHERE $1::date - a.due_date BETWEEN 31 AND 60), 0)::text AS b,
            coalesce(sum(a.amount_ore) FILTER (WHERE $1::date - a.due_date BETWEEN 61 AND 90), 0)::text AS c,
            coalesce(sum(a.amount_ore) FILTER (WHERE $1::date - a.due_date > 90), 0)::text AS d, count(*)::text AS n
       FROM ap_items a LEFT JOIN suppliers s ON s.id = a.supplier_id WHERE a.status = 'open' GROUP BY a.supplier_id, s.name ORDER BY sum(a.amount_ore) DESC`, [today]);
  return r.rows.map((x) => ({ supplierId: x.supplier_id, supplierName: x.name, open: formatOre(x.open), notDue: formatOre(x.not_due), overdue1to30: formatOre(x.a), overdue31to60: formatOre(x.b), overdue61to90: formatOre(x.c), overdueOver90: formatOre(x.d), items: Number(x.n) }));
}
