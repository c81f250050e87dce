// "Mina uppgifter" and the accounts-payable workbench: each person's tasks (identify, code, review,
// approve) sorted by due date, the queue sizes, and what is at risk of costing late-payment interest.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { formatOre } from '../../platform/money.ts';
import { addWorkingDays } from '../../platform/calendar.ts';
import { latePaymentCost, LATE_PAYMENT_FEE_ORE } from './late-payment.ts';
import { getSettings } from './settings.ts';
import type { Person } from './person.ts';

export type TaskType = 'identify' | 'code' | 'review' | 'approve';
export type Task = {
  type: TaskType; invoiceId: string; invoiceNumber: string | null; supplierName: string | null; dueDate: string | null; issueDate: string | null;
  amount: string | null; currency: string | null; status: string; since: string; overdue: boolean; escalated: boolean; ansvar: string[]; note: string | null;
};

type Row = {
  type: TaskType; id: string; invoice_number: string | null; seller_name: string | null; due_date: string | null; issue_date: string | null; gross_amount_ore: string | null;
  currency: string | null; status: string; status_changed_at: Date | string; escalated_at: Date | string | null; ansvar: string[] | null; handling_note: string | null;
};

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d));

export async function tasksFor(tx: TenantTx, person: Person, today: string, limit = 500): Promise<Task[]> {
  const handler = person.roles.includes('fakturahanterare');
  const r = await tx.query<Row>(
    `WITH need AS (
        SELECT c.invoice_id, c.ansvar, abs(sum(c.amount_ore + c.vat_ore)) AS amount
          FROM coding_rows c JOIN invoices i ON i.id = c.invoice_id AND i.status = 'to_approve'
         GROUP BY c.invoice_id, c.ansvar),
      open AS (
        SELECT n.* FROM need n WHERE NOT EXISTS (
          SELECT 1 FROM invoice_actions a WHERE a.invoice_id = n.invoice_id AND a.active AND a.kind = 'approve' AND a.ansvar = n.ansvar)),
      mine AS (
        SELECT a.ansvar, a.max_amount_ore FROM attest_rights a
         WHERE a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to >= $2::date)
           AND (a.user_id = $1 OR a.user_id IN (SELECT s.user_id FROM substitutes s WHERE s.substitute_user_id = $1 AND s.valid_from <= $2::date AND s.valid_to >= $2::date))),
      approvable AS (
        SELECT o.invoice_id, array_agg(DISTINCT o.ansvar ORDER BY o.ansvar) AS ansvar FROM open o JOIN mine m ON m.ansvar = o.ansvar AND m.max_amount_ore >= o.amount
         GROUP BY o.invoice_id)
     SELECT t.type, i.id, i.invoice_number, i.seller_name, i.due_date, i.issue_date, i.gross_amount_ore, i.currency, i.status, i.status_changed_at, i.escalated_at, t.ansvar, i.handling_note
       FROM (
         SELECT 'identify' AS type, id AS invoice_id, NULL::text[] AS ansvar FROM invoices WHERE $3 AND status = 'to_identify'
         UNION ALL SELECT CASE status WHEN 'to_code' THEN 'code' ELSE 'review' END, id, NULL FROM invoices WHERE assigned_user_id = $1 AND status IN ('to_code', 'to_review')
         UNION ALL SELECT 'approve', p.invoice_id, p.ansvar FROM approvable p JOIN invoices i ON i.id = p.invoice_id
          WHERE i.assigned_user_id IS DISTINCT FROM $1 AND (i.designated_approver_id IS NULL OR i.designated_approver_id = $1)
            AND NOT EXISTS (SELECT 1 FROM invoice_actions a WHERE a.invoice_id = i.id AND a.active AND a.kind = 'review' AND a.user_id = $1)
       ) t JOIN invoices i ON i.id = t.invoice_id
      ORDER BY i.due_date NULLS LAST, i.received_at LIMIT $4`,
    [person.id, today, handler, limit]);
  return r.rows.map((x) => ({
    type: x.type, invoiceId: x.id, invoiceNumber: x.invoice_number, supplierName: x.seller_name, dueDate: x.due_date, issueDate: x.issue_date,
    amount: x.gross_amount_ore === null ? null : formatOre(x.gross_amount_ore), currency: x.currency, status: x.status, since: iso(x.status_changed_at),
    overdue: x.due_date !== null && x.due_date < today, escalated: x.escalated_at !== null, ansvar: x.ansvar ?? [], note: x.handling_note,
  }));
}

export type Workbench = {
  queues: Record<'to_identify' | 'to_code' | 'to_review' | 'to_approve' | 'disputed' | 'rejected' | 'suspected_duplicate' | 'approved', number>;
  atRisk: { dueSoon: number; overdue: number; overdueAmount: string; overdueCostIfPaidToday: string; feesIfAllLate: string; dueSoonLimit: string };
};

export async function workbench(tx: TenantTx, today: string): Promise<Workbench> {
  const s = await getSettings(tx);
  const limit = addWorkingDays(today, s.dueSoonWorkingDays);
  const counts = await tx.query<{ status: string; n: string }>('SELECT status, count(*)::text AS n FROM invoices GROUP BY status');
  const queues = { to_identify: 0, to_code: 0, to_review: 0, to_approve: 0, disputed: 0, rejected: 0, suspected_duplicate: 0, approved: 0 };
  for (const c of counts.rows) if (c.status in queues) queues[c.status as keyof typeof queues] = Number(c.n);
  const open = await tx.query<{ due_date: string; gross: string }>(
    `SELECT due_date, gross_amount_ore AS gross FROM invoices WHERE status IN ('to_identify', 'to_code', 'to_review', 'to_approve', 'suspected_duplicate')
        AND NOT is_credit_note AND due_date IS NOT NULL AND due_date <= $1::date AND gross_amount_ore > 0`, [limit]);
  let overdue = 0; let dueSoon = 0; let overdueAmount = 0n; let cost = 0n;
  for (const o of open.rows) {
    if (o.due_date < today) {
      overdue++; overdueAmount += BigInt(o.gross);
      cost += latePaymentCost({ amountOre: BigInt(o.gross), dueDate: o.due_date, paidOn: today }).totalOre;
    } else dueSoon++;
  }
  return {
    queues,
    atRisk: {
      dueSoon, overdue, overdueAmount: formatOre(overdueAmount), overdueCostIfPaidToday: formatOre(cost),
      feesIfAllLate: formatOre(LATE_PAYMENT_FEE_ORE * BigInt(overdue + dueSoon)), dueSoonLimit: limit,
    },
  };
}
