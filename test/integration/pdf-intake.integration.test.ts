// PDF invoices from suppliers not yet on Peppol: text extracted, fields proposed, the clerk confirms.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';
import { tinyPdf } from '../../src/demo/demo-invoices.ts';

type Draft = { draftId: string; proposal: Record<string, string | null>; text: string };

describe(`PDF invoice intake on ${testDbKind}`, () => {
  let t: TestApp;
  let clerk: Client;
  let supplier: { id: string; name: string; orgNumber: string; accounts: { type: string; number: string }[] };
  const upload = (body: Uint8Array, filename = 'faktura.pdf') =>
    clerk.request('POST', `/api/invoices/pdf?filename=${filename}`, undefined, { rawBody: Buffer.from(body), headers: { 'content-type': 'application/pdf' } });

  before(async () => {
    t = await createTestApp();
    clerk = new Client(t.app);
    await clerk.login('fakturahanterare');
    const list = (await clerk.request('GET', '/api/suppliers?limit=50')).body.suppliers as typeof supplier[];
    supplier = list.find((s) => s.accounts.some((a) => a.type === 'bankgiro'))!;
  });
  after(() => t.close());

  test('fields and the supplier are proposed from the PDF text', async () => {
    const r = await upload(tinyPdf(`Fakturanummer: PDF-77 Org.nr ${supplier.orgNumber} Fakturadatum: 2026-11-03 Att betala 1 250,00 kr`), 'pdf-77.pdf');
    assert.equal(r.status, 201, r.raw);
    const d = r.body as unknown as Draft;
    assert.match(d.text, /PDF-77/);
    assert.equal(d.proposal.invoiceNumber, 'PDF-77');
    assert.equal(d.proposal.issueDate, '2026-11-03');
    assert.equal(d.proposal.grossAmount, '1250.00');
    assert.equal(d.proposal.orgNumber, supplier.orgNumber);
    assert.equal(d.proposal.supplierId, supplier.id);
    const file = await clerk.request('GET', `/api/invoices/pdf/${d.draftId}/file`);
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
  });

  test('a file that is not a PDF, or a broken PDF, is refused and nothing is stored', async () => {
    const before = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM inbound_documents');
    const notPdf = await upload(new TextEncoder().encode('<html>inte en pdf</html>'));
    assert.equal(notPdf.status, 400);
    assert.equal(notPdf.body.error?.message, 'Filen är ingen PDF.');
    const broken = await upload(new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> trasig'));
    assert.equal(broken.status, 400);
    assert.match(String(broken.body.error?.message), /trasig/);
    const after = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM inbound_documents');
    assert.equal(after.rows[0]!.n, before.rows[0]!.n);
  });

  test('the same PDF twice is refused as already received', async () => {
    const pdf = tinyPdf('Fakturanummer: PDF-78');
    assert.equal((await upload(pdf)).status, 201);
    const again = await upload(pdf);
    assert.equal(again.status, 409);
    assert.ok(again.body.error?.details?.draftId);
  });

  test('confirming registers a PDF invoice; amounts must add up; twice is refused', async () => {
    const d = (await upload(tinyPdf('Fakturanummer: PDF-79'))).body as unknown as Draft;
    const body = { supplierId: supplier.id, invoiceNumber: 'PDF-79', issueDate: '2026-11-03', dueDate: '2026-12-03', currency: 'SEK', netAmount: '1000.00', vatAmount: '250.00', grossAmount: '1250.00', ocr: null };
    const wrong = await clerk.request('POST', `/api/invoices/pdf/${d.draftId}/confirm`, { ...body, grossAmount: '1300.00' });
    assert.equal(wrong.status, 400);
    const inverted = await clerk.request('POST', `/api/invoices/pdf/${d.draftId}/confirm`, { ...body, dueDate: '2026-10-01' });
    assert.equal(inverted.status, 400);
    const ok = await clerk.request('POST', `/api/invoices/pdf/${d.draftId}/confirm`, body);
    assert.equal(ok.status, 201, ok.raw);
    const inv = (await clerk.request('GET', `/api/invoices/${String(ok.body.invoiceId)}`)).body;
    assert.equal(inv.format, 'pdf');
    assert.equal(inv.source, 'pdf');
    assert.equal(inv.grossAmount, '1250.00');
    assert.equal(inv.supplierId, supplier.id);
    const view = await clerk.request('GET', `/api/invoices/${String(ok.body.invoiceId)}/view`);
    assert.equal(view.headers['content-type'], 'application/pdf');
    assert.equal((await clerk.request('POST', `/api/invoices/pdf/${d.draftId}/confirm`, body)).status, 409);
  });
});
