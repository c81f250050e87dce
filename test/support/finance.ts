// Helpers for the ledger and payment integration tests: approved (so posted) invoices from suppliers
// whose registered, verified bankgiro the invoice states, direct SQL as the application role, a
// snapshot of every ledger/payment table (to prove a refused request changed nothing), binary downloads,
// the pretend bank's camt.054, and "settle" (pay everything proposable, so a scenario starts clean).
import assert from 'node:assert/strict';
import type { TestApp } from './app.ts';
import { Handling, type Supplier } from './handling.ts';
import { ocrFor } from './invoices.ts';
import { withTenant, type TenantTx } from '../../src/platform/db/tenant.ts';
import { todayInStockholm } from '../../src/platform/dates.ts';
import { camt054, type BankPayment } from '../../src/demo/demo-bank.ts';
import type { UblInvoiceSpec } from '../../src/formats/ubl-writer/write-invoice.ts';

export type PayableSupplier = Supplier & { bankgiro: string };
export type PostedInvoice = { id: string; number: string; supplier: PayableSupplier; netOre: bigint; vatOre: bigint; grossOre: bigint; creditNote: boolean; issueDate: string; dueDate: string; ocr: string };

export const plusDays = (iso: string, n: number): string => { const d = new Date(`${iso}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
/** öre → "1234.50" (the API's amount format). */
export const kr = (ore: bigint): string => { const neg = ore < 0n; const a = neg ? -ore : ore; return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`; };

/** The tables a finance request may change: a refused request must leave every one as it was. */
const TABLES = ['vouchers', 'voucher_rows', 'voucher_counters', 'ap_items', 'export_batches', 'ledger_periods', 'ledger_settings', 'payment_proposals', 'payment_items', 'payment_files', 'payment_holds', 'bank_imports', 'bank_import_items', 'dimension_values', 'payment_settings'] as const;

export class Finance {
  readonly h: Handling;
  payable: PayableSupplier[] = [];
  private next = 0;
  private seq = 0;
  private readonly reserved = new Set<string>();

  constructor(readonly t: TestApp) { this.h = new Handling(t); }

  async init(): Promise<this> {
    await this.h.init();
    const c = await this.h.as('ekonom');
    for (const s of this.h.suppliers) {
      const d = (await c.request('GET', `/api/suppliers/${s.id}`)).body as unknown as { fSkatt: boolean | null; blocked: boolean; accounts: { type: string; number: string; status: string; endedAt: string | null }[] };
      const active = d.accounts.filter((a) => !a.endedAt);
      const bg = active.filter((a) => a.type === 'bankgiro');
      // Exactly one account, a verified bankgiro: what the invoice states is then what is paid.
      if (d.fSkatt !== false && !d.blocked && active.length === 1 && bg.length === 1 && bg[0]!.status === 'verified') this.payable.push({ ...s, bankgiro: bg[0]!.number });
    }
    assert.ok(this.payable.length >= 12, `payable demo suppliers: ${this.payable.length}`);
    return this;
  }

  /** A payable supplier not handed out before (wraps around after all have been used). */
  supplier(): PayableSupplier {
    for (let i = 0; i < this.payable.length; i++) {
      const s = this.payable[this.next % this.payable.length]!;
      this.next += 1;
      if (!this.reserved.has(s.id)) return s;
    }
    throw new Error('no payable supplier left');
  }

  /** Takes a supplier out of the rotation (a test changes its accounts). */
  reserve(): PayableSupplier { const s = this.supplier(); this.reserved.add(s.id); return s; }

  /**
   * An invoice (or credit note) with one 25 % line of a unique net amount (a multiple of 4 öre, so the
   * VAT is exact), through the real intake, reviewed by bestallare and approved by attestant: posted.
   */
  async approved(o: { supplier?: PayableSupplier; issueDate?: string; dueDate?: string; netOre?: bigint; creditNote?: boolean; precedingInvoice?: string; payment?: UblInvoiceSpec['payment'] | null; approve?: boolean } = {}): Promise<PostedInvoice> {
    const id = await this.toApprove(o);
    if (o.approve !== false) {
      const r = await this.h.post('attestant', id.id, 'approve', { comment: 'OK' });
      assert.equal(r.status, 200, r.raw);
    }
    return id;
  }

  /** The same invoice as `approved`, left reviewed and waiting for approval. */
  async toApprove(o: { supplier?: PayableSupplier; issueDate?: string; dueDate?: string; netOre?: bigint; creditNote?: boolean; precedingInvoice?: string; payment?: UblInvoiceSpec['payment'] | null } = {}): Promise<PostedInvoice> {
    this.seq += 1;
    const supplier = o.supplier ?? this.supplier();
    const today = todayInStockholm();
    const issueDate = o.issueDate ?? plusDays(today, -5);
    const dueDate = o.dueDate ?? plusDays(issueDate, 30);
    const netOre = o.netOre ?? 100_000n + BigInt(this.seq) * 1_236n; // 1012.36, 1024.72, …: never the same amount twice
    assert.equal(netOre % 4n, 0n, 'net amount must be a multiple of 4 öre');
    const number = `${o.creditNote ? 'K' : 'F'}-${this.seq}-${Date.now() % 1_000_000}`;
    const ocr = ocrFor(number);
    const payment = o.payment === null ? undefined : o.payment ?? { bankgiro: supplier.bankgiro, ocr, terms: '30 dagar netto' };
    const id = await this.h.ingest({
      supplier, number, issueDate, dueDate, buyerReference: 'KS4411', ...(payment ? { payment } : {}),
      ...(o.creditNote ? { kind: 'creditnote' as const, ...(o.precedingInvoice ? { precedingInvoice: o.precedingInvoice } : {}) } : {}),
      lines: [{ description: `Förbrukningsmaterial ${this.seq}`, quantity: '1', unitPriceOre: netOre, vatRate: 25 }],
    });
    const d = await this.h.get(id);
    assert.equal(d.status, 'to_review', `${number}: ${JSON.stringify(d.routing)}`);
    assert.equal(d.assignedTo?.username, 'bestallare');
    const r = await this.h.post('bestallare', id, 'review', { comment: 'Levererat' });
    assert.equal(r.status, 200, r.raw);
    return { id, number, supplier, netOre, vatOre: netOre / 4n, grossOre: netOre + netOre / 4n, creditNote: o.creditNote === true, issueDate, dueDate, ocr };
  }

  /** Runs SQL as the application role inside the tenant (row-level security applies). */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return withTenant(this.t.db, this.h.tenantId, async (tx) => (await tx.query(text, params)).rows as T[]);
  }

  async tx<T>(fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    return withTenant(this.t.db, this.h.tenantId, fn);
  }

  /** Row count and a digest of every row of every finance table. */
  async snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const [r] = await this.sql<{ n: string; d: string | null }>(`SELECT count(*)::text AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM ${table} x`);
      out[table] = `${r!.n}:${r!.d}`;
    }
    return out;
  }

  async assertUnchanged(before: Record<string, string>, what: string): Promise<void> {
    assert.deepEqual(await this.snapshot(), before, `${what} changed finance data`);
  }

  /** GET as a signed-in user, returning the raw bytes. */
  async download(username: string, url: string): Promise<{ status: number; bytes: Buffer; headers: Record<string, unknown> }> {
    const c = await this.h.as(username);
    const res = await this.t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
    return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
  }

  async api(username: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
    return (await this.h.as(username)).request(method, url, body);
  }

  async importBank(kind: 'camt054' | 'pain002', xml: string | Buffer, username = 'ekonom') {
    return (await this.h.as(username)).request('POST', `/api/payments/imports/${kind}`, undefined, { rawBody: Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8'), headers: { 'content-type': 'application/xml' } });
  }

  camt(payments: BankPayment[], messageId = `CAMT-${++this.seq}-${Date.now()}`): string {
    return camt054(payments, { messageId, createdAt: `${todayInStockholm()}T06:00:00`, debtorBankgiro: '50501055' });
  }

  /** The payments of a proposal as the bank sees them: end-to-end id and summed amount, from the database. */
  async paymentsOf(proposalId: string): Promise<{ e2e: string; amountOre: bigint; invoiceIds: string[] }[]> {
    const rows = await this.sql<{ e2e: string; amount: string; ids: string[] }>(
      `SELECT end_to_end_id AS e2e, sum(amount_ore)::text AS amount, array_agg(invoice_id ORDER BY invoice_id) AS ids FROM payment_items WHERE proposal_id = $1 AND status IN ('in_file', 'paid') GROUP BY end_to_end_id ORDER BY end_to_end_id`, [proposalId]);
    return rows.map((r) => ({ e2e: r.e2e, amountOre: BigInt(r.amount), invoiceIds: r.ids }));
  }

  /** propose (ekonom) → approve (ekonomichef) → file; returns the proposal id and the file's XML. */
  async proposeToFile(until: string): Promise<{ proposal: string; xml: string; invoices: number }> {
    const p = await this.api('ekonom', 'POST', '/api/payments/proposals', { until });
    assert.equal(p.status, 201, p.raw);
    const proposal = String(p.body.proposal);
    const a = await this.api('ekonomichef', 'POST', `/api/payments/proposals/${proposal}/approve`);
    assert.equal(a.status, 200, a.raw);
    const f = await this.api('ekonom', 'POST', `/api/payments/proposals/${proposal}/file`);
    assert.equal(f.status, 201, f.raw);
    const file = await this.download('ekonom', `/api/payments/proposals/${proposal}/file`);
    return { proposal, xml: file.bytes.toString('utf8'), invoices: Number(p.body.invoices) };
  }

  /** Pays everything that can be proposed now, so that a scenario's proposal holds only its own invoices. */
  async settle(): Promise<void> {
    const p = await this.api('ekonom', 'POST', '/api/payments/proposals', { until: '2099-12-31' });
    if (p.status === 409) return;
    assert.equal(p.status, 201, p.raw);
    const proposal = String(p.body.proposal);
    assert.equal((await this.api('ekonomichef', 'POST', `/api/payments/proposals/${proposal}/approve`)).status, 200);
    assert.equal((await this.api('ekonom', 'POST', `/api/payments/proposals/${proposal}/file`)).status, 201);
    const pays = await this.paymentsOf(proposal);
    const r = await this.importBank('camt054', this.camt(pays.map((x) => ({ endToEndId: x.e2e, amountOre: x.amountOre, bookingDate: todayInStockholm() }))));
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.paid, pays.length);
  }
}

/** Tags of an XML document, text content only (enough for the flat checks on pain.001). */
export const xmlTexts = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);
