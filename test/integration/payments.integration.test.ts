// Payments through the HTTP API and the database: proposals approved by a second person (four eyes in
// the API and in a CHECK), the pain.001 file (XSD-valid, sums, bankgiro and OCR coding, once only),
// "an invoice never in two payments" (API and unique index), invoices or accounts changed after the
// proposal, payment holds and their release by another person, reconciliation (camt.054 paid/unknown/
// returned, pain.002 rejected, broken files), the late-payment cost report, and races.
// Every refused request is checked to have changed nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';
import { ore } from '../support/handling.ts';
import { Finance, kr, plusDays, xmlTexts, type PostedInvoice } from '../support/finance.ts';
import { standardsOrSkip } from '../support/standards.ts';
import { todayInStockholm } from '../../src/platform/dates.ts';
import { referenceRates } from '../../src/modules/handling/reference-rates.ts';
import { createProposal, systemPerson } from '../../src/modules/payments/index.ts';

type ProposalItem = { invoiceId: string; amount: string; endToEndId: string; account: string; reference: string; status: string; paidOn: string | null };
type Proposal = { id: string; number: number; status: string; createdBy: string; approvedBy: string | null; total: string; invoiceCount: number; items: ProposalItem[]; file: { filename: string; payments: number; total: string } | null };
type Hold = { id: string; invoiceId: string; reason: string; detail: string; raisedBy: string | null; releasedBy: string | null; releaseComment: string | null };

