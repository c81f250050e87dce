// Invoice handling under concurrency (two browsers deciding at once: exactly one wins, the other gets
// 409 and changes nothing) and the daily reminders and escalations counted in Swedish working days.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testDbKind } from '../support/db.ts';
import { Handling } from '../support/handling.ts';
import { withTenant } from '../../src/platform/db/tenant.ts';
import { sendReminders } from '../../src/modules/handling/index.ts';

describe(`invoice handling races and reminders on ${testDbKind}`, () => {
  let t: TestApp;
  let h: Handling;

  before(async () => {
    t = await createTestApp();
    h = await new Handling(t).init();
  });
  after(() => t.close());

  describe('races', () => {
    test('approve and reject at the same time: exactly one succeeds, the other gets 409', async () => {
      for (let round = 0; round < 3; round++) {
        const id = await h.toApprove({ buyerReference: 'KS4411' });
        const [approver, returner] = await Promise.all([h.fresh('attestant'), h.fresh('attestant2')]);
        const [a, r] = await Promise.all([
          approver.request('POST', `/api/invoices/${id}/approve`, { comment: 'OK' }),
          returner.request('POST', `/api/invoices/${id}/reject`, { comment: 'Fel belopp', to: 'handler' }),
        ]);
        assert.deepEqual([a.status, r.status].sort(), [200, 409], `round ${round}: ${a.raw} / ${r.raw}`);
        const d = await h.get(id);
        if (a.status === 200) {
          assert.equal(d.status, 'approved');
          assert.deepEqual(d.approvals.map((x) => [x.kind, x.username]), [['review', 'bestallare'], ['approve', 'attestant']]);
          assert.ok(!d.history.some((x) => x.kind === 'return'));
        } else {
          assert.equal(d.status, 'to_identify');
          assert.deepEqual(d.approvals, []);
          assert.ok(!d.history.some((x) => x.kind === 'approve'));
        }
      }
    });

    test('two eligible attestants approve the same single ansvar at once: one approval is recorded', async () => {
      for (let round = 0; round < 3; round++) {
        const id = await h.toApprove({ buyerReference: 'KS4411' });
        const v = (await h.get(id)).version;
        const [c1, c2] = await Promise.all([h.fresh('attestant'), h.fresh('attestant2')]);
        const results = await Promise.all([
          c1.request('POST', `/api/invoices/${id}/approve`, {}), c2.request('POST', `/api/invoices/${id}/approve`, {}),
        ]);
        assert.deepEqual(results.map((x) => x.status).sort(), [200, 409], results.map((x) => x.raw).join(' / '));
        const d = await h.get(id);
        assert.equal(d.status, 'approved');
        assert.equal(d.version, v + 1);
        const approvals = d.approvals.filter((x) => x.kind === 'approve');
        assert.equal(approvals.length, 1);
        assert.equal(approvals[0]!.username, results[0]!.status === 200 ? 'attestant' : 'attestant2');
        assert.equal(d.history.filter((x) => x.kind === 'approve').length, 1, 'no second approval row, active or not');
      }
    });

    test('two coding saves with the same version: one 200, one 409, the winner\'s rows are kept', async () => {
      for (let round = 0; round < 3; round++) {
        const id = await h.ingest({ buyerReference: 'KS4411' });
        const v = (await h.get(id)).version;
        const [receiver, clerk] = await Promise.all([h.fresh('bestallare'), h.fresh('fakturahanterare')]);
        const mine = [{ konto: '6430', ansvar: '4411', amount: '1392.00' }];
        const theirs = [{ konto: '6420', ansvar: '4410', amount: '692.00' }, { konto: '6450', ansvar: '4411', amount: '700.00' }];
        const [a, b] = await Promise.all([
          receiver.request('PUT', `/api/invoices/${id}/coding`, { rows: mine, version: v }),
          clerk.request('PUT', `/api/invoices/${id}/coding`, { rows: theirs, version: v }),
        ]);
        assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.raw} / ${b.raw}`);
        const loser = a.status === 409 ? a : b;
        assert.equal(loser.body.error?.details?.currentVersion, v + 1);
        const d = await h.get(id);
        assert.equal(d.version, v + 1);
        const winner = a.status === 200 ? mine : theirs;
        assert.deepEqual(d.coding.map((c) => ({ konto: c.konto, ansvar: c.ansvar, amount: c.amount })), winner);
      }
    });

    test('the receiver reviews twice at once: one review', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      const [c1, c2] = await Promise.all([h.fresh('bestallare'), h.fresh('bestallare')]);
      const results = await Promise.all([c1.request('POST', `/api/invoices/${id}/review`, {}), c2.request('POST', `/api/invoices/${id}/review`, {})]);
      assert.deepEqual(results.map((x) => x.status).sort(), [200, 409]);
      const d = await h.get(id);
      assert.equal(d.status, 'to_approve');
      assert.equal(d.history.filter((x) => x.kind === 'review').length, 1);
    });
  });

  describe('reminders', () => {
    const run = (day: string) => withTenant(t.db, h.tenantId, (tx) => sendReminders(tx, day));
    /** Pretends the invoice reached its current status at 10:00 Stockholm time on `day`. */
    const since = (id: string, day: string) => t.db.query(`UPDATE invoices SET status_changed_at = $2::timestamptz WHERE id = $1`, [id, `${day}T10:00:00+01:00`]);
    const mine = async (username: string, id: string, kind?: string) => (await h.notifications(username)).filter((n) => n.invoiceId === id && (!kind || n.kind === kind));

    test('a review waiting 3 working days reminds the receiver; Christmas does not count; no duplicates', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411', issueDate: '2026-11-20', dueDate: '2027-03-31' });
      assert.equal((await h.get(id)).status, 'to_review');
      // Tuesday 22 December: working days after it are 23 Dec, then (julafton, juldagen, annandag jul
      // and the weekend off) 28, 29, 30 Dec, then (nyårsafton, nyårsdagen, weekend) 4 Jan.
      await since(id, '2026-12-22');
      await run('2026-12-23');
      await run('2026-12-28');
      assert.deepEqual(await mine('bestallare', id), [], 'two working days only (23 and 28 December)');
      const r = await run('2026-12-29');
      assert.ok(r.reminders >= 1);
      const reminders = await mine('bestallare', id, 'reminder');
      assert.equal(reminders.length, 1);
      assert.match(reminders[0]!.message, /väntat på dig i 3 arbetsdagar \(förfaller 2027-03-31\)/);
      const again = await run('2026-12-29');
      assert.deepEqual(again, { reminders: 0, escalations: 0 }, 'a second run the same day sends nothing');
      await run('2026-12-30');
      assert.equal((await mine('bestallare', id)).length, 1, 'still one reminder the next day');
      // Escalation after 5 working days: not on nyårsafton or nyårsdagen (4 days), but on 4 January.
      await run('2026-12-31');
      await run('2027-01-01');
      assert.deepEqual(await mine('fakturahanterare', id), [], 'no escalation before the fifth working day');
      await run('2027-01-04');
      const esc = await mine('fakturahanterare', id, 'escalation');
      assert.equal(esc.length, 1);
      assert.match(esc[0]!.message, /har väntat i 5 arbetsdagar/);
      await run('2027-01-05');
      assert.equal((await mine('fakturahanterare', id, 'escalation')).length, 1);
      assert.equal((await h.tasks('bestallare')).find((x) => x.invoiceId === id)?.escalated, true);
      assert.deepEqual(await mine('attestant', id), [], 'the attestants are not reminded of a review');
    });

    test('an approval waiting reminds whoever may approve now, not the receiver; a due date close by escalates at once', async () => {
      const id = await h.toApprove({ buyerReference: 'KS4411', issueDate: '2026-11-20', dueDate: '2027-03-31' });
      await since(id, '2026-11-30');
      await run('2026-12-02');
      assert.deepEqual(await mine('attestant', id), []);
      await run('2026-12-03');
      for (const who of ['attestant', 'attestant2']) {
        const n = await mine(who, id, 'reminder');
        assert.equal(n.length, 1, who);
      }
      assert.deepEqual(await mine('bestallare', id), [], 'not the receiver');

      const soon = await h.ingest({ buyerReference: 'KS4450', issueDate: '2026-11-20', dueDate: '2026-12-04' });
      await since(soon, '2026-12-01');
      await run('2026-12-01');
      const esc = await mine('fakturahanterare', soon, 'escalation');
      assert.equal(esc.length, 1);
      assert.match(esc[0]!.message, /förfaller 2026-12-04 utan attest/);
      assert.deepEqual(await mine('samordnare', soon), [], 'no reminder on the first day');
    });

    test('a returned invoice notifies accounts payable once per return', async () => {
      const id = await h.ingest({ buyerReference: 'KS4411' });
      assert.equal((await h.post('bestallare', id, 'reject', { comment: 'Inte min beställning' })).status, 200);
      const clerks = ['fakturahanterare'];
      for (const c of clerks) assert.equal((await mine(c, id, 'returned')).length, 1);
      assert.equal((await h.post('fakturahanterare', id, 'assign', { referenceCode: 'KS4450' })).status, 200);
      assert.equal((await mine('samordnare', id, 'assigned')).length, 1);
      assert.equal((await h.post('samordnare', id, 'reject', { comment: 'Inte min heller' })).status, 200);
      assert.equal((await mine('fakturahanterare', id, 'returned')).length, 2);
    });
  });
});
