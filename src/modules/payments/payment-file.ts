// The payment file: an approved proposal becomes one ISO 20022 pain.001.001.03 file (Swedish market
// practice: bankgiro, plusgiro, bank account, IBAN + BIC; OCR as structured reference). Before writing,
// every invoice must be unchanged since it was proposed and every account still the verified one it
// was proposed to; otherwise nothing is written and the error says which. The file is kept in the
// database (downloads again byte-identical) and written to `<data dir>/payments/`.
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../../platform/files.ts';
import { join } from 'node:path';
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent } from '../../platform/audit/index.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { formatOre } from '../../platform/money.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { writePain001, Pain001Error, type CreditorAccount, type Payment } from '../../formats/iso20022/index.ts';
import { lockProposal } from './proposals.ts';
import { getPaymentSettings } from './settings.ts';
import { actorOfPerson, type Person } from './person.ts';

type Item = {
  invoice_id: string; invoice_number: string | null; supplier_id: string; name: string; postal_address: { street?: string; postalCode?: string; city?: string; country?: string };
  country: string; amount_ore: string; due_date: string | null; end_to_end_id: string; account_id: string; account_type: string; account_clearing: string; account_number: string;
  account_bic: string | null; reference_kind: 'ocr' | 'text'; reference: string; invoice_version: number; current_version: number; current_status: string;
  acc_number: string | null; acc_clearing: string | null; acc_status: string | null; acc_ended: boolean | null; holds: number;
};

export const paymentsDir = (dataDir: string) => join(dataDir, 'payments');

