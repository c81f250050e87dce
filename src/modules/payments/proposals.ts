// Payment proposals: approved, posted invoices due by a chosen day, after the payment controls; credit
// notes netted per supplier where allowed; held or disputed invoices never included. A second person
// approves the proposal (the database refuses the proposer), and only then is the payment file made.
import { withTenant, type TenantTx } from '../../platform/db/tenant.ts';
import type { Database } from '../../platform/db/types.ts';
import { recordEvent } from '../../platform/audit/index.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { formatOre, parseOre } from '../../platform/money.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { paymentControls, type RegisteredAccount, type StatedAccount } from './controls.ts';
import { getPaymentSettings } from './settings.ts';
import type { Person } from './person.ts';

type Candidate = {
  invoice_id: string; supplier_id: string; amount_ore: string; due_date: string | null; version: number; is_credit_note: boolean; invoice_number: string | null;
  payment_reference: string | null; payment_accounts: StatedAccount[]; gross_amount_ore: string | null; issue_date: string | null;
};
type AccountRow = { id: string; supplier_id: string; type: RegisteredAccount['type']; clearing: string; number: string; bic: string | null; status: string; since: string; ended: boolean };

const actorOf = (p: Person) => (p.id ? { id: p.id, username: p.username } : null);

export type ProposalView = {
  id: string; number: number; untilDate: string; status: string; createdBy: string; createdAt: string; approvedBy: string | null; approvedAt: string | null;
  total: string; invoiceCount: number;
  items: { invoiceId: string; invoiceNumber: string | null; supplierName: string; amount: string; dueDate: string | null; endToEndId: string; account: string; reference: string; status: string; paidOn: string | null }[];
  file: { id: string; filename: string; payments: number; total: string; createdAt: string } | null;
};

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : String(d));

export async function getProposal(tx: TenantTx, id: string): Promise<ProposalView> {
  const p = await tx.query<{ id: string; number: number; until_date: string; status: string; creator: string | null; created_at: Date; approver: string | null; approved_at: Date | null; total_ore: string; invoice_count: number }>(
    `SELECT p.id, p.number, p.until_date, p.status, c.username AS creator, p.created_at, a.username AS approver, p.approved_at, p.total_ore, p.invoice_count
       FROM payment_proposals p LEFT JOIN users c ON c.id = p.created_by LEFT JOIN users a ON a.id = p.approved_by WHERE p.id = $1 OR p.number::text = $1`, [id]);
  const h = p.rows[0];
  if (!h) throw notFound({ sv: 'Betalningsförslaget finns inte.', en: 'No such payment proposal.' });
  const items = await tx.query<{ invoice_id: string; invoice_number: string | null; name: string; amount_ore: string; due_date: string | null; end_to_end_id: string; account_type: string; account_clearing: string; account_number: string; reference: string; status: string; paid_on: string | null }>(
    `SELECT i.invoice_id, v.invoice_number, s.name, i.amount_ore, i.due_date, i.end_to_end_id, i.account_type, i.account_clearing, i.account_number, i.reference, i.status, i.paid_on
       FROM payment_items i JOIN invoices v ON v.id = i.invoice_id JOIN suppliers s ON s.id = i.supplier_id WHERE i.proposal_id = $1 ORDER BY s.name, i.end_to_end_id, v.invoice_number`, [h.id]);
  const f = await tx.query<{ id: string; filename: string; payments: number; total_ore: string; created_at: Date }>('SELECT id, filename, payments, total_ore, created_at FROM payment_files WHERE proposal_id = $1', [h.id]);
  return {
    id: h.id, number: h.number, untilDate: h.until_date, status: h.status, createdBy: h.creator ?? 'system', createdAt: iso(h.created_at)!, approvedBy: h.approver, approvedAt: iso(h.approved_at),
    total: formatOre(h.total_ore), invoiceCount: h.invoice_count,
    items: items.rows.map((i) => ({
      invoiceId: i.invoice_id, invoiceNumber: i.invoice_number, supplierName: i.name, amount: formatOre(i.amount_ore), dueDate: i.due_date, endToEndId: i.end_to_end_id,
      account: `${i.account_type} ${i.account_clearing ? `${i.account_clearing}-` : ''}${i.account_number}`, reference: i.reference, status: i.status, paidOn: i.paid_on,
    })),
    file: f.rows[0] ? { id: f.rows[0].id, filename: f.rows[0].filename, payments: f.rows[0].payments, total: formatOre(f.rows[0].total_ore), createdAt: iso(f.rows[0].created_at)! } : null,
  };
}

