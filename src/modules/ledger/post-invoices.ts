// Posting: approved invoices become vouchers (expense rows per coding row, VAT rows per VAT handling,
// the credit on supplier debt; credit notes reversed) and open items in the accounts-payable ledger.
// Vouchers come from the pure `buildVoucher`, are asserted balanced before insert (and by the database
// at insert), are numbered per series and year from a counter row (a block per call, no gaps), and are
// written set-wise with `unnest` arrays: one statement per table whatever the number of rows, so a
// year's invoices post in seconds. Posting the same invoice twice is impossible (unique source).
import type { TenantTx } from '../../platform/db/tenant.ts';
import { recordEvent, type Actor } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { todayInStockholm } from '../../platform/dates.ts';
import { buildVoucher, type CodingRow, type VatHandling, type Voucher } from './voucher-math.ts';
import { getLedgerSettings, type AccountingDateRule } from './settings.ts';
import { closedPeriods } from './periods.ts';

export type NewVoucher = { id: string; series: string; year: number; number: number; date: string; text: string; sourceType: 'invoice' | 'payment' | 'reversal'; sourceId: string; reversesId: string | null; voucher: Voucher };

type InvoiceRow = {
  id: string; status: string; is_credit_note: boolean; issue_date: string | null; received_at: string; seller_name: string | null; invoice_number: string | null;
  supplier_id: string | null; due_date: string | null; net_amount_ore: string | null; vat_amount_ore: string | null; posted: boolean;
};

/** The accounting date by the rule, moved to the posting day when its month is closed. */
export function accountingDate(rule: AccountingDateRule, inv: { issueDate: string | null; receivedOn: string }, today: string, closed: Set<string>): string {
  const wanted = rule === 'invoice_date' ? inv.issueDate ?? inv.receivedOn : rule === 'receipt_date' ? inv.receivedOn : today;
  if (!closed.has(wanted.slice(0, 7))) return wanted;
  if (closed.has(today.slice(0, 7))) {
    throw new AppError('conflict', { sv: `Perioden ${today.slice(0, 7)} är stängd: inget kan bokföras.`, en: `The period ${today.slice(0, 7)} is closed: nothing can be posted.` });
  }
  return today;
}

/** Reserves `count` consecutive numbers in a series and year; returns the first. */
export async function reserveNumbers(tx: TenantTx, series: string, year: number, count: number): Promise<number> {
  const r = await tx.query<{ first: number }>(
    `INSERT INTO voucher_counters (tenant_id, series, year, next) VALUES ($1, $2, $3, $4 + 1)
     ON CONFLICT (tenant_id, series, year) DO UPDATE SET next = voucher_counters.next + $4 RETURNING next - $4 AS first`,
    [tx.tenantId, series, year, count]);
  return r.rows[0]!.first;
}

/** Inserts vouchers and their rows: two statements in all. */
export async function insertVouchers(tx: TenantTx, actor: Actor, vouchers: NewVoucher[]): Promise<void> {
  if (!vouchers.length) return;
  for (const v of vouchers) {
    const sum = v.voucher.rows.reduce((a, r) => a + r.debitOre - r.creditOre, 0n);
    if (sum !== 0n) throw new AppError('internal', `voucher ${v.sourceId} does not balance`);
  }
  await tx.query(
    `INSERT INTO vouchers (id, tenant_id, series, year, number, accounting_date, text, source_type, source_id, reverses_id, created_by)
     SELECT id, $1, series, year, number, d::date, text, st, sid, rev, $2 FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
       AS t(id, series, year, number, d, text, st, sid, rev)`,
    [tx.tenantId, actor?.id ?? null, vouchers.map((v) => v.id), vouchers.map((v) => v.series), vouchers.map((v) => v.year), vouchers.map((v) => v.number),
      vouchers.map((v) => v.date), vouchers.map((v) => v.text.slice(0, 200)), vouchers.map((v) => v.sourceType), vouchers.map((v) => v.sourceId), vouchers.map((v) => v.reversesId)]);
  const rows = vouchers.flatMap((v) => v.voucher.rows.map((r, i) => ({ vid: v.id, pos: i + 1, r })));
  await tx.query(
    `INSERT INTO voucher_rows (tenant_id, voucher_id, position, konto, ansvar, dimensions, amount_ore, text)
     SELECT $1, vid, pos, konto, ansvar, dims::jsonb, amount, text FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[])
       AS t(vid, pos, konto, ansvar, dims, amount, text)`,
    [tx.tenantId, rows.map((x) => x.vid), rows.map((x) => x.pos), rows.map((x) => x.r.konto), rows.map((x) => x.r.ansvar), rows.map((x) => JSON.stringify(x.r.dimensions)),
      rows.map((x) => (x.r.debitOre - x.r.creditOre).toString()), rows.map((x) => x.r.text.slice(0, 200))]);
}

async function vatAccounts(tx: TenantTx): Promise<{ deductible: string; compensation: string; supplierDebt: string }> {
  const r = await tx.query<{ d: string; c: string; s: string }>('SELECT vat_deductible_account AS d, vat_compensation_account AS c, supplier_debt_account AS s FROM handling_settings');
  return { deductible: r.rows[0]?.d ?? '2641', compensation: r.rows[0]?.c ?? '1680', supplierDebt: r.rows[0]?.s ?? '2440' };
}

export type PostResult = { posted: { invoiceId: string; voucherId: string; series: string; year: number; number: number }[]; skipped: string[] };

