// The handling part of an invoice's page and API: routing, coding with its voucher, the attests given
// and still needed (with who may give them), the proposal, and what paying late would cost.
import type { TenantTx } from '../../platform/db/tenant.ts';
import { formatOre } from '../../platform/money.ts';
import { approversFor } from '../attest/index.ts';
import { loadFacts } from './invoice-facts.ts';
import { codingView, loadCodingRows, voucherFor, type CodingRowView } from './coding.ts';
import { approvalNeeds } from './attest-flow.ts';
import { latePaymentCost, interestRatePercentOn, LATE_PAYMENT_FEE_ORE } from './late-payment.ts';
import type { RoutingMethod } from './route-invoice.ts';

export type HandlingView = {
  routing: { method: RoutingMethod | null; username: string | null; displayName: string | null; referenceCode: string | null; detail: string | null; routedAt: string | null };
  assignedTo: { username: string; displayName: string } | null;
  coding: CodingRowView[];
  codingSource: string | null;
  voucher: { rows: { konto: string; ansvar: string | null; dimensions: Record<string, string>; debit: string; credit: string; text: string; kind: string }[]; debit: string; credit: string } | null;
  approvals: { kind: 'review' | 'approve'; username: string; displayName: string; ansvar: string | null; amount: string | null; via: string | null; onBehalfOf: string | null; comment: string | null; at: string }[];
  approvalNeeds: { ansvar: string; amount: string; approvedBy: string | null; candidates: { username: string; displayName: string; via: string }[] }[];
  designatedApprover: string | null;
  history: { kind: string; username: string | null; displayName: string | null; ansvar: string | null; comment: string | null; active: boolean; at: string }[];
  handlingNote: string | null;
  latePayment: { ratePercent: string; fee: string; daysLate: number; costIfPaidToday: string; interestPer30Days: string } | null;
};

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : String(d));

export async function handlingView(tx: TenantTx, invoiceId: string, today: string): Promise<HandlingView> {
  const facts = await loadFacts(tx, invoiceId);
  const head = await tx.query<{ routing_method: RoutingMethod | null; routing_reference_code: string | null; routing_detail: string | null; routed_at: Date | string | null; coding_source: string | null; handling_note: string | null; username: string | null; display_name: string | null; approver: string | null; gross_amount_ore: string | null; status: string }>(
    `SELECT i.routing_method, i.routing_reference_code, i.routing_detail, i.routed_at, i.coding_source, i.handling_note, u.username, u.display_name, a.username AS approver, i.gross_amount_ore, i.status
       FROM invoices i LEFT JOIN users u ON u.id = i.assigned_user_id LEFT JOIN users a ON a.id = i.designated_approver_id WHERE i.id = $1`, [invoiceId]);
  const h = head.rows[0]!;
  const rows = await loadCodingRows(tx, invoiceId);
  const voucher = await voucherFor(tx, facts, rows);
  const actions = await tx.query<{ kind: string; username: string | null; display_name: string | null; ansvar: string | null; amount_ore: string | null; via: string | null; behalf: string | null; comment: string | null; active: boolean; created_at: Date | string }>(
    `SELECT a.kind, u.username, u.display_name, a.ansvar, a.amount_ore, a.via, b.username AS behalf, a.comment, a.active, a.created_at
       FROM invoice_actions a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users b ON b.id = a.on_behalf_of WHERE a.invoice_id = $1 ORDER BY a.created_at, a.id`, [invoiceId]);
  const needs = facts.status === 'to_approve' || facts.status === 'to_review' ? await approvalNeeds(tx, invoiceId) : [];
  const users = new Map((await tx.query<{ id: string; username: string; display_name: string }>('SELECT id, username, display_name FROM users')).rows.map((u) => [u.id, u]));
  const needViews = [];
  for (const n of needs) {
    const holders = n.approvedBy ? [] : await approversFor(tx, n.ansvar, n.amountOre, today);
    needViews.push({
      ansvar: n.ansvar, amount: formatOre(n.amountOre), approvedBy: n.approvedBy ? users.get(n.approvedBy)?.username ?? null : null,
      candidates: holders.filter((c) => c.userId !== facts.assignedUserId).map((c) => ({ username: users.get(c.userId)?.username ?? c.userId, displayName: users.get(c.userId)?.display_name ?? '', via: c.via })),
    });
  }
  const gross = BigInt(h.gross_amount_ore ?? '0');
  const open = !['approved', 'rejected', 'dismissed_duplicate'].includes(h.status);
  let latePayment: HandlingView['latePayment'] = null;
  if (open && facts.dueDate && gross > 0n && !facts.isCreditNote) {
    const now = latePaymentCost({ amountOre: gross, dueDate: facts.dueDate, paidOn: today });
    const base = today > facts.dueDate ? today : facts.dueDate;
    const d = new Date(`${base}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + 30);
    const in30 = latePaymentCost({ amountOre: gross, dueDate: base, paidOn: d.toISOString().slice(0, 10) });
    latePayment = { ratePercent: interestRatePercentOn(today), fee: formatOre(LATE_PAYMENT_FEE_ORE), daysLate: now.days, costIfPaidToday: formatOre(now.totalOre), interestPer30Days: formatOre(in30.interestOre) };
  }
  return {
    routing: { method: h.routing_method, username: h.routing_method ? h.username : null, displayName: h.routing_method ? h.display_name : null, referenceCode: h.routing_reference_code, detail: h.routing_detail, routedAt: iso(h.routed_at) },
    assignedTo: h.username ? { username: h.username, displayName: h.display_name ?? h.username } : null,
    coding: codingView(rows), codingSource: h.coding_source,
    voucher: voucher ? { rows: voucher.rows.map((v) => ({ konto: v.konto, ansvar: v.ansvar, dimensions: v.dimensions, debit: formatOre(v.debitOre), credit: formatOre(v.creditOre), text: v.text, kind: v.kind })), debit: formatOre(voucher.debitOre), credit: formatOre(voucher.creditOre) } : null,
    approvals: actions.rows.filter((a) => a.active && (a.kind === 'review' || a.kind === 'approve')).map((a) => ({
      kind: a.kind as 'review' | 'approve', username: a.username ?? '', displayName: a.display_name ?? '', ansvar: a.ansvar, amount: a.amount_ore === null ? null : formatOre(a.amount_ore),
      via: a.via, onBehalfOf: a.behalf, comment: a.comment, at: iso(a.created_at)!,
    })),
    approvalNeeds: needViews, designatedApprover: h.approver,
    history: actions.rows.map((a) => ({ kind: a.kind, username: a.username, displayName: a.display_name, ansvar: a.ansvar, comment: a.comment, active: a.active, at: iso(a.created_at)! })),
    handlingNote: h.handling_note, latePayment,
  };
}