export async function listProposals(tx: TenantTx): Promise<Omit<ProposalView, 'items' | 'file'>[]> {
  const r = await tx.query<{ id: string; number: number; until_date: string; status: string; creator: string | null; created_at: Date; approver: string | null; approved_at: Date | null; total_ore: string; invoice_count: number }>(
    `SELECT p.id, p.number, p.until_date, p.status, c.username AS creator, p.created_at, a.username AS approver, p.approved_at, p.total_ore, p.invoice_count
       FROM payment_proposals p LEFT JOIN users c ON c.id = p.created_by LEFT JOIN users a ON a.id = p.approved_by ORDER BY p.number DESC LIMIT 200`);
  return r.rows.map((h) => ({ id: h.id, number: h.number, untilDate: h.until_date, status: h.status, createdBy: h.creator ?? 'system', createdAt: iso(h.created_at)!, approvedBy: h.approver, approvedAt: iso(h.approved_at), total: formatOre(h.total_ore), invoiceCount: h.invoice_count }));
}

/** Nothing could be proposed: a 409, but the holds the controls raised on the way must still be kept. */
class NothingToPropose extends AppError {}

/**
 * createProposal in its own transaction. When nothing can be proposed the 409 is still thrown, but only
 * after the holds raised by the controls were committed: otherwise an invoice that is held on its own
 * would never appear among the holds and could never be released.
 */
export async function proposeInOwnTransaction(db: Database, tenantId: string, person: Person, input: { until: string }): Promise<Awaited<ReturnType<typeof createProposal>>> {
  const r = await withTenant(db, tenantId, async (tx) => {
    try {
      return { made: await createProposal(tx, person, input) };
    } catch (e) {
      if (e instanceof NothingToPropose) return { nothing: e };
      throw e;
    }
  });
  if ('nothing' in r) throw r.nothing;
  return r.made;
}

