// Helpers for the invoice-handling integration tests: signed-in clients per demo user, test invoices
// from demo suppliers through the real intake, and the handling part of an invoice read back.
import assert from 'node:assert/strict';
import type { TestApp } from './app.ts';
import { Client } from './app.ts';
import { bytes, invoiceXml, sellerParty } from './invoices.ts';
import { ingestDocument } from '../../src/modules/invoices/index.ts';
import type { UblInvoiceSpec, UblParty } from '../../src/formats/ubl-writer/write-invoice.ts';

export type CodingRowView = { position: number; konto: string; ansvar: string; dimensions: Record<string, string>; amount: string; vatAmount: string; vatHandling: string; linePosition: number | null; text: string | null };
export type ApprovalView = { kind: 'review' | 'approve'; username: string; ansvar: string | null; amount: string | null; via: string | null; onBehalfOf: string | null; comment: string | null };
export type InvoiceView = {
  id: string; status: string; version: number; invoiceNumber: string; netAmount: string; vatAmount: string; grossAmount: string; issueDate: string; dueDate: string | null;
  routing: { method: string | null; username: string | null; referenceCode: string | null; detail: string | null };
  assignedTo: { username: string } | null;
  coding: CodingRowView[];
  voucher: { rows: { konto: string; ansvar: string | null; debit: string; credit: string; kind: string }[]; debit: string; credit: string } | null;
  approvals: ApprovalView[];
  approvalNeeds: { ansvar: string; amount: string; approvedBy: string | null; candidates: { username: string; via: string }[] }[];
  history: { kind: string; username: string | null; active: boolean }[];
  handlingNote: string | null;
};
export type Task = { type: 'identify' | 'code' | 'review' | 'approve'; invoiceId: string; dueDate: string | null; ansvar: string[]; status: string; overdue: boolean; escalated: boolean };
export type Supplier = { id: string; name: string; orgNumber: string; konto: string | null; party: UblParty };

/** What a refused request must leave untouched. */
export type Snapshot = { status: string; version: number; coding: CodingRowView[]; approvals: ApprovalView[]; assignedTo: string | null };

export class Handling {
  private readonly clients = new Map<string, Client>();
  readonly userIds = new Map<string, string>();
  tenantId = '';
  suppliers: Supplier[] = [];
  private nextSupplier = 0;
  private counter = 0;

  constructor(readonly t: TestApp) {}

  async init(): Promise<this> {
    const clerk = await this.as('fakturahanterare');
    const list = (await clerk.request('GET', '/api/suppliers?limit=200')).body.suppliers as { id: string; name: string; orgNumber: string | null; blocked: boolean }[];
    const rules = (await clerk.request('GET', '/api/supplier-rules')).body as unknown as { supplierId: string; konto: string | null; userId: string | null; ansvar: string | null }[];
    const ruleBy = new Map(rules.map((r) => [r.supplierId, r]));
    this.suppliers = list.filter((s) => !s.blocked && s.orgNumber && ruleBy.get(s.id)?.konto && !ruleBy.get(s.id)?.userId && !ruleBy.get(s.id)?.ansvar)
      .map((s) => ({ id: s.id, name: s.name, orgNumber: s.orgNumber!, konto: ruleBy.get(s.id)!.konto, party: sellerParty({ name: s.name, orgNumber: s.orgNumber }) }));
    assert.ok(this.suppliers.length >= 10, `demo suppliers with a konto rule: ${this.suppliers.length}`);
    return this;
  }

  /** A demo supplier not used by any earlier call, so that history and duplicates never interfere. */
  freshSupplier(): Supplier {
    const s = this.suppliers[this.nextSupplier % this.suppliers.length]!;
    this.nextSupplier += 1;
    return s;
  }