export async function createPaymentFile(tx: TenantTx, person: Person, proposalId: string, now = new Date()): Promise<{ fileId: string; filename: string; bytes: Buffer; payments: number; total: string }> {
  const p = await lockProposal(tx, proposalId);
  if (p.status === 'file_created') throw conflict({ sv: `Betalfilen för förslag ${p.number} är redan skapad; hämta den igen under betalningsförslaget.`, en: `The payment file of proposal ${p.number} exists already; download it again from the proposal.` });
  if (p.status !== 'approved') throw conflict({ sv: `Betalningsförslag ${p.number} måste godkännas av en andra person innan betalfilen skapas.`, en: `Payment proposal ${p.number} must be approved by a second person before the file is made.` });
  const items = (await tx.query<Item>(
    `SELECT i.invoice_id, v.invoice_number, i.supplier_id, s.name, s.postal_address, s.country, i.amount_ore, i.due_date, i.end_to_end_id, i.account_id, i.account_type, i.account_clearing,
            i.account_number, i.account_bic, i.reference_kind, i.reference, i.invoice_version, v.version AS current_version, v.status AS current_status,
            a.number AS acc_number, a.clearing AS acc_clearing, a.status AS acc_status, a.ended_at IS NOT NULL AS acc_ended,
            (SELECT count(*)::int FROM payment_holds h WHERE h.invoice_id = i.invoice_id AND h.released_at IS NULL) AS holds
       FROM payment_items i JOIN invoices v ON v.id = i.invoice_id JOIN suppliers s ON s.id = i.supplier_id LEFT JOIN supplier_accounts a ON a.id = i.account_id
      WHERE i.proposal_id = $1 AND i.status = 'proposed' ORDER BY i.end_to_end_id, i.invoice_id FOR UPDATE OF i`, [p.id])).rows;
  const problems: string[] = [];
  for (const i of items) {
    const what = `faktura ${i.invoice_number ?? i.invoice_id} (${i.name})`;
    if (i.current_version !== i.invoice_version || i.current_status !== 'approved') problems.push(`${what} har ändrats efter förslaget`);
    if (i.acc_ended || i.acc_status !== 'verified' || i.acc_number !== i.account_number || (i.acc_clearing ?? '') !== i.account_clearing) problems.push(`${what}: betalkontot har ändrats eller är inte längre verifierat`);
    if (i.holds > 0) problems.push(`${what} är spärrad av en betalningskontroll`);
  }
  if (!items.length) problems.push('förslaget innehåller inga betalningar');
  if (problems.length) {
    throw new AppError('conflict', { sv: `Betalfilen skapas inte: ${problems.join('; ')}. Makulera förslaget och gör ett nytt.`, en: `The payment file is not made: ${problems.length} invoice(s) changed, held or with a changed account since the proposal. Cancel it and propose again.` }, { problems });
  }
  const settings = await getPaymentSettings(tx);
  const tenant = (await tx.query<{ name: string; org_number: string }>('SELECT name, org_number FROM tenants WHERE id = $1', [tx.tenantId])).rows[0]!;
  if (!settings.debtorBankgiro) throw new AppError('conflict', { sv: 'Kommunens eget bankgironummer saknas i betalningsinställningarna.', en: "The municipality's own bankgiro number is missing from the payment settings." });
  const today = todayInStockholm(now);
  // One payment per end-to-end id (netted invoices share one), executed on its due date (today if past).
  const byPayment = new Map<string, Item[]>();
  for (const i of items) byPayment.set(i.end_to_end_id, [...(byPayment.get(i.end_to_end_id) ?? []), i]);
  const batches = new Map<string, Payment[]>();
  let total = 0n;
  for (const [e2e, list] of byPayment) {
    const first = list[0]!;
    const amount = list.reduce((a, i) => a + BigInt(i.amount_ore), 0n);
    total += amount;
    const due = list.map((i) => i.due_date ?? today).sort()[0]!;
    const date = due < today ? today : due;
    const account: CreditorAccount = first.account_type === 'bankgiro' ? { type: 'bankgiro', number: first.account_number }
      : first.account_type === 'plusgiro' ? { type: 'plusgiro', number: first.account_number }
        : first.account_type === 'bank' ? { type: 'bank', clearing: first.account_clearing, account: first.account_number }
          : { type: 'iban', iban: first.account_number, bic: first.account_bic ?? '' };
    const addr = first.postal_address ?? {};
    batches.set(date, [...(batches.get(date) ?? []), {
      endToEndId: e2e, amountOre: amount, currency: 'SEK',
      creditor: { name: first.name, ...(addr.city ? { address: { ...(addr.street ? { street: addr.street } : {}), ...(addr.postalCode ? { postalCode: addr.postalCode } : {}), city: addr.city, country: addr.country ?? first.country ?? 'SE' } } : {}) },
      account, remittance: first.reference_kind === 'ocr' ? { ocr: first.reference } : { text: first.reference },
    }]);
  }
  const messageId = `AVROP-${tenant.org_number.replace('-', '')}-${p.number}`;
  let xml: string;
  try {
    xml = writePain001({
      messageId, createdAt: now.toISOString().slice(0, 19), initiatingParty: { name: tenant.name, orgNumber: tenant.org_number.replace('-', '') },
      debtor: { name: settings.debtorName ?? tenant.name, orgNumber: tenant.org_number.replace('-', ''), account: { type: 'bankgiro', number: settings.debtorBankgiro } },
      batches: [...batches.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, payments], k) => ({ paymentInfoId: `${messageId}-${k + 1}`, executionDate: date, payments })),
    });
  } catch (e) {
    if (e instanceof Pain001Error) throw new AppError('validation_failed', { sv: e.message, en: e.messageEn }, { problems: e.problems });
    throw e;
  }
  const bytes = Buffer.from(xml, 'utf8');
  const filename = `pain001-${tenant.org_number.replace('-', '')}-${String(p.number).padStart(5, '0')}.xml`;
  const fileId = newId('pfl');
  await tx.query(`INSERT INTO payment_files (id, tenant_id, proposal_id, message_id, filename, bytes, sha256, payments, total_ore, created_by) VALUES ($1, $2, $3, $4, $5, decode($6, 'base64'), $7, $8, $9, $10)`,
    [fileId, tx.tenantId, p.id, messageId, filename, bytes.toString('base64'), createHash('sha256').update(bytes).digest('hex'), byPayment.size, total.toString(), person.id || null]);
  await tx.query(`UPDATE payment_items SET status = 'in_file' WHERE proposal_id = $1 AND status = 'proposed'`, [p.id]);
  await tx.query(`UPDATE payment_proposals SET status = 'file_created' WHERE id = $1`, [p.id]);
  await recordEvent(tx, { actor: actorOfPerson(person), action: 'payment_file.create', entityType: 'payment_proposal', entityId: p.id, after: { filename, messageId, payments: byPayment.size, total: formatOre(total) } });
  return { fileId, filename, bytes, payments: byPayment.size, total: formatOre(total) };
}

/** Writes the file to `<data dir>/payments/` (after the transaction committed): temp file + rename. */
export async function storePaymentFile(dataDir: string, filename: string, bytes: Uint8Array): Promise<string> {
  return writeFileAtomic(paymentsDir(dataDir), filename, bytes);
}

export async function getPaymentFile(tx: TenantTx, proposalId: string): Promise<{ filename: string; bytes: Buffer }> {
  const r = await tx.query<{ filename: string; b64: string }>(`SELECT f.filename, encode(f.bytes, 'base64') AS b64 FROM payment_files f JOIN payment_proposals p ON p.id = f.proposal_id WHERE p.id = $1 OR p.number::text = $1`, [proposalId]);
  if (!r.rows[0]) throw new AppError('not_found', { sv: 'Betalfilen finns inte (förslaget har ingen fil än).', en: 'No payment file (the proposal has none yet).' });
  return { filename: r.rows[0].filename, bytes: Buffer.from(r.rows[0].b64, 'base64') };
}