/** POST propose: every approved, posted, open invoice due by `until` that passes the controls. */
export async function createProposal(tx: TenantTx, person: Person, input: { until: string }, today = todayInStockholm()): Promise<{ proposal: string; number: number; invoices: number; total: string; held: number }> {
  // One proposal at a time per municipality: serialise on the settings row.
  const settings = await getPaymentSettings(tx);
  await tx.query('SELECT 1 FROM payment_settings FOR UPDATE');
  const cands = (await tx.query<Candidate>(
    `SELECT a.invoice_id, a.supplier_id, a.amount_ore, a.due_date, i.version, i.is_credit_note, i.invoice_number, i.payment_reference, i.payment_accounts, i.gross_amount_ore, i.issue_date
       FROM ap_items a JOIN invoices i ON i.id = a.invoice_id
      WHERE a.status = 'open' AND i.status = 'approved' AND a.supplier_id IS NOT NULL AND (a.due_date IS NULL OR a.due_date <= $1::date)
        AND NOT EXISTS (SELECT 1 FROM payment_items p WHERE p.invoice_id = a.invoice_id AND p.status IN ('proposed', 'in_file', 'paid'))
      ORDER BY a.supplier_id, a.due_date NULLS FIRST, a.invoice_id`, [input.until])).rows;
  const supplierIds = [...new Set(cands.map((c) => c.supplier_id))];
  const suppliers = new Map((await tx.query<{ id: string; name: string; blocked: boolean; f_skatt: boolean | null; since: string }>(`SELECT id, name, blocked, f_skatt, to_char(created_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS since FROM suppliers WHERE id = ANY($1::text[])`, [supplierIds])).rows.map((s) => [s.id, s]));
  const accounts = (await tx.query<AccountRow>(
    `SELECT id, supplier_id, type, clearing, number, bic, status, to_char(coalesce(verified_at, added_at) AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS since, ended_at IS NOT NULL AS ended
       FROM supplier_accounts WHERE supplier_id = ANY($1::text[])`, [supplierIds])).rows;
  const earlier = new Map((await tx.query<{ supplier_id: string; n: string }>(`SELECT supplier_id, count(*)::text AS n FROM payment_items WHERE supplier_id = ANY($1::text[]) AND status IN ('in_file', 'paid') GROUP BY supplier_id`, [supplierIds])).rows.map((x) => [x.supplier_id, Number(x.n)]));
  const dupes = new Map((await tx.query<{ invoice_id: string; other: string }>(
    `SELECT c.id AS invoice_id, min(o.invoice_number) AS other FROM invoices c JOIN invoices o ON o.supplier_id = c.supplier_id AND o.id <> c.id
       JOIN payment_items p ON p.invoice_id = o.id AND p.status IN ('proposed', 'in_file', 'paid')
      WHERE c.id = ANY($1::text[]) AND ((o.gross_amount_ore = c.gross_amount_ore AND o.issue_date = c.issue_date) OR (c.payment_reference IS NOT NULL AND o.payment_reference = c.payment_reference))
      GROUP BY c.id`, [cands.map((c) => c.invoice_id)])).rows.map((x) => [x.invoice_id, x.other]));
  const limits = { accountChangeDays: settings.accountChangeDays, newSupplierLimitOre: parseOre(settings.newSupplierLimit), maxPaymentOre: parseOre(settings.maxPayment) };

  const eligible: (Candidate & { account: RegisteredAccount })[] = [];
  let held = 0;
  for (const c of cands) {
    const s = suppliers.get(c.supplier_id)!;
    const result = paymentControls({
      amountOre: BigInt(c.amount_ore) < 0n ? -BigInt(c.amount_ore) : BigInt(c.amount_ore), isCreditNote: c.is_credit_note, stated: c.payment_accounts.filter((a) => a.type !== 'unknown'),
      supplier: { name: s.name, blocked: s.blocked, fSkatt: s.f_skatt, accounts: accounts.filter((a) => a.supplier_id === c.supplier_id).map((a) => ({ id: a.id, type: a.type, clearing: a.clearing, number: a.number, bic: a.bic, verified: a.status === 'verified', since: a.since, ended: a.ended })) },
      earlierPayments: earlier.get(c.supplier_id) ?? 0, supplierSince: s.since, duplicateOf: dupes.get(c.invoice_id) ?? null, today, limits,
    });
    for (const h of result.holds) {
      await tx.query('INSERT INTO payment_holds (id, tenant_id, invoice_id, reason, detail, raised_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, invoice_id, reason) DO NOTHING',
        [newId('hld'), tx.tenantId, c.invoice_id, h.reason, h.detail, person.id || null]);
    }
    const open = await tx.query('SELECT 1 FROM payment_holds WHERE invoice_id = $1 AND released_at IS NULL LIMIT 1', [c.invoice_id]);
    if (open.rows.length || !result.account) { held++; continue; }
    eligible.push({ ...c, account: result.account });
  }

  // Payments: one per invoice with its OCR; netted per supplier (one payment, the numbers as text) when it has credit notes.
  type Pay = { items: (Candidate & { account: RegisteredAccount })[]; reference: { kind: 'ocr' | 'text'; value: string } };
  const payments: Pay[] = [];
  for (const sid of supplierIds) {
    const mine = eligible.filter((e) => e.supplier_id === sid);
    const credits = mine.filter((e) => BigInt(e.amount_ore) < 0n);
    const debits = mine.filter((e) => BigInt(e.amount_ore) > 0n);
    if (credits.length && settings.netting) {
      const total = mine.reduce((a, e) => a + BigInt(e.amount_ore), 0n);
      if (total > 0n) payments.push({ items: mine, reference: { kind: 'text', value: `Fakturor ${debits.map((d) => d.invoice_number).join(', ')}; avgår kredit ${credits.map((d) => d.invoice_number).join(', ')}`.slice(0, 140) } });
      continue; // credit larger than the debt: wait for more invoices
    }
    for (const d of debits) payments.push({ items: [d], reference: d.payment_reference && /^\d{2,25}$/.test(d.payment_reference) ? { kind: 'ocr', value: d.payment_reference } : { kind: 'text', value: `Faktura ${d.invoice_number ?? d.invoice_id}`.slice(0, 140) } });
  }
  const invoiceCount = payments.reduce((n, p) => n + p.items.length, 0);
  if (!invoiceCount) {
    throw new NothingToPropose('conflict', { sv: `Inga fakturor att föreslå till och med ${input.until}${held ? ` (${held} spärrade av betalningskontrollerna)` : ''}.`, en: `No invoices to propose up to ${input.until}${held ? ` (${held} held by the payment controls)` : ''}.` }, { held });
  }
  const number = Number((await tx.query<{ n: string }>('SELECT coalesce(max(number), 0) + 1 AS n FROM payment_proposals')).rows[0]!.n);
  const id = newId('pay');
  const total = payments.reduce((a, p) => a + p.items.reduce((b, i) => b + BigInt(i.amount_ore), 0n), 0n);
  await tx.query('INSERT INTO payment_proposals (id, tenant_id, number, until_date, created_by, total_ore, invoice_count) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, tx.tenantId, number, input.until, person.id || null, total.toString(), invoiceCount]);
  let seq = 0;
  for (const p of payments) {
    const e2e = `AVROP-${number}-${String(++seq).padStart(5, '0')}`;
    for (const i of p.items) {
      await tx.query(
        `INSERT INTO payment_items (id, tenant_id, proposal_id, invoice_id, supplier_id, amount_ore, due_date, end_to_end_id, account_id, account_type, account_clearing, account_number, account_bic, reference_kind, reference, invoice_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [newId('pit'), tx.tenantId, id, i.invoice_id, i.supplier_id, i.amount_ore, i.due_date, e2e, i.account.id, i.account.type, i.account.clearing, i.account.number, i.account.bic, p.reference.kind, p.reference.value, i.version]);
    }
  }
  await recordEvent(tx, { actor: actorOf(person), action: 'payment_proposal.create', entityType: 'payment_proposal', entityId: id, after: { number, until: input.until, invoices: invoiceCount, total: formatOre(total), held } });
  return { proposal: id, number, invoices: invoiceCount, total: formatOre(total), held };
}

async function lockProposal(tx: TenantTx, id: string): Promise<{ id: string; number: number; status: string; created_by: string | null }> {
  const r = await tx.query<{ id: string; number: number; status: string; created_by: string | null }>('SELECT id, number, status, created_by FROM payment_proposals WHERE id = $1 OR number::text = $1 FOR UPDATE', [id]);
  if (!r.rows[0]) throw notFound({ sv: 'Betalningsförslaget finns inte.', en: 'No such payment proposal.' });
  return r.rows[0];
}

/** POST approve: a second person approves (never the proposer). */
export async function approveProposal(tx: TenantTx, person: Person, id: string): Promise<void> {
  const p = await lockProposal(tx, id);
  if (p.status !== 'proposed') throw conflict({ sv: `Betalningsförslag ${p.number} är redan ${p.status === 'approved' ? 'godkänt' : p.status === 'file_created' ? 'skickat som betalfil' : 'makulerat'}.`, en: `Payment proposal ${p.number} is already ${p.status}.` });
  if (!person.id) throw forbidden({ sv: 'Ett betalningsförslag godkänns av en person (ange --user).', en: 'A payment proposal is approved by a person (give --user).' });
  if (p.created_by === person.id) throw forbidden({ sv: 'Du kan inte godkänna ditt eget betalningsförslag: en annan person ska godkänna (fyra ögon).', en: 'You cannot approve your own payment proposal: another person must (four eyes).' });
  await tx.query(`UPDATE payment_proposals SET status = 'approved', approved_by = $2, approved_at = now() WHERE id = $1`, [p.id, person.id]);
  await recordEvent(tx, { actor: actorOf(person), action: 'payment_proposal.approve', entityType: 'payment_proposal', entityId: p.id, after: { number: p.number } });
}

/** POST cancel: the invoices return to the queue. */
export async function cancelProposal(tx: TenantTx, person: Person, id: string): Promise<void> {
  const p = await lockProposal(tx, id);
  if (p.status === 'file_created' || p.status === 'cancelled') throw conflict({ sv: `Betalningsförslag ${p.number} kan inte makuleras (${p.status === 'cancelled' ? 'redan makulerat' : 'betalfilen är skapad'}).`, en: `Payment proposal ${p.number} cannot be cancelled.` });
  await tx.query(`UPDATE payment_items SET status = 'removed' WHERE proposal_id = $1 AND status = 'proposed'`, [p.id]);
  await tx.query(`UPDATE payment_proposals SET status = 'cancelled' WHERE id = $1`, [p.id]);
  await recordEvent(tx, { actor: actorOf(person), action: 'payment_proposal.cancel', entityType: 'payment_proposal', entityId: p.id, after: { number: p.number } });
}

export { lockProposal };