  /** A signed-in client for a demo user (cached; password avrop-demo). */
  async as(username: string): Promise<Client> {
    const cached = this.clients.get(username);
    if (cached) return cached;
    const c = new Client(this.t.app);
    const r = await c.login(username);
    assert.equal(r.status, 200, `login ${username}: ${r.raw}`);
    const user = r.body.user as { id: string; tenant: { id: string } };
    this.userIds.set(username, user.id);
    this.tenantId = user.tenant.id;
    this.clients.set(username, c);
    return c;
  }

  /** A fresh client (own session) for races: two browsers of different people. */
  async fresh(username: string): Promise<Client> {
    const c = new Client(this.t.app);
    assert.equal((await c.login(username)).status, 200);
    return c;
  }

  async userId(username: string): Promise<string> {
    await this.as(username);
    return this.userIds.get(username)!;
  }

  /** Ingests a test invoice through the real intake (which routes it) and returns its id. */
  async ingest(overrides: Partial<UblInvoiceSpec> & { supplier?: Supplier } = {}): Promise<string> {
    this.counter += 1;
    const supplier = overrides.supplier ?? this.freshSupplier();
    const { supplier: _s, ...rest } = overrides;
    const number = rest.number ?? `H-${this.counter}-${Date.now() % 100000}`;
    const xml = invoiceXml({ ...rest, number, seller: supplier.party });
    const r = await ingestDocument(this.t.db, { bytes: bytes(xml), filename: `${number}.xml`, source: 'cli' });
    assert.equal(r.outcome, 'registered', JSON.stringify(r.findings.filter((f) => f.severity === 'fatal')));
    return r.invoiceId!;
  }

  async get(id: string): Promise<InvoiceView> {
    const r = await (await this.as('fakturahanterare')).request('GET', `/api/invoices/${id}`);
    assert.equal(r.status, 200, r.raw);
    return r.body as unknown as InvoiceView;
  }

  async snapshot(id: string): Promise<Snapshot> {
    const d = await this.get(id);
    return { status: d.status, version: d.version, coding: d.coding, approvals: d.approvals, assignedTo: d.assignedTo?.username ?? null };
  }

  /** Asserts that a refused request left the invoice exactly as it was. */
  async assertUnchanged(id: string, before: Snapshot, what: string): Promise<void> {
    assert.deepEqual(await this.snapshot(id), before, `${what} changed the invoice`);
  }

  async tasks(username: string): Promise<Task[]> {
    const r = await (await this.as(username)).request('GET', '/api/tasks');
    assert.equal(r.status, 200, r.raw);
    return r.body as unknown as Task[];
  }

  async notifications(username: string): Promise<{ id: string; invoiceId: string | null; kind: string; message: string }[]> {
    const r = await (await this.as(username)).request('GET', '/api/notifications');
    assert.equal(r.status, 200, r.raw);
    return r.body as unknown as { id: string; invoiceId: string | null; kind: string; message: string }[];
  }

  async post(username: string, id: string, action: 'review' | 'approve' | 'reject' | 'assign' | 'duplicate', body: unknown = {}) {
    return (await this.as(username)).request('POST', `/api/invoices/${id}/${action}`, body);
  }

  async code(username: string, id: string, body: unknown) {
    return (await this.as(username)).request('PUT', `/api/invoices/${id}/coding`, body);
  }

  /** An invoice routed to bestallare (KS4411), coded from the supplier rule and reviewed: waiting for approval. */
  async toApprove(overrides: Partial<UblInvoiceSpec> & { supplier?: Supplier } = {}): Promise<string> {
    const id = await this.ingest(overrides);
    const d = await this.get(id);
    assert.equal(d.status, 'to_review', JSON.stringify(d.routing));
    const r = await this.post(d.assignedTo!.username, id, 'review', { comment: 'Levererat' });
    assert.equal(r.status, 200, r.raw);
    return id;
  }
}

/** "1 392,00" style amounts → öre, for sums. */
export const ore = (amount: string): bigint => {
  const neg = amount.startsWith('-');
  const [i, f = ''] = amount.replace('-', '').split('.');
  const v = BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
};
