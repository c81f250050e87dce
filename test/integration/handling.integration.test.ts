// Invoice handling through the HTTP API: routing (koppling) by reference code, note, accounting cost,
// supplier rule and by hand; coding with exact VAT distribution and a balanced voucher; the attest
// (granskning, beslutsattest per ansvar, limits, substitutes); returns and disputes; "Mina uppgifter".
// Every refused request is checked to have changed nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';
import { Handling, ore } from '../support/handling.ts';
import { todayInStockholm } from '../../src/platform/dates.ts';

const sum = (xs: string[]) => xs.reduce((a, x) => a + ore(x), 0n);
const plusDays = (iso: string, n: number) => { const d = new Date(`${iso}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };

describe(`invoice handling on ${testDbKind}`, () => {
  let t: TestApp;
  let h: Handling;

  before(async () => {
    t = await createTestApp();
    h = await new Handling(t).init();
  });
  after(() => t.close());

  describe('routing', () => {
    test('buyer reference "KS4411": routed to bestallare, coded from the supplier rule with ansvar 4411, waiting for review', async () => {
      const s = h.freshSupplier();
      const id = await h.ingest({ supplier: s, buyerReference: 'KS4411' });
      const d = await h.get(id);
      assert.equal(d.status, 'to_review');
      assert.equal(d.routing.method, 'buyer-reference');
      assert.equal(d.routing.username, 'bestallare');
      assert.equal(d.routing.referenceCode, 'KS4411');
      assert.equal(d.assignedTo?.username, 'bestallare');
      assert.deepEqual(d.coding.map((r) => [r.konto, r.ansvar, r.amount]), [[s.konto, '4411', '1392.00']]);
      assert.equal(sum(d.coding.map((r) => r.vatAmount)), ore(d.vatAmount));
      assert.ok(d.voucher);
      assert.equal(d.voucher.debit, d.voucher.credit);
      assert.equal(d.voucher.credit, d.grossAmount);
      assert.equal(typeof d.version, 'number');
      assert.ok((await h.tasks('bestallare')).some((x) => x.invoiceId === id && x.type === 'review'));
    });

    test('a messy buyer reference "Ref: ks 4411 Anna" finds the same code', async () => {
      const d = await h.get(await h.ingest({ buyerReference: 'Ref: ks 4411 Anna' }));
      assert.equal(d.status, 'to_review');
      assert.deepEqual([d.routing.method, d.routing.username, d.routing.referenceCode], ['buyer-reference', 'bestallare', 'KS4411']);
      assert.equal(d.coding[0]!.ansvar, '4411');
    });

    test('a code only in the invoice note, or only in the accounting cost (BT-19), routes too', async () => {
      const byNote = await h.get(await h.ingest({ buyerReference: 'Anna Berg', note: 'Beställt av KS 4411, Ekonomienheten' }));
      assert.equal(byNote.status, 'to_review');
      assert.deepEqual([byNote.routing.method, byNote.routing.username, byNote.routing.referenceCode, byNote.routing.detail], ['buyer-reference', 'bestallare', 'KS4411', 'Fakturans notering']);
      const byCost = await h.get(await h.ingest({ buyerReference: 'Maja', accountingCost: 'SN5120' }));
      assert.equal(byCost.status, 'to_review');
      assert.deepEqual([byCost.routing.method, byCost.routing.username, byCost.routing.referenceCode, byCost.routing.detail], ['buyer-reference', 'omsorg', 'SN5120', 'Köparens bokföringsreferens']);
      assert.equal(byCost.coding[0]!.ansvar, '5120');
    });

    test('an unknown reference waits for identification in accounts payable\'s tasks, nobody else\'s', async () => {
      const id = await h.ingest({ buyerReference: 'XY9999 Okänd' });
      const d = await h.get(id);
      assert.equal(d.status, 'to_identify');
      assert.equal(d.routing.method, null);
      assert.equal(d.routing.username, null);
      assert.equal(d.assignedTo, null);
      assert.deepEqual(d.coding, []);
      assert.equal(d.voucher, null);
      const task = (await h.tasks('fakturahanterare')).find((x) => x.invoiceId === id);
      assert.equal(task?.type, 'identify');
      assert.ok(!(await h.tasks('bestallare')).some((x) => x.invoiceId === id));
    });

    test('assign by reference code: routed by hand to its person and coded with its ansvar; bad assignments change nothing', async () => {
      const id = await h.ingest({ buyerReference: 'Ingen kod' });
      const before = await h.snapshot(id);
      assert.equal(before.status, 'to_identify');
      for (const [who, body, status] of [
        ['bestallare', { referenceCode: 'SN5110' }, 403],
        ['fakturahanterare', { referenceCode: 'SN5110', username: 'omsorg' }, 400],
        ['fakturahanterare', {}, 400],
        ['fakturahanterare', { referenceCode: 'ZZ0000' }, 400],
        ['fakturahanterare', { username: 'nosuchuser' }, 400],
        ['fakturahanterare', { referenceCode: 'SN5110', version: before.version - 1 }, 409],
        ['fakturahanterare', { referenceCode: 'SN5110', extra: true }, 400],
      ] as const) {
        const r = await h.post(who, id, 'assign', body);
        assert.equal(r.status, status, `${who} ${JSON.stringify(body)}: ${r.raw}`);
        await h.assertUnchanged(id, before, JSON.stringify(body));
      }
      const r = await h.post('fakturahanterare', id, 'assign', { referenceCode: 'sn 5110', version: before.version });
      assert.equal(r.status, 200, r.raw);
      const d = await h.get(id);
      assert.equal(d.status, 'to_review');
      assert.deepEqual([d.routing.method, d.routing.username, d.routing.referenceCode], ['manual', 'omsorg', 'SN5110']);
      assert.equal(d.coding[0]!.ansvar, '5110');
      assert.ok(d.version > before.version);
      const n = await h.notifications('omsorg');
      assert.ok(n.some((x) => x.invoiceId === id && x.kind === 'assigned'), JSON.stringify(n));
    });

    test('assign with createSupplierRule: the supplier\'s next invoice without a reference follows the rule (and keeps its konto)', async () => {
      const s = h.freshSupplier();
      const first = await h.ingest({ supplier: s, buyerReference: 'Olof' });
      assert.equal((await h.get(first)).status, 'to_identify');
      const r = await h.post('fakturahanterare', first, 'assign', { username: 'skola', createSupplierRule: true });
      assert.equal(r.status, 200, r.raw);
      const d1 = await h.get(first);
      assert.deepEqual([d1.routing.method, d1.routing.username], ['manual', 'skola']);
      const rules = (await (await h.as('fakturahanterare')).request('GET', '/api/supplier-rules')).body as unknown as { supplierId: string; username: string | null; ansvar: string | null; konto: string | null }[];
      const rule = rules.find((x) => x.supplierId === s.id)!;
      assert.equal(rule.username, 'skola');
      assert.equal(rule.ansvar, '6110');
      assert.equal(rule.konto, s.konto, 'the rule keeps the supplier\'s usual konto');
      assert.equal(d1.status, 'to_review', JSON.stringify(d1.coding));
      const next = await h.get(await h.ingest({ supplier: s, buyerReference: 'Olof' }));
      assert.equal(next.routing.method, 'supplier-rule');
      assert.equal(next.routing.username, 'skola');
      assert.equal(next.status, 'to_review');
      assert.deepEqual(next.coding.map((c) => [c.konto, c.ansvar]), [[s.konto, '6110']]);
    });
  });

  describe('coding', () => {
    test('a valid coding is saved: VAT distributed to the öre, voucher balanced, version bumped', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      const v0 = (await h.get(id)).version;
      const rows = [
        { konto: '6430', ansvar: '4411', amount: '1000.00' },
        { konto: '6450', ansvar: '4411', amount: '300.00', vatHandling: 'deductible', verksamhet: '800' },
        { konto: '6420', ansvar: '4410', amount: '92.00', projekt: '90001' },
      ];
      const r = await h.code('bestallare', id, { rows, version: v0 });
      assert.equal(r.status, 200, r.raw);
      const d = await h.get(id);
      assert.equal(d.status, 'to_review');
      assert.equal(d.version, v0 + 1);
      assert.deepEqual(d.coding.map((c) => [c.konto, c.ansvar, c.amount, c.vatHandling, c.dimensions]), [
        ['6430', '4411', '1000.00', 'compensation', {}], ['6450', '4411', '300.00', 'deductible', { verksamhet: '800' }], ['6420', '4410', '92.00', 'compensation', { projekt: '90001' }],
      ]);
      assert.equal(d.vatAmount, '177.57');
      assert.equal(sum(d.coding.map((c) => c.vatAmount)), 17757n);
      // Largest remainder: 177.57 × 1000/1392 = 127.564…, × 300/1392 = 38.269…, × 92/1392 = 11.735…
      assert.deepEqual(d.coding.map((c) => c.vatAmount), ['127.56', '38.27', '11.74']);
      assert.ok(d.voucher);
      assert.equal(d.voucher.debit, d.voucher.credit);
      assert.equal(d.voucher.debit, '1569.57');
      assert.equal(sum(d.voucher.rows.map((x) => x.debit)), sum(d.voucher.rows.map((x) => x.credit)));
      assert.deepEqual(d.voucher.rows.filter((x) => x.kind !== 'expense').map((x) => [x.konto, x.debit, x.credit]), [['2641', '38.27', '0.00'], ['1680', '139.30', '0.00'], ['2440', '0.00', '1569.57']]);
    });

    test('bad codings are refused with a Swedish message and change nothing', async () => {
      const admin = await h.as('admin');
      const created = await admin.request('POST', '/api/dimensions/projekt/values', { code: '90200', name: 'Avslutat projekt', validFrom: '2026-01-01', validTo: '2026-10-31' });
      assert.equal(created.status, 201, created.raw);
      const id = await h.ingest({ buyerReference: 'KS4411', issueDate: '2026-11-02' });
      const before = await h.snapshot(id);
      const ok = { konto: '6430', ansvar: '4411', amount: '1392.00' };
      const cases: [string, string, unknown, number, RegExp | null][] = [
        ['rows do not add up', 'bestallare', { rows: [{ ...ok, amount: '1000.00' }, { ...ok, amount: '300.00' }] }, 400, /summerar till 1\s300,00\skr.*1\s392,00\skr.*skillnad 92,00\skr/],
        ['unknown konto', 'bestallare', { rows: [{ ...ok, konto: '9999' }] }, 400, /9999 finns inte/],
        ['unknown ansvar', 'bestallare', { rows: [{ ...ok, ansvar: '9911' }] }, 400, /9911 finns inte/],
        ['projekt ended before the invoice date (demo 90004)', 'bestallare', { rows: [{ ...ok, projekt: '90004' }] }, 400, /90004 gäller inte 2026-11-02/],
        ['projekt ended before the invoice date (created now)', 'bestallare', { rows: [{ ...ok, projekt: '90200' }] }, 400, /90200 gäller inte 2026-11-02/],
        ['unknown dimension key', 'bestallare', { rows: [{ ...ok, kostnadsstalle: '12' }] }, 400, /Okänd dimension: kostnadsstalle/],
        ['unknown dimension in dimensions', 'bestallare', { rows: [{ ...ok, dimensions: { nosuch: '1' } }] }, 400, /Okänd dimension: nosuch/],
        ['bad field name', 'bestallare', { rows: [{ ...ok, 'Bad-Key': '1' }] }, 400, null],
        ['no rows', 'bestallare', { rows: [] }, 400, /minst en rad/],
        ['bad amount', 'bestallare', { rows: [{ ...ok, amount: '1392.001' }] }, 400, null],
        ['bad vat handling', 'bestallare', { rows: [{ ...ok, vatHandling: 'maybe' }] }, 400, null],
        ['stale version', 'bestallare', { rows: [ok], version: before.version - 1 }, 409, /ändrats/],
        ['another beställare', 'skola', { rows: [ok] }, 403, /mottagaren/],
        ['an attestant', 'attestant', { rows: [ok] }, 403, null],
      ];
      for (const [what, who, body, status, message] of cases) {
        const r = await h.code(who, id, body);
        assert.equal(r.status, status, `${what}: ${r.raw}`);
        if (message) assert.match(r.body.error!.message, message, what);
        await h.assertUnchanged(id, before, what);
      }
      const missing = await h.code('bestallare', 'inv_nosuch', { rows: [ok] });
      assert.equal(missing.status, 404);
    });

    test('accounts payable may code; an approved invoice can no longer be recoded', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      const r = await h.code('fakturahanterare', id, { rows: [{ konto: '6430', ansvar: '4411', amount: '1392.00' }] });
      assert.equal(r.status, 200, r.raw);
      assert.equal((await h.post('bestallare', id, 'review')).status, 200);
      assert.equal((await h.post('attestant', id, 'approve')).status, 200);
      const before = await h.snapshot(id);
      const again = await h.code('fakturahanterare', id, { rows: [{ konto: '6420', ansvar: '4411', amount: '1392.00' }] });
      assert.equal(again.status, 409, again.raw);
      assert.match(again.body.error!.message, /redan attesterad/);
      await h.assertUnchanged(id, before, 'recoding an approved invoice');
    });
  });

  describe('attest', () => {
    test('review by the receiver only; approve not by the receiver, not beyond one\'s right; then approved once', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      let before = await h.snapshot(id);
      const early = await h.post('attestant', id, 'approve');
      assert.equal(early.status, 409, 'approve before review');
      await h.assertUnchanged(id, before, 'approve before review');
      const other = await h.post('samordnare', id, 'review');
      assert.equal(other.status, 403, other.raw);
      await h.assertUnchanged(id, before, 'review by another');
      const stale = await h.post('bestallare', id, 'review', { version: before.version - 1 });
      assert.equal(stale.status, 409);
      await h.assertUnchanged(id, before, 'stale review');

      assert.equal((await h.post('bestallare', id, 'review', { comment: 'Varorna levererade', version: before.version })).status, 200);
      let d = await h.get(id);
      assert.equal(d.status, 'to_approve');
      assert.deepEqual(d.approvals.map((a) => [a.kind, a.username, a.comment]), [['review', 'bestallare', 'Varorna levererade']]);
      assert.deepEqual(d.approvalNeeds.map((n) => [n.ansvar, n.amount, n.approvedBy, n.candidates.map((c) => c.username).sort()]), [['4411', '1569.57', null, ['attestant', 'attestant2']]]);
      assert.equal((await h.post('bestallare', id, 'review')).status, 409, 'a second review');

      before = await h.snapshot(id);
      const own = await h.post('bestallare', id, 'approve');
      assert.equal(own.status, 403);
      assert.match(own.body.error!.message, /eget inköp/);
      await h.assertUnchanged(id, before, 'approval by the receiver');
      const noRight = await h.post('omsorg', id, 'approve');
      assert.equal(noRight.status, 403);
      assert.match(noRight.body.error!.message, /ingen attesträtt för ansvar 4411/);
      await h.assertUnchanged(id, before, 'approval without a right');

      assert.equal((await h.post('attestant', id, 'approve', { comment: 'OK', version: before.version })).status, 200);
      d = await h.get(id);
      assert.equal(d.status, 'approved');
      assert.deepEqual(d.approvals.map((a) => [a.kind, a.username, a.ansvar, a.amount, a.via]), [['review', 'bestallare', null, null, null], ['approve', 'attestant', '4411', '1569.57', 'right']]);
      before = await h.snapshot(id);
      for (const who of ['attestant', 'attestant2']) {
        const twice = await h.post(who, id, 'approve');
        assert.equal(twice.status, 409, `${who}: ${twice.raw}`);
        await h.assertUnchanged(id, before, `approving twice (${who})`);
      }
    });

    test('the reviewer may not approve, even with an attest right for the ansvar', async () => {
      const id = await h.ingest({ buyerReference: 'Ingen kod' });
      assert.equal((await h.post('fakturahanterare', id, 'assign', { username: 'attestant2' })).status, 200);
      assert.equal((await h.code('attestant2', id, { rows: [{ konto: '6430', ansvar: '4411', amount: '1392.00' }] })).status, 200);
      assert.equal((await h.post('attestant2', id, 'review')).status, 200);
      const before = await h.snapshot(id);
      assert.equal(before.status, 'to_approve');
      const r = await h.post('attestant2', id, 'approve');
      assert.equal(r.status, 403, r.raw);
      await h.assertUnchanged(id, before, 'approval by the reviewer');
      assert.ok(!(await h.tasks('attestant2')).some((x) => x.invoiceId === id), 'no approve task for the reviewer');
      assert.ok((await h.tasks('attestant')).some((x) => x.invoiceId === id && x.type === 'approve'));
      assert.equal((await h.post('attestant', id, 'approve')).status, 200);
      assert.equal((await h.get(id)).status, 'approved');
    });

    test('an attestant over the amount limit is refused with the limit in the message', async () => {
      const id = await h.toApprove({ buyerReference: 'KS4411', lines: [{ description: 'Konsultuppdrag', quantity: '1', unitPriceOre: 4_500_000n, vatRate: 25 }] });
      const d0 = await h.get(id);
      assert.equal(d0.grossAmount, '56250.00');
      const before = await h.snapshot(id);
      const r = await h.post('attestant2', id, 'approve');
      assert.equal(r.status, 403, r.raw);
      assert.match(r.body.error!.message, /ansvar 4411 gäller upp till 50\s000,00\skr men beloppet är 56\s250,00\skr/);
      await h.assertUnchanged(id, before, 'approval over the limit');
      assert.ok(!(await h.tasks('attestant2')).some((x) => x.invoiceId === id), 'no task beyond the limit');
      assert.equal((await h.post('attestant', id, 'approve')).status, 200);
      assert.equal((await h.get(id)).status, 'approved');
    });

    test('two ansvar needing two attestants: partly approved, then approved', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      const coded = await h.code('bestallare', id, { rows: [{ konto: '6430', ansvar: '4450', amount: '1000.00' }, { konto: '6420', ansvar: '5110', amount: '392.00' }] });
      assert.equal(coded.status, 200, coded.raw);
      assert.equal((await h.post('bestallare', id, 'review')).status, 200);
      const t1 = await h.tasks('attestant');
      assert.deepEqual(t1.find((x) => x.invoiceId === id)?.ansvar, ['4450']);
      assert.deepEqual((await h.tasks('attestant2')).find((x) => x.invoiceId === id)?.ansvar, ['5110']);
      const v0 = (await h.get(id)).version;
      assert.equal((await h.post('attestant', id, 'approve')).status, 200);
      let d = await h.get(id);
      assert.equal(d.status, 'to_approve', 'partly approved');
      assert.ok(d.version > v0);
      assert.deepEqual(d.approvalNeeds.map((n) => [n.ansvar, n.approvedBy]), [['4450', 'attestant'], ['5110', null]]);
      assert.ok(!(await h.tasks('attestant')).some((x) => x.invoiceId === id), 'attestant is done');
      const before = await h.snapshot(id);
      const again = await h.post('attestant', id, 'approve');
      assert.equal(again.status, 403, again.raw);
      assert.match(again.body.error!.message, /5110/);
      await h.assertUnchanged(id, before, 'attestant again');
      assert.equal((await h.post('attestant2', id, 'approve')).status, 200);
      d = await h.get(id);
      assert.equal(d.status, 'approved');
      assert.deepEqual(d.approvals.filter((a) => a.kind === 'approve').map((a) => [a.ansvar, a.username]).sort(), [['4450', 'attestant'], ['5110', 'attestant2']]);
      assert.equal(sum(d.approvals.filter((a) => a.kind === 'approve').map((a) => a.amount!)), ore(d.grossAmount));
    });

    test('a substitute approves in the absent attestant\'s stead (via substitute), only during the period', async () => {
      const id = await h.toApprove({ buyerReference: 'KS4450' });
      assert.equal((await h.get(id)).routing.username, 'samordnare');
      let before = await h.snapshot(id);
      const outside = await h.post('ekonomichef', id, 'approve');
      assert.equal(outside.status, 403, 'no substitute yet');
      await h.assertUnchanged(id, before, 'approval by a non-substitute');
      const today = todayInStockholm();
      const admin = await h.as('admin');
      const future = await admin.request('POST', '/api/substitutes', { userId: await h.userId('attestant'), substituteUserId: await h.userId('ekonomichef'), validFrom: plusDays(today, 1), validTo: plusDays(today, 10) });
      assert.equal(future.status, 201, future.raw);
      const notYet = await h.post('ekonomichef', id, 'approve');
      assert.equal(notYet.status, 403, 'the period has not begun');
      await h.assertUnchanged(id, before, 'approval before the substitute period');
      const sub = await admin.request('POST', '/api/substitutes', { userId: await h.userId('attestant'), substituteUserId: await h.userId('ekonomichef'), validFrom: today, validTo: plusDays(today, 3) });
      assert.equal(sub.status, 201, sub.raw);
      try {
        assert.ok((await h.tasks('ekonomichef')).some((x) => x.invoiceId === id && x.type === 'approve'));
        before = await h.snapshot(id);
        assert.equal((await h.post('ekonomichef', id, 'approve')).status, 200);
        const d = await h.get(id);
        assert.equal(d.status, 'approved');
        const a = d.approvals.find((x) => x.kind === 'approve')!;
        assert.deepEqual([a.username, a.ansvar, a.via, a.onBehalfOf], ['ekonomichef', '4450', 'substitute', 'attestant']);
      } finally {
        for (const s of [sub, future]) await admin.request('DELETE', `/api/substitutes/${String(s.body.id)}`);
      }
    });
  });

  describe('return and dispute', () => {
    test('returned to accounts payable: back to identification, attests no longer count, accounts payable notified', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      assert.equal((await h.code('bestallare', id, { rows: [{ konto: '6430', ansvar: '4450', amount: '1000.00' }, { konto: '6420', ansvar: '5110', amount: '392.00' }] })).status, 200);
      assert.equal((await h.post('bestallare', id, 'review')).status, 200);
      assert.equal((await h.post('attestant', id, 'approve')).status, 200);
      let before = await h.snapshot(id);
      assert.equal(before.approvals.length, 2);
      for (const [who, body, status] of [
        ['attestant2', {}, 400], ['attestant2', { comment: '   ' }, 400], ['attestant2', { comment: 'x', to: 'nobody' }, 400],
        ['skola', { comment: 'Inte min' }, 403], ['attestant2', { comment: 'Fel', version: before.version - 1 }, 409],
      ] as const) {
        const r = await h.post(who, id, 'reject', body);
        assert.equal(r.status, status, `${who} ${JSON.stringify(body)}: ${r.raw}`);
        await h.assertUnchanged(id, before, `reject ${JSON.stringify(body)}`);
      }
      const r = await h.post('attestant2', id, 'reject', { comment: 'Fel ansvar, ska vara 5120', to: 'handler', version: before.version });
      assert.equal(r.status, 200, r.raw);
      const d = await h.get(id);
      assert.equal(d.status, 'to_identify');
      assert.equal(d.assignedTo, null);
      assert.deepEqual(d.approvals, []);
      assert.deepEqual(d.history.filter((x) => x.kind === 'review' || x.kind === 'approve').map((x) => [x.kind, x.username, x.active]), [['review', 'bestallare', false], ['approve', 'attestant', false]]);
      assert.equal(d.handlingNote, 'Fel ansvar, ska vara 5120');
      const n = (await h.notifications('fakturahanterare')).filter((x) => x.invoiceId === id);
      assert.equal(n.length, 1);
      assert.equal(n[0]!.kind, 'returned');
      assert.match(n[0]!.message, /Fel ansvar, ska vara 5120/);
      assert.ok((await h.tasks('fakturahanterare')).some((x) => x.invoiceId === id && x.type === 'identify'));
      // Assigned again, the earlier attests do not count: the new round starts with a review.
      assert.equal((await h.post('fakturahanterare', id, 'assign', { referenceCode: 'SN5120' })).status, 200);
      const again = await h.get(id);
      assert.equal(again.status, 'to_review');
      assert.deepEqual(again.approvals, []);
      before = await h.snapshot(id);
      const approveNow = await h.post('attestant2', id, 'approve');
      assert.equal(approveNow.status, 409);
      await h.assertUnchanged(id, before, 'approval of a returned invoice');
    });

    test('disputed with the supplier; a return needs a comment; an approved invoice cannot be returned', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      const before = await h.snapshot(id);
      const empty = await h.post('bestallare', id, 'reject', { comment: '', to: 'supplier' });
      assert.equal(empty.status, 400);
      assert.match(empty.raw, /Skriv varför fakturan returneras/);
      await h.assertUnchanged(id, before, 'reject without comment');
      assert.equal((await h.post('bestallare', id, 'reject', { comment: 'Varan kom aldrig', to: 'supplier' })).status, 200);
      const d = await h.get(id);
      assert.equal(d.status, 'disputed');
      assert.ok(d.history.some((x) => x.kind === 'dispute' && x.username === 'bestallare'));
      assert.ok((await h.notifications('fakturahanterare')).some((x) => x.invoiceId === id && x.kind === 'returned' && /bestrider/.test(x.message)));
      const disputed = await h.snapshot(id);
      assert.equal((await h.post('bestallare', id, 'review')).status, 409);
      assert.equal((await h.post('bestallare', id, 'reject', { comment: 'igen' })).status, 409);
      await h.assertUnchanged(id, disputed, 'actions on a disputed invoice');

      const done = await h.toApprove({ buyerReference: 'KS4411' });
      assert.equal((await h.post('attestant', done, 'approve')).status, 200);
      const approved = await h.snapshot(done);
      const late = await h.post('fakturahanterare', done, 'reject', { comment: 'För sent' });
      assert.equal(late.status, 409);
      await h.assertUnchanged(done, approved, 'returning an approved invoice');
    });
  });

  describe('tasks', () => {
    test('approve tasks go to eligible attestants, not to the receiver; sorted by due date', async () => {
      const dues = ['2027-02-10', '2026-12-15', '2027-01-20'];
      const ids: string[] = [];
      for (const dueDate of dues) ids.push(await h.toApprove({ buyerReference: 'KS4411', dueDate }));
      for (const who of ['attestant', 'attestant2']) {
        const tasks = await h.tasks(who);
        const mine = tasks.filter((x) => ids.includes(x.invoiceId));
        assert.equal(mine.length, 3, who);
        assert.ok(mine.every((x) => x.type === 'approve' && x.ansvar.join() === '4411'));
        assert.deepEqual(mine.map((x) => x.dueDate), ['2026-12-15', '2027-01-20', '2027-02-10']);
        const allDues = tasks.map((x) => x.dueDate ?? '9999-12-31');
        assert.deepEqual(allDues, [...allDues].sort(), `${who}'s tasks are sorted by due date`);
      }
      for (const who of ['bestallare', 'omsorg', 'fakturahanterare']) {
        assert.ok(!(await h.tasks(who)).some((x) => ids.includes(x.invoiceId)), `${who} has no task for them`);
      }
      const coded = await h.ingest({ buyerReference: 'KS4411', dueDate: '2026-12-01' });
      const bt = (await h.tasks('bestallare')).find((x) => x.invoiceId === coded);
      assert.equal(bt?.type, 'review');
      const bDues = (await h.tasks('bestallare')).map((x) => x.dueDate ?? '9999-12-31');
      assert.deepEqual(bDues, [...bDues].sort());
      // Approved: the task is gone for everyone.
      assert.equal((await h.post('attestant2', ids[1]!, 'approve')).status, 200);
      assert.ok(!(await h.tasks('attestant')).some((x) => x.invoiceId === ids[1]));
      assert.ok(!(await h.tasks('attestant2')).some((x) => x.invoiceId === ids[1]));
    });

    test('an invoice waiting for coding is a code task for its receiver', async () => {
      const id = await h.ingest({ buyerReference: 'Ingen kod' });
      // Assigned to a person without an ansvar of their own and a supplier rule without one: no complete proposal.
      assert.equal((await h.post('fakturahanterare', id, 'assign', { username: 'ekonom' })).status, 200);
      const d = await h.get(id);
      assert.equal(d.status, 'to_code', JSON.stringify(d.coding));
      assert.deepEqual(d.coding, []);
      assert.ok((await h.tasks('ekonom')).some((x) => x.invoiceId === id && x.type === 'code'));
    });
  });
});
