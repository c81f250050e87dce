// Reconciliation: the bank's camt.054 debit notifications make invoices paid (with the booking date and
// a payment voucher); returned payments go back to the queue; pain.002 status reports mark rejected
// payments; what matches no payment of ours is listed. Each file is read once (by its hash); a file
// that cannot be read changes nothing.
import { createHash } from 'node:crypto';
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent } from '../../platform/audit/index.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { formatOre, parseOre } from '../../platform/money.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { readCamt054, readPain002 } from '../../formats/iso20022/index.ts';
import { postPayments, type PaymentPosting } from '../ledger/index.ts';
import { actorOfPerson, type Person } from './person.ts';

export type ImportOutcome = 'paid' | 'returned' | 'rejected' | 'accepted' | 'unknown' | 'already_done';
export type ImportItem = { endToEndId: string | null; amount: string | null; bookingDate: string | null; reference: string | null; outcome: ImportOutcome; detail: string | null; invoiceIds: string[] };
export type ImportResult = { import: string; kind: 'camt054' | 'pain002'; messageId: string | null; paid: number; returned: number; rejected: number; unknown: number; items: ImportItem[] };

type PayItem = { id: string; invoice_id: string; amount_ore: string; status: string; invoice_number: string | null };

async function itemsFor(tx: TenantTx, e2e: string): Promise<PayItem[]> {
  const r = await tx.query<PayItem>(
    `SELECT p.id, p.invoice_id, p.amount_ore, p.status, i.invoice_number FROM payment_items p JOIN invoices i ON i.id = p.invoice_id
      WHERE p.end_to_end_id = $1 AND p.status IN ('in_file', 'paid') ORDER BY p.invoice_id FOR UPDATE OF p`, [e2e]);
  return r.rows;
}

async function storeImport(tx: TenantTx, person: Person, kind: 'camt054' | 'pain002', bytes: Uint8Array, filename: string | null, messageId: string | null): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const id = newId('bim');
  const r = await tx.query('INSERT INTO bank_imports (id, tenant_id, kind, message_id, sha256, filename, bytes, imported_by) VALUES ($1, $2, $3, $4, $5, $6, decode($7, \'base64\'), $8) ON CONFLICT (tenant_id, sha256) DO NOTHING RETURNING id',
    [id, tx.tenantId, kind, messageId, sha, filename, Buffer.from(bytes).toString('base64'), person.id || null]);
  if (!r.rows.length) {
    const first = await tx.query<{ imported_at: Date }>('SELECT imported_at FROM bank_imports WHERE sha256 = $1', [sha]);
    throw conflict({ sv: `Filen är redan inläst (${first.rows[0]?.imported_at.toISOString().slice(0, 16).replace('T', ' ') ?? ''}); inget har ändrats.`, en: 'The file was imported already; nothing changed.' });
  }
  return id;
}

async function finish(tx: TenantTx, person: Person, importId: string, kind: 'camt054' | 'pain002', messageId: string | null, items: ImportItem[]): Promise<ImportResult> {
  for (const i of items) {
    await tx.query('INSERT INTO bank_import_items (id, tenant_id, import_id, end_to_end_id, amount_ore, booking_date, reference, outcome, detail, invoice_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[])',
      [newId('bit'), tx.tenantId, importId, i.endToEndId, i.amount === null ? null : parseOre(i.amount).toString(), i.bookingDate, i.reference, i.outcome, i.detail, i.invoiceIds]);
  }
  const count = (o: ImportOutcome) => items.filter((i) => i.outcome === o).length;
  const summary = { paid: count('paid'), returned: count('returned'), rejected: count('rejected'), unknown: count('unknown') };
  await tx.query('UPDATE bank_imports SET summary = $2::jsonb WHERE id = $1', [importId, JSON.stringify(summary)]);
  await recordEvent(tx, { actor: actorOfPerson(person), action: `bank_import.${kind}`, entityType: 'bank_import', entityId: importId, after: { messageId, ...summary } });
  return { import: importId, kind, messageId, ...summary, items };
}

async function markReturned(tx: TenantTx, person: Person, items: PayItem[], reason: string, date: string, e2e: string): Promise<void> {
  const wasPaid = items.filter((i) => i.status === 'paid');
  await tx.query(`UPDATE payment_items SET status = 'returned', return_reason = $2 WHERE id = ANY($1::text[])`, [items.map((i) => i.id), reason.slice(0, 500)]);
  if (wasPaid.length) {
    await tx.query(`UPDATE ap_items SET status = 'open', paid_on = NULL, payment_voucher_id = NULL WHERE invoice_id = ANY($1::text[])`, [wasPaid.map((i) => i.invoice_id)]);
    await postPayments(tx, actorOfPerson(person), [{ sourceId: `return:${e2e}:${newId('r')}`, date, text: `Återbetalning ${e2e}`, amountsOre: wasPaid.map((i) => BigInt(i.amount_ore)), returned: true }]);
  }
}

