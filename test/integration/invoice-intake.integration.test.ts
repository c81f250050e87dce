// Invoice intake end to end through the API and the pipeline: exactly once, suspected duplicates,
// rejections with an Invoice Response in the outbox, hostile and wrong input, unknown recipients,
// SBDH envelopes, unknown suppliers, the Peppol inbox folder, and the invoice views.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';
import { bytes, grannby, invoiceXml, sellerParty, unknownSeller } from '../support/invoices.ts';
import { ingestDocument, scanInbox, runInvoiceJobs } from '../../src/modules/invoices/index.ts';
import { wrapSbdh } from '../../src/formats/sbdh/unwrap.ts';
import type { UblParty } from '../../src/formats/ubl-writer/write-invoice.ts';

type Outcome = { outcome: string; invoiceId: string | null; tenant: string | null; findings: { rule: string; severity: string }[] };

describe(`invoice intake on ${testDbKind}`, () => {
  let t: TestApp;
  let clerk: Client;
  let known: UblParty;
  const post = async (xml: string | Uint8Array, c: Client = clerk) => {
    const r = await c.request('POST', '/api/invoices/inbound', undefined, { rawBody: Buffer.from(typeof xml === 'string' ? bytes(xml) : xml), headers: { 'content-type': 'application/xml' } });
    return { status: r.status, body: r.body as unknown as Outcome, raw: r.raw };
  };

  before(async () => {
    t = await createTestApp();
    clerk = new Client(t.app);
    assert.equal((await clerk.login('fakturahanterare')).status, 200);
    const admin = new Client(t.app);
    await admin.login('admin');
    const suppliers = (await admin.request('GET', '/api/suppliers?limit=5')).body.suppliers as { name: string; orgNumber: string; blocked: boolean }[];
    known = sellerParty(suppliers.find((s) => !s.blocked)!);
  });
  after(() => t.close());

  test('a valid invoice is registered with lines, VAT, supplier and the unchanged original', async () => {
    const xml = invoiceXml({ number: 'A-100', seller: known });
    const r = await post(xml);
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.outcome, 'registered');
    assert.equal(r.body.tenant, '212000-2411');
    const d = (await clerk.request('GET', `/api/invoices/${r.body.invoiceId}`)).body as Record<string, unknown> & { lines: { description: string; netAmount: string }[]; vat: { rate: string; taxAmount: string }[] };
    assert.equal(d.invoiceNumber, 'A-100');
    assert.ok(d.supplierId, 'supplier identified');
    // Routed by the reference code to its beställare and coded from the supplier's rule: waiting for review.
    assert.equal(d.status, 'to_review');
    assert.deepEqual(d.routing, { ...(d.routing as object), method: 'buyer-reference', username: 'bestallare', referenceCode: 'KS4411' });
    assert.equal((d.coding as { ansvar: string }[])[0]!.ansvar, '4411');
    assert.deepEqual(d.lines.map((l) => [l.description, l.netAmount]), [['Kopieringspapper A4', '495.00'], ['Läromedel', '897.00']]);
    assert.deepEqual(d.vat.map((v) => [v.rate, v.taxAmount]), [['25', '123.75'], ['6', '53.82']]);
    assert.equal(d.netAmount, '1392.00');
    assert.equal(d.grossAmount, '1569.57');
    assert.equal(d.buyerReference, 'KS4411');
    const original = await clerk.request('GET', `/api/invoices/${r.body.invoiceId}/original`);
    assert.equal(original.raw, xml);
    const view = await clerk.request('GET', `/api/invoices/${r.body.invoiceId}/view`);
    assert.equal(view.status, 200);
    assert.match(view.raw, /A-100/);
    assert.match(String(view.headers['content-security-policy']), /default-src 'none'/);
  });

  test('the same document twice gives one invoice (outcome duplicate, naming the first)', async () => {
    const xml = invoiceXml({ number: 'A-101', seller: known });
    const first = await post(xml);
    const again = await post(xml);
    assert.equal(again.status, 200);
    assert.equal(again.body.outcome, 'duplicate');
    assert.equal(again.body.invoiceId, first.body.invoiceId);
    const list = (await clerk.request('GET', '/api/invoices?q=A-101')).body as { total: number };
    assert.equal(list.total, 1);
  });

  test('concurrent deliveries of the same document register it once', async () => {
    const xml = invoiceXml({ number: 'A-102', seller: known });
    const results = await Promise.all([post(xml), post(xml), post(xml)]);
    assert.deepEqual(results.map((r) => r.body.outcome).sort(), ['duplicate', 'duplicate', 'registered']);
    assert.equal(new Set(results.map((r) => r.body.invoiceId)).size, 1);
  });

  test('another document with the same supplier and number is a suspected duplicate', async () => {
    await post(invoiceXml({ number: 'A-103', seller: known }));
    const resend = await post(invoiceXml({ number: 'A-103', seller: known, note: 'Påminnelse' }));
    assert.equal(resend.body.outcome, 'suspected-duplicate');
    const d = (await clerk.request('GET', `/api/invoices/${resend.body.invoiceId}`)).body;
    assert.equal(d.status, 'suspected_duplicate');
    assert.equal(d.duplicateReason, 'same-number');
    assert.ok(d.duplicateOf);
  });

  test('same supplier, amount, date and OCR is a suspected duplicate too', async () => {
    await post(invoiceXml({ number: 'A-104', seller: known, payment: { bankgiro: '56771231', ocr: '5555555553' } }));
    const other = await post(invoiceXml({ number: 'A-104B', seller: known, payment: { bankgiro: '56771231', ocr: '5555555553' } }));
    assert.equal(other.body.outcome, 'suspected-duplicate');
  });

  test('an invoice with fatal findings is kept as rejected and answered with an Invoice Response', async () => {
    const bad = invoiceXml({ number: 'A-105', seller: known }).replace(/<cbc:PayableAmount currencyID="SEK">[\d.]+</, '<cbc:PayableAmount currencyID="SEK">99999.00<');
    const r = await post(bad);
    assert.equal(r.status, 201);
    assert.equal(r.body.outcome, 'rejected');
    assert.ok(r.body.findings.some((f) => f.rule === 'BR-CO-16' && f.severity === 'fatal'), JSON.stringify(r.body.findings));
    const d = (await clerk.request('GET', `/api/invoices/${r.body.invoiceId}`)).body as { status: string; responseStatus: string; findings: { rule: string; message: string }[] };
    assert.equal(d.status, 'rejected');
    assert.equal(d.responseStatus, 'written');
    const file = join(t.dataDir, 'peppol', 'out', `invoice-response-${r.body.invoiceId}.xml`);
    assert.ok(existsSync(file), 'invoice response written');
    const response = readFileSync(file, 'utf8');
    assert.match(response, /<cbc:ResponseCode>RE<\/cbc:ResponseCode>/);
    assert.match(response, /<cbc:ID>A-105<\/cbc:ID>/);
    assert.match(response, /BR-CO-16/);
    const rejected = (await clerk.request('GET', '/api/invoices?status=rejected')).body as { invoices: { id: string }[] };
    assert.ok(rejected.invoices.some((i) => i.id === r.body.invoiceId));
  });

  test('broken and hostile input gets a clear outcome and no crash', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Invoice>&lol2;</Invoice>';
    const external = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>';
    const order = '<?xml version="1.0" encoding="UTF-8"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>';
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['not xml', 'Hej, här är fakturan!', /^AVROP-XML-002$/],
      ['truncated', invoiceXml({ number: 'A-106', seller: known }).slice(0, 500), /^AVROP-XML-002$/],
      ['entity bomb', bomb, /^AVROP-XML-004$/],
      ['external entity', external, /^AVROP-XML-004$/],
      ['an order, not an invoice', order, /^AVROP-DOC-001$/],
      ['latin-1 bytes', new Uint8Array([...bytes('<?xml version="1.0"?><Invoice>'), 0xe5, 0xe4, 0xf6, ...bytes('</Invoice>')]), /^AVROP-XML-003$/],
      ['zero bytes', new Uint8Array(0), /^AVROP-INTAKE-001$/],
    ];
    for (const [name, doc, rule] of cases) {
      const r = await post(doc);
      assert.ok(r.status === 201 || r.status === 200, `${name}: ${r.raw}`);
      assert.ok(['rejected', 'unknown-recipient'].includes(r.body.outcome), `${name}: ${r.body.outcome}`);
      assert.ok(r.body.findings.some((f) => rule.test(f.rule) && f.severity === 'fatal'), `${name}: ${JSON.stringify(r.body.findings)}`);
    }
    const health = await clerk.request('GET', '/api/health');
    assert.equal(health.status, 200);
  });

  test('an invoice for another municipality is not registered here', async () => {
    const before = (await clerk.request('GET', '/api/invoices')).body.total;
    const r = await post(invoiceXml({ number: 'G-1', seller: known, buyer: grannby }));
    assert.equal(r.body.outcome, 'unknown-recipient');
    assert.equal(r.body.invoiceId, null);
    assert.equal((await clerk.request('GET', '/api/invoices')).body.total, before);
  });

  test('an SBDH envelope is unwrapped; a receiver that disagrees with the buyer is rejected', async () => {
    const inner = invoiceXml({ number: 'S-1', seller: known });
    const ok = await post(wrapSbdh(inner, { sender: '0007:5567321707', receiver: '0007:2120002411', instanceIdentifier: 'sbdh-1', standard: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', type: 'Invoice', createdAt: '2026-11-02T10:00:00Z' }));
    assert.equal(ok.body.outcome, 'registered', JSON.stringify(ok.body.findings));
    const mismatch = await post(wrapSbdh(invoiceXml({ number: 'S-2', seller: known, buyer: grannby }), { sender: '0007:5567321707', receiver: '0007:2120002411', instanceIdentifier: 'sbdh-2', standard: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', type: 'Invoice', createdAt: '2026-11-02T10:00:00Z' }));
    assert.equal(mismatch.body.outcome, 'rejected');
    assert.ok(mismatch.body.findings.some((f) => f.rule === 'AVROP-SBDH-002'));
  });

  test('an unknown supplier: the invoice is registered and an onboarding task is opened', async () => {
    const r = await post(invoiceXml({ number: 'U-1', seller: unknownSeller }));
    assert.equal(r.body.outcome, 'registered');
    const d = (await clerk.request('GET', `/api/invoices/${r.body.invoiceId}`)).body;
    assert.equal(d.supplierId, null);
    const tasks = (await clerk.request('GET', '/api/supplier-onboarding')).body as { tasks?: { orgNumber: string | null }[] };
    assert.ok(JSON.stringify(tasks).includes('556677-8899'), JSON.stringify(tasks));
    const search = (await clerk.request('GET', '/api/suppliers?q=5566778899')).body as { suppliers: unknown[] };
    assert.equal(search.suppliers.length, 0, 'the register is not extended silently');
  });

  test('a 50 MB attachment is received and can be downloaded unchanged', async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    const xml = invoiceXml({ number: 'BIG-1', seller: known, attachments: [{ id: 'Underlag', filename: 'underlag.pdf', mimeCode: 'application/pdf', content: big }] });
    const r = await ingestDocument(t.db, { bytes: bytes(xml), filename: 'big.xml', source: 'cli' });
    assert.equal(r.outcome, 'registered', JSON.stringify(r.findings.filter((f) => f.severity === 'fatal')));
    const att = await clerk.request('GET', `/api/invoices/${r.invoiceId}/attachments/1`);
    assert.equal(att.status, 200);
    assert.equal(Number(att.headers['content-length']), 50 * 1024 * 1024);
  });

  test('the Peppol inbox folder: files move to processed/ or failed/ with a reason', async () => {
    const inbox = join(t.dataDir, 'peppol', 'in');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'good.xml'), invoiceXml({ number: 'P-1', seller: known }));
    writeFileSync(join(inbox, 'bad.xml'), '<Invoice');
    writeFileSync(join(inbox, 'half.xml.part'), '<Inv');
    const results = await scanInbox(t.db, t.dataDir);
    await runInvoiceJobs(t.db, t.dataDir);
    assert.deepEqual(results.map((r) => [r.file, r.result.outcome]).sort(), [['bad.xml', 'unknown-recipient'], ['good.xml', 'registered']]);
    assert.deepEqual(readdirSync(inbox), ['half.xml.part']);
    assert.ok(existsSync(join(t.dataDir, 'peppol', 'processed', 'good.xml')));
    assert.ok(existsSync(join(t.dataDir, 'peppol', 'failed', 'bad.xml')));
    assert.match(readFileSync(join(t.dataDir, 'peppol', 'failed', 'bad.xml.reason.txt'), 'utf8'), /AVROP-XML-002/);
    // Delivered again (the operator resends): a duplicate, moved to processed again.
    writeFileSync(join(inbox, 'good.xml'), invoiceXml({ number: 'P-1', seller: known }));
    const again = await scanInbox(t.db, t.dataDir);
    assert.equal(again[0]!.result.outcome, 'duplicate');
    assert.ok(existsSync(join(t.dataDir, 'peppol', 'processed', 'good-2.xml')));
  });

  test('the list filters by status, supplier, dates and amount, sorts by due date and pages', async () => {
    const all = (await clerk.request('GET', '/api/invoices?limit=500')).body as { invoices: { dueDate: string | null; status: string; grossAmount: string | null }[]; total: number };
    const dues = all.invoices.map((i) => i.dueDate).filter((d): d is string => d !== null);
    assert.deepEqual(dues, [...dues].sort());
    const page = (await clerk.request('GET', '/api/invoices?limit=2&offset=1')).body as { invoices: unknown[]; total: number };
    assert.equal(page.invoices.length, 2);
    assert.equal(page.total, all.total);
    const big = (await clerk.request('GET', '/api/invoices?minAmount=1500')).body as { invoices: { grossAmount: string }[] };
    assert.ok(big.invoices.length > 0 && big.invoices.every((i) => Number(i.grossAmount) >= 1500));
    const bad = await clerk.request('GET', '/api/invoices?dueFrom=2026-13-01');
    assert.equal(bad.status, 400);
  });

  test('only clerks may upload; a beställare may not read invoices', async () => {
    const b = new Client(t.app);
    await b.login('bestallare');
    assert.equal((await post(invoiceXml({ number: 'X-1', seller: known }), b)).status, 403);
    assert.equal((await b.request('GET', '/api/invoices')).status, 403);
  });

  test('every receipt is in the audit trail', async () => {
    const r = new Client(t.app);
    await r.login('revisor');
    const ev = (await r.request('GET', '/api/audit?action=invoice.&limit=500')).body as { events: { action: string }[] };
    const actions = new Set(ev.events.map((e) => e.action));
    for (const a of ['invoice.receive', 'invoice.reject_on_receipt', 'invoice.response_written']) assert.ok(actions.has(a), a);
  });
});