describe(`payments on ${testDbKind}`, () => {
  let t: TestApp;
  let f: Finance;
  const today = todayInStockholm();
  const soon = plusDays(today, 20);
  const sum = (xs: PostedInvoice[]) => xs.reduce((a, x) => a + (x.creditNote ? -x.grossOre : x.grossOre), 0n);

  before(async () => {
    t = await createTestApp();
    f = await new Finance(t).init();
  });
  after(() => t.close());

  const proposal = async (id: string): Promise<Proposal> => {
    const r = await f.api('ekonom', 'GET', `/api/payments/proposals/${id}`);
    assert.equal(r.status, 200, r.raw);
    return r.body as unknown as Proposal;
  };
  const propose = (until = soon, user = 'ekonom') => f.api(user, 'POST', '/api/payments/proposals', { until });
  const paymentFiles = () => (existsSync(join(t.dataDir, 'payments')) ? readdirSync(join(t.dataDir, 'payments')).sort() : []);
  const apItem = async (invoiceId: string) => (await f.sql<{ status: string; paid_on: string | null; amount_ore: string; payment_voucher_id: string | null }>('SELECT status, paid_on, amount_ore::text, payment_voucher_id FROM ap_items WHERE invoice_id = $1', [invoiceId]))[0]!;

  describe('proposal, four eyes and the payment file', () => {
    let mine: PostedInvoice[];
    let proposalId: string;

    test('propose (ekonom) → approve by the same person 403, by others 403/409, all unchanged → approve by ekonomichef', async () => {
      await f.settle();
      const withOcr = await f.approved({ dueDate: plusDays(today, 10) });
      // No OCR on the invoice: paid with the invoice number as text.
      const s = f.supplier();
      const noOcr = await f.approved({ supplier: s, dueDate: plusDays(today, 12), payment: { bankgiro: s.bankgiro } });
      mine = [withOcr, noOcr];
      const before = await f.snapshot();
      assert.equal((await propose(soon, 'attestant')).status, 403);
      assert.equal((await f.api('ekonom', 'POST', '/api/payments/proposals', { until: '2026-02-30' })).status, 400);
      await f.assertUnchanged(before, 'refused proposals');
      const p = await propose();
      assert.equal(p.status, 201, p.raw);
      assert.deepEqual([p.body.invoices, p.body.total, p.body.held], [2, kr(sum(mine)), 0]);
      proposalId = String(p.body.proposal);
      const view = await proposal(proposalId);
      assert.deepEqual(view.items.map((i) => i.invoiceId).sort(), mine.map((m) => m.id).sort());
      assert.deepEqual([view.status, view.createdBy, view.approvedBy], ['proposed', 'ekonom', null]);
      const items = new Map(view.items.map((i) => [i.invoiceId, i]));
      assert.equal(items.get(withOcr.id)!.reference, withOcr.ocr);
      assert.equal(items.get(withOcr.id)!.account, `bankgiro ${withOcr.supplier.bankgiro}`);
      assert.equal(items.get(noOcr.id)!.account, `bankgiro ${noOcr.supplier.bankgiro}`);
      assert.equal(items.get(noOcr.id)!.reference, `Faktura ${noOcr.number}`);

      const mid = await f.snapshot();
      const own = await f.api('ekonom', 'POST', `/api/payments/proposals/${proposalId}/approve`);
      assert.equal(own.status, 403, own.raw);
      assert.match(own.body.error!.message, /eget betalningsförslag/);
      assert.equal((await f.api('attestant', 'POST', `/api/payments/proposals/${proposalId}/approve`)).status, 403);
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${proposalId}/file`)).status, 409, 'no file before approval');
      assert.equal((await f.api('ekonomichef', 'POST', '/api/payments/proposals/pay_nosuch/approve')).status, 404);
      await f.assertUnchanged(mid, 'refused approvals');
      // The database keeps four eyes too: the proposer can never be the approver.
      await assert.rejects(f.sql(`UPDATE payment_proposals SET status = 'approved', approved_by = created_by, approved_at = now() WHERE id = $1`, [proposalId]), /check/i);
      await f.assertUnchanged(mid, 'four-eyes CHECK');

      const ok = await f.api('ekonomichef', 'POST', `/api/payments/proposals/${proposalId}/approve`);
      assert.equal(ok.status, 200, ok.raw);
      const approved = await proposal(proposalId);
      assert.deepEqual([approved.status, approved.approvedBy], ['approved', 'ekonomichef']);
      assert.equal((await f.api('ekonomichef', 'POST', `/api/payments/proposals/${proposalId}/approve`)).status, 409, 'approved twice');
    });

    test('the payment file: XSD-valid pain.001.001.03, NbOfTxs/CtrlSum, BGNR + 9900, SCOR for OCR; a second file → 409', async (tc) => {
      const r = await f.api('ekonom', 'POST', `/api/payments/proposals/${proposalId}/file`);
      assert.equal(r.status, 201, r.raw);
      assert.deepEqual([r.body.payments, r.body.total], [2, kr(sum(mine))]);
      const dl = await f.download('ekonom', `/api/payments/proposals/${proposalId}/file`);
      assert.equal(dl.status, 200);
      const { readFileSync } = await import('node:fs');
      assert.ok(readFileSync(String(r.body.file)).equals(dl.bytes), 'the file on disk = the download');
      const xml = dl.bytes.toString('utf8');
      assert.equal(xmlTexts(xml, 'NbOfTxs')[0], '2', 'group header');
      assert.equal(xmlTexts(xml, 'CtrlSum')[0], kr(sum(mine)));
      // Per batch (execution date): its own count and sum.
      const batches = xml.split('<PmtInf>').slice(1);
      assert.equal(batches.reduce((a, b) => a + Number(xmlTexts(b, 'NbOfTxs')[0]), 0), 2);
      assert.equal(batches.reduce((a, b) => a + ore(xmlTexts(b, 'CtrlSum')[0]!), 0n), sum(mine));
      const [withOcr, noOcr] = mine as [PostedInvoice, PostedInvoice];
      const tx = (inv: PostedInvoice) => xml.split('<CdtTrfTxInf>').slice(1).find((x) => x.includes(`<Id>${inv.supplier.bankgiro}</Id>`))!;
      for (const inv of mine) {
        const x = tx(inv);
        assert.ok(x, `a transaction to bankgiro ${inv.supplier.bankgiro}`);
        assert.match(x, /<Prtry>BGNR<\/Prtry>/);
        assert.match(x, /<MmbId>9900<\/MmbId>/);
        assert.match(x, new RegExp(`<InstdAmt Ccy="SEK">${kr(inv.grossOre).replace('.', '\\.')}</InstdAmt>`));
      }
      assert.match(tx(withOcr), new RegExp(`<Cd>SCOR</Cd>[\\s\\S]*<Ref>${withOcr.ocr}</Ref>`));
      assert.doesNotMatch(tx(noOcr), /SCOR/);
      assert.match(tx(noOcr), new RegExp(`<Ustrd>Faktura ${noOcr.number}</Ustrd>`));
      // The debtor: the municipality's bankgiro.
      assert.match(xml, /<DbtrAcct>[\s\S]*<Id>50501055<\/Id>[\s\S]*<\/DbtrAcct>/);

      const dir = standardsOrSkip(tc);
      if (dir) {
        const tmp = mkdtempSync(join(tmpdir(), 'avrop-pain-'));
        try {
          writeFileSync(join(tmp, 'pain.xml'), dl.bytes);
          const v = spawnSync('xmllint', ['--noout', '--schema', join(dir, 'iso20022/python-sepaxml/sepaxml/schemas/pain.001.001.03.xsd'), join(tmp, 'pain.xml')], { encoding: 'utf8' });
          assert.ok(!v.error, `xmllint: ${String(v.error)}`);
          assert.equal(v.status, 0, v.stderr);
          assert.match(v.stderr, /validates/);
        } finally { rmSync(tmp, { recursive: true, force: true }); }
      }

      const before = await f.snapshot();
      const files = paymentFiles();
      const again = await f.api('ekonom', 'POST', `/api/payments/proposals/${proposalId}/file`);
      assert.equal(again.status, 409, again.raw);
      await f.assertUnchanged(before, 'second payment file');
      assert.deepEqual(paymentFiles(), files);
      assert.ok((await f.download('ekonom', `/api/payments/proposals/${proposalId}/file`)).bytes.equals(dl.bytes), 'downloads again byte-identical');
      assert.deepEqual((await proposal(proposalId)).items.map((i) => i.status), ['in_file', 'in_file']);
    });

    test('an invoice in a file is never proposed again; the unique index refuses a second active payment item', async () => {
      const before = await f.snapshot();
      const again = await propose('2099-12-31');
      assert.equal(again.status, 409, again.raw);
      await f.assertUnchanged(before, 'proposing again');
      const inv = mine[0]!;
      await assert.rejects(f.tx(async (tx) => {
        await tx.query(`INSERT INTO payment_proposals (id, tenant_id, number, until_date, total_ore, invoice_count) VALUES ('pay_test_dup', $1, 9999, '2099-12-31', 1, 1)`, [tx.tenantId]);
        await tx.query(`INSERT INTO payment_items (id, tenant_id, proposal_id, invoice_id, supplier_id, amount_ore, end_to_end_id, account_id, account_type, account_number, reference_kind, reference, invoice_version)
                        SELECT 'pit_test_dup', tenant_id, 'pay_test_dup', invoice_id, supplier_id, amount_ore, 'X-1', account_id, account_type, account_number, reference_kind, reference, invoice_version FROM payment_items WHERE invoice_id = $1`, [inv.id]);
      }), /duplicate key|unique/i);
      await f.assertUnchanged(before, 'second payment item');
      // Open items show it as in payment.
      const items = (await f.api('ekonom', 'GET', '/api/ledger/open-items')).body as unknown as { invoiceId: string; inPayment: boolean }[];
      assert.equal(items.find((x) => x.invoiceId === inv.id)?.inPayment, true);
    });
  });

  describe('changed after the proposal: nothing is written', () => {
    test('an invoice whose version changed → file 409, nothing written; cancel → back in the queue', async () => {
      await f.settle();
      const inv = await f.approved({ dueDate: plusDays(today, 5) });
      const p = await propose();
      assert.equal(p.status, 201, p.raw);
      const id = String(p.body.proposal);
      assert.equal((await f.api('ekonomichef', 'POST', `/api/payments/proposals/${id}/approve`)).status, 200);
      await f.sql('UPDATE invoices SET version = version + 1 WHERE id = $1', [inv.id]);
      const before = await f.snapshot();
      const files = paymentFiles();
      const r = await f.api('ekonom', 'POST', `/api/payments/proposals/${id}/file`);
      assert.equal(r.status, 409, r.raw);
      assert.match(JSON.stringify(r.body.error?.details), /ändrats efter förslaget/);
      await f.assertUnchanged(before, 'refused file');
      assert.deepEqual(paymentFiles(), files);
      assert.equal((await f.download('ekonom', `/api/payments/proposals/${id}/file`)).status, 404);
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${id}/cancel`)).status, 200);
      const again = await propose();
      assert.equal(again.status, 201, again.raw);
      assert.deepEqual((await proposal(String(again.body.proposal))).items.map((i) => i.invoiceId), [inv.id]);
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${String(again.body.proposal)}/cancel`)).status, 200);
    });

    test("the supplier's account ended between proposal and file (supplier API) → file 409, nothing written", async () => {
      await f.settle();
      const s = f.reserve();
      const inv = await f.approved({ supplier: s, dueDate: plusDays(today, 5) });
      const p = await propose();
      assert.equal(p.status, 201, p.raw);
      const id = String(p.body.proposal);
      assert.equal((await f.api('ekonomichef', 'POST', `/api/payments/proposals/${id}/approve`)).status, 200);
      const sup = (await f.api('fakturahanterare', 'GET', `/api/suppliers/${s.id}`)).body as unknown as { accounts: { id: string; number: string }[] };
      const acc = sup.accounts.find((a) => a.number === s.bankgiro)!;
      const end = await f.api('fakturahanterare', 'DELETE', `/api/suppliers/${s.id}/accounts/${acc.id}`);
      assert.equal(end.status, 200, end.raw);
      const before = await f.snapshot();
      const files = paymentFiles();
      const r = await f.api('ekonom', 'POST', `/api/payments/proposals/${id}/file`);
      assert.equal(r.status, 409, r.raw);
      assert.match(JSON.stringify(r.body.error?.details), /betalkontot har ändrats/);
      await f.assertUnchanged(before, 'refused file');
      assert.deepEqual(paymentFiles(), files);
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${id}/cancel`)).status, 200);
      // No account left: the invoice is held, not proposed — and the hold is kept although nothing was proposed.
      const again = await propose();
      assert.equal(again.status, 409, again.raw);
      assert.equal(again.body.error?.details?.held, 1);
      const holds = (await f.api('ekonom', 'GET', `/api/payments/holds?open=1&invoiceId=${inv.id}`)).body as unknown as Hold[];
      assert.deepEqual(holds.map((h) => [h.reason, h.raisedBy]), [['unverified_account', 'ekonom']]);
      assert.match(holds[0]!.detail, /inget registrerat betalkonto/);
    });
  });

  describe('payment controls: holds', () => {
    test('an invoice stating another bankgiro → account_mismatch hold, excluded; release by the raiser 403, by another with a comment → proposed next time', async () => {
      await f.settle();
      const s = f.supplier();
      const other = '56771231';
      assert.notEqual(other, s.bankgiro);
      const odd = await f.approved({ supplier: s, dueDate: plusDays(today, 5), payment: { bankgiro: other } });
      const normal = await f.approved({ dueDate: plusDays(today, 6) });
      const heldBefore = new Set(((await f.api('ekonom', 'GET', '/api/payments/holds?open=1')).body as unknown as Hold[]).map((h) => h.invoiceId)).size;
      const p = await propose();
      assert.equal(p.status, 201, p.raw);
      assert.deepEqual([p.body.invoices, p.body.held, p.body.total], [1, heldBefore + 1, kr(normal.grossOre)]);
      assert.deepEqual((await proposal(String(p.body.proposal))).items.map((i) => i.invoiceId), [normal.id]);

      const holds = (await f.api('revisor', 'GET', `/api/payments/holds?open=1&invoiceId=${odd.id}`)).body as unknown as Hold[];
      assert.equal(holds.length, 1, JSON.stringify(holds));
      const hold = holds[0]!;
      assert.deepEqual([hold.reason, hold.raisedBy, hold.releasedBy], ['account_mismatch', 'ekonom', null]);
      assert.match(hold.detail, new RegExp(`${other}.*${s.bankgiro}`));
      const all = (await f.api('ekonom', 'GET', '/api/payments/holds')).body as unknown as Hold[];
      assert.ok(all.some((h) => h.id === hold.id));

      const before = await f.snapshot();
      const own = await f.api('ekonom', 'POST', `/api/payments/holds/${hold.id}/release`, { comment: 'Kontrollerat' });
      assert.equal(own.status, 403, own.raw);
      assert.equal((await f.api('ekonomichef', 'POST', `/api/payments/holds/${hold.id}/release`, { comment: '  ' })).status, 400);
      assert.equal((await f.api('attestant', 'POST', `/api/payments/holds/${hold.id}/release`, { comment: 'x' })).status, 403);
      assert.equal((await f.api('ekonomichef', 'POST', '/api/payments/holds/hld_nosuch/release', { comment: 'x' })).status, 404);
      await f.assertUnchanged(before, 'refused releases');

      const rel = await f.api('ekonomichef', 'POST', `/api/payments/holds/${hold.id}/release`, { comment: 'Ringt leverantören: bankgirot på fakturan är fel, betalas till det registrerade.' });
      assert.equal(rel.status, 200, rel.raw);
      const released = ((await f.api('ekonom', 'GET', `/api/payments/holds?invoiceId=${odd.id}`)).body as unknown as Hold[])[0]!;
      assert.deepEqual([released.releasedBy, released.releaseComment?.startsWith('Ringt')], ['ekonomichef', true]);
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/holds/${hold.id}/release`, { comment: 'igen' })).status, 409);
      const next = await propose();
      assert.equal(next.status, 201, next.raw);
      const items = (await proposal(String(next.body.proposal))).items;
      assert.deepEqual(items.map((i) => [i.invoiceId, i.account]), [[odd.id, `bankgiro ${s.bankgiro}`]], 'paid to the registered account');
    });
  });

  describe('reconciliation', () => {
    test('camt.054: paid with the booking date and an LB voucher (2440 debit, 1930 credit); unknown e2e listed; the same file again → 409', async () => {
      await f.settle();
      const a = await f.approved({ dueDate: plusDays(today, 3) });
      const b = await f.approved({ dueDate: plusDays(today, 4) });
      const { proposal: pid } = await f.proposeToFile(soon);
      const pays = await f.paymentsOf(pid);
      assert.equal(pays.length, 2);
      const booking = plusDays(today, -1);
      const xml = f.camt([...pays.map((p) => ({ endToEndId: p.e2e, amountOre: p.amountOre, bookingDate: booking, creditorName: 'Lev' })), { endToEndId: 'NOT-OURS-1', amountOre: 12_345n, bookingDate: booking }]);
      const r = await f.importBank('camt054', xml);
      assert.equal(r.status, 200, r.raw);
      assert.deepEqual([r.body.paid, r.body.unknown, r.body.returned], [2, 1, 0]);
      const items = r.body.items as { endToEndId: string; outcome: string; invoiceIds: string[] }[];
      assert.deepEqual(items.find((i) => i.endToEndId === 'NOT-OURS-1')?.outcome, 'unknown');
      for (const inv of [a, b]) {
        const ap = await apItem(inv.id);
        assert.deepEqual([ap.status, ap.paid_on], ['paid', booking]);
        const pay = pays.find((p) => p.invoiceIds.includes(inv.id))!;
        const vs = (await f.api('ekonom', 'GET', `/api/ledger/vouchers?source=${encodeURIComponent(`payment:${pay.e2e}`)}`)).body as unknown as { id: string; series: string; date: string; rows: { konto: string; debit: string; credit: string }[] }[];
        assert.equal(vs.length, 1);
        assert.equal(vs[0]!.id, ap.payment_voucher_id);
        assert.deepEqual([vs[0]!.series, vs[0]!.date], ['LB', booking]);
        assert.deepEqual(vs[0]!.rows.map((x) => [x.konto, x.debit, x.credit]), [['2440', kr(inv.grossOre), '0.00'], ['1930', '0.00', kr(inv.grossOre)]]);
      }
      const open = (await f.api('ekonom', 'GET', '/api/ledger/open-items')).body as unknown as { invoiceId: string }[];
      assert.ok(!open.some((o) => o.invoiceId === a.id || o.invoiceId === b.id));
      assert.deepEqual((await proposal(pid)).items.map((i) => [i.status, i.paidOn]), [['paid', booking], ['paid', booking]]);

      const before = await f.snapshot();
      const again = await f.importBank('camt054', xml);
      assert.equal(again.status, 409, again.raw);
      await f.assertUnchanged(before, 'the same camt.054 again');
    });

    test('a returned payment (AC01) → the invoice can be proposed again', async () => {
      await f.settle();
      const inv = await f.approved({ dueDate: plusDays(today, 3) });
      const { proposal: pid } = await f.proposeToFile(soon);
      const [pay] = await f.paymentsOf(pid);
      const r = await f.importBank('camt054', f.camt([{ endToEndId: pay!.e2e, amountOre: pay!.amountOre, bookingDate: today, returned: { code: 'AC01', text: 'Fel kontonummer' } }]));
      assert.equal(r.status, 200, r.raw);
      assert.deepEqual([r.body.returned, r.body.paid], [1, 0]);
      assert.match(String((r.body.items as { detail: string }[])[0]!.detail), /AC01 Fel kontonummer/);
      assert.equal((await apItem(inv.id)).status, 'open');
      const again = await propose();
      assert.equal(again.status, 201, again.raw);
      assert.deepEqual((await proposal(String(again.body.proposal))).items.map((i) => i.invoiceId), [inv.id]);
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${String(again.body.proposal)}/cancel`)).status, 200);
    });

    test('a payment returned after it was paid reopens the item and reverses the LB voucher', async () => {
      await f.settle();
      const inv = await f.approved({ dueDate: plusDays(today, 3) });
      const { proposal: pid } = await f.proposeToFile(soon);
      const [pay] = await f.paymentsOf(pid);
      assert.equal((await f.importBank('camt054', f.camt([{ endToEndId: pay!.e2e, amountOre: pay!.amountOre, bookingDate: today }]))).body.paid, 1);
      assert.equal((await apItem(inv.id)).status, 'paid');
      const r = await f.importBank('camt054', f.camt([{ endToEndId: pay!.e2e, amountOre: pay!.amountOre, bookingDate: today, returned: { code: 'AC04', text: 'Kontot avslutat' } }]));
      assert.equal(r.status, 200, r.raw);
      assert.equal(r.body.returned, 1);
      const ap = await apItem(inv.id);
      assert.deepEqual([ap.status, ap.paid_on, ap.payment_voucher_id], ['open', null, null]);
      const [net] = await f.sql<{ n: string }>(`SELECT coalesce(sum(r.amount_ore), 0)::text AS n FROM voucher_rows r JOIN vouchers v ON v.id = r.voucher_id WHERE v.series = 'LB' AND r.konto = '1930' AND (v.source_id = $1 OR v.source_id LIKE $2)`, [`payment:${pay!.e2e}`, `return:${pay!.e2e}:%`]);
      assert.equal(net!.n, '0', 'payment and return cancel on the bank account');
    });

    test('pain.002 with RJCT for one transaction → that invoice back in the queue, the other stays in the file', async () => {
      await f.settle();
      const a = await f.approved({ dueDate: plusDays(today, 3) });
      const b = await f.approved({ dueDate: plusDays(today, 3) });
      const { proposal: pid, xml } = await f.proposeToFile(soon);
      const msgId = xmlTexts(xml, 'MsgId')[0]!;
      const pays = await f.paymentsOf(pid);
      const rejected = pays.find((p) => p.invoiceIds.includes(a.id))!;
      const accepted = pays.find((p) => p.invoiceIds.includes(b.id))!;
      const pmtInfId = xmlTexts(xml, 'PmtInfId')[0]!;
      const report = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
  <CstmrPmtStsRpt>
    <GrpHdr><MsgId>STS-${Date.now()}</MsgId><CreDtTm>${today}T10:00:00</CreDtTm></GrpHdr>
    <OrgnlGrpInfAndSts><OrgnlMsgId>${msgId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>${pmtInfId}</OrgnlPmtInfId>
      <TxInfAndSts><OrgnlEndToEndId>${rejected.e2e}</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC01</Cd></Rsn><AddtlInf>Bankgironumret är stängt</AddtlInf></StsRsnInf></TxInfAndSts>
      <TxInfAndSts><OrgnlEndToEndId>${accepted.e2e}</OrgnlEndToEndId><TxSts>ACCP</TxSts></TxInfAndSts>
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>`;
      const r = await f.importBank('pain002', report);
      assert.equal(r.status, 200, r.raw);
      assert.equal(r.body.rejected, 1);
      const items = r.body.items as { endToEndId: string; outcome: string }[];
      assert.deepEqual(items.map((i) => [i.endToEndId, i.outcome]).sort(), [[rejected.e2e, 'rejected'], [accepted.e2e, 'accepted']].sort());
      const view = await proposal(pid);
      assert.deepEqual(Object.fromEntries(view.items.map((i) => [i.invoiceId, i.status])), { [a.id]: 'returned', [b.id]: 'in_file' });
      const again = await propose();
      assert.equal(again.status, 201, again.raw);
      assert.deepEqual((await proposal(String(again.body.proposal))).items.map((i) => i.invoiceId), [a.id]);
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${String(again.body.proposal)}/cancel`)).status, 200);
      // The accepted one is paid when the bank's camt.054 comes.
      assert.equal((await f.importBank('camt054', f.camt([{ endToEndId: accepted.e2e, amountOre: accepted.amountOre, bookingDate: today }]))).body.paid, 1);
    });

    test('malformed XML, an entity bomb, a wrong document, a wrong role → refused and nothing stored', async () => {
      const before = await f.snapshot();
      const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&lol4;</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn></Document>`;
      for (const [kind, body, what] of [
        ['camt054', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>', 'truncated'],
        ['camt054', 'inte xml alls', 'not XML'],
        ['camt054', bomb, 'entity bomb'],
        ['pain002', bomb.replace('camt.054.001.02', 'pain.002.001.03'), 'entity bomb (pain.002)'],
        ['pain002', f.camt([{ endToEndId: 'X', amountOre: 100n, bookingDate: today }]), 'a camt.054 sent as pain.002'],
        ['camt054', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>', 'a pain.001 sent as camt.054'],
      ] as const) {
        const r = await f.importBank(kind, body);
        assert.equal(r.status, 400, `${what}: ${r.raw.slice(0, 300)}`);
        await f.assertUnchanged(before, what);
      }
      const wrongRole = await f.importBank('camt054', f.camt([{ endToEndId: 'X', amountOre: 100n, bookingDate: today }]), 'fakturahanterare');
      assert.equal(wrongRole.status, 403);
      const json = await (await f.h.as('ekonom')).request('POST', '/api/payments/imports/camt054', { xml: '<x/>' });
      assert.equal(json.status, 415, json.raw);
      await f.assertUnchanged(before, 'refused imports');
    });
  });

  describe('late-payment cost', () => {
    test('paid 10 days late: interest = gross × (reference rate + 8 %) × 10/365 to the öre, + 450 kr; the on-time one counts as on time', async () => {
      await f.settle();
      // A due date whose 10 following days lie in one half-year (one reference rate), at least 3 weeks back.
      let due = plusDays(today, -25);
      const half = (d: string) => `${d.slice(0, 4)}-${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`;
      while (half(plusDays(due, 1)) !== half(plusDays(due, 10))) due = plusDays(due, -5);
      const paidLate = plusDays(due, 10);
      const late = await f.approved({ issueDate: plusDays(due, -30), dueDate: due });
      const onTime = await f.approved({ issueDate: plusDays(due, -30), dueDate: plusDays(due, 2) });
      const { proposal: pid } = await f.proposeToFile(soon);
      const pays = await f.paymentsOf(pid);
      assert.equal(pays.length, 2);
      const e2e = (inv: PostedInvoice) => pays.find((p) => p.invoiceIds.includes(inv.id))!;
      const r = await f.importBank('camt054', f.camt([
        { endToEndId: e2e(late).e2e, amountOre: late.grossOre, bookingDate: paidLate },
        { endToEndId: e2e(onTime).e2e, amountOre: onTime.grossOre, bookingDate: onTime.dueDate },
      ]));
      assert.equal(r.body.paid, 2, r.raw);

      // Independently: the reference rate in force from the day after the due date, + 8 points, simple interest.
      const ref = [...referenceRates].filter((x) => x.from <= plusDays(due, 1)).at(-1)!;
      const rateHundredths = BigInt(Math.round(Number(ref.rate) * 100)) + 800n;
      const num = late.grossOre * rateHundredths * 10n;
      const den = 100n * 100n * 365n;
      const interest = (2n * num + den) / (2n * den); // half up
      const from = plusDays(due, -1);
      const to = plusDays(due, 11);
      assert.ok(to < today, 'the window leaves out what settle() paid today');
      const rep = await f.api('revisor', 'GET', `/api/payments/late-cost?from=${from}&to=${to}`);
      assert.equal(rep.status, 200, rep.raw);
      const totals = rep.body.totals as { paid: number; onTime: number; late: number; shareOnTime: number; interest: string; fees: string; total: string };
      assert.deepEqual(totals, { paid: 2, onTime: 1, late: 1, shareOnTime: 0.5, interest: kr(interest), fees: '450.00', total: kr(interest + 45_000n) });
      const rows = rep.body.rows as { paid: number; late: number; interest: string; forvaltning: string }[];
      assert.equal(rows.reduce((a, x) => a + x.paid, 0), 2);
      assert.equal(rows.reduce((a, x) => a + ore(x.interest), 0n), interest);
      assert.equal((await f.api('revisor', 'GET', '/api/payments/late-cost?from=2026-01-01')).status, 400);
    });
  });

  describe('races', () => {
    test('two concurrent proposals: an invoice is never in both', async () => {
      await f.settle();
      const mine = [await f.approved({ dueDate: plusDays(today, 2) }), await f.approved({ dueDate: plusDays(today, 3) }), await f.approved({ dueDate: plusDays(today, 4) })];
      const [c1, c2] = [await f.h.fresh('ekonom'), await f.h.fresh('ekonomichef')];
      const rs = await Promise.all([c1.request('POST', '/api/payments/proposals', { until: soon }), c2.request('POST', '/api/payments/proposals', { until: soon })]);
      const ok = rs.filter((r) => r.status === 201);
      assert.ok(ok.length >= 1, rs.map((r) => r.raw).join('\n'));
      for (const r of rs) assert.ok(r.status === 201 || (r.status === 409 && /Inga fakturor/.test(r.body.error!.message)), r.raw);
      const sets = await Promise.all(ok.map(async (r) => (await proposal(String(r.body.proposal))).items.map((i) => i.invoiceId)));
      const all = sets.flat();
      assert.equal(new Set(all).size, all.length, 'no invoice in two proposals');
      assert.deepEqual([...all].sort(), mine.map((m) => m.id).sort());
      for (const r of ok) assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${String(r.body.proposal)}/cancel`)).status, 200);
    });

    test('two eligible people approve the same proposal at once: one 200, one 409', async () => {
      await f.settle();
      await f.approved({ dueDate: plusDays(today, 2) });
      // Made by the system (a scheduled run): both ekonom and ekonomichef may approve it.
      const made = await f.tx((tx) => createProposal(tx, systemPerson, { until: soon }));
      const [c1, c2] = [await f.h.fresh('ekonom'), await f.h.fresh('ekonomichef')];
      const rs = await Promise.all([c1.request('POST', `/api/payments/proposals/${made.proposal}/approve`), c2.request('POST', `/api/payments/proposals/${made.proposal}/approve`)]);
      assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409], rs.map((r) => r.raw).join('\n'));
      const view = await proposal(made.proposal);
      assert.equal(view.status, 'approved');
      assert.equal(view.approvedBy, rs[0]!.status === 200 ? 'ekonom' : 'ekonomichef');
      assert.equal(view.createdBy, 'system');
      // The system may make the file (without a person), but never approve.
      assert.equal((await f.api('ekonom', 'POST', `/api/payments/proposals/${made.proposal}/file`)).status, 201);
    });
  });
});