/**
 * Posts approved invoices that are not posted yet (others are skipped and named). One call may post
 * one invoice (at approval) or a hundred thousand (the benchmark): the work is set-wise.
 */
export async function postInvoices(tx: TenantTx, actor: Actor, invoiceIds: string[], today = todayInStockholm()): Promise<PostResult> {
  if (!invoiceIds.length) return { posted: [], skipped: [] };
  const settings = await getLedgerSettings(tx);
  const closed = await closedPeriods(tx);
  const accounts = await vatAccounts(tx);
  const invoices = await tx.query<InvoiceRow>(
    `SELECT i.id, i.status, i.is_credit_note, i.issue_date, to_char(i.received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS received_at, i.seller_name, i.invoice_number,
            i.supplier_id, i.due_date, i.net_amount_ore, i.vat_amount_ore, EXISTS (SELECT 1 FROM ap_items a WHERE a.invoice_id = i.id) AS posted
       FROM invoices i WHERE i.id = ANY($1::text[]) ORDER BY i.issue_date NULLS LAST, i.id FOR UPDATE OF i`, [invoiceIds]);
  const coding = await tx.query<{ invoice_id: string; konto: string; ansvar: string; dimensions: Record<string, string>; amount_ore: string; vat_ore: string; vat_handling: VatHandling; text: string | null }>(
    'SELECT invoice_id, konto, ansvar, dimensions, amount_ore, vat_ore, vat_handling, text FROM coding_rows WHERE invoice_id = ANY($1::text[]) ORDER BY invoice_id, position', [invoiceIds]);
  const rowsBy = new Map<string, CodingRow[]>();
  for (const c of coding.rows) {
    const list = rowsBy.get(c.invoice_id) ?? [];
    list.push({ konto: c.konto, ansvar: c.ansvar, dimensions: c.dimensions, amountOre: BigInt(c.amount_ore), vatOre: BigInt(c.vat_ore), vatHandling: c.vat_handling, text: c.text });
    rowsBy.set(c.invoice_id, list);
  }
  const skipped: string[] = [];
  const drafts: { inv: InvoiceRow; date: string; voucher: Voucher; text: string }[] = [];
  for (const inv of invoices.rows) {
    const rows = rowsBy.get(inv.id);
    if (inv.status !== 'approved' || inv.posted || !rows?.length) { skipped.push(inv.id); continue; }
    const text = `${inv.is_credit_note ? 'Kreditfaktura' : 'Faktura'} ${inv.invoice_number ?? ''} ${inv.seller_name ?? ''}`.replace(/\s+/g, ' ').trim();
    const voucher = buildVoucher({ rows, accounts, isCreditNote: inv.is_credit_note, text });
    drafts.push({ inv, date: accountingDate(settings.accountingDateRule, { issueDate: inv.issue_date, receivedOn: inv.received_at }, today, closed), voucher, text });
  }
  for (const id of invoiceIds) if (!invoices.rows.some((r) => r.id === id)) skipped.push(id);
  // Number per (series, year) in accounting-date order.
  drafts.sort((a, b) => (a.date === b.date ? a.inv.id.localeCompare(b.inv.id) : a.date < b.date ? -1 : 1));
  const byYear = new Map<number, typeof drafts>();
  for (const d of drafts) { const y = Number(d.date.slice(0, 4)); byYear.set(y, [...(byYear.get(y) ?? []), d]); }
  const vouchers: NewVoucher[] = [];
  for (const [year, list] of byYear) {
    const first = await reserveNumbers(tx, settings.invoiceSeries, year, list.length);
    list.forEach((d, i) => vouchers.push({ id: newId('ver'), series: settings.invoiceSeries, year, number: first + i, date: d.date, text: d.text, sourceType: 'invoice', sourceId: d.inv.id, reversesId: null, voucher: d.voucher }));
  }
  await insertVouchers(tx, actor, vouchers);
  const byInvoice = new Map(drafts.map((d) => [d.inv.id, d]));
  if (vouchers.length) {
    await tx.query(
      `INSERT INTO ap_items (tenant_id, invoice_id, supplier_id, voucher_id, amount_ore, accounting_date, due_date)
       SELECT $1, inv, sup, vid, amount, d::date, due::date FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[]) AS t(inv, sup, vid, amount, d, due)`,
      [tx.tenantId, vouchers.map((v) => v.sourceId), vouchers.map((v) => byInvoice.get(v.sourceId)!.inv.supplier_id), vouchers.map((v) => v.id),
        vouchers.map((v) => { const i = byInvoice.get(v.sourceId)!.inv; const gross = BigInt(i.net_amount_ore ?? '0') + BigInt(i.vat_amount_ore ?? '0'); return (i.is_credit_note ? -gross : gross).toString(); }),
        vouchers.map((v) => v.date), vouchers.map((v) => byInvoice.get(v.sourceId)!.inv.due_date)]);
    await recordEvent(tx, {
      actor, action: 'ledger.post', entityType: vouchers.length === 1 ? 'invoice' : 'ledger', entityId: vouchers.length === 1 ? vouchers[0]!.sourceId : null,
      after: { vouchers: vouchers.length, first: `${vouchers[0]!.series} ${vouchers[0]!.year}-${vouchers[0]!.number}`, last: `${vouchers.at(-1)!.series} ${vouchers.at(-1)!.year}-${vouchers.at(-1)!.number}` },
    });
  }
  return { posted: vouchers.map((v) => ({ invoiceId: v.sourceId, voucherId: v.id, series: v.series, year: v.year, number: v.number })), skipped };
}