export async function importCamt054(tx: TenantTx, person: Person, bytes: Uint8Array, filename: string | null = null): Promise<ImportResult> {
  const read = readCamt054(bytes);
  if (!read.ok || !read.notification) {
    throw new AppError('validation_failed', { sv: `Filen kan inte läsas som camt.054: ${read.errors.map((e) => e.message).join(' ')}`, en: `The file cannot be read as camt.054: ${read.errors.map((e) => e.messageEn).join(' ')}` }, { errors: read.errors });
  }
  const n = read.notification;
  const importId = await storeImport(tx, person, 'camt054', bytes, filename, n.messageId);
  const items: ImportItem[] = [];
  const postings: (PaymentPosting & { invoiceIds: string[] })[] = [];
  const today = todayInStockholm();
  for (const entry of n.entries) {
    if (entry.status !== 'BOOK') continue;
    for (const t of entry.transactions) {
      const e2e = t.endToEndId ?? null;
      const base = { endToEndId: e2e, amount: formatOre(t.amountOre), bookingDate: entry.bookingDate, reference: t.reference ?? null };
      const mine = e2e ? await itemsFor(tx, e2e) : [];
      if (!mine.length) { items.push({ ...base, outcome: 'unknown', detail: e2e ? 'Ingen betalning från Avrop har detta end-to-end-id.' : 'Transaktionen saknar end-to-end-id.', invoiceIds: [] }); continue; }
      const sum = mine.reduce((a, i) => a + BigInt(i.amount_ore), 0n);
      const date = entry.bookingDate ?? entry.valueDate ?? today;
      if (t.returned || entry.creditDebit === 'CRDT' || entry.reversal) {
        await markReturned(tx, person, mine, `${t.returnReason ?? ''} ${t.returnReasonText ?? ''}`.trim() || 'Returnerad av banken', date, e2e!);
        items.push({ ...base, outcome: 'returned', detail: `${t.returnReason ?? ''} ${t.returnReasonText ?? ''}`.trim() || null, invoiceIds: mine.map((i) => i.invoice_id) });
        continue;
      }
      if (mine.every((i) => i.status === 'paid')) { items.push({ ...base, outcome: 'already_done', detail: 'Redan betald.', invoiceIds: mine.map((i) => i.invoice_id) }); continue; }
      if (sum !== t.amountOre) { items.push({ ...base, outcome: 'unknown', detail: `Beloppet ${formatOre(t.amountOre)} stämmer inte med betalningen ${formatOre(sum)}.`, invoiceIds: mine.map((i) => i.invoice_id) }); continue; }
      await tx.query(`UPDATE payment_items SET status = 'paid', paid_on = $2 WHERE id = ANY($1::text[])`, [mine.map((i) => i.id), date]);
      postings.push({ sourceId: `payment:${e2e}`, date, text: `Betalning ${e2e} ${mine.map((i) => i.invoice_number).join(', ')}`.slice(0, 200), amountsOre: mine.map((i) => BigInt(i.amount_ore)), invoiceIds: mine.map((i) => i.invoice_id) });
      items.push({ ...base, outcome: 'paid', detail: null, invoiceIds: mine.map((i) => i.invoice_id) });
    }
  }
  const vouchers = await postPayments(tx, actorOfPerson(person), postings);
  for (const [k, p] of postings.entries()) {
    await tx.query(`UPDATE ap_items SET status = 'paid', paid_on = $2, payment_voucher_id = $3 WHERE invoice_id = ANY($1::text[])`, [p.invoiceIds, p.date, vouchers[k]!.voucherId]);
  }
  return finish(tx, person, importId, 'camt054', n.messageId, items);
}

export async function importPain002(tx: TenantTx, person: Person, bytes: Uint8Array, filename: string | null = null): Promise<ImportResult> {
  const read = readPain002(bytes);
  if (!read.ok || !read.report) {
    throw new AppError('validation_failed', { sv: `Filen kan inte läsas som pain.002: ${read.errors.map((e) => e.message).join(' ')}`, en: `The file cannot be read as pain.002: ${read.errors.map((e) => e.messageEn).join(' ')}` }, { errors: read.errors });
  }
  const r = read.report;
  const importId = await storeImport(tx, person, 'pain002', bytes, filename, r.messageId);
  const items: ImportItem[] = [];
  const today = todayInStockholm();
  let txs = r.transactions.map((t) => ({ e2e: t.originalEndToEndId as string | null, status: t.status as string, reason: `${t.reasonCode ?? ''} ${t.reasonText ?? ''}`.trim() }));
  if (!txs.length && r.groupStatus === 'RJCT') {
    const all = await tx.query<{ end_to_end_id: string }>(`SELECT DISTINCT i.end_to_end_id FROM payment_items i JOIN payment_files f ON f.proposal_id = i.proposal_id WHERE f.message_id = $1`, [r.originalMessageId]);
    txs = all.rows.map((x) => ({ e2e: x.end_to_end_id, status: 'RJCT', reason: `${r.groupReasonCode ?? ''} ${r.groupReasonText ?? ''}`.trim() || 'Hela filen avvisad' }));
    if (!all.rows.length) items.push({ endToEndId: null, amount: null, bookingDate: null, reference: r.originalMessageId, outcome: 'unknown', detail: `Ingen betalfil från Avrop har meddelande-id ${r.originalMessageId}.`, invoiceIds: [] });
  }
  for (const t of txs) {
    const mine = t.e2e ? await itemsFor(tx, t.e2e) : [];
    const base = { endToEndId: t.e2e, amount: mine.length ? formatOre(mine.reduce((a, i) => a + BigInt(i.amount_ore), 0n)) : null, bookingDate: null, reference: null };
    if (!mine.length) { items.push({ ...base, outcome: 'unknown', detail: 'Ingen betalning från Avrop har detta end-to-end-id.', invoiceIds: [] }); continue; }
    if (t.status === 'RJCT') {
      await markReturned(tx, person, mine.filter((i) => i.status === 'in_file'), t.reason || 'Avvisad av banken', today, t.e2e!);
      items.push({ ...base, outcome: 'rejected', detail: t.reason || null, invoiceIds: mine.map((i) => i.invoice_id) });
    } else {
      items.push({ ...base, outcome: 'accepted', detail: t.status, invoiceIds: mine.map((i) => i.invoice_id) });
    }
  }
  return finish(tx, person, importId, 'pain002', r.messageId, items);
}
