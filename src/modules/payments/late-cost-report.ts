// The cost of paying late: for invoices paid after their due date, dröjsmålsränta (reference rate + 8
// points) and 450 kr förseningsersättning each, per förvaltning and month of payment, and the share
// paid on time. An invoice counts towards the förvaltning of the ansvar carrying most of its coding.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { formatOre } from '../../platform/money.ts';
import { latePaymentCost } from '../handling/index.ts';

export type LateCostRow = { forvaltning: string; forvaltningName: string; month: string; paid: number; onTime: number; late: number; interest: string; fees: string; total: string };
export type LateCostReport = { from: string; to: string; rows: LateCostRow[]; totals: { paid: number; onTime: number; late: number; shareOnTime: number | null; interest: string; fees: string; total: string } };

export async function lateCostReport(tx: TenantTx, from: string, to: string): Promise<LateCostReport> {
  const r = await tx.query<{ invoice_id: string; amount_ore: string; due_date: string | null; paid_on: string; code: string | null; name: string | null }>(
    `SELECT a.invoice_id, a.amount_ore, a.due_date, a.paid_on, f.code, f.name
       FROM ap_items a
       LEFT JOIN LATERAL (SELECT c.ansvar FROM coding_rows c WHERE c.invoice_id = a.invoice_id GROUP BY c.ansvar ORDER BY sum(abs(c.amount_ore)) DESC LIMIT 1) top ON true
       LEFT JOIN dimension_values v ON v.dimension = 'ansvar' AND v.code = top.ansvar
       LEFT JOIN org_units e ON e.id = v.unit_id
       LEFT JOIN org_units f ON f.id = CASE WHEN e.kind = 'forvaltning' THEN e.id ELSE e.parent_id END
      WHERE a.status = 'paid' AND a.paid_on BETWEEN $1::date AND $2::date AND a.amount_ore > 0`, [from, to]);
  const groups = new Map<string, LateCostRow & { i: bigint; f: bigint }>();
  let paid = 0; let onTime = 0; let interest = 0n; let fees = 0n;
  for (const x of r.rows) {
    const month = x.paid_on.slice(0, 7);
    const key = `${x.code ?? '-'}|${month}`;
    const g = groups.get(key) ?? { forvaltning: x.code ?? '-', forvaltningName: x.name ?? 'Okänd förvaltning', month, paid: 0, onTime: 0, late: 0, interest: '0.00', fees: '0.00', total: '0.00', i: 0n, f: 0n };
    const cost = x.due_date ? latePaymentCost({ amountOre: BigInt(x.amount_ore), dueDate: x.due_date, paidOn: x.paid_on }) : null;
    g.paid++; paid++;
    if (!cost || cost.days === 0) { g.onTime++; onTime++; } else { g.late++; g.i += cost.interestOre; g.f += cost.feeOre; interest += cost.interestOre; fees += cost.feeOre; }
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => (a.month === b.month ? a.forvaltning.localeCompare(b.forvaltning) : a.month < b.month ? -1 : 1))
    .map(({ i, f, ...g }) => ({ ...g, interest: formatOre(i), fees: formatOre(f), total: formatOre(i + f) }));
  return { from, to, rows, totals: { paid, onTime, late: paid - onTime, shareOnTime: paid ? onTime / paid : null, interest: formatOre(interest), fees: formatOre(fees), total: formatOre(interest + fees) } };
}
